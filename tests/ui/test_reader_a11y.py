"""The reading pane's structure reaches screen readers (issue #6): through Qt's accessibility
API the page is a Document whose children are its headings and links, in reading order,
with levels, destinations, places on the screen, focus and a press action; its words stay
readable; and the objects follow page changes and survive closed windows without a crash.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QTextBrowser

from hrreader.ui import a11y
from hrreader.ui.a11y import INSTALLED, install_now, install_page_accessibility
from hrreader.ui.app import build_window
from hrreader.ui.main_window import MainWindow
from hrreader.ui.settings import MemoryStore

from .test_accessibility import activate

Role = QAccessible.Role
Name = QAccessible.Text.Name
Description = QAccessible.Text.Description


def page(window: MainWindow) -> QAccessibleInterface:
    """The reading pane's interface, the factory being in (as it is after the first paint)."""
    install_now(window.reader)
    return QAccessible.queryAccessibleInterface(window.reader)


def children(iface: QAccessibleInterface, role: Role | None = None) -> list[QAccessibleInterface]:
    found = [iface.child(n) for n in range(iface.childCount())]
    return [c for c in found if role is None or c.role() == role]


def headings(window: MainWindow) -> list[tuple[str, int]]:
    """(text, level) of each Heading child of the reading pane, in order."""
    return [
        (h.text(Name), h.attributesInterface().attributeValue(QAccessible.Attribute.Level))
        for h in children(page(window), Role.Heading)
    ]


def link(window: MainWindow, name: str) -> QAccessibleInterface:
    return next(c for c in children(page(window), Role.Link) if c.text(Name) == name)


def press(node: QAccessibleInterface) -> None:
    node.actionInterface().doAction(QAccessibleActionInterface.pressAction())


def test_headings_and_links_are_children_of_the_page(make_window):
    window = make_window("--open", "topic:naloxone")
    topic = window.library.topic("naloxone", window.lang)
    iface = page(window)
    assert iface.role() == Role.Document
    assert iface.text(Name) == "Reading pane"
    assert iface.state().focusable and iface.state().readOnly

    # The title, then every section in order (other headings, e.g. "Sources", may follow).
    found = headings(window)
    assert found[0] == (topic.title, 1)
    sections = {s.title for s in topic.sections}
    assert [h for h in found if h[0] in sections] == [(s.title, 2) for s in topic.sections]

    # Links: named by their words, described by where they go.
    descriptions = {c.text(Name): c.text(Description) for c in children(iface, Role.Link)}
    emergency = window.library.resource("emergency-911").name("en")
    assert descriptions["emergency services"] == f"resource: {emergency}"
    overdose = window.library.topic("overdose-response", "en").title
    assert descriptions["responding to an overdose"] == f"page: {overdose}"
    websites = [d for d in descriptions.values() if d.startswith("website https://")]
    assert websites, descriptions

    # Each child knows its parent and place, and where it is on the screen.
    viewport = window.reader.viewport()
    shown = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
    for index, child in enumerate(children(iface)):
        assert child.parent() is iface
        assert iface.indexOfChild(child) == index
    title = children(iface, Role.Heading)[0]
    assert shown.contains(title.rect().center()) and not title.state().offscreen
    assert iface.childAt(*title.rect().center().toTuple()) is title
    last = children(iface, Role.Link)[-1]
    assert not shown.intersects(last.rect()) and last.state().offscreen

    # The words are all still there for the screen reader to read.
    text = iface.textInterface()
    spoken = text.text(0, text.characterCount())
    assert spoken.startswith(topic.title) and all(s.title in spoken for s in topic.sections)
    rect = text.characterRect(0)
    assert rect.intersects(title.rect()) and text.offsetAtPoint(rect.center()) == 0


def test_scrolling_moves_the_children_on_the_screen(make_window):
    window = make_window("--open", "topic:naloxone")
    section = children(page(window), Role.Heading)[-1]
    before = section.rect()
    assert section.state().offscreen
    bar = window.reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    scrolled = bar.value()
    assert scrolled > 0 and section.rect().top() == before.top() - scrolled
    assert not section.state().offscreen
    # The same objects: scrolling or larger text moves them; a page change makes new ones.
    assert children(page(window), Role.Heading)[-1] is section and section.isValid()
    window.reader.set_scale(1.5)
    assert children(page(window), Role.Heading)[-1] is section
    assert section.rect().height() > before.height()


def test_a_link_is_pressed_focused_and_followed_as_a_click_would(make_window, qtbot):
    window = make_window("--open", "topic:naloxone")
    activate(window, qtbot)
    iface = page(window)

    # Tab selects the first link: it is the focused child.
    window.reader.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(window.reader, Qt.Key.Key_Tab)
    emergency = link(window, "emergency services")
    assert emergency.state().focused and iface.focusChild() is emergency
    assert not link(window, "responding to an overdose").state().focused

    # Its set-focus action selects another, as Tab would.
    overdose = link(window, "responding to an overdose")
    overdose.actionInterface().doAction(QAccessibleActionInterface.setFocusAction())
    assert window.reader.textCursor().selectedText() == "responding to an overdose"
    assert overdose.state().focused and not emergency.state().focused

    # Press: a resource link shows its card; a page link opens the page.
    followed: list[str] = []
    window.reader.linkRequested.connect(followed.append)
    press(emergency)
    assert followed == ["resource:emergency-911"]
    assert window.resources.current_id() == "emergency-911"
    press(overdose)
    assert window.address() == "topic:overdose-response"

    # The children are the new page's; the old ones are invalid, then deleted.
    new_topic = window.library.topic("overdose-response", "en")
    assert headings(window)[0] == (new_topic.title, 1)
    assert "emergency services" not in [c.text(Name) for c in children(iface, Role.Link)]
    assert not overdose.isValid() and overdose.parent() is None
    QApplication.processEvents()
    assert not shiboken6.isValid(overdose)


