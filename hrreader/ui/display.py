"""Say which system package is missing before Qt aborts with a generic message.

On a fresh Debian or Ubuntu desktop, Qt's X11 plugin needs libraries that pip cannot
install (``libxcb-cursor0``, ``libxcb-icccm4``, ``libxcb-keysyms1`` ...). Without them Qt
prints a long "could not load the Qt platform plugin" and aborts. This module checks first,
with ctypes only (no Qt), and returns one sentence naming what to install.
"""

from __future__ import annotations

import os
import sys

#: Shared library -> Debian/Ubuntu package, for Qt 6's xcb platform plugin.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    # The DT_NEEDED list of Qt 6's libQt6XcbQpa (read with ldd), minus what every desktop has.
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libEGL.so.1", "libegl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
)


def missing_packages(libraries: tuple[tuple[str, str], ...] = XCB_LIBRARIES) -> list[str]:
    """Debian package names whose shared library cannot be loaded."""
    import ctypes  # here: a Wayland or offscreen start never needs it

    missing: list[str] = []
    for soname, package in libraries:
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def display_problem(environ: dict[str, str] | None = None, platform: str = sys.platform) -> str:
    """A one-line explanation when Qt will not be able to open a window, else ``""``."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return ""
    qpa = env.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith("xcb"):
        return ""  # offscreen, wayland, vnc ...: Qt's own choice, nothing to check here
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "no display found (DISPLAY is not set): start hrreader from a desktop session, "
            "or use 'hrreader screenshot OUT.png' to draw it without one"
        )
    if env.get("WAYLAND_DISPLAY") and not qpa:
        return ""
    missing = missing_packages()
    if missing:
        return (
            "Qt cannot open a window because system libraries are missing; on Debian or "
            f"Ubuntu run: sudo apt install {' '.join(missing)}"
        )
    return ""
