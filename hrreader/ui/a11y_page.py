"""The reading pane as a screen reader should see it: a document with headings and links.

Qt's interface for a ``QTextBrowser`` exposes plain text only, so Orca or NVDA cannot list
the page's headings or links, or jump between them. ``PageInterface`` (installed by
``a11y.install_page_accessibility``) is a Document whose children are one object per
heading (role Heading, its level as the Level attribute) and per link (role Link, where
it goes as the description, a press action that follows it as a click does), followed by
the pane's own child widgets (its scroll bars). The page's words stay readable through a
text interface of our own, since Qt's cannot be kept beside a Python interface.

Lifetimes: Qt's cache owns every interface handed out. Each heading and link object is
registered with the cache when made, and kept referenced here until the cache has deleted
it: a page change retires them (``isValid`` turns false) and deletes them on the next turn
of the event loop, so a call in progress on one (a press that opens another page) never
runs on a deleted object; the pane's destruction deletes them at once. Nothing here keeps
the pane or its library alive once it is gone.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAttributesInterface,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleTextInterface,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget, QTextBrowser

from hrreader.content.model import parse_address

Role = QAccessible.Role
Text = QAccessible.Text
Event = QAccessible.Event
# One heading or link of a page: "h" or "a", where its characters start and end in the
# document, its words, and the heading's level or the link's address.
Part = tuple[str, int, int, str, int | str]


def _pointer(interface: object | None) -> shiboken6.VoidPtr:
    """What an ``interface_cast`` override must return: the C++ address of a Python-made
    interface, or a null ``VoidPtr`` for none. PySide 6.11 crashes on ``None`` or an int
    there, and the base class's own ``interface_cast`` gives ``None`` for null."""
    if isinstance(interface, shiboken6.VoidPtr):
        return interface
    if interface is None:
        return shiboken6.VoidPtr(0)
    return shiboken6.VoidPtr(shiboken6.getCppPointer(interface)[0])


def _alive(obj: object | None) -> bool:
    return obj is not None and shiboken6.isValid(obj)


def _words(text: str) -> str:
    """Text as spoken: line breaks and no-break spaces as spaces, no runs of spaces."""
    return " ".join(text.split())


# -- geometry -------------------------------------------------------------------------------
def _span_rect(view: QTextBrowser, start: int, end: int) -> QRectF:
    """The document-coordinates box round the characters ``start``..``end`` as laid out."""
    doc = view.document()
    layout = doc.documentLayout()
    box = QRectF()
    block = doc.findBlock(start)
    while block.isValid() and block.position() < max(end, start + 1):
        origin = layout.blockBoundingRect(block).topLeft()
        lines = block.layout()
        base = block.position()
        for n in range(lines.lineCount()):
            line = lines.lineAt(n)
            first = base + line.textStart()
            last = first + max(line.textLength(), 1)
            lo, hi = max(start, first), min(max(end, start + 1), last)
            if lo >= hi:
                continue
            x1 = line.cursorToX(lo - base)[0]
            x2 = line.cursorToX(hi - base)[0]
            left, width = min(x1, x2), max(abs(x2 - x1), 1.0)
            box |= QRectF(origin.x() + left, origin.y() + line.y(), width, line.height())
        block = block.next()
    return box


def _to_screen(view: QTextBrowser, rect: QRectF) -> QRect:
    """Document coordinates to the screen, as scrolled now."""
    if rect.isNull():
        return QRect()
    shown = rect.translated(
        -view.horizontalScrollBar().value(), -view.verticalScrollBar().value()
    ).toAlignedRect()
    return QRect(view.viewport().mapToGlobal(shown.topLeft()), shown.size())


def _on_screen(view: QTextBrowser, rect: QRect) -> bool:
    viewport = view.viewport()
    shown = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
    return view.isVisible() and shown.intersects(rect)


