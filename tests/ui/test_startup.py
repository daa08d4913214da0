"""The real program's start: the page paints first, then the rest of the window is built.

``hrreader`` builds its window with ``staged=True`` (benchmarks/startup.py measures that);
these tests check that nothing a person relies on is lost by building it in two steps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument, QTextFormat

from hrreader.content import compiled
from hrreader.ui.app import build_window
from hrreader.ui.main_window import MainWindow
from hrreader.ui.settings import MemoryStore

from .conftest import FakeDesktop, let_go


def _printed_at_paint(code: str, argv: Sequence[str], env: dict[str, str]) -> object:
    """Run ``code`` (a start that prints JSON at its first paint) in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def staged(qtbot):
    made: list[MainWindow] = []

    def make(*argv: str) -> MainWindow:
        window = build_window(list(argv), store=MemoryStore(), desktop=FakeDesktop(), staged=True)
        qtbot.addWidget(window, before_close_func=let_go)
        made.append(window)
        return window

    return make


def _show_and_settle(window: MainWindow, qtbot) -> None:
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window._started, timeout=5000)


def test_the_page_paints_before_the_rest_of_the_window_is_built(staged, qtbot):
    window = staged()
    assert window.address() == "topic:welcome"
    assert window._resources is None, "the resources pane was built before the first paint"
    assert not window._chrome, "the actions, toolbar buttons and search came before the page"
    assert window.toolbar.actions() == [] and window.sidebar.model().rowCount() > 0
    with qtbot.waitSignal(window.reader.firstPainted, timeout=5000):
        window.resize(1200, 800)
        window.show()
    qtbot.waitUntil(lambda: window._resources is not None, timeout=5000)
    assert window.action("quick-exit") and window.toolbar.actions()
    panel = window.resources
    assert panel.isVisible() and panel.width() >= 240
    # It took the placeholder's place: the reading pane did not move or change width.
    assert window.splitter.widget(2) is panel and window.splitter.count() == 3
    qtbot.waitUntil(lambda: window.search.ready, timeout=5000)


@pytest.mark.parametrize("argv", [(), ("--lang", "es", "--min-font-size", "20")])
def test_the_tree_measures_each_row_once_once_shown(staged, qtbot, monkeypatch, argv):
    """From ``show()`` to the first paint the topic tree measures its names once, at the
    width they are drawn in: its bar keeps its place, so no bar appearing changes that
    width, and Qt's own delegate measures a row's one line in C++."""
    from hrreader.ui import sidebar

    measured: list[str] = []
    wrapped_extra = sidebar.wrapped_extra

    def counted(text, metrics, room):
        measured.append(text)
        return wrapped_extra(text, metrics, room)

    monkeypatch.setattr(sidebar, "wrapped_extra", counted)
    window = staged(*argv)
    assert not measured, "no row is measured before the tree has its width"
    with qtbot.waitSignal(window.reader.firstPainted, timeout=5000):
        window.resize(1200, 800)
        window.show()
    model = window.sidebar.model()

    def count(parent: QModelIndex) -> int:
        return sum(1 + count(model.index(r, 0, parent)) for r in range(model.rowCount(parent)))

    assert len(measured) == count(QModelIndex()), "each category, topic and section made"
    twice = sorted({text for text in measured if measured.count(text) > 1})
    assert not twice, f"measured more than once: {twice}"


def test_after_the_start_everything_works_as_in_a_window_built_at_once(staged, qtbot):
    window = staged()
    _show_and_settle(window, qtbot)
    assert window.open("resource:lifeline-988")
    assert "988" in window.resources.card.toPlainText()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "naloxone")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=5000)
    # Quick exit hears its keys once the window has started.
    quits: list[bool] = []
    window.quick_exit.quit = lambda: quits.append(True)
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Shift)
    assert quits == [True]


def test_a_start_at_a_resource_builds_the_pane_at_once(staged, qtbot):
    window = staged("--open", "resource:trevor-project")
    assert window._resources is not None
    assert "Trevor" in window.resources.card.toPlainText()
    assert window.address() == "topic:welcome", "the first page is shown beside the card"


