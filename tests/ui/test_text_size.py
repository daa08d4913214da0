"""Text size: 75 % to 300 % with nothing clipped, remembered; and a minimum text size.

A person who needs large text zooms the page; a person with low vision also sets a minimum
("never smaller than 18 points"), which reaches the small print, the resource card, the
lists, the toolbar and presentations. Checked on the two window sizes people use most and
in both languages, with the bundled topics and with a page made to be hard to fit (a wide
table, a long word, a code line, a picture wider than any screen).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QRawFont, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QWidget,
)

from hrreader.ui.main_window import MainWindow
from hrreader.ui.reader import ReaderView
from hrreader.ui.settings import MemoryStore
from hrreader.ui.text_size import WrappingButton

SCALES = (0.75, 1.0, 1.5, 2.0, 3.0)
TOPICS = ("topic:overdose-response", "topic:naloxone", "topic:hard-to-fit")
#: Widgets that show words in their own font.
WORDY = (QLabel, QAbstractButton, QLineEdit, QAbstractItemView)
#: A card with a long website address and a QR code beside it.
RESOURCE = "resource:samhsa-helpline"

HARD_TO_FIT = """---
title: Responsibilities, wide tables and long words
category: support
summary: A page made to be hard to fit on a screen.
reviewed: 2026-11-01
sources:
  - title: "A source with a long address"
    url: https://example.org/a/very/long/path/that/goes/on/and/on/without/a/break/at/all
---

A word longer than a narrow column: Supercalifragilisticexpialidociousandthensomemore.
Small print: <small>only the small print</small>, water is H<sub>2</sub>O, x<sup>2</sup>.

![A picture wider than any screen](images/wide.png)

## A wide table

| Substance | Mixed with alcohol | Risk | Notes | More | Even more |
| --- | --- | --- | --- | --- | --- |
| Benzodiazepines | Breathing slows down | High | Pneumonoultramicroscopic | yes | no |

## A code line

```
a line of code that goes on and on and on and on and on and on and on and on without a break
```

##### A small heading

!!! warning "Get help now"
    Call 911 if someone does not wake up.
"""


@pytest.fixture(scope="module")
def hard_pack(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled pack plus one topic that is hard to fit (extends: default)."""
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    pack = tmp_path_factory.mktemp("hard-pack")
    (pack / "pack.yaml").write_text(
        'format: 1\nid: hard\ntitle: Hard to fit\nversion: "1"\nextends: default\n',
        encoding="utf-8",
    )
    (pack / "topics" / "en").mkdir(parents=True)
    (pack / "topics" / "en" / "hard-to-fit.md").write_text(HARD_TO_FIT, encoding="utf-8")
    (pack / "images").mkdir()
    picture = QImage(2400, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2e6f62"))
    assert picture.save(str(pack / "images" / "wide.png"))
    return str(pack)


def _window_at(make_window, size: tuple[int, int], *argv: str, store=None) -> MainWindow:
    window = make_window(*argv, store=store, show=False)
    window.resize(*size)
    window.show()
    return window


def _cut_heading_words(document: QTextDocument) -> list[str]:
    """Headings whose lines break inside a word (text too large for the column)."""
    cut: list[str] = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        if block.blockFormat().headingLevel() and layout is not None:
            for n in range(layout.lineCount() - 1):
                line = layout.lineAt(n)
                end = line.textStart() + line.textLength()
                if 0 < end < len(text) and not text[end - 1].isspace() and not text[end].isspace():
                    cut.append(text)
        block = block.next()
    return cut


def _clipped(window: MainWindow) -> list[str]:
    """Everything a person would find cut off or needing sideways scrolling."""
    problems: list[str] = []
    reader, doc = window.reader, window.reader.document()
    room = doc.textWidth()
    if reader.horizontalScrollBar().isVisible() or doc.size().width() > room + 1:
        problems.append(f"the page is {doc.size().width():.1f} px wide in {room:.1f} px")
    problems += [f"heading word cut in two: {t!r}" for t in _cut_heading_words(doc)]
    bar = window.toolbar
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    if extension is not None and extension.isVisible():
        problems.append("the toolbar hides buttons behind »")
    for action in bar.actions():
        widget = bar.widgetForAction(action)
        if action.isSeparator() or widget is None or not widget.isVisible():
            continue
        name = action.text() or widget.objectName()
        if not bar.rect().contains(widget.geometry()):
            problems.append(f"toolbar: {name!r} is outside the bar")
        wanted = widget.minimumSizeHint() if widget is window.search_field else widget.sizeHint()
        if widget.width() < wanted.width():
            problems.append(f"toolbar: {name!r} is {widget.width()} of {wanted.width()} px")
    card = window.resources.card
    if card.document().size().width() > card.viewport().width() + 1:
        problems.append("the resource card is wider than its pane")
    panel = window.resources.qr_panel
    for label in panel.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.geometry().right() > panel.width():
            problems.append(f"QR panel: {label.text()!r} runs past the pane")
        if label.wordWrap() and label.heightForWidth(label.width()) > label.height() + 1:
            problems.append(f"QR panel: {label.text()!r} is cut off at the bottom")
    return problems


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)], ids=["1024x700", "1920x1080"])
def test_nothing_is_clipped_from_75_to_300_percent(make_window, qtbot, hard_pack, size, lang):
    window = _window_at(make_window, size, "--pack", hard_pack, "--lang", lang)
    qtbot.waitExposed(window)
    window.open(RESOURCE)
    found: dict[str, list[str]] = {}
    for scale in SCALES:
        window.set_text_scale(scale)
        assert window.reader.scale == scale
        for address in TOPICS:
            assert window.open(address)
            qtbot.wait(1)
            problems = _clipped(window)
            if problems:
                found[f"{address} at {scale:.0%}"] = problems
    assert not found, found


