"""Search while typing: a field, a results list, and a controller that never blocks a keystroke.

Typing restarts a short timer; when it fires, the query runs (off the UI thread for large
packs). Every query carries a generation number, and an answer to anything but the newest
query is dropped, so a slow old search can never overwrite a newer one.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from hrreader.content.library import Library
from hrreader.ui.focus import name_clear_button
from hrreader.ui.motion import settle_fades
from hrreader.ui.text_size import WrappingButton

if TYPE_CHECKING:  # imported when search first runs: not needed for the first paint
    from hrreader.content.search import Hit, SearchIndex, SearchResults

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

DEBOUNCE_MS = 120
#: Above this many topics a query runs on a worker thread instead of the UI thread.
THREAD_THRESHOLD = 1500
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class _Signals(QObject):
    done = Signal(int, object)  # generation, SearchResults


class _QueryTask(QRunnable):
    def __init__(self, generation: int, run: Callable[[], SearchResults], signals: _Signals):
        super().__init__()
        self._generation, self._run, self._signals = generation, run, signals

    def run(self) -> None:
        try:
            results = self._run()
        except Exception:  # a query must never take the window down
            log.exception("search failed")
            from hrreader.content.search import SearchResults

            results = SearchResults([], query="")
        self._signals.done.emit(self._generation, results)


class SearchController(QObject):
    """Debounces, runs and orders queries; emits ``resultsReady`` for the newest only."""

    resultsReady = Signal(object)
    cleared = Signal()

    def __init__(
        self, lang: str, threaded: bool, limit: int = 30, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._index: SearchIndex | None = None
        self._lang = lang
        self._threaded = threaded
        self._limit = limit
        self._text = ""
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_now)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one connection, one query at a time

    @property
    def ready(self) -> bool:
        return self._index is not None

    def reset(self, threaded: bool) -> None:
        """Forget the index (the pack was reloaded); answers still on their way are dropped."""
        self._index = None
        self._threaded = threaded
        self._generation += 1

    def set_index(self, index: SearchIndex) -> None:
        self._index = index
        if self._text.strip():
            self._run_now()

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        if self._text.strip():
            self._run_now()

    def set_text(self, text: str) -> None:
        """Called on every keystroke: cheap, and restarts the debounce timer."""
        self._text = text
        self._generation += 1
        if not text.strip():
            self._timer.stop()
            self.cleared.emit()
            return
        self._timer.start()

    def flush(self) -> None:
        """Run the pending query now (Enter pressed before the timer fired)."""
        if self._timer.isActive():
            self._timer.stop()
            self._run_now()

    def wait(self) -> None:
        """Block until queued queries finish (tests and shutdown)."""
        self._pool.waitForDone()

    def _run_now(self) -> None:
        if self._index is None or not self._text.strip():
            return
        index, text, lang, limit = self._index, self._text, self._lang, self._limit
        generation = self._generation

        def run() -> SearchResults:
            return index.search(text, lang=lang, limit=limit)

        if self._threaded:
            self._pool.start(_QueryTask(generation, run, self._signals))
        else:
            _QueryTask(generation, run, self._signals).run()

    def _on_done(self, generation: int, results: SearchResults) -> None:
        if generation != self._generation:
            return  # an answer to an older query: the person has typed since
        self.resultsReady.emit(results)


class HitModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{hit.title}. {html.unescape(hit.snippet.replace('<b>', '').replace('</b>', ''))}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.target
        if role == HIT_ROLE:
            return hit
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as its title path over a snippet with the matched words in bold."""

    def __init__(self, min_height: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._min_height = min_height

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        hit: Hit = index.data(HIT_ROLE)
        doc = QTextDocument()
        doc.setDocumentMargin(6)
        doc.setDefaultFont(option.font)
        kind = {"resource": "☎ ", "section": "§ ", "topic": ""}.get(hit.kind, "")
        doc.setHtml(
            f"<p style='margin:0'><b>{kind}{html.escape(hit.title)}</b></p>"
            f"<p style='margin:0'>{hit.snippet}</p>"
        )
        doc.setTextWidth(max(option.rect.width(), 120))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_less = QStyleOptionViewItem(option)
        text_less.text = ""
        from PySide6.QtWidgets import QStyle  # at first paint of a result, not at start-up

        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_less, painter, option.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(
            QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text)
        )
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        height = int(doc.size().height()) + 4
        return QSize(int(doc.idealWidth()), max(height, self._min_height))