def test_the_spanish_page_has_the_spanish_headings(make_window):
    window = make_window("--open", "topic:naloxone")
    assert headings(window)[0][0] == "Naloxone (Narcan)"
    window.set_language("es")
    spanish = window.library.topic("naloxone", "es")
    found = headings(window)
    assert found[0] == (spanish.title, 1)
    assert [s.title for s in spanish.sections] == [
        h for h, _ in found if h in {s.title for s in spanish.sections}
    ]
    # Links name their destinations in Spanish too.
    overdose = window.library.topic("overdose-response", "es").title
    described = [c.text(Description) for c in children(page(window), Role.Link)]
    assert any(d.endswith(overdose) for d in described), described


def test_closed_windows_and_other_widgets_are_safe(make_window, desktop, qtbot):
    # Not through make_window, whose windows pytest-qt closes after the test.
    first = build_window(["--open", "topic:naloxone"], store=MemoryStore(), desktop=desktop)
    first.show()
    old = children(page(first))
    heading = old[0]
    first.close()
    first.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(heading), "a closed page's children are deleted with it"

    second = make_window("--open", "topic:naloxone")
    assert headings(second)[0][0] == "Naloxone (Narcan)"
    assert QAccessible.queryAccessibleInterface(QApplication.instance()).childCount() >= 1

    # Other widgets keep Qt's own interfaces: the search field is an editable line.
    qtbot.keyClicks(second.search_field, "naloxone")
    field = QAccessible.queryAccessibleInterface(second.search_field)
    assert field.role() == Role.EditableText
    assert field.textInterface().text(0, 8) == "naloxone"
    card = QAccessible.queryAccessibleInterface(second.resources.card)
    assert card.role() != Role.Document and card.childCount() == 3  # its viewport, scroll bars

    # Installing again (every reading pane asks) adds no second factory.
    install_page_accessibility(second.reader)
    assert QApplication.instance().property(INSTALLED) is True


def walk(iface: QAccessibleInterface, depth: int = 0) -> int:
    """Ask every object under ``iface`` what a screen reader asks; returns how many."""
    if iface is None or not iface.isValid() or depth > 12:
        return 0
    iface.role(), iface.state(), iface.rect(), iface.window()
    iface.text(Name), iface.text(Description)
    if iface.textInterface() is not None:
        text = iface.textInterface()
        text.text(0, min(text.characterCount(), 50)), text.characterRect(0)
    if iface.actionInterface() is not None:
        iface.actionInterface().actionNames()
    count = 1
    for n in range(min(iface.childCount(), 60)):
        child = iface.child(n)
        if child is not None:
            assert child.parent() == iface or child.parent() is not None
            count += walk(child, depth + 1)
    return count


def test_a_screen_reader_walking_the_tree_while_things_change(make_window, desktop, qtbot):
    """With accessibility on, Qt asks for interfaces on every change and the page sends its
    own events (focus, reorder, scrolling); walk the whole tree after each step."""
    QAccessible.setActive(True)
    try:
        window = build_window(["--open", "topic:naloxone"], store=MemoryStore(), desktop=desktop)
        window.resize(1000, 700)
        window.show()
        activate(window, qtbot)
        root = QAccessible.queryAccessibleInterface(window)
        assert walk(root) > 30
        window.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.keyClick(window.reader, Qt.Key.Key_Tab)  # a link takes the focus: an event
        press(link(window, "responding to an overdose"))
        QApplication.processEvents()  # the page's events go out, old children are deleted
        walk(root)
        window.reader.verticalScrollBar().setValue(300)
        window.set_language("es")
        QApplication.processEvents()
        assert walk(root) > 30
        window.clear_page()
        assert children(page(window), Role.Heading) == []
        window.open("topic:naloxone")
        walk(root)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        walk(QAccessible.queryAccessibleInterface(QApplication.instance()))
    finally:
        QAccessible.setActive(False)


def test_the_factory_goes_in_after_the_first_paint(make_window, qtbot):
    """Naming QAccessible costs PySide milliseconds: not before the page is on the screen."""
    app = QApplication.instance()
    app.setProperty(INSTALLED, False)  # as in a new process (a second factory is harmless)
    window = make_window("--open", "topic:naloxone", show=False)
    assert not app.property(INSTALLED)
    window.show()
    qtbot.waitUntil(lambda: app.property(INSTALLED) is True, timeout=3000)
    iface = QAccessible.queryAccessibleInterface(window.reader)
    assert iface.role() == Role.Document and children(iface, Role.Heading)


class Pane(QTextBrowser):
    firstPainted = Signal()


def test_an_interface_made_before_the_factory_is_replaced(qtbot, monkeypatch):
    """A screen reader running at start-up may have Qt's plain-text interface for the pane
    before the factory goes in: installing drops it, so the next question gets ours."""
    pane = Pane()
    qtbot.addWidget(pane)
    pane.setHtml("<h1>Title</h1><p>Words and <a href='topic:naloxone'>a link</a>.</p>")
    QAccessible.setActive(True)
    try:
        early = QAccessible.queryAccessibleInterface(pane)
        assert early.role() != Role.Document and early.childCount() == 3
        # Qt deletes it: a wrapper of a Qt-made object cannot tell, so let go of it first.
        del early
        monkeypatch.setitem(a11y._classes, "Pane", Pane)
        install_now(pane)
        iface = QAccessible.queryAccessibleInterface(pane)
        assert iface.role() == Role.Document
        assert [c.text(Name) for c in children(iface)][:2] == ["Title", "a link"]
        assert iface.textInterface().text(0, 5) == "Title"
    finally:
        QAccessible.setActive(False)
