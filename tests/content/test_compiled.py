"""Compiled packs: one SQLite file that opens to the same library as its source."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import hrreader.content
from hrreader.content import PackError, default_pack_path, load_pack
from hrreader.content import compiled as compiled_module
from hrreader.content.compiled import (
    compile_pack,
    compiled_hash,
    default_compiled_path,
    open_compiled,
    open_library,
)
from hrreader.content.library import Library, iter_all_topics
from hrreader.content.model import Resource, Topic
from hrreader.content.source import open_source

from .conftest import PACK_YAML, PackFactory, zip_folder

REBUILD = "python tools/build_resources.py"


def _catalogue(topic: Topic) -> tuple[object, ...]:
    """What a compiled pack keeps of a topic (its Markdown body is replaced by HTML)."""
    return (
        topic.id,
        topic.lang,
        topic.title,
        topic.category,
        topic.summary,
        topic.reviewed,
        topic.sources,
        topic.order,
        topic.keywords,
        topic.content_note,
        topic.related,
        tuple((s.anchor, s.title) for s in topic.sections),
        topic.path,
        topic.is_fallback,
    )


def _as_compiled(resources: tuple[Resource, ...]) -> tuple[Resource, ...]:
    """The resources as a compiled pack keeps them: where each field was written is for
    checks, which read the source, so it is not compiled."""
    return tuple(r._replace(field_lines={}) for r in resources)


def _assert_same(source: Library, compiled: Library) -> None:
    assert compiled.info._replace(home_line=1) == source.info._replace(home_line=1)
    assert compiled.resources == _as_compiled(source.resources)
    assert compiled.findings == source.findings
    assert sorted(map(_catalogue, iter_all_topics(compiled))) == sorted(
        map(_catalogue, iter_all_topics(source))
    )
    for lang in source.languages:
        assert [_catalogue(t) for t in compiled.topics(lang)] == [
            _catalogue(t) for t in source.topics(lang)
        ]
        for topic in source.topics(lang):
            assert compiled.html(topic.id, lang) == source.html(topic.id, lang), (lang, topic.id)
    for address in ("topic:naloxone#how-to-use-it", "resource:poison-help", "topic:nowhere"):
        assert compiled.exists(address) == source.exists(address)


@pytest.fixture
def bilingual_pack(make_pack: PackFactory) -> Path:
    """The small pack with Spanish (one translated topic) and one warning and one error."""
    return make_pack(
        {
            "topics/es/welcome.md": PackFactory.topic(
                "welcome",
                title="Bienvenida",
                related=None,
                body="Hola.\n\n## Cómo usarlo\n\nTexto.\n",
            ),
            "topics/en/naloxone.md": PackFactory.topic("naloxone") + "\n[x](http://a.org)\n",
        },
        pack_yaml=PACK_YAML.replace("languages: [en]", "languages: [en, es]"),
    )


def test_compiled_pack_equals_source(bilingual_pack: Path, tmp_path: Path) -> None:
    source = load_pack(bilingual_pack)
    assert {f.code for f in source.findings} == {"unsafe-link", "missing-translation"}
    out = tmp_path / "out" / "pack.hrpack"
    compile_pack(source, out).close()
    assert out.is_file()
    assert not out.with_name(out.name + ".tmp").exists()
    compiled = open_compiled(out)
    assert compiled.compiled is not None
    _assert_same(load_pack(bilingual_pack), compiled)
    assert compiled.content_hash == open_source(bilingual_pack).content_hash()
    assert compiled_hash(out) == compiled.content_hash
    assert compiled.read_asset("images/kit.png") == source.read_asset("images/kit.png")
    assert compiled.read_asset("../pack.yaml") is None
    assert compiled.topic("naloxone", "es").is_fallback
    assert compiled.html("naloxone", "es") == source.html("naloxone", "es")
    assert compiled.topic("welcome", "es").section("como-usarlo").title == "Cómo usarlo"


def test_compile_in_memory(small_library: Library) -> None:
    conn = compile_pack(small_library)
    compiled = open_compiled(conn)
    _assert_same(small_library, compiled)


def test_opening_a_compiled_pack_decodes_only_the_topics_asked_for(
    small_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 10,000-topic pack must paint its first page without decoding every topic."""
    decoded: list[str] = []
    real = compiled_module._topic_from_json

    def counting(data):  # type: ignore[no-untyped-def]
        decoded.append(data["id"])
        return real(data)

    monkeypatch.setattr(compiled_module, "_topic_from_json", counting)
    compiled = open_compiled(compile_pack(small_library))
    assert decoded == []
    assert compiled.topic_count() == small_library.topic_count()
    naloxone = compiled.topic("naloxone")
    assert decoded == ["naloxone"]
    assert compiled.topic("no-such-topic") is None
    assert compiled.html("naloxone")  # the page itself needs no other topic
    assert decoded == ["naloxone"]
    # Listing them all decodes the rest once, and the topic already read stays the same object.
    everything = compiled.topics()
    assert len(everything) == small_library.topic_count()
    assert next(t for t in everything if t.id == "naloxone") is naloxone
    count = len(decoded)
    compiled.topics()
    assert len(decoded) == count


