"""Every rule of PACK_FORMAT.md, as the loader reports it: code, severity, file and line."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from hrreader.content import PackError, load_pack, slugify
from hrreader.content.loader import split_sections
from hrreader.content.source import MAX_TOPIC_BYTES

from .conftest import (
    PACK_YAML,
    RESOURCES_YAML,
    TOPIC_BODIES,
    PackFactory,
    drop_key,
    line_of,
    only,
)

NALOXONE = "topics/en/naloxone.md"
WELCOME = "topics/en/welcome.md"


def _codes(library) -> list[str]:
    return sorted(f.code for f in library.findings)


# --------------------------------------------------------------------------------------
# The valid pack
# --------------------------------------------------------------------------------------
def test_valid_pack_loads_without_findings(pack_path: Path) -> None:
    library = load_pack(pack_path)
    assert library.findings == []
    assert library.info.id == "test-pack"
    assert library.info.title("en") == "Test Pack"
    assert library.info.version == "1.0"
    assert library.info.languages == ("en",)
    assert library.home == "welcome"
    assert [c.id for c in library.categories] == ["basics", "substances"]
    assert [t.id for t in library.topics("en")] == ["welcome", "overdose-response", "naloxone"]
    assert [r.id for r in library.resources] == ["lifeline-988", "poison-help", "next-distro"]


def test_valid_topic_fields(pack_path: Path) -> None:
    topic = load_pack(pack_path).topic("naloxone", "en")
    assert topic is not None
    assert topic.title == "Naloxone"
    assert topic.category == "substances"
    assert topic.order == 20
    assert topic.keywords == ("narcan", "nasal spray")
    assert topic.content_note == "overdose"
    assert topic.reviewed == dt.date(2026, 11, 1)
    assert [s.url for s in topic.sources] == ["https://www.cdc.gov/overdose-prevention/"]
    assert topic.related == ("overdose-response", "welcome")
    assert [s.anchor for s in topic.sections] == [
        "what-naloxone-does",
        "how-to-use-it",
        "where-to-get-it",
    ]
    assert topic.path == NALOXONE
    assert topic.intro.startswith("Naloxone reverses")
    assert "## " not in topic.intro
    assert topic.body_line == line_of(PackFactory.topic("naloxone"), "---", 2) + 1


def test_valid_resource_fields(pack_path: Path) -> None:
    library = load_pack(pack_path)
    lifeline = library.resource("lifeline-988")
    assert lifeline is not None
    assert lifeline.name("en") == "988 Suicide & Crisis Lifeline"
    assert lifeline.description("es") == "Apoyo gratuito y privado."
    assert lifeline.description("ht") == "Free, private support for anyone in emotional distress."
    assert (lifeline.phone, lifeline.sms, lifeline.url) == ("988", "988", "https://988lifeline.org")
    assert lifeline.hours_text("en") == "24 hours, every day"
    assert lifeline.languages == ("en", "es")
    assert lifeline.tags == ("crisis", "suicide", "self-harm", "24-7")
    assert lifeline.region == "US"
    assert lifeline.verified == dt.date(2026, 11, 1)
    assert lifeline.line == line_of(RESOURCES_YAML, "id: lifeline-988")
    assert library.resource("next-distro").phone == ""
    assert library.resource("nope") is None


# --------------------------------------------------------------------------------------
# pack.yaml
# --------------------------------------------------------------------------------------
def test_missing_pack_yaml_raises(make_pack: PackFactory) -> None:
    with pytest.raises(PackError, match=r"no pack\.yaml"):
        load_pack(make_pack({"pack.yaml": None}))


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such file or folder"):
        load_pack(tmp_path / "nowhere")


def test_a_plain_file_is_not_a_pack(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(PackError, match=r"not a pack folder or a \.zip"):
        load_pack(path)


@pytest.mark.parametrize("value", ["2", "0", '"1"', "one"])
def test_unknown_format_raises(make_pack: PackFactory, value: str) -> None:
    path = make_pack(pack_yaml=PACK_YAML.replace("format: 1", f"format: {value}"))
    with pytest.raises(PackError, match=r"pack\.yaml:1: format .* is not one this reader knows"):
        load_pack(path)


def test_missing_format_raises(make_pack: PackFactory) -> None:
    with pytest.raises(PackError, match="format None"):
        load_pack(make_pack(pack_yaml=drop_key(PACK_YAML, "format")))


def test_pack_yaml_bad_yaml_raises_with_line(make_pack: PackFactory) -> None:
    text = PACK_YAML.replace('version: "1.0"', "version: [1.0")
    with pytest.raises(PackError, match=r"pack\.yaml:\d+: this YAML cannot be read") as info:
        load_pack(make_pack(pack_yaml=text))
    line = int(str(info.value).split("pack.yaml:")[1].split(":")[0])
    # PyYAML notices the unclosed list where the next field starts.
    assert line == line_of(text, "version:") + 1


def test_pack_yaml_not_a_mapping_raises(make_pack: PackFactory) -> None:
    with pytest.raises(PackError, match="must be a mapping"):
        load_pack(make_pack(pack_yaml="- just\n- a list\n"))


def test_pack_yaml_not_utf8_raises(make_pack: PackFactory) -> None:
    data = PACK_YAML.replace("Test Pack", "Caf\xe9").encode("latin-1")
    with pytest.raises(PackError, match="not UTF-8"):
        load_pack(make_pack({"pack.yaml": data}))


def test_pack_yaml_alias_raises(make_pack: PackFactory) -> None:
    text = PACK_YAML.replace('version: "1.0"', 'version: &v "1.0"\nhome_copy: *v')
    with pytest.raises(PackError, match="aliases") as info:
        load_pack(make_pack(pack_yaml=text))
    assert f"pack.yaml:{line_of(text, '*v')}:" in str(info.value)


def test_pack_yaml_deep_nesting_raises_quickly(make_pack: PackFactory) -> None:
    text = PACK_YAML + "deep: " + "[" * 100_000 + "]" * 100_000 + "\n"
    path = make_pack(pack_yaml=text)
    start = time.perf_counter()
    with pytest.raises(PackError, match="nested more than"):
        load_pack(path)
    assert time.perf_counter() - start < 2


def test_pack_yaml_with_bom_loads(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({"pack.yaml": b"\xef\xbb\xbf" + PACK_YAML.encode()}))
    assert library.findings == []
    assert library.info.id == "test-pack"


@pytest.mark.parametrize("key", ["id", "title", "version", "languages", "home", "categories"])
def test_pack_required_fields(make_pack: PackFactory, key: str) -> None:
    library = load_pack(make_pack(pack_yaml=drop_key(PACK_YAML, key)))
    finding = only(library.findings, "missing-field", "pack.yaml")
    assert (finding.severity, finding.line) == ("error", 1)
    assert f"'{key}'" in finding.message


def test_pack_without_categories_reports_each_topic(make_pack: PackFactory) -> None:
    library = load_pack(make_pack(pack_yaml=drop_key(PACK_YAML, "categories")))
    unknown = [f for f in library.findings if f.code == "unknown-category"]
    assert sorted(f.path for f in unknown) == [
        NALOXONE,
        "topics/en/overdose-response.md",
        WELCOME,
    ]
    assert library.topics("en") == []


def test_pack_bad_id(make_pack: PackFactory) -> None:
    library = load_pack(make_pack(pack_yaml=PACK_YAML.replace("id: test-pack", "id: Test_Pack")))
    finding = only(library.findings, "bad-id", "pack.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(PACK_YAML, "id: test-pack"))


def test_pack_bad_home_id(make_pack: PackFactory) -> None:
    library = load_pack(make_pack(pack_yaml=PACK_YAML.replace("home: welcome", "home: Welcome!")))
    finding = only(library.findings, "bad-id", "pack.yaml")
    assert finding.line == line_of(PACK_YAML, "home:")


def test_pack_home_topic_must_exist(make_pack: PackFactory) -> None:
    library = load_pack(make_pack(pack_yaml=PACK_YAML.replace("home: welcome", "home: nowhere")))
    finding = only(library.findings, "broken-link", "pack.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(PACK_YAML, "home:"))
    assert "nowhere" in finding.message


def test_pack_bad_language_code(make_pack: PackFactory) -> None:
    text = PACK_YAML.replace("languages: [en]", "languages: [en, Spanish!]")
    library = load_pack(make_pack(pack_yaml=text))
    finding = only(library.findings, "bad-language", "pack.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, "languages:"))
    assert library.languages == ("en",)


def test_duplicate_category_id(make_pack: PackFactory) -> None:
    text = PACK_YAML + "  - id: basics\n    title: {en: Again}\n"
    library = load_pack(make_pack(pack_yaml=text))
    finding = only(library.findings, "duplicate-id", "pack.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, "- id: basics", 2))
    assert [c.id for c in library.categories] == ["basics", "substances"]
    assert library.info.category("basics").titles["en"] == "Basics"


@pytest.mark.parametrize("bad", ["Basics", "two words", "under_score", "-dash", "[1]"])
def test_bad_category_id(make_pack: PackFactory, bad: str) -> None:
    text = PACK_YAML + f"  - id: {bad}\n    title: {{en: Bad}}\n"
    library = load_pack(make_pack(pack_yaml=text))
    finding = only(library.findings, "bad-category", "pack.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, f"- id: {bad}"))


def test_category_without_title(make_pack: PackFactory) -> None:
    text = PACK_YAML + "  - id: extra\n"
    library = load_pack(make_pack(pack_yaml=text))
    finding = only(library.findings, "missing-field", "pack.yaml")
    assert finding.line == line_of(text, "- id: extra")
    assert library.info.category("extra").titles == {"en": "extra"}


def test_branding_checked(make_pack: PackFactory) -> None:
    text = PACK_YAML + (
        "branding:\n  accent: red\n  logo: images/logo.svg\n  organisation: Clinic\n"
        '  contact: "555"\n'
    )
    library = load_pack(make_pack(pack_yaml=text))
    colour = only(library.findings, "bad-colour")
    assert (colour.path, colour.line) == ("pack.yaml", line_of(text, "accent:"))
    logo = only(library.findings, "missing-file")
    assert (logo.path, logo.line) == ("pack.yaml", line_of(text, "logo:"))
    assert library.info.branding.organisation == "Clinic"
    assert library.info.branding.accent == ""
    assert library.info.branding.logo == ""


def test_branding_valid(make_pack: PackFactory) -> None:
    text = PACK_YAML + 'branding:\n  accent: "#2e6f62"\n  logo: images/kit.png\n'
    library = load_pack(make_pack(pack_yaml=text))
    assert library.findings == []
    assert library.info.branding.accent == "#2e6f62"
    assert library.info.branding.logo == "images/kit.png"


def test_branding_logo_outside_pack(make_pack: PackFactory) -> None:
    text = PACK_YAML + "branding:\n  logo: ../logo.png\n"
    library = load_pack(make_pack(pack_yaml=text))
    assert only(library.findings, "missing-file").line == line_of(text, "logo:")


# --------------------------------------------------------------------------------------
# Topics: front matter
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["title", "category", "summary", "reviewed", "sources"])
def test_topic_required_fields(make_pack: PackFactory, key: str) -> None:
    library = load_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", **{key: None})}))
    finding = only(library.findings, "missing-field", NALOXONE)
    # A missing field is reported on the first line of the front matter.
    assert (finding.severity, finding.line) == ("error", 2)
    assert f"'{key}'" in finding.message
    assert library.topic("naloxone") is None
    assert [t.id for t in library.topics()] == ["welcome", "overdose-response"]


@pytest.mark.parametrize("value", ['""', "[]", "   "])
def test_topic_empty_required_value(make_pack: PackFactory, value: str) -> None:
    text = PackFactory.topic("naloxone", title=value)
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "missing-field", NALOXONE)
    assert finding.line == line_of(text, "title:")


def test_topic_empty_sources_list(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", sources="[]")
    library = load_pack(make_pack({NALOXONE: text}))
    assert only(library.findings, "missing-field", NALOXONE).line == line_of(text, "sources:")


def test_unknown_category(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", category="drugs")
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "unknown-category", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, "category:"))
    assert "drugs" in finding.message and "basics, substances" in finding.message
    assert library.topic("naloxone") is None


@pytest.mark.parametrize("name", ["Naloxone", "nalox_one", "two words", "-lead", "trail-"])
def test_bad_topic_id(make_pack: PackFactory, name: str) -> None:
    rel = f"topics/en/{name}.md"
    library = load_pack(make_pack({rel: PackFactory.topic("welcome", related=None)}))
    finding = only(library.findings, "bad-id", rel)
    assert (finding.severity, finding.line) == ("error", 1)
    assert len(library.topics()) == 3


def test_summary_limit(make_pack: PackFactory) -> None:
    ok = load_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", summary="a" * 200)}))
    assert ok.findings == []
    text = PackFactory.topic("naloxone", summary="a" * 201)
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "summary-too-long", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, "summary:"))
    assert "201" in finding.message


@pytest.mark.parametrize(
    "value",
    ["2026-13-01", "2026-02-30", "01/11/2026", '"2026-11-1x"', "yesterday", "20261101", "[]"],
)
def test_bad_reviewed_date(make_pack: PackFactory, value: str) -> None:
    text = PackFactory.topic("naloxone", reviewed=value)
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "bad-date", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, "reviewed:"))
    assert library.topic("naloxone") is None


@pytest.mark.parametrize("value", ['"2026-11-01"', "2026-11-01 10:30:00", "2026-11-01T10:30:00Z"])
def test_good_reviewed_date_forms(make_pack: PackFactory, value: str) -> None:
    library = load_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", reviewed=value)}))
    assert library.findings == []
    assert library.topic("naloxone").reviewed == dt.date(2026, 11, 1)


@pytest.mark.parametrize("note", ["self-harm", "suicide", "overdose", "violence", "sexual-health"])
def test_known_content_notes(make_pack: PackFactory, note: str) -> None:
    library = load_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", content_note=note)}))
    assert library.findings == []
    assert library.topic("naloxone").content_note == note


@pytest.mark.parametrize("note", ["selfharm", "drugs", "Self-Harm", "[suicide]"])
def test_unknown_content_note(make_pack: PackFactory, note: str) -> None:
    text = PackFactory.topic("naloxone", content_note=note)
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "bad-field", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, "content_note:"))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("order", "first"),
        ("order", "1.5"),
        ("order", "true"),
        ("keywords", "{a: b}"),
        ("related", "{a: b}"),
    ],
)
def test_bad_field_types(make_pack: PackFactory, key: str, value: str) -> None:
    text = PackFactory.topic("naloxone", **{key: value})
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "bad-field", NALOXONE)
    assert finding.line == line_of(text, f"{key}:")


def test_keywords_may_be_one_string(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", keywords="narcan")}))
    assert library.findings == []
    assert library.topic("naloxone").keywords == ("narcan",)


def test_source_must_be_https(make_pack: PackFactory) -> None:
    sources = '\n  - title: "Good"\n    url: https://example.org\n  - title: "Old"\n    url: http://example.org'
    text = PackFactory.topic("naloxone", sources=sources)
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "unsafe-link", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, '- title: "Old"'))
    assert "http://example.org" in finding.message


def test_source_needs_title_and_url(make_pack: PackFactory) -> None:
    sources = '\n  - title: "No url"\n  - url: https://example.org'
    text = PackFactory.topic("naloxone", sources=sources)
    library = load_pack(make_pack({NALOXONE: text}))
    lines = sorted(f.line for f in library.findings if f.code == "bad-source")
    assert lines == [line_of(text, '- title: "No url"'), line_of(text, "- url:")]


def test_related_topic_must_exist(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", related="[welcome, nowhere, naloxone]")
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "broken-link", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, "related:"))
    assert "nowhere" in finding.message
    # The topic still loads, without the missing id (and without a link to itself).
    assert library.topic("naloxone").related == ("welcome",)


def test_missing_front_matter(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({NALOXONE: TOPIC_BODIES["naloxone"]}))
    finding = only(library.findings, "missing-front-matter", NALOXONE)
    assert (finding.severity, finding.line) == ("error", 1)


def test_unterminated_front_matter(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({NALOXONE: "---\ntitle: Naloxone\n\nBody text\n"}))
    assert only(library.findings, "missing-front-matter", NALOXONE).line == 1


def test_front_matter_bad_yaml_line(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", keywords="[narcan, nasal spray")
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "bad-yaml", NALOXONE)
    assert finding.severity == "error"
    # PyYAML notices the unclosed list on the next line.
    assert finding.line == line_of(text, "keywords:") + 1
    assert library.topic("naloxone") is None


def test_front_matter_tab_error_line(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", summary="ok\n\tbad: tab")
    library = load_pack(make_pack({NALOXONE: text}))
    assert only(library.findings, "bad-yaml", NALOXONE).line == line_of(text, "\tbad")


def test_front_matter_not_a_mapping(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({NALOXONE: "---\n- a\n- b\n---\n\nText\n"}))
    assert only(library.findings, "bad-yaml", NALOXONE).line == 2


def test_front_matter_explicit_bad_tag_is_a_finding(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", order="!!int abc")
    library = load_pack(make_pack({NALOXONE: text}))
    assert only(library.findings, "bad-yaml", NALOXONE).line == line_of(text, "order:")


def test_front_matter_python_tags_refused(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", title="!!python/object/apply:os.system [echo hi]")
    library = load_pack(make_pack({NALOXONE: text}))
    assert only(library.findings, "bad-yaml", NALOXONE).line == line_of(text, "title:")


def test_yaml_aliases_refused(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", title="&t Naloxone", summary="*t")
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "bad-yaml", NALOXONE)
    assert finding.line == line_of(text, "summary: *t")
    assert "alias" in finding.message


def test_yaml_alias_bomb_refused_quickly(make_pack: PackFactory) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]\n"
        for n in range(9)
    )
    text = "---\n" + bomb + "---\n\nText\n"
    start = time.perf_counter()
    library = load_pack(make_pack({NALOXONE: text}))
    assert time.perf_counter() - start < 2
    assert only(library.findings, "bad-yaml", NALOXONE).line == line_of(text, "*a")


def test_deeply_nested_yaml_refused_quickly(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", keywords="[" * 100_000 + "]" * 100_000)
    path = make_pack({NALOXONE: text})
    start = time.perf_counter()
    library = load_pack(path)
    assert time.perf_counter() - start < 2
    finding = only(library.findings, "bad-yaml", NALOXONE)
    assert "nested" in finding.message
    assert finding.line == line_of(text, "keywords:")


def test_deep_block_nesting_refused(make_pack: PackFactory) -> None:
    nested = "".join(" " * n + f"k{n}:\n" for n in range(1, 60)) + " " * 60 + "end"
    text = PackFactory.topic("naloxone", keywords="\n" + nested)
    library = load_pack(make_pack({NALOXONE: text}))
    assert "nested" in only(library.findings, "bad-yaml", NALOXONE).message


def test_empty_topic_body(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", body="\n\n")
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "empty-topic", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, "---", 2) + 1)
    assert library.topic("naloxone") is None


def test_topic_without_sections_warns(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", body="Just one paragraph.\n")
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "no-sections", NALOXONE)
    # Reported where the body starts: the line after the closing '---'.
    assert (finding.severity, finding.line) == ("warning", line_of(text, "---", 2) + 1)
    assert library.topic("naloxone") is not None


def test_windows_line_endings(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone").replace("\n", "\r\n")
    library = load_pack(make_pack({NALOXONE: text.encode()}))
    assert library.findings == []
    assert len(library.topic("naloxone").sections) == 3


def test_stray_file_in_topics_folder(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({"topics/en/notes.txt": "hello"}))
    finding = only(library.findings, "stray-file")
    assert (finding.path, finding.line, finding.severity) == ("topics/en/notes.txt", 1, "warning")


def test_hidden_files_ignored(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({"topics/en/.naloxone.md.swp": b"\xff\xfe", ".git/config": "x"}))
    assert library.findings == []


# --------------------------------------------------------------------------------------
# Topics: encodings and sizes
# --------------------------------------------------------------------------------------
def test_non_utf8_topic_names_file_and_line(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone")
    line = line_of(text, "It pushes opioids")
    data = text.replace("It pushes", "It pushes caf\xe9").encode("latin-1")
    library = load_pack(make_pack({NALOXONE: data}))
    finding = only(library.findings, "not-utf8", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line)
    assert "UTF-8" in finding.message
    assert library.topic("naloxone") is None
    assert library.topic("welcome") is not None


def test_utf16_topic_is_not_utf8(make_pack: PackFactory) -> None:
    data = PackFactory.topic("naloxone").encode("utf-16")
    library = load_pack(make_pack({NALOXONE: data}))
    assert only(library.findings, "not-utf8", NALOXONE).line == 1


def test_utf8_bom_topic_loads(make_pack: PackFactory) -> None:
    data = b"\xef\xbb\xbf" + PackFactory.topic("naloxone").encode()
    library = load_pack(make_pack({NALOXONE: data}))
    assert library.findings == []
    assert library.topic("naloxone").title == "Naloxone"


def test_utf8_accents_load(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", title='"Naloxona: cómo usarla"')
    library = load_pack(make_pack({NALOXONE: text}))
    assert library.findings == []
    assert library.topic("naloxone").title == "Naloxona: cómo usarla"


def test_oversized_topic(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone")
    text += "\n" + ("word " * 20 + "\n") * (MAX_TOPIC_BYTES // 100 + 10)
    assert len(text.encode()) > MAX_TOPIC_BYTES
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "too-large", NALOXONE)
    assert (finding.severity, finding.line) == ("error", 1)
    assert library.topic("naloxone") is None


def test_topic_just_under_the_size_cap_loads(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone")
    text += "x" * (MAX_TOPIC_BYTES - len(text.encode()))
    assert len(text.encode()) == MAX_TOPIC_BYTES
    library = load_pack(make_pack({NALOXONE: text}))
    assert not [f for f in library.findings if f.code == "too-large"]
    assert library.topic("naloxone") is not None


# --------------------------------------------------------------------------------------
# Topics: links and images
# --------------------------------------------------------------------------------------
def _with_line(make_pack: PackFactory, line: str):
    """Load the pack with ``line`` added to naloxone's body; return (library, file line)."""
    text = PackFactory.topic("naloxone") + "\n" + line + "\n"
    return load_pack(make_pack({NALOXONE: text})), line_of(text, line)


