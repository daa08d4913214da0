"""One settings interface, two stores: ``QSettings`` on disk, or memory that writes nothing.

Private, kiosk and present modes get the memory store, so no code path can leave a trace
on disk by forgetting to check the mode.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QSettings, QStandardPaths

DEFAULTS: dict[str, Any] = {
    "text_scale": 1.0,
    #: The smallest text size in points (0: none); see text_size.py.
    "min_font_size": 0.0,
    "window/geometry": None,
    "window/splitter": None,
}


class SettingsStore(Protocol):
    def get(self, key: str) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...
    def clear(self) -> None: ...


class MemoryStore:
    """Settings for this run only."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self._values.get(key, DEFAULTS.get(key))

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value

    def clear(self) -> None:
        self._values.clear()


class DiskStore:
    """Settings in an INI file in the platform's config folder (QStandardPaths)."""

    def __init__(self, path: str | None = None) -> None:
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.AppConfigLocation
            )
            path = f"{folder}/settings.ini"
        self._settings = QSettings(path, QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._settings.fileName()

    def get(self, key: str) -> Any:
        value = self._settings.value(key, DEFAULTS.get(key))
        default = DEFAULTS.get(key)
        if isinstance(default, float) and value is not None:
            try:
                return float(value)
            except (TypeError, ValueError):
                return default
        return value

    def set(self, key: str, value: Any) -> None:
        self._settings.setValue(key, value)

    def clear(self) -> None:
        self._settings.clear()

    def sync(self) -> None:
        self._settings.sync()


def store_for(persist: bool) -> SettingsStore:
    return DiskStore() if persist else MemoryStore()
