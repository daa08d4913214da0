"""The reading pane: a ``QTextBrowser`` that loads only the pack's files and routes every link.

Native rich text instead of a browser engine: accessible to screen readers, fast to start,
and nothing in it can reach the network. Every click becomes a signal; the main window
decides what an address means.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QUrl, Signal
from PySide6.QtGui import QFontMetricsF, QImage, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from hrreader.content.library import Library
from hrreader.ui.theme import Theme, reader_css

log = logging.getLogger(__name__)

BASE_POINT_SIZE = 12.5
MIN_SCALE = 0.75
MAX_SCALE = 3.0
#: Characters per line the text is kept to, for comfortable reading.
MEASURE_CHARS = 74


class ReaderView(QTextBrowser):
    """Shows one topic's HTML; emits ``linkRequested(url)`` for every link clicked."""

    linkRequested = Signal(str)

    def __init__(self, library: Library, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingPane")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Reading pane"))
        self.setAccessibleDescription(
            self.tr("The topic you are reading. Tab moves between its links.")
        )
        self._library = library
        self._theme = theme
        self._scale = 1.0
        self._html = ""
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDocumentMargin(24)
        self._apply_css()

    # -- content -----------------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        self._library = library

    def show_html(self, html: str, anchor: str = "") -> None:
        """Show a page, at its top or at ``anchor`` (a section id)."""
        self._html = html
        self.setHtml(html)
        if anchor:
            self.scrollToAnchor(anchor)
        else:
            self.verticalScrollBar().setValue(0)

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
