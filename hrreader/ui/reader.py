"""The reading pane: a ``QTextBrowser`` that loads only the pack's files and routes every link.

Native rich text instead of a browser engine: accessible to screen readers, fast to start,
and nothing in it can reach the network. Every click becomes a signal; the main window
decides what an address means.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QByteArray, QEvent, QRegularExpression, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from hrreader.content.library import Library
from hrreader.ui.theme import Theme, reader_css

log = logging.getLogger(__name__)

BASE_POINT_SIZE = 12.5
MIN_SCALE = 0.75
MAX_SCALE = 3.0
#: Characters per line the text is kept to, for comfortable reading.
MEASURE_CHARS = 74

#: Letters that may carry accents, so a highlight for "reduccion" also marks "reducción".
_ACCENTED = {
    "a": "aáàâäã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "n": "nñ", "c": "cç",
}  # fmt: skip


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

    def __init__(self, library: Library, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.retranslate_ui()
        self._library = library
        self._theme = theme
        self._scale = 1.0
        self._html = ""
        self._highlights: list[QTextEdit.ExtraSelection] = []
        self._found: list[QTextEdit.ExtraSelection] = []
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDocumentMargin(24)
        self._apply_css()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Reading pane"))
        self.setAccessibleDescription(
            self.tr("The topic you are reading. Tab moves between its links.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- content -----------------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        self._library = library

    def show_html(self, html: str, anchor: str = "") -> None:
        """Show a page, at its top or at ``anchor`` (a section id)."""
        self._html = html
        self._highlights, self._found = [], []
        self.setHtml(html)
        if anchor:
            self.scrollToAnchor(anchor)
        else:
            self.verticalScrollBar().setValue(0)

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
        url = QUrl(url)
        scheme = url.scheme()
        if scheme == "pack":
            data = self._library.read_asset(url.path())
            if data is None:
                log.info("image not in the pack: %s", url.toString())
                return None
            if kind == QTextDocument.ResourceType.ImageResource.value:
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
        bar = self.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._scale = scale
        self._apply_css()
        if self._html:
            self.setHtml(self._html)
            bar.setValue(round(ratio * bar.maximum()))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._apply_css()
        if self._html:
            self.setHtml(self._html)

    def point_size(self) -> float:
        return BASE_POINT_SIZE * self._scale

    def _apply_css(self) -> None:
        css = reader_css(self._theme, self.point_size())
        self.document().setDefaultStyleSheet(css)
        font = self.document().defaultFont()
        font.setPointSizeF(self.point_size())
        self.document().setDefaultFont(font)
        self._update_measure()

    # -- line length -------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_measure()
        super().resizeEvent(event)

    def _update_measure(self) -> None:
        """Keep lines near ``MEASURE_CHARS`` characters by widening the side margins."""
        font = self.document().defaultFont()
        measure = QFontMetricsF(font).averageCharWidth() * MEASURE_CHARS + 48
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
