"""Fixtures for window tests: a real MainWindow on the default pack, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from hrreader.ui.main_window import MainWindow
from hrreader.ui.settings import MemoryStore, SettingsStore


class FakeDesktop:
    """Answers the window's questions and records what would have opened."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.questions: list[str] = []
        self.notices: list[str] = []
        self.opened: list[str] = []
        #: (title, text, payload) of every QR code shown instead of opening a browser.
        self.qr_codes: list[tuple[str, str, str]] = []
        #: A PDF path: ``choose_printer`` returns a printer that writes there ("" = cancel).
        self.printer_output = ""
        #: What ``save_file_name`` answers ("" = the person cancelled).
        self.save_path = ""

    def confirm(self, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer

    def inform(self, title: str, text: str) -> None:
        self.notices.append(text)

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        return True

    def show_qr(self, title, text, payload: str) -> None:
        """Records the words as shown now (the window may pass functions that give them)."""
        words = [t() if callable(t) else t for t in (title, text)]
        self.qr_codes.append((words[0], words[1], payload))

    def choose_printer(self, title: str):  # -> QPrinter | None
        self.questions.append(title)
        if not self.printer_output:
            return None
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(self.printer_output)
        return printer

    def save_file_name(self, title: str, suggested: str, filters: str) -> str:
        self.questions.append(f"{title}: {suggested}")
        return self.save_path


def let_go(window: MainWindow) -> None:
    """A kiosk refuses to close: stop its timers and filters and hide it, so it ends with
    its test instead of reacting to the next test's keys."""
    kiosk = getattr(window, "kiosk", None)
    if kiosk is not None:
        kiosk.release()
        window.hide()


@pytest.fixture(autouse=True)
def _english_interface_after_each_test():
    """The interface translator belongs to the one QApplication all tests share: put English
    back after a test that switched language, so the next one starts as it expects."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from hrreader.ui.i18n import set_ui_language

        set_ui_language("en")


@pytest.fixture
def desktop() -> FakeDesktop:
    return FakeDesktop()


@pytest.fixture
def make_window(qtbot, desktop: FakeDesktop) -> Iterator[Callable[..., MainWindow]]:
    """Build windows from command-line options; each is shown and closed after the test."""
    from hrreader.ui.app import build_window

    made: list[MainWindow] = []

    def make(*argv: str, store: SettingsStore | None = None, show: bool = True) -> MainWindow:
        window = build_window(list(argv), store=store or MemoryStore(), desktop=desktop)
        qtbot.addWidget(window, before_close_func=let_go)
        if show:
            window.resize(1200, 800)
            window.show()
            qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


@pytest.fixture(autouse=True)
def _delete_closed_windows():
    """Really delete the windows a test closed.

    pytest-qt closes them and calls ``deleteLater``, but no event loop at that level ever
    runs between tests, so they lived on: every later ``QApplication.setStyleSheet`` (each
    new window sets the theme) then polished all of them again, and a test module's last
    windows took 10 s or more to build.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
