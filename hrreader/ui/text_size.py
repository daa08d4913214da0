"""A minimum text size: "never show me text smaller than N points", for a person with low
vision, everywhere the reader draws words.

Zoom (Ctrl++ and Ctrl+-) makes the page larger; the minimum is a floor under every size
the interface uses: the page's small print (sources, the reviewed date, captions), the
resource card, the topic tree and lists, buttons, labels, and the presentation. It is
applied in three places, because Qt sizes text in three ways:

- the reading pane's and the card's CSS (``theme.reader_css``'s ``min_pt``);
- the application stylesheet (``theme.app_stylesheet``): widgets that take the default size;
- widget stylesheets with sizes of their own (kiosk start screen, presenter view): each
  ``font-size: Npt`` in them is raised to the minimum by ``floor_widget_styles``.

Printed and saved handouts take the same minimum (``export.render_handout``'s ``min_pt``).

Larger words need room: ``WrappingButton`` wraps a long name instead of cutting it off, and
``squeeze_toolbar`` is the toolbar's last resort when even icon-only buttons do not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt where it is named: after the first paint
from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QApplication, QMenu, QPushButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QPaintEvent
    from PySide6.QtWidgets import QToolBar

    from hrreader.ui.settings import SettingsStore

# The start-up paints before it needs the menu, the buttons or the painter below: their Qt
# classes are imported where they are used, since PySide makes a class's enums with it.

#: The choices offered in View > Minimum text size, in points; 0 is "no minimum".
MIN_FONT_CHOICES: tuple[int, ...] = (0, 12, 14, 16, 18, 20)
#: The largest minimum accepted (command line, settings): beyond this nothing fits a screen.
MAX_MIN_FONT = 32.0
#: Widgets whose words take the application's default size, and the resource card, whose
#: text follows its widget's font. Other text browsers are left out: the reading pane and
#: slides size their own text (a widget font would replace the page's).
_FLOORED_WIDGETS = (
    "QLabel, QPushButton, QToolButton, QLineEdit, QTreeView, QListView, QStatusBar, "
    "QMenuBar, QMenu, QToolTip, QCheckBox, QRadioButton, QComboBox, QHeaderView, "
    "QTextBrowser#resourceCard"
)
#: A pattern, compiled on first use (``re`` keeps it): most starts floor nothing.
_FONT_SIZE = r"(font-size:\s*)(\d+(?:\.\d+)?)(pt)"
#: Dynamic properties: a widget's stylesheet as its code set it, and as floored here.
_OWN_QSS = "hrreaderOwnStyleSheet"
_FLOORED_QSS = "hrreaderFlooredStyleSheet"
#: The search field's own minimum width, while squeeze_toolbar has lent some of it.
_FIELD_MINIMUM = "hrreaderFieldMinimum"


def clamp_min_font(points: object) -> float:
    """A minimum text size from settings or the command line: 0 (none) up to ``MAX_MIN_FONT``."""
    try:
        value = float(points)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    if value != value or value <= 0:  # NaN or "off"
        return 0.0
    return round(min(value, MAX_MIN_FONT), 1)


def remembered_min_font(store: SettingsStore, persist: bool) -> float:
    """The minimum text size chosen in an earlier run: personal mode remembers it, the
    other modes start without one."""
    return clamp_min_font(store.get("min_font_size")) if persist else 0.0


def floor_pt(size: float, minimum: float) -> float:
    """``size`` points, or the minimum when that is larger."""
    return max(size, minimum)


def floor_qss(qss: str, minimum: float) -> str:
    """``qss`` with every ``font-size: Npt`` below ``minimum`` raised to it."""
    if minimum <= 0:
        return qss

    def raise_size(match: re.Match[str]) -> str:
        prefix, size, unit = match.groups()
        return match.group(0) if float(size) >= minimum else f"{prefix}{minimum:g}{unit}"

    return re.sub(_FONT_SIZE, raise_size, qss)


def min_font_qss(minimum: float) -> str:
    """The application stylesheet's part: widgets at the default size get the minimum.

    Only added when there is a minimum: widgets with larger sizes of their own keep them,
    because a widget's own (or its window's) stylesheet wins over the application's.
    """
    if minimum <= 0:
        return ""
    return f"\n{_FLOORED_WIDGETS} {{ font-size: {minimum:g}pt; }}\n"


def floor_widget_styles(root: QWidget, minimum: float) -> None:
    """Raise the font sizes in the stylesheets of ``root`` and its children to ``minimum``.

    A widget's own stylesheet is kept (as a property) so a lower minimum, or none, gives
    its sizes back; a stylesheet its code changed since is taken as the new original.
    """
    for widget in (root, *root.findChildren(QWidget)):
        sheet = widget.styleSheet()
        if not sheet:
            continue
        own = widget.property(_OWN_QSS)
        if not isinstance(own, str) or widget.property(_FLOORED_QSS) != sheet:
            own = sheet
        floored = floor_qss(own, minimum)
        widget.setProperty(_OWN_QSS, own)
        widget.setProperty(_FLOORED_QSS, floored)
        if floored != sheet:
            widget.setStyleSheet(floored)


class MinFontMenu(QMenu):
    """View > Minimum text size: "No minimum" or one of ``MIN_FONT_CHOICES`` points.

    Names itself and its choices, and again when the interface language changes; a choice
    calls ``choose(points)``.
    """

    def __init__(
        self, current: float, choose: Callable[[float], None], parent: QWidget | None = None
    ) -> None:
        from PySide6.QtGui import QActionGroup

        super().__init__(parent)
        self.setObjectName("minFontMenu")
        self._group = QActionGroup(self)
        # At most one: a minimum set on the command line may be none of these.
        self._group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.choices: dict[int, QAction] = {}
        for points in MIN_FONT_CHOICES:
            action = self.addAction("")
            action.setObjectName(f"min-font-{points}")
            action.setCheckable(True)
            action.setActionGroup(self._group)
            action.triggered.connect(lambda _checked=False, p=points: choose(float(p)))
            self.choices[points] = action
        self.set_current(current)
        self.retranslate_ui()

    def set_current(self, points: float) -> None:
        """Check the choice for ``points`` (none is checked for a size not offered)."""
        wanted = self.choices.get(round(points)) if float(points).is_integer() else None
        for action in self.choices.values():
            action.setChecked(action is wanted)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("&Minimum text size"))
        for points, action in self.choices.items():
            action.setText(
                self.tr("No minimum") if points == 0 else self.tr("{0} pt").format(points)
            )
            action.setToolTip(
                self.tr("Let text be as small as it is designed")
                if points == 0
                else self.tr("Never show text smaller than {0} points").format(points)
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class WrappingButton(QPushButton):
    """A push button whose words wrap onto another line when the button is narrow (large
    text in a side pane), instead of being cut off at both ends as a QPushButton's are."""

    #: Room around the words, as the application stylesheet's button padding (plus border).
    PADDING = QSize(24, 12)

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _flags(self) -> int:
        qt = QtCore.Qt
        center, wrap = int(qt.AlignmentFlag.AlignCenter), int(qt.TextFlag.TextWordWrap)
        return center | wrap | int(qt.TextFlag.TextShowMnemonic)  # "&&" is one "&"

    def _text_size(self, width: int) -> QSize:
        room = QRect(0, 0, max(width - self.PADDING.width(), 1), 100000)
        return self.fontMetrics().boundingRect(room, self._flags(), self.text()).size()

    def sizeHint(self) -> QSize:
        one_line = self._text_size(100000)
        return QSize(one_line.width() + self.PADDING.width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        widest = max(
            (self.fontMetrics().horizontalAdvance(w) for w in self.text().split()), default=0
        )
        return QSize(widest + self.PADDING.width(), super().minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        needed = self._text_size(width).height() + self.PADDING.height()
        return max(needed, super().sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtWidgets import QStyleOptionButton, QStylePainter

        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # the frame and background only; the words are drawn wrapped
        from PySide6.QtWidgets import QStyle  # when drawn: its enums are costly at start-up

        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        inner = self.rect().adjusted(
            self.PADDING.width() // 2,
            self.PADDING.height() // 2,
            -self.PADDING.width() // 2,
            -self.PADDING.height() // 2,
        )
        painter.drawItemText(
            inner,
            self._flags(),
            self.palette(),
            self.isEnabled(),
            self.text(),
            self.foregroundRole(),
        )


def relax_toolbar(bar: QToolBar, field: QWidget) -> None:
    """Undo ``squeeze_toolbar``: the toolbar's words at their size, the field at its width."""
    if bar.styleSheet():
        bar.setStyleSheet("")
    minimum = field.property(_FIELD_MINIMUM)
    if isinstance(minimum, int):
        field.setMinimumWidth(minimum)
        field.setProperty(_FIELD_MINIMUM, None)


def squeeze_toolbar(
    bar: QToolBar, field: QWidget, available: int, needed: Callable[[], int]
) -> None:
    """The last resort for a toolbar still too wide once every word that may go has gone
    (large text in a narrow window, a kiosk at 1024 pixels): the search field lends room,
    down to a few letters, then the toolbar's words get a point smaller at a time, down to
    the interface's usual size. Words are never cut short ("Salid…ápida"), and "Quick exit"
    and "I'm finished" keep theirs."""
    excess = needed() - available
    if excess <= 0:
        return
    field.setProperty(_FIELD_MINIMUM, field.minimumWidth())
    field.setMinimumWidth(max(field.minimumSizeHint().width(), field.minimumWidth() - excess))
    from PySide6.QtWidgets import QToolButton

    buttons = [b for b in bar.findChildren(QToolButton) if b.isVisibleTo(bar)]
    size = max((b.font().pointSizeF() for b in buttons), default=0.0)
    floor = QApplication.font().pointSizeF()
    while needed() > available and size - 1 >= floor:
        size -= 1
        # In pixels: floor_widget_styles raises point sizes, and this is the one exception.
        pixels = round(size * bar.logicalDpiY() / 72)
        bar.setStyleSheet(f"QToolButton, QLineEdit {{ font-size: {pixels}px; }}")
