"""Presentation mode: one section at a time, in large type, for a therapist and a client.

``SessionPresenter`` belongs to the main window: it owns the session playlist and starts a
``Presentation`` (F5 from the section being read, or the playlist in order). A presentation
shows a ``SlideScreen`` (the slide alone, fullscreen) and, when a second screen exists, a
``PresenterScreen`` on the therapist's screen (the section list, what comes next, large
Previous/Next/Exit buttons). Clicker keys work in both. Escape returns to the window at the
section that was showing.

Slides come from ``hrreader.content.slides``: the reading pane's own safe HTML, cut at its
``##`` headings, so a slide never shows anything the reader would not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QScreen,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hrreader.content.library import Library
from hrreader.content.model import parse_address
from hrreader.content.slides import (
    Slide,
    first_words,
    playlist_slides,
    slide_index,
    topic_slides,
)
from hrreader.ui.modes import PRESENT
from hrreader.ui.reader import BASE_POINT_SIZE, MAX_SCALE, ReaderView
from hrreader.ui.text_size import floor_widget_styles
from hrreader.ui.theme import Theme, reader_css

if TYPE_CHECKING:
    from hrreader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: The settings key of the session playlist (a list of addresses), kept only in personal mode.
PLAYLIST_KEY = "playlist"

Key = Qt.Key
#: Presentation clickers send PageDown/PageUp; some send arrows; keyboards add the rest.
NEXT_KEYS = frozenset({Key.Key_Right, Key.Key_PageDown, Key.Key_Space, Key.Key_Down})
PREVIOUS_KEYS = frozenset({Key.Key_Left, Key.Key_PageUp, Key.Key_Backspace, Key.Key_Up})
#: Clickers' "black screen" button sends B or a full stop.
BLANK_KEYS = frozenset({Key.Key_B, Key.Key_Period})

#: Characters per line on a slide: shorter than the reader's, as slides are read from afar.
SLIDE_MEASURE = 56
#: The most characters a line may hold when a long slide's type is made smaller.
MAX_MEASURE = 72
#: Slide text is never made smaller than this (times the reader's base size) to fit.
MIN_FIT_SCALE = 1.1
#: How much further a slide may shrink below the floor when that makes all of it fit.
SQUEEZE = 0.9
#: Screen size the mode's ``text_scale`` is meant for; larger screens get larger type.
DESIGN_SIZE = (1024, 768)
DOC_MARGIN = 4


def choose_screens(screens: Sequence[Any], home: Any = None) -> tuple[Any | None, Any | None]:
    """``(client's screen, therapist's screen)``: the therapist keeps the window's own screen.

    With one screen (or none) there is no presenter view: ``(that screen, None)``.
    """
    screens = list(screens)
    if len(screens) < 2:
        return (screens[0] if screens else None, None)
    therapist = home if any(s is home for s in screens) else screens[0]
    client = next(s for s in screens if s is not therapist)
    return client, therapist


# --------------------------------------------------------------------------------------
# The client's screen
# --------------------------------------------------------------------------------------
class SlideView(ReaderView):
    """The reading pane for a slide: large type fitted to the screen, generous margins.

    The type is as large as the presentation's ``text_scale`` (more on a big screen) and is
    made smaller, down to ``MIN_FIT_SCALE``, until the whole slide fits. A slide that still
    does not fit scrolls, and "next" scrolls it before it moves on.
    """

    _base_scale = PRESENT.text_scale
    #: The slide was laid out again (a new slide, or the screen changed size).
    fitted = Signal()

    def __init__(
        self,
        library: Library,
        theme: Theme,
        base_scale: float = PRESENT.text_scale,
        parent: QWidget | None = None,
    ) -> None:
        self._page = ""
        super().__init__(library, theme, parent)
        self.setObjectName("slideView")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A slide is fitted to the screen: a bar only for one that still does not fit.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().setDocumentMargin(DOC_MARGIN)
        self._base_scale = base_scale
        self._measure_doc = QTextDocument(self)
        self._measure_doc.setDocumentMargin(DOC_MARGIN)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit)
        self._fitted_size = QSize()
        self._fit_cache: dict[tuple[str, int, int], float] = {}

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Slide"))
        self.setAccessibleDescription(self.tr("The section being presented."))

    def changeEvent(self, event: QEvent) -> None:
        # A slide is never in the first paint: it follows the language as widgets do (the
        # reading pane it extends leaves that to the window, i18n.py).
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_page(self, html: str) -> None:
        self._page = html
        self._fit(keep_place=False)

    def set_min_point_size(self, points: float) -> None:
        """Never show slide text smaller than ``points``: fits the slide again with it."""
        points = max(0.0, float(points))
        if points == self._min_pt:
            return
        self._min_pt = points
        self._fit_cache.clear()
        if self._page:
            self._fit()

    def page(self) -> str:
        return self._page

    def can_scroll(self, forward: bool) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() < bar.maximum() if forward else bar.value() > bar.minimum()

    def scroll_page(self, forward: bool) -> None:
        """Show the next (or previous) screenful; forward, it starts at the line that was
        cut off at the bottom, so no line is ever seen only in half."""
        bar = self.verticalScrollBar()
        step = max(1, int(bar.pageStep() * 0.85))
        if not forward:
            bar.setValue(bar.value() - step)
            return
        target = bar.value() + step
        viewport = self.viewport()
        cursor = self.cursorForPosition(QPoint(viewport.width() // 2, viewport.height() - 1))
        block = cursor.block()
        layout = block.layout() if block.isValid() else None
        if layout is not None:
            line = layout.lineForTextPosition(cursor.positionInBlock())
            if line.isValid():
                top = self.document().documentLayout().blockBoundingRect(block).top() + line.y()
                if bar.value() + bar.pageStep() * 0.3 < top <= bar.value() + bar.pageStep():
                    target = int(top)
        bar.setValue(target)

    # -- fitting -----------------------------------------------------------------------
    def ceiling_scale(self) -> float:
        factor = max(1.0, min(self.width() / DESIGN_SIZE[0], self.height() / DESIGN_SIZE[1]))
        return min(MAX_SCALE, self._base_scale * factor)

    def _font(self, scale: float) -> QFont:
        font = QFont(self.document().defaultFont())
        font.setPointSizeF(max(BASE_POINT_SIZE * scale, self._min_pt))
        return font

    def _css(self, scale: float) -> str:
        theme = self._theme
        small = max(BASE_POINT_SIZE * scale * 0.8, self._min_pt)
        gap = round(BASE_POINT_SIZE * scale * 0.5)
        return reader_css(theme, BASE_POINT_SIZE * scale, self._min_pt) + (
            f"\np.slide-topic {{ color: {theme.muted}; font-size: {small:.1f}pt; "
            f"font-weight: 600; margin-bottom: {gap}px; }}"
            "\nh1, h2 { margin-top: 0; }"
            f"\ntable.callout td {{ padding: {round(BASE_POINT_SIZE * scale * 0.8)}px; }}"
        )

    def _margins(self, scale: float) -> tuple[int, int, int]:
        """``(side, top, bottom)`` viewport margins in pixels for text at ``scale``."""
        # The column is as wide as the slide's full-size type needs: a slide whose type was
        # made smaller to fit keeps that width (up to MAX_MEASURE characters).
        full = QFontMetricsF(self._font(self.ceiling_scale())).averageCharWidth() * SLIDE_MEASURE
        here = QFontMetricsF(self._font(scale)).averageCharWidth() * MAX_MEASURE
        measure = min(full, here)
        side = max(int(self.width() * 0.06), int((self.width() - measure) / 2) - DOC_MARGIN)
        return side, int(self.height() * 0.06), int(self.height() * 0.08)

    def _measure(self, scale: float, page: str) -> tuple[float, float]:
        """``(height of the page, height there is room for)`` with text at ``scale``."""
        side, top, bottom = self._margins(scale)
        doc = self._measure_doc
        doc.setDefaultStyleSheet(self._css(scale))
        doc.setDefaultFont(self._font(scale))
        doc.setTextWidth(max(1, self.width() - 2 * side))
        doc.setHtml(page)
        return doc.size().height(), float(self.height() - top - bottom)

    def fitted_scale(self, page: str | None = None) -> float:
        """The scale, between the floor and the ceiling, at which the whole page fits.

        Text height grows about as the square of its size in a column of fixed width, so
        one measurement gives a close guess and a layout or two confirm it.
        """
        page = self._page if page is None else page
        high = self.ceiling_scale()
        if not page:
            return high
        key = (page, self.width(), self.height())
        if key in self._fit_cache:
            return self._fit_cache[key]
        low = min(high, max(MIN_FIT_SCALE, high * 0.7))
        # Below the floor only when that makes the whole slide fit (no scrolling at all).
        lowest = low * SQUEEZE
        scale = high
        for _ in range(8):
            height, room = self._measure(scale, page)
            if height <= room:
                break
            if scale <= lowest + 1e-6:
                scale = low  # it cannot fit: keep the floor's size and let it scroll
                break
            scale = max(lowest, scale * min(0.98, (room / height) ** 0.5))
        else:
            scale = low
        if len(self._fit_cache) > 256:
            self._fit_cache.clear()
        self._fit_cache[key] = scale
        return scale

    def prepare(self, page: str) -> None:
        """Work out a page's fit ahead of time (the next slide, while the person reads)."""
        self.fitted_scale(page)

    def refit(self) -> None:
        """Fit the slide to the view's size now (a resize otherwise refits on the next turn)."""
        self._refit.stop()
        self._fit()

    def _fit(self, keep_place: bool = True) -> None:
        bar = self.verticalScrollBar()
        place = bar.value() / bar.maximum() if keep_place and bar.maximum() else 0.0
        self._fitted_size = self.size()
        self._scale = round(self.fitted_scale(), 3)
        self._apply_css()
        self.show_html(self._page)
        if place:
            bar.setValue(round(place * bar.maximum()))
        self.fitted.emit()

    # -- ReaderView hooks ----------------------------------------------------------------
    def _apply_css(self) -> None:
        self.document().setDefaultStyleSheet(self._css(self._scale))
        self.document().setDefaultFont(self._font(self._scale))
        self._update_measure()

    def _update_measure(self) -> None:
        side, top, bottom = self._margins(self._scale)
        self.setViewportMargins(side, top, side, bottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._page and self.size() != self._fitted_size:
            self._refit.start()


class SlideScreen(QWidget):
    """The client's screen: the slide, a small "3 / 7" in a corner, nothing else."""

    closed = Signal()
    #: The interface language changed: the presentation says its words again.
    retranslated = Signal()

    def __init__(
        self, library: Library, theme: Theme, base_scale: float, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("slideScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._min_pt = 0.0
        self.view = SlideView(library, theme, base_scale, self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view)
        self.indicator = QLabel(self)
        self.indicator.setObjectName("slideIndicator")
        self.indicator.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.blank = QWidget(self)
        self.blank.setObjectName("slideBlank")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank.hide()
        self.setStyleSheet(
            f"QWidget#slideScreen {{ background: {theme.page}; }}"
            f"QTextBrowser#slideView {{ background: {theme.page}; color: {theme.text}; "
            f"border: none; selection-background-color: {theme.selection}; "
            f"selection-color: {theme.text}; }}"
            f"QLabel#slideIndicator {{ color: {theme.muted}; background: transparent; }}"
            "QWidget#slideBlank { background: #000000; }"
        )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Presentation"))
        self.blank.setAccessibleName(self.tr("Blank screen"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.retranslated.emit()
        super().changeEvent(event)

    def set_min_font_size(self, points: float) -> None:
        """Slide text and the "3 / 7" never smaller than ``points`` (0: no minimum)."""
        self._min_pt = max(0.0, points)
        self.view.set_min_point_size(self._min_pt)
        self._place_indicator()

    def set_blank(self, blank: bool) -> None:
        self.blank.setGeometry(self.rect())
        self.blank.setVisible(blank)
        self.blank.raise_()

    def set_indicator(self, text: str, spoken: str) -> None:
        self.indicator.setText(text)
        self.indicator.setAccessibleName(spoken)
        self._place_indicator()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())
        self._place_indicator()

    def _place_indicator(self) -> None:
        # In its own stylesheet, which a minimum text size in the application's cannot undo.
        floor = self._min_pt * self.logicalDpiY() / 72
        pixels = round(max(13, self.height() / 50, floor))
        sheet = f"QLabel#slideIndicator {{ font-size: {pixels}px; }}"
        if self.indicator.styleSheet() != sheet:
            self.indicator.setStyleSheet(sheet)
        self.indicator.adjustSize()
        margin = max(12, round(min(self.width(), self.height()) * 0.025))
        size = self.indicator.sizeHint()
        self.indicator.setGeometry(
            self.width() - size.width() - margin,
            self.height() - size.height() - margin,
            size.width(),
            size.height(),
        )
        self.indicator.raise_()

    def closeEvent(self, event: Any) -> None:
        self.closed.emit()
        super().closeEvent(event)


# --------------------------------------------------------------------------------------
# The therapist's screen
# --------------------------------------------------------------------------------------
class SlideListModel(QAbstractListModel):
    """The presentation's slides, numbered, the current one in bold."""

    AddressRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, slides: Sequence[Slide], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slides = list(slides)
        self._current = 0
        self._with_topic = len({s.topic_id for s in self._slides}) > 1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._slides)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._slides):
            return None
        slide = self._slides[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}.  {slide.label(self._with_topic)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return slide.address
        if role == Qt.ItemDataRole.FontRole and index.row() == self._current:
            font = QFont()
            font.setBold(True)
            return font
        if role == self.AddressRole:
            return slide.address
        return None

    def set_slides(self, slides: Sequence[Slide]) -> None:
        self.beginResetModel()
        self._slides = list(slides)
        self._current = min(self._current, max(len(self._slides) - 1, 0))
        self._with_topic = len({s.topic_id for s in self._slides}) > 1
        self.endResetModel()

    def set_current(self, row: int) -> None:
        old, self._current = self._current, row
        for changed in {old, row}:
            if 0 <= changed < len(self._slides):
                here = self.index(changed, 0)
                self.dataChanged.emit(here, here, [Qt.ItemDataRole.FontRole])


class SlideThumbnail(QLabel):
    """A picture of the client's screen, scaled to fit, with a thin frame."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenterPreview")
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(160, 100)
        self._frame = QColor(theme.border_strong)
        self._source = QPixmap()

    def set_source(self, pixmap: QPixmap) -> None:
        self._source = pixmap
        self._rescale()

    def source(self) -> QPixmap:
        return self._source

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._source.isNull() or self.width() < 2 or self.height() < 2:
            self.clear()
            return
        ratio = self.devicePixelRatioF()
        box = self.contentsRect().size() * ratio
        scaled = self._source.scaled(
            box,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter = QPainter(scaled)
        painter.setPen(self._frame)
        painter.drawRect(0, 0, scaled.width() - 1, scaled.height() - 1)
        painter.end()
        scaled.setDevicePixelRatio(ratio)
        self.setPixmap(scaled)


class PresenterScreen(QWidget):
    """The therapist's screen: every slide, the current one, what comes next, big controls."""

    closed = Signal()

    def __init__(
        self,
        presentation: Presentation,
        library: Library,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._presentation = presentation
        #: The slide shown (show_slide), so a new language can describe it again.
        self._shown: int | None = None

        self.model = SlideListModel(presentation.slides, self)
        self.list = QListView(self)
        self.list.setObjectName("presenterList")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        # Titles wrap to the list's width (large text included): never sideways scrolling.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.clicked.connect(lambda index: presentation.go(index.row()))
        self.list.activated.connect(lambda index: presentation.go(index.row()))
        sections = QLabel(self)
        sections.setObjectName("presenterHeading")
        sections.setBuddy(self.list)
        self.sections_heading = sections

        self.count_label = QLabel(self)
        self.count_label.setObjectName("presenterCount")
        self.now_label = QLabel(self)
        self.now_label.setObjectName("presenterNow")
        self.now_label.setWordWrap(True)
        self.preview = SlideThumbnail(theme, self)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(0)
        self._preview_timer.timeout.connect(self.refresh_preview)

        next_heading = QLabel(self)
        next_heading.setObjectName("presenterHeading")
        self.next_heading = next_heading
        self.next_title = QLabel(self)
        self.next_title.setObjectName("presenterNextTitle")
        self.next_title.setWordWrap(True)
        self.next_text = QLabel(self)
        self.next_text.setObjectName("presenterNextText")
        self.next_text.setWordWrap(True)
        self.next_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.next_text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.previous_button = self._button(presentation.previous)
        self.next_button = self._button(presentation.next)
        self.blank_button = self._button(None)
        self.blank_button.setCheckable(True)
        self.blank_button.toggled.connect(presentation.set_blank)
        self.exit_button = self._button(presentation.finish)
        self.retranslate_ui()

        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(sections)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.now_label, 1)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(top)
        right.addWidget(self.preview, 3)
        right.addSpacing(8)
        right.addWidget(next_heading)
        right.addWidget(self.next_title)
        right.addWidget(self.next_text)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.blank_button)
        buttons.addStretch(1)
        buttons.addWidget(self.exit_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(16)
        outer.addLayout(columns, 1)
        outer.addLayout(buttons)
        self.setTabOrder(self.next_button, self.previous_button)
        self.setTabOrder(self.previous_button, self.blank_button)
        self.setTabOrder(self.blank_button, self.exit_button)
        self.setTabOrder(self.exit_button, self.list)

        self.setStyleSheet(
            f"QWidget#presenterScreen {{ background: {theme.window}; }}"
            f"QLabel#presenterHeading {{ color: {theme.muted}; font-weight: bold; }}"
            f"QLabel#presenterCount {{ color: {theme.heading}; font-size: 26pt; "
            "font-weight: bold; padding-left: 16px; }"
            f"QLabel#presenterNow {{ color: {theme.heading}; font-size: 17pt; "
            "font-weight: bold; }"
            f"QLabel#presenterNextTitle {{ color: {theme.text}; font-size: 14pt; "
            "font-weight: bold; }"
            f"QLabel#presenterNextText {{ color: {theme.muted}; font-size: 12pt; }}"
            f"QListView#presenterList {{ background: {theme.panel}; color: {theme.text}; "
            f"border: 1px solid {theme.border}; border-radius: 6px; font-size: 12pt; "
            "outline: 0; padding: 4px; }"
            # No side padding: the list wraps titles without it, and would cut them off.
            "QListView#presenterList::item { padding: 8px 0px; border-radius: 4px; }"
            f"QListView#presenterList::item:selected {{ background: {theme.selection}; "
            f"color: {theme.text}; }}"
            f"QListView#presenterList:focus {{ border: 2px solid {theme.focus}; }}"
            "QPushButton#presenterButton { font-size: 14pt; min-height: 56px; "
            "min-width: 120px; padding: 6px 22px; }"
            f"QPushButton#presenterButton:focus {{ border: 3px solid {theme.focus}; }}"
            f"QPushButton#presenterButton:checked {{ background: {theme.text}; "
            f"color: {theme.page}; }}"
        )

    def retranslate_ui(self) -> None:
        """Every word of the presenter view; again when the interface language changes."""
        self.setAccessibleName(self.tr("Presenter view"))
        self.list.setAccessibleName(self.tr("Sections in this presentation"))
        self.sections_heading.setText(self.tr("Sections"))
        self.preview.setAccessibleName(self.tr("The slide the client sees"))
        self.next_heading.setText(self.tr("Up next"))
        self.next_title.setAccessibleName(self.tr("Up next"))
        self.previous_button.setText(self.tr("◀  &Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous section"))
        self.previous_button.setToolTip(self.tr("Previous section (Left, Page Up or Backspace)"))
        self.next_button.setText(self.tr("&Next  ▶"))
        self.next_button.setAccessibleName(self.tr("Next section"))
        self.next_button.setToolTip(self.tr("Next section (Right, Page Down or Space)"))
        self.blank_button.setText(self.tr("&Blank the client's screen"))
        self.blank_button.setAccessibleName(self.tr("Blank the client's screen"))
        self.blank_button.setToolTip(self.tr("Hide the slide for a moment (B)"))
        self.exit_button.setText(self.tr("E&xit presentation"))
        self.exit_button.setAccessibleName(self.tr("Exit presentation"))
        self.exit_button.setToolTip(self.tr("Back to the reader (Escape)"))
        if self._shown is not None:
            self.show_slide(self._shown)  # "The end of the presentation", "Section 3 of 7"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_slides(self, slides: Sequence[Slide]) -> None:
        """The same presentation in other words (another language): the list anew."""
        self.model.set_slides(slides)

    def _button(self, slot: Callable[[], object] | None) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName("presenterButton")
        button.setAutoDefault(False)
        if slot is not None:
            button.clicked.connect(lambda _checked=False: slot())
        return button

    def show_slide(self, index: int) -> None:
        presentation = self._presentation
        slides = presentation.slides
        slide = slides[index]
        self._shown = index
        self.model.set_current(index)
        self.list.doItemsLayout()  # the current title is bold: wider, it may need a new line
        here = self.model.index(index, 0)
        self.list.setCurrentIndex(here)
        self.list.scrollTo(here)
        self.count_label.setText(presentation.indicator_text())
        self.count_label.setAccessibleName(presentation.indicator_spoken())
        self.now_label.setText(slide.label(with_topic=True))
        self.preview.setAccessibleDescription(slide.text)
        self.schedule_preview()
        if index + 1 < len(slides):
            coming = slides[index + 1]
            self.next_title.setText(coming.label(with_topic=coming.topic_id != slide.topic_id))
            self.next_text.setText(first_words(coming.text, 220))
        else:
            self.next_title.setText(self.tr("The end of the presentation"))
            self.next_text.setText(self.tr("Escape or Exit presentation returns to the reader."))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(slides) or presentation.slide_can_scroll())

    def set_blank(self, blank: bool) -> None:
        self.blank_button.blockSignals(True)
        self.blank_button.setChecked(blank)
        self.blank_button.blockSignals(False)
        self.schedule_preview()

    def schedule_preview(self) -> None:
        """Redraw the thumbnail once things settle (a slide refits after a resize)."""
        self._preview_timer.start()

    def refresh_preview(self) -> None:
        """Show exactly what the client's screen shows: scroll position, blank and all."""
        self._preview_timer.stop()
        presentation = self._presentation
        self.preview.set_source(presentation.slide_screen.grab())
        # a refit or a scroll can change whether Next still has something to show
        self.next_button.setEnabled(
            presentation.index + 1 < len(presentation.slides) or presentation.slide_can_scroll()
        )

    def closeEvent(self, event: Any) -> None:
        self.closed.emit()
        super().closeEvent(event)


# --------------------------------------------------------------------------------------
# One presentation
# --------------------------------------------------------------------------------------
class _KeyRouter(QObject):
    """Gives clicker keys to the presentation, whichever of its widgets has the focus.

    Installed on each widget rather than on the application, so that application-wide
    filters (the quick exit) still see every key first.
    """

    def __init__(self, presentation: Presentation) -> None:
        super().__init__(presentation)
        self._presentation = presentation

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            # Claim our keys before any shortcut can: the reader's "back" is Backspace too.
            if self._presentation.command_for(event, watched) is not None:
                event.accept()
                return True
            return False
        if event.type() == QEvent.Type.KeyPress:
            return self._presentation.handle_key(event, watched)
        return False


class Presentation(QObject):
    """Slides shown one at a time; ``finished(address)`` says where to return to."""

    changed = Signal(int)
    finished = Signal(str)

    def __init__(
        self,
        slides: Sequence[Slide],
        start: int,
        library: Library,
        theme: Theme,
        *,
        base_scale: float = PRESENT.text_scale,
        screens: Sequence[Any] = (),
        home_screen: Any = None,
        size: tuple[int, int] | None = None,
        title: str = "",
        min_font: float = 0.0,
        parent: QWidget | None = None,
    ) -> None:
        """``min_font``: no text smaller than this many points (0: none; text_size.py)."""
        super().__init__(parent)
        if not slides:
            raise ValueError("a presentation needs at least one slide")
        self.slides = list(slides)
        self.index = min(max(0, start), len(self.slides) - 1)
        self.blanked = False
        self._done = False
        self._return = True
        self._size = size
        self.client_screen, self.therapist_screen = choose_screens(screens, home_screen)
        self._title = title
        self.slide_screen = SlideScreen(library, theme, base_scale, parent)
        self.slide_screen.set_min_font_size(min_font)
        self.slide_screen.closed.connect(self.finish)
        self.slide_screen.retranslated.connect(self.retranslate_ui)
        self.slide_screen.view.linkRequested.connect(self._follow_link)
        self.presenter_screen: PresenterScreen | None = None
        if self.therapist_screen is not None:
            self.presenter_screen = PresenterScreen(self, library, theme, parent)
            self.presenter_screen.closed.connect(self.finish)
            view = self.slide_screen.view
            view.fitted.connect(self.presenter_screen.schedule_preview)
            view.verticalScrollBar().valueChanged.connect(self.presenter_screen.schedule_preview)
        self._prepare_next = QTimer(self)
        self._prepare_next.setSingleShot(True)
        self._prepare_next.setInterval(0)
        self._prepare_next.timeout.connect(self._prepare_following)
        self._router = _KeyRouter(self)
        for window in self.windows():
            for widget in (window, *window.findChildren(QWidget)):
                widget.installEventFilter(self._router)
        self.retranslate_ui()
        self._show_slide()

    def retranslate_ui(self) -> None:
        """The windows' titles and the spoken "Section 3 of 7", in the interface language."""
        title = self._title
        self.slide_screen.setWindowTitle(title or self.tr("Presentation"))
        if self.presenter_screen is not None:
            self.presenter_screen.setWindowTitle(
                self.tr("Presenter view – {0}").format(title)
                if title
                else self.tr("Presenter view")
            )
        self.slide_screen.set_indicator(self.indicator_text(), self.indicator_spoken())

    def set_slides(self, slides: Sequence[Slide], title: str | None = None) -> None:
        """Show these slides instead, at the same section (the same presentation in another
        language); ``title`` is the window's new title."""
        if not slides or self._done:
            return
        address = self.current.address
        self.slides = list(slides)
        found = [n for n, slide in enumerate(self.slides) if slide.address == address]
        self.index = found[0] if found else min(self.index, len(self.slides) - 1)
        if title is not None:
            self._title = title
        if self.presenter_screen is not None:
            self.presenter_screen.set_slides(self.slides)
        self.retranslate_ui()
        self._show_slide()

    # -- state ---------------------------------------------------------------------------
    @property
    def current(self) -> Slide:
        return self.slides[self.index]

    @property
    def active(self) -> bool:
        return not self._done

    def windows(self) -> list[QWidget]:
        found: list[QWidget] = [self.slide_screen]
        if self.presenter_screen is not None:
            found.append(self.presenter_screen)
        return found

    def indicator_text(self) -> str:
        return f"{self.index + 1} / {len(self.slides)}"

    def indicator_spoken(self) -> str:
        return self.tr("Section {0} of {1}").format(self.index + 1, len(self.slides))

    def slide_can_scroll(self) -> bool:
        return self.slide_screen.view.can_scroll(forward=True)

    # -- showing -------------------------------------------------------------------------
    def show(self) -> None:
        """Put the slide on the client's screen and the presenter view on the therapist's."""
        _show_on(self.slide_screen, self.client_screen, self._size, maximized=False)
        if self.presenter_screen is not None:
            _show_on(self.presenter_screen, self.therapist_screen, self._size, maximized=True)
            self.presenter_screen.activateWindow()
            self.presenter_screen.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.slide_screen.activateWindow()
            self.slide_screen.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.slide_screen.view.refit()
        if self.presenter_screen is not None:
            self.presenter_screen.show_slide(self.index)

    def _show_slide(self) -> None:
        slide = self.current
        self._prepare_next.start()
        view = self.slide_screen.view
        view.set_page(slide.page_html())
        view.setAccessibleDescription(slide.label(with_topic=True))
        view.verticalScrollBar().setValue(0)
        self.slide_screen.set_indicator(self.indicator_text(), self.indicator_spoken())
        if self.presenter_screen is not None:
            self.presenter_screen.show_slide(self.index)

    # -- moving --------------------------------------------------------------------------
    def go(self, index: int) -> None:
        index = min(max(0, index), len(self.slides) - 1)
        self.set_blank(False)
        if index == self.index:
            return
        self.index = index
        self._show_slide()
        self.changed.emit(index)

    def next(self) -> None:
        """The next slide; a slide too long for the screen first scrolls to its end."""
        if self.blanked:
            self.set_blank(False)
            return
        view = self.slide_screen.view
        if view.can_scroll(forward=True):
            view.scroll_page(forward=True)
            if self.presenter_screen is not None:
                self.presenter_screen.show_slide(self.index)
            return
        self.go(self.index + 1)

    def previous(self) -> None:
        if self.blanked:
            self.set_blank(False)
            return
        view = self.slide_screen.view
        if view.can_scroll(forward=False):
            view.scroll_page(forward=False)
            return
        self.go(self.index - 1)

    def _prepare_following(self) -> None:
        if not self._done and self.index + 1 < len(self.slides):
            self.slide_screen.view.prepare(self.slides[self.index + 1].page_html())

    def first(self) -> None:
        self.go(0)

    def last(self) -> None:
        self.go(len(self.slides) - 1)

    def set_blank(self, blank: bool) -> None:
        self.blanked = blank
        self.slide_screen.set_blank(blank)
        if self.presenter_screen is not None:
            self.presenter_screen.set_blank(blank)

    def toggle_blank(self) -> None:
        self.set_blank(not self.blanked)

    def _follow_link(self, address: str) -> None:
        """A link to a slide of this presentation moves there; anything else waits."""
        if any(s.address == address for s in self.slides):
            self.go(slide_index(self.slides, address))

    def command_for(self, event: QKeyEvent, receiver: QObject) -> Callable[[], None] | None:
        """What a clicker or keyboard key does here, or ``None`` if it is not ours."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return None
        key = Qt.Key(event.key())
        if key == Key.Key_Space and isinstance(receiver, QAbstractButton):
            return None  # Space presses the focused button, as everywhere
        shifted = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if key == Key.Key_Escape:
            return self.finish
        if key == Key.Key_Space and shifted:
            return self.previous
        if key in NEXT_KEYS:
            return self.next
        if key in PREVIOUS_KEYS:
            return self.previous
        if key == Key.Key_Home:
            return self.first
        if key == Key.Key_End:
            return self.last
        if key in BLANK_KEYS:
            return self.toggle_blank
        return None

    def handle_key(self, event: QKeyEvent, receiver: QObject) -> bool:
        """Act on a clicker or keyboard key; ``True`` when the key was for the presentation."""
        command = self.command_for(event, receiver)
        if command is None:
            return False
        command()
        return True

    # -- ending --------------------------------------------------------------------------
    def finish(self, return_to_reader: bool = True) -> None:
        """Close the presentation; ``finished`` carries the address to go back to."""
        if self._done:
            return
        self._done = True
        address = self.current.address if return_to_reader else ""
        for window in self.windows():
            window.removeEventFilter(self._router)
            for widget in window.findChildren(QWidget):
                widget.removeEventFilter(self._router)
            window.hide()
            window.deleteLater()
        self.finished.emit(address)


def _bring_forward(window: QWidget) -> None:
    # The offscreen platform (tests, screenshots) cannot raise a window, and says so.
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()


def _show_on(widget: QWidget, screen: Any, size: tuple[int, int] | None, maximized: bool) -> None:
    if screen is not None:
        if isinstance(screen, QScreen):
            widget.setScreen(screen)
        widget.move(screen.geometry().topLeft())
    if size:
        widget.resize(*size)
        widget.show()
    elif maximized:
        widget.showMaximized()
    else:
        widget.showFullScreen()


# --------------------------------------------------------------------------------------
# The session playlist
# --------------------------------------------------------------------------------------
def stored_addresses(value: Any) -> list[str]:
    """A settings value as a list of addresses (a file edited by hand may hold one as text)."""
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, list | tuple):
        return []
    return [str(v) for v in value if isinstance(v, str) and v.strip()]


class PlaylistModel(QAbstractListModel):
    """Sections picked for a session, in the order they will be shown."""

    AddressRole = Qt.ItemDataRole.UserRole + 1
    addressesChanged = Signal()

    def __init__(
        self, library: Library, lang_of: Callable[[], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._lang_of = lang_of
        self._addresses: list[str] = []

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._addresses)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._addresses):
            return None
        address = self._addresses[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.label(address)
        if role == Qt.ItemDataRole.ToolTipRole or role == self.AddressRole:
            return address
        return None

    def label(self, address: str) -> str:
        _scheme, topic_id, anchor = parse_address(address)
        topic = self._library.topic(topic_id, self._lang_of())
        if topic is None:
            return address
        if not anchor:
            return self.tr("{0}: introduction").format(topic.title)
        section = topic.section(anchor)
        return f"{topic.title}: {section.title if section else anchor}"

    def refresh(self) -> None:
        """Name the sections again (the content's language changed)."""
        if self._addresses:
            last = self.index(len(self._addresses) - 1, 0)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- editing -------------------------------------------------------------------------
    def addresses(self) -> list[str]:
        return list(self._addresses)

    def can_hold(self, address: str) -> bool:
        """Only sections and introductions of topics this library has."""
        return parse_address(address)[0] == "topic" and self._library.exists(address)

    def set_addresses(self, addresses: Sequence[str], notify: bool = True) -> None:
        """Replace the list; addresses the library does not have are dropped."""
        kept = [a for a in dict.fromkeys(addresses) if self.can_hold(a)]
        self.beginResetModel()
        self._addresses = kept
        self.endResetModel()
        if notify:
            self.addressesChanged.emit()

    def append(self, address: str) -> bool:
        if address in self._addresses or not self.can_hold(address):
            return False
        row = len(self._addresses)
        self.beginInsertRows(QModelIndex(), row, row)
        self._addresses.append(address)
        self.endInsertRows()
        self.addressesChanged.emit()
        return True

    def move(self, row: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); returns its new row, or -1 if it cannot move."""
        target = row + delta
        if not (0 <= row < len(self._addresses) and 0 <= target < len(self._addresses)):
            return -1
        destination = target + 1 if delta > 0 else target
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination):
            return -1
        self._addresses.insert(target, self._addresses.pop(row))
        self.endMoveRows()
        self.addressesChanged.emit()
        return target

    def remove(self, row: int) -> bool:
        if not 0 <= row < len(self._addresses):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._addresses[row]
        self.endRemoveRows()
        self.addressesChanged.emit()
        return True


class PlaylistDialog(QDialog):
    """See, reorder and remove the session's sections, and present them. Keyboard first:
    Ctrl+Up and Ctrl+Down move, Delete removes, Enter opens a section in the reader."""

    def __init__(
        self, session: SessionPresenter, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("playlistDialog")
        # Before the list exists: rows laid out before their padding is known overlap.
        self.setStyleSheet(
            f"QListView#playlistList {{ background: {theme.page}; color: {theme.text}; "
            f"border: 1px solid {theme.border_strong}; border-radius: 6px; outline: 0; "
            "padding: 4px; }"
            "QListView#playlistList::item { padding: 7px 6px; border-radius: 4px; }"
            f"QListView#playlistList::item:selected {{ background: {theme.selection}; "
            f"color: {theme.text}; }}"
            f"QListView#playlistList:focus {{ border: 2px solid {theme.focus}; }}"
        )
        self._session = session
        model = session.playlist
        self._model = model

        intro = QLabel(self)
        intro.setWordWrap(True)
        self.intro = intro
        self.list = QListView(self)
        self.list.setObjectName("playlistList")
        self.list.setModel(model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumSize(420, 240)
        intro.setBuddy(self.list)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("playlistEmpty")

        self.add_button = self._button(self._add)
        self.up_button = self._button(lambda: self._move(-1))
        self.down_button = self._button(lambda: self._move(1))
        self.remove_button = self._button(self._remove)
        self.present_button = self._button(self._present)
        self.close_button = self._button(self.close)
        self.list.installEventFilter(self)
        self.retranslate_ui()

        side = QVBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.present_button)
        body = QHBoxLayout()
        lists = QVBoxLayout()
        lists.addWidget(self.list, 1)
        lists.addWidget(self.empty_label)
        body.addLayout(lists, 1)
        body.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        outer = QVBoxLayout(self)
        outer.addWidget(intro)
        outer.addLayout(body, 1)
        outer.addLayout(bottom)

        self.list.activated.connect(self._open)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset):
            signal.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _key_command(self, event: QKeyEvent) -> Callable[[], None] | None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() == Key.Key_Up:
            return lambda: self._move(-1)
        if ctrl and event.key() == Key.Key_Down:
            return lambda: self._move(1)
        if event.key() == Key.Key_Delete and not ctrl:
            return self._remove
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and isinstance(event, QKeyEvent):
            command = self._key_command(event)
            if command is not None and event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if command is not None and event.type() == QEvent.Type.KeyPress:
                command()
                return True
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        """Every word of the dialog; again when the interface language changes."""
        self.setWindowTitle(self.tr("Session playlist"))
        self.setAccessibleName(self.tr("Session playlist"))
        self.intro.setText(
            self.tr(
                "Sections to show in this session, in order. Ctrl+B in the reader adds the "
                "section you are reading."
            )
        )
        self.list.setAccessibleName(self.tr("Sections in the playlist"))
        self.list.setAccessibleDescription(
            self.tr("Ctrl+Up and Ctrl+Down move a section, Delete removes it, Enter opens it.")
        )
        self.empty_label.setText(
            self.tr("No sections yet. Open a section in the reader and press Ctrl+B.")
        )
        texts = (
            (self.add_button, self.tr("&Add current section"), ""),
            (self.up_button, self.tr("Move &up"), self.tr("Move up (Ctrl+Up)")),
            (self.down_button, self.tr("Move &down"), self.tr("Move down (Ctrl+Down)")),
            (self.remove_button, self.tr("&Remove"), self.tr("Remove from the playlist (Delete)")),
            (
                self.present_button,
                self.tr("&Present playlist"),
                self.tr("Show these sections one at a time (Shift+F5)"),
            ),
            (self.close_button, self.tr("Close"), ""),
        )
        for button, text, tip in texts:
            button.setText(text)
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _button(self, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def current_row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self._model.rowCount():
            self.list.setCurrentIndex(self._model.index(row, 0))

    def _add(self) -> None:
        if self._session.add_current():
            self.select_row(self._model.rowCount() - 1)

    def _move(self, delta: int) -> None:
        row = self._model.move(self.current_row(), delta)
        if row >= 0:
            self.select_row(row)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove(self) -> None:
        row = self.current_row()
        if self._model.remove(row):
            self.select_row(min(row, self._model.rowCount() - 1))
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, index: QModelIndex) -> None:
        address = index.data(PlaylistModel.AddressRole)
        if address:
            self._session.open_in_reader(address)

    def _present(self) -> None:
        self._session.present_playlist()

    def _update_buttons(self) -> None:
        count = self._model.rowCount()
        row = self.current_row()
        if row < 0 and count:
            self.select_row(0)
            row = 0
        self.empty_label.setVisible(count == 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(0 <= row < count)
        self.present_button.setEnabled(count > 0)


# --------------------------------------------------------------------------------------
# The window's part
# --------------------------------------------------------------------------------------
class SessionPresenter(QObject):
    """The main window's presenting: the session playlist and the running presentation."""

    started = Signal(object)  # Presentation
    finished = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.playlist = PlaylistModel(window.library, lambda: self._window.lang, self)
        if window.mode.persist:
            self.playlist.set_addresses(
                stored_addresses(window.store.get(PLAYLIST_KEY)), notify=False
            )
        self.playlist.addressesChanged.connect(self._save_playlist)
        #: Where presentations may go; a test replaces it to pretend there are two screens.
        self.screens: Callable[[], Sequence[Any]] = QGuiApplication.screens
        self.active: Presentation | None = None
        #: Makes the running presentation's slides again in another language.
        self._slides_in: Callable[[str], list[Slide]] | None = None
        self.dialog: PlaylistDialog | None = None
        window.installEventFilter(self)
        window.languageChanged.connect(self._language_changed)

    # -- where the reader is --------------------------------------------------------------
    def current_address(self) -> str:
        """``topic:ID#SECTION`` of the section on screen in the reader (``topic:ID``: intro)."""
        return self._window.current_section_address()

    def open_in_reader(self, address: str) -> None:
        self._window.open(address)
        _bring_forward(self._window)

    # -- presenting -------------------------------------------------------------------------
    def present_current(
        self, screens: Sequence[Any] | None = None, size: tuple[int, int] | None = None
    ) -> Presentation | None:
        """F5: present the topic being read, from the section on screen."""
        return self.present_address(self.current_address(), screens, size)

    def present_address(
        self,
        address: str,
        screens: Sequence[Any] | None = None,
        size: tuple[int, int] | None = None,
    ) -> Presentation | None:
        scheme, topic_id, _anchor = parse_address(address)
        library = self._window.library
        slides = topic_slides(library, topic_id, self._window.lang)
        if scheme != "topic" or not slides:
            self._say(self.tr("Open a topic first, then present it."))
            return None
        presentation = self.present(slides, slide_index(slides, address), screens, size)
        self._slides_in = lambda lang: topic_slides(library, topic_id, lang)
        return presentation

    def present_playlist(
        self,
        start: int = 0,
        screens: Sequence[Any] | None = None,
        size: tuple[int, int] | None = None,
    ) -> Presentation | None:
        library, addresses = self._window.library, self.playlist.addresses()
        slides = playlist_slides(library, addresses, self._window.lang)
        if not slides:
            self._say(
                self.tr(
                    "The session playlist is empty. Press Ctrl+B to add the section you are "
                    "reading."
                )
            )
            return None
        presentation = self.present(slides, start, screens, size)
        self._slides_in = lambda lang: playlist_slides(library, addresses, lang)
        return presentation

    def present(
        self,
        slides: Sequence[Slide],
        start: int = 0,
        screens: Sequence[Any] | None = None,
        size: tuple[int, int] | None = None,
    ) -> Presentation:
        if self.active is not None:
            self.stop(return_to_reader=False)
        window = self._window
        presentation = Presentation(
            slides,
            start,
            window.library,
            window.theme,
            base_scale=PRESENT.text_scale,
            screens=list(self.screens() if screens is None else screens),
            home_screen=window.screen(),
            size=size,
            title=window.windowTitle(),
            min_font=window.min_font_size,
            parent=window,
        )
        if window.min_font_size:
            for screen in presentation.windows():
                floor_widget_styles(screen, window.min_font_size)
        presentation.finished.connect(self._presentation_finished)
        self.active = presentation
        self._slides_in = None
        presentation.show()
        self.started.emit(presentation)
        return presentation

    def stop(self, return_to_reader: bool = True) -> None:
        if self.active is not None:
            self.active.finish(return_to_reader)

    def surface(self) -> QWidget | None:
        """The client's screen while presenting (what a screenshot of this mode shows)."""
        return self.active.slide_screen if self.active is not None else None

    def _presentation_finished(self, address: str) -> None:
        self.active = None
        self._slides_in = None
        if address:
            self._window.open(address)
            _bring_forward(self._window)
        self.finished.emit(address)

    # -- the playlist ---------------------------------------------------------------------
    def add_current(self) -> bool:
        """Ctrl+B: add the section on screen to the session playlist."""
        address = self.current_address()
        if not address:
            self._say(self.tr("Open a topic first, then add a section of it."))
            return False
        name = self.playlist.label(address)
        if not self.playlist.append(address):
            self._say(self.tr("“{0}” is already in the session playlist.").format(name))
            return False
        self._say(
            self.tr("Added “{0}” to the session playlist ({1} sections).").format(
                name, self.playlist.rowCount()
            )
        )
        return True

    def show_playlist(self) -> PlaylistDialog:
        if self.dialog is None:
            self.dialog = PlaylistDialog(self, self._window.theme, self._window)
        self.dialog.show()
        _bring_forward(self.dialog)
        self.dialog.list.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.dialog

    def set_min_font_size(self, points: float) -> None:
        """The running presentation's slides and corner number never smaller than this."""
        if self.active is not None:
            self.active.slide_screen.set_min_font_size(points)

    def _language_changed(self, lang: str) -> None:
        """The window's language changed: the playlist's names, and the slides on screen,
        follow at once, at the same section."""
        self.playlist.refresh()
        if self.active is not None and self._slides_in is not None:
            self.active.set_slides(self._slides_in(lang), self._window.windowTitle())

    def forget(self) -> None:
        """Quick exit: end any presentation at once and empty the playlist, writing nothing."""
        self.stop(return_to_reader=False)
        if self.dialog is not None:
            self.dialog.hide()
        self.playlist.set_addresses([], notify=False)

    def _save_playlist(self) -> None:
        if self._window.mode.persist:
            self._window.store.set(PLAYLIST_KEY, self.playlist.addresses())

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 5000)

    # -- the window going away ends the presentation -----------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._window
            and event.type() == QEvent.Type.Hide
            and not event.spontaneous()
            and self.active is not None
        ):
            self.stop(return_to_reader=False)
        return False