def test_the_hard_page_is_really_hard_to_fit(make_window, qtbot, hard_pack):
    """The checks above can fail: at 300 % the heading, picture and table need fitting."""
    window = _window_at(make_window, (1024, 700), "--pack", hard_pack)
    qtbot.waitExposed(window)
    window.set_text_scale(3.0)
    window.open("topic:hard-to-fit")
    qtbot.wait(1)
    doc = window.reader.document()
    room = doc.textWidth() - 2 * doc.documentMargin()
    block, heading_sizes, pictures = doc.begin(), [], []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if block.blockFormat().headingLevel() == 1:
                heading_sizes.append(fmt.font().pointSizeF())
            if fmt.isImageFormat():
                pictures.append(fmt.toImageFormat().width())
            it += 1
        block = block.next()
    # The title's long word fits only in smaller type; the picture is drawn narrower.
    assert heading_sizes and max(heading_sizes) < window.reader.point_size() * 2
    assert pictures and 0 < max(pictures) <= room < 2400
    window.resize(1920, 1080)
    qtbot.wait(1)
    assert not _clipped(window)


def _title_size(window: MainWindow) -> float:
    return window.reader.document().begin().begin().fragment().charFormat().font().pointSizeF()


def test_a_heading_drawn_smaller_to_fit_gets_its_size_back_when_there_is_room(make_window, qtbot):
    window = _window_at(make_window, (1024, 700))
    qtbot.waitExposed(window)
    window.reader.show_html("<h1>Antidisestablishmentarianism</h1><p>A</p>")
    qtbot.wait(1)
    natural = window.reader.point_size() * 2  # what Qt draws an <h1> at
    assert _title_size(window) < natural
    window.resize(1920, 1080)
    qtbot.wait(1)
    assert _title_size(window) == pytest.approx(natural)
    assert not _cut_heading_words(window.reader.document())


def test_heading_words_are_never_wider_than_the_bound_the_reader_checks(window):
    """The reader skips fitting when ``_HEADING_TO_BODY`` times a word's width in the body
    font fits; that must hold for every heading word of the bundled pack, at every size."""
    from hrreader.ui import reader as reader_module

    words = {"Antidisestablishmentarianism", "WWWW", "iiii"}
    for lang in window.library.languages:
        for topic in window.library.topics(lang):
            words |= reader_module.heading_words(window.library.html(topic.id, lang))
    worst = 0.0
    for scale in SCALES:
        body = reader_module.BASE_POINT_SIZE * scale
        plain = QFont(window.reader.font())
        plain.setPointSizeF(body)
        drawn = QFont(plain)
        drawn.setPointSizeF(body * 2)  # an <h1>
        drawn.setBold(True)
        narrow, wide = QFontMetricsF(plain), QFontMetricsF(drawn)
        worst = max(
            worst, *(wide.horizontalAdvance(w) / narrow.horizontalAdvance(w) for w in words)
        )
    assert 2 < worst < reader_module._HEADING_TO_BODY


