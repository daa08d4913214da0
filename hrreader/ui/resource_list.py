"""The resource list: every hotline and service, a filter field, tag buttons and a card.

A person in a hurry filters by typing or by pressing "Crisis"; the card shows the number
large enough to copy down, with the date someone last confirmed it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hrreader.content.library import Library
from hrreader.content.model import Resource
from hrreader.content.text import fold, format_date, language_name_in
from hrreader.ui.focus import name_clear_button
from hrreader.ui.motion import settle_fades
from hrreader.ui.qr import ResourceQrPanel
from hrreader.ui.sidebar import ITEM_TEXT_MARGINS, wrapped_extra

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

#: The filter buttons: (key, label, tags that count as a match). The labels are translated
#: when shown (``ResourcePanel.tr``); QT_TRANSLATE_NOOP lets lupdate find them here.
TAG_FILTERS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("crisis", QT_TRANSLATE_NOOP("ResourcePanel", "Crisis"), frozenset({"crisis"})),
    (
        "overdose",
        QT_TRANSLATE_NOOP("ResourcePanel", "Overdose"),
        frozenset({"overdose", "naloxone"}),
    ),
    (
        "mental-health",
        QT_TRANSLATE_NOOP("ResourcePanel", "Mental health"),
        frozenset({"mental-health"}),
    ),
    ("lgbtq", QT_TRANSLATE_NOOP("ResourcePanel", "LGBTQ+"), frozenset({"lgbtq"})),
    (
        "sexual-health",
        QT_TRANSLATE_NOOP("ResourcePanel", "Sexual health"),
        frozenset({"sexual-health", "hiv"}),
    ),
    ("treatment", QT_TRANSLATE_NOOP("ResourcePanel", "Treatment"), frozenset({"treatment"})),
    ("24-7", QT_TRANSLATE_NOOP("ResourcePanel", "24/7"), frozenset({"24-7"})),
)


#: A row's features less word wrapping: its size on one line. Made once; an operation on a
#: Qt flag runs Python's ``enum`` code, and rows are measured at every layout.
_ONE_LINE = ~QStyleOptionViewItem.ViewItemFeature.WrapText


class RoomyDelegate(QStyledItemDelegate):
    """Rows at least ``height`` pixels tall: easy to hit with a mouse or a finger; in a
    list that wraps its words, as tall as the name needs at the list's width.

    A list asks its delegate for each row's size with the row's width (a tree does not:
    sidebar.py sets its rows' heights as data instead).
    """

    def __init__(self, height: int, parent: QListView | None = None) -> None:
        super().__init__(parent)
        self._height = height
        #: The pixels a name needs beyond one line, per (text, font, room): a view whose rows
        #: differ in height asks for every row's size at every layout.
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
        if isinstance(view, QListView) and view.wordWrap():
            # The room the words have: the list less the item's own margins, and less its
            # bar when one shows.
            bar = view.verticalScrollBar()
            width = view.maximumViewportSize().width()
            width -= bar.width() if bar.isVisible() else 0
            room = width - ITEM_TEXT_MARGINS
            # A name whose one line, margins and all, fits in the room needs no second.
            if line.width() > room:
                font = index.data(Qt.ItemDataRole.FontRole)
                font = font if isinstance(font, QFont) else option.font
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                key = (text, font.key(), room)
                extra = self._rows.get(key)
                if extra is None:
                    if len(self._rows) > 4096:  # a pane dragged through many widths
                        self._rows.clear()
                    extra = self._rows[key] = wrapped_extra(text, QFontMetrics(font), room)
                height += extra
        return QSize(line.width(), max(height + 8, self._height))


class ResourceListModel(QAbstractListModel):
    def __init__(self, library: Library, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._lang = lang
        self._resources: list[Resource] = list(library.resources)

    def set_library(self, library: Library, lang: str) -> None:
        self.beginResetModel()
        self._library, self._lang = library, lang
        self._resources = list(library.resources)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._resources)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._resources):
            return None
        r = self._resources[index.row()]
        lang, default = self._lang, self._library.default_lang
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return r.name(lang, default)
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.description(lang, default)
        if role == ID_ROLE:
            return r.id
        if role == TAGS_ROLE:
            return list(r.tags)
        if role == SEARCH_TEXT_ROLE:
            words = [
                *r.names.values(),
                *r.descriptions.values(),
                *r.tags,
                *(t.replace("-", " ") for t in r.tags),
                r.phone,
                r.sms,
            ]
            return fold(" ".join(words))
        return None

    def row_of(self, resource_id: str) -> int:
        return next((n for n, r in enumerate(self._resources) if r.id == resource_id), -1)

    def resource_at(self, row: int) -> Resource:
        return self._resources[row]


class ResourceFilterProxy(QSortFilterProxyModel):
    """Matches every word typed (in name, description or tags) and every tag button pressed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._tag_sets: list[frozenset[str]] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange()

    def set_tags(self, tag_sets: Iterable[frozenset[str]]) -> None:
        self.beginFilterChange()
        self._tag_sets = list(tag_sets)
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        text = index.data(SEARCH_TEXT_ROLE) or ""
        tags = set(index.data(TAGS_ROLE) or ())
        return all(w in text for w in self._words) and all(s & tags for s in self._tag_sets)


class FlowLayout(QLayout):
    """Lays buttons out left to right and wraps them, like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x = area.x()
                y += line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(x, y, hint.width(), hint.height()))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()


class TagArea(QScrollArea):
    """The tag buttons: all of them where there is room; where large text leaves too little
    (a minimum text size in a short window), they scroll instead of being cut off."""

    def __init__(self, tags: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagArea")
        self.setWidget(tags)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the buttons themselves
        self.setStyleSheet(
            "QScrollArea#tagArea, QScrollArea#tagArea > QWidget > QWidget "
            "{ background: transparent; }"
        )

    def sizeHint(self) -> QSize:
        width = max(self.width(), 120)
        return QSize(width, self.widget().heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # One row of buttons at least; the rest scroll if they must.
        buttons = self.widget().findChildren(QPushButton)
        row = max((b.sizeHint().height() for b in buttons), default=0)
        return QSize(0, min(row, self.sizeHint().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # another width wraps the buttons into more or fewer rows


def card_html(resource: Resource, lang: str, default_lang: str, labels: dict[str, str]) -> str:
    """The resource card's HTML: the ways to reach it first and large, then the details."""
    e = html.escape
    rows: list[str] = []

    def row(label: str, value: str) -> None:
        rows.append(f'<tr><td class="label">{e(label)}</td><td class="value">{value}</td></tr>')

    if resource.phone:
        row(labels["call"], f'<span class="big">{e(resource.phone)}</span>')
    if resource.sms:
        number = f'<span class="big">{e(resource.sms)}</span>'
        if resource.sms_body:  # "send HOME to 741741": the word, then where to send it
            number = e(labels["text_to"]).format(
                word=f"<b>{e(resource.sms_body)}</b>", number=number
            )
        row(labels["text"], number)
    if resource.url:
        row(labels["website"], f'<a href="{e(resource.url)}">{e(resource.url)}</a>')
    if resource.address:
        row(labels["address"], e(resource.address))
    hours = resource.hours_text(lang, default_lang)
    if hours:
        row(labels["hours"], e(hours))
    if resource.languages:
        # Named in the reader's language ("inglés, español"), not as codes.
        names = (language_name_in(code, lang) for code in resource.languages)
        row(labels["languages"], e(", ".join(names)))
    row(labels["region"], e(resource.region))
    verified = labels["verified"].format(date=format_date(resource.verified, lang))
    return (
        f"<h2>{e(resource.name(lang, default_lang))}</h2>"
        f"<p>{e(resource.description(lang, default_lang))}</p>"
        f'<table class="card" cellpadding="4">{"".join(rows)}</table>'
        f'<p class="verified">{e(verified)}</p>'
    )


class FilterField(QLineEdit):
    """The filter box. Down or Enter goes on to the list: after typing, the next thing a
    person wants is the resources that are left, not the seven tag buttons in between."""

    listRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.listRequested.emit()
            return
        super().keyPressEvent(event)


class ResourcePanel(QWidget):
    """Filter field, tag buttons, the list and the selected resource's card."""

    linkRequested = Signal(str)

    def __init__(
        self, library: Library, lang: str, row_height: int = 28, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resourcePanel")
        self._library = library
        self._lang = lang
        self.model = ResourceListModel(library, lang, self)
        self.proxy = ResourceFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self)
        title.setObjectName("paneTitle")
        self.title = title

        self.filter_field = FilterField(self)
        self.filter_field.setObjectName("resourceFilter")
        self.filter_field.listRequested.connect(self._enter_list)
        self.filter_field.setClearButtonEnabled(True)
        settle_fades(self.filter_field)
        self.filter_field.textChanged.connect(self.proxy.set_text)

        tag_box = QWidget(self)
        flow = FlowLayout(tag_box)
        flow.setContentsMargins(0, 0, 0, 0)
        self.tag_buttons: dict[str, QPushButton] = {}
        for key, _text, _tags in TAG_FILTERS:
            button = QPushButton(tag_box)
            button.setObjectName("tagButton")
            button.setCheckable(True)
            button.toggled.connect(self._tags_changed)
            flow.addWidget(button)
            self.tag_buttons[key] = button

        self.list_view = QListView(self)
        self.list_view.setObjectName("resourceList")
        self.list_view.setModel(self.proxy)
        # Long names wrap onto more lines at a large text size, and rows are laid out
        # again when the pane's width changes, so every name is read in full.
        self.list_view.setWordWrap(True)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setItemDelegate(RoomyDelegate(row_height, self.list_view))
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.selectionModel().currentChanged.connect(self._current_changed)

        self.card = QTextBrowser(self)
        self.card.setObjectName("resourceCard")
        self.card.setOpenLinks(False)
        self.card.anchorClicked.connect(lambda url: self.linkRequested.emit(url.toString()))
        # The card grows to its text; the card and its QR codes scroll together below the list.
        self.card.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card.document().documentLayout().documentSizeChanged.connect(self._fit_card)
        self.qr_panel = ResourceQrPanel(parent=self)

        card_body = QWidget(self)
        card_body.setObjectName("resourceCardBody")
        card_box = QVBoxLayout(card_body)
        card_box.setContentsMargins(0, 0, 0, 0)
        card_box.setSpacing(0)
        card_box.addWidget(self.card)
        card_box.addWidget(self.qr_panel)
        card_box.addStretch(1)
        self.card_area = QScrollArea(self)
        self.card_area.setObjectName("resourceCardArea")
        self.card_area.setWidgetResizable(True)
        self.card_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_area.setWidget(card_body)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(10, 0, 10, 6)
        top_layout.setSpacing(8)
        top_layout.addWidget(self.filter_field)
        top_layout.addWidget(TagArea(tag_box, top), 1)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list_view)
        split.addWidget(self.card_area)
        # The card (with its QR codes) gets the larger share: it is what a person reads.
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(top)
        layout.addWidget(split, 1)
        self._shown: Resource | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Resources"))
        self.filter_field.setPlaceholderText(self.tr("Filter: name, need or number"))
        self.filter_field.setAccessibleName(self.tr("Filter resources"))
        self.filter_field.setAccessibleDescription(
            self.tr("The list shows only matching resources. Down or Enter goes to the list.")
        )
        name_clear_button(self.filter_field, self.tr("Clear the filter"))
        for key, text, _tags in TAG_FILTERS:
            label = self.tr(text)
            self.tag_buttons[key].setText(label)
            self.tag_buttons[key].setAccessibleName(self.tr("Show only: {0}").format(label))
        self.list_view.setAccessibleName(self.tr("Resource list"))
        self.card.setAccessibleName(self.tr("Resource details"))
        # A Tab stop of its own: arrow and page keys scroll the card and its QR codes.
        self.card_area.setAccessibleName(self.tr("Resource card"))
        self.card_area.setAccessibleDescription(
            self.tr("The chosen resource's details and QR codes. Arrow keys scroll.")
        )
        self._render_card()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- behaviour ---------------------------------------------------------------------
    def set_library(self, library: Library, lang: str) -> None:
        self._library, self._lang = library, lang
        self.model.set_library(library, lang)
        self._show_card(None)

    def set_lang(self, lang: str) -> None:
        """Names, descriptions and hours in ``lang``, keeping the chosen resource and filters."""
        shown = self._shown
        self._lang = lang
        self.model.set_library(self._library, lang)
        if shown is None or not self.select(shown.id):
            self._show_card(None)

    def set_card_css(self, css: str) -> None:
        """New colours or sizes for the card, shown at once on the card already open."""
        self.card.document().setDefaultStyleSheet(css)
        self._render_card()

    def _tags_changed(self) -> None:
        self.proxy.set_tags(
            tags for key, _text, tags in TAG_FILTERS if self.tag_buttons[key].isChecked()
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        self._show_card(self.model.resource_at(source.row()))

    def current_id(self) -> str:
        index = self.list_view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else ""

    def select(self, resource_id: str) -> bool:
        """Select a resource (clearing filters that hide it) and show its card."""
        row = self.model.row_of(resource_id)
        if row < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            self.clear_filters()
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.list_view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(proxy_index)
        self._show_card(self.model.resource_at(row))
        return True

    def _enter_list(self) -> None:
        """Focus the list at its chosen resource, else its first (whose card then shows)."""
        if not self.proxy.rowCount():
            return
        if not self.list_view.currentIndex().isValid():
            self.list_view.setCurrentIndex(self.proxy.index(0, 0))
        self.list_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_filters(self) -> None:
        self.filter_field.clear()
        for button in self.tag_buttons.values():
            button.setChecked(False)

    def _labels(self) -> dict[str, str]:
        return {
            "call": self.tr("Call"),
            "text": self.tr("Text"),
            "text_to": self.tr("send {word} to {number}"),
            "website": self.tr("Website"),
            "address": self.tr("Address"),
            "hours": self.tr("Hours"),
            "languages": self.tr("Languages"),
            "region": self.tr("Serves"),
            "verified": self.tr("Checked by a person on {date}."),
        }

    def _fit_card(self) -> None:
        document = self.card.document()
        frame = self.card.frameWidth() * 2
        self.card.setFixedHeight(int(document.size().height() + 0.999) + frame)

    def _show_card(self, resource: Resource | None) -> None:
        self._shown = resource
        self.qr_panel.set_resource(resource)
        self.card_area.verticalScrollBar().setValue(0)
        self._render_card()

    def _render_card(self) -> None:
        resource = self._shown
        if resource is None:
            self.card.setHtml(
                '<p class="hint">'
                + html.escape(self.tr("Choose a resource to see how to reach it."))
                + "</p>"
            )
            return
        self.card.setHtml(
            card_html(resource, self._lang, self._library.default_lang, self._labels())
        )
