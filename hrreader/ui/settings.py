"""One settings interface, two stores: a JSON file on disk, or memory that writes nothing.

Private, kiosk and present modes get the memory store, so no code path can leave a trace
on disk by forgetting to check the mode.

The disk store is a small JSON file rather than ``QSettings``: it is read before the
window's first paint, where ``QSettings`` would set up its own and ``QByteArray``'s
PySide classes (5 million instructions, ``benchmarks/startup_instructions.py``). JSON also
keeps a value's type (a list of one address stays a list), and the file can be read.
Values are JSON's: text, numbers, booleans, ``None`` and lists of them; bytes (a window's
geometry) are stored as base64 text by their owner.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "text_scale": 1.0,
    #: The smallest text size in points (0: none); see text_size.py.
    "min_font_size": 0.0,
    "window/geometry": None,
    "window/splitter": None,
}

#: The file's name in the platform's config folder.
FILE_NAME = "settings.json"


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


def default_path() -> Path:
    """``settings.json`` in the platform's folder for this program's settings."""
    return config_folder() / FILE_NAME


def config_folder() -> Path:
    """The folder ``QStandardPaths`` names for this program's settings (AppConfigLocation).

    On Linux and the BSDs that is the XDG rule, followed here as Qt follows it: asking Qt
    sets up its QStandardPaths class before the first paint (2 million instructions,
    ``benchmarks/startup_instructions.py``). ``tests/ui/test_settings.py`` checks the two
    agree."""
    from PySide6.QtCore import QCoreApplication

    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_CONFIG_HOME", "")
        if not os.path.isabs(base):  # unset, empty or relative: the XDG default
            base = os.path.join(os.path.expanduser("~"), ".config")
        names = (QCoreApplication.organizationName(), QCoreApplication.applicationName())
        return Path(base, *(name for name in names if name))
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.StandardLocation.AppConfigLocation
    return Path(QStandardPaths.writableLocation(location))


class DiskStore:
    """Settings in a JSON file, written whenever one changes (a few writes a session), so a
    crash or Quick exit loses nothing that was already chosen."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self._path = Path(path) if path is not None else default_path()
        self._values = _read(self._path)

    def get(self, key: str) -> Any:
        default = DEFAULTS.get(key)
        value = self._values.get(key, default)
        if isinstance(default, float) and value is not None:
            # A number written by hand may be text or a whole number.
            try:
                return float(value)
            except (TypeError, ValueError):
                return default
        return value

    def set(self, key: str, value: Any) -> None:
        json.dumps(value)  # a value the file cannot hold fails here, where it is set
        if key in self._values and self._values[key] == value:
            return
        self._values[key] = value
        self._write()

    def clear(self) -> None:
        self._values.clear()
        self._write()

    def _write(self) -> None:
        """The whole file, replaced at once: a reader never sees half of it."""
        import tempfile

        text = json.dumps(self._values, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        temporary = ""
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self._path.parent, prefix=".settings-", delete=False
            ) as file:
                temporary = file.name
                file.write(text)
            os.replace(temporary, self._path)
        except OSError as error:
            log.warning("%s: cannot save the settings: %s", self._path, error)
            if temporary:
                Path(temporary).unlink(missing_ok=True)


def _read(path: Path) -> dict[str, Any]:
    """The settings in ``path``; none (the defaults) when it is missing or unreadable, with
    a warning that names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        log.warning("%s: cannot read the settings, using the defaults: %s", path, error)
        return {}
    try:
        values = json.loads(text)
    except json.JSONDecodeError as error:
        log.warning(
            "%s:%d: the settings are not valid JSON (%s), using the defaults",
            path,
            error.lineno,
            error.msg,
        )
        return {}
    if not isinstance(values, dict):
        log.warning("%s:1: the settings are not a JSON object, using the defaults", path)
        return {}
    return values


def bytes_as_text(data: Any) -> str:
    """Bytes, or a ``QByteArray`` (a window's saved geometry), as text a store can hold."""
    return base64.b64encode(bytes(data)).decode("ascii")


def bytes_from_text(value: Any) -> bytes | None:
    """What ``bytes_as_text`` made, back as bytes; ``None`` for anything else (nothing saved,
    or a value edited by hand into something that is not base64)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None


def store_for(persist: bool) -> SettingsStore:
    return DiskStore() if persist else MemoryStore()
