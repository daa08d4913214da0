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

    def confirm(self, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer

    def inform(self, title: str, text: str) -> None:
        self.notices.append(text)

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        return True


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
        qtbot.addWidget(window)
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