@pytest.mark.parametrize(
    ("markdown", "needle"),
    [
        ("[x](topic:nowhere)", "no topic with id 'nowhere'"),
        ("[x](topic:welcome#nowhere)", "has no section 'nowhere'"),
        ("[x](resource:nowhere)", "no resource with id 'nowhere'"),
        ("[x](#nowhere)", "this topic has no section 'nowhere'"),
        ("[x](topic:)", "not a valid address"),
        ("[x](resource:poison-help#part)", "not a valid address"),
        ("[x](welcome.md)", "not an address"),
        ("[x](../welcome.md)", "not an address"),
        ('<a href="topic:nowhere">x</a>', "no topic with id"),
        ("[x]: topic:nowhere", "no topic with id"),
    ],
)
def test_broken_internal_links(make_pack: PackFactory, markdown: str, needle: str) -> None:
    library, line = _with_line(make_pack, markdown)
    finding = only(library.findings, "broken-link", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line)
    assert needle in finding.message
    # A broken link does not cost the topic.
    assert library.topic("naloxone") is not None


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](topic:welcome)",
        "[x](topic:welcome#what-it-keeps)",
        "[x](resource:lifeline-988)",
        "[x](#where-to-get-it)",
        "[x](https://example.org/a?b=c#d)",
        "<https://example.org>",
        "`[x](javascript:alert(1))`",
        '[x](topic:welcome "A title")',
    ],
)
def test_good_links(make_pack: PackFactory, markdown: str) -> None:
    library, _ = _with_line(make_pack, markdown)
    assert library.findings == []


