"""Modes as policy objects: one frozen row per mode that every component consults.

A component never asks "are we in kiosk mode?"; it asks the policy a question
("may I write settings?", "how big must a button be?"). Adding a mode is adding a row.
"""

from typing import NamedTuple


class Mode(NamedTuple):
    """What a way of using the reader allows and keeps: personal, private, kiosk, present.

    DESIGN.md's "one frozen dataclass", as a named tuple: as immutable, and cheaper to
    define at start-up (``content/model.py`` says why)."""

    name: str
    #: Settings, text size, window layout and caches may be written to disk.
    persist: bool
    #: https links may open the system browser (after asking).
    external_links: bool
    #: Quitting (window close, Ctrl+Q) is allowed.
    allow_quit: bool
    #: Seconds without input before the "are you still reading?" reset; ``None`` never.
    idle_reset_seconds: int | None
    #: Minimum width and height of anything a person can press, in pixels.
    touch_target: int
    #: Multiplies the reading text size.
    text_scale: float
    fullscreen: bool
    frameless: bool
    show_sidebar: bool
    show_resources: bool
    show_toolbar: bool
    #: A window title and icon that say nothing about what is being read.
    neutral_title: bool
    allow_print: bool
    #: Presenting (F5) and the session playlist are available.
    allow_present: bool = True
    #: The window starts in presentation, at the section it opens (``--present``).
    start_presenting: bool = False
    #: A shared machine: a start screen with the language choice, and every reset (idle,
    #: "I'm finished", quick exit) returns to it for the next person.
    start_screen: bool = False


PERSONAL = Mode(
    name="personal",
    persist=True,
    external_links=True,
    allow_quit=True,
    idle_reset_seconds=None,
    touch_target=32,
    text_scale=1.0,
    fullscreen=False,
    frameless=False,
    show_sidebar=True,
    show_resources=True,
    show_toolbar=True,
    neutral_title=False,
    allow_print=True,
)
# The other modes are the personal mode with only their differences spelt out.
PRIVATE = PERSONAL._replace(name="private", persist=False, neutral_title=True)
KIOSK = PERSONAL._replace(
    name="kiosk",
    persist=False,
    external_links=False,
    allow_quit=False,
    idle_reset_seconds=90,
    touch_target=48,
    text_scale=1.25,
    fullscreen=True,
    frameless=True,
    allow_print=False,
    allow_present=False,
    start_screen=True,
)
PRESENT = PERSONAL._replace(
    name="present",
    persist=False,
    external_links=False,
    touch_target=40,
    text_scale=1.6,
    allow_print=False,
    start_presenting=True,
)

MODES: dict[str, Mode] = {m.name: m for m in (PERSONAL, PRIVATE, KIOSK, PRESENT)}


def mode_for(name: str | None) -> Mode:
    return MODES.get(name or "personal", PERSONAL)
