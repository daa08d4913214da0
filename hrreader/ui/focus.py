"""Keyboard focus across the window: F6 from pane to pane, and a Tab order that reads like
the screen.

A person who cannot use a mouse, or who listens with a screen reader, moves with Tab, which
stops at every control: dozens of them, and every link of the page. F6 is the quicker way
between the window's large parts (browsers and most desktop programs use it), and Qt has
no idea of "panes", so the order lives here, in one place, asked of the window each time:
panes that a mode hides, that are not built yet or that show search results instead of
topics are taken as they are at the moment the key is pressed.

Only widgets the window already holds are touched (never a walk of the whole focus chain):
start-up is budgeted, and wrapping every widget of the chain in Python costs time.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt where it is named: after the first paint
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from hrreader.ui.main_window import MainWindow

#: The object name of the action behind the clear button ``setClearButtonEnabled`` adds.
CLEAR_ACTION = "_q_qlineeditclearaction"

Pane = tuple[QWidget, list[QWidget]]


def window_panes(window: MainWindow) -> list[Pane]:
    """The panes in F6 order, each as (its area, the controls that may take the focus).

    Left to right as they sit on the screen, then the toolbar's search field: topics (or the
    search results while there is a query), the page, the resources, the search field.
    """
    search = window.search_panel
    if window.left_stack.currentWidget() is search:
        left: list[QWidget] = [search.list_view, *search.crisis_buttons]
    else:
        left = [window.sidebar]
    resources = window.resources
    return [
        (window.left_stack, left),
        (window.reading_area, [window.reader]),
        (resources, [resources.filter_field, resources.list_view]),
        (window.toolbar, [window.search_field]),
    ]


def cycle_panes(window: MainWindow, step: int = 1) -> QWidget | None:
    """Move the focus to the next (``step`` 1) or previous (-1) pane that is on screen,
    wrapping around; returns the widget that has the focus now (``None``: no pane shows,
    as on the kiosk's start screen)."""
    shown: list[tuple[QWidget, QWidget]] = []
    for area, targets in window_panes(window):
        if not area.isVisible():
            continue
        target = next((t for t in targets if t.isVisible() and t.isEnabled()), None)
        if target is not None:
            shown.append((area, target))
    if not shown:
        return None
    focus = QApplication.focusWidget()
    current = next(
        (
            n
            for n, (area, _target) in enumerate(shown)
            if focus is not None and (focus is area or area.isAncestorOf(focus))
        ),
        None,
    )
    if current is None:  # the focus is in no pane: F6 starts at the first, Shift+F6 the last
        index = 0 if step > 0 else len(shown) - 1
    else:
        index = (current + step) % len(shown)
    target = shown[index][1]
    # As a shortcut would: a line edit selects its text, ready to be typed over.
    target.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
    return target


def settle_tab_order(window: MainWindow) -> None:
    """Tab goes along the toolbar from Quick exit, then the panes from left to right.

    Qt puts widgets in the Tab order as they are made, and toolbar buttons in none at all;
    the search results are made after the page, so without this Tab would jump from the
    topics to the page and back to the results. Toolbar buttons take the focus from Tab
    only (a click leaves it where the person is reading).
    """
    bar = window.toolbar
    stops: list[QWidget] = []
    for action in bar.actions():
        if action.isSeparator():
            continue  # its widget is of a private class; nothing to press
        widget = bar.widgetForAction(action)
        if widget is None:
            continue
        policy = QtCore.Qt.FocusPolicy
        if isinstance(widget, QToolButton) and widget.focusPolicy() == policy.NoFocus:
            widget.setFocusPolicy(policy.TabFocus)
        if widget.focusPolicy() & policy.TabFocus:
            stops.append(widget)
    search = window.search_panel
    stops += [window.sidebar, search.list_view, *search.crisis_buttons, window.reader]
    for first, second in pairwise(stops):
        QWidget.setTabOrder(first, second)


def name_clear_button(edit: QLineEdit, name: str) -> None:
    """Give the clear button of ``edit`` a name: Qt leaves it nameless, so a screen reader
    says only "button". Its tooltip shows the same words."""
    from PySide6.QtGui import QAction  # here: its enums are not needed before the first paint

    action = edit.findChild(QAction, CLEAR_ACTION)
    if action is not None:
        action.setText(name)
