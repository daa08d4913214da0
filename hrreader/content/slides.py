"""Slides for presentation mode: a topic's rendered HTML cut into one piece per section.

A slide is a topic's introduction (everything before the first ``##`` heading, with the
topic's title) or one ``##`` section. The cut is made on the already-sanitised HTML that
the reading pane shows, at the top-level ``<h2 id="...">`` headings, so a slide shows
exactly what the reader shows and nothing new is rendered. Headings nested inside a callout
table never cut, and the page footer (related topics, sources, review date) is left out:
it is reading-pane furniture, not something to put in front of a client.

No Qt here: the CLI, tests and the window all use it.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, NamedTuple

from hrreader.content.model import parse_address

if TYPE_CHECKING:
    from hrreader.content.library import Library

#: Elements that never have an end tag, so they never open a nesting level.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class HtmlSection(NamedTuple):
    """One piece of a page: ``anchor`` is ``""`` for the introduction."""

    anchor: str
    html: str
    #: The heading's plain text (``""`` for the introduction).
    title: str = ""


class _Cutter(HTMLParser):
    """Finds where top-level ``h2`` headings and the footer start, as offsets into the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._open: list[str] = []
        self._heading: list[str] | None = None
        #: ``(offset, anchor, title parts)`` of each top-level ``<h2 id>``.
        self.cuts: list[tuple[int, str, list[str]]] = []
        self.footer: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._open and self.footer is None:
            values = dict(attrs)
            classes = (values.get("class") or "").split()
            if tag == "h2" and values.get("id"):
                self._heading = []
                self.cuts.append((self._offset(), values["id"] or "", self._heading))
            elif tag == "hr" and "footer-rule" in classes:
                self.footer = self._offset()
        if tag not in _VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return  # a stray end tag: ignore it rather than lose track of the nesting
        while self._open:
            if self._open.pop() == tag:
                break
        if not self._open:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def split_sections(html: str) -> list[HtmlSection]:
    """Cut a rendered page into its introduction and its ``##`` sections, in order.

    Each piece is a slice of ``html`` (so it stays exactly as safe as the page), from one
    top-level ``<h2 id>`` to the next. The introduction (``anchor == ""``) is left out when
    it holds nothing; the footer after ``<hr class="footer-rule">`` is never part of a piece.
    """
    cutter = _Cutter(html)
    cutter.feed(html)
    cutter.close()
    end = cutter.footer if cutter.footer is not None else len(html)
    cuts = [(offset, anchor, parts) for offset, anchor, parts in cutter.cuts if offset < end]
    pieces: list[HtmlSection] = []
    intro = html[: cuts[0][0] if cuts else end].strip()
    if intro:
        pieces.append(HtmlSection("", intro))
    for n, (offset, anchor, parts) in enumerate(cuts):
        stop = cuts[n + 1][0] if n + 1 < len(cuts) else end
        title = re.sub(r"\s+", " ", "".join(parts)).strip()
        pieces.append(HtmlSection(anchor, html[offset:stop].strip(), title))
    return pieces


class _TextCollector(HTMLParser):
    """The visible words of a fragment, headings and footnotes aside."""

    _SKIP = frozenset({"h1", "h2"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in ("p", "li", "td", "br", "h3", "h4"):
            self.words.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.words.append(data)


def fragment_text(html: str) -> str:
    """The plain text of an HTML fragment without its ``h1``/``h2`` headings, on one line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return re.sub(r"\s+", " ", "".join(collector.words)).strip()


def first_words(text: str, limit: int = 180) -> str:
    """``text`` cut at a word boundary near ``limit`` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


@dataclass(frozen=True)
class Slide:
    """One thing shown at a time in presentation mode."""

    #: ``topic:ID`` for the introduction, ``topic:ID#SECTION`` for a section.
    address: str
    topic_id: str
    #: ``""`` for the introduction.
    anchor: str
    topic_title: str
    #: The section's heading, or the topic's title for the introduction.
    title: str
    #: The piece of the page, as split from the rendered HTML.
    html: str

    @property
    def is_intro(self) -> bool:
        return not self.anchor

    @property
    def text(self) -> str:
        """The slide's words without its headings: for "what comes next"."""
        return fragment_text(self.html)

    def page_html(self) -> str:
        """What the slide shows: a section gets its topic's title, small, above its heading."""
        if self.is_intro:
            return self.html
        kicker = html_lib.escape(self.topic_title, quote=True)
        return f'<p class="slide-topic">{kicker}</p>\n{self.html}'

    def label(self, with_topic: bool = False) -> str:
        """A one-line name for lists: ``Topic: Section`` when slides come from several topics."""
        if with_topic and not self.is_intro:
            return f"{self.topic_title}: {self.title}"
        return self.title


def topic_slides(library: Library, topic_id: str, lang: str | None = None) -> list[Slide]:
    """The slides of one topic: its introduction, then each section; ``[]`` if it is unknown."""
    topic = library.topic(topic_id, lang)
    if topic is None:
        return []
    titles = {s.anchor: s.title for s in topic.sections}
    slides: list[Slide] = []
    for piece in split_sections(library.html(topic_id, lang)):
        if piece.anchor:
            address = f"{topic.address}#{piece.anchor}"
            title = titles.get(piece.anchor) or piece.title or piece.anchor
        else:
            address, title = topic.address, topic.title
        slides.append(Slide(address, topic.id, piece.anchor, topic.title, title, piece.html))
    if not slides:  # an empty page still gets its title, so there is something to show
        heading = f'<h1 class="topic-title">{html_lib.escape(topic.title)}</h1>'
        slides.append(Slide(topic.address, topic.id, "", topic.title, topic.title, heading))
    return slides


def playlist_slides(
    library: Library, addresses: Iterable[str], lang: str | None = None
) -> list[Slide]:
    """One slide per address (``topic:ID`` is the introduction), in order; unknown ones skipped."""
    by_topic: dict[str, list[Slide]] = {}
    slides: list[Slide] = []
    for address in addresses:
        scheme, topic_id, anchor = parse_address(address)
        if scheme != "topic":
            continue
        if topic_id not in by_topic:
            by_topic[topic_id] = topic_slides(library, topic_id, lang)
        found = next((s for s in by_topic[topic_id] if s.anchor == anchor), None)
        if found is not None:
            slides.append(found)
    return slides


def slide_index(slides: Sequence[Slide], address: str) -> int:
    """The slide showing ``address``; else the first of its topic; else the first slide."""
    for n, slide in enumerate(slides):
        if slide.address == address:
            return n
    _scheme, topic_id, _anchor = parse_address(address)
    return next((n for n, s in enumerate(slides) if s.topic_id == topic_id), 0)
