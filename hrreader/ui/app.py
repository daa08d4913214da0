"""Application set-up: QApplication, theme, settings store and the window, from the command line.

``build_window(argv)`` is the one place that turns options into a ready ``MainWindow``; the
real program, ``hrreader screenshot`` and the tests all go through it.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from hrreader import __version__
from hrreader.cli import window_parser
from hrreader.content.compiled import open_library
from hrreader.ui import resources_rc  # noqa: F401 - registers :/icons and :/i18n
from hrreader.ui.i18n import set_ui_language
from hrreader.ui.main_window import Desktop, MainWindow
from hrreader.ui.modes import mode_for
from hrreader.ui.settings import MemoryStore, SettingsStore, store_for
from hrreader.ui.text_size import clamp_min_font, remembered_min_font
from hrreader.ui.theme import FUSION_ARGUMENTS, apply_app_theme, started_in_fusion, theme_for

log = logging.getLogger(__name__)

APP_NAME = "hrreader"


def ensure_app(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication, made now if there is none: named, and in the Fusion style."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(APP_NAME)
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setApplicationVersion(__version__)
        # High-DPI scale factors pass through unrounded: Qt 6's default, so not set here
        # (naming the policy would build PySide's whole Qt namespace before the first paint).
        app = QApplication([APP_NAME, *FUSION_ARGUMENTS, *argv])
        started_in_fusion(app)
    return app  # type: ignore[return-value]


def build_window(
    argv: Sequence[str] = (),
    store: SettingsStore | None = None,
    desktop: Desktop | None = None,
    staged: bool = False,
    options: argparse.Namespace | None = None,
) -> MainWindow:
    """A ready, unshown window for these command-line options (a QApplication must exist).

    ``staged`` (the real program): the window paints its first page before it builds the
    resources pane and search, which it does straight after (``MainWindow.finish_start``).
    ``options``: ``argv`` already parsed by ``cli.window_parser``'s options (``cli.main``).
    """
    args = options if options is not None else window_parser().parse_args(list(argv))
    mode = mode_for(args.mode)
    if getattr(args, "allow_print", False) and not mode.allow_print:
        mode = mode._replace(allow_print=True)
    if args.idle_timeout is not None and mode.idle_reset_seconds is not None:
        # --idle-timeout 0 turns the idle reset off (a kiosk that staff watch over).
        mode = mode._replace(idle_reset_seconds=max(0, args.idle_timeout) or None)
    # The bundled pack's compiled file is checked against its source after the first paint
    # when staged (MainWindow.finish_start), which reads and hashes every source file.
    check_later = staged and not args.pack
    library = open_library(
        [Path(p) for p in args.pack or []] or None,  # --pack may repeat
        verify_default=not check_later,
    )
    store = store if store is not None else store_for(mode.persist)
    theme_name = args.theme or (store.get("theme") if mode.persist else None) or "system"
    # --lang, else the language chosen last time (personal mode), else the pack's default;
    # the interface translator goes in before any widget is made, so they start translated.
    lang = library.resolve_lang(args.lang or (store.get("language") if mode.persist else None))
    set_ui_language(lang)
    # The kiosk's first screen is its start screen, and a presentation covers the window:
    # neither shows the page first, so neither gains from staging.
    staged = staged and not mode.start_screen and not mode.start_presenting
    theme = theme_for(theme_name, library.info.branding.accent, first_paint=staged)
    # The smallest text size is in the stylesheet before any widget is made, so the window
    # is laid out once, at its real size, before its first paint. --min-font-size is for
    # this run only: the remembered choice stays.
    if args.min_font_size is not None:
        min_font = clamp_min_font(args.min_font_size)
    else:
        min_font = remembered_min_font(store, mode.persist)
    apply_app_theme(theme, mode.touch_target, min_font, calm=not staged)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setApplicationDisplayName("" if mode.neutral_title else library.info.title(""))
    window = MainWindow(
        library,
        mode,
        store,
        theme,
        lang=lang,
        desktop=desktop,
        theme_name=theme_name,
        staged=staged,
        min_font_size=min_font,
    )
    window.verify_default_pack_later = check_later and library.compiled is not None
    if args.size:
        window.resize(*args.size)
    if not staged:
        # After the first paint: attaching a compiled index is instant, building one is not.
        QTimer.singleShot(0, window.start_search_index)
    pack_paths = [Path(p) for p in args.pack or [] if not str(p).endswith(".hrpack")]
    if pack_paths:
        window.watch_pack(pack_paths)
    start = args.open or (f"topic:{library.home}" if library.home else "")
    if not start or not window.open(start):
        first = library.topics(window.lang)
        if first:
            window.open(first[0].address)
    if not window.address() and library.home:
        # Started at a resource card: show the first page beside it, not an empty pane.
        window.open(f"topic:{library.home}")
    if mode.start_presenting:
        # Once the window is up, so the presentation opens on top of it; --size gives a
        # window of that size instead of fullscreen (for screenshots).
        address, size = window.address(), args.size
        QTimer.singleShot(
            0, window, lambda: window.presentation.present_address(address, size=size)
        )
    return window


def _show(window: MainWindow) -> None:
    if window.mode.fullscreen:
        window.showFullScreen()
    else:
        window.show()


def _install_excepthook(window: MainWindow) -> None:
    """A bug shows a calm message and is logged, instead of the window vanishing."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if window.kiosk is not None:
            window.kiosk.reset()  # start over for the next person, no traceback on screen
            return
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            window,
            QCoreApplication.translate("MainWindow", "Something went wrong"),
            QCoreApplication.translate(
                "MainWindow",
                "The reader hit a problem it did not expect. You can keep reading; if it "
                "happens again, please tell the people who gave you this reader.\n\n{0}",
            ).format(f"{kind.__name__}: {exc}"),
        )

    sys.excepthook = hook


def run_window(
    argv: list[str], resume_gc: bool = False, options: argparse.Namespace | None = None
) -> int:
    """Open the window and run until it closes.

    ``resume_gc``: the command line paused Python's cycle collector for the start
    (``cli.main``); it is turned back on once the window has finished starting.
    """
    from hrreader.ui.display import display_problem

    problem = display_problem()
    if problem:
        print(f"hrreader: {problem}", file=sys.stderr)
        return 3
    app = ensure_app()
    window = build_window(argv, staged=True, options=options)
    _install_excepthook(window)
    _show(window)
    if resume_gc:
        if window.starting:
            window.startFinished.connect(gc.enable)
        else:
            gc.enable()
    return app.exec()


def take_screenshot(out: Path, argv: list[str]) -> int:
    """Draw the window offscreen at its size and save a PNG: how the README's pictures are made."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ensure_app()
    # A screenshot neither reads nor writes the person's settings.
    window = build_window(argv, store=MemoryStore())
    window.show()
    # Let delayed layouts (item views lay out on a timer) finish before drawing.
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()
    pixmap = (window.presentation.surface() or window).grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(out)):
        print(f"hrreader: could not write {out}", file=sys.stderr)
        return 1
    window.close()
    print(f"wrote {out} ({pixmap.width()}x{pixmap.height()})")
    return 0
