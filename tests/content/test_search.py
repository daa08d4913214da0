"""Search finds what a frightened person types: ranking, synonyms, accents, typos, typing.

Ranking cases run on the real default pack (what people will actually search); the finer
behaviours run on small packs written here, so they do not depend on the default wording.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hrreader.content import load_pack
from hrreader.content.library import Library
from hrreader.content.search import (
    SYNONYMS,
    TAG_NEEDS,
    Hit,
    SearchIndex,
    SearchResults,
    edit_distance,
    fold,
)

RESOURCE_TAGS_USED = {"crisis", "suicide", "self-harm", "overdose", "naloxone", "24-7"}


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def index(default_library: Library) -> SearchIndex:
    return SearchIndex.build(default_library)


def targets(results: list[Hit]) -> list[str]:
    return [h.target for h in results]


def rank_of(results: list[Hit], target: str) -> int:
    """1-based position of ``target`` in the results; a large number when missing."""
    found = targets(results)
    return found.index(target) + 1 if target in found else 10_000


PACK_YAML = """\
format: 1
id: search-test
title: {en: Search test, es: Prueba de búsqueda}
version: "1"
languages: [en, es]
home: welcome
categories:
  - id: basics
    title: {en: Basics, es: Lo básico}
"""

RESOURCES_YAML = """\
- id: lifeline-988
  name: 988 Suicide & Crisis Lifeline
  description:
    en: Free, private support for anyone in emotional distress.
    es: Apoyo gratuito y confidencial para cualquier persona con angustia emocional.
  phone: "988"
  tags: [crisis, suicide, self-harm, 24-7]
  region: US
  verified: 2026-11-01
- id: poison-help
  name: Poison Help
  description:
    en: Expert advice about medicines and chemicals.
  phone: "1-800-222-1222"
  tags: [overdose]
  region: US
  verified: 2026-11-01
