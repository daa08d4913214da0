"""Accessibility (issue #6): what a screen reader hears and what a keyboard can reach.

Every control has a name, in English, in Spanish and after switching between them; the
page's headings and links reach assistive technology and the keyboard; F6 moves between
the panes; a whole visit works from the keyboard alone and the focus never gets stuck; and
the focus can be seen in every theme.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from hrreader.content.colour import contrast
from hrreader.ui.i18n import language_name
from hrreader.ui.main_window import MainWindow
from hrreader.ui.qr import QrDialog

from .test_present import TWO_SCREENS

Key = Qt.Key
Mod = Qt.KeyboardModifier
#: What a person can operate; any other widget that takes the focus from Tab counts too.
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractItemView,
    QTextEdit,
    QComboBox,
    QAbstractSlider,
    QAbstractSpinBox,
    QTabBar,
)
#: Tab stops of the default start page, its links and the resources pane together, with room.
TAB_BUDGET = 40


# -- what a screen reader hears ---------------------------------------------------------------
def describe(widget: QWidget | None) -> str:
    """``Class#objectName`` of the widget and each parent up to the window, for a failure."""
    parts = []
    while widget is not None:
        parts.append(f"{type(widget).__name__}#{widget.objectName()}")
        widget = widget.parentWidget()
    return " < ".join(parts)


def spoken_name(widget: QWidget) -> str:
    """The accessible name; for a button with none, its words without the ``&`` mnemonic."""
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    return name


def is_control(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar) and widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return False  # part of a named scroll area; Qt announces it as a scroll bar itself
    tab_stop = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return isinstance(widget, INTERACTIVE) or tab_stop


def controls(root: QWidget) -> list[QWidget]:
    """Every visible control under ``root`` (its dialogs and presentation windows too)."""
    return [w for w in (root, *root.findChildren(QWidget)) if w.isVisible() and is_control(w)]


def key_of(widget: QWidget) -> str:
    """The same control in two windows: its toolbar action, else its place among siblings."""
    if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
        action_id = widget.defaultAction().property("actionId")
        if action_id:
            return f"action {action_id}"
    parent = widget.parentWidget()
    if parent is None:
        return describe(widget)
    siblings = parent.findChildren(type(widget), options=Qt.FindChildOption.FindDirectChildrenOnly)
    return f"{describe(widget)} [{siblings.index(widget)}]"


def problems_in(root: QWidget) -> list[str]:
    problems = []
    for widget in controls(root):
        if not spoken_name(widget):
            problems.append(f"no accessible name: {describe(widget)}")
        on_toolbar = isinstance(widget.parentWidget(), QToolBar)
        if (
            on_toolbar
            and isinstance(widget, QAbstractButton)
            and not (widget.toolTip().strip() or widget.accessibleDescription().strip())
        ):
            problems.append(f"toolbar button without a tooltip or description: {describe(widget)}")
    return problems