def test_kiosk_and_presenting_are_not_staged(staged, qtbot):
    window = staged("--mode", "kiosk")
    assert window._resources is not None
    window.kiosk.release()


def test_a_stale_compiled_default_pack_is_replaced_by_its_source_after_the_paint(
    staged, qtbot, monkeypatch
):
    window = staged()
    assert window.library.compiled is not None
    monkeypatch.setattr(compiled, "default_pack_is_current", lambda: False)
    _show_and_settle(window, qtbot)
    qtbot.waitUntil(lambda: window.library.compiled is None, timeout=10000)
    assert window.address() == "topic:welcome"
    assert "welcome" in window.library.topic_ids()


def _page_place(window: MainWindow) -> tuple[int, int, int, int]:
    corner = window.reader.mapTo(window, window.reader.rect().topLeft())
    return corner.x(), corner.y(), window.reader.width(), window.reader.height()


@pytest.mark.parametrize(
    "argv",
    [
        (),
        ("--lang", "es", "--theme", "dark"),
        ("--theme", "high-contrast"),
        ("--theme", "high-contrast", "--min-font-size", "20"),
        ("--min-font-size", "14", "--lang", "es"),
        ("--mode", "private"),
    ],
)
def test_the_page_does_not_move_when_the_rest_of_the_window_arrives(staged, qtbot, argv):
    """The toolbar and menu bar are as tall at the first paint as when they are filled, and
    the status bar has its font: the words a person has started reading stay put."""
    window = staged(*argv)
    places: list[tuple[int, int, int, int]] = []
    kept: list[int] = []
    window.reader.firstPainted.connect(lambda: places.append(_page_place(window)))
    window.reader.firstPainted.connect(lambda: kept.append(window.toolbar.height()))
    _show_and_settle(window, qtbot)
    qtbot.waitUntil(lambda: bool(places), timeout=5000)
    home = window.toolbar.widgetForAction(window.action("home"))
    qtbot.waitUntil(home.isVisible, timeout=3000)  # the filled toolbar has been laid out
    qtbot.waitUntil(lambda: window.search.ready, timeout=5000)
    assert _page_place(window) == places[0]
    # The height kept for the bar is the filled bar's own, not more (main_window.TOOLBAR_CHROME).
    assert kept == [window.toolbar.height()]


def test_built_in_two_steps_or_at_once_the_window_is_the_same(staged, qtbot):
    at_once = build_window([], store=MemoryStore(), desktop=FakeDesktop())
    qtbot.addWidget(at_once, before_close_func=let_go)
    two_steps = staged()
    _show_and_settle(two_steps, qtbot)
    at_once.resize(1200, 800)
    at_once.show()
    qtbot.waitUntil(lambda: at_once.search.ready, timeout=5000)

    def shape(window: MainWindow) -> dict[str, object]:
        return {
            "actions": window.actions_registry.ids(),
            "toolbar": [a.objectName() or a.text() for a in window.toolbar.actions()],
            "menus": [m.title() for m in window.menuBar().findChildren(type(window._menus["go"]))],
            "tab order": [type(w).__name__ for w in _focus_stops(window)],
            "enabled": [window.action(i).isEnabled() for i in window.actions_registry.ids()],
        }

    # The toolbar shows its new buttons at its next layout, an event later.
    qtbot.waitUntil(lambda: shape(two_steps) == shape(at_once), timeout=3000)
    assert shape(two_steps)["tab order"][:3] == ["QuickExitButton", "QToolButton", "SearchField"]


def _focus_stops(window: MainWindow) -> list:
    """The widgets Tab visits from Quick exit, once round."""
    stops, widget = [], window.quick_exit_button
    for _ in range(200):
        stops.append(widget)
        widget = widget.nextInFocusChain()
        while widget is not None and not (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(window)
            and widget.isEnabled()
        ):
            widget = widget.nextInFocusChain()
        if widget is None or widget is window.quick_exit_button:
            break
    return stops


