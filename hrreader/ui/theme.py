"""Themes as data: one palette fills both the application stylesheet and the reading CSS.

Keeping every colour in one table is what lets a test compute contrast ratios for every
text and background pair, and lets a clinic's accent colour flow everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    panel: str
    page: str
    text: str
    heading: str
    muted: str
    link: str
    accent: str
    on_accent: str
    border: str
    border_strong: str
    hover: str
    selection: str
    focus: str
    disabled: str
    scroll: str
    tip_bg: str
    note_bg: str
    warn_bg: str
    crisis_bg: str
    crisis_text: str
    mark: str


LIGHT = Theme(
    name="light",
    window="#f4f3ee",
    panel="#ecebe4",
    page="#fbfaf7",
    text="#1f2421",
    heading="#20524a",
    muted="#4e5a55",
    link="#1d5a8c",
    accent="#2e6f62",
    on_accent="#ffffff",
    border="#d9d6cc",
    border_strong="#9a978c",
    hover="#e2e0d6",
    selection="#cfe3dc",
    focus="#2e6f62",
    disabled="#6f746f",
    scroll="#c3c0b5",
    tip_bg="#e3f0eb",
    note_bg="#e8edf3",
    warn_bg="#fbeedd",
    crisis_bg="#fbe9e6",
    crisis_text="#8c2119",
    mark="#fde58a",
)

THEMES = {"light": LIGHT}


def theme_for(name: str | None, accent: str = "") -> Theme:
    """The named theme (light until more exist), with a pack's accent colour if it has one."""
    theme = THEMES.get(name or "light", LIGHT)
    if accent:
        theme = replace(theme, accent=accent, focus=accent)
    return theme


def _tokens(theme: Theme) -> dict[str, str]:
    return {f.name.replace("_", "-"): getattr(theme, f.name) for f in fields(theme)}


def _read_resource(path: str) -> str:
    handle = QFile(path)
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise OSError(f"missing resource {path}; run pyside6-rcc (see README)")
    try:
        return bytes(handle.readAll().data()).decode("utf-8")
    finally:
        handle.close()


def fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f"@{key}@", value)
    return template


def app_stylesheet(theme: Theme, touch_target: int = 32) -> str:
    """The application QSS for ``theme``; ``touch_target`` sets the minimum button size."""
    values = _tokens(theme)
    values.update(
        target=str(touch_target),
        # Line edits get their height from padding: a QSS min-height misplaces the clear button.
        **{"field-pad": str(max((touch_target - 20) // 2, 3))},
        button=str(max(touch_target - 8, 24)),
    )
    return fill(_read_resource(":/style/app.qss"), values)


def reader_css(theme: Theme, base_pt: float) -> str:
    """The reading-pane CSS at ``base_pt`` points; headings and gaps scale with it."""
    values = _tokens(theme)

    def pt(factor: float) -> str:
        return f"{base_pt * factor:.1f}"

    def px(factor: float) -> str:
        # QTextDocument takes margins in pixels only; 1 pt = 4/3 px at 96 dpi.
        return str(round(base_pt * factor * 4 / 3))

    values.update(
        {
            "base": pt(1.0),
            "h1": pt(1.75),
            "h2": pt(1.35),
            "h3": pt(1.12),
            "small": pt(0.88),
            "gap": px(1.1),
            "small-gap": px(0.5),
            "tiny-gap": px(0.25),
            "h2gap": px(2.0),
        }
    )
    return fill(_read_resource(":/style/reader.css"), values)


def qpalette(theme: Theme) -> QPalette:
    """A ``QPalette`` so that native widgets (dialogs, menus) match the stylesheet."""
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, QColor(theme.window))
    pal.setColor(role.WindowText, QColor(theme.text))
    pal.setColor(role.Base, QColor(theme.page))
    pal.setColor(role.AlternateBase, QColor(theme.panel))
    pal.setColor(role.Text, QColor(theme.text))
    pal.setColor(role.Button, QColor(theme.panel))
    pal.setColor(role.ButtonText, QColor(theme.text))
    pal.setColor(role.Highlight, QColor(theme.selection))
    pal.setColor(role.HighlightedText, QColor(theme.text))
    pal.setColor(role.Link, QColor(theme.link))
    pal.setColor(role.ToolTipBase, QColor(theme.page))
    pal.setColor(role.ToolTipText, QColor(theme.text))
    pal.setColor(role.PlaceholderText, QColor(theme.muted))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(theme.disabled))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(theme.disabled))
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(theme.disabled))
    return pal
