"""The reading pane: a ``QTextBrowser`` that loads only the pack's files and routes every link.

Native rich text instead of a browser engine: accessible to screen readers, fast to start,
and nothing in it can reach the network. Every click becomes a signal; the main window
decides what an address means.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

# QUrl and QByteArray where they are used: the first page needs neither, and each Qt
# class PySide sets up costs the start (benchmarks/startup_instructions.py).
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFontMetricsF

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import (
        QPaintEvent,
        QResizeEvent,
        QTextBlock,
        QTextCursor,
        QTextImageFormat,
    )
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from hrreader.content.library import Library
from hrreader.ui.a11y import install_page_accessibility
from hrreader.ui.qtconst import IMAGE_RESOURCE, TEXT_FORMAT_USER_PROPERTY
from hrreader.ui.theme import Theme, reader_css

log = logging.getLogger(__name__)

BASE_POINT_SIZE = 12.5
MIN_SCALE = 0.75
MAX_SCALE = 3.0
#: Characters per line the text is kept to, for comfortable reading.
MEASURE_CHARS = 74
#: Pixels kept free beside a fitted heading or picture: room for a scroll bar that appears
#: once the page is laid out.
FIT_SLACK = 16
#: Where a fitted heading or picture keeps the size its page gave it (char format properties).
_NATURAL_PT = TEXT_FORMAT_USER_PROPERTY + 40
_NATURAL_WIDTH = TEXT_FORMAT_USER_PROPERTY + 41
_NATURAL_HEIGHT = TEXT_FORMAT_USER_PROPERTY + 42
#: Qt draws an ``<h1>`` at twice the body's size (``<h2>`` 1.5, ``<h3>`` 1.2), in bold: a word
#: of it is at most 2.6 times as wide as in the body's own font (every heading word of the
#: bundled pack, 75 % to 300 %). Measured in the body's font, which is loaded already (a
#: font of a new size costs its own set-up), and multiplied by this.
_HEADING_TO_BODY = 2.8

#: Lines of body text are this many times the font's line spacing (reader.css: ``p, li {
#: line-height: 150% }``).
_LINE_HEIGHT = 1.5
#: Tags that hold blocks: a page is cut only where every one of them is closed.
_CONTAINERS = ("table", "ul", "ol", "div", "blockquote", "dl", "pre")

#: Letters that may carry accents, so a highlight for "reduccion" also marks "reducción".
_ACCENTED = {
    "a": "aáàâäã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "n": "nñ", "c": "cç",
}  # fmt: skip


#: What is between a page's ``<h1>``-``<h3>`` tags, and an HTML tag. Patterns, compiled on
#: first use (``re`` keeps them).
_HEADING_TEXT = r"(?is)<h[1-3]\b[^>]*>(.*?)</h[1-3]>"
_TAG = r"<[^>]*>"


def heading_words(html: str) -> set[str]:
    """The words of a page's ``<h1>``-``<h3>`` headings, as written: a tag inside a word
    joins its parts, and an entity stays spelt out (both only make a word wider)."""
    return {
        word
        for heading in re.findall(_HEADING_TEXT, html)
        for word in re.sub(_TAG, "", heading).split()
    }


def first_screen_cut(html: str, chars: int) -> int:
    """Where to cut ``html`` so that what comes before holds at least ``chars`` characters
    and ends between two sections: at an ``<h2>`` outside every list, table and box. The
    page's length when there is no such place (then all of it is shown)."""
    start = max(chars, 1)  # never before the page's first words
    while (at := html.find("<h2", start)) >= 0:
        head = html[:at]
        if all(head.count(f"<{tag}") == head.count(f"</{tag}>") for tag in _CONTAINERS):
            return at
        start = at + 3
    return len(html)


def term_pattern(terms: Iterable[str]) -> str:
    """A regular expression matching words that start with any term, accents optional."""
    alternatives: list[str] = []
    for term in terms:
        term = term.strip().lower()
        if not term:
            continue
        parts = [f"[{_ACCENTED[c]}]" if c in _ACCENTED else re.escape(c) for c in term]
        alternatives.append("".join(parts))
    if not alternatives:
        return ""
    return r"\b(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\w*"


