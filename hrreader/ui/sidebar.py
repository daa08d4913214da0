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
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from hrreader.content.library import Library
from hrreader.content.model import Category, Section, Topic
from hrreader.ui.qtconst import (
    DISPLAY_ROLE,
    FONT_ROLE,
    TEXT_WORD_WRAP,
    USER_ROLE,
)

# The tree is drawn in the window's first paint: its roles are Qt's numbers, not ``Qt``
# enums (qtconst.py).
ADDRESS_ROLE = USER_ROLE + 1

Index = QModelIndex | QPersistentModelIndex

#: Packs with more topics than this start with their categories closed: a list of a few
#: headings is easier to scan than thousands of titles, and much faster to show.
OPEN_CATEGORIES_UP_TO = 500
#: Pixels the style keeps around a row's words (its margins): room the words cannot use.
ITEM_TEXT_MARGINS = 12
#: A row's features less word wrapping: its size on one line. Made once; an operation on a
#: Qt flag runs Python's ``enum`` code, and rows are measured at every layout.
_ONE_LINE = ~QStyleOptionViewItem.ViewItemFeature.WrapText


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


class RoomyDelegate(QStyledItemDelegate):
    """Rows at least ``height`` pixels tall: easy to hit with a mouse or a finger; in a
    view that wraps its words, as tall as the title needs at the pane's width.

    Padding set in the stylesheet is not used, because item views measure rows lazily
    and rows measured before styling come out cramped.
    """

    def __init__(
        self, height: int, parent: QAbstractItemView | None = None, bar_always_on: bool = False
    ) -> None:
        """``bar_always_on``: the view's vertical scroll bar keeps its place (the tree's)."""
        super().__init__(parent)
        self._height = height
        self._bar_always_on = bar_always_on
        #: The lines a name takes beyond the first, per (text, font, room): a view whose
        #: rows differ in height asks for every row's size at every layout.
        self._rows: dict[tuple[str, str, int], int] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # One line, whatever width the view gives (wrapped rows add their own lines below).
        # Not kept between calls: it also depends on the view's style, which its stylesheet
        # sets only once the view is polished.
        one = QStyleOptionViewItem(option)
        one.features &= _ONE_LINE
        line = super().sizeHint(one, index)
        height = line.height()
        view = self.parent()
        if isinstance(view, QAbstractItemView) and view.wordWrap():
            # The room the words have: the pane less a tree's branch indents and the
            # item's own margins (what the style adds around one line of text).
            indent = 0
            if isinstance(view, QTreeView):
                parent = index.parent()
                indent = view.indentation()
                while parent.isValid():
                    indent, parent = indent + view.indentation(), parent.parent()
            room = _viewport_width(view, self._bar_always_on) - indent - ITEM_TEXT_MARGINS
            # A name whose one line, margins and all, fits in the room needs no second: most
            # do, and are not measured again as wrapped words (6.5 M instructions at start).
            if line.width() > room:
                font = index.data(FONT_ROLE)
                font = font if isinstance(font, QFont) else option.font
                text = str(index.data(DISPLAY_ROLE) or "")
                key = (text, font.key(), room)
                extra = self._rows.get(key)
                if extra is None:
                    if len(self._rows) > 4096:  # a pane dragged through many widths
                        self._rows.clear()
                    extra = self._rows[key] = self._extra_height(text, font, room)
                height += extra
        return QSize(line.width(), max(height + 8, self._height))

    @staticmethod
    def _extra_height(text: str, font: QFont, room: int) -> int:
        """The pixels ``text`` needs beyond one line, wrapped at ``room`` pixels."""
        metrics = QFontMetrics(font)
        if room <= 4 * metrics.averageCharWidth():
            return 0
        words = metrics.boundingRect(QRect(0, 0, room, 1 << 20), TEXT_WORD_WRAP, text)
        extra = words.height() - metrics.height()
        return extra + 6 if extra > 0 else 0  # and room between the lines and the next row


def _viewport_width(view: QAbstractItemView, bar_always_on: bool = False) -> int:
    """The width rows are drawn in. Qt leaves out a bar that is always on, and so the right
    width even before the view is shown; a bar shown as needed is taken off here.

    Not ``viewport().width()``: PySide looks for the most derived class of the widget it
    returns by setting up every widget class, ~50 enum types, which would happen before the
    first paint."""
    width = view.maximumViewportSize().width()
    if bar_always_on:
        return width
    bar = view.verticalScrollBar()
    return width - bar.width() if bar.isVisible() else width


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
        self.setItemDelegate(RoomyDelegate(row_height, self, bar_always_on=True))
        # A title too long for the pane elides at its end (the view's default; it shows in
        # full as a tooltip) where a word alone is wider than the pane; otherwise it wraps
        # (``_fit_rows``).
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
        self._fit_rows()
        self._show_categories()  # a new view has nothing open to close
        # A new language rebuilds the model; show its categories open again.
        model.rebuilt.connect(self.reset_view)

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

    def _fit_rows(self) -> None:
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
        super().resizeEvent(event)

    def reset_view(self) -> None:
        """As at start: every category open, no topic's sections, nothing chosen, at the top."""
        self._fit_rows()
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
