"""The real program's start: the page paints first, then the rest of the window is built.

``hrreader`` builds its window with ``staged=True`` (benchmarks/startup.py measures that);
these tests check that nothing a person relies on is lost by building it in two steps.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hrreader.content import compiled
from hrreader.ui.app import build_window
from hrreader.ui.main_window import MainWindow
from hrreader.ui.settings import MemoryStore

from .conftest import FakeDesktop, let_go


@pytest.fixture
def staged(qtbot):
    made: list[MainWindow] = []

    def make(*argv: str) -> MainWindow:
        window = build_window(list(argv), store=MemoryStore(), desktop=FakeDesktop(), staged=True)
        qtbot.addWidget(window, before_close_func=let_go)
        made.append(window)
        return window

    return make


def _show_and_settle(window: MainWindow, qtbot) -> None:
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window._started, timeout=5000)


def test_the_page_paints_before_the_resources_pane_is_built(staged, qtbot):
    window = staged()
    assert window.address() == "topic:welcome"
    assert window._resources is None, "the resources pane was built before the first paint"
    assert not window.search.ready
    with qtbot.waitSignal(window.reader.firstPainted, timeout=5000):
        window.resize(1200, 800)
        window.show()
    qtbot.waitUntil(lambda: window._resources is not None, timeout=5000)
    panel = window.resources
    assert panel.isVisible() and panel.width() >= 240
    # It took the placeholder's place: the reading pane did not move or change width.
    assert window.splitter.widget(2) is panel and window.splitter.count() == 3
    qtbot.waitUntil(lambda: window.search.ready, timeout=5000)


def test_after_the_start_everything_works_as_in_a_window_built_at_once(staged, qtbot):
    window = staged()
    _show_and_settle(window, qtbot)
    assert window.open("resource:lifeline-988")
    assert "988" in window.resources.card.toPlainText()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "naloxone")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=5000)
    # Quick exit hears its keys once the window has started.
    quits: list[bool] = []
    window.quick_exit.quit = lambda: quits.append(True)
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Shift)
    assert quits == [True]


def test_a_start_at_a_resource_builds_the_pane_at_once(staged, qtbot):
    window = staged("--open", "resource:trevor-project")
    assert window._resources is not None
    assert "Trevor" in window.resources.card.toPlainText()
    assert window.address() == "topic:welcome", "the first page is shown beside the card"


def test_kiosk_and_presenting_are_not_staged(staged, qtbot):
    window = staged("--mode", "kiosk")
    assert window._resources is not None
    window.kiosk.release()


def test_a_stale_compiled_default_pack_is_replaced_by_its_source_after_the_paint(
    staged, qtbot, monkeypatch
):
    window = staged()
    assert window.library.compiled is not None
    monkeypatch.setattr(compiled, "default_pack_is_current", lambda: False)
    _show_and_settle(window, qtbot)
    qtbot.waitUntil(lambda: window.library.compiled is None, timeout=10000)
    assert window.address() == "topic:welcome"
    assert "welcome" in window.library.topic_ids()
