"""Presentation mode: slides one section at a time, clicker keys, the presenter view on a
second screen, and the session playlist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton

from hrreader.content.slides import topic_slides
from hrreader.ui.modes import PRESENT
from hrreader.ui.present import (
    PLAYLIST_KEY,
    PlaylistModel,
    Presentation,
    SlideListModel,
    choose_screens,
    stored_addresses,
)
from hrreader.ui.reader import BASE_POINT_SIZE
from hrreader.ui.settings import DiskStore, MemoryStore

HOW = "topic:naloxone#how-to-use-nasal-naloxone"
#: Tall enough that every naloxone slide fits without scrolling, even the long one.
ROOMY = (1100, 2400)
Key = Qt.Key
LEFT = Qt.MouseButton.LeftButton


class FakeScreen:
    """Stands in for a QScreen: presentations only ask a screen for its geometry."""

    def __init__(self, x: int, name: str) -> None:
        self._rect = QRect(x, 0, 1280, 800)
        self._name = name

    def geometry(self) -> QRect:
        return self._rect

    def name(self) -> str:
        return self._name


ONE_SCREEN = [FakeScreen(0, "laptop")]
TWO_SCREENS = [FakeScreen(0, "laptop"), FakeScreen(1280, "projector")]


def present_at(window, address: str, size=ROOMY, screens=ONE_SCREEN) -> Presentation:
    window.open(address)
    presentation = window.presentation.present_current(screens=screens, size=size)
    assert presentation is not None
    return presentation


def press(qtbot, presentation: Presentation, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(presentation.slide_screen.view, key, modifier)


def until_next_slide(presentation: Presentation, step) -> None:
    """Step until the slide changes: a slide longer than the screen scrolls first."""
    start = presentation.index
    for _ in range(20):
        step()
        if presentation.index != start:
            return
    raise AssertionError("the slide never changed")


def slide_text(presentation: Presentation) -> str:
    return presentation.slide_screen.view.toPlainText()


# -- slides ------------------------------------------------------------------------------
def test_f5_presents_the_current_section_alone(window, qtbot):
    window.open(HOW)
    window.presentation.screens = lambda: ONE_SCREEN
    window.action("present").trigger()
    presentation = window.presentation.active
    assert presentation is not None
    screen = presentation.slide_screen
    qtbot.waitExposed(screen)
    assert presentation.current.address == HOW
    assert presentation.indicator_text() == "3 / 7"
    assert screen.indicator.text() == "3 / 7"
    text = slide_text(presentation)
    assert text.startswith("Naloxone (Narcan)\nHow to use nasal naloxone")
    assert "Press the plunger firmly" in text
    assert "Naloxone is safe" not in text, "the section before is not on this slide"
    assert "Keep it at room temperature" not in text, "nor the one after"
    assert "Sources" not in text, "the page footer is not a slide"
    assert screen.isFullScreen(), "one screen: the slide simply goes fullscreen"
    assert presentation.presenter_screen is None


def test_f5_starts_from_the_section_scrolled_to(window):
    window.open("topic:naloxone")
    window.reader.scrollToAnchor("where-to-get-naloxone")
    assert window.address() == "topic:naloxone", "scrolling does not change the address"
    presentation = window.presentation.present_current(screens=ONE_SCREEN, size=ROOMY)
    assert presentation.current.address == "topic:naloxone#where-to-get-naloxone"


def test_the_intro_slide_is_the_topic_title_and_its_first_part(window):
    presentation = present_at(window, "topic:naloxone")
    assert presentation.index == 0 and presentation.indicator_text() == "1 / 7"
    text = slide_text(presentation)
    assert text.startswith("Naloxone (Narcan)\nNaloxone is a medicine")
    assert "What naloxone does" not in text


@pytest.mark.parametrize(
    ("forward", "back"),
    [
        (Key.Key_PageDown, Key.Key_PageUp),  # most clickers
        (Key.Key_Right, Key.Key_Left),  # the other clickers
        (Key.Key_Space, Key.Key_Backspace),
        (Key.Key_Down, Key.Key_Up),
    ],
)
def test_clicker_keys_step_through_the_slides(window, qtbot, forward, back):
    presentation = present_at(window, HOW)
    seen = []
    presentation.changed.connect(seen.append)
    press(qtbot, presentation, forward)
    assert presentation.indicator_text() == "4 / 7"
    assert slide_text(presentation).startswith(
        "Naloxone (Narcan)\nWhat to expect when someone wakes up"
    )
    press(qtbot, presentation, forward)
    assert presentation.slide_screen.indicator.text() == "5 / 7"
    press(qtbot, presentation, back)
    press(qtbot, presentation, back)
    press(qtbot, presentation, back)
    assert presentation.indicator_text() == "2 / 7"
    assert seen == [3, 4, 3, 2, 1]


def test_shift_space_goes_back(window, qtbot):
    presentation = present_at(window, HOW)
    press(qtbot, presentation, Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert presentation.indicator_text() == "2 / 7"


def test_home_end_and_the_ends_of_the_presentation(window, qtbot):
    presentation = present_at(window, HOW)
    press(qtbot, presentation, Key.Key_End)
    assert presentation.indicator_text() == "7 / 7"
    press(qtbot, presentation, Key.Key_PageDown)
    assert presentation.indicator_text() == "7 / 7", "the last slide stays"
    press(qtbot, presentation, Key.Key_Home)
    assert presentation.indicator_text() == "1 / 7"
    press(qtbot, presentation, Key.Key_PageUp)
    assert presentation.indicator_text() == "1 / 7"


def test_keys_with_ctrl_or_alt_are_not_clicker_keys(window, qtbot):
    presentation = present_at(window, HOW)
    press(qtbot, presentation, Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert presentation.indicator_text() == "3 / 7"


def test_b_or_full_stop_blanks_the_screen_and_next_brings_it_back(window, qtbot):
    presentation = present_at(window, HOW)
    screen = presentation.slide_screen
    qtbot.waitExposed(screen)
    press(qtbot, presentation, Key.Key_B)
    assert presentation.blanked and screen.blank.isVisible()
    assert screen.blank.geometry() == screen.rect()
    press(qtbot, presentation, Key.Key_B)
    assert not screen.blank.isVisible()
    press(qtbot, presentation, Key.Key_Period)
    assert screen.blank.isVisible()
    press(qtbot, presentation, Key.Key_PageDown)
    assert not screen.blank.isVisible()
    assert presentation.indicator_text() == "3 / 7", "un-blanking does not skip a slide"


def test_escape_returns_to_the_window_at_the_section_shown(window, qtbot):
    window.open("topic:naloxone")
    presentation = present_at(window, HOW)
    screen = presentation.slide_screen
    finished = []
    window.presentation.finished.connect(finished.append)
    press(qtbot, presentation, Key.Key_PageDown)
    press(qtbot, presentation, Key.Key_Escape)
    expected = "topic:naloxone#what-to-expect-when-someone-wakes-up"
    assert finished == [expected]
    assert window.presentation.active is None
    assert not screen.isVisible()
    assert window.address() == expected
    assert window.isVisible() and window.left_stack.isVisible(), "the normal window"


def test_closing_the_slide_window_ends_the_presentation(window):
    presentation = present_at(window, HOW)
    presentation.slide_screen.close()
    assert window.presentation.active is None
    assert window.address() == HOW


def test_a_link_to_another_slide_moves_there(window):
    presentation = present_at(window, "topic:overdose-response")
    target = next(s for s in presentation.slides[1:] if s.anchor)
    presentation.slide_screen.view.linkRequested.emit(target.address)
    assert presentation.current == target
    presentation.slide_screen.view.linkRequested.emit("https://example.org/")
    presentation.slide_screen.view.linkRequested.emit("resource:emergency-911")
    assert presentation.current == target, "other links do nothing on a slide"


def test_type_is_large_and_grows_with_the_screen(window, qtbot):
    presentation = present_at(window, "topic:naloxone#what-you-can-do-next", size=(1024, 768))
    qtbot.waitExposed(presentation.slide_screen)
    view = presentation.slide_screen.view
    qtbot.waitUntil(lambda: view.scale == pytest.approx(PRESENT.text_scale, abs=0.01))
    assert view.point_size() >= BASE_POINT_SIZE * PRESENT.text_scale - 0.1
    presentation.slide_screen.resize(1920, 1080)
    qtbot.waitUntil(lambda: view.scale > PRESENT.text_scale * 1.3)
    assert view.verticalScrollBar().maximum() == 0, "the slide fits"


def test_a_slide_too_long_for_the_screen_scrolls_before_moving_on(window, qtbot):
    presentation = present_at(window, HOW, size=(640, 480))
    qtbot.waitExposed(presentation.slide_screen)
    view = presentation.slide_screen.view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    assert view.point_size() >= BASE_POINT_SIZE * 1.1 - 0.1, "never shrunk below the floor"
    steps = 0
    while presentation.index == 2:
        press(qtbot, presentation, Key.Key_PageDown)
        steps += 1
        assert steps < 20
    assert steps >= 2, "the rest of the long slide was shown first"
    assert view.verticalScrollBar().value() == 0, "the next slide starts at its top"


def test_indicator_is_small_and_in_the_bottom_right_corner(window, qtbot):
    presentation = present_at(window, HOW, size=(1024, 768))
    screen = presentation.slide_screen
    qtbot.waitExposed(screen)
    label = screen.indicator.geometry()
    assert label.right() > screen.width() * 0.9 and label.bottom() > screen.height() * 0.9
    assert label.height() < screen.height() * 0.06
    assert screen.indicator.accessibleName() == "Section 3 of 7"


# -- two screens -------------------------------------------------------------------------
def test_choose_screens_keeps_the_window_screen_for_the_therapist():
    laptop, projector = TWO_SCREENS
    assert choose_screens(TWO_SCREENS, projector) == (laptop, projector)
    assert choose_screens(TWO_SCREENS, None) == (projector, laptop)
    assert choose_screens(ONE_SCREEN, None) == (ONE_SCREEN[0], None)
    assert choose_screens([], None) == (None, None)


def test_two_screens_show_the_slide_and_a_presenter_view(window, qtbot):
    window.open(HOW)
    window.presentation.screens = lambda: TWO_SCREENS
    window.action("present").trigger()
    presentation = window.presentation.active
    presenter = presentation.presenter_screen
    assert presenter is not None
    qtbot.waitExposed(presenter)
    assert presentation.client_screen is TWO_SCREENS[1]
    assert presentation.slide_screen.isFullScreen()
    assert presenter.isMaximized()
    # the client's screen shows only the slide; the therapist's shows what comes next
    assert presenter.count_label.text() == "3 / 7"
    assert presenter.now_label.text() == "Naloxone (Narcan): How to use nasal naloxone"
    assert presenter.next_title.text() == "What to expect when someone wakes up"
    assert presenter.next_text.text().startswith("Naloxone can bring on opioid withdrawal")
    assert "Press the plunger firmly" in presenter.preview.accessibleDescription()
    presenter.refresh_preview()
    assert not presenter.preview.source().isNull(), "a picture of the client's screen"
    assert presenter.list.currentIndex().row() == 2
    assert presenter.model.rowCount() == 7
    assert presenter.list.currentIndex().data(Qt.ItemDataRole.FontRole).bold()
    assert "Up next" not in slide_text(presentation)

    # (the fullscreen slide is small here, so a long slide scrolls before it moves on)
    until_next_slide(presentation, lambda: qtbot.mouseClick(presenter.next_button, LEFT))
    assert presentation.indicator_text() == "4 / 7"
    assert presenter.next_title.text() == "Where to get naloxone"
    # clicker keys work with the therapist's window focused, too
    until_next_slide(presentation, lambda: qtbot.keyClick(presenter.list, Key.Key_PageDown))
    assert presenter.count_label.text() == "5 / 7"
    qtbot.mouseClick(presenter.previous_button, Qt.MouseButton.LeftButton)
    assert presentation.indicator_text() == "4 / 7"
    qtbot.mouseClick(presenter.blank_button, Qt.MouseButton.LeftButton)
    assert presentation.blanked
    qtbot.mouseClick(presenter.blank_button, Qt.MouseButton.LeftButton)
    assert not presentation.blanked
    presenter.list.clicked.emit(presenter.model.index(6, 0))
    assert presentation.indicator_text() == "7 / 7"
    assert presenter.next_title.text() == "The end of the presentation"
    presenter.refresh_preview()
    # Next stays on only while the last slide has more to scroll to
    assert presenter.next_button.isEnabled() == presentation.slide_can_scroll()
    presentation.slide_screen.view.verticalScrollBar().setValue(10_000)
    presenter.refresh_preview()
    assert not presenter.next_button.isEnabled()
    qtbot.mouseClick(presenter.exit_button, Qt.MouseButton.LeftButton)
    assert window.presentation.active is None
    assert window.address() == "topic:naloxone#what-you-can-do-next"


def test_space_on_a_focused_presenter_button_presses_it(window, qtbot):
    presentation = present_at(window, HOW, screens=TWO_SCREENS)
    presenter = presentation.presenter_screen
    qtbot.waitExposed(presenter)
    presenter.previous_button.setFocus()
    qtbot.keyClick(presenter.previous_button, Key.Key_Space)
    assert presentation.indicator_text() == "2 / 7", "Space pressed Previous"


def test_presenter_controls_are_named_and_large(window, qtbot):
    presentation = present_at(window, HOW, screens=TWO_SCREENS)
    presenter = presentation.presenter_screen
    qtbot.waitExposed(presenter)
    for button in presenter.findChildren(QAbstractButton):
        assert button.accessibleName(), button.text()
        assert button.height() >= 48, button.text()
    assert presenter.list.accessibleName()
    assert presenter.preview.accessibleName()


# -- the session playlist ----------------------------------------------------------------
def test_ctrl_b_adds_the_current_section_once(window, qtbot):
    window.open(HOW)
    window.activateWindow()
    qtbot.keyClick(window.reader, Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.presentation.playlist.addresses() == [HOW]
    assert "Added" in window.statusBar().currentMessage()
    window.action("bookmark").trigger()
    assert window.presentation.playlist.addresses() == [HOW]
    assert "already" in window.statusBar().currentMessage()
    window.open("topic:overdose-response")
    window.action("bookmark").trigger()
    assert window.presentation.playlist.addresses() == [HOW, "topic:overdose-response"]


def test_playlist_dialog_reorders_and_removes_from_the_keyboard(window, qtbot):
    playlist = window.presentation.playlist
    playlist.set_addresses(["topic:naloxone#where-to-get-naloxone", "topic:welcome", HOW])
    dialog = window.action("playlist").trigger() or window.presentation.dialog
    qtbot.waitExposed(dialog)
    assert dialog.list.accessibleName() and dialog.focusWidget() is dialog.list
    assert dialog.list.currentIndex().row() == 0
    assert not dialog.up_button.isEnabled() and dialog.down_button.isEnabled()
    qtbot.keyClick(dialog.list, Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert playlist.addresses()[:2] == ["topic:welcome", "topic:naloxone#where-to-get-naloxone"]
    assert dialog.current_row() == 1, "the moved section stays selected"
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert playlist.addresses() == ["topic:welcome", HOW, "topic:naloxone#where-to-get-naloxone"]
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert playlist.addresses()[0] == "topic:naloxone#where-to-get-naloxone"
    qtbot.keyClick(dialog.list, Key.Key_Delete)
    assert playlist.addresses() == ["topic:welcome", HOW]
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert playlist.addresses() == [HOW]
    dialog.list.activated.emit(playlist.index(0, 0))
    assert window.address() == HOW, "Enter opens the section in the reader"
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert playlist.addresses() == []
    assert dialog.empty_label.isVisible() and not dialog.present_button.isEnabled()
    for button in dialog.findChildren(QAbstractButton):
        assert button.accessibleName(), button.text()


def test_playlist_dialog_adds_the_section_being_read(window, qtbot):
    window.open(HOW)
    dialog = window.presentation.show_playlist()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert window.presentation.playlist.addresses() == [HOW]
    assert dialog.current_row() == 0


def test_playlist_is_presented_in_order_across_topics(window, qtbot):
    order = ["topic:overdose-response", HOW, "topic:naloxone#where-to-get-naloxone"]
    window.presentation.playlist.set_addresses(order)
    window.presentation.screens = lambda: TWO_SCREENS
    window.action("present-playlist").trigger()
    presentation = window.presentation.active
    assert [s.address for s in presentation.slides] == order
    assert presentation.indicator_text() == "1 / 3"
    assert presentation.presenter_screen is not None
    presentation.finish()
    presentation = window.presentation.present_playlist(screens=TWO_SCREENS, size=ROOMY)
    assert slide_text(presentation).startswith("Responding to an overdose")
    presenter = presentation.presenter_screen
    assert presenter.next_title.text() == "Naloxone (Narcan): How to use nasal naloxone"
    labels = [presenter.model.index(r, 0).data() for r in range(3)]
    assert labels[1] == "2.  Naloxone (Narcan): How to use nasal naloxone"
    qtbot.keyClick(presenter.next_button, Key.Key_Right)
    assert slide_text(presentation).startswith("Naloxone (Narcan)\nHow to use nasal naloxone")
    qtbot.keyClick(presenter.next_button, Key.Key_Escape)
    assert window.address() == HOW


def test_an_empty_playlist_says_how_to_fill_it(window):
    assert window.presentation.present_playlist() is None
    assert window.presentation.active is None
    assert "Ctrl+B" in window.statusBar().currentMessage()


def test_playlist_is_remembered_in_personal_mode(make_window, tmp_path):
    path = str(tmp_path / "settings.json")
    first = make_window(store=DiskStore(path))
    first.open(HOW)
    first.action("bookmark").trigger()
    first.open("topic:welcome")
    first.action("bookmark").trigger()
    first.presentation.playlist.move(1, -1)
    first.close()
    second = make_window(store=DiskStore(path))
    assert second.presentation.playlist.addresses() == ["topic:welcome", HOW]
    assert "playlist" in (tmp_path / "settings.json").read_text()


def test_playlist_is_not_written_in_private_mode(make_window, tmp_path):
    path = tmp_path / "settings.json"
    store = DiskStore(str(path))
    window = make_window("--private", store=store)
    window.open(HOW)
    window.action("bookmark").trigger()
    assert window.presentation.playlist.addresses() == [HOW]
    assert store.get(PLAYLIST_KEY) is None
    assert PLAYLIST_KEY not in (path.read_text() if path.exists() else "")


class RecordingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def set(self, key, value) -> None:
        self.writes.append(key)
        super().set(key, value)


def test_forget_ends_the_presentation_and_empties_the_playlist_without_writing(make_window):
    store = RecordingStore()
    window = make_window(store=store)
    window.open(HOW)
    window.action("bookmark").trigger()
    assert store.writes.count(PLAYLIST_KEY) == 1
    presentation = present_at(window, HOW)
    window.presentation.forget()
    assert window.presentation.active is None and not presentation.slide_screen.isVisible()
    assert window.presentation.playlist.addresses() == []
    assert store.writes.count(PLAYLIST_KEY) == 1, "quick exit writes nothing"
    assert store.get(PLAYLIST_KEY) == [HOW]


def test_hiding_the_window_ends_the_presentation(window):
    presentation = present_at(window, HOW)
    window.hide()
    assert window.presentation.active is None
    assert not presentation.slide_screen.isVisible()


def test_stored_playlists_are_read_whatever_shape_qsettings_gives():
    assert stored_addresses(None) == []
    assert stored_addresses("") == []
    assert stored_addresses("topic:a") == ["topic:a"]
    assert stored_addresses(["topic:a", 3, " "]) == ["topic:a"]


def test_models_pass_qt_model_tester(window, qtmodeltester):
    playlist = window.presentation.playlist
    playlist.set_addresses([HOW, "topic:welcome", "topic:naloxone"])
    qtmodeltester.check(playlist)
    playlist.move(0, 1)
    playlist.remove(2)
    assert playlist.index(1, 0).data() == "Naloxone (Narcan): How to use nasal naloxone"
    assert playlist.index(0, 0).data() == "Welcome: introduction"
    slides = SlideListModel(topic_slides(window.library, "naloxone", "en"))
    qtmodeltester.check(slides)


def test_unknown_addresses_never_enter_the_playlist(window):
    playlist: PlaylistModel = window.presentation.playlist
    playlist.set_addresses(["topic:nowhere", "resource:emergency-911", HOW, HOW])
    assert playlist.addresses() == [HOW]
    assert not playlist.append("topic:naloxone#no-such-section")


# -- modes and the command line ----------------------------------------------------------
def test_present_flag_starts_on_the_slide_it_opens(make_window, qtbot):
    window = make_window("--present", "--open", HOW, "--size", "1024x768")
    qtbot.waitUntil(lambda: window.presentation.active is not None)
    presentation = window.presentation.active
    assert presentation.current.address == HOW
    assert presentation.indicator_text() == "3 / 7"
    assert presentation.slide_screen.size().toTuple() == (1024, 768)
    qtbot.keyClick(presentation.slide_screen.view, Key.Key_Escape)
    # Escape leaves to the normal window, not out of the program
    assert window.isVisible() and window.address() == HOW
    assert window.left_stack.isVisible() and window.toolbar.isVisible()


def test_present_actions_have_their_shortcuts(window):
    assert window.action("present").shortcut().toString() == "F5"
    assert window.action("bookmark").shortcut().toString() == "Ctrl+B"
    assert window.action("present-playlist").isEnabled()


def test_kiosk_mode_does_not_present(make_window):
    window = make_window("--kiosk", show=False)
    for action_id in ("present", "present-playlist", "bookmark", "playlist"):
        assert not window.action(action_id).isEnabled(), action_id