class SearchField(QLineEdit):
    """The search box; arrow keys, Enter and Escape act on the results without leaving it."""

    moveRequested = Signal(int)
    acceptRequested = Signal()

    def sizeHint(self) -> QSize:
        # It asks for its minimum width and takes whatever room the toolbar has left: with
        # large text a hint of 17 characters would squeeze every toolbar button instead.
        hint = super().sizeHint()
        return QSize(max(self.minimumWidth(), 1), hint.height()) if self.minimumWidth() else hint

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.moveRequested.emit(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.moveRequested.emit(5 if key == Qt.Key.Key_PageDown else -5)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.acceptRequested.emit()
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Results for the search field: a status line, the hits, or help when nothing matched."""

    openRequested = Signal(str, object)

    def __init__(
        self, library: Library, lang: str, row_height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._library = library
        self._lang = lang
        self._terms: list[str] = []
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = HitModel(self)
        self.list_view = QListView(self)
        self.list_view.setObjectName("searchResults")
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(HitDelegate(row_height, self.list_view))
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list_view.activated.connect(self._open_index)
        self.list_view.clicked.connect(self._open_index)

        self.help_box = QWidget(self)
        help_layout = QVBoxLayout(self.help_box)
        help_layout.setContentsMargins(0, 0, 0, 0)
        self.help_label = QLabel(self.help_box)
        self.help_label.setWordWrap(True)
        help_layout.addWidget(self.help_label)
        self.crisis_buttons: list[QPushButton] = []
        self._crisis = library.crisis_resources()[:3]
        for resource in self._crisis:
            # Names wrap instead of being cut off in a narrow pane with large text.
            button = WrappingButton(self.help_box)
            button.clicked.connect(
                lambda _=False, rid=resource.id: self.openRequested.emit(f"resource:{rid}", [])
            )
            help_layout.addWidget(button)
            self.crisis_buttons.append(button)
        help_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.status)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.help_box, 1)
        self.help_box.hide()
        #: What the status line describes: the last results, or None (waiting, or nothing).
        self._results: SearchResults | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.list_view.setAccessibleName(self.tr("Search results"))
        lang, default = self._lang, self._library.default_lang
        for resource, button in zip(self._crisis, self.crisis_buttons, strict=True):
            name = resource.name(lang, default)
            button.setText(name.replace("&", "&&"))
            button.setAccessibleName(self.tr("Open crisis resource: {0}").format(name))
        self.help_label.setText(
            self.tr(
                "Try fewer words, another spelling, or a word like overdose, naloxone, "
                "crisis or testing. You can also browse the topics.\n\n"
                "If you need to talk to someone now:"
            )
        )
        if self.status.text():  # empty after a quick exit: nothing to say again
            self._describe()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_lang(self, lang: str) -> None:
        """Name the crisis resources in ``lang`` (the results come again from the search)."""
        self._lang = lang
        self.retranslate_ui()

    def show_waiting(self) -> None:
        self._results = None
        self._describe()

    def show_results(self, results: SearchResults) -> None:
        self._terms = list(results.terms)
        self._results = results
        self.model.set_hits(list(results))
        if results:
            self.help_box.hide()
            self.list_view.show()
            self.list_view.setCurrentIndex(self.model.index(0, 0))
        else:
            self.list_view.hide()
            self.help_box.show()
        self._describe()

    def _describe(self) -> None:
        results = self._results
        if results is None:
            self.status.setText(self.tr("Getting search ready…"))
        elif not results:
            self.status.setText(self.tr("No results for “{0}”.").format(results.query))
        elif results.corrected:
            self.status.setText(self.tr("Showing results for: {0}").format(results.corrected))
        elif len(results) == 1:
            self.status.setText(self.tr("1 result"))
        else:
            self.status.setText(self.tr("{0} results").format(len(results)))

    def move(self, step: int) -> None:  # type: ignore[override]
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.list_view.currentIndex().row()
        row = min(max(current + step, 0), rows - 1) if current >= 0 else 0
        self.list_view.setCurrentIndex(self.model.index(row, 0))

    def open_current(self) -> bool:
        index = self.list_view.currentIndex()
        if not index.isValid():
            return False
        self._open_index(index)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        hit: Hit | None = index.data(HIT_ROLE)
        if hit is not None:
            self.openRequested.emit(hit.target, self._terms)


class FindBar(QWidget):
    """Find in the page: a field, previous and next, and "3 of 12"."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        settle_fades(self.field)
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(80)
        self.close_button = QPushButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.close_bar)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.field.setPlaceholderText(self.tr("Find in this page"))
        self.field.setAccessibleName(self.tr("Find in this page"))
        name_clear_button(self.field, self.tr("Clear"))
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous match"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next_button.setText(self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close find"))
        self.close_button.setToolTip(self.tr("Close find (Escape)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            (self.previous_button if shift else self.next_button).click()
            return
        super().keyPressEvent(event)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()


class IndexBuilder(QThread):
    """Builds the search index of a large source pack after the window has painted."""

    built = Signal(object)  # SearchIndex

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library

    def run(self) -> None:
        from hrreader.content.search import SearchIndex

        try:
            index = SearchIndex.build(self._library)
        except Exception:  # search unavailable must not take the window down
            log.exception("building the search index failed")
            return
        self.built.emit(index)