@pytest.mark.parametrize(
    ("markdown", "scheme"),
    [
        ("[x](http://example.org)", "http"),
        ("[x](javascript:alert(1))", "javascript"),
        ("[x](JavaScript:alert(1))", "javascript"),
        ("[x](file:///etc/passwd)", "file"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data"),
        ("[x](mailto:someone@example.org)", "mailto"),
        ("[x](ftp://example.org)", "ftp"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ("<http://example.org>", "http"),
        ("[x]: http://example.org", "http"),
    ],
)
def test_unsafe_link_schemes(make_pack: PackFactory, markdown: str, scheme: str) -> None:
    library, line = _with_line(make_pack, markdown)
    finding = only(library.findings, "unsafe-link", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line)
    assert f"'{scheme}:'" in finding.message


def test_links_inside_code_fences_are_not_checked(make_pack: PackFactory) -> None:
    body = TOPIC_BODIES["naloxone"] + "\n```\n[x](javascript:alert(1))\n![y](http://x/y.png)\n```\n"
    library = load_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", body=body)}))
    assert library.findings == []


def test_link_line_counts_from_file_start(make_pack: PackFactory) -> None:
    body = TOPIC_BODIES["naloxone"].replace("Call 911.", "Call 911. [bad](http://x.org)")
    text = PackFactory.topic("naloxone", body=body)
    library = load_pack(make_pack({NALOXONE: text}))
    assert only(library.findings, "unsafe-link").line == line_of(text, "[bad]")


@pytest.mark.parametrize(
    ("markdown", "code"),
    [
        ("![kit](https://example.org/kit.png)", "remote-image"),
        ("![kit](http://example.org/kit.png)", "remote-image"),
        ("![kit](HTTPS://example.org/kit.png)", "remote-image"),
        ('<img src="http://example.org/kit.png">', "remote-image"),
        ("![kit](data:image/png;base64,iVBORw0KGgo=)", "unsafe-link"),
        ("![kit](file:///etc/passwd)", "unsafe-link"),
        ("![kit](../outside.png)", "outside-pack"),
        ("![kit](images/../../outside.png)", "outside-pack"),
        ("![kit](/etc/kit.png)", "outside-pack"),
        ("![kit](images/missing.png)", "missing-file"),
        ("![kit](pack.yaml)", "bad-image"),
        ("![kit](images/kit.exe)", "bad-image"),
    ],
)
def test_bad_images(make_pack: PackFactory, markdown: str, code: str) -> None:
    library, line = _with_line(make_pack, markdown)
    finding = only(library.findings, code, NALOXONE)
    assert (finding.severity, finding.line) == ("error", line)


def test_image_inside_pack_is_fine(make_pack: PackFactory) -> None:
    library, _ = _with_line(make_pack, "![kit](images/kit.png) ![again](./images/kit.png)")
    assert library.findings == []
    assert library.read_asset("images/kit.png").startswith(b"\x89PNG")
    assert library.read_asset("../pack.yaml") is None
    assert library.read_asset("images/missing.png") is None


# --------------------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------------------
def test_language_folder_not_in_languages_warns(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({"topics/fr/welcome.md": PackFactory.topic("welcome")}))
    finding = only(library.findings, "unknown-language")
    assert (finding.path, finding.line, finding.severity) == ("topics/fr", 1, "warning")
    assert "fr" not in library.by_lang


def test_missing_translation_warns(make_pack: PackFactory) -> None:
    text = PACK_YAML.replace("languages: [en]", "languages: [en, es]")
    es_welcome = PackFactory.topic("welcome", title="Bienvenida", related=None)
    library = load_pack(make_pack({"topics/es/welcome.md": es_welcome}, pack_yaml=text))
    missing = [f for f in library.findings if f.code == "missing-translation"]
    assert [(f.path, f.line, f.severity) for f in sorted(missing, key=lambda f: f.path)] == [
        (NALOXONE, 1, "warning"),
        ("topics/en/overdose-response.md", 1, "warning"),
    ]
    assert all("'es'" in f.message for f in missing)
    assert len(library.findings) == 2


# --------------------------------------------------------------------------------------
# resources.yaml
# --------------------------------------------------------------------------------------
def _resource_yaml(**fields: str | None) -> str:
    """resources.yaml with a fourth resource made of ``fields`` (raw YAML, None to leave out)."""
    base: dict[str, str | None] = {
        "id": "extra",
        "name": "Extra line",
        "description": "{en: A helpful line.}",
        "phone": '"555-0100"',
        "tags": "[crisis]",
        "region": "US",
        "verified": "2026-11-01",
    }
    base.update(fields)
    first = True
    lines = []
    for key, value in base.items():
        if value is None:
            continue
        lines.append(f"{'- ' if first else '  '}{key}: {value}")
        first = False
    return RESOURCES_YAML + "\n" + "\n".join(lines) + "\n"


def test_extra_resource_is_valid(make_pack: PackFactory) -> None:
    library = load_pack(make_pack(resources_yaml=_resource_yaml()))
    assert library.findings == []
    assert library.resource("extra").descriptions == {"en": "A helpful line."}


@pytest.mark.parametrize("key", ["name", "description", "tags", "region", "verified"])
def test_resource_required_fields(make_pack: PackFactory, key: str) -> None:
    text = _resource_yaml(**{key: None})
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "missing-field", "resources.yaml")
    # A missing field is reported on the resource's first line.
    assert (finding.severity, finding.line) == ("error", line_of(text, "- id: extra"))
    assert library.resource("extra") is None
    assert len(library.resources) == 3


def test_resource_empty_tags(make_pack: PackFactory) -> None:
    text = _resource_yaml(tags="[]")
    library = load_pack(make_pack(resources_yaml=text))
    assert only(library.findings, "missing-field").line == line_of(text, "tags: []")


@pytest.mark.parametrize("value", [None, "Extra_Line", "'has space'", "[1, 2]"])
def test_resource_bad_id(make_pack: PackFactory, value: str | None) -> None:
    text = _resource_yaml(id=value)
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "bad-id", "resources.yaml")
    expected = line_of(text, f"- id: {value}") if value else line_of(text, "- name: Extra line")
    assert (finding.severity, finding.line) == ("error", expected)
    assert len(library.resources) == 3


