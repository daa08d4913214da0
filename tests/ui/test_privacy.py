"""Quick exit and private mode: hidden at once, nothing remembered, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from hrreader.ui.main_window import MainWindow
from hrreader.ui.privacy import QuickExitKeys
from hrreader.ui.settings import DiskStore

from .conftest import FakeDesktop, let_go

ROOT = Path(__file__).resolve().parents[2]


class Quits:
    """Stands in for quitting the app; records what the window looked like at that moment."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.calls: list[dict[str, object]] = []

    def __call__(self) -> None:
        self.calls.append({"visible": self.window.isVisible(), "history": self.window.history})


def _watch(window: MainWindow) -> tuple[Quits, list[bool]]:
    """Inject the quit, and note whether the window was already hidden when wiping began."""
    quits = Quits(window)
    window.quick_exit.quit = quits
    hidden_when_wiping: list[bool] = []
    window.quick_exit.wipers.append(lambda: hidden_when_wiping.append(not window.isVisible()))
    return quits, hidden_when_wiping


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _fake_clock(window: MainWindow) -> Clock:
    clock = Clock()
    window.quick_exit.keys.clock = clock
    return clock


def _fill_a_session(window: MainWindow, qtbot) -> None:
    """Read, search, find, filter and copy: everything quick exit has to forget."""
    window.open("topic:naloxone")
    window.open("topic:overdose-response")
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "narcan")
    window.search.flush()
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=3000)
    window.action("find").trigger()
    qtbot.keyClicks(window.find_bar.field, "breath")
    window.resources.filter_field.setText("988")
    window.resources.tag_buttons["crisis"].setChecked(True)
    window.open("resource:lifeline-988")
    assert window.resources.current_id() == "lifeline-988"
    window.reader.selectAll()
    window.reader.copy()
    assert QGuiApplication.clipboard().text()


def _assert_forgotten(window: MainWindow) -> None:
    assert window.history.entries == [] or window.history.entries == [window.address()]
    assert not window.history.can_back()
    assert window.search_field.text() == ""
    assert not window.search_field.isUndoAvailable(), "the search could come back with Ctrl+Z"
    assert window.search_panel.model.rowCount() == 0
    assert window.find_bar.field.text() == "" and window.find_bar.isHidden()
    assert not window.find_bar.field.isUndoAvailable()
    assert window.resources.filter_field.text() == ""
    assert not any(b.isChecked() for b in window.resources.tag_buttons.values())
    assert window.resources.current_id() == ""
    assert "988" not in window.resources.card.toPlainText()
    assert QGuiApplication.clipboard().text() == "", "text copied from the reader is left"


# -- the button ---------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["personal", "private"])
def test_quick_exit_button_is_first_on_the_bar_and_the_first_tab_stop(make_window, mode):
    window = make_window(*(["--private"] if mode == "private" else []))
    button = window.quick_exit_button
    assert button.text() == "Quick exit" and button.isVisible()
    assert window.action("quick-exit").text() == "Quick exit"
    first_on_bar = window.toolbar.widgetForAction(window.toolbar.actions()[0])
    assert first_on_bar is button
    assert button.mapTo(window, button.rect().topLeft()).x() < 40, "not at the left edge"
    # The first widget Tab reaches from the top of the window.
    widget = window.nextInFocusChain()
    while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible()):
        widget = widget.nextInFocusChain()
    assert widget is button
    assert QApplication.focusWidget() is not button, "Enter at start-up must not exit"


def test_clicking_quick_exit_hides_first_then_forgets_and_quits(make_window, qtbot):
    window = make_window("--private")
    quits, hidden_when_wiping = _watch(window)
    _fill_a_session(window, qtbot)
    qtbot.mouseClick(window.quick_exit_button, Qt.MouseButton.LeftButton)
    assert hidden_when_wiping == [True], "the window was still showing while state was wiped"
    assert len(quits.calls) == 1 and quits.calls[0]["visible"] is False
    assert not window.isVisible()
    _assert_forgotten(window)
    assert window.reader.toPlainText().strip() == ""
    assert window.address() == ""