# -- headings and links -------------------------------------------------------------------------
class _Node(QAccessibleInterface):
    """A heading or link of the page: characters ``start``..``end`` of its document."""

    role_: Role = Role.NoRole

    def __init__(self, page: PageInterface, view: QTextBrowser, part: Part) -> None:
        super().__init__()
        self._page: PageInterface | None = page
        self._view: QTextBrowser | None = view
        self.part = part
        self.start, self.end, self.name = part[1], part[2], part[3]
        self.uid = QAccessible.registerAccessibleInterface(self)

    def retire(self) -> None:
        """The page changed: answer as an invalid object until the cache deletes this one."""
        self._page = None
        self._view = None

    def view(self) -> QTextBrowser | None:
        return self._view if _alive(self._view) else None

    # QAccessibleInterface
    def isValid(self) -> bool:
        return self.view() is not None

    def object(self) -> None:
        return None

    def window(self) -> QWindow | None:
        view = self.view()
        return view.window().windowHandle() if view is not None else None

    def parent(self) -> QAccessibleInterface | None:
        return self._page if self.view() is not None and _alive(self._page) else None

    def child(self, index: int) -> None:
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> None:
        return None

    def role(self) -> Role:
        return self.role_

    def text(self, t: Text) -> str:
        return self.name if t == Text.Name else ""

    def setText(self, t: Text, text: str) -> None:
        pass  # the page is read-only

    def rect(self) -> QRect:
        view = self.view()
        if view is None:
            return QRect()
        return _to_screen(view, self.document_rect(view))

    def document_rect(self, view: QTextBrowser) -> QRectF:
        return _span_rect(view, self.start, self.end)

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        view = self.view()
        if view is None:
            state.invalid = True
            return state
        state.readOnly = True
        state.offscreen = not _on_screen(view, self.rect())
        return state


class _HeadingLevel(QAccessibleAttributesInterface):
    """The heading's level (1 for the title, 2 for a section) as Qt's Level attribute."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def attributeKeys(self) -> list[QAccessible.Attribute]:
        return [QAccessible.Attribute.Level]

    def attributeValue(self, key: QAccessible.Attribute) -> object:
        return self.level if key == QAccessible.Attribute.Level else None


class Heading(_Node):
    role_ = Role.Heading

    def __init__(self, page: PageInterface, view: QTextBrowser, part: Part) -> None:
        super().__init__(page, view, part)
        self._attributes = _HeadingLevel(int(part[4]))

    @property
    def level(self) -> int:
        return self._attributes.level

    def document_rect(self, view: QTextBrowser) -> QRectF:
        return (
            view.document()
            .documentLayout()
            .blockBoundingRect(view.document().findBlock(self.start))
        )

    def interface_cast(self, t: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        if t == QAccessible.InterfaceType.AttributesInterface:
            return _pointer(self._attributes)
        return _pointer(super().interface_cast(t))


class _Follow(QAccessibleActionInterface):
    """A link's actions: press follows it (as a click does), set focus selects it (as Tab)."""

    def __init__(self, link: Link) -> None:
        super().__init__()
        self._link = link

    def actionNames(self) -> list[str]:
        return [
            QAccessibleActionInterface.pressAction(),
            QAccessibleActionInterface.setFocusAction(),
        ]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self._link.press()
        elif name == QAccessibleActionInterface.setFocusAction():
            self._link.select()

    def keyBindingsForAction(self, name: str) -> list[str]:
        return ["Return"] if name == QAccessibleActionInterface.pressAction() else []


