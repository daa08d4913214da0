"""The topic sidebar: categories, their topics, and the sections of each topic.

The model holds the tree (category > topic > section); the view expands only the topic
being read, so a therapist sees its sections and can jump straight to one.
"""

from __future__ import annotations

from PySide6 import QtCore  # QtCore.Qt where it is named: after the first paint
from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from hrreader.content.library import Library
from hrreader.content.model import Category, Section, Topic
from hrreader.ui.qtconst import FONT_ROLE, SIZE_HINT_ROLE, TEXT_WORD_WRAP, USER_ROLE
from hrreader.ui.theme import TREE_ROW_PADDING

# The tree is drawn in the window's first paint: its roles are Qt's numbers, not ``Qt``
# enums (qtconst.py).
ADDRESS_ROLE = USER_ROLE + 1

Index = QModelIndex | QPersistentModelIndex

#: Packs with more topics than this start with their categories closed: a list of a few
#: headings is easier to scan than thousands of titles, and much faster to show.
OPEN_CATEGORIES_UP_TO = 500
#: Pixels the style keeps around a row's words: app.qss's padding (4 a side) and Qt's margin
#: (3 a side). Room the words cannot use.
ITEM_TEXT_MARGINS = 14


class TopicTreeModel(QStandardItemModel):
    """Categories > topics > sections of one library in one language (read-only).

    A ``QStandardItemModel``: Qt answers the view's questions about the rows itself, where a
    model written in Python is called back some 1,200 times to draw the first page (about 10
    million instructions). A topic's sections become rows when it is first opened
    (``fetchMore``): a 10,000-topic pack has some 50,000 of them.
    """

    #: The rows were made again (``set_library``): the view shows them as at start.
    rebuilt = Signal()

    def __init__(self, library: Library | None, lang: str, parent: QWidget | None = None) -> None:
        """``library=None``: empty until ``set_library`` (a large pack, after the first paint)."""
        super().__init__(parent)
        self._by_address: dict[str, QStandardItem] = {}
        #: Topics whose sections are not rows yet, by address.
        self._pending: dict[str, tuple[Section, ...]] = {}
        self.topic_count = 0
        if library is not None:
            self.set_library(library, lang)

    def set_library(self, library: Library, lang: str) -> None:
        topics = library.topics(lang)
        by_category: dict[str, list[Topic]] = {}
        for topic in topics:
            by_category.setdefault(topic.category, []).append(topic)
        by_address: dict[str, QStandardItem] = {}
        pending: dict[str, tuple[Section, ...]] = {}
        rows: list[QStandardItem] = []
        bold: QFont | None = None
        for category in library.categories:
            members = by_category.get(category.id)
            if not members:
                continue
            row = _row(category_title(category, lang))
            if bold is None:
                bold = QFont(row.font())
                bold.setBold(True)
            row.setFont(bold)
            children = []
            for topic in members:
                tip = f"{topic.title}\n{topic.summary}" if topic.summary else topic.title
                child = _row(topic.title, topic.address, tip)
                by_address[topic.address] = child
                if topic.sections:
                    pending[topic.address] = topic.sections
                children.append(child)
            row.appendRows(children)
            rows.append(row)
        # Rows made apart and added at once: the view hears of one insertion, not thousands.
        self.clear()
        self._by_address, self._pending = by_address, pending
        self.topic_count = len(topics)
        if rows:
            self.invisibleRootItem().appendRows(rows)
        self.rebuilt.emit()

    # -- sections, made on first use -------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        return parent.isValid() and parent.data(ADDRESS_ROLE) in self._pending

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # A topic whose sections are not rows yet still shows the view it can open.
        return self.canFetchMore(parent) or super().hasChildren(parent)

    def fetchMore(self, parent: Index) -> None:
        address = parent.data(ADDRESS_ROLE)
        sections = self._pending.pop(address, ())
        item = self._by_address.get(address)
        if sections and item is not None:
            # Its column first: appendRows would add it in the middle of adding the rows,
            # which views and Qt's model tester take for two changes at once.
            item.setColumnCount(1)
            item.appendRows([_row(s.title, f"{address}#{s.anchor}") for s in sections])

    # -- lookups -----------------------------------------------------------------------
    def index_for(self, address: str) -> QModelIndex:
        """The row of a topic or ``topic:ID#SECTION`` (its sections made now), or invalid."""
        topic_address, _, anchor = address.partition("#")
        item = self._by_address.get(topic_address)
        if item is None:
            return QModelIndex()
        topic = item.index()
        if not anchor:
            return topic
        if self.canFetchMore(topic):
            self.fetchMore(topic)
        for row in range(item.rowCount()):
            child = item.child(row)
            if child is not None and child.data(ADDRESS_ROLE) == address:
                return child.index()
        return QModelIndex()


