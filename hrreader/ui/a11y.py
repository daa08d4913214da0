"""Installs the reading pane's accessible interface (``a11y_page``) with Qt, cheaply.

Qt's own interface for a ``QTextBrowser`` gives a screen reader the page's words only: no
headings or links to list and jump between. ``a11y_page`` gives it those; this module
tells Qt to ask for it. Even naming ``QAccessible`` costs PySide about 4 ms (it makes the
class's enums), so the factory goes in after the pane's first paint, and the interface
classes are imported on the first question, which comes only from assistive technology
(or a test).
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtGui import QAccessibleInterface
    from PySide6.QtWidgets import QTextBrowser

log = logging.getLogger(__name__)

#: A property of the application: set once the factory is installed for it.
INSTALLED = "hrreaderPageAccessible"
#: Widget classes (ReaderView and its subclasses) that get the page interface, by name.
_classes: dict[str, type[QTextBrowser]] = {}


def install_page_accessibility(view: QTextBrowser) -> None:
    """Give ``view`` (and every widget of its class) the page interface, from its first
    paint on (at once for a view without ``firstPainted``). Cheap to call for each view."""
    _classes.setdefault(type(view).__name__, type(view))
    app = QCoreApplication.instance()
    if app is None or app.property(INSTALLED):
        return
    painted = getattr(view, "firstPainted", None)
    if painted is None:
        install_now(view)
    else:
        # After the paint, not in it: Qt may ask for interfaces as the factory goes in.
        painted.connect(lambda: QTimer.singleShot(0, view, partial(install_now, view)))


def install_now(view: QTextBrowser | None = None) -> None:
    """Install the factory (once per application). If assistive technology already holds
    Qt's plain-text interface for ``view`` (it was running before the first paint), that
    one is dropped, so the next question gets the page interface."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    app = QCoreApplication.instance()
    if app is None:
        return
    if not app.property(INSTALLED):
        app.setProperty(INSTALLED, True)
        QAccessible.installFactory(_factory)
    if view is None or not QAccessible.isActive():
        return  # without assistive technology Qt has made no interface yet
    current = QAccessible.queryAccessibleInterface(view)
    if current is None or type(current).__name__ == "PageInterface":
        return
    QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(current))
    parent = view.parentWidget()
    if parent is not None:
        QAccessible.updateAccessibility(QAccessibleEvent(parent, QAccessible.Event.ObjectReorder))


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    """Qt asks with each class name from the most derived up, for every widget; answer only
    for a registered class, and never raise (PySide would leave the error set)."""
    view_class = _classes.get(key)
    if view_class is None or not isinstance(obj, view_class):
        return None
    try:
        from hrreader.ui.a11y_page import PageInterface

        return PageInterface(obj)
    except Exception:  # Qt then uses its own interface: the page's words still reach it
        log.exception("cannot make the reading pane's accessible interface")
        return None
