"""The main window: builds the panes, registers the actions and connects them. No logic of its own.

``open(address)`` is the single way to navigate (sidebar, links, history, command line and
tests all use it), and ``address()`` says where the reader is now.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt where it is named: after the first paint (qtconst.py)
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hrreader import __version__
from hrreader.content.library import Library
from hrreader.content.model import parse_address
from hrreader.ui.focus import name_clear_button, settle_tab_order
from hrreader.ui.i18n import current_ui_language, language_name, set_ui_language
from hrreader.ui.modes import Mode
from hrreader.ui.reader import MAX_SCALE, MIN_SCALE, ReaderView, visible_section
from hrreader.ui.settings import SettingsStore, bytes_as_text, bytes_from_text
from hrreader.ui.sidebar import (
    ITEM_TEXT_MARGINS,
    OPEN_CATEGORIES_UP_TO,
    Sidebar,
    TopicTreeModel,
    category_title,
)
from hrreader.ui.text_size import (
    MinFontMenu,
    clamp_min_font,
    floor_widget_styles,
    relax_toolbar,
    remembered_min_font,
    squeeze_toolbar,
)
from hrreader.ui.theme import (
    THEME_NAMES,
    Theme,
    apply_app_theme,
    apply_min_font,
    card_css,
    theme_for,
    tree_row_height,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent, QShowEvent
    from PySide6.QtPrintSupport import QPrinter

    from hrreader.ui.actions import ActionRegistry
    from hrreader.ui.present import SessionPresenter
    from hrreader.ui.privacy import QuickExit, QuickExitButton
    from hrreader.ui.qr import Words
    from hrreader.ui.resource_list import ResourcePanel
    from hrreader.ui.search_panel import FindBar, SearchController, SearchField, SearchPanel

log = logging.getLogger(__name__)

ZOOM_STEP = 0.1
#: Toolbar buttons that drop their words (icon only, with the same tooltip and accessible
#: name) when the bar is too narrow for all of them, in this order: the arrows and A-/A+
#: speak for themselves; the language button keeps its words longest, since a language's
#: own name is how a reader who cannot read this one finds it.
WORDS_DROP_ORDER = ("zoom-out", "zoom-in", "forward", "back", "home", "resources", "language")


class Desktop:
    """What the window asks of the desktop: questions, notices and the system browser.

    Passed in, so tests can answer the questions and record what would have opened.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent

    def confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox  # dialogs are made when needed

        answer = QMessageBox.question(self._parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self._parent, title, text)

    def open_url(self, url: str) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        return QDesktopServices.openUrl(QUrl(url))

    def show_qr(self, title: Words, text: Words, payload: str) -> None:
        """A large QR code of ``payload`` with the address as text (the kiosk's "browser").

        ``title`` and ``text`` may be functions giving the words in the interface language,
        so the open dialog changes language with the window."""
        from hrreader.ui.qr import QrDialog

        dialog = QrDialog(title, text, payload, self._parent)
        dialog.exec()
        dialog.deleteLater()

    def choose_printer(self, title: str) -> QPrinter | None:
        """The printer the person chose in the print dialog, or ``None`` if they cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(title)
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        dialog.deleteLater()
        return printer if accepted else None

    def save_file_name(self, title: str, suggested: str, filters: str) -> str:
        """A path the person chose to save to, or ``""``."""
        from PySide6.QtWidgets import QFileDialog

        path, _chosen = QFileDialog.getSaveFileName(self._parent, title, suggested, filters)
        return path


class History:
    """Back and forward through addresses, like a browser."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.position = -1

    def visit(self, address: str) -> None:
        if self.position >= 0 and self.entries[self.position] == address:
            return
        del self.entries[self.position + 1 :]
        self.entries.append(address)
        self.position = len(self.entries) - 1

    def can_back(self) -> bool:
        return self.position > 0

    def can_forward(self) -> bool:
        return self.position < len(self.entries) - 1

    def back(self) -> str | None:
        if not self.can_back():
            return None
        self.position -= 1
        return self.entries[self.position]

    def forward(self) -> str | None:
        if not self.can_forward():
            return None
        self.position += 1
        return self.entries[self.position]

    def clear(self) -> None:
        self.entries.clear()
        self.position = -1


#: What the toolbar adds to the height of its tallest item: its padding (4 px above and
#: below, app.qss), its bottom edge and its layout's margins. Tested against a filled bar
#: in each theme and text size (test_startup.py).
TOOLBAR_CHROME = 16


