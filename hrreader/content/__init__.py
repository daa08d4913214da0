"""The content layer: packs, rendering and search, with no Qt import anywhere below here.

The names here are the stable content API (DESIGN.md) that the CLI, the UI, tests and
benchmarks share. Modules that need Markdown or YAML import them lazily, so opening a
compiled pack costs neither.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrreader.content.library import Library
from hrreader.content.model import (
    Branding,
    Category,
    Finding,
    PackError,
    PackInfo,
    Resource,
    Section,
    Source,
    Topic,
    parse_address,
    slugify,
)

if TYPE_CHECKING:
    from hrreader.content.packs import load_packs, merge_libraries, pack_signature
    from hrreader.content.search import Hit, SearchIndex

__all__ = [
    "Branding",
    "Category",
    "Finding",
    "Hit",
    "Library",
    "PackError",
    "PackInfo",
    "Resource",
    "SearchIndex",
    "Section",
    "Source",
    "Topic",
    "default_pack_path",
    "load_pack",
    "load_packs",
    "merge_libraries",
    "pack_signature",
    "parse_address",
    "render_topic",
    "slugify",
]


def default_pack_path() -> Path:
    """The folder of the bundled default pack."""
    return Path(__file__).resolve().parent / "default"


def load_pack(path: str | Path, base: Library | None = None, label: str = "") -> Library:
    """Load a pack folder or zip (parses YAML and Markdown); see ``loader.load_pack``."""
    from hrreader.content.loader import load_pack as _load

    return _load(path, base=base, label=label)


def render_topic(topic: Topic, library: Library, lang: str | None = None) -> str:
    """Safe HTML for one topic; see ``render.render_topic``."""
    from hrreader.content.render import render_topic as _render

    return _render(topic, library, lang)


def __getattr__(name: str) -> Any:
    if name in ("SearchIndex", "Hit"):
        from hrreader.content import search

        return getattr(search, name)
    if name in ("load_packs", "merge_libraries", "pack_signature"):
        from hrreader.content import packs

        return getattr(packs, name)
    raise AttributeError(name)