def test_listing_one_language_decodes_no_other_languages_topics(
    bilingual_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other languages are asked only which topics they have (for fallbacks)."""
    decoded: list[tuple[str, str]] = []
    real = compiled_module._topic_from_json

    def counting(data):  # type: ignore[no-untyped-def]
        decoded.append((data["lang"], data["id"]))
        return real(data)

    source = load_pack(bilingual_pack)
    monkeypatch.setattr(compiled_module, "_topic_from_json", counting)
    compiled = open_compiled(compile_pack(source))
    english = compiled.topics("en")
    assert {lang for lang, _id in decoded} == {"en"}
    assert [t.id for t in english] == [t.id for t in source.topics("en")]
    decoded.clear()
    spanish = compiled.topics("es")
    assert {lang for lang, _id in decoded} == {"es"}
    # A topic not written in Spanish is listed in English, marked as a fallback, in order.
    assert [(t.id, t.is_fallback) for t in spanish] == [
        (t.id, t.is_fallback) for t in source.topics("es")
    ]
    assert any(t.is_fallback for t in spanish)


def test_compile_from_zip_has_same_hash(make_pack: PackFactory, tmp_path: Path) -> None:
    folder = make_pack()
    zipped = zip_folder(folder, tmp_path / "p.zip", "p/")
    out = tmp_path / "z.hrpack"
    compile_pack(load_pack(zipped), out).close()
    assert compiled_hash(out) == open_source(folder).content_hash()


def test_compile_replaces_an_existing_file(small_library: Library, tmp_path: Path) -> None:
    out = tmp_path / "pack.hrpack"
    out.write_bytes(b"old junk")
    compile_pack(small_library, out).close()
    assert open_compiled(out).topic("naloxone").title == "Naloxone"


def test_open_compiled_refuses_what_is_not_one(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such file"):
        open_compiled(tmp_path / "missing.hrpack")
    junk = tmp_path / "junk.hrpack"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(PackError):
        open_compiled(junk)
    other = tmp_path / "other.hrpack"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('format', '99')")
    conn.commit()
    conn.close()
    with pytest.raises(PackError, match="another version"):
        open_compiled(other)
    assert compiled_hash(junk) is None


def test_open_library_hrpack_and_folder(bilingual_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.hrpack"
    compile_pack(load_pack(bilingual_pack), out).close()
    assert open_library(out).compiled is not None
    from_folder = open_library(bilingual_pack)
    assert from_folder.compiled is None
    assert from_folder.source is not None


def test_open_library_uses_a_cached_compile(bilingual_pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = open_library(bilingual_pack, cache_dir=cache)
    assert first.compiled is None
    content_hash = open_source(bilingual_pack).content_hash()
    assert first.content_hash == content_hash
    compile_pack(first, cache / f"{content_hash}.hrpack").close()
    second = open_library(bilingual_pack, cache_dir=cache)
    assert second.compiled is not None
    _assert_same(load_pack(bilingual_pack), second)
    # A broken cache file is ignored, not fatal.
    (cache / f"{content_hash}.hrpack").write_bytes(b"broken")
    assert open_library(bilingual_pack, cache_dir=cache).compiled is None


def test_open_library_none_uses_a_fresh_compiled_default(
    make_pack: PackFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_pack()
    shipped = tmp_path / "default.hrpack"
    compile_pack(load_pack(folder), shipped).close()
    monkeypatch.setattr(hrreader.content, "default_pack_path", lambda: folder)
    monkeypatch.setattr(compiled_module, "default_compiled_path", lambda: shipped)
    fresh = open_library(None)
    assert fresh.compiled is not None
    assert fresh.topic("naloxone").title == "Naloxone"
    # Change one file of the source: the compiled copy is stale and is not used.
    (folder / "topics/en/naloxone.md").write_text(
        PackFactory.topic("naloxone", title="Naloxone (Narcan)"), encoding="utf-8"
    )
    stale = open_library(None)
    assert stale.compiled is None
    assert stale.topic("naloxone").title == "Naloxone (Narcan)"
    # No compiled file at all: the source.
    shipped.unlink()
    assert open_library(None).compiled is None


def test_shipped_default_pack_is_not_stale() -> None:
    shipped = default_compiled_path()
    assert shipped.is_file(), f"{shipped.name} is missing; run `{REBUILD}`"
    expected = open_source(default_pack_path()).content_hash()
    assert compiled_hash(shipped) == expected, (
        f"{shipped.name} was compiled from other files than hrreader/content/default/ holds "
        f"now; run `{REBUILD}` and commit the result"
    )


def test_open_library_none_opens_the_shipped_compiled_pack() -> None:
    library = open_library(None)
    assert library.compiled is not None, f"the shipped pack is not used; run `{REBUILD}`"
    assert library.info.id == "hrreader-default"
    assert library.findings == [] or all(f.severity == "warning" for f in library.findings)


def test_shipped_compiled_pack_matches_its_source(default_library: Library) -> None:
    shipped = open_compiled(default_compiled_path())
    if shipped.content_hash != open_source(default_pack_path()).content_hash():
        pytest.fail(f"the shipped pack is stale; run `{REBUILD}`")
    # The hash covers the pack's files, not the code: a change to the loader or renderer
    # also makes the shipped file stale, and only this comparison notices.
    stale = f"the shipped pack differs from what this code makes; run `{REBUILD}`"
    for lang in default_library.languages:
        assert [_catalogue(t) for t in shipped.topics(lang)] == [
            _catalogue(t) for t in default_library.topics(lang)
        ], stale
        for topic in default_library.topics(lang):
            if shipped.html(topic.id, lang) != default_library.html(topic.id, lang):
                pytest.fail(f"{lang}/{topic.id}: {stale}", pytrace=False)
    assert shipped.resources == _as_compiled(default_library.resources), stale
    assert shipped.findings == default_library.findings, stale


def test_cli_compile(
    bilingual_pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hrreader.cli import main

    out = tmp_path / "cli.hrpack"
    # The pack has one error: it is still compiled, and the exit code says so.
    assert main(["compile", str(bilingual_pack), str(out)]) == 1
    captured = capsys.readouterr()
    assert "unsafe-link" in captured.err
    assert captured.out.startswith(f"wrote {out}")
    assert open_compiled(out).topic("welcome", "es").title == "Bienvenida"


def test_cli_compile_clean_pack(pack_path: Path, tmp_path: Path) -> None:
    from hrreader.cli import main

    assert main(["compile", str(pack_path), str(tmp_path / "ok.hrpack")]) == 0


def test_open_library_none_falls_back_when_the_compiled_default_is_unreadable(
    make_pack: PackFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_pack()
    shipped = tmp_path / "default.hrpack"
    compile_pack(load_pack(folder), shipped).close()
    # Same source hash, but written by a future hrreader with another compiled format.
    conn = sqlite3.connect(shipped)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    conn.commit()
    conn.close()
    monkeypatch.setattr(hrreader.content, "default_pack_path", lambda: folder)
    monkeypatch.setattr(compiled_module, "default_compiled_path", lambda: shipped)
    library = open_library(None)
    assert library.compiled is None
    assert library.topic("naloxone").title == "Naloxone"
