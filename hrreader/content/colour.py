"""Colour contrast by the WCAG 2.x formula, shared by themes and ``check`` (no Qt).

``check`` uses it to refuse a pack accent colour nobody could read; the themes' test uses it
to hold every text pair to AA (AAA in high contrast).
"""

from __future__ import annotations

#: ``#rrggbb``. A pattern, compiled on first use (``re`` keeps it): the window's start imports
#: this module for ``contrast`` alone.
HEX_COLOUR = r"#[0-9a-fA-F]{6}"


def luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.x)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


#: The colours a pack's accent is drawn against, copied from ``hrreader/ui/theme.py`` (the
#: content layer imports nothing from the UI; a test keeps the two equal): the light theme's
#: window and page, where the accent colours headings, buttons and focus rings, and the white
#: text on pressed accent buttons. In the dark theme an accent that is too dark there is
#: quietly replaced by the theme's own (``readable_accent``), so it is not checked here.
LIGHT_WINDOW = "#f4f3ee"
LIGHT_PAGE = "#fbfaf7"
ON_ACCENT = "#ffffff"
DARK_WINDOW = "#1a1e1d"

#: (what, foreground, background, minimum): WCAG 2.x AA, 3:1 for large text and outlines
#: (1.4.3 large text, 1.4.11 non-text), 4.5:1 for the normal-size text on buttons.
ACCENT_PAIRS: tuple[tuple[str, str, str, float], ...] = (
    ("headings and focus rings on the window", "accent", LIGHT_WINDOW, 3.0),
    ("headings on the page", "accent", LIGHT_PAGE, 3.0),
    ("white text on accent buttons", ON_ACCENT, "accent", 4.5),
)


def accent_problems(accent: str) -> list[str]:
    """Why ``accent`` (``#rrggbb``) is unreadable in the light theme; empty when it is fine."""
    problems: list[str] = []
    for what, fg, bg, minimum in ACCENT_PAIRS:
        ratio = contrast(accent if fg == "accent" else fg, accent if bg == "accent" else bg)
        if ratio < minimum:
            problems.append(f"{what} {ratio:.2f}:1 (needs {minimum:g}:1)")
    return problems
