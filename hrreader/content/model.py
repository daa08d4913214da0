"""Immutable data model of a content pack.

Everything the reader shows is one of these immutable records. They carry no behaviour
beyond looking things up, so the loader, the compiled-pack reader, the renderer, search
and the UI can all share them without importing each other (and without Qt).

They are ``typing.NamedTuple`` classes rather than frozen dataclasses (DESIGN.md): the same
declarations, as immutable, but Python defines a named tuple with one small ``eval``, where
it compiles six methods from source for each frozen dataclass. With the window's theme and
modes, which followed, that was 54 million instructions of every window start, 9 % of a bare
PySide6 window's (``benchmarks/startup_instructions.py``). Annotations here are evaluated
(no ``from __future__ import annotations``): as strings, ``NamedTuple`` would compile each.
Change a record with ``topic._replace(title=...)``; records compare field by field.
"""

import datetime as dt
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]

#: The default of a record's mapping field: shared by every record, so it cannot change.
NO_ENTRIES: Mapping[str, Any] = MappingProxyType({})

#: Addresses are ``topic:ID``, ``topic:ID#SECTION`` or ``resource:ID`` everywhere.
TOPIC_SCHEME = "topic"
RESOURCE_SCHEME = "resource"

CONTENT_NOTES = frozenset({"self-harm", "suicide", "overdose", "violence", "sexual-health"})
CRISIS_NOTES = frozenset({"self-harm", "suicide"})
RESOURCE_TAGS = (
    "crisis",
    "suicide",
    "self-harm",
    "overdose",
    "naloxone",
    "drug-checking",
    "syringe-services",
    "treatment",
    "mental-health",
    "hiv",
    "sexual-health",
    "lgbtq",
    "youth",
    "violence",
    "housing",
    "food",
    "legal",
    "24-7",
    "text",
    "chat",
    "walk-in",
)


class PackError(Exception):
    """Raised only when nothing of a pack can be read at all (no folder, no pack.yaml)."""


class Finding(NamedTuple):
    """One problem in a pack, located to a file and line, in a sentence an author understands."""

    path: str
    line: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def pick(texts: Mapping[str, str], lang: str, default_lang: str) -> str:
    """The text for ``lang``, else the default language's, else any: a label is never blank."""
    if lang in texts:
        return texts[lang]
    if default_lang in texts:
        return texts[default_lang]
    return next(iter(texts.values()), "")


def slugify(text: str, separator: str = "-") -> str:
    """A stable, ASCII anchor for a heading: accents folded so Spanish anchors are typeable.

    Python-Markdown's toc extension is given this same function, so the anchors the loader
    computes and the ids in rendered HTML always agree.
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    out: list[str] = []
    pending = False
    for ch in folded:
        if ch.isascii() and ch.isalnum():
            if pending and out:
                out.append(separator)
            out.append(ch)
            pending = False
        else:
            pending = True
    return "".join(out)


class Category(NamedTuple):
    """A group of topics in the sidebar (``basics``, ``substances``...), named per language."""

    id: str
    titles: Mapping[str, str]


class Source(NamedTuple):
    """Where a topic's facts come from: listed under "Sources" on its page."""

    title: str
    url: str


class Section(NamedTuple):
    """A ``##`` part of a topic: what search lands on and what presentation mode shows."""

    anchor: str
    title: str
    #: The section's Markdown, for search; empty in a compiled pack, whose index is prebuilt.
    text: str = ""


class Topic(NamedTuple):
    """One page of the reader in one language, with what its front matter says about it."""

    id: str
    lang: str
    title: str
    category: str
    summary: str
    reviewed: dt.date
    sources: tuple[Source, ...]
    order: int = 100
    keywords: tuple[str, ...] = ()
    content_note: str | None = None
    related: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    #: Markdown after the front matter; empty in a compiled pack (its HTML is stored instead).
    body: str = ""
    #: Text before the first ``##`` heading, for search.
    intro: str = ""
    #: Pack-relative path and the line the body starts on, for findings.
    path: str = ""
    body_line: int = 1
    #: Line of each front-matter field (``{"reviewed": 7}``), so checks can point at it.
    field_lines: Mapping[str, int] = NO_ENTRIES
    #: True when shown in the default language because the requested one is missing.
    is_fallback: bool = False

    @property
    def address(self) -> str:
        return f"{TOPIC_SCHEME}:{self.id}"

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.anchor == anchor), None)


class Resource(NamedTuple):
    """A service a person can reach (a crisis line, naloxone by mail), in every language."""

    id: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    tags: tuple[str, ...]
    region: str
    verified: dt.date
    phone: str = ""
    sms: str = ""
    sms_body: str = ""
    url: str = ""
    address: str = ""
    hours: Mapping[str, str] = NO_ENTRIES
    languages: tuple[str, ...] = ()
    path: str = "resources.yaml"
    line: int = 1
    #: Line of each field (``{"verified": 12}``), so checks can point at it.
    field_lines: Mapping[str, int] = NO_ENTRIES

    @property
    def address_uri(self) -> str:
        """The resource's address in the reader (``resource:ID``), not its street address."""
        return f"{RESOURCE_SCHEME}:{self.id}"

    def name(self, lang: str, default_lang: str = "en") -> str:
        return pick(self.names, lang, default_lang)

    def description(self, lang: str, default_lang: str = "en") -> str:
        return pick(self.descriptions, lang, default_lang)

    def hours_text(self, lang: str, default_lang: str = "en") -> str:
        return pick(self.hours, lang, default_lang) if self.hours else ""


class Branding(NamedTuple):
    """A clinic's own touches from pack.yaml: an accent colour, a logo and who to contact."""

    accent: str = ""
    logo: str = ""
    organisation: str = ""
    contact: str = ""


class PackInfo(NamedTuple):
    """What pack.yaml says about the whole pack: its titles, languages, home and categories."""

    id: str
    titles: Mapping[str, str]
    version: str
    languages: tuple[str, ...]
    home: str
    categories: tuple[Category, ...]
    format: int = 1
    branding: Branding = Branding()
    extends: str = ""
    #: Line of ``home:`` in pack.yaml, so a missing home topic is reported where it is named.
    home_line: int = 1

    @property
    def default_lang(self) -> str:
        return self.languages[0] if self.languages else "en"

    def title(self, lang: str) -> str:
        return pick(self.titles, lang, self.default_lang)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


def parse_address(address: str) -> tuple[str, str, str]:
    """Split ``topic:ID#SECTION`` into ``("topic", "ID", "SECTION")``.

    Anything that is not a well-formed address gives ``("", "", "")``.
    """
    scheme, sep, rest = address.partition(":")
    if not sep or scheme not in (TOPIC_SCHEME, RESOURCE_SCHEME):
        return ("", "", "")
    target, _, fragment = rest.partition("#")
    if not target:
        return ("", "", "")
    if scheme == RESOURCE_SCHEME and fragment:
        return ("", "", "")
    return (scheme, target, fragment)