def test_before_the_first_paint_only_what_the_page_needs_is_imported():
    """Search, the action registry and Quick exit's machinery load after the first paint:
    importing them is most of what the rest of the window costs at start."""
    code = (
        "import json, sys\n"
        "from hrreader.ui.app import build_window, ensure_app\n"
        "from hrreader.ui.main_window import MainWindow\n"
        "from hrreader.ui.settings import MemoryStore\n"
        "MainWindow.FINISH_START_FALLBACK_MS = 600_000  # a slow machine: wait for the paint\n"
        "app = ensure_app()\n"
        "w = build_window([], store=MemoryStore(), staged=True)\n"
        "seen = {}\n"
        "def painted():\n"
        "    seen.update({m: m in sys.modules for m in sys.argv[1:]})\n"
        "    print(json.dumps(seen)); app.quit()\n"
        "w.reader.firstPainted.connect(painted)\n"
        "w.show(); app.exec()\n"
    )
    modules = [
        "hrreader.ui.search_panel",
        "hrreader.ui.actions",
        "hrreader.ui.privacy",
        "hrreader.ui.resource_list",
        "hrreader.ui.motion",
        "hrreader.content.search",
        "markdown",
        "yaml",
        "dataclasses",  # compiles each class's methods from source (content/model.py)
    ]
    loaded = _printed_at_paint(code, modules, dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert not any(loaded.values()), [m for m, seen in loaded.items() if seen]


def test_modules_imported_after_pyside_are_not_read_again_as_source(tmp_path, monkeypatch):
    """PySide6's ``__feature__`` hook would read every later module's whole source and keep
    it in ``linecache``: 4 MiB and 5 % of a bare window's start. ``hrreader.ui`` takes it
    out, and PySide's loading of classes on first use still works."""
    import builtins
    import importlib
    import linecache

    import hrreader.ui  # noqa: F401 - the package's import is what is tested

    module = tmp_path / "hrreader_probe_module.py"
    module.write_text("import PySide6  # the word the hook looks for\nVALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    probe = importlib.import_module("hrreader_probe_module")
    assert probe.VALUE == 1
    assert str(module) not in linecache.cache
    assert builtins.__import__ is not getattr(builtins, "__feature_import__", None)
    exec("from PySide6.QtGui import QTextBlockFormat as loaded_on_first_use", {})


#: The end of a probe program: the real start (``hrreader.cli.main``), calling the probe's
#: ``watch(window)`` just before the window is shown.
_REAL_START = """
import hrreader.ui.app as start
from hrreader.ui.main_window import MainWindow
MainWindow.FINISH_START_FALLBACK_MS = 600_000  # a slow machine: wait for the paint
show = start._show
def watch_and_show(window):
    watch(window)
    show(window)
start._show = watch_and_show
from hrreader.cli import main
main(sys.argv[1:])
"""


def _fresh_home(tmp_path: Path) -> dict[str, str]:
    """A probe's environment: offscreen, and a first run on an account with nothing in it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


#: Qt classes the first paint does without, each 1 to 11 million instructions to set up
#: (PySide makes its enums then): a page's formats, the tree's selection model, a
#: toolbar's action, the signal-to-slot lookup of ``singleShot(ms, obj, slot)``, and the
#: readers of settings and stylesheets in Qt (settings.py, theme.py) with their bytes, and
#: an item delegate written in Python (the tree's rows are measured in C++, sidebar.py).
_SET_UP_AFTER_THE_PAINT = [
    "QTextFormat",
    "QTextBlockFormat",
    "QItemSelectionModel",
    "QAction",
    "QMetaMethod",
    "QSettings",
    "QStandardPaths",
    "QResource",
    "QByteArray",
    "QStyleOptionViewItem",
    "QStyledItemDelegate",
]

#: A real start that prints, at its first paint, whether PySide has built the ``Qt``
#: namespace's enums yet (AlignmentFlag is one of its 95), whether it has set up Qt's
#: 50 event classes (QTabletEvent is one), and which of ``_SET_UP_AFTER_THE_PAINT`` it has.
_QT_NAMESPACE_PROBE = (
    f"LATER = {_SET_UP_AFTER_THE_PAINT!r}\n"
    """
import enum, json, os, sys
built = []
make = enum.EnumType.__new__
def record(metacls, name, *args, **kwargs):
    built.append(name)
    return make(metacls, name, *args, **kwargs)
enum.EnumType.__new__ = record
def painted():
    from PySide6 import QtCore, QtGui, QtWidgets
    # Set up only once an event is handed to Python as a plain QEvent (changeEvent, event).
    event_classes = vars(QtGui).get("QTabletEvent") is not None
    # Classes the first page does without; PySide puts a class in its module once set up.
    later = [
        name
        for module in (QtCore, QtGui, QtWidgets)
        for name in LATER
        if isinstance(vars(module).get(name), type)
    ]
    print(json.dumps({"qt_namespace": "AlignmentFlag" in built, "event_classes": event_classes,
                      "set_up_early": later}))
    sys.stdout.flush()
    os._exit(0)
def watch(window):
    window.reader.firstPainted.connect(painted)
""" + _REAL_START
)


@pytest.mark.parametrize(
    "argv",
    [(), ("--lang", "es", "--theme", "dark", "--min-font-size", "20"), ("--mode", "private")],
)
def test_the_first_paint_builds_no_qt_namespace(tmp_path, argv):
    """Naming ``Qt`` anywhere before the first paint costs a fifth of a bare window's start
    (qtconst.py): the page, the tree and the frame are built without it."""
    assert _printed_at_paint(_QT_NAMESPACE_PROBE, argv, _fresh_home(tmp_path)) == {
        "qt_namespace": False,
        "event_classes": False,  # i18n.py: the window and its panes have no changeEvent
        "set_up_early": [],
    }


#: A real start that prints whether Python's cycle collector runs while the window is
#: built, at its first paint, and once the start is over.
_COLLECTOR_PROBE = (
    """
import gc, json, os, sys
seen = {}
def report():
    seen["after_start"] = gc.isenabled()
    print(json.dumps(seen), flush=True)
    os._exit(0)
def watch(window):
    from PySide6.QtCore import QTimer
    seen["while_building"] = gc.isenabled()
    if window.starting:
        window.reader.firstPainted.connect(lambda: seen.update(at_paint=gc.isenabled()))
        window.startFinished.connect(lambda: QTimer.singleShot(0, report))
    else:
        QTimer.singleShot(0, report)
"""
    + _REAL_START
)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ((), {"while_building": False, "at_paint": False, "after_start": True}),
        (("--mode", "kiosk"), {"while_building": False, "after_start": True}),
    ],
)
def test_the_cycle_collector_rests_during_the_start_and_runs_after_it(tmp_path, argv, expected):
    """Nothing a start makes is garbage, so ``cli.main`` turns the collector off for it (2.2 %
    of a bare window's start); a reader left open all day, or a kiosk, must get it back."""
    assert _printed_at_paint(_COLLECTOR_PROBE, argv, _fresh_home(tmp_path)) == expected


def test_the_cycle_collector_is_back_when_a_start_fails(tmp_path):
    import gc

    from hrreader.cli import main

    assert main(["--pack", str(tmp_path / "missing")]) != 0
    assert gc.isenabled()


def test_qt_numbers_used_before_the_first_paint_are_qts():
    from hrreader.ui import qtconst

    role = Qt.ItemDataRole
    qts = {
        "FONT_ROLE": role.FontRole,
        "SIZE_HINT_ROLE": role.SizeHintRole,
        "USER_ROLE": role.UserRole,
        "TEXT_WORD_WRAP": Qt.TextFlag.TextWordWrap,
        "TEXT_FORMAT_USER_PROPERTY": QTextFormat.Property.UserProperty,
        "IMAGE_RESOURCE": QTextDocument.ResourceType.ImageResource,
    }
    ours = {name: value for name, value in vars(qtconst).items() if name.isupper()}
    assert ours == {name: value.value for name, value in qts.items()}


def test_panes_never_scroll_sideways_and_effects_are_off_after_a_staged_start(staged, qtbot):
    from PySide6.QtWidgets import QApplication

    from hrreader.ui.motion import ui_effects

    window = staged()
    _show_and_settle(window, qtbot)
    off, on = Qt.ScrollBarPolicy.ScrollBarAlwaysOff, Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    for pane in (window.reader, window.sidebar):
        # app.qss sets them; a new theme (the stylesheet again) keeps them.
        assert (pane.horizontalScrollBarPolicy(), pane.verticalScrollBarPolicy()) == (off, on)
    assert not any(QApplication.isEffectEnabled(effect) for effect in ui_effects())
    window.set_theme("dark")
    for pane in (window.reader, window.sidebar):
        assert (pane.horizontalScrollBarPolicy(), pane.verticalScrollBarPolicy()) == (off, on)


@pytest.mark.parametrize(("palette", "desktop"), [("light", "dark"), ("dark", "light")])
def test_the_desktops_scheme_wins_over_its_palette_after_the_first_paint(
    staged, qtbot, monkeypatch, palette, desktop
):
    """The first paint reads the desktop's scheme from its palette (asking Qt would build
    the Qt namespace); where Qt's own answer differs, the window takes it, unremembered."""
    from hrreader.ui import theme

    monkeypatch.setattr(theme, "_desktop_palette", palette)
    monkeypatch.setattr(theme, "system_theme_name", lambda: desktop)
    window = staged()
    assert window.theme.name == palette
    _show_and_settle(window, qtbot)
    assert window.theme.name == desktop
    assert window.theme_name == "system"
    assert window.store.get("theme") is None


def test_a_chosen_theme_is_not_changed_after_the_first_paint(staged, qtbot, monkeypatch):
    from hrreader.ui import theme

    monkeypatch.setattr(theme, "_desktop_palette", "light")
    monkeypatch.setattr(theme, "system_theme_name", lambda: "dark")
    window = staged("--theme", "high-contrast")
    _show_and_settle(window, qtbot)
    assert window.theme.name == "high-contrast"


def test_a_desktop_with_a_dark_palette_and_no_scheme_stays_dark(staged, qtbot, monkeypatch):
    """A custom dark Qt palette, with no colour scheme named (as here, offscreen): the first
    paint is dark, and asking Qt afterwards changes nothing, so the colours never flash."""
    from hrreader.ui import theme

    monkeypatch.setattr(theme, "_desktop_palette", "dark")
    window = staged()
    assert window.theme.name == "dark"
    _show_and_settle(window, qtbot)
    assert window.theme.name == "dark"
    assert theme.system_theme_name() == "dark"


def _at_first_paint(window: MainWindow, qtbot, height: int = 800) -> dict[str, object]:
    """What the reading pane held and showed at the window's first paint: looked at just
    after it, as the window starts to build the rest (``finish_start``)."""
    seen: dict[str, object] = {}
    finish_start = window.finish_start

    def note_then_finish() -> None:
        bar = window.reader.verticalScrollBar()
        seen.update(
            text=window.reader.document().toPlainText(),
            pixels=window.reader.viewport().grab().toImage(),
            bar=(bar.value(), bar.maximum(), bar.pageStep()),
        )
        finish_start()

    window.finish_start = note_then_finish  # called by name once the paint is done
    window.resize(1200, height)
    window.show()
    qtbot.waitUntil(lambda: window._started, timeout=5000)
    assert seen, "the start did not finish after its first paint"
    return seen


@pytest.mark.parametrize("argv", [(), ("--lang", "es", "--theme", "dark", "--min-font-size", "16")])
def test_the_first_page_is_read_as_far_as_its_first_screen_then_in_full(staged, qtbot, argv):
    """Qt lays a new page out 2,000 pixels deep; the start's page holds only the sections
    that fill the pane until it is painted, then the rest, with nothing on screen changing
    (the scroll bar was sized for the whole page from the start)."""
    window = staged(*argv)
    first = _at_first_paint(window, qtbot)
    whole = window.reader.document().toPlainText()
    last_words = whole.strip().splitlines()[-1]
    assert whole.startswith(first["text"].rstrip()) and last_words not in first["text"]
    assert len(first["text"]) < 0.75 * len(whole), "more than the first screen was read"
    assert window.reader.viewport().grab().toImage() == first["pixels"]
    bar = window.reader.verticalScrollBar()
    value, maximum, step = first["bar"]
    assert value == bar.value() == 0 and step == bar.pageStep()
    assert abs(maximum - bar.maximum()) <= 0.2 * (bar.maximum() + step)
    # Everything after the start sees the whole page: finding its last words finds them.
    position, total = window.reader.find_text(last_words)
    assert position == total == 1


def test_a_pane_the_first_sections_do_not_fill_gets_the_whole_page_before_its_paint(
    staged, qtbot, monkeypatch
):
    """The cut is a guess from the pane's size; when the sections it keeps leave room below
    them (here: lines guessed fifty times as tall as they are), the whole page is read
    before anything is painted."""
    from hrreader.ui import reader

    monkeypatch.setattr(reader, "_LINE_HEIGHT", 75.0)
    window = staged()
    first = _at_first_paint(window, qtbot)
    assert first["text"] == window.reader.document().toPlainText()
    assert first["bar"][1] > 0


def test_a_tall_pane_or_a_start_at_a_section_reads_the_whole_page(staged, qtbot):
    tall = staged()
    assert _at_first_paint(tall, qtbot, height=2600)["text"] == tall.reader.document().toPlainText()
    at_section = staged("--open", "topic:welcome#where-to-start")
    first = _at_first_paint(at_section, qtbot)
    assert first["text"] == at_section.reader.document().toPlainText()
    assert first["bar"][0] > 0, "the page opened at the section, not at its top"


def test_a_page_is_cut_only_between_sections():
    from hrreader.ui.reader import first_screen_cut

    page = (
        "<h1>Title</h1><p>One two three.</p>"
        '<table class="callout"><tr><td><h2 id="inside">In a box</h2><p>Words.</p></td></tr>'
        '</table><ul><li><h2 id="listed">In a list</h2></li></ul>'
        '<h2 id="first">First</h2><p>Más palabras, acentos y eñes.</p><h2 id="second">Second</h2>'
    )
    first = page.index('<h2 id="first">')
    assert first_screen_cut(page, 0) == first, "never inside the box or the list"
    assert first_screen_cut(page, first) == first
    assert first_screen_cut(page, first + 1) == page.index('<h2 id="second">')
    assert first_screen_cut(page, len(page)) == len(page)
    starts_with_one = "<h2>Only</h2><p>A page that starts with its only section.</p>"
    assert first_screen_cut(starts_with_one, 0) == len(starts_with_one)


@pytest.mark.parametrize("staged_start", [True, False])
def test_a_start_at_a_topic_low_in_the_tree_shows_its_row(staged, qtbot, staged_start):
    """The tree scrolls to the topic opened at start when it is shown, in time for the
    first paint (scrolled while hidden, it would lay its rows out at a width it does not
    have yet)."""
    from hrreader.ui.sidebar import ADDRESS_ROLE

    last = staged().library.topics("en")[-1].address
    if staged_start:
        window = staged("--open", last)
    else:
        window = build_window(["--open", last], store=MemoryStore(), desktop=FakeDesktop())
        qtbot.addWidget(window, before_close_func=let_go)
    tree = window.sidebar
    seen: list[bool] = []

    def row_shown() -> None:
        rect = tree.visualRect(tree.currentIndex())
        seen.append(tree.currentIndex().data(ADDRESS_ROLE) == last)
        seen.append(tree.viewport().rect().contains(rect) and tree.verticalScrollBar().value() > 0)

    window.reader.firstPainted.connect(row_shown)
    with qtbot.waitSignal(window.reader.firstPainted, timeout=5000):
        window.resize(1000, 500)
        window.show()
    assert seen == [True, True]
