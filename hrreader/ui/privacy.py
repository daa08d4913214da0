"""Quick exit: a button and two key patterns that hide the reader at once and forget the visit.

The pattern is GOV.UK's "Exit this page": a clearly labelled button, first in the page,
and a shortcut that works from anywhere (Shift three times; here also Escape twice). On
quick exit every window is hidden before anything else happens, then the in-memory
state of the visit is wiped, nothing is written, and the app quits; a mode that may not
quit (the kiosk) resets to its start screen instead.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QClipboard, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolButton, QWidget

from hrreader.ui.theme import Theme

if TYPE_CHECKING:
    from hrreader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: Shift pressed this many times within this many seconds is a quick exit.
SHIFT_PRESSES = 3
SHIFT_SECONDS = 2.0
#: Escape pressed this many times within this many seconds is a quick exit.
ESCAPE_PRESSES = 2
ESCAPE_SECONDS = 1.0
#: One key press reaches the filter several times (its ShortcutOverride, then once per
#: widget it propagates to); repeats of a key not yet released within this time are one press.
_SAME_PRESS_SECONDS = 0.25
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
_OTHER_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def leave_event_loop() -> None:
    """Quit at once. ``QCoreApplication.exit`` asks no window to close, so none saves."""
    QCoreApplication.exit(0)


class QuickExitKeys(QObject):
    """An application-wide event filter that spots Shift x3 and Escape x2; never eats a key.

    Counts presses, not auto-repeats. Any other key in between starts the count again, so
    typing capital letters (Shift, A, Shift, B ...) never adds up to a quick exit. An
    Escape counts only when nothing else used it (it reached the window itself): Escape
    first clears a search, closes the find bar or a box, or leaves a presentation, and a
    quick double Escape with nothing left to close is a quick exit.
    """

    triggered = Signal()

    def __init__(
        self,
        owner: QWidget,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._owner = owner
        self._down: tuple[int, float] | None = None
        self._shifts: list[float] = []
        self._escapes: list[float] = []

    def reset(self) -> None:
        self._down = None
        self._shifts.clear()
        self._escapes.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS:
            if self._owner.isVisible() and belongs_to(watched, self._owner):
                unused = kind == QEvent.Type.KeyPress and watched is self._owner
                self._pressed(event, unused)  # type: ignore[arg-type]
        elif kind == QEvent.Type.KeyRelease:
            self._released(event)  # type: ignore[arg-type]
        return False

    def _pressed(self, event: QKeyEvent, unused: bool) -> None:
        """``unused``: the press reached the window itself, so no widget took it."""
        if event.isAutoRepeat():
            return
        key, now = event.key(), self.clock()
        alone = not (event.modifiers() & _OTHER_MODIFIERS)
        if key == Qt.Key.Key_Escape and alone and unused:
            if self._count(self._escapes, now, ESCAPE_SECONDS, ESCAPE_PRESSES):
                self._fire()
            return
        down = self._down
        if down is not None and down[0] == key and now - down[1] < _SAME_PRESS_SECONDS:
            return  # the same physical press, seen again
        self._down = (key, now)
        if key == Qt.Key.Key_Shift and alone:
            self._escapes.clear()
            if self._count(self._shifts, now, SHIFT_SECONDS, SHIFT_PRESSES):
                self._fire()
        elif key == Qt.Key.Key_Escape and alone:
            self._shifts.clear()  # counted when it reaches the window unused
        else:
            self._shifts.clear()
            self._escapes.clear()

    def _released(self, event: QKeyEvent) -> None:
        if not event.isAutoRepeat() and self._down is not None and self._down[0] == event.key():
            self._down = None

    @staticmethod
    def _count(times: list[float], now: float, within: float, needed: int) -> bool:
        times[:] = [t for t in times if now - t <= within]
        times.append(now)
        return len(times) >= needed

    def _fire(self) -> None:
        self.reset()
        self.triggered.emit()


def belongs_to(target: QObject, window: QWidget) -> bool:
    """True for ``window``, its children, and dialogs opened over it (not other windows)."""
    widget = target if isinstance(target, QWidget) else None
    while widget is not None:
        if widget is window:
            return True
        widget = widget.parentWidget()
    return False


class ClipboardGuard(QObject):
    """Remembers text the reader put on the clipboard, so quick exit can take it off again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._copied = ""
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        clipboard = QGuiApplication.clipboard()
        ours = clipboard.ownsClipboard() or (
            QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        )
        self._copied = clipboard.text() if ours else ""

    def wipe(self) -> bool:
        """Clear the clipboard if it still holds what was copied here; True if it did."""
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:
            return False
        wiped = False
        if clipboard.ownsClipboard() or (self._copied and clipboard.text() == self._copied):
            clipboard.clear(QClipboard.Mode.Clipboard)
            wiped = True
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)  # X11: text selected with the mouse
        self._copied = ""
        return wiped