class Link(_Node):
    role_ = Role.Link

    def __init__(self, page: PageInterface, view: QTextBrowser, part: Part) -> None:
        super().__init__(page, view, part)
        self.href = str(part[4])
        self._actions = _Follow(self)

    def text(self, t: Text) -> str:
        if t == Text.Description:
            view = self.view()
            return describe_link(view, self.href) if view is not None else ""
        if t == Text.Value:
            return self.href
        return super().text(t)

    def state(self) -> QAccessible.State:
        state = super().state()
        if state.invalid:
            return state
        state.focusable = True
        state.linked = True
        state.focused = self.is_selected()
        return state

    def interface_cast(self, t: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        if t == QAccessible.InterfaceType.ActionInterface:
            return _pointer(self._actions)
        return _pointer(super().interface_cast(t))

    def is_selected(self) -> bool:
        """The link Tab has selected, in the pane that has the keyboard."""
        view = self.view()
        if view is None or not view.hasFocus():
            return False
        cursor = view.textCursor()
        return (cursor.selectionStart(), cursor.selectionEnd()) == (self.start, self.end)

    def press(self) -> None:
        """Follow the link as a click does: through the browser's ``anchorClicked``."""
        view = self.view()
        if view is not None:
            view.anchorClicked.emit(QUrl(self.href))

    def select(self) -> None:
        """Give the pane the keyboard with this link selected, as Tab does."""
        view = self.view()
        if view is None:
            return
        cursor = QTextCursor(view.document())
        cursor.setPosition(self.start)
        cursor.setPosition(self.end, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        view.setFocus(Qt.FocusReason.OtherFocusReason)


def _where() -> dict[str, str]:
    """The words a screen reader says after a link's name, in the interface language."""
    return {
        #: Said by a screen reader after a link's words: where the link goes.
        "page": QCoreApplication.translate("PageAccessible", "page: {0}"),
        "section": QCoreApplication.translate("PageAccessible", "page: {0}, section: {1}"),
        "resource": QCoreApplication.translate("PageAccessible", "resource: {0}"),
        "anchor": QCoreApplication.translate("PageAccessible", "this page: {0}"),
        "website": QCoreApplication.translate("PageAccessible", "website {0}"),
        "other": QCoreApplication.translate("PageAccessible", "link: {0}"),
    }


def _say(kind: str, *args: str) -> str:
    return _where()[kind].format(*args)


def describe_link(view: QTextBrowser, href: str) -> str:
    """Where a link goes, in plain words: "page: Naloxone", "website https://…"; names of
    pages and resources in the interface's language (the page's, but for a pack language
    the interface is not translated into)."""
    library = getattr(view, "_library", None)  # ReaderView's pack; any QTextBrowser works
    lang = ""
    if library is not None:
        from hrreader.ui.i18n import current_ui_language

        lang = library.resolve_lang(current_ui_language())
    scheme, target, fragment = parse_address(href)
    if scheme == "topic":
        topic = library.topic(target, lang) if library is not None else None
        if topic is None:
            return _say("page", target)
        section = topic.section(fragment) if fragment else None
        if section is not None:
            return _say("section", topic.title, section.title)
        return _say("page", topic.title)
    if scheme == "resource":
        resource = library.resource(target) if library is not None else None
        return _say("resource", resource.name(lang, library.default_lang) if resource else target)
    if href.startswith("#"):
        return _say("anchor", href[1:])
    if href.lower().startswith(("https://", "http://")):
        return _say("website", href)
    return _say("other", href)


def scan(doc: QTextDocument) -> list[Part]:
    """The headings and links of ``doc``, in reading order."""
    found: list[Part] = []
    block = doc.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level > 0 and block.text().strip():
            end = block.position() + block.length() - 1
            found.append(("h", block.position(), end, _words(block.text()), level))
        found += _links(block)
        block = block.next()
    return found


def _links(block: QTextBlock) -> list[Part]:
    """The links in a paragraph; fragments of one link (bold inside it) make one link."""
    found: list[Part] = []
    link: list = []  # start, end, words, address
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        fragments += 1
        fmt = fragment.charFormat()
        href = fmt.anchorHref() if fmt.isAnchor() else ""
        start, end = fragment.position(), fragment.position() + fragment.length()
        if link and href == link[3] and start == link[1]:
            link[1], link[2] = end, link[2] + fragment.text()
            continue
        if link:
            found.append(("a", link[0], link[1], _words(link[2]), link[3]))
        link = [start, end, fragment.text(), href] if href else []
    if link:
        found.append(("a", link[0], link[1], _words(link[2]), link[3]))
    return found


# -- the page's words ---------------------------------------------------------------------------
class PageText(QAccessibleTextInterface):
    """The page's text, as Qt's own text-edit interface gives it (offsets are document
    positions). Selections are not reported: ``selection()`` cannot be written in Python
    (PySide leaves it out), so a reader would be told of a selection it could not read."""

    def __init__(self, view: QTextBrowser) -> None:
        super().__init__()
        self._view: QTextBrowser | None = view

    def drop(self) -> None:
        self._view = None

    def view(self) -> QTextBrowser | None:
        return self._view if _alive(self._view) else None

    def characterCount(self) -> int:
        view = self.view()
        return max(view.document().characterCount() - 1, 0) if view is not None else 0

    def text(self, start: int, end: int) -> str:
        view = self.view()
        if view is None:
            return ""
        count = self.characterCount()
        start, end = max(0, min(start, count)), max(0, min(end, count))
        cursor = QTextCursor(view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def cursorPosition(self) -> int:
        view = self.view()
        return view.textCursor().position() if view is not None else 0

    def setCursorPosition(self, position: int) -> None:
        view = self.view()
        if view is not None:
            cursor = view.textCursor()
            cursor.setPosition(max(0, min(position, self.characterCount())))
            view.setTextCursor(cursor)

    def selectionCount(self) -> int:
        return 0

    def addSelection(self, start: int, end: int) -> None:
        self.setSelection(0, start, end)

    def setSelection(self, index: int, start: int, end: int) -> None:
        view = self.view()
        if view is not None:
            count = self.characterCount()
            cursor = QTextCursor(view.document())
            cursor.setPosition(max(0, min(start, count)))
            cursor.setPosition(max(0, min(end, count)), QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)

    def removeSelection(self, index: int) -> None:
        view = self.view()
        if view is not None:
            cursor = view.textCursor()
            cursor.clearSelection()
            view.setTextCursor(cursor)

    def characterRect(self, offset: int) -> QRect:
        view = self.view()
        if view is None or not 0 <= offset < self.characterCount():
            return QRect()
        return _to_screen(view, _span_rect(view, offset, offset + 1))

    def offsetAtPoint(self, point: QPoint) -> int:
        view = self.view()
        if view is None:
            return -1
        local = view.viewport().mapFromGlobal(point)
        where = QPointF(
            local.x() + view.horizontalScrollBar().value(),
            local.y() + view.verticalScrollBar().value(),
        )
        return view.document().documentLayout().hitTest(where, Qt.HitTestAccuracy.ExactHit)

    def scrollToSubstring(self, start: int, end: int) -> None:
        view = self.view()
        if view is None:
            return
        box = _span_rect(view, start, max(end, start + 1))
        bar = view.verticalScrollBar()
        height = view.viewport().height()
        if box.top() < bar.value():
            bar.setValue(int(box.top()))
        elif box.bottom() > bar.value() + height:
            bar.setValue(int(min(box.top(), box.bottom() - height)))


# -- the page -----------------------------------------------------------------------------------
class PageInterface(QAccessibleWidget):
    """The reading pane: a Document of headings and links, with the page's text."""

    def __init__(self, view: QTextBrowser) -> None:
        super().__init__(view, Role.Document)
        self._view: QTextBrowser | None = view
        self._text = PageText(view)
        self._nodes: list[Heading | Link] = []
        self._index: dict[int, int] = {}
        #: Objects of pages gone by, deleted from Qt's cache on the next turn of the loop.
        self._retired: list[_Node] = []
        self._stale = True
        #: The children changed since assistive technology was last told.
        self._reordered = False
        self._pending: set[Event] = set()
        view.textChanged.connect(self._page_changed)
        view.verticalScrollBar().valueChanged.connect(self._scrolled)
        view.cursorPositionChanged.connect(self._cursor_moved)
        view.destroyed.connect(self._view_destroyed)

    # -- keeping up with the page
    def _page_changed(self) -> None:
        self._stale = True
        self._post(Event.ObjectReorder)

    def _scrolled(self) -> None:
        self._post(Event.VisibleDataChanged)  # the headings and links moved on the screen

    def _post(self, event: Event) -> None:
        """Tell assistive technology once the page has settled (a page change is several
        edits: the HTML, then headings and pictures fitted to the column)."""
        view = self.view()
        if view is None or event in self._pending:
            return
        if not self._pending:
            QTimer.singleShot(0, view, self._send_pending)
        self._pending.add(event)

    def _send_pending(self) -> None:
        events, self._pending = self._pending, set()
        view = self.view()
        if view is None:
            return
        if Event.ObjectReorder in events:
            self.nodes()  # did the structure change, or only the look?
            if not self._reordered:
                events.discard(Event.ObjectReorder)
            self._reordered = False
        for event in sorted(events, key=lambda e: e.value):
            QAccessible.updateAccessibility(QAccessibleEvent(view, event))

    def _cursor_moved(self) -> None:
        """Tab selected a link: it has the focus now, for a screen reader to announce."""
        view = self.view()
        if view is None or not view.hasFocus() or not view.textCursor().hasSelection():
            return
        link = self.selected_link()
        if link is not None:
            QAccessible.updateAccessibility(QAccessibleEvent(link, Event.Focus))

    def _view_destroyed(self) -> None:
        """The pane is going (its window closed): delete every object made for it now.
        Qt's cache deletes this interface itself, so only Python is touched here."""
        self._view = None
        self._text.drop()
        for node in [*self._nodes, *self._retired]:
            node.retire()
            QAccessible.deleteAccessibleInterface(node.uid)
        self._nodes, self._retired, self._index = [], [], {}

    def _delete_retired(self) -> None:
        retired, self._retired = self._retired, []
        for node in retired:
            QAccessible.deleteAccessibleInterface(node.uid)

    def view(self) -> QTextBrowser | None:
        return self._view if _alive(self._view) else None

    def nodes(self) -> list[Heading | Link]:
        """The page's headings and links in reading order. Made again when the page's
        structure changed; kept when only its look did (text size, fitting to the column)."""
        view = self.view()
        if view is None:
            return []
        if self._stale:
            self._stale = False
            parts = scan(view.document())
            if parts != [node.part for node in self._nodes]:
                self._replace(view, parts)
        return self._nodes

    def _replace(self, view: QTextBrowser, parts: list[Part]) -> None:
        for node in self._nodes:
            node.retire()
        if self._nodes and not self._retired:
            QTimer.singleShot(0, view, self._delete_retired)
        self._retired += self._nodes
        self._nodes = [(Heading if p[0] == "h" else Link)(self, view, p) for p in parts]
        self._index = {id(node): n for n, node in enumerate(self._nodes)}
        self._reordered = True

    def headings(self) -> list[Heading]:
        return [n for n in self.nodes() if isinstance(n, Heading)]

    def links(self) -> list[Link]:
        return [n for n in self.nodes() if isinstance(n, Link)]

    def selected_link(self) -> Link | None:
        return next((link for link in self.links() if link.is_selected()), None)

    # -- QAccessibleInterface
    def role(self) -> Role:
        return Role.Document

    def state(self) -> QAccessible.State:
        state = super().state()
        state.readOnly = True
        state.multiLine = True
        state.selectableText = True
        return state

    def childCount(self) -> int:
        return len(self.nodes()) + super().childCount()

    def child(self, index: int) -> QAccessibleInterface | None:
        nodes = self.nodes()
        if 0 <= index < len(nodes):
            return nodes[index]
        return super().child(index - len(nodes)) if index >= len(nodes) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        nodes = self.nodes()
        found = self._index.get(id(child))
        if found is not None and nodes[found] is child:
            return found
        if isinstance(child, _Node):
            return -1  # a heading or link of a page gone by
        index = super().indexOfChild(child)
        return len(nodes) + index if index >= 0 else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        nodes = self.nodes()
        for kind in (Link, Heading):  # a link inside a heading is what is under the pointer
            for node in nodes:
                if isinstance(node, kind) and node.rect().contains(x, y):
                    return node
        return super().childAt(x, y)

    def focusChild(self) -> QAccessibleInterface | None:
        return self.selected_link() or super().focusChild()

    def interface_cast(self, t: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        if t == QAccessible.InterfaceType.TextInterface:
            return _pointer(self._text)
        return _pointer(super().interface_cast(t))
