"""The loaded, immutable library: what every other layer reads.

A ``Library`` is made either by ``load_pack`` (from a folder or zip, parsing YAML and
Markdown) or by ``open_compiled`` (from one SQLite file, which needs neither). Both give the
same object, so nothing downstream knows or cares which.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping

from hrreader.content.model import Category, Finding, PackInfo, Resource, Topic, parse_address
from hrreader.content.source import PackSource

log = logging.getLogger(__name__)

#: ``(topic_id, lang) -> html`` for compiled packs; ``None`` means "render it now".
HtmlLookup = Callable[[str, str], "str | None"]


class Library:
    """All topics (per language), resources and findings of one pack.

    A plain class, not a dataclass: a library is compared by identity, its repr would list
    every topic, and Python compiles no methods for it when the window starts.
    """

    def __init__(
        self,
        info: PackInfo,
        by_lang: Mapping[str, Mapping[str, Topic]],
        resources: tuple[Resource, ...],
        findings: list[Finding] | None = None,
        source: PackSource | None = None,
        content_hash: str = "",
        html_lookup: HtmlLookup | None = None,
        compiled: sqlite3.Connection | None = None,
        base: Library | None = None,
    ) -> None:
        self.info = info
        #: ``{lang: {topic_id: Topic}}`` holding only the topics written in that language.
        self.by_lang = by_lang
        self.resources = resources
        self.findings: list[Finding] = [] if findings is None else findings
        self.source = source
        #: Content hash of the source files; keys caches and compiled packs.
        self.content_hash = content_hash
        self.html_lookup = html_lookup
        #: The open compiled pack (catalogue, HTML, search index) when there is one.
        self.compiled = compiled
        #: The library this one extends (``extends: default`` or an earlier ``--pack``), when
        #: it is a merge: its topics and resources are the ones the base did not override.
        self.base = base
        self._html_cache: dict[tuple[str, str], str] = {}
        self._resources_by_id = {r.id: r for r in resources}

    # -- languages -----------------------------------------------------------------
    @property
    def default_lang(self) -> str:
        return self.info.default_lang

    @property
    def languages(self) -> tuple[str, ...]:
        return self.info.languages

    def resolve_lang(self, lang: str | None) -> str:
        """The language to show: ``lang`` when the pack has it, else the default."""
        return lang if lang and lang in self.info.languages else self.default_lang

    # -- topics --------------------------------------------------------------------
    @property
    def categories(self) -> tuple[Category, ...]:
        return self.info.categories

    def topic_ids(self) -> list[str]:
        """Every topic id in display order (the default language decides the order)."""
        return [t.id for t in self.topics(self.default_lang)]

    def topic_count(self) -> int:
        """How many topics the default language has: cheap, for choosing strategies by size."""
        return len(self.by_lang.get(self.default_lang, {}))

    def topic(self, topic_id: str, lang: str | None = None) -> Topic | None:
        """The topic in ``lang``, or in the default language marked ``is_fallback``."""
        lang = self.resolve_lang(lang)
        found = self.by_lang.get(lang, {}).get(topic_id)
        if found is not None:
            return found
        for other in (self.default_lang, *self.info.languages):
            found = self.by_lang.get(other, {}).get(topic_id)
            if found is not None:
                return _as_fallback(found)
        return None

    def topics(self, lang: str | None = None) -> list[Topic]:
        """All topics for ``lang`` in sidebar order: category order, then ``order``, then title."""
        lang = self.resolve_lang(lang)
        # The language's own topics in one read (a compiled pack decodes them together);
        # the other languages give only the ids of topics this one lacks (shown as fallbacks).
        own = dict(self.by_lang.get(lang, {}).items())
        ids = dict.fromkeys(own)
        for other in (self.default_lang, *self.info.languages):
            if other != lang:
                ids.update(dict.fromkeys(self.by_lang.get(other, {})))
        found = (own[i] if i in own else self.topic(i, lang) for i in ids)
        topics = [t for t in found if t is not None]
        rank = {c.id: n for n, c in enumerate(self.info.categories)}
        topics.sort(key=lambda t: (rank.get(t.category, len(rank)), t.order, t.title.casefold()))
        return topics

    def topics_in(self, category_id: str, lang: str | None = None) -> list[Topic]:
        return [t for t in self.topics(lang) if t.category == category_id]

    @property
    def home(self) -> str:
        return self.info.home

    # -- resources -----------------------------------------------------------------
    def resource(self, resource_id: str) -> Resource | None:
        return self._resources_by_id.get(resource_id)

    def crisis_resources(self) -> list[Resource]:
        """Resources for the crisis box: crisis lines for suicide or self-harm that serve
        everyone (not only young or LGBTQ+ people), in pack order."""
        return [
            r
            for r in self.resources
            if "crisis" in r.tags
            and {"suicide", "self-harm"} & set(r.tags)
            and not {"youth", "lgbtq"} & set(r.tags)
        ]

    # -- addresses -----------------------------------------------------------------
    def exists(self, address: str) -> bool:
        """Whether an address (``topic:ID#SECTION`` or ``resource:ID``) names something here."""
        scheme, target, fragment = parse_address(address)
        if scheme == "resource":
            return self.resource(target) is not None
        if scheme == "topic":
            topic = self.topic(target)
            return topic is not None and (not fragment or topic.section(fragment) is not None)
        return False

    # -- rendering and assets ------------------------------------------------------
    def html(self, topic_id: str, lang: str | None = None) -> str:
        """The topic's safe HTML, from the compiled pack when there is one, else rendered now."""
        lang = self.resolve_lang(lang)
        key = (topic_id, lang)
        if key in self._html_cache:
            return self._html_cache[key]
        html = self.html_lookup(topic_id, lang) if self.html_lookup else None
        if html is None:
            topic = self.topic(topic_id, lang)
            if topic is None:
                return ""
            from hrreader.content.render import render_topic  # Markdown only when needed

            html = render_topic(topic, self, lang)
        self._html_cache[key] = html
        return html

    def read_asset(self, rel_path: str) -> bytes | None:
        """Bytes of a pack file such as ``images/kit.png``; ``None`` outside the pack or missing."""
        if self.source is None:
            return None
        try:
            return self.source.read_asset(rel_path)
        except OSError as exc:
            log.warning("cannot read %s: %s", rel_path, exc)
            return None

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def _as_fallback(topic: Topic) -> Topic:
    return topic._replace(is_fallback=True)


def iter_all_topics(library: Library) -> Iterable[Topic]:
    """Every topic written in every language (no fallbacks), for indexing and checks."""
    for lang in library.info.languages:
        yield from library.by_lang.get(lang, {}).values()


def iter_own_topics(library: Library) -> Iterable[Topic]:
    """The topics this pack wrote itself: all of them, less those taken unchanged from the
    pack it extends (``check`` reports on a clinic's own files, not on the bundled pack)."""
    base = library.base
    for topic in iter_all_topics(library):
        if base is None or base.by_lang.get(topic.lang, {}).get(topic.id) is not topic:
            yield topic


def own_resources(library: Library) -> list[Resource]:
    """The resources this pack wrote itself (see ``iter_own_topics``)."""
    base = library.base
    if base is None:
        return list(library.resources)
    return [r for r in library.resources if base.resource(r.id) is not r]