def test_duplicate_resource_id(make_pack: PackFactory) -> None:
    text = _resource_yaml(id="poison-help")
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "duplicate-id", "resources.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, "- id: poison-help", 2))
    assert f"line {line_of(text, '- id: poison-help')}" in finding.message
    assert [r.id for r in library.resources] == ["lifeline-988", "poison-help", "next-distro"]
    assert library.resource("poison-help").name("en") == "Poison Help"


def test_resource_missing_contact(make_pack: PackFactory) -> None:
    text = _resource_yaml(phone=None)
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "missing-contact", "resources.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, "- id: extra"))


@pytest.mark.parametrize(
    "contact", ['sms: "741741"', "url: https://example.org", "address: 1 Main St, Miami"]
)
def test_resource_any_contact_is_enough(make_pack: PackFactory, contact: str) -> None:
    key, value = contact.split(": ", 1)
    library = load_pack(make_pack(resources_yaml=_resource_yaml(phone=None, **{key: value})))
    assert library.findings == []


@pytest.mark.parametrize("url", ["http://example.org", "javascript:alert(1)", "example.org"])
def test_resource_url_must_be_https(make_pack: PackFactory, url: str) -> None:
    text = _resource_yaml(url=url)
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "unsafe-link", "resources.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, f"url: {url}"))