def test_a_page_whose_headings_fit_is_not_walked_heading_by_heading(
    make_window, qtbot, monkeypatch
):
    """Walking a laid-out page costs more than the rest of its start; the page's HTML
    says when no heading word can be too wide."""
    walked: list[str] = []
    fit = ReaderView._fit_heading
    monkeypatch.setattr(
        ReaderView,
        "_fit_heading",
        lambda self, block, *a: walked.append(block.text()) or fit(self, block, *a),
    )
    window = _window_at(make_window, (1024, 700))
    qtbot.waitExposed(window)
    window.open("topic:overdose-response")
    window.resize(1100, 700)
    qtbot.wait(1)
    assert walked == []
    window.set_text_scale(3.0)
    qtbot.wait(1)
    assert walked  # at 300 % the same headings might not fit: each is measured


def _smallest_text_px(document: QTextDocument) -> float:
    """The size, in pixels, of the smallest text drawn (what the layout really uses:
    headings relative to the body, small print, sub- and superscripts at 2/3)."""
    smallest = float("inf")
    document.size()  # lays the whole document out
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount() if layout is not None else 0):
            for run in layout.lineAt(n).glyphRuns(-1, -1):
                if len(run.glyphIndexes()):
                    smallest = min(smallest, run.rawFont().pixelSize())
        block = block.next()
    return smallest


def _px(points: float) -> float:
    font = QFont()
    font.setPointSizeF(points)
    return QRawFont.fromFont(font).pixelSize()


def _widget_fonts_below(root: QWidget, points: float) -> list[str]:
    """Widgets with words whose font is smaller than ``points``."""
    small: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, WORDY):
            continue
        text = widget.text() if hasattr(widget, "text") else "(items)"
        if text and widget.font().pointSizeF() < points - 0.05:
            small.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    return small


def _min_font_menu(window: MainWindow) -> QMenu:
    menu = window.findChild(QMenu, "minFontMenu")
    assert menu is not None
    return menu


def test_a_minimum_text_size_reaches_the_small_print_and_the_panes(make_window, qtbot, hard_pack):
    window = make_window("--pack", hard_pack, "--open", "topic:hard-to-fit")
    window.open("resource:crisis-text-line")
    window.set_theme("dark")
    qtbot.wait(1)
    # Small print, sub- and superscripts start below 18 points: there is something to raise.
    assert _smallest_text_px(window.reader.document()) < _px(18) - 1
    assert window.sidebar.font().pointSizeF() < 18
    menu = _min_font_menu(window)
    assert [a.text() for a in menu.actions()] == [
        "No minimum",
        "12 pt",
        "14 pt",
        "16 pt",
        "18 pt",
        "20 pt",
    ]
    next(a for a in menu.actions() if a.text() == "18 pt").trigger()
    qtbot.wait(1)
    assert window.min_font_size == 18
    assert _smallest_text_px(window.reader.document()) >= _px(18) - 0.5
    assert _smallest_text_px(window.resources.card.document()) >= _px(18) - 0.5
    for pane in (window.sidebar, window.resources.list_view, window.resources.filter_field):
        assert pane.font().pointSizeF() >= 18, pane.objectName()
    assert _widget_fonts_below(window.resources, 18) == []
    assert _widget_fonts_below(window.toolbar, 18) == []
    assert not _clipped(window), "larger words still fit"
    window.search_field.setText("zzzqqq")  # nothing found: the crisis lines, named in full
    window.search.flush()
    qtbot.waitUntil(lambda: window.search_panel.help_box.isVisibleTo(window), timeout=3000)
    qtbot.wait(1)
    for button in window.search_panel.crisis_buttons:
        if isinstance(button, WrappingButton):
            assert button.height() >= button.heightForWidth(button.width()), button.text()
            assert button.width() >= button.minimumSizeHint().width(), button.text()
        else:
            assert button.width() >= button.sizeHint().width(), f"cut off: {button.text()}"
    window.search_field.clear()
    # Zooming out does not go under the minimum; a theme change keeps it.
    window.set_text_scale(0.75)
    window.set_theme("high-contrast")
    assert _smallest_text_px(window.reader.document()) >= _px(18) - 0.5
    assert _smallest_text_px(window.resources.card.document()) >= _px(18) - 0.5
    # "No minimum" gives every size back.
    next(a for a in menu.actions() if a.text() == "No minimum").trigger()
    assert window.min_font_size == 0
    assert _smallest_text_px(window.reader.document()) < _px(18) - 1
    assert window.sidebar.font().pointSizeF() < 18