class MainWindow(QMainWindow):
    #: The content and interface language changed (``set_language``): windows showing
    #: content of their own (a presentation, the kiosk's start screen) follow it.
    languageChanged = Signal(str)
    #: A staged window has finished starting (``finish_start``): everything is built.
    startFinished = Signal()

    #: When a staged window finishes starting if it has not painted by then.
    FINISH_START_FALLBACK_MS = 1000

    # Made by _build_chrome: after the first paint when staged, so start-up imports neither
    # search nor the action registry before the page is on screen.
    actions_registry: ActionRegistry
    quick_exit: QuickExit
    quick_exit_button: QuickExitButton
    search_field: SearchField
    search_panel: SearchPanel
    search: SearchController
    find_bar: FindBar

    def __init__(
        self,
        library: Library,
        mode: Mode,
        store: SettingsStore,
        theme: Theme,
        lang: str | None = None,
        desktop: Desktop | None = None,
        theme_name: str | None = None,
        staged: bool = False,
        min_font_size: float | None = None,
    ) -> None:
        """``staged`` (the real program): the window paints its first page with the topic
        tree, and builds the rest (its actions, the toolbar's buttons, the menus, search and
        the resources pane) straight after, in ``finish_start``; tests and screenshots get
        the whole window at once. Both ways build the same window in the same order.

        ``min_font_size``: the smallest text size for this run (build_window's choice, in
        the stylesheet already); None reads the remembered one (personal mode)."""
        super().__init__()
        self.library = library
        self.mode = mode
        self.store = store
        self.theme = theme
        self.theme_name = theme_name or theme.name
        self.lang = library.resolve_lang(lang)
        self.desktop = desktop or Desktop(self)
        self.history = History()
        self._address = ""
        #: Toolbar buttons shown without words because the bar is narrow (fit_toolbar).
        self._words_dropped: dict[str, QToolButton] = {}
        #: The smallest text size in points, 0 for none (set_min_font_size).
        self.min_font_size = 0.0

        #: Made on first use (F5, Ctrl+B…): most visits never present, and start-up is
        #: budgeted (DESIGN.md).
        self._presentation: SessionPresenter | None = None
        self._started = False
        #: The actions, the toolbar's buttons, the menus and search exist (_build_chrome).
        self._chrome = False
        #: Everything is built and has had its Tab order and minimum text size (_settle).
        self._settled = False
        #: Set by build_window when the bundled pack opened unchecked, to check after paint.
        self.verify_default_pack_later = False
        self._staged = staged
        self.kiosk = None
        self._initial_min_font = min_font_size
        #: The window width the panes were first sized for (_size_panes).
        self._sized_for = -1
        self._init_toolbar_frame()
        self._init_panes()
        self._init_window()
        self.sidebar.openRequested.connect(self.open)
        self.reader.linkRequested.connect(self.open)
        self._restore_settings()
        # Start in the reading pane, not on Quick exit: a stray Enter must not exit.
        self.reader.setFocus()
        self.sidebar_title.setText(self.tr("Topics"))
        if staged:
            # Not an event filter on the viewport: asking for the viewport makes PySide set up
            # every widget class (~50 enum types) before the first paint.
            # The reader says so once (and finish_start runs once).
            self.reader.firstPainted.connect(self._first_painted)
            # A window that never paints (minimised at start, a broken display) still
            # finishes. A timer of the window's own, not ``singleShot(ms, self, slot)``:
            # that overload sets up QMetaMethod (1 million instructions) before the paint.
            fallback = QTimer(self)
            fallback.setSingleShot(True)
            fallback.timeout.connect(self.finish_start)
            fallback.start(self.FINISH_START_FALLBACK_MS)
            return
        self._build_chrome()
        self.ensure_resources()  # before the kiosk, which adapts it for touch
        if self.mode.start_screen:
            from hrreader.ui.kiosk import KioskController

            self.kiosk = KioskController(self)
        self._settle()

    # -- building ----------------------------------------------------------------------
    def _init_toolbar_frame(self) -> None:
        """The toolbar and the menu bar, empty but as tall as they will be, so the page does
        not move when ``_build_chrome`` fills them."""
        toolbar = QToolBar(self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setVisible(self.mode.show_toolbar)
        self.toolbar = toolbar
        self.addToolBar(toolbar)  # at the top
        # As tall as with the kinds of item it will hold: a button in words sets the height,
        # and the search field can be taller only with a large minimum text size (the first
        # field made costs ~9 ms: Qt loads its input method then).
        probes: list[QWidget] = [QToolButton(toolbar)]
        probes[0].setText(self.tr("Quick exit"))
        if self._initial_min_font:
            from PySide6.QtWidgets import QLineEdit

            probes.append(QLineEdit(toolbar))
        # Measured beside the bar, not in it: adding one makes a QAction, which PySide sets
        # up (3 million instructions with the bar's layout) before the first paint.
        tallest = max(probe.sizeHint().height() for probe in probes)
        toolbar.setMinimumHeight(tallest + TOOLBAR_CHROME)
        for probe in probes:
            probe.setParent(None)  # Python's again: deleted when this returns, never shown
        self._menus: dict[str, QMenu] = {}
        if self.mode.show_toolbar and not self.mode.frameless:
            bar = self.menuBar()
            titles = self._menu_titles()
            for key in ("go", "view", "present", "help"):
                self._menus[key] = bar.addMenu(titles[key])

    def _build_chrome(self) -> None:
        """The actions with their keys, the toolbar's buttons, the menus and search."""
        from PySide6.QtGui import QIcon

        from hrreader.ui.actions import ActionRegistry
        from hrreader.ui.privacy import QuickExit, keep_qt_from_writing

        if not self.mode.persist:
            # Before any action can open a file dialog, the first of Qt's own writers.
            keep_qt_from_writing()
        self.setWindowIcon(
            QIcon(":/icons/neutral.svg" if self.mode.neutral_title else ":/icons/app.svg")
        )
        self.actions_registry = ActionRegistry(self)
        self.actions_registry.set_icon_colour(self.theme.text)
        self.quick_exit = QuickExit(self)
        self.quick_exit.wipers.append(self._forget_presentation)
        self._init_actions()
        self._init_toolbar()
        self._init_search()
        self._chrome = True
        self._update_nav_actions()
        self._update_zoom_actions()

    def _settle(self) -> None:
        """Once everything is built: the Tab order, the words, and Quick exit's keys."""
        self._settled = True
        if self.min_font_size:  # widgets with stylesheets of their own (Quick exit, kiosk)
            floor_widget_styles(self, self.min_font_size)
        settle_tab_order(self)
        self.retranslate_ui()
        # Its keys (Shift three times) are heard application-wide, by a Python event filter
        # that would otherwise see every one of the first paint's events.
        self.quick_exit.install()

    def _init_search(self) -> None:
        """The search results (in the left pane while there is a query) and the find bar."""
        from hrreader.ui.search_panel import (
            THREAD_THRESHOLD,
            FindBar,
            SearchController,
            SearchPanel,
        )

        self.search_panel = SearchPanel(self.library, self.lang, self.mode.touch_target, self)
        self.left_stack.addWidget(self.search_panel)
        large = self.library.topic_count() > THREAD_THRESHOLD
        self.search = SearchController(self.lang, threaded=large, parent=self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.reading_area.layout().addWidget(self.find_bar)
        self.search_field.textChanged.connect(self._search_text_changed)
        self.search_field.moveRequested.connect(self.search_panel.move)
        self.search_field.acceptRequested.connect(self._search_accepted)
        self.search.resultsReady.connect(self.search_panel.show_results)
        self.search.cleared.connect(self._search_cleared)
        self.search_panel.openRequested.connect(self.open_hit)
        self.find_bar.field.textChanged.connect(lambda _text: self._find(False, incremental=True))
        self.find_bar.next_button.clicked.connect(lambda: self._find(False))
        self.find_bar.previous_button.clicked.connect(lambda: self._find(True))
        self.find_bar.closed.connect(self._find_closed)

    def _init_panes(self) -> None:
        # A large pack's tree is filled after the first paint: listing 10,000 topics decodes
        # them all, while the first page needs one.
        self._tree_later = self._staged and self.library.topic_count() > OPEN_CATEGORIES_UP_TO
        self.topic_model = TopicTreeModel(
            None if self._tree_later else self.library, self.lang, self
        )
        # Each pane is made in its place: moving a widget to another parent restyles it and
        # everything in it (the stylesheet's StyleChange), 10 million instructions here.
        # A keyword: given a parent by position, PySide would check whether it is a
        # Qt.Orientation, and so build the whole Qt namespace (qtconst.py).
        self.splitter = QSplitter(parent=self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)

        # The left pane shows the topic tree, or search results while there is a query
        # (the results are added by _init_search, and the find bar under the page).
        self.left_stack = QStackedWidget(self.splitter)
        self.splitter.addWidget(self.left_stack)  # each pane in its order, as it is made
        sidebar_panel = QWidget(self.left_stack)
        sidebar_panel.setObjectName("sidebarPanel")
        title = QLabel(sidebar_panel)
        title.setObjectName("paneTitle")
        self.sidebar_title = title
        row_height = tree_row_height(self.mode.touch_target)
        self.sidebar = Sidebar(self.topic_model, row_height, sidebar_panel)
        box = QVBoxLayout(sidebar_panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(title)
        box.addWidget(self.sidebar, 1)
        self.sidebar_panel = sidebar_panel
        self.left_stack.addWidget(sidebar_panel)

        reading = QWidget(self.splitter)
        reading.setObjectName("readingArea")
        self.splitter.addWidget(reading)
        self.reader = ReaderView(self.library, self.theme, reading, first_screen=self._staged)
        reading_box = QVBoxLayout(reading)
        reading_box.setContentsMargins(0, 0, 0, 0)
        reading_box.setSpacing(0)
        reading_box.addWidget(self.reader, 1)
        self.reading_area = reading

        # Holds the resources pane's place (same width, same colour) until ensure_resources.
        placeholder = QWidget(self.splitter)
        placeholder.setObjectName("resourcePanel")
        placeholder.setMinimumWidth(240)
        placeholder.setVisible(self.mode.show_resources)
        self.splitter.addWidget(placeholder)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.left_stack.setMinimumWidth(200)
        self.reader.setMinimumWidth(360)
        self.left_stack.setVisible(self.mode.show_sidebar)
        self.setCentralWidget(self.splitter)
        self._resources: ResourcePanel | None = None

    @property
    def resources(self) -> ResourcePanel:
        """The resource list and card (built now if the first paint has not happened yet)."""
        return self.ensure_resources()

    def ensure_resources(self) -> ResourcePanel:
        """Build the resources pane in its placeholder's place, once."""
        if self._resources is not None:
            return self._resources
        from hrreader.ui.resource_list import ResourcePanel

        panel = ResourcePanel(self.library, self.lang, self.mode.touch_target - 4, self)
        self._resources = panel
        panel.set_card_css(card_css(self.theme, self.min_font_size))
        panel.setMinimumWidth(240)
        panel.setVisible(self.mode.show_resources)
        placeholder = self.splitter.replaceWidget(2, panel)
        if placeholder is not None:
            placeholder.deleteLater()
        panel.linkRequested.connect(self.open)
        return panel

    def _first_painted(self) -> None:
        QTimer.singleShot(0, self, self.finish_start)  # once this paint is on the screen

    def finish_start(self) -> None:
        """After the first paint: the rest of the first page, the actions, toolbar buttons,
        menus and search, the rest of a large pack's topic tree, the resources pane, then
        the search index (once)."""
        if self._started:
            return
        self._started = True
        from hrreader.ui.motion import calm_application

        self.reader.complete_page()  # the sections below the first screen
        calm_application()  # before any menu can open (apply_app_theme left it for now)
        self._build_chrome()
        if self._tree_later:
            self._tree_later = False
            self.topic_model.set_library(self.library, self.lang)
            self.sidebar.show_address(self._address)
        self.ensure_resources()
        self._settle()
        self._ask_system_scheme()
        self.start_search_index()
        if self.verify_default_pack_later:
            QTimer.singleShot(0, self, self._verify_default_pack)
        self.startFinished.emit()

    @property
    def starting(self) -> bool:
        """A staged window that has not yet built what comes after its first paint."""
        return self._staged and not self._started

    def _ask_system_scheme(self) -> None:
        """The first paint took the desktop's colour scheme from its palette (theme.py's
        ``first_paint_theme_name``); now Qt is asked, and where the two disagree the
        desktop's answer wins."""
        if self.theme_name != "system":
            return
        if theme_for("system", self.library.info.branding.accent) != self.theme:
            self.set_theme("system", remember=False)

    def _verify_default_pack(self) -> None:
        """An edited checkout: the compiled default pack is older than its source, so the
        source is loaded instead (no one should read a page that was since corrected)."""
        from hrreader.content.compiled import default_pack_is_current

        self.verify_default_pack_later = False
        if not default_pack_is_current():
            log.warning("the compiled default pack is stale; loading its source instead")
            self.reload_library()

    def _init_actions(self) -> None:
        from PySide6.QtGui import QKeySequence

        from hrreader.ui.actions import ActionSpec
        from hrreader.ui.focus import cycle_panes

        add = self.actions_registry.add
        std = QKeySequence.StandardKey
        add(
            ActionSpec(
                "quick-exit",
                lambda: self.tr("Quick exit"),
                (),
                ":/icons/exit.svg",
                lambda: self.tr(
                    "Hide the reader at once and forget this visit (or press Shift 3 times)"
                ),
            ),
            self.quick_exit.trigger,
        )
        add(
            ActionSpec(
                "back",
                lambda: self.tr("&Back"),
                (std.Back, "Alt+Left"),
                ":/icons/back.svg",
                lambda: self.tr("Go back to the page before"),
            ),
            self.go_back,
        )
        add(
            ActionSpec(
                "forward",
                lambda: self.tr("&Forward"),
                (std.Forward, "Alt+Right"),
                ":/icons/forward.svg",
                lambda: self.tr("Go forward again"),
            ),
            self.go_forward,
        )
        add(
            ActionSpec(
                "home",
                lambda: self.tr("&Home"),
                ("Alt+Home",),
                ":/icons/home.svg",
                lambda: self.tr("Go to the first page"),
            ),
            self.go_home,
        )
        add(
            ActionSpec(
                "zoom-in",
                lambda: self.tr("&Larger text"),
                (std.ZoomIn, "Ctrl+="),
                ":/icons/zoom-in.svg",
                lambda: self.tr("Make the text larger"),
            ),
            lambda: self.set_text_scale(self.reader.scale + ZOOM_STEP),
        )
        add(
            ActionSpec(
                "zoom-out",
                lambda: self.tr("&Smaller text"),
                (std.ZoomOut,),
                ":/icons/zoom-out.svg",
                lambda: self.tr("Make the text smaller"),
            ),
            lambda: self.set_text_scale(self.reader.scale - ZOOM_STEP),
        )
        add(
            ActionSpec(
                "zoom-reset",
                lambda: self.tr("&Normal text size"),
                ("Ctrl+0",),
                tip=lambda: self.tr("Return the text to its normal size"),
            ),
            lambda: self.set_text_scale(self.mode.text_scale),
        )
        add(
            ActionSpec(
                "search",
                lambda: self.tr("&Search"),
                (std.Find,),
                ":/icons/search.svg",
                lambda: self.tr("Search every topic and resource"),
            ),
            self.focus_search,
        )
        add(
            ActionSpec(
                "find",
                lambda: self.tr("&Find in page"),
                ("Ctrl+Shift+F", std.FindNext),
                tip=lambda: self.tr("Find words in the page you are reading"),
            ),
            self.show_find_bar,
        )
        add(
            ActionSpec(
                "resources",
                lambda: self.tr("&Resources"),
                ("Ctrl+R",),
                ":/icons/resources.svg",
                lambda: self.tr("Go to the list of hotlines and services"),
            ),
            self.focus_resources,
        )
        add(
            ActionSpec(
                "next-pane",
                lambda: self.tr("Next pa&ne"),
                ("F6",),
                tip=lambda: self.tr("Move to the next part of the window"),
            ),
            lambda: cycle_panes(self, 1),
        )
        add(
            ActionSpec(
                "previous-pane",
                lambda: self.tr("Pre&vious pane"),
                ("Shift+F6",),
                tip=lambda: self.tr("Move to the previous part of the window"),
            ),
            lambda: cycle_panes(self, -1),
        )
        add(
            ActionSpec(
                "theme",
                lambda: self.tr("Next colour &theme"),
                ("Ctrl+Shift+T",),
                tip=lambda: self.tr("Switch between light, dark and high-contrast colours"),
            ),
            self.next_theme,
        )
        add(
            ActionSpec(
                "about",
                lambda: self.tr("&About this reader"),
                (),
                tip=lambda: self.tr("What this reader is and where its content comes from"),
            ),
            self.show_about,
        )
        add(
            ActionSpec(
                "print",
                lambda: self.tr("&Print handout…"),
                (std.Print,),
                tip=lambda: self.tr(
                    "Print this topic as a handout, with QR codes for its resources"
                ),
            ),
            self.print_handout,
        ).setEnabled(self.mode.allow_print)
        add(
            ActionSpec(
                "export",
                lambda: self.tr("&Export handout…"),
                ("Ctrl+Shift+E",),
                tip=lambda: self.tr("Save this topic as a PDF handout"),
            ),
            self.export_handout,
        ).setEnabled(self.mode.allow_print)
        presenting = (
            ActionSpec(
                "present",
                lambda: self.tr("&Present from here"),
                ("F5",),
                tip=lambda: self.tr(
                    "Show this section full screen in large type, one section at a time"
                ),
            ),
            ActionSpec(
                "present-playlist",
                lambda: self.tr("Present the session p&laylist"),
                ("Shift+F5",),
                tip=lambda: self.tr("Show the sections picked for this session, in order"),
            ),
            ActionSpec(
                "bookmark",
                lambda: self.tr("&Add section to playlist"),
                ("Ctrl+B",),
                tip=lambda: self.tr("Add the section you are reading to the session playlist"),
            ),
            ActionSpec(
                "playlist",
                lambda: self.tr("&Session playlist…"),
                ("Ctrl+Shift+B",),
                tip=lambda: self.tr("See, reorder and remove the sections picked for this session"),
            ),
        )
        slots = (
            lambda: self.presentation.present_current(),
            lambda: self.presentation.present_playlist(),
            lambda: self.presentation.add_current(),
            lambda: self.presentation.show_playlist(),
        )
        for spec, slot in zip(presenting, slots, strict=True):
            add(spec, slot).setEnabled(self.mode.allow_present)
        if self.mode.allow_quit:
            add(ActionSpec("quit", lambda: self.tr("&Quit"), (std.Quit,)), self.close)
        # The way to the other language: its own name ("Español" in English, "English" in
        # Spanish), or with more languages a menu of their names (see _init_language).
        add(
            ActionSpec(
                "language",
                self._language_text,
                ("Ctrl+Shift+L",),
                ":/icons/language.svg",
                self._language_tip,
            ),
            self._language_triggered,
        ).setEnabled(len(self.library.languages) > 1)
        for action in self.actions_registry:
            self.addAction(action)

    def _init_toolbar(self) -> None:
        """Fill the bar made by _init_toolbar_frame: Quick exit first (and first Tab stop)."""
        from PySide6.QtWidgets import QSizePolicy

        from hrreader.ui.motion import settle_fades
        from hrreader.ui.privacy import QuickExitButton
        from hrreader.ui.search_panel import SearchField

        toolbar = self.toolbar
        toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMinimumHeight(0)  # its buttons hold its height now
        self.quick_exit_button = QuickExitButton(self.action("quick-exit"), self.theme, toolbar)
        toolbar.addWidget(self.quick_exit_button)  # first on the bar, and first Tab stop
        for action_id in ("back", "forward", "home"):
            toolbar.addAction(self.action(action_id))
        toolbar.addSeparator()
        self.search_field = SearchField(toolbar)
        self.search_field.setObjectName("searchField")
        self.search_field.setClearButtonEnabled(True)
        settle_fades(self.search_field)
        self.search_field.setMinimumWidth(160)  # leaves room for Quick exit at 1024 pixels
        self.search_field.setMaximumWidth(520)
        self.search_field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        toolbar.addWidget(self.search_field)
        toolbar.addSeparator()
        for action_id in ("zoom-out", "zoom-in"):
            toolbar.addAction(self.action(action_id))
        toolbar.addAction(self.action("resources"))
        if len(self.library.languages) > 1:
            toolbar.addAction(self.action("language"))
        self._init_language_choices()
        for action_id in ("back", "forward", "resources"):
            button = toolbar.widgetForAction(self.action(action_id))
            if button is not None:
                button.setAccessibleName(self.action(action_id).text().replace("&", ""))
        if self.mode.show_toolbar and not self.mode.frameless:
            self._init_menus()

    def _init_language_choices(self) -> None:
        """One checkable action per pack language, named in that language (never translated).

        With more than two languages the toolbar's "language" button opens a menu of them;
        with two it switches to the other one at a press.
        """
        from PySide6.QtGui import QAction, QActionGroup

        self._language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code in self.library.languages:
            choice = QAction(language_name(code), self)
            choice.setObjectName(f"language-{code}")
            choice.setCheckable(True)
            choice.setActionGroup(group)
            choice.setChecked(code == self.lang)
            choice.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self._language_actions[code] = choice
        if len(self.library.languages) > 2:
            menu = QMenu(self)
            menu.addActions(list(self._language_actions.values()))
            self.action("language").setMenu(menu)
            button = self.toolbar.widgetForAction(self.action("language"))
            if isinstance(button, QToolButton):
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def _other_languages(self) -> list[str]:
        return [code for code in self.library.languages if code != self.lang]

    def _language_text(self) -> str:
        others = self._other_languages()
        return language_name(others[0]) if len(others) == 1 else self.tr("&Language")

    def _language_tip(self) -> str:
        others = self._other_languages()
        if len(others) == 1:
            return self.tr("Show the reader in {0}").format(language_name(others[0]))
        return self.tr("Choose the language of the reader")

    def _language_triggered(self) -> None:
        others = self._other_languages()
        if len(others) == 1:
            self.set_language(others[0])
            return
        menu = self.action("language").menu()
        if isinstance(menu, QMenu):  # the shortcut: open the menu under its button
            button = self.toolbar.widgetForAction(self.action("language"))
            if button is not None and button.isVisible():
                menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
            else:
                menu.popup(self.mapToGlobal(self.rect().center()))

    def _menu_titles(self) -> dict[str, str]:
        return {
            "go": self.tr("&Go"),
            "view": self.tr("&View"),
            "colours": self.tr("&Colours"),
            "language": self.tr("&Language"),
            "present": self.tr("&Present"),
            "help": self.tr("&Help"),
        }

    def _theme_labels(self) -> dict[str, str]:
        return {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
            "high-contrast": self.tr("High contrast"),
        }

    def _init_menus(self) -> None:
        """Fill the menus that _init_toolbar_frame put on the bar."""
        from PySide6.QtGui import QActionGroup

        go = self._menus["go"]
        for action_id in ("back", "forward", "home", "search", "find", "resources"):
            go.addAction(self.action(action_id))
        go.addSeparator()
        for action_id in ("next-pane", "previous-pane"):  # F6 and Shift+F6, shown here
            go.addAction(self.action(action_id))
        go.addSeparator()
        for action_id in ("print", "export"):
            go.addAction(self.action(action_id))
        if "quit" in self.actions_registry.ids():
            go.addSeparator()
            go.addAction(self.action("quit"))
        view = self._menus["view"]
        for action_id in ("zoom-in", "zoom-out", "zoom-reset"):
            view.addAction(self.action(action_id))
        self._min_font_menu = MinFontMenu(self.min_font_size, self.set_min_font_size, view)
        view.addMenu(self._min_font_menu)
        themes = self._menus["colours"] = view.addMenu("")
        self._theme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for name in THEME_NAMES:
            choice = themes.addAction("")
            choice.setCheckable(True)
            choice.setActionGroup(group)
            choice.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            choice.setChecked(name == self.theme_name)
            self._theme_actions[name] = choice
        themes.addSeparator()
        themes.addAction(self.action("theme"))
        if len(self._language_actions) > 1:
            languages = self._menus["language"] = view.addMenu("")
            languages.addActions(list(self._language_actions.values()))
        present = self._menus["present"]
        for action_id in ("present", "present-playlist", None, "bookmark", "playlist"):
            if action_id is None:
                present.addSeparator()
            else:
                present.addAction(self.action(action_id))
        help_menu = self._menus["help"]
        help_menu.addAction(self.action("about"))

    def retranslate_ui(self) -> None:
        """Set every text the window shows itself again, in the interface language.

        The constructor calls it once, and ``_set_ui_language`` when the language changes.
        The window and the two panes of its first paint (the tree and the page) have no
        ``changeEvent`` (``i18n.py`` says why), so the panes are retranslated from here; the
        other widgets retranslate themselves on ``LanguageChange``.
        """
        self.sidebar.retranslate_ui()
        self.reader.retranslate_ui()
        self.sidebar_title.setText(self.tr("Topics"))
        titles = self._menu_titles()
        for key, menu in self._menus.items():
            menu.setTitle(titles[key])
        self._update_title()
        if not self._chrome:
            return
        self.actions_registry.retranslate()
        self.toolbar.setWindowTitle(self.tr("Navigation"))
        self.toolbar.setAccessibleName(self.tr("Navigation"))
        self.search_field.setPlaceholderText(self.tr("Search: overdose, naloxone, 988…"))
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setAccessibleDescription(
            self.tr("Results appear as you type. Up and Down choose, Enter opens, Escape clears.")
        )
        name_clear_button(self.search_field, self.tr("Clear the search"))
        labels = self._theme_labels()
        for name, choice in getattr(self, "_theme_actions", {}).items():
            choice.setText(labels[name])
        self.fit_toolbar()

    def _init_window(self) -> None:
        self._update_title()
        if self.mode.frameless:
            self.setWindowFlag(QtCore.Qt.WindowType.FramelessWindowHint, True)
        self.setAnimated(False)  # reduced motion: bars and panes never glide (motion.py)
        status = self.statusBar()
        status.setVisible(self.mode.show_toolbar)
        # Styled now, not as it first shows: its height comes from its font, which a minimum
        # text size changes, and the page under it must not move after the first paint.
        status.ensurePolished()
        QApplication.sendPostedEvents(status, QEvent.Type.LayoutRequest)
        problems = self.library.errors()
        if problems:
            self.statusBar().showMessage(
                self.tr("This content pack has {0} problem(s); some pages may be missing.").format(
                    len(problems)
                )
            )

    # -- public surface ----------------------------------------------------------------
    def action(self, action_id: str):  # -> QAction
        return self.actions_registry.get(action_id)

    @property
    def presentation(self) -> SessionPresenter:
        """Presenting and the session playlist (made the first time they are asked for)."""
        if self._presentation is None:
            from hrreader.ui.present import SessionPresenter

            self._presentation = SessionPresenter(self)
        return self._presentation

    def _forget_presentation(self) -> None:
        if self._presentation is not None:
            self._presentation.forget()

    def current_section_address(self) -> str:
        """``topic:ID#SECTION`` of the section on screen (``topic:ID`` for the introduction)."""
        scheme, topic_id, fragment = parse_address(self._address)
        topic = self.library.topic(topic_id, self.lang) if scheme == "topic" else None
        if topic is None:
            return ""
        anchors = [s.anchor for s in topic.sections]
        anchor = visible_section(self.reader, anchors, fragment)
        return f"{topic.address}#{anchor}" if anchor else topic.address

    def address(self) -> str:
        return self._address

    def open(self, address: str) -> bool:
        """Go to ``topic:ID[#SECTION]`` or ``resource:ID``, or handle an outside link safely."""
        address = address.strip()
        scheme, target, fragment = parse_address(address)
        if scheme == "topic":
            return self._open_topic(target, fragment)
        if scheme == "resource":
            return self._open_resource(target)
        if address.lower().startswith("https://"):
            return self._open_external(address)
        self.desktop.inform(
            self.tr("This link cannot be opened"),
            self.tr(
                "For your safety, this reader opens only its own pages and https website "
                "links.\n\n{0}"
            ).format(address),
        )
        return False

    # -- navigation --------------------------------------------------------------------
    def _open_topic(self, topic_id: str, fragment: str, record: bool = True) -> bool:
        topic = self.library.topic(topic_id, self.lang)
        if topic is None:
            self.statusBar().showMessage(self.tr("There is no page called '{0}'.").format(topic_id))
            return False
        if fragment and topic.section(fragment) is None:
            fragment = ""
        address = f"topic:{topic_id}#{fragment}" if fragment else f"topic:{topic_id}"
        current_topic = self._address.split("#", 1)[0]
        if current_topic != f"topic:{topic_id}":
            self.reader.show_html(self.library.html(topic_id, self.lang), fragment)
        else:
            self.reader.scroll_to_section(fragment)
        self._address = address
        if record:
            self.history.visit(address)
        self.sidebar.show_address(address)
        self._update_title()
        self._update_nav_actions()
        return True

    def _open_resource(self, resource_id: str) -> bool:
        if not self.resources.select(resource_id):
            self.statusBar().showMessage(
                self.tr("There is no resource called '{0}'.").format(resource_id)
            )
            return False
        if self.mode.show_resources:
            self.resources.setVisible(True)
        return True

    def _open_external(self, url: str) -> bool:
        if not self.mode.external_links:
            # Texts as functions: the dialog says them again if the language changes.
            self.desktop.show_qr(
                lambda: self.tr("Open this website on your own phone"),
                lambda: self.tr(
                    "This computer does not open websites. Point your phone's camera at the "
                    "code to open the address on your phone, or copy it down:"
                ),
                url,
            )
            return False
        if not self.desktop.confirm(
            self.tr("Open a website?"),
            self.tr(
                "This opens your web browser, which needs the internet and may keep a history "
                "of the visit.\n\n{0}\n\nOpen it?"
            ).format(url),
        ):
            return False
        return self.desktop.open_url(url)

    def go_back(self) -> None:
        address = self.history.back()
        if address:
            self._open_topic(*_split(address), record=False)

    def go_forward(self) -> None:
        address = self.history.forward()
        if address:
            self._open_topic(*_split(address), record=False)

    def go_home(self) -> None:
        self.open(f"topic:{self.library.home}" if self.library.home else "")

    def clear_page(self) -> None:
        """Forget the page and the way here (quick exit, kiosk reset): an empty pane."""
        self.reader.show_html("")
        self._address = ""
        self.history.clear()
        self._update_nav_actions()
        self._update_title()

    def _set_ui_language(self, lang: str) -> None:
        """The interface in ``lang``; this window's own texts with it (``retranslate_ui``)."""
        before = current_ui_language()
        set_ui_language(lang)
        if current_ui_language() != before:
            self.retranslate_ui()

    def set_language(self, lang: str) -> None:
        """Show the interface and the content in ``lang`` (a pack language, else the pack's
        default), keeping the reader where they are: same address, same section on screen.

        The interface changes through Qt's translator (every widget's ``retranslate_ui``);
        the topic tree, resources, search and the page are loaded again in ``lang``.
        Remembered in personal mode.
        """
        lang = self.library.resolve_lang(lang)
        if lang == self.lang:
            self._set_ui_language(lang)  # e.g. at start, so the interface matches the content
            return
        # Where the reader is looking, before the page changes under them.
        section = self.current_section_address().partition("#")[2]
        self.lang = lang
        self._set_ui_language(lang)
        choice = self._language_actions.get(lang)
        if choice is not None:
            choice.setChecked(True)
        self.topic_model.set_library(self.library, lang)
        if self._resources is not None:
            self._resources.set_lang(lang)
        self.search_panel.set_lang(lang)
        self.search.set_lang(lang)
        address, self._address = self._address, ""
        if address.startswith("topic:"):
            topic_id, fragment = _split(address)
            self._open_topic(topic_id, fragment, record=False)
            if self._address == address and section != fragment:
                self.reader.scroll_to_section(section)
            if self.find_bar.isVisible() and self.find_bar.field.text():
                self._find(False, incremental=True)
        self._update_title()
        if self.mode.persist:
            self.store.set("language", lang)
        self.languageChanged.emit(lang)

    # -- pack updates ----------------------------------------------------------------------
    def watch_pack(self, paths: list[Path], interval_ms: int = 5000, idle_seconds: float = 60.0):
        """Reload the pack when its files change, at the next idle moment or kiosk reset."""
        from hrreader.ui.pack_watcher import PackWatcher

        self._pack_paths = list(paths)
        self.pack_watcher = PackWatcher(paths, interval_ms, idle_seconds, self)
        self.pack_watcher.reloadWanted.connect(self.reload_library)
        return self.pack_watcher

    def reload_library(self) -> bool:
        """Open the pack again and show it, keeping the reader's place when it still exists."""
        from hrreader.content.compiled import open_library
        from hrreader.content.model import PackError

        try:
            library = open_library(getattr(self, "_pack_paths", None) or None)
        except PackError as exc:  # half-copied pack on a share: keep what we have
            log.warning("not reloading the pack: %s", exc)
            return False
        self.library = library
        self.reader.set_library(library)
        self.lang = library.resolve_lang(self.lang)
        self.topic_model.set_library(library, self.lang)
        if self._resources is not None:
            self._resources.set_library(library, self.lang)
        from hrreader.ui.search_panel import THREAD_THRESHOLD

        self.search.reset(threaded=library.topic_count() > THREAD_THRESHOLD)
        self.start_search_index()
        address = self._address
        self._address = ""
        if not (address and self.open(address)):
            self.go_home()
        return True

    def focus_resources(self) -> None:
        self.resources.setVisible(True)
        self.resources.filter_field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    # -- search ------------------------------------------------------------------------
    def start_search_index(self) -> None:
        """Make search ready: attach a compiled index now, or build one off the UI thread."""
        from hrreader.content.search import SearchIndex

        if self.search.ready:
            return
        if self.library.compiled is not None:
            try:
                self.search.set_index(SearchIndex.attach(self.library.compiled))
                return
            except LookupError as exc:
                # Compiled by another hrreader version: titles, summaries and keywords can
                # still be indexed from the catalogue, so search keeps working.
                log.warning("the pack's search index cannot be used (%s); rebuilding", exc)
        from hrreader.ui.search_panel import THREAD_THRESHOLD

        if self.library.topic_count() <= THREAD_THRESHOLD:
            self.search.set_index(SearchIndex.build(self.library))
            return
        from hrreader.ui.search_panel import IndexBuilder

        self.search_panel.show_waiting()
        self._index_builder = IndexBuilder(self.library, self)
        self._index_builder.built.connect(self.search.set_index)
        self._index_builder.start()

    def focus_search(self) -> None:
        self.left_stack.setVisible(True)
        self.search_field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _search_text_changed(self, text: str) -> None:
        if text.strip():
            self.left_stack.setCurrentWidget(self.search_panel)
            if not self.search.ready:
                self.search_panel.show_waiting()
        self.search.set_text(text)

    def _search_accepted(self) -> None:
        self.search.flush()
        self.search.wait()
        QApplication.processEvents()
        self.search_panel.open_current()

    def _search_cleared(self) -> None:
        self.left_stack.setCurrentWidget(self.sidebar_panel)
        self.reader.clear_highlights()

    def open_hit(self, address: str, terms: list[str]) -> None:
        """Open a search result and mark the words that matched."""
        if self.open(address) and address.startswith("topic:"):
            self.reader.highlight_terms(terms)

    def show_find_bar(self) -> None:
        self.find_bar.show()
        self.find_bar.field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.find_bar.field.selectAll()
        if self.find_bar.field.text():
            self._find(False, incremental=True)

    def _find(self, backwards: bool, incremental: bool = False) -> None:
        text = self.find_bar.field.text()
        position, total = self.reader.find_text(text, backwards, incremental)
        if not text.strip():
            self.find_bar.count_label.setText("")
        elif total:
            self.find_bar.count_label.setText(self.tr("{0} of {1}").format(position, total))
        else:
            self.find_bar.count_label.setText(self.tr("Not found"))

    def _find_closed(self) -> None:
        self.reader.find_text("")
        self.reader.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def _update_nav_actions(self) -> None:
        if not self._chrome:
            return  # _build_chrome sets them
        self.action("back").setEnabled(self.history.can_back())
        self.action("forward").setEnabled(self.history.can_forward())

    def _update_title(self) -> None:
        if self.mode.neutral_title:
            self.setWindowTitle(self.tr("Reader"))
            return
        pack_title = self.library.info.title(self.lang)
        topic = self.library.topic(self._address.split("#")[0].partition(":")[2], self.lang)
        self.setWindowTitle(f"{topic.title} – {pack_title}" if topic else pack_title)

    # -- colours -----------------------------------------------------------------------
    def set_theme(self, name: str, remember: bool = True) -> None:
        """Switch colours now ("system", "light", "dark" or "high-contrast"); remembered
        in personal mode unless ``remember`` is False."""
        if name not in THEME_NAMES:
            return
        self.theme_name = name
        self.theme = theme_for(name, self.library.info.branding.accent)
        apply_app_theme(self.theme, self.mode.touch_target, self.min_font_size)
        self.reader.set_theme(self.theme)
        self.quick_exit_button.set_theme(self.theme)
        if self.kiosk is not None:
            self.kiosk.set_theme(self.theme)
        self.actions_registry.set_icon_colour(self.theme.text)
        if self._resources is not None:
            self._resources.set_card_css(card_css(self.theme, self.min_font_size))
        choice = getattr(self, "_theme_actions", {}).get(name)
        if choice is not None:
            choice.setChecked(True)
        if self.min_font_size:  # restyled widgets (the kiosk's) keep the minimum text size
            floor_widget_styles(self, self.min_font_size)
        self.fit_toolbar()  # a theme's padding changes how much room the buttons need
        if self.mode.persist and remember:
            self.store.set("theme", name)

    def next_theme(self) -> None:
        names = list(THEME_NAMES[1:])
        current = self.theme.name if self.theme_name == "system" else self.theme_name
        self.set_theme(
            names[(names.index(current) + 1) % len(names)] if current in names else "light"
        )

    # -- text size ---------------------------------------------------------------------
    def set_text_scale(self, scale: float) -> None:
        self.reader.set_scale(scale)
        self._update_zoom_actions()
        self.statusBar().showMessage(
            self.tr("Text size {0}%").format(round(self.reader.scale * 100)), 2000
        )
        if self.mode.persist:
            self.store.set("text_scale", self.reader.scale)

    def set_min_font_size(self, points: float, remember: bool = True) -> None:
        """Never show text smaller than ``points`` (0: no minimum) anywhere: the page, the
        card, the lists, the interface and presentations (text_size.py). Remembered in
        personal mode unless ``remember`` is False (the command line's choice)."""
        points = clamp_min_font(points)
        menu = getattr(self, "_min_font_menu", None)
        if menu is not None:
            menu.set_current(points)
        if remember and self.mode.persist:
            self.store.set("min_font_size", points)
        if points == self.min_font_size:
            return
        self.min_font_size = points
        apply_min_font(self.theme, self.mode.touch_target, points)
        self.sidebar.fit_row_heights()  # its words' new size (the stylesheet set it)
        if self._settled:  # the kiosk's and presenter's own sizes; at start, _settle does it
            # Not before: it wraps every widget for Python, which sets up each one's class
            # (19 million instructions before a first paint with a minimum text size).
            floor_widget_styles(self, points)
        self.reader.set_min_point_size(points)
        if self._resources is not None:
            self._resources.set_card_css(card_css(self.theme, points))
        if self._presentation is not None:
            self._presentation.set_min_font_size(points)
        self.fit_toolbar()  # larger words need more room
        if self._chrome:  # chosen from the menu: at start, _size_panes does it
            self._widen_side_panes()

    def _update_zoom_actions(self) -> None:
        if not self._chrome:
            return  # _build_chrome sets them
        self.action("zoom-in").setEnabled(self.reader.scale < MAX_SCALE)
        self.action("zoom-out").setEnabled(self.reader.scale > MIN_SCALE)

    def _restore_settings(self) -> None:
        scale = self.store.get("text_scale") if self.mode.persist else 1.0
        self.reader.set_scale(float(scale or 1.0) * self.mode.text_scale)
        self._update_zoom_actions()  # a remembered 300 % cannot grow further
        minimum = self._initial_min_font
        if minimum is None:
            minimum = remembered_min_font(self.store, self.mode.persist)
        if minimum:
            self.set_min_font_size(minimum, remember=False)
        geometry = bytes_from_text(self.store.get("window/geometry")) if self.mode.persist else None
        splitter = bytes_from_text(self.store.get("window/splitter")) if self.mode.persist else None
        if not (geometry and self.restoreGeometry(geometry)):
            self.resize(1200, 800)
        self._sized = bool(splitter and self.splitter.restoreState(splitter))
        if not self._sized:
            # Now, not when shown: the page is laid out once, at its real width.
            self._size_panes()

    # -- toolbar fit --------------------------------------------------------------------
    def fit_toolbar(self, width: int | None = None) -> None:
        """Give toolbar buttons their words where they fit in ``width`` (the window's).

        Longer labels (Spanish is about a fifth longer than English) or a narrow window would
        otherwise squeeze every button into "Ad...te"; instead the buttons in
        ``WORDS_DROP_ORDER`` show only their icon, one at a time, until the bar fits.
        Buttons a mode made icon-only itself (the kiosk's arrows) are left alone.
        """
        if not self._chrome:
            return
        bar = self.toolbar
        dropped = self._words_dropped
        for button in dropped.values():
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        dropped.clear()
        relax_toolbar(bar, self.search_field)
        available = (width if width is not None else self.width()) - _toolbar_chrome(bar)
        needed = _toolbar_needed_width(bar)
        for action_id in WORDS_DROP_ORDER:
            if needed <= available:
                break
            if action_id not in self.actions_registry.ids():
                continue
            button = bar.widgetForAction(self.action(action_id))
            if not isinstance(button, QToolButton) or not self.action(action_id).isVisible():
                continue
            if button.toolButtonStyle() != QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
                continue
            before = button.sizeHint().width()
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAccessibleName(self.action(action_id).text().replace("&", ""))
            dropped[action_id] = button
            needed -= before - button.sizeHint().width()
        if needed > available:  # large text: the field lends room, then the words shrink
            squeeze_toolbar(bar, self.search_field, available, lambda: _toolbar_needed_width(bar))

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width():
            self.fit_toolbar(event.size().width())
        super().resizeEvent(event)

    def _size_panes(self) -> None:
        """First run: give the reading pane the room, whatever the window's size; with a
        large minimum text size, the side panes as wide as their longest word needs."""
        width = max(self.width(), 800)
        side = min(max(int(width * 0.22), 220), 300)
        right = min(max(int(width * 0.25), 250), 340) if self.mode.show_resources else 0
        side, right = self._side_panes_for_words(width, side, right)
        self.splitter.setSizes([side, width - side - right, right])
        self._sized_for = self.width()

    def _side_panes_for_words(self, width: int, side: int, right: int) -> tuple[int, int]:
        """``side`` and ``right`` widened, each to at most a third of ``width``, so that no
        word of a topic, section, category or resource name is wider than its pane: the
        names wrap onto more lines (Sidebar.fit_row_heights, RoomyDelegate), but a word alone
        cannot."""
        if not self.min_font_size or self.library.topic_count() > OPEN_CATEGORIES_UP_TO:
            return side, right  # the usual sizes fit; a large pack's names elide anyway
        from PySide6.QtGui import QFont, QFontMetrics

        font = QFont(QApplication.font())
        font.setPointSizeF(max(font.pointSizeF(), self.min_font_size))
        bold = QFont(font)
        bold.setBold(True)
        plain_metrics, bold_metrics = QFontMetrics(font), QFontMetrics(bold)

        def widest(names: list[str], metrics: QFontMetrics) -> int:
            words = {word for name in names for word in name.split()}
            return max((metrics.horizontalAdvance(word) for word in words), default=0)

        lang, indent = self.lang, self.sidebar.indentation()
        topics = self.library.topics(lang)
        categories = [category_title(c, lang) for c in self.library.categories]
        sections = [s.title for t in topics for s in t.sections]
        # The item's margins, the scroll bar and the frames: what a row's words cannot use.
        chrome = ITEM_TEXT_MARGINS + 16 + 4
        tree = max(
            widest(categories, bold_metrics) + indent,
            widest([t.title for t in topics], plain_metrics) + 2 * indent,
            widest(sections, plain_metrics) + 3 * indent,
        )
        names = [r.name(lang, self.library.default_lang) for r in self.library.resources]
        third = width // 3
        side = max(side, min(tree + chrome, third))
        if right:
            right = max(right, min(widest(names, plain_metrics) + chrome + 16, third))
        return side, right

    def _widen_side_panes(self) -> None:
        """After a new minimum text size: widen a side pane whose words no longer fit (never
        narrow one; the reading pane gives the room)."""
        sizes = self.splitter.sizes()
        if len(sizes) != 3:
            return
        side, right = self._side_panes_for_words(sum(sizes), sizes[0], sizes[2])
        if (side, right) != (sizes[0], sizes[2]):
            self.splitter.setSizes([side, sum(sizes) - side - right, right])

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized and self._sized_for != self.width():
            self._size_panes()  # resized since (a --size, a screenshot)
        self._sized = True
        super().showEvent(event)

    def save_settings(self) -> None:
        if not self.mode.persist:
            return
        self.store.set("window/geometry", bytes_as_text(self.saveGeometry()))
        self.store.set("window/splitter", bytes_as_text(self.splitter.saveState()))

    # -- handouts ----------------------------------------------------------------------
    def _handout_address(self, address: str | None) -> str:
        """The handout to make: ``address``, else the whole topic being read."""
        if address:
            return address
        return self._address.split("#", 1)[0] if self._address.startswith("topic:") else ""

    def print_handout(self, address: str | None = None) -> bool:
        """Print the topic (or ``address``) as a handout, after the system print dialog."""
        address = self._handout_address(address)
        if not self.mode.allow_print or not address:
            return False
        from hrreader.ui.export import ExportError, handout_for, render_handout, set_margins

        try:
            handout = handout_for(self.library, address, self.lang)
        except ExportError:
            return False
        printer = self.desktop.choose_printer(self.tr("Print a handout"))
        if printer is None:
            return False
        set_margins(printer)
        try:
            pages = render_handout(self.library, handout, printer, min_pt=self.min_font_size)
        except OSError as exc:
            self.desktop.inform(self.tr("The handout was not printed"), str(exc))
            return False
        self.statusBar().showMessage(
            self.tr("Sent {0} page(s) to the printer.").format(pages), 4000
        )
        return True

    def export_handout(self, path: str | None = None, address: str | None = None) -> bool:
        """Save the topic (or ``address``) as a PDF handout, asking where unless ``path``."""
        address = self._handout_address(address)
        if not self.mode.allow_print or not address:
            return False
        from hrreader.ui.export import (
            ExportError,
            default_page_size,
            export_pdf,
            suggested_file_name,
        )

        if not path:
            path = self.desktop.save_file_name(
                self.tr("Save a handout"),
                suggested_file_name(address),
                self.tr("PDF documents (*.pdf)"),
            )
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            pages = export_pdf(
                self.library,
                address,
                path,
                self.lang,
                default_page_size(),
                min_pt=self.min_font_size,
            )
        except (ExportError, OSError) as exc:
            self.desktop.inform(self.tr("The handout was not saved"), str(exc))
            return False
        self.statusBar().showMessage(
            self.tr("Saved a {0}-page handout to {1}").format(pages, path), 6000
        )
        return True

    # -- About -------------------------------------------------------------------------
    def show_about(self) -> None:
        info = self.library.info
        lines = [
            f"<h3>{info.title(self.lang)}</h3>",
            "<p>"
            + self.tr(
                "An offline reader for harm-reduction information. It never uses the internet."
            )
            + "</p>",
            "<p>"
            + self.tr("This is general information, not medical advice. In an emergency, call 911.")
            + "</p>",
            "<p>"
            + self.tr("Content: {0}, version {1}.").format(
                info.branding.organisation or info.id, info.version
            )
            + "</p>",
            f"<p>hrreader {__version__}</p>",
        ]
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About this reader"))
        box.setTextFormat(QtCore.Qt.TextFormat.RichText)
        box.setText("".join(lines))
        from PySide6.QtGui import QIcon

        box.setIconPixmap(QIcon(":/icons/app.svg").pixmap(64, 64))
        box.exec()

    # -- closing -----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.mode.allow_quit:
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)


#: About what the styles give a toolbar separator with its margins (Fusion: 6 + 2). Not
#: asked of the style: QStyle's enums are large, and PySide builds them all at first use,
#: which is before the first paint when this runs.
SEPARATOR_WIDTH = 8


def _toolbar_chrome(bar: QToolBar) -> int:
    """Pixels of a toolbar's width that no item can use: frame, margins, handle."""
    layout = bar.layout()
    margins = layout.contentsMargins() if layout is not None else None
    inner = margins.left() + margins.right() if margins is not None else 0
    own = bar.contentsMargins()
    return inner + own.left() + own.right() + 8


def _toolbar_needed_width(bar: QToolBar) -> int:
    """The width a toolbar's visible items need side by side (fields at their minimum)."""
    layout = bar.layout()
    from PySide6.QtWidgets import QSizePolicy

    expanding = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
    spacing = max(layout.spacing(), 0) if layout is not None else 0
    separator = SEPARATOR_WIDTH
    total, count = 0, 0
    for action in bar.actions():
        if action.isSeparator():
            # Not asking for the separator's widget: it is of a private class, and wrapping
            # one makes PySide set up every widget class it might be (~50 enum types, at
            # start-up).
            total += separator if action.isVisible() else 0
            count += action.isVisible()
            continue
        widget = bar.widgetForAction(action)
        if widget is None or not action.isVisible():
            continue
        hint = widget.sizeHint().width()
        if widget.sizePolicy().horizontalPolicy() in expanding:
            hint = max(widget.minimumWidth(), widget.minimumSizeHint().width())
        total += hint
        count += 1
    return total + spacing * max(count - 1, 0)


def _split(address: str) -> tuple[str, str]:
    _scheme, target, fragment = parse_address(address)
    return target, fragment