def test_quick_exit_hides_open_dialogs_too(make_window, qtbot):
    window = make_window()
    quits, _hidden = _watch(window)
    dialog = QWidget(window, Qt.WindowType.Dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    window.action("quick-exit").trigger()
    assert not dialog.isVisible() and not window.isVisible()
    assert len(quits.calls) == 1


# -- the keys -----------------------------------------------------------------------------
def test_shift_three_times_quick_exits_from_any_widget(make_window, qtbot):
    window = make_window()
    quits, hidden_when_wiping = _watch(window)
    _fill_a_session(window, qtbot)
    for target in (window.reader, window.sidebar, window.resources.filter_field):
        qtbot.keyClick(target, Qt.Key.Key_Shift)
    assert len(quits.calls) == 1
    assert hidden_when_wiping == [True]
    _assert_forgotten(window)


def test_escape_twice_quick_exits(make_window, qtbot):
    window = make_window("--private")
    quits, hidden_when_wiping = _watch(window)
    window.open("topic:naloxone")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert quits.calls == [] and window.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert len(quits.calls) == 1 and hidden_when_wiping == [True]


def test_one_escape_still_clears_search_and_closes_find_without_exiting(make_window, qtbot):
    window = make_window()
    quits, _hidden = _watch(window)
    clock = _fake_clock(window)
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "naloxone")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    clock.now += 5
    window.action("find").trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()
    assert quits.calls == [] and window.isVisible()


def test_presses_too_far_apart_do_not_count(make_window, qtbot):
    window = make_window()
    quits, _hidden = _watch(window)
    clock = _fake_clock(window)
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Shift)
        clock.now += 1.1  # three presses over 2.2 seconds
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    clock.now += 1.5
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert quits.calls == []
    clock.now += 0.3
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)  # 0.3 s after the last one
    assert len(quits.calls) == 1


def test_typing_capitals_and_shortcuts_never_add_up_to_an_exit(make_window, qtbot):
    window = make_window()
    quits, _hidden = _watch(window)
    window.search_field.setFocus()
    # Shift, then a letter: three capitals in a row are not three lone Shifts.
    for letter in (Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Shift)
        qtbot.keyClick(window.search_field, letter, Qt.KeyboardModifier.ShiftModifier)
    # Shift held with Ctrl (Ctrl+Shift+F, find) is not a lone Shift either.
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Shift, Qt.KeyboardModifier.ControlModifier)
    assert quits.calls == []


def test_a_key_press_seen_by_many_widgets_counts_once(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    child = QWidget(owner)
    owner.show()
    keys = QuickExitKeys(owner)
    fired: list[bool] = []
    keys.triggered.connect(lambda: fired.append(True))
    QApplication.instance().installEventFilter(keys)
    try:
        # One press propagates from the child to its parent: two deliveries, one press.
        qtbot.keyClick(child, Qt.Key.Key_Shift)
        qtbot.keyClick(child, Qt.Key.Key_Shift)
        assert fired == []
        qtbot.keyClick(child, Qt.Key.Key_Shift)
        assert fired == [True]
    finally:
        QApplication.instance().removeEventFilter(keys)


def test_another_window_does_not_hear_these_keys(make_window, qtbot):
    first = make_window()
    second = make_window()
    quits_first, _ = _watch(first)
    quits_second, _ = _watch(second)
    for _ in range(3):
        qtbot.keyClick(second.reader, Qt.Key.Key_Shift)
    assert len(quits_second.calls) == 1 and quits_first.calls == []


def test_quick_exit_from_a_presentation_ends_it_and_forgets_the_playlist(make_window, qtbot):
    from PySide6.QtCore import QRect

    class Screen:
        def geometry(self) -> QRect:
            return QRect(0, 0, 1280, 800)

        def name(self) -> str:
            return "laptop"

    window = make_window("--private")
    quits, hidden_when_wiping = _watch(window)
    window.open("topic:naloxone#how-to-use-nasal-naloxone")
    window.presentation.add_current()
    assert window.presentation.playlist.rowCount() == 1
    presentation = window.presentation.present_current(screens=[Screen()], size=(900, 600))
    slide = presentation.slide_screen
    qtbot.waitExposed(slide)
    for _ in range(3):
        qtbot.keyClick(slide.view, Qt.Key.Key_Shift)
    assert len(quits.calls) == 1 and hidden_when_wiping == [True]
    assert not slide.isVisible() and window.presentation.active is None
    assert window.presentation.playlist.rowCount() == 0


def test_quick_exit_in_personal_mode_saves_no_settings(make_window, tmp_path):
    path = tmp_path / "settings.json"
    window = make_window(store=DiskStore(str(path)))
    _watch(window)
    window.action("quick-exit").trigger()
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    assert "geometry" not in text and "splitter" not in text


def test_the_default_quit_ends_the_event_loop_without_asking_windows_to_close(
    make_window, monkeypatch
):
    """QCoreApplication.exit, not close(): a closing window would save its settings."""
    from hrreader.ui import privacy

    window = make_window()
    assert window.quick_exit.quit is privacy.leave_event_loop
    exits: list[int] = []

    class FakeCore:
        @staticmethod
        def exit(code: int = 0) -> None:
            exits.append(code)

    monkeypatch.setattr(privacy, "QCoreApplication", FakeCore)
    closes: list[bool] = []
    monkeypatch.setattr(window, "save_settings", lambda: closes.append(True))
    window.action("quick-exit").trigger()
    assert exits == [0] and closes == [] and not window.isVisible()


# -- private mode writes nothing ------------------------------------------------------------
def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_whole_private_session_leaves_the_home_folder_empty(qtbot, _isolated_home):
    """The real window (build_window, its own choice of store) through a whole visit."""
    from hrreader.ui.app import build_window

    home: Path = _isolated_home
    assert _tree(home) == []
    desktop = FakeDesktop()
    window = build_window(["--private"], desktop=desktop)
    qtbot.addWidget(window, before_close_func=let_go)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    quits, _hidden = _watch(window)
    assert window.windowTitle() == "Reader"
    assert QApplication.applicationDisplayName() == ""

    _fill_a_session(window, qtbot)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    window.action("zoom-in").trigger()
    window.action("zoom-in").trigger()
    window.action("zoom-out").trigger()
    window.open("topic:staying-private#quick-exit")
    window.open("https://www.techsafety.org/")  # asked, "opened" by the fake desktop
    window.action("back").trigger()
    qtbot.mouseClick(window.resources.tag_buttons["overdose"], Qt.MouseButton.LeftButton)
    window.open("resource:never-use-alone")
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Shift)
    assert len(quits.calls) == 1
    window.close()
    window.save_settings()
    qtbot.wait(50)
    assert _tree(home) == [], "private mode wrote to the home folder"


