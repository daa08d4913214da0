"""Compiled packs: a whole pack in one SQLite file (catalogue, rendered HTML, search index).

This is how Qt Help ships ``.qch`` files and Kiwix ships ZIM files, for the same reason:
opening one file needs neither YAML nor Markdown, so the reader starts about as fast as a
bare window. The default pack ships compiled (``default.hrpack``); a test fails when it is
stale. A clinic can copy one ``.hrpack`` file to every kiosk.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import ItemsView, Iterator, Mapping, Sequence, ValuesView
from pathlib import Path, PurePosixPath
from typing import Any

from hrreader.content.library import Library, iter_all_topics
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
)
from hrreader.content.source import IMAGE_SUFFIXES, PackSource

log = logging.getLogger(__name__)

#: 2: topics in their own table, one row each, read as they are asked for.
COMPILED_FORMAT = 2
SUFFIX = ".hrpack"


def default_compiled_path() -> Path:
    return Path(__file__).resolve().parent / "default.hrpack"


# --------------------------------------------------------------------------------------
# Library <-> JSON
# --------------------------------------------------------------------------------------
def _topic_to_json(topic: Topic) -> dict[str, Any]:
    return {
        "id": topic.id,
        "lang": topic.lang,
        "title": topic.title,
        "category": topic.category,
        "summary": topic.summary,
        "reviewed": topic.reviewed.isoformat(),
        "sources": [[s.title, s.url] for s in topic.sources],
        "order": topic.order,
        "keywords": list(topic.keywords),
        "content_note": topic.content_note,
        "related": list(topic.related),
        "sections": [[s.anchor, s.title] for s in topic.sections],
        "path": topic.path,
    }


def _topic_from_json(d: Mapping[str, Any]) -> Topic:
    return Topic(
        id=d["id"],
        lang=d["lang"],
        title=d["title"],
        category=d["category"],
        summary=d["summary"],
        reviewed=dt.date.fromisoformat(d["reviewed"]),
        sources=tuple(Source(t, u) for t, u in d["sources"]),
        order=d["order"],
        keywords=tuple(d["keywords"]),
        content_note=d["content_note"],
        related=tuple(d["related"]),
        sections=tuple(Section(a, t) for a, t in d["sections"]),
        path=d["path"],
    )


def _resource_to_json(r: Resource) -> dict[str, Any]:
    return {
        "id": r.id,
        "names": dict(r.names),
        "descriptions": dict(r.descriptions),
        "tags": list(r.tags),
        "region": r.region,
        "verified": r.verified.isoformat(),
        "phone": r.phone,
        "sms": r.sms,
        "sms_body": r.sms_body,
        "url": r.url,
        "address": r.address,
        "hours": dict(r.hours),
        "languages": list(r.languages),
        "line": r.line,
    }


def _resource_from_json(d: Mapping[str, Any]) -> Resource:
    return Resource(
        id=d["id"],
        names=d["names"],
        descriptions=d["descriptions"],
        tags=tuple(d["tags"]),
        region=d["region"],
        verified=dt.date.fromisoformat(d["verified"]),
        phone=d["phone"],
        sms=d["sms"],
        sms_body=d["sms_body"],
        url=d["url"],
        address=d["address"],
        hours=d["hours"],
        languages=tuple(d["languages"]),
        line=d["line"],
    )


def _info_to_json(info: PackInfo) -> dict[str, Any]:
    b = info.branding
    return {
        "id": info.id,
        "titles": dict(info.titles),
        "version": info.version,
        "languages": list(info.languages),
        "home": info.home,
        "categories": [[c.id, dict(c.titles)] for c in info.categories],
        "format": info.format,
        "branding": [b.accent, b.logo, b.organisation, b.contact],
        "extends": info.extends,
    }


def _info_from_json(d: Mapping[str, Any]) -> PackInfo:
    accent, logo, organisation, contact = d["branding"]
    return PackInfo(
        id=d["id"],
        titles=d["titles"],
        version=d["version"],
        languages=tuple(d["languages"]),
        home=d["home"],
        categories=tuple(Category(i, t) for i, t in d["categories"]),
        format=d["format"],
        branding=Branding(accent, logo, organisation, contact),
        extends=d["extends"],
    )


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def library_to_json(library: Library) -> str:
    """Everything but the topics, which have a row each (see ``_CompiledTopics``)."""
    return _dumps(
        {
            "info": _info_to_json(library.info),
            "topic_langs": sorted({t.lang for t in iter_all_topics(library)}),
            "resources": [_resource_to_json(r) for r in library.resources],
            "findings": [f.as_dict() for f in library.findings],
        }
    )


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE catalogue (json TEXT NOT NULL);
CREATE TABLE topics (lang TEXT, topic_id TEXT, json TEXT NOT NULL, PRIMARY KEY (lang, topic_id));
CREATE TABLE html (topic_id TEXT, lang TEXT, html TEXT NOT NULL, PRIMARY KEY (topic_id, lang));
CREATE TABLE assets (path TEXT PRIMARY KEY, data BLOB NOT NULL);
"""