class QuickExitButton(QToolButton):
    """The "Quick exit" button: labelled in words, reachable by Tab, calm but easy to spot."""

    def __init__(self, action: QAction, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickExitButton")
        self._action = action
        # Words, not an icon: nobody has to guess what it does (GOV.UK's button is words too).
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Toolbar buttons skip Tab by default; this one must be the first stop.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.clicked.connect(action.trigger)
        # The action's text changes with the interface language; the button follows it.
        action.changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.set_theme(theme)

    def retranslate_ui(self) -> None:
        self.setText(self._action.text().replace("&", ""))
        self.setToolTip(self._action.toolTip())
        self.setAccessibleName(self.text())
        self.setAccessibleDescription(
            self.tr("Hides the reader at once and forgets this visit. Shift 3 times also works.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_theme(self, theme: Theme) -> None:
        self.setStyleSheet(quick_exit_qss(theme))


def quick_exit_qss(theme: Theme) -> str:
    """Filled with the accent colour: the one solid button on the bar, without alarm-red."""
    return (
        f"QToolButton#quickExitButton {{ background: {theme.accent}; color: {theme.on_accent};"
        f" border: 1px solid {theme.accent}; border-radius: 6px; padding: 4px 10px;"
        " font-weight: bold; }"
        f"QToolButton#quickExitButton:hover {{ background: {theme.heading};"
        f" border-color: {theme.heading}; }}"
        # Filled with the accent, which is also the focus colour (and a tool button ignores
        # background-clip, so no double ring): with the focus it takes the selection colour
        # inside a focus ring, a change as plain in high contrast as in the other themes.
        f"QToolButton#quickExitButton:focus {{ background: {theme.selection};"
        f" color: {theme.text}; border: 2px solid {theme.focus}; padding: 3px 9px; }}"
    )


class QuickExit(QObject):
    """Hides every window, wipes the visit from memory, then quits (or resets, in a kiosk).

    ``quit`` is injectable (tests pass a recorder); ``on_reset`` is set by a mode that may
    not quit (the kiosk) and shows its start screen again. Components that hold more of a
    visit register a callable in ``wipers`` (a presentation playlist, an open dialog).
    """

    def __init__(
        self,
        window: MainWindow,
        quit: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.quit: Callable[[], None] = quit or leave_event_loop
        self.on_reset: Callable[[], None] | None = None
        self.wipers: list[Callable[[], None]] = []
        self.keys = QuickExitKeys(window, clock, parent=self)
        self.keys.triggered.connect(self.trigger)
        self.clipboard = ClipboardGuard(self)
        self._running = False

    def install(self) -> None:
        """Listen for the key patterns everywhere in the application once the window shows.

        A Python filter costs a little on every event; building the window (thousands of
        polish and layout events, before anyone can press a key) is left alone.
        """
        if self.window.isVisible():
            self._listen()
        else:
            self.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            self.window.removeEventFilter(self)
            self._listen()
        return False

    def _listen(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.keys)

    def trigger(self) -> None:
        if self._running:
            return
        self._running = True
        try:
            hide_all_windows(self.window)  # first, before anything else
            self.wipe()
            if self.window.mode.allow_quit:
                log.debug("quick exit: quitting")
                self.quit()
            elif self.on_reset is not None:
                self.on_reset()
            else:
                self.window.show()
        finally:
            self._running = False

    def wipe(self) -> None:
        """Forget the visit: pages, history, searches, finds, filters, cards, copied text."""
        wipe_session(self.window)
        self.clipboard.wipe()
        for wiper in list(self.wipers):
            try:
                wiper()
            except Exception:  # one broken wiper must not stop the rest
                log.exception("a quick-exit wiper failed")


def hide_all_windows(window: QWidget) -> None:
    """Hide the main window, then every other top-level window (dialogs, menus, tooltips)."""
    window.hide()
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.hide()


def wipe_session(window: MainWindow) -> None:
    """Clear what the visit left in the window's memory; writes nothing anywhere."""
    # setText(""), not clear(): it also empties the field's undo history.
    window.search_field.setText("")
    window.search_panel.model.set_hits([])
    window.search_panel.status.setText("")
    window.find_bar.field.setText("")
    window.find_bar.count_label.setText("")
    window.find_bar.hide()
    window.reader.clear_highlights()
    window.resources.filter_field.setText("")
    window.resources.clear_filters()
    window.resources.set_library(window.library, window.lang)  # no selection, no card
    window.sidebar.reset_view()
    window.clear_page()
    window.statusBar().clearMessage()


def keep_qt_from_writing() -> None:
    """For modes that write nothing: stop Qt's own components from keeping records.

    Qt's file dialog saves its recent folders and history in a user-scope ``QtProject``
    settings file when it closes, and the GTK file dialog adds saved files to
    ``recently-used.xbel``. Point Qt's user-scope settings files at the null device (no
    file can be made there) and use Qt's own dialogs instead of the desktop's. On Windows
    and macOS, Qt's native settings live in the registry and CFPreferences, which this
    cannot redirect; their save dialogs are the system's, which the system may remember.
    """
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, os.devnull)
