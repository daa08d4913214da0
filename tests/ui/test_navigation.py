"""Moving around the reader: sidebar, links, history, home, and links that must not act."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from hrreader.ui.sidebar import ADDRESS_ROLE


def test_starts_on_the_home_topic(window):
    assert window.address() == "topic:welcome"
    assert "Welcome" in window.reader.toPlainText()
    assert "Welcome" in window.windowTitle()


def test_open_address_from_command_line(make_window):
    window = make_window("--open", "topic:naloxone#how-to-use-nasal-naloxone")
    assert window.address() == "topic:naloxone#how-to-use-nasal-naloxone"
    # The pane scrolled down to the section rather than staying at the top.
    assert window.reader.verticalScrollBar().value() > 0


def test_unknown_start_address_falls_back_to_home(make_window):
    window = make_window("--open", "topic:no-such-topic")
    assert window.address() == "topic:welcome"


def test_sidebar_click_opens_topic_and_lists_its_sections(window, qtbot):
    sidebar = window.sidebar
    index = sidebar.topic_model().index_for("topic:alcohol")
    rect = sidebar.visualRect(index)
    if not rect.isValid() or rect.isEmpty():
        sidebar.scrollTo(index)
        rect = sidebar.visualRect(index)
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.address() == "topic:alcohol"
    assert sidebar.isExpanded(index), "the current topic shows its sections"
    assert sidebar.currentIndex().data(ADDRESS_ROLE) == "topic:alcohol"
    welcome = sidebar.topic_model().index_for("topic:welcome")
    assert not sidebar.isExpanded(welcome), "other topics fold their sections away"


def test_any_topic_opens_in_the_sidebar_to_show_its_sections(window, qtbot):
    """Sections become rows when a topic is first opened, read or not (a 10,000-topic pack
    has some 50,000); until then the topic still shows it can open."""
    sidebar, model = window.sidebar, window.sidebar.topic_model()
    alcohol = model.index_for("topic:alcohol")
    assert model.rowCount(alcohol) == 0 and model.hasChildren(alcohol)
    sidebar.scrollTo(alcohol)
    sidebar.setCurrentIndex(alcohol)
    qtbot.keyClick(sidebar, Qt.Key.Key_Right)  # the keyboard's way to open a branch
    assert sidebar.isExpanded(alcohol)
    titles = [model.index(row, 0, alcohol).data() for row in range(model.rowCount(alcohol))]
    topic = window.library.topic("alcohol")
    assert titles == [s.title for s in topic.sections]
    assert window.address() == "topic:welcome"  # opening a branch is not reading it
    first = model.index(0, 0, alcohol)
    assert first.data(ADDRESS_ROLE) == f"topic:alcohol#{topic.sections[0].anchor}"
    assert not model.hasChildren(first)


def test_every_row_of_the_tree_shows_its_whole_name_as_a_tooltip(window):
    """A large pack's rows are one line, cut short: the tooltip has the whole name."""
    model, tip = window.sidebar.topic_model(), Qt.ItemDataRole.ToolTipRole
    category = model.index(0, 0)
    assert category.data(tip) == category.data()
    naloxone = window.library.topic("naloxone")
    assert model.index_for("topic:naloxone").data(tip) == f"{naloxone.title}\n{naloxone.summary}"
    section = model.index_for(f"topic:naloxone#{naloxone.sections[0].anchor}")
    assert section.data(tip) == naloxone.sections[0].title


def test_opening_the_current_topic_again_keeps_it_highlighted(window, qtbot):
    """Even with Ctrl held, which in a list would take a row out of the selection."""
    sidebar = window.sidebar
    welcome = sidebar.topic_model().index_for("topic:welcome")
    assert sidebar.selectionModel().isSelected(welcome)
    sidebar.setFocus()
    qtbot.keyClick(sidebar, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.open("topic:welcome")
    assert window.address() == "topic:welcome"
    assert sidebar.currentIndex() == welcome
    assert sidebar.selectionModel().isSelected(welcome)


def test_section_in_sidebar_jumps_to_it(window, qtbot):
    window.open("topic:overdose-response")
    sidebar = window.sidebar
    topic = sidebar.topic_model().index_for("topic:overdose-response")
    section = sidebar.topic_model().index(1, 0, topic)
    address = section.data(ADDRESS_ROLE)
    assert address.startswith("topic:overdose-response#")
    sidebar.setCurrentIndex(section)
    qtbot.keyClick(sidebar, Qt.Key.Key_Return)
    assert window.address() == address
    assert window.reader.verticalScrollBar().value() > 0


def test_back_forward_and_home(window):
    assert not window.action("back").isEnabled()
    window.open("topic:naloxone")
    window.open("topic:alcohol")
    window.action("back").trigger()
    assert window.address() == "topic:naloxone"
    window.action("back").trigger()
    assert window.address() == "topic:welcome"
    assert not window.action("back").isEnabled()
    window.action("forward").trigger()
    assert window.address() == "topic:naloxone"
    window.open("topic:self-harm")
    assert not window.action("forward").isEnabled(), "a new page drops the forward list"
    window.action("home").trigger()
    assert window.address() == "topic:welcome"


def test_content_link_click_navigates(window):
    window.open("topic:naloxone")
    window.reader.anchorClicked.emit(QUrl("topic:overdose-response"))
    assert window.address() == "topic:overdose-response"


def test_resource_link_selects_resource_and_shows_card(window):
    window.open("topic:self-harm")
    window.reader.anchorClicked.emit(QUrl("resource:lifeline-988"))
    assert window.resources.current_id() == "lifeline-988"
    card = window.resources.card.toPlainText()
    assert "988 Suicide & Crisis Lifeline" in card
    assert "988" in card
    assert "Checked by a person on" in card
    assert window.address() == "topic:self-harm", "showing a card keeps the page"


def test_https_link_asks_before_opening(window, desktop):
    desktop.answer = False
    assert not window.open("https://988lifeline.org")
    assert desktop.questions and not desktop.opened
    desktop.answer = True
    assert window.open("https://988lifeline.org")
    assert desktop.opened == ["https://988lifeline.org"]


def test_other_schemes_are_refused_with_a_message(window, desktop):
    for url in ("javascript:alert(1)", "file:///etc/passwd", "http://example.org", "ftp://x"):
        assert not window.open(url)
    assert len(desktop.notices) == 4
    assert not desktop.opened
    assert window.address() == "topic:welcome"


def test_unknown_topic_keeps_the_reader_where_it_was(window):
    assert not window.open("topic:not-a-topic")
    assert window.address() == "topic:welcome"


def test_only_pack_and_qrc_resources_load(window):
    from PySide6.QtGui import QTextDocument

    kind = QTextDocument.ResourceType.ImageResource.value
    assert window.reader.loadResource(kind, QUrl("https://example.org/x.png")) is None
    assert window.reader.loadResource(kind, QUrl("http://example.org/x.png")) is None
    assert window.reader.loadResource(kind, QUrl("file:///etc/hostname")) is None
    assert window.reader.loadResource(kind, QUrl("pack:../../etc/hostname")) is None
    image = window.reader.loadResource(kind, QUrl("qrc:/icons/app.svg"))
    assert image is not None


def test_crisis_box_on_self_harm_topic(window):
    window.open("topic:self-harm")
    text = window.reader.toPlainText()
    assert "help is here now" in text
    assert "988" in text