class FakeScreen:
    """Stands in for a QScreen: presentations only ask a screen for its geometry."""

    def __init__(self, x: int) -> None:
        self._rect = QRect(x, 0, 1280, 800)

    def geometry(self) -> QRect:
        return self._rect


def test_a_minimum_text_size_reaches_presentations(make_window, qtbot):
    window = make_window("--min-font-size", "20")
    window.open("topic:naloxone#how-to-use-nasal-naloxone")
    two_screens = [FakeScreen(0), FakeScreen(1280)]
    presentation = window.presentation.present_current(screens=two_screens, size=(1024, 768))
    assert presentation is not None
    qtbot.wait(20)
    slide = presentation.slide_screen
    assert _smallest_text_px(slide.view.document()) >= _px(20) - 0.5
    assert slide.indicator.font().pixelSize() >= _px(20) - 0.5
    presenter = presentation.presenter_screen
    assert presenter is not None
    assert _widget_fonts_below(presenter, 20) == []
    # Sizes already larger than the minimum stay as they were.
    assert presenter.count_label.font().pointSizeF() == 26
    window.set_min_font_size(0)
    qtbot.wait(20)
    assert presenter.findChild(QLabel, "presenterNextText").font().pointSizeF() == 12


def test_a_kiosk_started_with_a_minimum_keeps_it_on_its_start_screen(make_window, qtbot):
    window = make_window("--kiosk", "--min-font-size", "20")
    screen = window.kiosk.start_screen
    assert screen.privacy_note.font().pointSizeF() == 20, "12 pt raised to 20"
    window.set_theme("dark")  # the start screen is styled again, and keeps the minimum
    assert screen.privacy_note.font().pointSizeF() == 20
    assert screen.title.font().pointSizeF() == 30, "larger sizes stay"
    assert _widget_fonts_below(screen, 20) == []
    window.kiosk.start_reading()
    assert window.sidebar.font().pointSizeF() >= 20
    # At 1024 pixels in Spanish the kiosk's bar is too narrow for 20-point words: they get
    # as large as fits, and "Salida rápida" and "Ya terminé" are never cut short.
    window.set_language("es")
    window.resize(1024, 768)
    qtbot.wait(10)
    assert [p for p in _clipped(window) if p.startswith("toolbar")] == []
    window.set_text_scale(2.0)
    window.kiosk.reset()  # the next person: the clinic's minimum stays, the zoom does not
    assert window.min_font_size == 20 and window.reader.scale == window.mode.text_scale
    assert window.store.get("min_font_size") == 0 and window.store.get("text_scale") == 1.0


def test_text_size_and_minimum_are_remembered_in_personal_mode_only(make_window):
    store = MemoryStore()
    first = make_window(store=store)
    first.set_text_scale(3.0)
    assert not first.action("zoom-in").isEnabled(), "300 % is the largest"
    next(a for a in _min_font_menu(first).actions() if a.text() == "16 pt").trigger()
    # A new window with the same settings, and a minimum on the command line for this run.
    second = make_window("--min-font-size", "20", store=store)
    assert second.reader.scale == 3.0
    assert not second.action("zoom-in").isEnabled() and second.action("zoom-out").isEnabled()
    assert second.min_font_size == 20 and store.get("min_font_size") == 16
    assert second.sidebar.font().pointSizeF() >= 20
    assert [a.text() for a in _min_font_menu(second).actions() if a.isChecked()] == ["20 pt"]
    second.set_min_font_size(16)
    assert [a.text() for a in _min_font_menu(second).actions() if a.isChecked()] == ["16 pt"]
    # A private window starts as designed, whatever is remembered, and writes nothing.
    private = make_window("--private", store=store)
    assert private.min_font_size == 0 and private.reader.scale == 1.0
    private.set_text_scale(2.0)
    private.set_min_font_size(18)
    assert store.get("text_scale") == 3.0 and store.get("min_font_size") == 16


