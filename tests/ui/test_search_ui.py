"""Search in the window: results follow typing, the newest query wins, keys work, find in page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hrreader.content.search import SearchResults
from hrreader.ui.search_panel import HIT_ROLE, SearchController


def hits(window) -> list[str]:
    model = window.search_panel.model
    return [model.index(row, 0).data(HIT_ROLE).target for row in range(model.rowCount())]


def wait_for_results(qtbot, window, query: str):
    with qtbot.waitSignal(window.search.resultsReady, timeout=3000) as blocker:
        window.search_field.setText(query)
    return blocker.args[0]


def test_ctrl_f_focuses_the_search_field(window, qtbot):
    window.action("search").trigger()
    qtbot.waitUntil(lambda: window.search_field.hasFocus())


def test_results_follow_typing(window, qtbot):
    window.search_field.setFocus()
    with qtbot.waitSignal(window.search.resultsReady, timeout=3000):
        qtbot.keyClicks(window.search_field, "narcan")
    assert window.left_stack.currentWidget() is window.search_panel
    assert hits(window)[0] == "topic:naloxone"


def test_typing_fast_runs_only_the_last_query(window, qtbot):
    seen: list[str] = []
    window.search.resultsReady.connect(lambda results: seen.append(results.query))
    window.search_field.setFocus()
    with qtbot.waitSignal(window.search.resultsReady, timeout=3000):
        qtbot.keyClicks(window.search_field, "overdose")
    qtbot.wait(300)
    assert seen == ["overdose"], "one debounced query, not one per keystroke"


def test_a_late_answer_to_an_old_query_is_dropped(qtbot):
    controller = SearchController("en", threaded=False)
    received: list[str] = []
    controller.resultsReady.connect(lambda results: received.append(results.query))
    controller.set_text("old")
    old_generation = controller._generation
    controller.set_text("new")
    controller._on_done(old_generation, SearchResults([], query="old"))
    controller._on_done(controller._generation, SearchResults([], query="new"))
    assert received == ["new"]


def test_arrow_keys_and_enter_open_a_hit_and_highlight_it(window, qtbot):
    wait_for_results(qtbot, window, "how to use naloxone")
    window.search_field.setFocus()
    first = window.search_panel.list_view.currentIndex().row()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.search_panel.list_view.currentIndex().row() == first + 1
    qtbot.keyClick(window.search_field, Qt.Key.Key_Up)
    target = window.search_panel.list_view.currentIndex().data(HIT_ROLE).target
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.address() == target
    assert window.reader.extraSelections(), "the matched words are marked in the page"


def test_escape_clears_and_returns_to_topics(window, qtbot):
    wait_for_results(qtbot, window, "alcohol")
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.left_stack.currentWidget() is window.sidebar_panel


def test_typo_shows_what_was_searched_instead(window, qtbot):
    results = wait_for_results(qtbot, window, "suacide")
    assert results.corrected
    assert "Showing results for" in window.search_panel.status.text()


def test_no_results_offers_crisis_resources(window, qtbot):
    wait_for_results(qtbot, window, "qqqzzzxxy")
    panel = window.search_panel
    assert not hits(window)
    assert panel.help_box.isVisible()
    assert "No results" in panel.status.text()
    assert panel.crisis_buttons
    qtbot.mouseClick(panel.crisis_buttons[0], Qt.MouseButton.LeftButton)
    assert window.resources.current_id() == "lifeline-988"


def test_hostile_queries_never_break_the_window(window, qtbot):
    for query in ['"', "*", "NEAR(", "a AND", ")))", "x" * 10_000, "💊🙂", "   "]:
        window.search_field.setText(query)
        window.search.flush()
    assert window.isVisible()


def test_find_in_page_counts_and_steps_through_matches(window, qtbot):
    window.open("topic:naloxone")
    window.action("find").trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "naloxone")
    label = window.find_bar.count_label.text()
    assert label.startswith("1 of ")
    total = int(label.split(" of ")[1])
    assert total >= 5
    window.find_bar.next_button.click()
    assert window.find_bar.count_label.text() == f"2 of {total}"
    window.find_bar.previous_button.click()
    window.find_bar.previous_button.click()
    assert window.find_bar.count_label.text() == f"{total} of {total}", "wraps around"
    window.find_bar.field.setText("zzqqxx")
    assert window.find_bar.count_label.text() == "Not found"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