"""


def topic(title: str, body: str, keywords: str = "[]", summary: str = "A short summary.") -> str:
    return (
        "---\n"
        f"title: {title}\n"
        "category: basics\n"
        f"summary: {summary}\n"
        f"keywords: {keywords}\n"
        "reviewed: 2026-11-01\n"
        "sources:\n"
        "  - title: Source\n"
        "    url: https://example.org/source\n"
        "---\n\n"
        f"{body}\n"
    )


#: Topics with none of the misspellings or slang in their keywords, so only synonyms and
#: typo correction can find them.
SMALL_TOPICS = {
    "topics/en/welcome.md": topic("Welcome", "Start here.\n\n## Finding your way\n\nUse the list."),
    "topics/en/naloxone.md": topic(
        "Naloxone",
        "Naloxone reverses an opioid overdose.\n\n## How to use nasal naloxone\n\n"
        "Spray it into one nostril.\n\n## Storing naloxone\n\nKeep it at room temperature.",
        keywords="[narcan]",
    ),
    "topics/en/fentanyl.md": topic(
        "Fentanyl",
        "Fentanyl is a strong opioid.\n\n## Test strips\n\nStrips show whether it is there.",
    ),
    "topics/en/suicide.md": topic(
        "Suicide prevention", "You are not alone.\n\n## Warning signs\n\nTalk about dying."
    ),
    "topics/en/self-harm.md": topic(
        "Self-harm", "Some people hurt themselves to cope.\n\n## Caring for a wound\n\nClean it."
    ),
    "topics/en/syringe-services.md": topic(
        "Syringe services programs",
        "Programs give out sterile supplies.\n\n## What they offer\n\nSupplies and testing.",
    ),
    "topics/en/overdose.md": topic(
        "Responding to an overdose", "Act fast.\n\n## Call 911\n\nStay with the person."
    ),
    "topics/es/welcome.md": topic("Bienvenida", "Empiece aquí.\n\n## Cómo usarlo\n\nElija."),
    "topics/es/harm-reduction.md": topic(
        "Reducción de daños",
        "La reducción de daños acepta a las personas.\n\n## Qué significa\n\nMenos daño.",
    ),
    "topics/en/harm-reduction.md": topic(
        "Harm reduction", "Meeting people where they are.\n\n## What it means\n\nLess harm."
    ),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    root = tmp_path_factory.mktemp("search") / "pack"
    files = {"pack.yaml": PACK_YAML, "resources.yaml": RESOURCES_YAML, **SMALL_TOPICS}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    library = load_pack(root)
    assert not library.errors(), [f.format() for f in library.errors()]
    return SearchIndex.build(library)


# --------------------------------------------------------------------------------------
# Ranking on the default pack
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "target", "within"),
    [
        ("narcan", "topic:naloxone", 1),
        ("Narcan", "topic:naloxone", 1),
        ("naloxone", "topic:naloxone", 1),
        ("how to use narcan", "topic:naloxone#how-to-use-nasal-naloxone", 1),
        ("where to get narcan", "topic:naloxone#where-to-get-naloxone", 3),
        ("988", "resource:lifeline-988", 3),
        ("crisis", "resource:lifeline-988", 3),
        ("talk to someone", "resource:lifeline-988", 3),
        ("suicide hotline", "resource:lifeline-988", 3),
        ("i want to die", "resource:lifeline-988", 3),
        ("fent strips", "topic:fentanyl-and-drug-checking", 1),
        ("fentanyl", "topic:fentanyl-and-drug-checking", 1),
        ("cutting", "topic:self-harm", 1),
        ("self harm", "topic:self-harm", 1),
        ("od what do i do", "topic:overdose-response", 1),
        ("someone is not breathing", "topic:overdose-response", 2),
        ("alcohol poisoning", "topic:alcohol", 2),
        ("mixing alcohol and benzos", "topic:mixing-substances", 1),
        ("meth", "topic:stimulants", 1),
        ("suboxone", "topic:treatment-options", 1),
    ],
)
def test_default_pack_ranking(index: SearchIndex, query: str, target: str, within: int) -> None:
    results = index.search(query)
    assert rank_of(results, target) <= within, targets(results)[:8]


def test_needle_exchange_finds_syringe_services(index: SearchIndex) -> None:
    top = targets(index.search("needle exchange"))[:3]
    assert any(t.startswith("topic:safer-injection") for t in top), top


def test_title_match_beats_body_mentions(index: SearchIndex) -> None:
    results = index.search("naloxone")
    assert results[0].target == "topic:naloxone"
    first = results[0].score
    # Pages that only mention naloxone in passing come after the page about it.
    assert all(h.score < first for h in results[1:])
    body_only = [h for h in results if h.kind == "section" and "naloxone" not in h.title.lower()]
    assert all(rank_of(results, h.target) > 1 for h in body_only)


def test_section_hits_land_on_the_section(index: SearchIndex) -> None:
    hit = index.search("how to use narcan")[0]
    assert hit.kind == "section"
    assert hit.target == "topic:naloxone#how-to-use-nasal-naloxone"
    assert hit.title == "Naloxone (Narcan) > How to use nasal naloxone"


def test_resource_hit_shape(index: SearchIndex) -> None:
    hit = next(h for h in index.search("988") if h.kind == "resource")
    assert hit.target == "resource:lifeline-988"
    assert hit.title == "988 Suicide & Crisis Lifeline"
    assert isinstance(hit.score, float)


def test_hits_are_well_formed(index: SearchIndex) -> None:
    for query in ("narcan", "crisis", "fentanyl test strips", "how to use narcan"):
        results = index.search(query)
        assert results, query
        assert len({h.target for h in results}) == len(results), "no hit twice"
        scores = [h.score for h in results]
        assert scores == sorted(scores, reverse=True)
        for hit in results:
            assert hit.kind in {"topic", "section", "resource"}
            kind = "resource" if hit.kind == "resource" else "topic"
            assert hit.target.startswith(f"{kind}:")
            assert ("#" in hit.target) == (hit.kind == "section")
            if hit.kind == "section":
                assert " > " in hit.title


def test_limit_is_respected(index: SearchIndex) -> None:
    assert len(index.search("overdose", limit=3)) == 3
    assert index.search("overdose", limit=0) == []


def test_results_carry_query_terms_and_no_correction(index: SearchIndex) -> None:
    results = index.search("narcan")
    assert isinstance(results, SearchResults)
    assert results.query == "narcan"
    assert results.corrected is None
    assert {"narcan", "naloxone"} <= set(results.terms)


def test_snippet_marks_matched_words(index: SearchIndex) -> None:
    hit = index.search("fentanyl")[0]
    assert "<b>" in hit.snippet and "</b>" in hit.snippet
    assert "fentanyl" in hit.snippet.lower()


# --------------------------------------------------------------------------------------
# Synonyms, accents, languages
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("od", "topic:overdose"),
        ("fent", "topic:fentanyl"),
        ("needle exchange", "topic:syringe-services"),
        ("cutting", "topic:self-harm"),
        ("kill myself", "topic:suicide"),
    ],
)
def test_synonyms_find_pages_without_the_word(small: SearchIndex, query: str, target: str) -> None:
    assert rank_of(small.search(query), target) <= 2, targets(small.search(query))


def test_keywords_count_like_the_title(small: SearchIndex) -> None:
    # "narcan" is only a keyword of the naloxone topic.
    assert small.search("narcan")[0].target == "topic:naloxone"


def test_synonym_table_is_folded_and_well_formed() -> None:
    for phrase, alternatives in SYNONYMS.items():
        assert phrase == fold(phrase) and phrase == " ".join(phrase.split())
        assert alternatives and all(a == fold(a) for a in alternatives)
    for tag, by_lang in TAG_NEEDS.items():
        assert "en" in by_lang, tag
    assert set(TAG_NEEDS) >= RESOURCE_TAGS_USED


@pytest.mark.parametrize(
    "query", ["reduccion de danos", "reducción de daños", "REDUCCIÓN", "daños"]
)
def test_accents_are_folded(small: SearchIndex, query: str) -> None:
    assert small.search(query, lang="es")[0].target == "topic:harm-reduction"


def test_spanish_query_reaches_english_topic_by_synonym(small: SearchIndex) -> None:
    # "reduccion de danos" also means "harm reduction", so English readers find it too.
    assert small.search("reduccion de danos", lang="en")[0].target == "topic:harm-reduction"


def test_topics_missing_in_a_language_are_found_in_their_fallback(small: SearchIndex) -> None:
    # There is no Spanish naloxone page; searching in Spanish still finds the English one.
    assert small.search("naloxone", lang="es")[0].target == "topic:naloxone"


def test_each_language_indexes_its_own_words(small: SearchIndex) -> None:
    es = small.search("angustia emocional", lang="es")
    assert targets(es)[:1] == ["resource:lifeline-988"]
    assert small.search("Reducción de daños", lang="en")[0].target == "topic:harm-reduction"
    assert "Reducción" in small.search("reduccion", lang="es")[0].title


def test_unknown_language_searches_the_default(small: SearchIndex) -> None:
    assert small.search("naloxone", lang="xx")[0].target == "topic:naloxone"


# --------------------------------------------------------------------------------------
# Typos and typing
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "corrected", "target"),
    [
        ("nalaxone", "naloxone", "topic:naloxone"),
        ("fentanil", "fentanyl", "topic:fentanyl"),
        ("suacide", "suicide", "topic:suicide"),
        ("narcain", "narcan", "topic:naloxone"),
        ("nalaxone spray", "naloxone spray", "topic:naloxone#how-to-use-nasal-naloxone"),
    ],
)
def test_typos_are_corrected(small: SearchIndex, query: str, corrected: str, target: str) -> None:
    results = small.search(query + " ")  # a finished word, not one still being typed
    assert results.corrected == corrected
    assert rank_of(results, target) <= 2, targets(results)


def test_typo_correction_on_the_default_pack(index: SearchIndex) -> None:
    results = index.search("suacide")
    assert results.corrected == "suicide"
    assert rank_of(results, "resource:lifeline-988") <= 3
    assert index.search("nalaxone")[0].target == "topic:naloxone"
    assert index.search("fentanil")[0].target == "topic:fentanyl-and-drug-checking"


@pytest.mark.parametrize(("typed", "corrected"), [("nalax", "naloxone"), ("fentenyl", "fentanyl")])
def test_typos_while_typing_complete_to_the_word(
    small: SearchIndex, typed: str, corrected: str
) -> None:
    results = small.search(typed)  # still typing: "nalax" is the start of a misspelled word
    assert results.corrected == corrected
    assert results[0].target.startswith(f"topic:{corrected}")


def test_correct_words_are_not_corrected(small: SearchIndex) -> None:
    assert small.search("naloxone").corrected is None
    assert small.search("xqzvw").corrected is None  # nothing close: no guess


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("nalox", "topic:naloxone"),
        ("nal", "topic:naloxone"),
        ("fenta", "topic:fentanyl"),
        ("how to use nal", "topic:naloxone#how-to-use-nasal-naloxone"),
    ],
)
def test_prefix_while_typing(small: SearchIndex, typed: str, target: str) -> None:
    results = small.search(typed)
    assert results.corrected is None
    assert rank_of(results, target) <= 2, targets(results)


def test_prefix_on_the_default_pack(index: SearchIndex) -> None:
    assert index.search("nalox")[0].target == "topic:naloxone"
    assert rank_of(index.search("overd"), "topic:overdose-response") <= 3


def test_edit_distance() -> None:
    assert edit_distance("suacide", "suicide") == 1
    assert edit_distance("nacran", "narcan") == 1  # transposition
    assert edit_distance("fentanil", "fentanyl") == 1
    assert edit_distance("narcain", "narcan") == 1
    assert edit_distance("naloxone", "nalxoone") == 1
    assert edit_distance("abc", "xyz") == 3
    assert edit_distance("overdose", "overdose") == 0


# --------------------------------------------------------------------------------------
# Hostile input
# --------------------------------------------------------------------------------------
HOSTILE = [
    "",
    " ",
    "   \t\n ",
    '"',
    '""',
    '"narcan',
    'narcan"',
    "*",
    "**",
    "nal*",
    "*nal",
    "NEAR",
    "NEAR(narcan overdose)",
    "narcan NEAR overdose",
    "NEAR/2",
    "AND",
    "OR",
    "NOT",
    "narcan AND",
    "AND narcan",
    "OR OR OR",
    "NOT narcan",
    "narcan NOT overdose",
    "(",
    ")",
    "((narcan",
    "narcan))",
    "(narcan OR",
    "{title}: narcan",
    "title:narcan",
    "-narcan",
    "^narcan",
    "+narcan",
    "narcan:",
    ":",
    "'",
    "'; DROP TABLE search_docs; --",
    "\\",
    "%_%",
    "\x00",
    "narcan\x00overdose",
    "\u200b",
    "🙂",
    "🙂 narcan 🙂",
    "💊💉🆘",
    "ñ",
    "ß",
    "ǅ",
    "日本語",
    "مرحبا",
    "x" * 10_000,
    "narcan " * 2_000,
    "a" * 300,
    "(" * 500,
    '"' * 501,
    "1-800-662-4357",
    "@#$%^&*()",
]


@pytest.mark.parametrize("query", HOSTILE, ids=[f"q{n}" for n in range(len(HOSTILE))])
def test_hostile_queries_never_raise(index: SearchIndex, query: str) -> None:
    results = index.search(query)
    assert isinstance(results, SearchResults)
    assert all(isinstance(h, Hit) for h in results)
    assert results.query == query


@pytest.mark.parametrize("query", ["", "   ", "*", "🙂", "()", '"'])
def test_queries_without_words_return_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_index_still_works_after_hostile_queries(index: SearchIndex) -> None:
    for query in HOSTILE:
        index.search(query)
    assert index.search("narcan")[0].target == "topic:naloxone"


@pytest.mark.parametrize("limit", [-1, 0])
def test_silly_limits_return_nothing(index: SearchIndex, limit: int) -> None:
    assert index.search("narcan", limit=limit) == []


def test_snippets_are_escaped_html(small: SearchIndex, tmp_path: Path) -> None:
    files = {
        "pack.yaml": PACK_YAML.replace("languages: [en, es]", "languages: [en]"),
        "topics/en/welcome.md": topic(
            "Welcome", "Hi.\n\n## Dosing\n\nIf 2 < 3 & <i>tolerance</i> is low, use less."
        ),
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    hit = SearchIndex.build(load_pack(tmp_path)).search("tolerance")[0]
    assert hit.target == "topic:welcome#dosing"
    assert "&lt;" in hit.snippet and "&amp;" in hit.snippet
    assert "<b>tolerance</b>" in hit.snippet
    assert "<i>" not in hit.snippet


# --------------------------------------------------------------------------------------
# Storage: shared connections, attach, compiled files
# --------------------------------------------------------------------------------------
QUERIES = ["narcan", "how to use narcan", "988", "suacide", "nalox", "reduccion de danos"]


def test_attach_gives_the_same_results_as_build(default_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "pack.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE catalogue (json TEXT)")  # a compiled pack holds more than search
    conn.execute("INSERT INTO catalogue VALUES ('{}')")
    built = SearchIndex.build(default_library, conn)
    expected = {q: built.search(q) for q in QUERIES}
    conn.commit()
    conn.close()

    readonly = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    attached = SearchIndex.attach(readonly)
    for query in QUERIES:
        got = attached.search(query)
        assert got == expected[query], query
        assert got.corrected == expected[query].corrected
    assert readonly.execute("SELECT json FROM catalogue").fetchone() == ("{}",)


def test_build_leaves_other_tables_alone_and_can_rebuild(default_library: Library) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE html (topic_id TEXT, html TEXT)")
    conn.execute("INSERT INTO html VALUES ('naloxone', '<p>x</p>')")
    SearchIndex.build(default_library, conn)
    index = SearchIndex.build(default_library, conn)  # again, over its own tables
    assert index.search("narcan")[0].target == "topic:naloxone"
    assert conn.execute("SELECT count(*) FROM html").fetchone() == (1,)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert all(t == "html" or t.startswith("search_") for t in tables), tables


def test_attach_without_an_index_says_so() -> None:
    with pytest.raises(LookupError):
        SearchIndex.attach(sqlite3.connect(":memory:"))


def test_open_falls_back_to_building(small_library: Library) -> None:
    index = SearchIndex.open(small_library)
    assert index.search("narcan")[0].target == "topic:naloxone"


def test_open_caches_on_disk_by_content_hash(small_library: Library, tmp_path: Path) -> None:
    first = SearchIndex.open(small_library, cache_dir=tmp_path)
    cached = list(tmp_path.glob("search-*.sqlite"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    second = SearchIndex.open(small_library, cache_dir=tmp_path)  # reads the file, no rebuild
    assert cached[0].stat().st_mtime_ns == stamp
    assert second.search("narcan") == first.search("narcan")
    assert second.search("narcan")[0].target == "topic:naloxone"


def test_open_survives_a_broken_cache(small_library: Library, tmp_path: Path) -> None:
    SearchIndex.open(small_library, cache_dir=tmp_path)
    for path in tmp_path.glob("search-*.sqlite"):
        path.write_bytes(b"not a database")
    index = SearchIndex.open(small_library, cache_dir=tmp_path)
    assert index.search("narcan")[0].target == "topic:naloxone"


def test_content_layer_search_never_imports_qt() -> None:
    code = (
        "import sys, hrreader.content.search as s\n"
        "from hrreader.content import default_pack_path, load_pack\n"
        "s.SearchIndex.build(load_pack(default_pack_path())).search('narcan')\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