class Walk:
    """Names and problems gathered over several states of several windows."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.problems: list[str] = []

    def __call__(self, state: str, root: QWidget) -> None:
        self.problems += [f"{state}: {p}" for p in problems_in(root)]
        for widget in controls(root):
            self.names[f"{state}: {key_of(widget)}"] = spoken_name(widget)


def untranslated(english: dict[str, str], other: dict[str, str], keep: set[str]) -> list[str]:
    """Controls named the same in both languages (but for names that are ``keep``)."""
    return [
        f"{key}: {name!r}"
        for key, name in english.items()
        if key in other and other[key] == name and name not in keep
    ]


def wait_for_search(window: MainWindow, qtbot) -> None:
    window.search.flush()
    panel = window.search_panel
    qtbot.waitUntil(
        lambda: panel.model.rowCount() > 0 or panel.help_box.isVisibleTo(window), timeout=3000
    )


def busy(window: MainWindow, qtbot) -> None:
    """A card with every QR code, a filter, search results and the find bar, all at once."""
    window.open("topic:naloxone")
    window.open("resource:lifeline-988")
    window.resources.filter_field.setText("988")  # with text, the clear buttons show
    window.search_field.setText("naloxone")
    wait_for_search(window, qtbot)
    window.action("find").trigger()
    window.find_bar.field.setText("spray")


def walk_everything(make_window, qtbot, monkeypatch, lang: str) -> Walk:
    """Every window and state a person meets: reading, searching, presenting (client and
    therapist screens), the playlist, the QR code, the kiosk and its screens."""
    walk = Walk()
    window = make_window("--lang", lang)
    walk("start", window)
    busy(window, qtbot)
    walk("busy", window)
    window.search_field.setText("zzzqqq")  # no results: the crisis buttons show
    wait_for_search(window, qtbot)
    walk("no results", window)

    window.search_field.setText("")
    window.open("topic:naloxone#how-to-use-nasal-naloxone")
    presentation = window.presentation.present_current(screens=TWO_SCREENS, size=(1000, 700))
    assert presentation is not None and presentation.presenter_screen is not None
    qtbot.waitExposed(presentation.presenter_screen)
    walk("presenting", window)
    presentation.finish(False)

    window.presentation.playlist.append("topic:naloxone#how-to-use-nasal-naloxone")
    dialog = window.presentation.show_playlist()
    qtbot.waitExposed(dialog)
    walk("playlist", window)
    dialog.close()

    qr = QrDialog("Lifeline", "Scan it", "https://988lifeline.org", window)
    qr.show()
    qtbot.waitExposed(qr)
    walk("qr code", window)
    qr.close()
    qr.deleteLater()

    kiosk = make_window("--kiosk", "--lang", lang)
    walk("kiosk start screen", kiosk)
    kiosk.kiosk.start_reading()
    busy(kiosk, qtbot)
    walk("kiosk reading", kiosk)
    kiosk.kiosk.overlay.start(20)
    walk("kiosk still reading?", kiosk)
    kiosk.kiosk.overlay.stop()
    monkeypatch.setattr(kiosk.kiosk.pin_gate, "is_set", lambda: True)
    staff = kiosk.kiosk.staff_exit()
    qtbot.waitExposed(staff)
    walk("kiosk staff exit", kiosk)
    staff.reject()
    kiosk.kiosk.release()  # its filters would otherwise watch the next window's keys
    return walk


def test_every_control_has_a_name_in_english_and_in_spanish(make_window, qtbot, monkeypatch):
    english = walk_everything(make_window, qtbot, monkeypatch, "en")
    spanish = walk_everything(make_window, qtbot, monkeypatch, "es")
    assert not english.problems + spanish.problems, "\n".join(english.problems + spanish.problems)
    assert len(english.names.keys() & spanish.names.keys()) > 80
    languages = {language_name(code) for code in ("en", "es")}
    same = untranslated(english.names, spanish.names, languages)
    assert not same, "named the same in Spanish:\n" + "\n".join(same)


def test_names_follow_a_switch_of_language(make_window, qtbot):
    window = make_window()
    busy(window, qtbot)
    english = Walk()
    english("window", window)
    window.set_language("es")
    wait_for_search(window, qtbot)
    spanish = Walk()
    spanish("window", window)
    assert not spanish.problems, "\n".join(spanish.problems)
    assert len(english.names.keys() & spanish.names.keys()) > 25
    languages = {language_name(code) for code in window.library.languages}
    same = untranslated(english.names, spanish.names, languages)
    assert not same, "not renamed after switching to Spanish:\n" + "\n".join(same)
    assert window.resources.filter_field.findChildren(QToolButton)[0].text() == "Borrar el filtro"


# -- the page ---------------------------------------------------------------------------------
def activate(window: QWidget, qtbot) -> None:
    """Make ``window`` the active one, as a click on it would: keys go to the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_the_page_gives_its_headings_and_links_to_screen_readers_and_the_keyboard(window, qtbot):
    activate(window, qtbot)
    window.open("topic:naloxone")
    topic = window.library.topic("naloxone", window.lang)
    reader = window.reader
    headings: dict[int, list[str]] = {}
    links: list[str] = []
    block = reader.document().begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            headings.setdefault(level, []).append(block.text().strip())
        fragments = block.begin()
        while not fragments.atEnd():
            char_format = fragments.fragment().charFormat()
            if char_format.isAnchor() and char_format.anchorHref():
                links.append(char_format.anchorHref())
            fragments += 1
        block = block.next()
    assert headings[1] == [topic.title]
    assert {s.title for s in topic.sections} <= set(headings[2])
    assert "topic:overdose-response" in links and "resource:emergency-911" in links

    # What assistive technology is given: the pane's name and purpose, and all its words.
    accessible = QAccessible.queryAccessibleInterface(reader)
    assert accessible.text(QAccessible.Text.Name) == "Reading pane"
    assert "Tab" in accessible.text(QAccessible.Text.Description)
    assert accessible.state().focusable
    text = accessible.textInterface()
    spoken = text.text(0, text.characterCount())
    assert topic.title in spoken and all(s.title in spoken for s in topic.sections)

    # Links by keyboard: Tab selects the next link, Enter follows it through MainWindow.open.
    assert reader.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    followed: list[str] = []
    reader.linkRequested.connect(followed.append)
    reader.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(reader, Key.Key_Tab)
    assert QApplication.focusWidget() is reader
    assert reader.textCursor().selectedText() == "emergency services"
    qtbot.keyClick(reader, Key.Key_Return)
    assert followed == ["resource:emergency-911"]
    assert window.resources.current_id() == "emergency-911"
    assert "911" in window.resources.card.toPlainText()
    qtbot.keyClick(reader, Key.Key_Tab)
    assert reader.textCursor().selectedText().lower() == "responding to an overdose"
    qtbot.keyClick(reader, Key.Key_Enter)
    assert window.address() == "topic:overdose-response"