def _row(title: str, address: str = "", tip: str = "") -> QStandardItem:
    """A read-only row; a category's has no address. Its tooltip shows the whole name (a
    large pack's rows are one line, cut short), or ``tip``."""
    item = QStandardItem(title)
    item.setEditable(False)
    item.setToolTip(tip or title)
    if address:
        item.setData(address, ADDRESS_ROLE)
    return item


def category_title(category: Category, lang: str) -> str:
    """A category's name as the tree shows it: in ``lang``, else its first, else its id."""
    return category.titles.get(lang) or next(iter(category.titles.values()), category.id)


def wrapped_extra(text: str, metrics: QFontMetrics, room: int) -> int:
    """The pixels ``text`` needs beyond one line, wrapped at ``room`` pixels, and room
    between its lines and the next row's; 0 when it fits on one."""
    if room <= 4 * metrics.averageCharWidth() or metrics.horizontalAdvance(text) <= room:
        return 0
    words = metrics.boundingRect(QRect(0, 0, room, 1 << 20), TEXT_WORD_WRAP, text)
    extra = words.height() - metrics.height()
    return extra + 6 if extra > 0 else 0


class Sidebar(QTreeView):
    """The tree of topics; emits ``openRequested(address)`` and never navigates itself."""

    openRequested = Signal(str)

    def __init__(
        self, model: TopicTreeModel, row_height: int = 28, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setModel(model)
        self.setHeaderHidden(True)
        # Qt's own delegate draws and measures the rows, in C++: app.qss gives each row its
        # padding and a least height (``row_height`` in all), and a name that needs more
        # than one line gets its height as data (``fit_row_heights``). A delegate written in
        # Python was called for every row at every layout, and set up PySide's style-option
        # classes before the first paint (10 million instructions).
        self._row_height = row_height
        # A title too long for the pane elides at its end (the view's default; it shows in
        # full as a tooltip) where a word alone is wider than the pane; otherwise it wraps
        # (``_choose_wrapping``).
        self.setIndentation(14)
        self.setExpandsOnDoubleClick(False)
        self.setAnimated(False)  # reduced motion: branches open at once (motion.py)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Its bar keeps its place, as the page's does (app.qss sets both bars' policies):
        # rows are measured once, at the width they are drawn in, not again when a bar
        # appears beside them.
        self.retranslate_ui()
        # Mouse clicks open at once; Enter and Space are handled in keyPressEvent. ``activated``
        # is not used because some styles also fire it on a single click (a double open).
        self.clicked.connect(self._on_activated)
        self._current_topic = QPersistentModelIndex()
        #: The width the rows' heights were fitted to (-1: not yet, the view has no size).
        self._fitted_width = -1
        self._choose_wrapping()
        self._show_categories()  # a new view has nothing open to close
        # A new language rebuilds the model; show its categories open again.
        model.rebuilt.connect(self.reset_view)
        # Rows made later (a topic's sections, a new language's tree) are fitted as they come.
        model.rowsInserted.connect(self._fit_new_rows)

    def sizeHint(self) -> QSize:
        # The default measures every visible row, seconds at 10,000 topics; the splitter
        # decides the width anyway.
        return QSize(260, 400)

    def retranslate_ui(self) -> None:
        """Called by the window when the interface language changes: a pane of the first
        paint has no ``changeEvent`` (``i18n.py`` says why)."""
        self.setAccessibleName(self.tr("Topics"))
        self.setAccessibleDescription(self.tr("Categories and topics. Press Enter to open one."))

    def topic_model(self) -> TopicTreeModel:
        return self.model()  # type: ignore[return-value]

    def _choose_wrapping(self) -> None:
        """Long titles wrap onto more lines (a large text size, Spanish, a narrow pane), so
        they are read in full. A large pack keeps one line a row and uniform heights: a
        10,000-topic tree would otherwise measure every row it lays out."""
        wrap = self.topic_model().topic_count <= OPEN_CATEGORIES_UP_TO
        self.setWordWrap(wrap)
        self.setUniformRowHeights(not wrap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.wordWrap() and event.size().width() != event.oldSize().width():
            # Rows measure again at the new width: asked first, the view's own resize lays
            # them out once, at that width (after it, they were laid out twice at start).
            self.scheduleDelayedItemsLayout()
            self._fit_all()
        super().resizeEvent(event)

    def fit_row_heights(self) -> None:
        """Fit the rows again: the window calls this when the tree's text size changes. A
        tree not yet given its first width has nothing to do (that width fits them)."""
        if self._fitted_width >= 0:
            self._fit_all()

    def _fit_all(self) -> None:
        """Give each name that needs more than one line at the pane's width the height of
        its lines, and the others back their one-line height.

        Qt measures a tree's rows on one line: it does not tell its delegate the column's
        width. The width is the viewport's: Qt leaves out the bar, which is always on."""
        if not self.wordWrap():
            return
        self._fitted_width = self.maximumViewportSize().width()
        self._fit_under(self.topic_model().invisibleRootItem(), 0, 0, None)

    def _fit_new_rows(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._fitted_width < 0 or not self.wordWrap():
            return  # the first width fits them all
        model = self.topic_model()
        item = model.itemFromIndex(parent) if parent.isValid() else model.invisibleRootItem()
        depth = 0
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        self._fit_under(item, depth, first, last)

    def _fit_under(self, parent: QStandardItem, depth: int, first: int, last: int | None) -> None:
        """Fit rows ``first`` to ``last`` (None: all) of ``parent``, and the rows under them."""
        room = self._fitted_width - (depth + 1) * self.indentation() - ITEM_TEXT_MARGINS
        metrics: dict[str, QFontMetrics] = {}
        view_font = self.font()
        end = parent.rowCount() - 1 if last is None else last
        for row in range(first, end + 1):
            item = parent.child(row)
            if item is None:
                continue
            own = item.data(FONT_ROLE)  # a category's: bold, at the view's size
            font = own.resolve(view_font) if isinstance(own, QFont) else view_font
            key = font.key()
            if key not in metrics:
                metrics[key] = QFontMetrics(font)
            extra = wrapped_extra(item.text(), metrics[key], room)
            # setSizeHint, not setData: a QSize handed over as a QVariant sets up QByteArray.
            if extra:
                height = metrics[key].height() + extra + TREE_ROW_PADDING
                hint = QSize(max(room, 0), max(height, self._row_height))
                if item.sizeHint() != hint:
                    item.setSizeHint(hint)
            elif item.sizeHint().isValid():
                item.setData(None, SIZE_HINT_ROLE)  # one line again: app.qss's height
            if item.rowCount():
                self._fit_under(item, depth + 1, 0, None)

    def reset_view(self) -> None:
        """As at start: every category open, no topic's sections, nothing chosen, at the top."""
        self._choose_wrapping()
        self.collapseAll()
        self._show_categories()

    def _show_categories(self) -> None:
        """Open every category (a small pack's), choose nothing, and go to the top. Nothing
        else may be open: ``collapseAll`` lays the whole tree out at once, so the window's
        first start does not call it (2 million instructions)."""
        # Expand the few categories one by one: expandAll() would walk every topic and
        # section, which takes seconds at 10,000 topics.
        model = self.topic_model()
        if model.topic_count <= OPEN_CATEGORIES_UP_TO:
            for row in range(model.rowCount()):
                self.setExpanded(model.index(row, 0), True)
        self.clearSelection()
        self.scrollToTop()

    def _on_activated(self, index: QModelIndex) -> None:
        address = index.data(ADDRESS_ROLE)
        if address:
            self.openRequested.emit(address)
        else:  # a category
            self.setExpanded(index, not self.isExpanded(index))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (
            QtCore.Qt.Key.Key_Return,
            QtCore.Qt.Key.Key_Enter,
            QtCore.Qt.Key.Key_Space,
        ):
            index = self.currentIndex()
            if index.isValid():
                self._on_activated(index)
                event.accept()
                return
        super().keyPressEvent(event)

    def show_address(self, address: str) -> None:
        """Highlight ``address`` and show the current topic's sections, collapsing others."""
        model = self.topic_model()
        topic_address = address.split("#", 1)[0]
        topic_index = model.index_for(topic_address)
        if self._current_topic.isValid() and QModelIndex(self._current_topic) != topic_index:
            self.setExpanded(QModelIndex(self._current_topic), False)
        if topic_index.isValid():
            self.setExpanded(topic_index.parent(), True)
            self.setExpanded(topic_index, True)
            self._current_topic = QPersistentModelIndex(topic_index)
        target = model.index_for(address)
        if not target.isValid():
            target = topic_index
        if target.isValid():
            # The view's own: with no event it clears and selects (single selection), and
            # QItemSelectionModel is not set up before the first paint (1.4 M instructions).
            self.setCurrentIndex(target)
            # A hidden tree scrolls to its current row when it is shown (Qt's own); asked
            # now, it would lay every row out at a width it does not have yet (2 million
            # instructions before the window's first paint).
            if self.isVisible():
                self.scrollTo(target)
        else:
            self.clearSelection()