def compile_pack(library: Library, out: str | Path = ":memory:") -> sqlite3.Connection:
    """Write ``library`` to one SQLite file (or memory) and return the open connection."""
    from hrreader.content.search import SearchIndex

    if str(out) != ":memory:":
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp, check_same_thread=False)
    else:
        tmp = None
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.executescript(SCHEMA)
    content_hash = library.content_hash or (
        library.source.content_hash() if library.source is not None else ""
    )
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("format", str(COMPILED_FORMAT)), ("source_hash", content_hash)],
    )
    conn.execute("INSERT INTO catalogue VALUES (?)", (library_to_json(library),))
    conn.executemany(
        "INSERT INTO topics VALUES (?, ?, ?)",
        ((t.lang, t.id, _dumps(_topic_to_json(t))) for t in iter_all_topics(library)),
    )
    rows = []
    for lang in library.languages:
        for topic in library.topics(lang):
            rows.append((topic.id, lang, library.html(topic.id, lang)))
    conn.executemany("INSERT INTO html VALUES (?, ?, ?)", rows)
    if library.source is not None:
        for rel in library.source.files():
            if PurePosixPath(rel).suffix.lower() in IMAGE_SUFFIXES:  # sanitised SVGs included
                data = library.source.read_asset(rel)
                if data is not None:
                    conn.execute("INSERT INTO assets VALUES (?, ?)", (rel, data))
    SearchIndex.build(library, conn)
    conn.commit()
    if tmp is not None:
        conn.close()
        tmp.replace(out)
        conn = sqlite3.connect(out, check_same_thread=False)
    return conn


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------
class _CompiledAssets(PackSource):
    """Pack images served from the compiled file's ``assets`` table."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self._conn = conn
        self.name = name
        self.findings = []

    def files(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT path FROM assets ORDER BY path")]

    def size(self, rel: str) -> int:
        row = self._conn.execute(
            "SELECT length(data) FROM assets WHERE path = ?", (rel,)
        ).fetchone()
        if row is None:
            raise OSError(f"{rel}: not in the pack")
        return int(row[0])

    def read(self, rel: str) -> bytes:
        row = self._conn.execute("SELECT data FROM assets WHERE path = ?", (rel,)).fetchone()
        if row is None:
            raise OSError(f"{rel}: not in the pack")
        return bytes(row[0])


class _CompiledTopics(Mapping[str, Topic]):
    """One language's topics, read from the compiled file as they are asked for.

    The first page needs one topic; decoding all 10,000 of a large pack (about 0.3 s) waits
    until something lists them (the sidebar, after the first paint). Each topic is one
    object however it was reached, so identity checks (``iter_own_topics``) hold.
    """

    def __init__(self, conn: sqlite3.Connection, lang: str) -> None:
        self._conn = conn
        self._lang = lang
        self._some: dict[str, Topic | None] = {}
        self._all: dict[str, Topic] | None = None
        #: The ids in pack order, read without decoding a topic (``__iter__``).
        self._ids: list[str] | None = None

    def _load_all(self) -> dict[str, Topic]:
        if self._all is None:
            rows = self._conn.execute(
                "SELECT topic_id, json FROM topics WHERE lang = ? ORDER BY rowid", (self._lang,)
            ).fetchall()
            some = self._some
            self._all = {
                topic_id: some.get(topic_id) or _topic_from_json(json.loads(data))
                for topic_id, data in rows
            }
        return self._all

    def __getitem__(self, topic_id: str) -> Topic:
        if self._all is not None:
            return self._all[topic_id]
        if topic_id not in self._some:
            row = self._conn.execute(
                "SELECT json FROM topics WHERE lang = ? AND topic_id = ?", (self._lang, topic_id)
            ).fetchone()
            self._some[topic_id] = _topic_from_json(json.loads(row[0])) if row else None
        found = self._some[topic_id]
        if found is None:
            raise KeyError(topic_id)
        return found

    def __iter__(self) -> Iterator[str]:
        """The ids only: listing one language's topics asks every other language which
        topics it has, for those missing in the one shown (``Library.topics``)."""
        if self._all is not None:
            return iter(self._all)
        if self._ids is None:
            rows = self._conn.execute(
                "SELECT topic_id FROM topics WHERE lang = ? ORDER BY rowid", (self._lang,)
            )
            self._ids = [topic_id for (topic_id,) in rows]
        return iter(self._ids)

    def items(self) -> ItemsView[str, Topic]:
        """Every topic, read in one query (``Mapping``'s would ask for each on its own)."""
        return self._load_all().items()

    def values(self) -> ValuesView[Topic]:
        return self._load_all().values()

    def __len__(self) -> int:
        if self._all is not None:
            return len(self._all)
        row = self._conn.execute("SELECT count(*) FROM topics WHERE lang = ?", (self._lang,))
        return int(row.fetchone()[0])


def compiled_hash(path: Path) -> str | None:
    """The source hash a compiled file was made from, or ``None`` if it is not one."""
    try:
        conn = _connect_ro(path)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'source_hash'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _connect_ro(path: Path) -> sqlite3.Connection:
    # immutable=1: no locks and no journal, so a pack on a read-only share works too.
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def open_compiled(path: str | Path | sqlite3.Connection) -> Library:
    """A ``Library`` from a compiled pack file (or an open connection to one)."""
    if isinstance(path, sqlite3.Connection):
        conn, name = path, ":memory:"
    else:
        path = Path(path)
        if not path.is_file():
            raise PackError(f"{path}: no such file")
        name = str(path)
        try:
            conn = _connect_ro(path)
        except sqlite3.Error as exc:
            raise PackError(f"{path}: cannot open ({exc})") from exc
    try:
        fmt = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if fmt is None or int(fmt[0]) != COMPILED_FORMAT:
            raise PackError(f"{name}: compiled with another version of hrreader; compile it again")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        data = json.loads(conn.execute("SELECT json FROM catalogue").fetchone()[0])
        langs = dict.fromkeys([*data["info"]["languages"], *data["topic_langs"]])
    except (sqlite3.Error, TypeError, ValueError, KeyError) as exc:
        raise PackError(f"{name}: not a compiled hrreader pack ({exc})") from exc

    by_lang = {lang: _CompiledTopics(conn, lang) for lang in langs}

    def html_lookup(topic_id: str, lang: str) -> str | None:
        row = conn.execute(
            "SELECT html FROM html WHERE topic_id = ? AND lang = ?", (topic_id, lang)
        ).fetchone()
        return row[0] if row else None

    return Library(
        info=_info_from_json(data["info"]),
        by_lang=by_lang,
        resources=tuple(_resource_from_json(r) for r in data["resources"]),
        findings=[Finding(**f) for f in data["findings"]],
        source=_CompiledAssets(conn, name),
        content_hash=meta.get("source_hash", ""),
        html_lookup=html_lookup,
        compiled=conn,
    )


def open_library(
    path: str | Path | Sequence[str | Path] | None = None,
    cache_dir: Path | None = None,
    verify_default: bool = True,
) -> Library:
    """The fastest correct way to open a pack, or several packs one on top of the other.

    ``None`` (or an empty list) means the bundled default pack: its shipped compiled file
    when it matches the source, else the source. A ``.hrpack`` file opens directly. A folder
    or zip loads from source (merged onto the default pack when it says ``extends: default``),
    or from ``cache_dir`` when a compiled copy with the same content hash is there
    (``cache_dir`` is ``None`` in private and kiosk modes, which write nothing). Several
    paths load in order, each on top of the ones before (``packs.load_packs``).

    ``verify_default=False`` opens the bundled compiled file without hashing the source
    first; the caller then checks ``default_pack_is_current()`` itself, later.
    """
    from hrreader.content import default_pack_path
    from hrreader.content.source import open_source

    if path is not None and not isinstance(path, str | Path):
        paths = [Path(p) for p in path]
        if len(paths) > 1:
            from hrreader.content.packs import load_packs

            return load_packs(paths)
        path = paths[0] if paths else None
    if path is None:
        compiled = default_compiled_path()
        if compiled.is_file() and (not verify_default or default_pack_is_current()):
            try:
                return open_compiled(compiled)
            except PackError as exc:  # e.g. compiled by another version: the source still works
                log.warning("ignoring the compiled default pack: %s", exc)
        log.info("the compiled default pack is missing or stale; loading from source")
        return _load(default_pack_path())
    path = Path(path)
    if path.suffix == SUFFIX and path.is_file():
        return open_compiled(path)
    if cache_dir is not None:
        source = open_source(path)
        content_hash = source.content_hash()
        if _extends_default(source):
            # The default pack's hash too: a pack that extends it must be compiled again
            # when an update of hrreader changes the default pack.
            import hashlib

            digest = hashlib.sha256(content_hash.encode("ascii"))
            digest.update(open_source(default_pack_path()).content_hash().encode("ascii"))
            content_hash = digest.hexdigest()
        cached = cache_dir / f"{content_hash}{SUFFIX}"
        if cached.is_file():
            try:
                return open_compiled(cached)
            except PackError as exc:
                log.warning("ignoring a broken cache file %s: %s", cached, exc)
        library = _load(path)
        library.content_hash = content_hash
        return library
    return _load(path)


def default_pack_is_current() -> bool:
    """Whether the bundled compiled pack was made from the bundled source as it is now."""
    from hrreader.content import default_pack_path
    from hrreader.content.source import open_source

    compiled = default_compiled_path()
    source = open_source(default_pack_path())
    return compiled.is_file() and compiled_hash(compiled) == source.content_hash()


def _extends_default(source: PackSource) -> bool:
    from hrreader.content.loader import YamlProblem, parse_yaml

    try:
        data = parse_yaml(source.read("pack.yaml").decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return False
    return isinstance(data, dict) and data.get("extends") == "default"


def _load(path: Path) -> Library:
    from hrreader.content.loader import load_pack

    return load_pack(path)