# -- F6 and Tab -------------------------------------------------------------------------------
def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Mod.NoModifier) -> QWidget:
    """Press a key where the focus is, as a person would; returns where the focus is now."""
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus went nowhere"
    qtbot.keyClick(widget, key, modifier)
    return QApplication.focusWidget()


def test_f6_goes_round_the_panes_that_show(window, qtbot):
    activate(window, qtbot)
    resources = window.resources
    assert window.action("next-pane").shortcut().toString() == "F6"
    assert window.action("previous-pane").shortcut().toString() == "Shift+F6"
    window.reader.setFocus(Qt.FocusReason.OtherFocusReason)
    forward = [press(qtbot, Key.Key_F6) for _ in range(4)]
    assert forward == [resources.filter_field, window.search_field, window.sidebar, window.reader]
    backward = [press(qtbot, Key.Key_F6, Mod.ShiftModifier) for _ in range(4)]
    assert backward == [window.sidebar, window.search_field, resources.filter_field, window.reader]

    # From a control inside a pane (a find field, a tag button), F6 still goes to the next.
    window.action("find").trigger()
    assert press(qtbot, Key.Key_F6) is resources.filter_field
    resources.tag_buttons["crisis"].setFocus(Qt.FocusReason.TabFocusReason)
    assert press(qtbot, Key.Key_F6) is window.search_field

    # While searching, the left pane is the results; F6 from the field goes there.
    qtbot.keyClicks(window.search_field, "naloxone")
    wait_for_search(window, qtbot)
    assert press(qtbot, Key.Key_F6) is window.search_panel.list_view

    # A pane that is hidden is skipped.
    resources.hide()
    window.reader.setFocus(Qt.FocusReason.OtherFocusReason)
    assert press(qtbot, Key.Key_F6) is window.search_field


@pytest.mark.parametrize("mode", ["personal", "private", "present", "kiosk"])
def test_f6_works_in_every_mode_that_shows_the_panes(make_window, qtbot, mode):
    window = make_window("--mode", mode)
    if window.mode.start_presenting:  # the presentation covers the window; Escape ends it
        qtbot.waitUntil(lambda: window.presentation.active is not None, timeout=3000)
        qtbot.keyClick(window.presentation.surface(), Key.Key_Escape)
        assert window.presentation.active is None
    activate(window, qtbot)
    if window.kiosk is not None:
        start = window.kiosk.start_screen.start_button
        assert press(qtbot, Key.Key_F6) is start, "the start screen has no panes to go to"
        press(qtbot, Key.Key_Return)
        assert not window.kiosk.on_start_screen()
    window.reader.setFocus(Qt.FocusReason.OtherFocusReason)
    assert press(qtbot, Key.Key_F6) is window.resources.filter_field
    assert press(qtbot, Key.Key_F6, Mod.ShiftModifier) is window.reader


