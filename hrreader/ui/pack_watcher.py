"""Notice when a clinic updates its pack (on a shared drive) and reload at a calm moment.

The watcher polls ``pack_signature`` (names, sizes and times only) and never reloads while
someone is reading: only after a stretch without input, or when the kiosk resets.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from hrreader.content.packs import pack_signature

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class PackWatcher(QObject):
    """Emits ``reloadWanted`` once the pack changed and nobody has touched the reader lately."""

    reloadWanted = Signal()

    def __init__(
        self,
        paths: Sequence[Path],
        interval_ms: int = 5000,
        idle_seconds: float = 60.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths = list(paths)
        self._signature = pack_signature(self._paths)
        self._idle_seconds = idle_seconds
        self._last_input = time.monotonic()
        self.pending = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last_input = time.monotonic()
        return False

    def poll(self) -> None:
        signature = pack_signature(self._paths)
        if signature != self._signature:
            self._signature = signature
            self.pending = True
        if self.pending and time.monotonic() - self._last_input >= self._idle_seconds:
            self.take_pending()

    def take_pending(self) -> bool:
        """Reload now if the pack changed (the kiosk calls this when it resets)."""
        if not self.pending:
            return False
        self.pending = False
        self.reloadWanted.emit()
        return True