def test_resource_unknown_tag(make_pack: PackFactory) -> None:
    text = _resource_yaml(tags="[crisis, drugs, 24/7]")
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "unknown-tag", "resources.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, "tags: [crisis, drugs"))
    assert "drugs" in finding.message and "24/7" in finding.message
    assert library.resource("extra") is None


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "soon", "'11/01/2026'"])
def test_resource_bad_verified_date(make_pack: PackFactory, value: str) -> None:
    text = _resource_yaml(verified=value)
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "bad-date", "resources.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, f"verified: {value}"))


@pytest.mark.parametrize("key", ["phone", "sms"])
def test_resource_bad_phone(make_pack: PackFactory, key: str) -> None:
    text = _resource_yaml(**{key: "call the office"})
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "bad-phone", "resources.yaml")
    assert finding.line == line_of(text, f"{key}: call the office")


@pytest.mark.parametrize(("key", "value"), [("hours", "[1, 2]"), ("languages", "{a: b}")])
def test_resource_bad_optional_fields(make_pack: PackFactory, key: str, value: str) -> None:
    text = _resource_yaml(**{key: value})
    library = load_pack(make_pack(resources_yaml=text))
    assert only(library.findings, "bad-field").line == line_of(text, f"{key}: {value}")


def test_resources_yaml_bad_yaml(make_pack: PackFactory) -> None:
    text = RESOURCES_YAML.replace("tags: [naloxone]", "tags: [naloxone")
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "bad-yaml", "resources.yaml")
    assert finding.severity == "error"
    assert finding.line == line_of(text, "tags: [naloxone") + 1
    # Topics still load; their resource links are now broken and say so.
    assert len(library.topics()) == 3
    assert library.resources == ()