def test_min_font_size_option_is_checked(make_window):
    from hrreader.cli import window_parser

    assert window_parser().parse_args(["--min-font-size", "16"]).min_font_size == 16
    for bad in ("big", "-1", "90"):
        with pytest.raises(SystemExit):
            window_parser().parse_args(["--min-font-size", bad])


#: Pixels Qt draws around a list's or tree's words: app.qss's padding (4 a side) and the
#: Fusion style's text margin (3 a side). Measured, not taken from the code under test.
DRAWN_TEXT_MARGINS = 14
#: Pixels above and below them: app.qss's (the tree) or the delegate's (the resource list).
DRAWN_ROW_PADDING = 8


def _rows_cut_short(view: QAbstractItemView) -> list[str]:
    """Titles in a list or tree whose words need more room than their row has."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtGui import QFontMetrics

    cut: list[str] = []
    model = view.model()

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rect = view.visualRect(index)
            text = str(index.data() or "")
            if rect.height() > 0 and text:
                own = index.data(Qt.ItemDataRole.FontRole)  # a category's: bold
                font = own.resolve(view.font()) if own is not None else view.font()
                metrics = QFontMetrics(font)
                room = rect.width() - DRAWN_TEXT_MARGINS
                flags = int(Qt.TextFlag.TextWordWrap)
                words = metrics.boundingRect(QRect(0, 0, room, 1 << 20), flags, text)
                # Wider than the room on one line (to the fraction of a pixel): Qt draws it
                # on two lines if the row has them, else it ends it in "...".
                one_line = QFontMetricsF(font).horizontalAdvance(text) > room
                lines = (rect.height() - DRAWN_ROW_PADDING) // metrics.height()
                too_tall = words.width() > room or words.height() > rect.height()
                if too_tall or (one_line and lines < 2):
                    cut.append(text)
            if isinstance(view, QTreeView) and view.isExpanded(index):
                walk(index)

    walk(QModelIndex())
    return cut


@pytest.mark.parametrize("lang", ["en", "es"])
def test_topic_and_resource_names_wrap_instead_of_being_cut_short(make_window, qtbot, lang):
    """At a large minimum text size the side panes keep their width: long titles take two
    or three lines, in full, instead of ending in "…"."""
    window = _window_at(make_window, (1024, 700), "--lang", lang, "--min-font-size", "20")
    qtbot.waitExposed(window)
    window.open("topic:welcome")  # its sections are listed under it, long titles among them
    rows = [window.sidebar.visualRect(window.sidebar.model().index(r, 0)) for r in range(3)]
    assert all(rect.height() > 0 for rect in rows)
    assert not _rows_cut_short(window.sidebar)
    assert not _rows_cut_short(window.resources.list_view)
    heights = {window.sidebar.visualRect(i).height() for i in _all_indexes(window.sidebar)}
    assert len(heights) > 1, "long titles are taller than short ones"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_no_name_in_the_tree_is_cut_short_at_the_usual_text_size(make_window, qtbot, lang, size):
    """A name a few pixels too long for one line gets a second, bold category names too
    (they are measured in the font they are drawn in), and none ends in "…"."""
    window = _window_at(make_window, size, "--lang", lang, "--open", "topic:naloxone")
    qtbot.waitExposed(window)
    assert not _rows_cut_short(window.sidebar)
    window.splitter.setSizes([window.splitter.sizes()[0] + 37, *window.splitter.sizes()[1:]])
    qtbot.wait(10)
    assert not _rows_cut_short(window.sidebar), "nor at another width"


def test_a_tree_row_on_one_line_is_as_tall_as_the_touch_target_asks(make_window, qtbot):
    """app.qss's least height for a row and the window's row height are the same number."""
    from hrreader.ui.theme import tree_row_height

    window = _window_at(make_window, (1200, 800))
    qtbot.waitExposed(window)
    heights = [window.sidebar.visualRect(i).height() for i in _all_indexes(window.sidebar)]
    shown = [h for h in heights if h > 0]
    assert min(shown) == tree_row_height(window.mode.touch_target)
    assert max(shown) > min(shown), "a long name is on two lines"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_tree_rows_are_only_as_tall_as_their_names(make_window, qtbot, lang):
    """A name that fits on one line in the width it is drawn in has a one-line row: rows are
    measured at that width, not a scroll bar's width narrower (the tree's bar keeps its
    place, and Qt already leaves it out of the room)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    window = _window_at(make_window, (1200, 800), "--lang", lang)
    qtbot.waitExposed(window)
    view = window.sidebar
    indexes = _all_indexes(view)
    one_line = min(view.visualRect(index).height() for index in indexes)
    checked = 0
    for index in indexes:
        rect, text = view.visualRect(index), str(index.data() or "")
        if rect.height() <= 0:
            continue  # scrolled out of view
        own = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(own.resolve(view.font()) if own is not None else view.font())
        room = QRect(0, 0, rect.width() - DRAWN_TEXT_MARGINS, 1 << 20)
        words = metrics.boundingRect(room, int(Qt.TextFlag.TextWordWrap), text)
        if words.height() <= metrics.height():
            assert rect.height() == one_line, text
            checked += 1
    assert checked > 10