class ReaderView(QTextBrowser):
    """Shows one topic's HTML; emits ``linkRequested(url)`` for every link clicked."""

    linkRequested = Signal(str)
    #: Once, when the page first reaches the screen: the window finishes building then.
    firstPainted = Signal()

    def __init__(
        self,
        library: Library,
        theme: Theme,
        parent: QWidget | None = None,
        first_screen: bool = False,
    ) -> None:
        """``first_screen`` (the window's staged start): the first page shown before the
        pane has its size holds only the sections its first screen needs, until
        ``complete_page``."""
        super().__init__(parent)
        install_page_accessibility(self)  # headings and links for screen readers
        self._painted = False
        self.setObjectName("readingPane")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Its bars' policies are in app.qss. Everything wraps or is fitted to the column
        # (_fit_page, pre-wrap in reader.css): no sideways scrolling, not even the flash of a
        # bar while a new size is laid out. The vertical bar keeps its place on every page
        # (CSS's ``scrollbar-gutter: stable``): the column does not shift sideways between
        # short pages and long ones, and a long page is laid out once, at its width, not
        # again when its bar appears (6 million instructions of the first paint). With
        # nothing to scroll, the bar is disabled and drawn empty.
        bar = self.verticalScrollBar()
        bar.setEnabled(False)
        bar.rangeChanged.connect(self._scroll_range_changed)
        self.retranslate_ui()
        self._library = library
        self._theme = theme
        self._scale = 1.0
        #: Text is never smaller than this many points (0: no minimum); see text_size.py.
        self._min_pt = 0.0
        self._html = ""
        self._has_images = False
        #: The layout width headings and pictures were last fitted to (_fit_page).
        self._fitted_width = -1.0
        #: Pixels the widest word of the page's headings could take, -1 until measured.
        self._widest_heading = -1.0
        #: A heading of this page was drawn smaller to fit (it needs its size back later).
        self._fitted_heading = False
        #: The start's page waits for the pane's size to be cut to its first screen
        #: (``_first_screen_only``); the document then holds only the characters of its HTML
        #: before ``_cut_at`` (0: the whole page).
        self._first_screen_only = first_screen
        self._cut_pending = False
        self._cut_at = 0
        #: The body font's average character width and line spacing, in pixels.
        self._char_px = self._line_px = 0.0
        self._highlights: list[QTextEdit.ExtraSelection] = []
        self._found: list[QTextEdit.ExtraSelection] = []
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDocumentMargin(24)
        self._apply_css()

    def retranslate_ui(self) -> None:
        """Called by the window when the interface language changes: a pane of the first
        paint has no ``changeEvent`` (``i18n.py`` says why)."""
        self.setAccessibleName(self.tr("Reading pane"))
        self.setAccessibleDescription(
            self.tr("The topic you are reading. Tab moves between its links.")
        )

    def _scroll_range_changed(self, low: int, high: int) -> None:
        self.verticalScrollBar().setEnabled(high > low)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()

    # -- content -----------------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        self._library = library

    def show_html(self, html: str, anchor: str = "") -> None:
        """Show a page, at its top or at ``anchor`` (a section id)."""
        self._html = html
        self._highlights, self._found = [], []
        self._set_page(html, whole=bool(anchor))
        if anchor:
            self.scrollToAnchor(anchor)
        else:
            self.verticalScrollBar().setValue(0)

    def _set_page(self, html: str, whole: bool = False) -> None:
        self._has_images = "<img" in html
        self._fitted_width = -1.0
        self._widest_heading = -1.0
        self._fitted_heading = False
        self._cut_at = 0
        self._cut_pending = self._first_screen_only and not whole and not self.isVisible()
        if self._cut_pending:
            return  # read when the pane gets its size, as far as it shows (resizeEvent)
        self.setHtml(html)
        if self.isVisible():  # a hidden pane is fitted when it gets its size (resizeEvent)
            self._fit_page()

    def _cut_to_first_screen(self, width: int, height: int) -> None:
        """Show the sections of the page that fill a pane of this size, and no more.

        Qt lays a new page out 2,000 pixels at a time, so the start's first page was laid
        out three screens deep before its first paint (the home page at 1200x800: 12
        million instructions, and a monospace font only its third screen used). The cut
        keeps at least as many characters of HTML as the pane holds in full lines of body
        text; ``resizeEvent`` checks that it fills the pane, and ``complete_page`` puts the
        rest in after the first paint."""
        per_line = min(float(MEASURE_CHARS), width / max(self._char_px, 1.0))
        lines = height / max(self._line_px * _LINE_HEIGHT, 1.0)
        cut = first_screen_cut(self._html, int(per_line * lines))
        if cut >= len(self._html):
            self._set_page(self._html, whole=True)
            return
        self.setHtml(self._html[:cut])
        self._cut_at = cut

    def _size_bar_for_whole_page(self) -> None:
        """Size the scroll bar of a cut page for the whole page, guessing its height from
        the cut's share of the page (as Qt guesses while it lays out a long page), so the
        bar does not jump when the rest comes in."""
        bar = self.verticalScrollBar()
        laid_out = bar.maximum() + bar.pageStep()
        bar.setMaximum(round(laid_out * len(self._html) / self._cut_at) - bar.pageStep())

    def complete_page(self) -> None:
        """The whole of the start's page (``first_screen``), in the place being read. Called
        once the first screen has been painted; nothing is cut after it."""
        self._first_screen_only = False
        if self._cut_at or self._cut_pending:
            bar = self.verticalScrollBar()
            value = bar.value()
            self._set_page(self._html, whole=True)
            bar.setValue(value)

    # -- fitting the column -----------------------------------------------------------------
    def _fit_page(self) -> None:
        """Fit what cannot wrap to the column, so nothing needs sideways scrolling: a heading
        word that is wider than the column (large text in a narrow pane) makes its heading
        smaller, down to the body size, instead of being cut in two; a picture wider than
        the column is drawn narrower. Both get their own size back when there is room."""
        doc = self.document()
        self._fitted_width = doc.textWidth()
        room = doc.textWidth() - 2 * doc.documentMargin() - FIT_SLACK
        if room <= 0:
            return
        fits = self._widest_heading_word() <= room
        if fits and not self._has_images and not self._fitted_heading:
            return  # nothing can be too wide: most pages at most sizes, the first page too
        body = self.point_size()
        block = doc.begin()
        while block.isValid():
            if 1 <= block.blockFormat().headingLevel() <= 3:
                self._fit_heading(block, room, body)
            if self._has_images:
                self._fit_images(block, room)
            block = block.next()

    def _widest_heading_word(self) -> float:
        """The pixels the widest word of the page's headings could need, measured once a page
        and size from its HTML: walking the laid-out page costs more than the rest of its
        start (QTextFormat's set-up alone is 11 million instructions). An upper bound
        (``_HEADING_TO_BODY``), with each word's markup and entities as written."""
        if self._widest_heading < 0:
            words = heading_words(self._html)
            font = self.font()
            font.setPointSizeF(self.point_size())
            metrics = QFontMetricsF(font)
            widest = max((metrics.horizontalAdvance(w) for w in words), default=0.0)
            self._widest_heading = widest * _HEADING_TO_BODY
        return self._widest_heading

    def _fit_heading(self, block: QTextBlock, room: float, body: float) -> None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            fmt = fragment.charFormat()
            # The size drawn: headings are sized relative to the body (a size increment,
            # which wins over any point size the CSS gives them).
            font = fmt.font()
            natural = float(fmt.property(_NATURAL_PT) or 0) or font.pointSizeF()
            if natural <= body:
                continue
            font.setPointSizeF(natural)
            metrics = QFontMetricsF(font)
            widest = max((metrics.horizontalAdvance(w) for w in fragment.text().split()), default=0)
            size = natural if widest <= room else max(body, natural * room / widest * 0.98)
            if abs(size - fmt.font().pointSizeF()) < 0.05:
                continue
            from PySide6.QtGui import QTextCharFormat, QTextFormat

            self._fitted_heading = True
            fitted = QTextCharFormat(fmt)
            fitted.clearProperty(QTextFormat.Property.FontSizeAdjustment)
            fitted.setFontPointSize(size)
            fitted.setProperty(_NATURAL_PT, natural)
            self._select(fragment.position(), fragment.length()).setCharFormat(fitted)

    def _fit_images(self, block: QTextBlock, room: float) -> None:
        inset = block.blockFormat().leftMargin() + block.blockFormat().rightMargin()
        if block.textList() is not None:
            inset += block.textList().format().indent() * self.document().indentWidth()
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            if not fragment.charFormat().isImageFormat():
                continue
            fmt = fragment.charFormat().toImageFormat()
            width, height = self._natural_size(fmt)
            if width <= 0:
                continue
            shown = min(width, max(room - inset, 16.0))
            if abs(shown - fmt.width()) < 0.5:
                continue
            from PySide6.QtGui import QTextImageFormat

            change = QTextImageFormat()
            change.setWidth(shown)
            change.setHeight(height * shown / width)
            change.setProperty(_NATURAL_WIDTH, width)
            change.setProperty(_NATURAL_HEIGHT, height)
            self._select(fragment.position(), fragment.length()).mergeCharFormat(change)

    def _natural_size(self, fmt: QTextImageFormat) -> tuple[float, float]:
        """The size a picture had before fitting: its HTML width and height, else its own."""
        if fmt.hasProperty(_NATURAL_WIDTH):
            return float(fmt.property(_NATURAL_WIDTH)), float(fmt.property(_NATURAL_HEIGHT))
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QImage

        image = self.document().resource(IMAGE_RESOURCE, QUrl(fmt.name()))

        size = image.size() if isinstance(image, QImage) else None
        width = fmt.width() if fmt.width() > 0 else (size.width() if size else 0)
        if fmt.height() > 0:
            height = fmt.height()
        elif size and size.width():
            height = size.height() * width / size.width()
        else:
            height = width
        return float(width), float(height)

    def _select(self, position: int, length: int) -> QTextCursor:
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # -- highlights ----------------------------------------------------------------------
    def highlight_terms(self, terms: Iterable[str]) -> int:
        """Mark every word that starts with one of ``terms`` (search hits); returns the count."""
        self._highlights = self._selections(
            term_pattern(terms), QColor(self._theme.mark), QColor(self._theme.on_mark)
        )
        self._refresh_selections()
        return len(self._highlights)

    def clear_highlights(self) -> None:
        self._highlights = []
        self._found = []
        self._refresh_selections()

    def find_text(
        self, text: str, backwards: bool = False, incremental: bool = False
    ) -> tuple[int, int]:
        """Select the next (or previous) match of ``text``; returns (position, total), 1-based.

        ``incremental`` is for typing: a match at the current place is kept, as browsers do.
        """
        pattern = re.escape(text.strip()) if text.strip() else ""
        self._found = self._selections(
            pattern, QColor(self._theme.selection), QColor(self._theme.text)
        )
        if not self._found:
            self._refresh_selections()
            return (0, 0)
        cursor = self.textCursor()
        here = cursor.selectionStart() if backwards or incremental else cursor.selectionEnd()
        starts = [sel.cursor.selectionStart() for sel in self._found]
        if backwards:
            before = [n for n, start in enumerate(starts) if start < here]
            current = before[-1] if before else len(starts) - 1
        else:
            after = [n for n, start in enumerate(starts) if start >= here]
            current = after[0] if after else 0
        self.setTextCursor(self._found[current].cursor)
        self.ensureCursorVisible()
        self._refresh_selections()
        return (current + 1, len(self._found))

    def _selections(
        self, pattern: str, background: QColor, foreground: QColor
    ) -> list[QTextEdit.ExtraSelection]:
        # Imported here, as the other text classes in this file: the first page needs none
        # of them, and PySide makes each class's enums when the class is first imported.
        from PySide6.QtCore import QRegularExpression
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        if not pattern:
            return []
        regex = QRegularExpression(
            pattern,
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
        )
        fmt = QTextCharFormat()
        fmt.setBackground(background)
        fmt.setForeground(foreground)
        found: list[QTextEdit.ExtraSelection] = []
        cursor = QTextCursor(self.document())
        while len(found) < 2000:
            cursor = self.document().find(regex, cursor)
            if cursor.isNull() or not cursor.hasSelection():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(cursor)
            selection.format = fmt
            found.append(selection)
        return found

    def _refresh_selections(self) -> None:
        self.setExtraSelections([*self._highlights, *self._found])

    def scroll_to_section(self, anchor: str) -> None:
        if anchor:
            self.scrollToAnchor(anchor)
        else:
            self.verticalScrollBar().setValue(0)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Only ``pack:`` files and ``qrc:`` resources load; nothing else, never the network."""
        from PySide6.QtCore import QByteArray, QUrl

        url = QUrl(url)
        scheme = url.scheme()
        if scheme == "pack":
            data = self._library.read_asset(url.path())
            if data is None:
                log.info("image not in the pack: %s", url.toString())
                return None
            if kind == IMAGE_RESOURCE:
                from PySide6.QtGui import QImage

                image = QImage()
                image.loadFromData(QByteArray(data))
                return image
            return QByteArray(data)
        if scheme == "qrc":
            return super().loadResource(kind, url)
        return None

    def _on_anchor(self, url: QUrl) -> None:
        self.linkRequested.emit(url.toString())

    # -- text size ---------------------------------------------------------------------
    @property
    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        """Set the text size (1.0 = 100 %), keeping the reader's place on the page."""
        scale = round(min(MAX_SCALE, max(MIN_SCALE, scale)), 2)
        if scale == self._scale:
            return
        ratio = self._scroll_ratio()
        self._scale = scale
        self._restyle(ratio)

    @property
    def min_point_size(self) -> float:
        return self._min_pt

    def set_min_point_size(self, points: float) -> None:
        """Never show text smaller than ``points`` (0: no minimum), keeping the place."""
        points = max(0.0, float(points))
        if points == self._min_pt:
            return
        ratio = self._scroll_ratio()
        self._min_pt = points
        self._restyle(ratio)

    def _scroll_ratio(self) -> float:
        """How far down the page the reader is (0 to 1), to keep the place across a relayout."""
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 0.0

    def _restyle(self, ratio: float = 0.0) -> None:
        """Lay the page out again with new CSS, ``ratio`` of the way down as before."""
        self._apply_css()
        if self._html:
            self._set_page(self._html)
            bar = self.verticalScrollBar()
            bar.setValue(round(ratio * bar.maximum()))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._apply_css()
        if self._html:
            self._set_page(self._html)

    def point_size(self) -> float:
        """The size of the body text: the zoomed size, or the minimum when that is larger."""
        return max(BASE_POINT_SIZE * self._scale, self._min_pt)

    def _apply_css(self) -> None:
        css = reader_css(self._theme, BASE_POINT_SIZE * self._scale, self._min_pt)
        self.document().setDefaultStyleSheet(css)
        font = self.document().defaultFont()
        font.setPointSizeF(self.point_size())
        self.document().setDefaultFont(font)
        self._update_measure()

    # -- line length -------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_measure()
        if self._cut_pending:
            size = event.size()
            self._cut_to_first_screen(size.width(), size.height())
        super().resizeEvent(event)
        if self._cut_at and self.verticalScrollBar().maximum() <= 0:
            # The sections chosen leave room below them (short lines, small type, a tall
            # pane): the whole page, before anything is painted.
            self._set_page(self._html, whole=True)
        elif self._cut_at:
            self._size_bar_for_whole_page()
        if self._html and self.document().textWidth() != self._fitted_width:
            self._fit_page()

    def _update_measure(self) -> None:
        """Keep lines near ``MEASURE_CHARS`` characters by widening the side margins."""
        metrics = QFontMetricsF(self.document().defaultFont())
        self._char_px = metrics.averageCharWidth()
        self._line_px = metrics.lineSpacing()
        measure = self._char_px * MEASURE_CHARS + 48
        spare = self.width() - measure
        side = max(0, int(spare / 2))
        self.setViewportMargins(side, 0, side, 0)


def visible_section(view: QTextBrowser, anchors: Sequence[str], preferred: str = "") -> str:
    """The section a person is looking at in ``view``: ``preferred`` if its heading is on
    screen, else the last section whose heading is above the upper third of the view."""
    wanted = set(anchors)
    if not wanted:
        return ""
    doc = view.document()
    layout = doc.documentLayout()
    tops: dict[str, float] = {}
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            fragments = block.begin()
            while not fragments.atEnd():
                for name in fragments.fragment().charFormat().anchorNames():
                    if name in wanted:
                        tops.setdefault(name, layout.blockBoundingRect(block).top())
                fragments += 1
        block = block.next()
    top = view.verticalScrollBar().value()
    height = view.viewport().height()
    if preferred in tops and top - 1 <= tops[preferred] < top + height:
        return preferred
    reading_line = top + height / 3
    above = [(y, name) for name, y in tops.items() if y <= reading_line]
    return max(above)[1] if above else ""