def test_resources_yaml_not_a_list(make_pack: PackFactory) -> None:
    library = load_pack(make_pack(resources_yaml="id: lonely\n"))
    assert only(library.findings, "bad-yaml", "resources.yaml").line == 1


def test_resources_yaml_item_not_a_mapping(make_pack: PackFactory) -> None:
    library = load_pack(make_pack(resources_yaml=RESOURCES_YAML + "- just text\n"))
    assert only(library.findings, "bad-resource", "resources.yaml").severity == "error"
    assert len(library.resources) == 3


def test_resources_yaml_empty_and_missing(make_pack: PackFactory) -> None:
    for files in ({"resources.yaml": ""}, {"resources.yaml": None}):
        library = load_pack(make_pack(files))
        assert library.resources == ()
        assert {f.code for f in library.findings} == {"broken-link"}


def test_resources_yaml_not_utf8(make_pack: PackFactory) -> None:
    text = RESOURCES_YAML.replace("Where to get", "Where to get caf\xe9")
    library = load_pack(make_pack({"resources.yaml": text.encode("latin-1")}))
    finding = only(library.findings, "not-utf8", "resources.yaml")
    assert (finding.severity, finding.line) == ("error", line_of(text, "Where to get"))


def test_resources_yaml_with_bom(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({"resources.yaml": b"\xef\xbb\xbf" + RESOURCES_YAML.encode()}))
    assert library.findings == []
    assert len(library.resources) == 3


