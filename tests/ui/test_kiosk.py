"""The waiting-room kiosk: start screen, idle reset, refusing to close, the staff PIN."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QMessageBox, QWidget

from hrreader.cli import main as cli_main
from hrreader.ui import kiosk_pin
from hrreader.ui.kiosk_pin import PinGate, PinResult, hash_pin, load_pin_record, verify_pin
from hrreader.ui.main_window import MainWindow
from hrreader.ui.privacy import belongs_to

from .test_privacy import _fresh_home_env, _tree, _watch

MIN_TARGET = 44


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def kiosk(make_window, qtbot):
    """A kiosk window with a one-second idle timeout and a one-second countdown."""

    def make(*extra: str, size: tuple[int, int] = (1024, 768)) -> MainWindow:
        window = make_window("--kiosk", "--idle-timeout", "1", *extra)
        window.resize(*size)
        window.kiosk.countdown_seconds = 1
        qtbot.wait(20)
        return window

    return make


def _start(window: MainWindow, qtbot) -> None:
    qtbot.mouseClick(window.kiosk.start_screen.start_button, Qt.MouseButton.LeftButton)
    assert not window.kiosk.on_start_screen()


def _busy_visit(window: MainWindow, qtbot) -> None:
    """Everything a visitor might leave behind."""
    window.open("topic:naloxone")
    window.open("topic:overdose-response")
    window.search_field.setText("narcan")
    window.search.flush()
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=3000)
    window.action("find").trigger()
    window.find_bar.field.setText("breath")
    window.resources.filter_field.setText("lifeline")
    window.resources.tag_buttons["crisis"].setChecked(True)
    window.open("resource:lifeline-988")
    window.action("zoom-in").trigger()
    window.action("zoom-in").trigger()
    window.reader.verticalScrollBar().setValue(window.reader.verticalScrollBar().maximum())
    window.splitter.setSizes([100, 600, 300])
    window.action("theme").trigger()  # Ctrl+Shift+T: other colours


def _assert_fresh(window: MainWindow) -> None:
    home = f"topic:{window.library.home}"
    assert window.kiosk.on_start_screen()
    assert window.kiosk.start_screen.isVisible() and not window.toolbar.isVisible()
    assert not window.kiosk.overlay.isVisible()
    assert window.lang == window.library.default_lang
    assert window.kiosk.start_screen.language_buttons["en"].isChecked()
    assert window.address() == home and window.history.entries == [home]
    assert not window.action("back").isEnabled()
    assert window.search_field.text() == "" and window.search_panel.model.rowCount() == 0
    assert not window.search_field.isUndoAvailable()
    assert window.find_bar.isHidden() and window.find_bar.field.text() == ""
    assert window.resources.filter_field.text() == ""
    assert not any(b.isChecked() for b in window.resources.tag_buttons.values())
    assert window.resources.current_id() == ""
    assert window.reader.scale == pytest.approx(window.mode.text_scale)
    assert window.theme_name == window.kiosk._theme_name
    assert window.reader.verticalScrollBar().value() == 0
    mine = [w for w in QApplication.topLevelWidgets() if belongs_to(w, window)]
    assert [w for w in mine if w.isVisible()] == [window], "a dialog was left open"


def _small_targets(root: QWidget) -> list[str]:
    """Every visible button and field smaller than a fingertip, under ``root``."""
    small = []
    for widget in root.findChildren(QWidget):
        if not (isinstance(widget, QAbstractButton | QLineEdit) and widget.isVisible()):
            continue
        if widget.width() < MIN_TARGET or widget.height() < MIN_TARGET:
            name = widget.objectName() or type(widget).__name__
            text = widget.text() if hasattr(widget, "text") else ""
            small.append(f"{name} {text!r} {widget.width()}x{widget.height()}")
    return small


# -- start screen and language ---------------------------------------------------------------
def test_kiosk_is_fullscreen_frameless_on_top_without_menus(kiosk):
    window = kiosk()
    assert window.mode.fullscreen
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert not window.menuBar().isVisible() or not window.menuBar().actions()
    assert window.reader.point_size() > 12.5, "kiosk text is larger"


def test_start_screen_welcomes_with_the_pack_name_languages_and_start(kiosk):
    window = kiosk()
    screen = window.kiosk.start_screen
    assert window.kiosk.on_start_screen() and screen.isVisible()
    assert not window.toolbar.isVisible()
    assert screen.title.text() == window.library.info.title("en")
    assert "hrreader project" in screen.organisation.text()
    names = [b.text() for b in screen.language_buttons.values()]
    assert names == ["English", "Español"]
    assert screen.start_button.text() == "Start reading"
    assert QApplication.focusWidget() is screen.start_button


def test_start_screen_and_idle_notice_take_a_new_theme_at_once(kiosk):
    window = kiosk()
    start, overlay = window.kiosk.start_screen, window.kiosk.overlay
    window.set_theme("dark")
    dark = window.theme
    assert f"background: {dark.window}" in start.styleSheet()
    assert f"background: {dark.page}" in overlay.styleSheet()
    window.set_theme("light")
    assert f"background: {window.theme.window}" in start.styleSheet()
    assert window.theme.window != dark.window


def test_choosing_espanol_then_start_reading_opens_home_in_spanish(kiosk, qtbot):
    window = kiosk()
    screen = window.kiosk.start_screen
    qtbot.mouseClick(screen.language_buttons["es"], Qt.MouseButton.LeftButton)
    assert window.lang == "es"
    assert screen.title.text() == window.library.info.title("es")
    assert screen.language_buttons["es"].isChecked()
    _start(window, qtbot)
    assert window.address() == f"topic:{window.library.home}"
    assert "Bienvenida" in window.reader.toPlainText()
    assert window.toolbar.isVisible()
    first_category = window.topic_model.index(0, 0).data()
    assert first_category == window.library.info.categories[0].titles["es"]


def test_set_language_reloads_the_sidebar_resources_and_current_page(window):
    window.open("topic:naloxone#how-to-use-nasal-naloxone")
    window.set_language("es")
    assert window.lang == "es"
    assert window.address() == "topic:naloxone#how-to-use-nasal-naloxone"
    assert "Naloxona" in window.reader.toPlainText()
    assert window.history.entries[-1] == "topic:naloxone#how-to-use-nasal-naloxone"
    row = window.resources.model.index(0, 0)
    resource = window.resources.model.resource_at(0)
    assert row.data() == resource.name("es", "en")
    window.set_language("xx")  # not a pack language: the default
    assert window.lang == "en"


# -- idle reset ------------------------------------------------------------------------------
def test_idle_timeout_option_sets_the_policy(make_window):
    assert make_window("--kiosk", show=False).mode.idle_reset_seconds == 90
    assert make_window("--kiosk", "--idle-timeout", "5", show=False).mode.idle_reset_seconds == 5
    assert make_window("--kiosk", "--idle-timeout", "0", show=False).mode.idle_reset_seconds is None
    assert make_window("--idle-timeout", "5", show=False).mode.idle_reset_seconds is None


def test_idle_countdown_appears_then_everything_resets(kiosk, qtbot):
    window = kiosk()
    qtbot.mouseClick(window.kiosk.start_screen.language_buttons["es"], Qt.MouseButton.LeftButton)
    _start(window, qtbot)
    _busy_visit(window, qtbot)
    dialog = window.kiosk.staff_exit()
    assert dialog.isVisible()
    overlay = window.kiosk.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=4000)
    # The visitor chose Español: the countdown speaks Spanish too.
    assert overlay.heading.text() == "¿Sigue leyendo?"
    assert overlay.keep_button.text() == "Sí, seguir leyendo"
    assert "1 segundos" in overlay.text.text() or "1 segundo" in overlay.text.text()
    assert overlay.geometry() == window.rect()
    assert window.kiosk.staff_dialog is None, "a dialog would hide the countdown"
    qtbot.waitUntil(window.kiosk.on_start_screen, timeout=4000)
    _assert_fresh(window)


def test_input_during_the_countdown_cancels_it(kiosk, qtbot):
    window = kiosk()
    window.kiosk.countdown_seconds = 3
    _start(window, qtbot)
    window.open("topic:naloxone")
    overlay = window.kiosk.overlay
    qtbot.waitUntil(overlay.isVisible, timeout=4000)
    qtbot.keyClick(overlay.keep_button, Qt.Key.Key_A)
    assert not overlay.isVisible()
    assert window.address() == "topic:naloxone" and not window.kiosk.on_start_screen()
    assert window.kiosk.idle_timer.isActive(), "the idle clock starts again"
    # A touch anywhere on the dimmed screen cancels it too.
    qtbot.waitUntil(overlay.isVisible, timeout=4000)
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton, pos=overlay.rect().topLeft())
    assert not overlay.isVisible() and window.address() == "topic:naloxone"


def test_yes_keep_reading_keeps_the_visit(kiosk, qtbot):
    window = kiosk()
    window.kiosk.countdown_seconds = 3
    _start(window, qtbot)
    window.open("topic:alcohol")
    window.kiosk.overlay.start(3)
    window.kiosk.overlay.keep_button.click()
    assert not window.kiosk.overlay.isVisible() and window.address() == "topic:alcohol"


def test_im_finished_resets_at_once(kiosk, qtbot):
    window = kiosk()
    _start(window, qtbot)
    _busy_visit(window, qtbot)
    button = window.toolbar.widgetForAction(window.action("finish"))
    assert button is not None and button.isVisible() and button.text() == "I'm finished"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _assert_fresh(window)


def test_a_reset_closes_message_boxes(kiosk, qtbot):
    window = kiosk()
    _start(window, qtbot)
    box = QMessageBox(QMessageBox.Icon.Information, "Note", "Something", parent=window)
    box.open()
    qtbot.waitExposed(box)
    window.action("finish").trigger()
    assert not box.isVisible()
    _assert_fresh(window)


def test_idle_on_the_start_screen_puts_the_default_language_back(kiosk, qtbot):
    window = kiosk()
    window.kiosk.choose_language("es")
    qtbot.waitUntil(lambda: window.lang == "en", timeout=4000)
    assert window.kiosk.on_start_screen() and not window.kiosk.overlay.isVisible()


def test_a_visit_written_nowhere(kiosk, qtbot, _isolated_home):
    window = kiosk()
    qtbot.mouseClick(window.kiosk.start_screen.language_buttons["es"], Qt.MouseButton.LeftButton)
    _start(window, qtbot)
    _busy_visit(window, qtbot)
    window.open("https://www.techsafety.org/")  # a QR code instead of a browser
    qtbot.waitUntil(window.kiosk.on_start_screen, timeout=5000)
    _start(window, qtbot)
    window.open("topic:alcohol")
    window.action("finish").trigger()
    window.kiosk.staff_exit().reject()
    window.close()
    qtbot.wait(50)
    assert window.store.__class__.__name__ == "MemoryStore"
    assert _tree(_isolated_home) == []


# -- quick exit in a kiosk -------------------------------------------------------------------
@pytest.mark.parametrize("keys", ["shift", "escape", "button"])
def test_quick_exit_in_a_kiosk_hides_then_starts_over_instead_of_quitting(kiosk, qtbot, keys):
    window = kiosk()
    quits, hidden_when_wiping = _watch(window)
    _start(window, qtbot)
    _busy_visit(window, qtbot)
    window.find_bar.close_bar()
    if keys == "shift":
        for _ in range(3):
            qtbot.keyClick(window.reader, Qt.Key.Key_Shift)
    elif keys == "escape":
        window.reader.setFocus()
        for _ in range(2):
            qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    else:
        qtbot.mouseClick(window.quick_exit_button, Qt.MouseButton.LeftButton)
    assert hidden_when_wiping == [True]
    assert quits.calls == [], "a kiosk never quits on quick exit"
    assert window.isVisible()
    _assert_fresh(window)


# -- cannot be closed or left ----------------------------------------------------------------
def test_close_alt_f4_and_ctrl_q_are_refused(kiosk, qtbot):
    window = kiosk()
    _start(window, qtbot)
    assert "quit" not in window.actions_registry.ids()
    assert window.close() is False and window.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search_field, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)
    assert window.isVisible() and not window.kiosk.on_start_screen()
    for action in window.actions_registry:
        for key in action.shortcuts():
            assert key.toString() not in ("Ctrl+Q", "Alt+F4"), action.objectName()


def test_the_window_goes_back_to_fullscreen(kiosk, qtbot):
    window = kiosk()
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)


# -- staff exit ------------------------------------------------------------------------------
def _set_pin(pin: str, monkeypatch, *extra: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(pin + "\n"))
    return cli_main(["kiosk-pin", "--pin-stdin", *extra])


def test_kiosk_pin_stores_a_salted_hash_not_the_pin(monkeypatch, capsys, _isolated_home):
    assert _set_pin("2468", monkeypatch) == 0
    path = kiosk_pin.user_pin_path()
    assert path.is_relative_to(_isolated_home) and path.is_file()
    text = path.read_text(encoding="utf-8")
    assert "2468" not in text
    record = json.loads(text)
    assert record["algorithm"] in ("scrypt", "pbkdf2-sha256")
    assert len(record["salt"]) >= 16 and record["hash"]
    assert verify_pin("2468", record) and not verify_pin("2469", record)
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0, "readable by others"
    again = hash_pin("2468")
    assert again["salt"] != record["salt"] and again["hash"] != record["hash"]
    assert load_pin_record() == record
    assert "Ctrl+Alt+Shift+X" in capsys.readouterr().out


def test_kiosk_pin_refuses_short_or_mismatched_pins(monkeypatch, capsys):
    assert _set_pin("12", monkeypatch) == 2
    assert "at least 4" in capsys.readouterr().err
    answers = iter(["1357", "1358"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli_main(["kiosk-pin"]) == 2
    assert "not the same" in capsys.readouterr().err
    assert load_pin_record() is None
    assert _set_pin("1357", monkeypatch) == 0
    assert cli_main(["kiosk-pin", "--clear"]) == 0
    assert load_pin_record() is None


def test_verify_compares_in_constant_time(monkeypatch):
    record = hash_pin("9876")
    calls: list[int] = []
    real = kiosk_pin.hmac.compare_digest

    def spy(a, b):
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(kiosk_pin.hmac, "compare_digest", spy)
    assert verify_pin("9876", record) and not verify_pin("0000", record)
    assert len(calls) == 2


def test_a_machine_wide_pin_comes_before_the_users(monkeypatch, tmp_path):
    system = tmp_path / "xdg-system"
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(system))
    kiosk_pin.save_pin_record(hash_pin("1111"), system / "hrreader" / "hrreader" / "kiosk-pin.json")
    kiosk_pin.save_pin_record(hash_pin("2222"), kiosk_pin.user_pin_path())
    record = load_pin_record()
    assert record is not None and verify_pin("1111", record)


def test_five_wrong_pins_lock_the_prompt_for_a_minute():
    clock = Clock()
    record = hash_pin("4321")
    gate = PinGate(load=lambda: record, clock=clock)
    for n in range(4):
        assert gate.attempt("0000") is PinResult.WRONG
        assert gate.tries_left == 4 - n
    assert gate.attempt("0000") is PinResult.LOCKED
    assert gate.attempt("4321") is PinResult.LOCKED, "the right PIN is refused while locked"
    clock.now += 59
    assert gate.attempt("4321") is PinResult.LOCKED
    assert 0 < gate.locked_for() <= 1
    clock.now += 1
    assert gate.locked_for() == 0
    assert gate.attempt("4321") is PinResult.OK
    assert PinGate(load=lambda: None, clock=clock).attempt("4321") is PinResult.UNSET


def test_staff_exit_without_a_pin_says_how_to_set_one_and_stays(kiosk, qtbot):
    window = kiosk()
    quits, _ = _watch(window)
    _start(window, qtbot)
    mods = Qt.KeyboardModifier
    staff_keys = mods.ControlModifier | mods.AltModifier | mods.ShiftModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_X, staff_keys)
    dialog = window.kiosk.staff_dialog
    assert dialog is not None and dialog.isVisible()
    assert "hrreader kiosk-pin" in dialog.message.text()
    assert not dialog.field.isVisible() and not dialog.exit_button.isVisible()
    assert _small_targets(dialog) == []
    dialog.cancel_button.click()
    assert quits.calls == [] and window.isVisible()


def test_staff_exit_with_the_right_pin_quits(kiosk, qtbot, monkeypatch):
    assert _set_pin("8642", monkeypatch) == 0
    window = kiosk()
    quits, _ = _watch(window)
    _start(window, qtbot)
    dialog = window.kiosk.staff_exit()
    assert dialog.field.isVisible() and dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert _small_targets(dialog) == []
    qtbot.keyClicks(dialog.field, "1111")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert "not right" in dialog.message.text() and quits.calls == []
    assert dialog.field.text() == ""
    qtbot.keyClicks(dialog.field, "8642")
    qtbot.mouseClick(dialog.exit_button, Qt.MouseButton.LeftButton)
    assert len(quits.calls) == 1


def test_the_prompt_locks_after_five_wrong_pins(kiosk, qtbot, monkeypatch):
    assert _set_pin("8642", monkeypatch) == 0
    window = kiosk()
    quits, _ = _watch(window)
    clock = Clock()
    window.kiosk.pin_gate.clock = clock
    _start(window, qtbot)
    dialog = window.kiosk.staff_exit()
    for _ in range(5):
        dialog.field.setText("0000")
        dialog.submit()
    assert "Try again in 60 seconds" in dialog.message.text()
    assert not dialog.field.isEnabled() and not dialog.exit_button.isEnabled()
    dialog.field.setText("8642")
    assert dialog.submit() is PinResult.LOCKED and quits.calls == []
    clock.now += 60
    dialog.refresh()
    assert dialog.field.isEnabled()
    dialog.field.setText("8642")
    assert dialog.submit() is PinResult.OK and len(quits.calls) == 1


# -- touch targets ---------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_every_visible_button_and_field_is_at_least_44_pixels(kiosk, qtbot, size):
    window = kiosk(size=size)
    window.kiosk.countdown_seconds = 30
    qtbot.wait(50)
    assert _small_targets(window) == [], "start screen"
    _start(window, qtbot)
    window.open("topic:naloxone")
    window.open("resource:lifeline-988")
    window.action("find").trigger()
    window.find_bar.field.setText("breath")
    window.search_field.setText("zzzzqqq")  # no results: the crisis buttons show
    window.search.flush()
    qtbot.wait(100)
    assert _small_targets(window) == [], "reading view"
    toolbar_buttons = [
        window.toolbar.widgetForAction(a) for a in window.toolbar.actions() if a.isVisible()
    ]
    for button in toolbar_buttons:
        if isinstance(button, QAbstractButton):
            assert "…" not in button.text() and button.width() >= button.sizeHint().width() - 2
    window.kiosk.overlay.start(30)
    qtbot.wait(50)
    assert _small_targets(window.kiosk.overlay) == [], "idle countdown"
    window.kiosk.keep_reading()


# -- a kiosk process with an empty home --------------------------------------------------------
KIOSK_SESSION = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from hrreader.ui.app import ensure_app, build_window

    app = ensure_app()
    window = build_window(sys.argv[1:])
    window.kiosk.countdown_seconds = 1
    window.show()
    log = []

    def session():
        window.start_search_index()
        window.kiosk.choose_language("es")
        window.kiosk.start_reading()
        window.open("topic:naloxone")
        QTest.keyClicks(window.search_field, "narcan")
        QTest.qWait(300)
        window.action("zoom-in").trigger()
        window.open("resource:lifeline-988")
        QTest.qWait(3500)  # idle, countdown, reset
        log.append(("reset", window.kiosk.on_start_screen(), window.lang))
        window.kiosk.start_reading()
        for _ in range(3):
            QTest.keyClick(window.reader, Qt.Key.Key_Shift)
        log.append(("quick exit", window.isVisible(), window.kiosk.on_start_screen()))
        dialog = window.kiosk.staff_exit()
        dialog.field.setText("7531")
        dialog.submit()  # the real quit

    QTimer.singleShot(200, session)
    QTimer.singleShot(30000, lambda: app.exit(3))
    code = app.exec()
    print(log)
    sys.exit(code)
    """
)


def test_a_kiosk_process_started_with_an_empty_home_writes_nothing(tmp_path):
    """A whole kiosk run, ended by the staff PIN (set machine-wide, outside HOME)."""
    env, home = _fresh_home_env(tmp_path)
    system = tmp_path / "etc-xdg"
    env["XDG_CONFIG_DIRS"] = str(system)
    kiosk_pin.save_pin_record(
        hash_pin("7531"), system / "hrreader" / "hrreader" / kiosk_pin.PIN_FILE
    )
    result = subprocess.run(
        [sys.executable, "-c", KIOSK_SESSION, "--kiosk", "--idle-timeout", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "('reset', True, 'en')" in result.stdout
    assert "('quick exit', True, True)" in result.stdout
    assert _tree(home) == [], "written under HOME: " + ", ".join(_tree(home))
