"""The resource list: filtering by words and tags, the card, and the models' contracts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hrreader.ui.resource_list import ID_ROLE


def visible_ids(panel) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(row, 0).data(ID_ROLE) for row in range(proxy.rowCount())]


def test_lists_every_resource(window):
    assert len(visible_ids(window.resources)) == len(window.library.resources) >= 18


def test_filter_by_typing(window, qtbot):
    panel = window.resources
    qtbot.keyClicks(panel.filter_field, "trevor")
    assert visible_ids(panel) == ["trevor-project"]
    panel.filter_field.clear()
    qtbot.keyClicks(panel.filter_field, "741741")
    assert visible_ids(panel) == ["crisis-text-line"]


def test_filter_matches_descriptions_tags_and_folds_accents(window, qtbot):
    panel = window.resources
    qtbot.keyClicks(panel.filter_field, "naloxone")
    ids = visible_ids(panel)
    assert "next-distro" in ids and "lifeline-988" not in ids
    # "Línea" is in the Spanish description of the 988 Lifeline: with or without the accent.
    for typed in ("linea", "LÍNEA", "línea de crisis"):
        panel.filter_field.setText(typed)
        assert "lifeline-988" in visible_ids(panel), typed
    panel.filter_field.setText("SEXUAL   assault")
    assert visible_ids(panel) == ["rainn"]


def test_tag_buttons_narrow_the_list(window, qtbot):
    panel = window.resources
    qtbot.mouseClick(panel.tag_buttons["crisis"], Qt.MouseButton.LeftButton)
    crisis = visible_ids(panel)
    assert "lifeline-988" in crisis and "findtreatment-gov" not in crisis
    qtbot.mouseClick(panel.tag_buttons["lgbtq"], Qt.MouseButton.LeftButton)
    assert set(visible_ids(panel)) == {"trevor-project", "trans-lifeline"}
    qtbot.mouseClick(panel.tag_buttons["24-7"], Qt.MouseButton.LeftButton)
    assert visible_ids(panel) == ["trevor-project"], "Trans Lifeline is not 24/7"
    panel.clear_filters()
    assert len(visible_ids(panel)) == len(window.library.resources)


def test_selecting_shows_a_card_with_every_way_to_reach_it(window, qtbot):
    panel = window.resources
    assert panel.select("domestic-violence-hotline")
    card = panel.card.toPlainText()
    for expected in (
        "National Domestic Violence Hotline",
        "1-800-799-7233",
        "START",
        "88788",
        "https://www.thehotline.org",
        "24 hours",
        "Checked by a person on",
    ):
        assert expected in card


def test_a_text_line_says_what_to_send_and_where_in_the_reader_language(window):
    panel = window.resources
    assert panel.select("crisis-text-line")
    assert "send HOME to 741741" in panel.card.toPlainText()
    window.set_language("es")
    assert "envíe HOME al 741741" in panel.card.toPlainText()


def test_descriptive_resource_names_are_translated_and_proper_names_are_not(window):
    window.set_language("es")
    panel = window.resources
    names = [panel.proxy.index(row, 0).data() for row in range(panel.proxy.rowCount())]
    assert "Servicios de emergencia (911)" in names
    assert "988 Suicide & Crisis Lifeline" in names  # the service's own name


def test_select_clears_a_filter_that_hides_the_resource(window, qtbot):
    panel = window.resources
    qtbot.keyClicks(panel.filter_field, "trevor")
    assert window.open("resource:poison-help")
    assert panel.current_id() == "poison-help"
    assert panel.filter_field.text() == ""


def test_unknown_resource_is_refused(window):
    assert not window.open("resource:nope")


def test_models_pass_qt_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.topic_model)
    qtmodeltester.check(window.resources.model)
    qtmodeltester.check(window.resources.proxy)
