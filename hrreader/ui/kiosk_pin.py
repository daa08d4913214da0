"""The kiosk's staff PIN: stored only as a salted hash, checked in constant time, rate-limited.

``hrreader kiosk-pin`` writes the record; the kiosk window only reads it. The record is a
small JSON file in the machine's config folders (QStandardPaths ``AppConfigLocation``): the
system-wide folders are read first (so an administrator's PIN wins over one a user set),
then the user's own. Nothing here imports Qt widgets; QtCore is imported only to find the
folders, so the command works without a display.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PIN_FILE = "kiosk-pin.json"
#: Organisation and application folder, as QStandardPaths names it for app.py's names.
APP_FOLDER = Path("hrreader", "hrreader")
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 64
#: Wrong PINs in a row before the prompt locks, and for how long.
MAX_ATTEMPTS = 5
LOCK_SECONDS = 60.0

# scrypt at n=2**14, r=8 costs about 16 MiB and 60 ms: slow to guess, quick for staff.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_PBKDF2_ITERATIONS = 600_000
_DKLEN = 32


class PinError(ValueError):
    """A PIN that cannot be used (too short, too long, only spaces)."""


def check_new_pin(pin: str) -> str:
    """The PIN as it will be stored, or ``PinError`` saying what is wrong with it."""
    pin = pin.strip()
    if len(pin) < MIN_PIN_LENGTH:
        raise PinError(f"a staff PIN needs at least {MIN_PIN_LENGTH} characters")
    if len(pin) > MAX_PIN_LENGTH:
        raise PinError(f"a staff PIN can have at most {MAX_PIN_LENGTH} characters")
    return pin


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, record: dict[str, Any]) -> bytes:
    salt = base64.b64decode(record["salt"])
    if record.get("algorithm") == "scrypt":
        return hashlib.scrypt(
            pin.encode("utf-8"),
            salt=salt,
            n=int(record["n"]),
            r=int(record["r"]),
            p=int(record["p"]),
            dklen=_DKLEN,
        )
    if record.get("algorithm") == "pbkdf2-sha256":
        return hashlib.pbkdf2_hmac(
            "sha256", pin.encode("utf-8"), salt, int(record["iterations"]), _DKLEN
        )
    raise ValueError(f"unknown PIN algorithm {record.get('algorithm')!r}")


def hash_pin(pin: str) -> dict[str, Any]:
    """A record holding a random salt and the PIN's scrypt hash (never the PIN itself)."""
    pin = check_new_pin(pin)
    salt = secrets.token_bytes(16)
    if hasattr(hashlib, "scrypt"):
        record: dict[str, Any] = {"version": 1, "algorithm": "scrypt", **_SCRYPT}
    else:  # Python built against an OpenSSL without scrypt
        record = {"version": 1, "algorithm": "pbkdf2-sha256", "iterations": _PBKDF2_ITERATIONS}
    record["salt"] = _b64(salt)
    record["hash"] = _b64(_derive(pin, record))
    return record


def verify_pin(pin: str, record: dict[str, Any]) -> bool:
    """True when ``pin`` matches ``record``; compares in constant time."""
    try:
        expected = base64.b64decode(record["hash"])
        actual = _derive(pin.strip(), record)
    except (KeyError, ValueError, TypeError, MemoryError) as exc:
        log.warning("the staff PIN record cannot be read: %s", exc)
        return False
    return hmac.compare_digest(actual, expected)


# -- where the record lives -------------------------------------------------------------
def config_folders() -> tuple[Path, list[Path]]:
    """(the user's config folder, the machine-wide ones) for hrreader.

    The same folders as QStandardPaths' ``AppConfigLocation`` for the application
    "hrreader" of the organisation "hrreader" (how ``app.py`` names it), whatever the
    running QCoreApplication is called, so the command and the kiosk always agree.
    """
    from PySide6.QtCore import QStandardPaths

    where = QStandardPaths.StandardLocation.GenericConfigLocation
    user = Path(QStandardPaths.writableLocation(where))
    system = [Path(p) for p in QStandardPaths.standardLocations(where) if Path(p) != user]
    return user / APP_FOLDER, [folder / APP_FOLDER for folder in system]


def user_pin_path() -> Path:
    return config_folders()[0] / PIN_FILE


def system_pin_path() -> Path:
    _user, system = config_folders()
    if not system:
        raise OSError("this system has no machine-wide config folder; use --file")
    return system[0] / PIN_FILE


def pin_paths() -> list[Path]:
    """Where the kiosk looks, in order: machine-wide folders first, then the user's."""
    user, system = config_folders()
    return [*(p / PIN_FILE for p in system), user / PIN_FILE]


def load_pin_record(paths: Sequence[Path] | None = None) -> dict[str, Any] | None:
    """The first readable PIN record, or ``None`` when no PIN is set."""
    for path in pin_paths() if paths is None else paths:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            log.warning("ignoring an unreadable staff PIN file %s: %s", path, exc)
            continue
        if isinstance(record, dict) and "hash" in record and "salt" in record:
            return record
        log.warning("ignoring a staff PIN file without a hash: %s", path)
    return None


def save_pin_record(record: dict[str, Any], path: Path) -> Path:
    """Write the record atomically, readable by its owner only (where the system allows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".kiosk-pin-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(record, out, indent=2)
            out.write("\n")
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


# -- the rate-limited check ---------------------------------------------------------------
class PinResult(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    UNSET = "unset"


class PinGate:
    """Checks PINs; after ``MAX_ATTEMPTS`` wrong ones, refuses every try for ``LOCK_SECONDS``.

    ``load`` returns the current record (read on every try, so a PIN set while the kiosk
    runs takes effect); ``clock`` is injectable so tests need not wait a minute.
    """

    def __init__(
        self,
        load: Callable[[], dict[str, Any] | None] = load_pin_record,
        clock: Callable[[], float] = time.monotonic,
        max_attempts: int = MAX_ATTEMPTS,
        lock_seconds: float = LOCK_SECONDS,
    ) -> None:
        self._load = load
        self.clock = clock
        self.max_attempts = max_attempts
        self.lock_seconds = lock_seconds
        self._wrong = 0
        self._locked_until = 0.0

    def is_set(self) -> bool:
        return self._load() is not None

    def locked_for(self) -> float:
        """Seconds until the prompt accepts a PIN again (0 when it does now)."""
        remaining = self._locked_until - self.clock()
        if remaining <= 0 and self._locked_until:
            self._locked_until = 0.0
            self._wrong = 0
        return max(0.0, remaining)

    @property
    def tries_left(self) -> int:
        return max(0, self.max_attempts - self._wrong)

    def attempt(self, pin: str) -> PinResult:
        if self.locked_for() > 0:
            return PinResult.LOCKED
        record = self._load()
        if record is None:
            return PinResult.UNSET
        if verify_pin(pin, record):
            self._wrong = 0
            return PinResult.OK
        self._wrong += 1
        if self._wrong >= self.max_attempts:
            self._locked_until = self.clock() + self.lock_seconds
            return PinResult.LOCKED
        return PinResult.WRONG