def test_private_mode_keeps_qt_file_dialogs_from_remembering(make_window, qtbot, _isolated_home):
    """Qt's own file dialog saves its history when it closes; private mode sends it nowhere."""
    make_window("--private")
    dialog = QFileDialog(None, "Save", str(_isolated_home), "PDF (*.pdf)")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reject()
    del dialog
    import gc

    gc.collect()
    qtbot.wait(20)
    assert _tree(_isolated_home) == []


def _fresh_home_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env, home


PRIVATE_SESSION = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog
    from hrreader.ui.app import ensure_app, build_window

    app = ensure_app()
    staged = "--staged" in sys.argv  # as the hrreader command builds it
    window = build_window([a for a in sys.argv[1:] if a != "--staged"], staged=staged)
    window.show()

    def session():
        if staged and not window._started:  # the rest is built after the first paint
            QTimer.singleShot(20, session)
            return
        window.start_search_index()
        window.open("topic:naloxone")
        window.search_field.setFocus()
        QTest.keyClicks(window.search_field, "narcan")
        QTest.qWait(400)
        QTest.keyClick(window.search_field, Qt.Key.Key_Return)
        window.action("zoom-in").trigger()
        window.resources.filter_field.setText("crisis")
        window.open("resource:lifeline-988")
        window.action("find").trigger()
        QTest.keyClicks(window.find_bar.field, "breath")
        window.reader.selectAll()
        window.reader.copy()
        dialog = QFileDialog(window, "Save", "", "PDF (*.pdf)")  # Qt's: it keeps a history
        dialog.show()
        dialog.reject()
        dialog.deleteLater()
        QTest.qWait(50)
        for _ in range(3):  # the real quick exit, with the real quit
            QTest.keyClick(window.reader, Qt.Key.Key_Shift)

    QTimer.singleShot(200, session)
    QTimer.singleShot(30000, lambda: app.exit(3))
    code = app.exec()
    print("visible", window.isVisible(), "history", len(window.history.entries))
    sys.exit(code)
    """
)


@pytest.mark.parametrize("staged", [False, True])
def test_a_private_process_started_with_an_empty_home_writes_nothing(tmp_path, staged):
    """The whole process, Qt and fontconfig included, starts with HOME empty and ends with it
    empty, built at once or in two steps as the ``hrreader`` command does. (Fontconfig writes
    ~/.cache/fontconfig only when the system's font cache is out of date; if this fails
    there, run ``fc-cache`` as root: the reader cannot prevent that.)"""
    env, home = _fresh_home_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", PRIVATE_SESSION, "--private", *(["--staged"] * staged)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "visible False history 0" in result.stdout
    assert _tree(home) == [], "written under HOME: " + ", ".join(_tree(home))