def test_resources_yaml_alias_refused(make_pack: PackFactory) -> None:
    text = RESOURCES_YAML.replace("region: US", "region: &r US", 1).replace(
        "tags: [naloxone]\n  region: US", "tags: [naloxone]\n  region: *r"
    )
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "bad-yaml", "resources.yaml")
    assert finding.line == line_of(text, "region: *r")


# --------------------------------------------------------------------------------------
# One broken file of each kind: everything else still loads
# --------------------------------------------------------------------------------------
def test_one_broken_file_of_each_kind_still_loads_the_rest(make_pack: PackFactory) -> None:
    broken = {
        # a topic that is not UTF-8
        "topics/en/latin.md": PackFactory.topic("welcome", related=None).encode() + b"\xff\n",
        # a topic with bad YAML
        "topics/en/bad-yaml.md": "---\ntitle: [oops\n---\n\nText\n",
        # a topic with a missing required field
        "topics/en/no-title.md": PackFactory.topic("welcome", title=None, related=None),
        # a topic in an unknown category
        "topics/en/lost.md": PackFactory.topic("welcome", category="nowhere", related=None),
        # a resource with no way to reach it, and a broken image reference in a good topic
        "resources.yaml": _resource_yaml(phone=None),
        "topics/en/welcome.md": PackFactory.topic("welcome") + "\n![x](images/gone.png)\n",
        # a stray file and a language folder the pack does not list
        "topics/en/readme.txt": "notes",
        "topics/xx/welcome.md": PackFactory.topic("welcome"),
    }
    library = load_pack(make_pack(broken))
    assert _codes(library) == [
        "bad-yaml",
        "missing-contact",
        "missing-field",
        "missing-file",
        "not-utf8",
        "stray-file",
        "unknown-category",
        "unknown-language",
    ]
    assert [t.id for t in library.topics("en")] == ["welcome", "overdose-response", "naloxone"]
    assert [r.id for r in library.resources] == ["lifeline-988", "poison-help", "next-distro"]
    assert library.exists("topic:naloxone#how-to-use-it")
    assert "<h2" in library.html("welcome")


# --------------------------------------------------------------------------------------
# Section anchors
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Cómo usar", "como-usar"),
        ("¿Qué es la naloxona?", "que-es-la-naloxona"),
        ("Señales de una sobredosis", "senales-de-una-sobredosis"),
        ("Überdosis: was tun", "uberdosis-was-tun"),
        ("How to use it", "how-to-use-it"),
        ("Step 1 -- call 911!", "step-1-call-911"),
        ("  Spaces   and\ttabs ", "spaces-and-tabs"),
        ("HIV & hepatitis C", "hiv-hepatitis-c"),
        ("Don't panic", "don-t-panic"),
    ],
)
def test_slugify(heading: str, anchor: str) -> None:
    assert slugify(heading) == anchor


def test_spanish_heading_anchor_is_folded() -> None:
    _, sections = split_sections("Intro\n\n## Cómo usar\n\nTexto\n")
    assert [(s.anchor, s.title) for s in sections] == [("como-usar", "Cómo usar")]


def test_duplicate_headings_get_numbered() -> None:
    body = "## Steps\n\na\n\n## Steps\n\nb\n\n## Steps\n\nc\n"
    _, sections = split_sections(body)
    assert [s.anchor for s in sections] == ["steps", "steps_1", "steps_2"]
    assert [s.text for s in sections] == ["a", "b", "c"]


def test_subheadings_take_anchors_but_are_not_sections() -> None:
    body = "## Signs\n\n### Signs\n\ntext\n\n## Signs\n"
    _, sections = split_sections(body)
    assert [s.anchor for s in sections] == ["signs", "signs_2"]
    assert "### Signs" in sections[0].text


def test_headings_inside_fences_are_ignored() -> None:
    body = (
        "Intro\n\n```\n## Not a section\n```\n\n~~~markdown\n## Nor this\n~~~\n\n"
        "## Real\n\n````\n```\n## Still code\n```\n````\n\n```python\n## Nor\n```   \n"
    )
    intro, sections = split_sections(body)
    assert [s.anchor for s in sections] == ["real"]
    assert "## Not a section" in intro
    assert "## Still code" in sections[0].text


def test_unclosed_fence_is_not_a_fence() -> None:
    # As in Python-Markdown: without a closing fence the backticks are just text.
    _, sections = split_sections("Intro\n\n```\ncode\n\n## After\n")
    assert [s.anchor for s in sections] == ["after"]


def test_indented_backticks_do_not_open_a_fence() -> None:
    _, sections = split_sections("Intro\n\n  ```\n## In\n  ```\n\n## Real\n")
    assert [s.anchor for s in sections] == ["in", "real"]


