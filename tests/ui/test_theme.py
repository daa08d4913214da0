"""Colours people can read: every text pair meets WCAG AA (AAA in high contrast)."""

from __future__ import annotations

import re

import pytest

from hrreader.ui.settings import DiskStore
from hrreader.ui.theme import (
    HIGH_CONTRAST,
    LIGHT,
    TEXT_PAIRS,
    THEMES,
    UI_PAIRS,
    app_stylesheet,
    contrast,
    readable_accent,
    reader_css,
    theme_for,
)


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_text_pair_is_readable(theme):
    need = 7.0 if theme is HIGH_CONTRAST else 4.5
    failures = [
        f"{what}: {fg} on {bg} is {contrast(getattr(theme, fg), getattr(theme, bg)):.2f}"
        for fg, bg, what in TEXT_PAIRS
        if contrast(getattr(theme, fg), getattr(theme, bg)) < need
    ]
    assert not failures, failures


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_outlines_and_focus_are_visible(theme):
    for fg, bg, what in UI_PAIRS:
        assert contrast(getattr(theme, fg), getattr(theme, bg)) >= 3.0, what


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_stylesheets_use_only_palette_colours(qapp, theme):
    """Every colour in the QSS and reading CSS comes from the palette checked above."""
    palette = {getattr(theme, f).lower() for f in theme._fields if f != "name"}
    for sheet in (app_stylesheet(theme, 32), reader_css(theme, 12.5)):
        assert "@" not in re.sub(r"/\*.*?\*/", "", sheet, flags=re.S), "a token was not filled"
        colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", sheet)}
        assert colours <= palette, colours - palette


def test_unreadable_pack_accent_is_not_used():
    assert readable_accent(LIGHT, "#2e6f62") == "#2e6f62"
    assert readable_accent(LIGHT, "#f0f0f0") == "", "too pale on a light window"
    assert theme_for("light", "#f0f0f0").accent == LIGHT.accent
    assert theme_for("high-contrast", "#2e6f62") == HIGH_CONTRAST


def test_theme_switch_applies_and_is_remembered(make_window, tmp_path):
    path = str(tmp_path / "settings.json")
    window = make_window(store=DiskStore(path))
    window.set_theme("dark")
    assert window.theme.name == "dark"
    assert THEMES["dark"].text in window.reader.document().defaultStyleSheet()
    window.action("theme").trigger()
    assert window.theme.name == "high-contrast"
    window.close()
    again = make_window(store=DiskStore(path))
    assert again.theme.name == "high-contrast"


def test_command_line_theme_wins(make_window):
    window = make_window("--theme", "dark")
    assert window.theme.name == "dark"