def _all_indexes(view: QTreeView) -> list:
    model, found = view.model(), []

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found.append(index)
            if view.isExpanded(index):
                walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return found


def test_a_large_pack_keeps_one_line_rows(make_window, monkeypatch):
    """Measuring every row of a 10,000-topic tree would take seconds: large packs elide."""
    from hrreader.ui import sidebar

    window = make_window()
    assert window.sidebar.wordWrap() and not window.sidebar.uniformRowHeights()
    monkeypatch.setattr(sidebar, "OPEN_CATEGORIES_UP_TO", 3)
    window.sidebar.reset_view()
    assert not window.sidebar.wordWrap() and window.sidebar.uniformRowHeights()


def test_choosing_a_larger_minimum_widens_a_side_pane_its_words_no_longer_fit(make_window, qtbot):
    window = _window_at(make_window, (1024, 700), "--lang", "es")
    qtbot.waitExposed(window)
    before = window.splitter.sizes()
    window.set_min_font_size(20)
    qtbot.waitUntil(lambda: not _rows_cut_short(window.resources.list_view), timeout=3000)
    assert not _rows_cut_short(window.sidebar)
    after = window.splitter.sizes()
    assert after[0] >= before[0] and after[2] >= before[2] and after != before
    window.set_min_font_size(0)
    assert window.splitter.sizes() == after, "a smaller size never narrows a pane"


def test_wrapping_adds_lines_only_to_names_that_need_them(qtbot):
    """A name that fits its pane keeps a one-line row (as tall as with wrapping off), even
    when the rows were first measured in a narrow pane, as they are at start-up; a long
    name takes more lines."""
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QListView

    from hrreader.ui.resource_list import RoomyDelegate

    names = ["Crisis Text Line", "National Harm Reduction Coalition, Harm Reduction Near You"]
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(QStringListModel(names))
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setItemDelegate(RoomyDelegate(28, view))
    view.resize(90, 300)
    view.show()
    qtbot.waitExposed(view)

    def heights() -> list[int]:
        view.doItemsLayout()
        return [view.visualRect(view.model().index(row, 0)).height() for row in range(2)]

    narrow = heights()
    assert narrow[0] > 28, "in a narrow pane even the short name wraps"
    view.resize(360, 300)
    wide = heights()
    view.setWordWrap(False)
    one_line = heights()
    assert wide[0] == one_line[0], "the short name fits: one line"
    assert wide[1] > one_line[1], "the long name still wraps"