def test_custom_heading_ids() -> None:
    body = "## How to use it {#use}\n\nx\n\n## Where { #where .big }\n\ny\n\n## Plain {.cls}\n"
    _, sections = split_sections(body)
    assert [(s.anchor, s.title) for s in sections] == [
        ("use", "How to use it"),
        ("where", "Where"),
        ("plain", "Plain"),
    ]


def test_closing_hashes_and_empty_slug() -> None:
    _, sections = split_sections("## Call for help ##\n\n## ¡¿!?\n\n## ...\n")
    assert [s.title for s in sections] == ["Call for help", "¡¿!?", "..."]
    assert sections[0].anchor == "call-for-help"
    # Headings with no letters still get distinct, non-empty anchors.
    assert all(s.anchor for s in sections)
    assert len({s.anchor for s in sections}) == 3


def test_hash_without_space_is_still_a_heading() -> None:
    # Python-Markdown makes '##Heading' a heading, so the loader must count it too.
    _, sections = split_sections("#hashtag\n\n##Tight\n\n## Real\n")
    assert [s.anchor for s in sections] == ["tight", "real"]


def test_anchors_in_a_loaded_topic(make_pack: PackFactory) -> None:
    body = (
        "Intro\n\n## Cómo usar\n\nx\n\n## Cómo usar\n\ny\n\n```\n## Fake\n```\n\n## Otra {#mine}\n"
    )
    library = load_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", body=body)}))
    assert [s.anchor for s in library.topic("naloxone").sections] == [
        "como-usar",
        "como-usar_1",
        "mine",
    ]
    # Links from other topics are checked against these anchors.
    assert library.exists("topic:naloxone#como-usar_1")
    assert not library.exists("topic:naloxone#fake")
    assert {f.code for f in library.findings} == {"broken-link"}  # others linked to old anchors


# --------------------------------------------------------------------------------------
# Text cut in two by a comma in unquoted flow YAML
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["hours", "description", "name"])
def test_comma_in_unquoted_text_is_joined_back_and_warned(make_pack: PackFactory, key: str) -> None:
    """PACK_FORMAT.md's own example writes hours this way: keep the text whole, suggest quotes."""
    text = _resource_yaml(**{key: "{en: 24 hours, every day, es: 24 horas, todos los días}"})
    library = load_pack(make_pack(resources_yaml=text))
    finding = only(library.findings, "comma-in-text", "resources.yaml")
    assert (finding.severity, finding.line) == ("warning", line_of(text, f"{key}: {{en: 24 hours"))
    assert "'every day'" in finding.message and "quote" in finding.message
    resource = library.resource("extra")
    texts = {"hours": resource.hours, "description": resource.descriptions, "name": resource.names}
    assert texts[key] == {"en": "24 hours, every day", "es": "24 horas, todos los días"}


def test_quoted_text_with_comma_is_kept_whole(make_pack: PackFactory) -> None:
    text = _resource_yaml(hours='{en: "24 hours, every day", es: "24 horas, todos los días"}')
    library = load_pack(make_pack(resources_yaml=text))
    assert library.findings == []
    assert library.resource("extra").hours_text("en") == "24 hours, every day"
    assert library.resource("extra").hours_text("es") == "24 horas, todos los días"


def test_comma_in_unquoted_category_title_is_joined_back_and_warned(
    make_pack: PackFactory,
) -> None:
    text = PACK_YAML + "  - id: support\n    title: {en: Support, treatment and privacy}\n"
    library = load_pack(make_pack(pack_yaml=text))
    finding = only(library.findings, "comma-in-text", "pack.yaml")
    assert (finding.severity, finding.line) == ("warning", line_of(text, "- id: support"))
    assert library.info.category("support").titles["en"] == "Support, treatment and privacy"


# --------------------------------------------------------------------------------------
# `check`: HTML the sanitiser removes is a warning on the line that has it
# --------------------------------------------------------------------------------------
def test_check_warns_about_removed_html(make_pack: PackFactory) -> None:
    from hrreader.content.lint import check_pack

    text = PackFactory.topic("naloxone") + '\nSome <span style="color:red">red</span> text.\n'
    report = check_pack(make_pack({NALOXONE: text}))
    finding = only(report.findings, "html-removed", NALOXONE)
    assert (finding.severity, finding.line) == ("warning", line_of(text, "<span style"))
    assert "style= on <span>" in finding.message
    assert (report.error_count, report.warning_count) == (0, 1)


def test_check_of_a_pack_without_pack_yaml_is_one_error(make_pack: PackFactory) -> None:
    from hrreader.content.lint import check_pack

    report = check_pack(make_pack({"pack.yaml": None}))
    assert [(f.severity, f.code) for f in report.findings] == [("error", "unreadable-pack")]


def test_check_of_a_bad_format_names_the_line(make_pack: PackFactory) -> None:
    from hrreader.content.lint import check_pack

    path = make_pack(pack_yaml=PACK_YAML.replace("format: 1", "format: 2"))
    report = check_pack(path)
    finding = only(report.findings, "unreadable-pack")
    assert finding.line == 1
    assert finding.path.endswith("pack.yaml")


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        # File line 1 is '---'; the front matter starts on line 2.
        ("title: Naloxone\ncategory: substances\n  summary: indented\n", 4),
        ("title: Naloxone\n- a list item\n", 3),
        # Unclosed quotes and lists run to the last line of the front matter.
        ('title: "Naloxone\ncategory: substances\n', 3),
        ("title: Naloxone\ncategory: [a\n", 3),
    ],
)
def test_bad_yaml_line_inside_the_front_matter(
    make_pack: PackFactory, front_matter: str, line: int
) -> None:
    text = "---\n" + front_matter + "---\n\nBody\n"
    library = load_pack(make_pack({NALOXONE: text}))
    assert only(library.findings, "bad-yaml", NALOXONE).line == line