def tabs_to_quick_exit(qtbot, window: MainWindow, start: QWidget, backwards: bool) -> list[str]:
    """Press Tab (or Shift+Tab) from ``start`` until Quick exit has the focus; the way there."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is start, describe(start)
    way: list[str] = []
    for _ in range(TAB_BUDGET):
        focus = press(qtbot, Key.Key_Backtab if backwards else Key.Key_Tab)
        if focus is window.quick_exit_button:
            return way
        way.append(describe(focus).split(" < ")[0])
    raise AssertionError(f"{TAB_BUDGET} presses from {describe(start)} went: {way}")


@pytest.mark.parametrize("argv", [(), ("--kiosk",)])
def test_tab_from_any_pane_comes_back_to_quick_exit(make_window, qtbot, argv):
    window = make_window(*argv)
    activate(window, qtbot)
    if window.kiosk is not None:
        window.kiosk.start_reading()
    window.open("topic:naloxone")
    window.open("resource:lifeline-988")  # a card with a link and three QR codes
    resources = window.resources
    starts = [
        window.sidebar,
        window.reader,
        resources.filter_field,
        resources.list_view,
        resources.card,
        window.search_field,
    ]
    for start in starts:
        for backwards in (False, True):
            way = tabs_to_quick_exit(qtbot, window, start, backwards)
            if start is window.reader and not backwards:
                assert way[:14] == ["ReaderView#readingPane"] * 14, "Tab follows the links"
    # The search results and the find bar too, while they show.
    qtbot.keyClicks(window.search_field, "naloxone")
    wait_for_search(window, qtbot)
    window.action("find").trigger()
    for start in (window.search_panel.list_view, window.find_bar.field):
        for backwards in (False, True):
            tabs_to_quick_exit(qtbot, window, start, backwards)
    # Forward from Quick exit, the toolbar comes first, left to right, then the panes.
    window.quick_exit_button.setFocus(Qt.FocusReason.TabFocusReason)
    order = [press(qtbot, Key.Key_Tab) for _ in range(6)]
    bar = window.toolbar
    toolbar = [
        bar.widgetForAction(window.action("back")),
        bar.widgetForAction(window.action("forward")),  # disabled: nowhere to go forward to
        bar.widgetForAction(window.action("home")),
        window.search_field,
        bar.widgetForAction(window.action("zoom-out")),
        bar.widgetForAction(window.action("zoom-in")),
        bar.widgetForAction(window.action("resources")),
    ]
    expected = [w for w in toolbar if w.isEnabled()][:6]
    assert order == expected, [describe(w) for w in order]


# -- a whole visit by keyboard ------------------------------------------------------------------
def test_a_whole_visit_by_keyboard_alone(window, qtbot):
    """Search, read, follow a link and come back, find a hotline, make the text larger,
    switch to Spanish, and leave with Quick exit: no mouse, only keys where the focus is."""
    activate(window, qtbot)
    quits: list[bool] = []
    window.quick_exit.quit = lambda: quits.append(True)
    resources = window.resources
    focus = QApplication.focusWidget
    assert focus() is window.reader, "the visit starts in the page, not on Quick exit"
    assert [press(qtbot, Key.Key_F6) for _ in range(2)][-1] is window.search_field

    # Ctrl+F, "naloxone", Down and Up through the results, Enter: the topic opens.
    assert press(qtbot, Key.Key_F, Mod.ControlModifier) is window.search_field
    qtbot.keyClicks(focus(), "naloxone")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 1, timeout=3000)
    press(qtbot, Key.Key_Down)
    assert window.search_panel.list_view.currentIndex().row() == 1
    press(qtbot, Key.Key_Up)
    press(qtbot, Key.Key_Return)
    assert window.address() == "topic:naloxone"
    assert window.windowTitle().startswith("Naloxone")

    # F6 to the page (past the results), Tab to a link, Enter; Alt+Left comes back.
    assert press(qtbot, Key.Key_F6) is window.search_panel.list_view
    assert press(qtbot, Key.Key_F6) is window.reader
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)
    assert window.reader.textCursor().selectedText().lower() == "responding to an overdose"
    press(qtbot, Key.Key_Return)
    assert window.address() == "topic:overdose-response"
    press(qtbot, Key.Key_Left, Mod.AltModifier)
    assert window.address() == "topic:naloxone"

    # Ctrl+R, a filter, Down into the list and on to the next resource: its card shows.
    assert press(qtbot, Key.Key_R, Mod.ControlModifier) is resources.filter_field
    qtbot.keyClicks(focus(), "crisis")
    assert press(qtbot, Key.Key_Down) is resources.list_view
    first = resources.current_id()
    press(qtbot, Key.Key_Down)
    chosen = resources.current_id()
    assert first and chosen and chosen != first
    name = window.library.resource(chosen).name("en", "en")
    assert resources.card.toPlainText().startswith(name)

    # Ctrl+= makes the text larger.
    size = window.reader.point_size()
    press(qtbot, Key.Key_Equal, Mod.ControlModifier)
    assert window.reader.point_size() > size

    # Ctrl+Shift+L: Spanish, on the same topic.
    press(qtbot, Key.Key_L, Mod.ControlModifier | Mod.ShiftModifier)
    assert window.lang == "es" and window.address() == "topic:naloxone"
    assert window.reader.toPlainText().startswith("Naloxona")

    # Escape in the search field clears the search and brings the topics back.
    assert press(qtbot, Key.Key_F, Mod.ControlModifier) is window.search_field
    assert window.search_field.text() == "naloxone"
    press(qtbot, Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.left_stack.currentWidget() is window.sidebar_panel

    # Quick exit: Shift+Tab back along the toolbar to its button, then Space.
    for _ in range(4):
        press(qtbot, Key.Key_Backtab)
    assert focus() is window.quick_exit_button
    press(qtbot, Key.Key_Space)
    assert quits == [True] and not window.isVisible()


# -- visible focus --------------------------------------------------------------------------------
def changed_pixels(before: QImage, after: QImage, ratio: float = 3.0) -> int:
    """Pixels whose colour changed by at least ``ratio`` in contrast (WCAG's 3:1 for focus)."""
    ratios: dict[tuple[int, int], float] = {}
    count = 0
    for old, new in zip(argb(before), argb(after), strict=False):
        if old == new:
            continue
        pair = (old & 0xFFFFFF, new & 0xFFFFFF)
        if pair not in ratios:
            ratios[pair] = contrast(f"#{pair[0]:06x}", f"#{pair[1]:06x}")
        count += ratios[pair] >= ratio
    return count


def argb(image: QImage) -> array[int]:
    """The image's pixels as 0xAARRGGBB integers, row after row."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return array("I", bytes(image.constBits()))


def focus_change(widget: QWidget, elsewhere: QWidget) -> int:
    elsewhere.setFocus(Qt.FocusReason.OtherFocusReason)
    before = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    assert widget.hasFocus(), describe(widget)
    return changed_pixels(before, widget.grab().toImage())


def faint_focus(targets: dict[str, QWidget], elsewhere: Callable[[QWidget], QWidget]) -> list[str]:
    """Controls whose focus changes fewer pixels than a 1-pixel ring round half their edge."""
    faint = []
    for name, widget in targets.items():
        needed = widget.width() + widget.height()
        changed = focus_change(widget, elsewhere(widget))
        if changed < needed:
            faint.append(f"{name}: {changed} pixels changed, {needed} needed")
    return faint


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_focus_can_be_seen_in_every_theme(make_window, qtbot, theme):
    window = make_window("--theme", theme, "--open", "resource:lifeline-988")
    window.resize(1000, 700)
    activate(window, qtbot)
    resources = window.resources
    resources.tag_buttons["overdose"].setChecked(True)
    bar = window.toolbar
    targets: dict[str, QWidget] = {
        "quick exit": window.quick_exit_button,
        "home button": bar.widgetForAction(window.action("home")),
        "search field": window.search_field,
        "topics": window.sidebar,
        "page": window.reader,
        "filter": resources.filter_field,
        "tag button": resources.tag_buttons["crisis"],
        "pressed tag button": resources.tag_buttons["overdose"],
        "resource list": resources.list_view,
        "resource details": resources.card,
        "resource card": resources.card_area,
        "chosen QR code button": resources.qr_panel.buttons["call"],
    }
    faint = faint_focus(targets, lambda w: window.reader if w is window.sidebar else window.sidebar)
    window.search_field.setText("naloxone")
    wait_for_search(window, qtbot)
    faint += faint_focus({"search results": window.search_panel.list_view}, lambda w: window.reader)

    kiosk = make_window("--kiosk", "--theme", theme)
    activate(kiosk, qtbot)
    screen = kiosk.kiosk.start_screen
    kiosk_targets: dict[str, QWidget] = {
        "start reading": screen.start_button,
        "chosen language": screen.language_buttons["en"],
        "other language": screen.language_buttons["es"],
    }
    faint += faint_focus(
        kiosk_targets,
        lambda w: (
            screen.language_buttons["es"]
            if w is not screen.language_buttons["es"]
            else screen.start_button
        ),
    )
    kiosk.kiosk.start_reading()
    finish = kiosk.toolbar.widgetForAction(kiosk.action("finish"))
    faint += faint_focus({"I'm finished": finish}, lambda w: kiosk.reader)
    kiosk.kiosk.overlay.start(20)
    overlay = kiosk.kiosk.overlay
    faint += faint_focus({"keep reading": overlay.keep_button}, lambda w: overlay.finish_button)
    kiosk.kiosk.release()
    assert not faint, "\n".join(faint)
