"""The waiting-room kiosk: a start screen, idle reset, no way out but the staff PIN.

``KioskController`` is built by ``MainWindow`` when the mode has a start screen. It puts
a start screen (welcome, language, "Start reading") in front of the normal panes, resets
the whole visit when someone walks away ("Are you still reading?") or presses "I'm
finished", keeps the window fullscreen and refuses to close it. Staff leave with
Ctrl+Alt+Shift+X and the PIN set by ``hrreader kiosk-pin``. Nothing of a visit is written.

An application cannot lock a computer by itself; the README's "Kiosk" section shows how
to pair this with the operating system's own kiosk lockdown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hrreader.content.library import Library
from hrreader.content.text import language_name
from hrreader.ui.actions import ActionSpec
from hrreader.ui.kiosk_pin import PinGate, PinResult
from hrreader.ui.motion import calm_scroller
from hrreader.ui.privacy import belongs_to
from hrreader.ui.theme import Theme

if TYPE_CHECKING:
    from hrreader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: The smallest a finger can reliably press, in pixels (WCAG 2.5.5, Apple's HIG).
MIN_TOUCH = 44
#: Seconds the "Are you still reading?" countdown runs before everything resets.
COUNTDOWN_SECONDS = 20
STAFF_EXIT_KEYS = "Ctrl+Alt+Shift+X"


_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


def _is_leave_key(event: QKeyEvent) -> bool:
    """Alt+F4, Ctrl+Q, Ctrl+W: the usual ways to close a window, which a kiosk refuses."""
    combo = QKeySequence(event.keyCombination())
    if event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
        return True
    return any(
        combo.matches(key) == QKeySequence.SequenceMatch.ExactMatch
        for standard in (QKeySequence.StandardKey.Quit, QKeySequence.StandardKey.Close)
        for key in QKeySequence.keyBindings(standard)
    )


# --------------------------------------------------------------------------------------
# Start screen
# --------------------------------------------------------------------------------------
class StartScreen(QWidget):
    """Welcome, the pack's name and organisation, a button per language, "Start reading"."""

    languageChosen = Signal(str)
    startRequested = Signal()

    def __init__(
        self, library: Library, lang: str, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskStartScreen")
        self._library = library
        self._lang = lang
        self.setStyleSheet(_start_qss(theme))

        self.logo = QLabel(self)
        self.logo.setObjectName("kioskLogo")
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.hide()
        logo = library.info.branding.logo
        data = library.read_asset(logo) if logo else None
        if data:
            pixmap = QPixmap()
            if pixmap.loadFromData(QByteArray(data)):
                self.logo.setPixmap(
                    pixmap.scaledToHeight(96, Qt.TransformationMode.SmoothTransformation)
                )
                self.logo.show()

        self.title = QLabel(self)
        self.title.setObjectName("kioskTitle")
        self.organisation = QLabel(self)
        self.organisation.setObjectName("kioskOrganisation")
        self.welcome = QLabel(self)
        self.welcome.setObjectName("kioskWelcome")
        self.language_label = QLabel(self)
        self.language_label.setObjectName("kioskLanguageLabel")
        for label in (self.title, self.organisation, self.welcome, self.language_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)

        self.language_buttons: dict[str, QPushButton] = {}
        self._language_group = QButtonGroup(self)
        self._language_group.setExclusive(True)
        language_row = QHBoxLayout()
        language_row.setSpacing(16)
        language_row.addStretch(1)
        for code in library.languages:
            button = QPushButton(language_name(code), self)
            button.setObjectName("kioskLanguage")
            button.setCheckable(True)
            button.setMinimumSize(180, 64)
            button.clicked.connect(lambda _checked=False, c=code: self.languageChosen.emit(c))
            self._language_group.addButton(button)
            language_row.addWidget(button)
            self.language_buttons[code] = button
        language_row.addStretch(1)

        self.start_button = QPushButton(self)
        self.start_button.setObjectName("kioskStart")
        self.start_button.setMinimumSize(320, 88)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.startRequested)

        self.privacy_note = QLabel(self)
        self.privacy_note.setObjectName("kioskNote")
        self.privacy_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.privacy_note.setWordWrap(True)

        column = QWidget(self)
        column.setObjectName("kioskColumn")
        column.setMaximumWidth(820)
        box = QVBoxLayout(column)
        box.setSpacing(18)
        box.addWidget(self.logo)
        box.addWidget(self.title)
        box.addWidget(self.organisation)
        box.addSpacing(12)
        box.addWidget(self.welcome)
        box.addSpacing(24)
        box.addWidget(self.language_label)
        box.addLayout(language_row)
        box.addSpacing(28)
        box.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(20)
        box.addWidget(self.privacy_note)

        # No alignment flags around the column: they would cost the wrapped labels their
        # height-for-width, and a long title would be cut off.
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 20)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        button = self.language_buttons.get(lang)
        if button is not None:
            button.setChecked(True)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text; run again when the interface language changes."""
        info = self._library.info
        self.title.setText(info.title(self._lang))
        organisation = info.branding.organisation
        self.organisation.setText(self.tr("From {0}").format(organisation) if organisation else "")
        self.organisation.setVisible(bool(organisation))
        self.welcome.setText(
            self.tr(
                "Welcome. Read about staying safer, mental health, sexual health and where to "
                "get help, at your own pace."
            )
        )
        self.language_label.setText(self.tr("Choose your language"))
        self.language_label.setVisible(len(self.language_buttons) > 1)
        for button in self.language_buttons.values():
            button.setVisible(len(self.language_buttons) > 1)
        self.start_button.setText(self.tr("Start reading"))
        self.privacy_note.setText(
            self.tr(
                "Nothing you read here is saved. When you are done, press “I'm finished” and "
                "the screen starts over for the next person."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _start_qss(theme: Theme) -> str:
    return (
        f"QWidget#kioskStartScreen {{ background: {theme.window}; }}"
        f"QLabel#kioskTitle {{ color: {theme.heading}; font-size: 30pt; font-weight: bold; }}"
        f"QLabel#kioskOrganisation {{ color: {theme.muted}; font-size: 14pt; }}"
        f"QLabel#kioskWelcome {{ color: {theme.text}; font-size: 17pt; }}"
        f"QLabel#kioskLanguageLabel {{ color: {theme.muted}; font-size: 13pt; }}"
        f"QLabel#kioskNote {{ color: {theme.muted}; font-size: 12pt; }}"
        f"QPushButton#kioskLanguage {{ font-size: 16pt; border-radius: 10px;"
        f" padding: 8px 24px; background: {theme.page}; color: {theme.text};"
        f" border: 2px solid {theme.border_strong}; }}"
        f"QPushButton#kioskLanguage:checked {{ border: 3px solid {theme.accent};"
        f" background: {theme.selection}; font-weight: bold; }}"
        f"QPushButton#kioskStart {{ font-size: 20pt; font-weight: bold; border-radius: 12px;"
        f" padding: 12px 40px; background: {theme.accent}; color: {theme.on_accent};"
        f" border: 2px solid {theme.accent}; }}"
        # The accent is also the focus colour. A chosen language shows the focus with a double
        # ring in the text colour (its gap in the page colour), in the room of its usual edge
        # and padding; "Start reading", filled with the accent, takes the selection colour
        # inside a focus ring instead, as Quick exit does.
        f"QPushButton#kioskLanguage:focus {{ border: 3px solid {theme.focus};"
        " padding: 7px 23px; }"
        f"QPushButton#kioskLanguage:checked:focus {{ border: 6px double {theme.text};"
        " padding: 5px 21px; background-clip: padding; }"
        f"QPushButton#kioskStart:focus {{ background: {theme.selection}; color: {theme.text};"
        f" border: 3px solid {theme.focus}; padding: 11px 39px; }}"
    )


# --------------------------------------------------------------------------------------
# "Are you still reading?"
# --------------------------------------------------------------------------------------
class IdleOverlay(QWidget):
    """Dims the window and counts down; "Yes, keep reading" or any touch cancels it."""

    keepReading = Signal()
    finishRequested = Signal()
    expired = Signal()

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskIdleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setStyleSheet(_overlay_qss(theme))
        self.remaining = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

        card = QFrame(self)
        card.setObjectName("kioskIdleCard")
        card.setMaximumWidth(640)
        self.heading = QLabel(card)
        self.heading.setObjectName("kioskIdleHeading")
        self.text = QLabel(card)
        self.text.setObjectName("kioskIdleText")
        self.count = QLabel(card)
        self.count.setObjectName("kioskIdleCount")
        for label in (self.heading, self.text, self.count):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_button = QPushButton(card)
        self.keep_button.setObjectName("kioskKeepReading")
        self.keep_button.setMinimumSize(300, 80)
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(self.keepReading)
        self.finish_button = QPushButton(card)
        self.finish_button.setObjectName("kioskIdleFinish")
        self.finish_button.setMinimumSize(220, 56)
        self.finish_button.clicked.connect(self.finishRequested)

        box = QVBoxLayout(card)
        box.setContentsMargins(40, 36, 40, 36)
        box.setSpacing(16)
        box.addWidget(self.heading)
        box.addWidget(self.text)
        box.addWidget(self.count)
        box.addSpacing(8)
        box.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignHCenter)
        card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 20)  # no alignment flag: the wrapped text keeps its full height
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Are you still reading?"))
        self.heading.setText(self.tr("Are you still reading?"))
        self.keep_button.setText(self.tr("Yes, keep reading"))
        self.finish_button.setText(self.tr("I'm finished"))
        if self.remaining:
            self._show_remaining()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, seconds: int) -> None:
        self.remaining = max(1, seconds)
        self.retranslate_ui()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.stop()
            self.expired.emit()
            return
        self._show_remaining()

    def _show_remaining(self) -> None:
        self.text.setText(
            self.tr(
                "To keep your visit private, the screen will start over for the next person "
                "in {0} seconds."
            ).format(self.remaining)
        )
        self.count.setText(str(self.remaining))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 24, 22, 150))
        painter.end()


def _overlay_qss(theme: Theme) -> str:
    return (
        f"QFrame#kioskIdleCard {{ background: {theme.page}; border-radius: 16px;"
        f" border: 1px solid {theme.border_strong}; }}"
        f"QLabel#kioskIdleHeading {{ color: {theme.heading}; font-size: 26pt;"
        " font-weight: bold; }"
        f"QLabel#kioskIdleText {{ color: {theme.text}; font-size: 15pt; }}"
        f"QLabel#kioskIdleCount {{ color: {theme.accent}; font-size: 40pt; font-weight: bold; }}"
        f"QPushButton#kioskKeepReading {{ font-size: 19pt; font-weight: bold;"
        f" border-radius: 12px; padding: 10px 32px; background: {theme.accent};"
        f" color: {theme.on_accent}; border: 2px solid {theme.accent}; }}"
        # Filled with the accent, which is also the focus colour: as "Start reading".
        f"QPushButton#kioskKeepReading:focus {{ background: {theme.selection};"
        f" color: {theme.text}; border: 3px solid {theme.focus}; padding: 9px 31px; }}"
        "QPushButton#kioskIdleFinish { font-size: 14pt; border-radius: 10px; padding: 6px 20px; }"
    )


def _finish_qss(theme: Theme) -> str:
    """ "I'm finished" on the toolbar: edged with the accent; the focus fills it, since the
    accent is also the focus colour and a ring would not show."""
    return (
        f"QToolButton#kioskFinish {{ border: 2px solid {theme.accent};"
        f" color: {theme.heading}; font-weight: bold; border-radius: 8px;"
        " padding: 4px 10px; }"
        f"QToolButton#kioskFinish:focus {{ background: {theme.accent};"
        f" color: {theme.on_accent}; }}"
    )


# --------------------------------------------------------------------------------------
# Staff exit
# --------------------------------------------------------------------------------------
class StaffExitDialog(QDialog):
    """Asks for the staff PIN; locks after too many wrong ones; says how to set one."""

    unlocked = Signal()

    def __init__(self, gate: PinGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskStaffExit")
        self.setModal(True)
        self.setMinimumWidth(520)
        self._gate = gate
        self.message = QLabel(self)
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.field = QLineEdit(self)
        self.field.setObjectName("pinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.returnPressed.connect(self.submit)
        self.exit_button = QPushButton(self)
        self.exit_button.setObjectName("pinExit")
        self.exit_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("pinCancel")
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.exit_button, self.cancel_button):
            button.setMinimumSize(140, 48)
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.exit_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 24, 24, 24)
        box.setSpacing(14)
        box.addWidget(self.message)
        box.addWidget(self.field)
        box.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._note = ""
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Staff exit"))
        self.field.setAccessibleName(self.tr("Staff PIN"))
        self.field.setPlaceholderText(self.tr("Staff PIN"))
        self.exit_button.setText(self.tr("Leave the kiosk"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        if not self._gate.is_set():
            self._timer.stop()
            self.message.setText(
                self.tr(
                    "No staff PIN is set on this computer, so the kiosk cannot be left from "
                    "here.\n\nTo set one, run this command on this computer, then try again:\n"
                    "    hrreader kiosk-pin\n(on Windows: hrreader-cli kiosk-pin)"
                )
            )
            self.field.hide()
            self.exit_button.hide()
            self.cancel_button.setText(self.tr("Close"))
            return
        self.field.show()
        self.exit_button.show()
        self.cancel_button.setText(self.tr("Cancel"))
        locked = self._gate.locked_for()
        if locked > 0:
            self.message.setText(
                self.tr("Too many wrong PINs. Try again in {0} seconds.").format(
                    int(locked + 0.999)
                )
            )
            self.field.setEnabled(False)
            self.exit_button.setEnabled(False)
            self._timer.start()
            return
        self._timer.stop()
        self.field.setEnabled(True)
        self.exit_button.setEnabled(True)
        self.message.setText(self._note or self.tr("Enter the staff PIN to leave the kiosk."))
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> PinResult:
        result = self._gate.attempt(self.field.text())
        self.field.setText("")
        if result is PinResult.OK:
            self._note = ""
            self.unlocked.emit()
            self.accept()
            return result
        if result is PinResult.WRONG:
            self._note = self.tr(
                "That PIN is not right. {0} more tries before the prompt locks for a minute."
            ).format(self._gate.tries_left)
        else:
            self._note = ""
        self.refresh()
        return result


# --------------------------------------------------------------------------------------
# Input watching
# --------------------------------------------------------------------------------------
class KioskInput(QObject):
    """Application-wide filter: notes every input (for idle reset), refuses the close keys."""

    activity = Signal()

    def __init__(self, owner: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owner = owner
        self._pointer: QPoint | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not (kind in _INPUT_EVENTS or kind == QEvent.Type.ShortcutOverride):
            return False
        if not belongs_to(watched, self._owner):
            return False
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and _is_leave_key(
            event  # type: ignore[arg-type]
        ):
            event.accept()
            return True  # Alt+F4, Ctrl+Q, Ctrl+W do nothing here
        if kind in _INPUT_EVENTS and event.spontaneous():
            if kind == QEvent.Type.MouseMove:
                where = event.globalPosition().toPoint()  # type: ignore[attr-defined]
                if where == self._pointer:
                    return False  # Qt re-sending the pointer position is not a person
                self._pointer = where
            self.activity.emit()
        return False


# --------------------------------------------------------------------------------------
# The controller
# --------------------------------------------------------------------------------------
class KioskController(QObject):
    """Everything the kiosk adds to ``MainWindow``; ``reset()`` starts over for the next person."""

    def __init__(self, window: MainWindow, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.mode = window.mode
        self.countdown_seconds = COUNTDOWN_SECONDS
        self.pin_gate = PinGate(clock=clock)
        self.staff_dialog: StaffExitDialog | None = None
        self._was_fullscreen = False
        self._leaving = False
        self._splitter_state: QByteArray | None = None
        self._listening = False
        self._theme_name = window.theme_name

        self._init_window()
        self._init_start_screen()
        self._init_actions()
        self._init_toolbar()
        self._init_touch()
        # Ctrl+Shift+L on the start screen: its title and language buttons follow.
        window.languageChanged.connect(self.start_screen.set_lang)
        self.overlay = IdleOverlay(window.theme, window)
        self.overlay.keepReading.connect(self.keep_reading)
        self.overlay.finishRequested.connect(self.reset)
        self.overlay.expired.connect(self.reset)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._on_idle)
        seconds = self.mode.idle_reset_seconds
        if seconds:
            self.idle_timer.setInterval(int(seconds * 1000))
        self.input = KioskInput(window, self)
        self.input.activity.connect(self._on_activity)
        # Like quick exit's, this filter starts when the window shows, after the flood of
        # events that building it makes.
        window.installEventFilter(self)
        if window.isVisible():
            self._install_input_filter()
        window.quick_exit.on_reset = self._after_quick_exit
        self.show_start_screen()

    # -- building ----------------------------------------------------------------------
    def _install_input_filter(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._leaving and not self._listening:
            app.installEventFilter(self.input)
            self._listening = True

    def _init_window(self) -> None:
        window = self.window
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # Larger interface text. A font set with setFont does not reach the children while
        # the application has a style sheet, so the size goes in a style sheet too. The
        # reading pane sizes its own text (text_scale); the resource card's text follows
        # its widget's font, like the lists'; the toolbar keeps the usual size so that
        # every button fits, in words, on a 1024-pixel screen.
        size = QApplication.font().pointSizeF() * max(1.0, self.mode.text_scale)
        window.setStyleSheet(
            "QPushButton, QLabel, QLineEdit, QTreeView, QListView, QStatusBar,"
            f" QTextBrowser#resourceCard {{ font-size: {size:.1f}pt; }}"
        )

    def _init_start_screen(self) -> None:
        window = self.window
        self.start_screen = StartScreen(window.library, window.lang, window.theme, window)
        self.start_screen.languageChosen.connect(self.choose_language)
        self.start_screen.startRequested.connect(self.start_reading)
        self.content = window.takeCentralWidget()
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("kioskStack")
        self.stack.addWidget(self.start_screen)
        self.stack.addWidget(self.content)
        window.setCentralWidget(self.stack)

    def _init_actions(self) -> None:
        window = self.window
        add = window.actions_registry.add
        finish = add(
            ActionSpec(
                "finish",
                lambda: self.tr("I'm finished"),
                (),
                ":/icons/exit.svg",
                lambda: self.tr(
                    "Start over for the next person: forget everything from this visit"
                ),
            ),
            self.reset,
        )
        staff = add(
            ActionSpec("staff-exit", lambda: self.tr("Staff exit"), (STAFF_EXIT_KEYS,)),
            self.staff_exit,
        )
        staff.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        for action in (finish, staff):
            window.addAction(action)

    def _init_toolbar(self) -> None:
        window = self.window
        toolbar = window.toolbar
        # A line edit's built-in clear button is far smaller than a finger, and there is no
        # room for a bigger one at 1024 pixels: the on-screen keyboard's backspace, or
        # "I'm finished", clear a search.
        for edit in window.findChildren(QLineEdit):
            edit.setClearButtonEnabled(False)
        window.search_field.setMinimumWidth(130)
        for action in toolbar.actions():
            if action.isSeparator():
                action.setVisible(False)  # the big buttons are their own groups; room at 1024
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(window.action("finish"))
        # Arrows, the house and A-/A+ speak for themselves (names read out, and shown as tips):
        # drawing them without words leaves room for the larger text at 1024 pixels wide.
        for action_id in ("back", "forward", "home", "zoom-out", "zoom-in"):
            button = toolbar.widgetForAction(window.action(action_id))
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
                button.setStyleSheet(f"QToolButton {{ padding: 4px; min-width: {MIN_TOUCH}px; }}")
                button.setAccessibleName(window.action(action_id).text().replace("&", ""))
        button = toolbar.widgetForAction(window.action("finish"))
        if button is not None:
            button.setObjectName("kioskFinish")
            button.setStyleSheet(_finish_qss(window.theme))

    def _init_touch(self) -> None:
        """Drag-to-scroll with a finger in every scrolling pane, without coasting on."""
        for area in self.window.findChildren(QAbstractScrollArea):
            QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
            calm_scroller(QScroller.scroller(area.viewport()))

    # -- screens -----------------------------------------------------------------------
    def on_start_screen(self) -> bool:
        return self.stack.currentWidget() is self.start_screen

    def show_start_screen(self) -> None:
        self.stack.setCurrentWidget(self.start_screen)
        self.window.toolbar.hide()
        self.window.statusBar().hide()
        self.start_screen.set_lang(self.window.lang)
        self.start_screen.start_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._restart_idle()

    def start_reading(self) -> None:
        window = self.window
        self.stack.setCurrentWidget(self.content)
        window.toolbar.show()
        window.statusBar().show()
        if not window.address():
            window.go_home()
        if self._splitter_state is None:
            self._splitter_state = window.splitter.saveState()
        window.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        self._restart_idle()

    def choose_language(self, lang: str) -> None:
        self.window.set_language(lang)
        self.start_screen.set_lang(self.window.lang)

    # -- idle --------------------------------------------------------------------------
    def _restart_idle(self) -> None:
        if self.mode.idle_reset_seconds:
            self.idle_timer.start()

    def _on_activity(self) -> None:
        if self.overlay.active:
            self.keep_reading()
        else:
            self._restart_idle()

    def _on_idle(self) -> None:
        if self.on_start_screen():
            if self.window.lang != self.window.library.default_lang:
                self.reset()  # nobody is here: put the default language back, quietly
            return
        close_dialogs(self.window)
        self.overlay.start(self.countdown_seconds)

    def keep_reading(self) -> None:
        self.overlay.stop()
        self._restart_idle()

    # -- reset -------------------------------------------------------------------------
    def reset(self) -> None:
        """Start over: no history, search, cards, filters, finds, dialogs; default size and
        language; the start screen. Nothing is written."""
        window = self.window
        close_dialogs(window)
        self.overlay.stop()
        window.quick_exit.wipe()
        watcher = getattr(window, "pack_watcher", None)
        if watcher is not None:
            watcher.take_pending()  # the clinic updated the pack: the next visitor sees it
        self._restore_defaults()
        self.show_start_screen()

    def _restore_defaults(self) -> None:
        window = self.window
        if window.theme_name != self._theme_name:
            window.set_theme(self._theme_name)  # a visitor pressed Ctrl+Shift+T
        window.set_language(window.library.default_lang)
        window.set_text_scale(self.mode.text_scale)
        if self._splitter_state is not None:
            window.splitter.restoreState(self._splitter_state)
        window.resources.setVisible(self.mode.show_resources)
        window.left_stack.setVisible(self.mode.show_sidebar)
        window.go_home()  # behind the start screen; the way back starts here
        window.statusBar().clearMessage()

    def _after_quick_exit(self) -> None:
        """Quick exit in a kiosk: the windows are hidden and the visit wiped; start over."""
        self._restore_defaults()
        self.show_start_screen()
        if self.window.windowState() & Qt.WindowState.WindowFullScreen:
            self.window.showFullScreen()
        else:
            self.window.show()

    # -- staff exit --------------------------------------------------------------------
    def staff_exit(self) -> StaffExitDialog:
        """The PIN prompt; a right PIN quits the app (nothing else can)."""
        if self.staff_dialog is not None and self.staff_dialog.isVisible():
            return self.staff_dialog
        dialog = StaffExitDialog(self.pin_gate, self.window)
        dialog.unlocked.connect(self._leave)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.staff_dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: StaffExitDialog) -> None:
        if self.staff_dialog is dialog:
            self.staff_dialog = None
        dialog.deleteLater()

    def _leave(self) -> None:
        log.info("kiosk: staff exit")
        self._leaving = True
        self.idle_timer.stop()
        self.overlay.stop()
        self.window.quick_exit.quit()

    def set_theme(self, theme: Theme) -> None:
        """New colours for the start screen and the idle notice, as for the rest of the window."""
        self.start_screen.setStyleSheet(_start_qss(theme))
        self.overlay.setStyleSheet(_overlay_qss(theme))
        finish = self.window.toolbar.widgetForAction(self.window.action("finish"))
        if finish is not None:
            finish.setStyleSheet(_finish_qss(theme))

    def release(self) -> None:
        """Stop guarding the window (tests; the staff exit): timers off, filters out."""
        self._leaving = True
        self.idle_timer.stop()
        self.overlay.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.input)
        self._listening = False
        self.window.removeEventFilter(self)

    # -- staying fullscreen ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Show:
                self._install_input_filter()
            elif kind == QEvent.Type.Resize and self.overlay.isVisible():
                self.overlay.setGeometry(self.window.rect())
            elif kind == QEvent.Type.WindowStateChange:
                if self.window.isFullScreen():
                    self._was_fullscreen = True
                elif self._was_fullscreen and not self._leaving:
                    QTimer.singleShot(0, self._reclaim)
            elif kind == QEvent.Type.WindowDeactivate and self._was_fullscreen:
                QTimer.singleShot(500, self._reclaim)
        return False

    def _reclaim(self) -> None:
        """Back to fullscreen and to the front, unless one of our own dialogs has the focus."""
        window = self.window
        if self._leaving or not window.isVisible() or QApplication.activeModalWidget():
            return
        if not window.isFullScreen():
            window.showFullScreen()
        if QApplication.activeWindow() is None:
            window.raise_()
            window.activateWindow()


def close_dialogs(window: QWidget) -> None:
    """Close the windows open over ``window``: message boxes, the QR code, menus, the PIN."""
    for widget in QApplication.topLevelWidgets():
        if widget is window or not widget.isVisible() or not belongs_to(widget, window):
            continue
        if isinstance(widget, QDialog):
            widget.reject()
        elif isinstance(widget, QMenu):
            widget.hide()
        else:
            widget.close()
