"""The real program's window in this process, for benchmarks that use it as a person would.

Shared by ``open_topic.py`` and ``kiosk_soak.py``: built at once (``build_window``, as the
tests and screenshots build it) with settings kept in memory, offscreen unless
``QT_QPA_PLATFORM`` says otherwise, and returned once the events of its own start have run
(laid out, painted, search attached).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from hrreader.ui.main_window import MainWindow


def settled_window(*argv: str, pack: str | None = None) -> tuple[QApplication, MainWindow]:
    """The application and a shown window for these command-line options (and ``--pack``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from hrreader.ui.app import build_window, ensure_app
    from hrreader.ui.settings import MemoryStore

    app = ensure_app()
    window = build_window([*argv, *(["--pack", pack] if pack else [])], store=MemoryStore())
    window.show()
    for _ in range(20):
        app.processEvents()
    return app, window
