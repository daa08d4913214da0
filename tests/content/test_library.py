"""The Library: topic order, language fallback, addresses."""

from __future__ import annotations

import pytest

from hrreader.content import Library, load_pack, parse_address
from hrreader.content.model import NO_ENTRIES

from .conftest import PACK_YAML, PackFactory


def _ordered_pack(make_pack: PackFactory) -> Library:
    """Categories listed substances-first; topics with equal orders and mixed-case titles."""
    pack_yaml = PACK_YAML.replace(
        "  - id: basics\n    title: {en: Basics, es: Lo básico}\n"
        "  - id: substances\n    title: {en: Substances, es: Sustancias}\n",
        "  - id: substances\n    title: {en: Substances}\n"
        "  - id: basics\n    title: {en: Basics}\n",
    )
    extra = {
        # basics: order 10 welcome, then three at order 50 sorted by title, then default 100
        "topics/en/zebra.md": PackFactory.topic("welcome", title="apple", order="50", related=None),
        "topics/en/apple.md": PackFactory.topic(
            "welcome", title="Banana", order="50", related=None
        ),
        "topics/en/mango.md": PackFactory.topic(
            "welcome", title="cherry", order="50", related=None
        ),
        "topics/en/last.md": PackFactory.topic(
            "welcome", title="Aardvark", order=None, related=None
        ),
        "topics/en/first.md": PackFactory.topic("welcome", title="Zulu", order="-5", related=None),
    }
    library = load_pack(make_pack(extra, pack_yaml=pack_yaml))
    assert library.findings == []
    return library


def test_topics_order_category_then_order_then_title(make_pack: PackFactory) -> None:
    library = _ordered_pack(make_pack)
    assert [t.id for t in library.topics("en")] == [
        # substances first, as pack.yaml lists it
        "overdose-response",  # order 10
        "naloxone",  # order 20
        # then basics
        "first",  # order -5
        "welcome",  # order 10
        "zebra",  # 50, "apple"
        "apple",  # 50, "Banana" (case does not matter)
        "mango",  # 50, "cherry"
        "last",  # default order 100
    ]
    assert library.topic_ids() == [t.id for t in library.topics("en")]
    assert library.topic("last").order == 100


def test_topics_in_category(make_pack: PackFactory) -> None:
    library = _ordered_pack(make_pack)
    assert [t.id for t in library.topics_in("substances")] == ["overdose-response", "naloxone"]
    assert library.topics_in("nowhere") == []


def _bilingual(make_pack: PackFactory) -> Library:
    pack_yaml = PACK_YAML.replace("languages: [en]", "languages: [en, es]")
    files = {
        "topics/es/welcome.md": PackFactory.topic(
            "welcome", title="Bienvenida", order="90", related="[naloxone]"
        ),
        # A topic only written in Spanish.
        "topics/es/solo.md": PackFactory.topic("welcome", title="Solo en español", related=None),
    }
    return load_pack(make_pack(files, pack_yaml=pack_yaml))


def test_fallback_to_default_language(make_pack: PackFactory) -> None:
    library = _bilingual(make_pack)
    es = {t.id: t for t in library.topics("es")}
    assert set(es) == {"welcome", "solo", "naloxone", "overdose-response"}
    assert (es["welcome"].lang, es["welcome"].is_fallback, es["welcome"].title) == (
        "es",
        False,
        "Bienvenida",
    )
    assert (es["naloxone"].lang, es["naloxone"].is_fallback) == ("en", True)
    assert (es["overdose-response"].lang, es["overdose-response"].is_fallback) == ("en", True)
    # The stored topics themselves are never marked.
    assert library.by_lang["en"]["naloxone"].is_fallback is False
    assert library.topic("naloxone", "en").is_fallback is False
    assert library.topic("naloxone", "es").is_fallback is True


def test_fallback_order_uses_each_topics_own_order(make_pack: PackFactory) -> None:
    library = _bilingual(make_pack)
    # Spanish welcome has order 90, so it comes after "solo" (order 10) in basics.
    assert [t.id for t in library.topics("es")] == [
        "solo",
        "welcome",
        "overdose-response",
        "naloxone",
    ]


def test_topic_only_in_another_language_falls_back_too(make_pack: PackFactory) -> None:
    library = _bilingual(make_pack)
    solo = library.topic("solo", "en")
    assert (solo.lang, solo.is_fallback) == ("es", True)
    assert "solo" in [t.id for t in library.topics("en")]


def test_unknown_language_means_default(make_pack: PackFactory) -> None:
    library = _bilingual(make_pack)
    assert library.resolve_lang("fr") == "en"
    assert library.resolve_lang(None) == "en"
    assert library.resolve_lang("es") == "es"
    assert [t.id for t in library.topics("fr")] == [t.id for t in library.topics("en")]
    assert not any(t.is_fallback for t in library.topics("en") if t.id != "solo")
    assert library.topic("nowhere", "es") is None


def test_missing_translation_findings_only_for_missing_ones(make_pack: PackFactory) -> None:
    library = _bilingual(make_pack)
    assert sorted(f.path for f in library.warnings()) == [
        "topics/en/naloxone.md",
        "topics/en/overdose-response.md",
        "topics/es/solo.md",  # missing in the default language
    ]
    assert library.errors() == []


def test_languages_and_home(small_library: Library) -> None:
    assert small_library.languages == ("en",)
    assert small_library.default_lang == "en"
    assert small_library.home == "welcome"


@pytest.mark.parametrize(
    ("address", "exists"),
    [
        ("topic:welcome", True),
        ("topic:welcome#how-to-use-it", True),
        ("topic:naloxone#where-to-get-it", True),
        ("topic:welcome#where-to-get-it", False),
        ("topic:welcome#", True),
        ("topic:nowhere", False),
        ("topic:", False),
        ("topic:#how-to-use-it", False),
        ("resource:poison-help", True),
        ("resource:nowhere", False),
        ("resource:poison-help#x", False),
        ("resource:", False),
        ("Topic:welcome", False),
        ("welcome", False),
        ("#how-to-use-it", False),
        ("https://example.org", False),
        ("javascript:alert(1)", False),
        ("", False),
        (":", False),
    ],
)
def test_exists(small_library: Library, address: str, exists: bool) -> None:
    assert small_library.exists(address) is exists


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("topic:naloxone", ("topic", "naloxone", "")),
        ("topic:naloxone#how-to-use-it", ("topic", "naloxone", "how-to-use-it")),
        ("topic:naloxone#", ("topic", "naloxone", "")),
        ("resource:lifeline-988", ("resource", "lifeline-988", "")),
        ("resource:lifeline-988#x", ("", "", "")),
        ("topic:", ("", "", "")),
        ("topic:#section", ("", "", "")),
        ("resource:", ("", "", "")),
        ("topic", ("", "", "")),
        ("naloxone", ("", "", "")),
        ("", ("", "", "")),
        (":naloxone", ("", "", "")),
        ("TOPIC:naloxone", ("", "", "")),
        ("https://example.org/#x", ("", "", "")),
        ("pack:images/kit.png", ("", "", "")),
        ("javascript:alert(1)", ("", "", "")),
    ],
)
def test_parse_address(address: str, parts: tuple[str, str, str]) -> None:
    assert parse_address(address) == parts


def test_addresses_of_items(small_library: Library) -> None:
    assert small_library.topic("naloxone").address == "topic:naloxone"
    assert small_library.resource("poison-help").address_uri == "resource:poison-help"
    assert small_library.topic("naloxone").section("how-to-use-it").title == "How to use it"
    assert small_library.topic("naloxone").section("nope") is None


def test_crisis_resources(make_pack: PackFactory) -> None:
    extra = """
- id: trevor
  name: Trevor
  description: {en: For LGBTQ+ young people.}
  phone: "555-0101"
  tags: [crisis, suicide, lgbtq, youth]
  region: US
  verified: 2026-11-01

- id: text-line
  name: Text line
  description: {en: Text us.}
  sms: "741741"
  tags: [crisis, self-harm]
  region: US
  verified: 2026-11-01

- id: warmline
  name: Warmline
  description: {en: Someone to talk to.}
  phone: "555-0102"
  tags: [mental-health, suicide]
  region: US
  verified: 2026-11-01
"""
    library = load_pack(make_pack(resources_yaml=PackFactory.RESOURCES_YAML + extra))
    # Tagged crisis and (suicide or self-harm), for everyone, in pack order.
    assert [r.id for r in library.crisis_resources()] == ["lifeline-988", "text-line"]


def test_read_asset_stays_inside(small_library: Library) -> None:
    assert small_library.read_asset("images/kit.png")[:4] == b"\x89PNG"
    for bad in ("../pack.yaml", "/etc/passwd", "images/../../x", "", "images\\kit.png"):
        assert small_library.read_asset(bad) is None
    # Inside the pack but not a picture: the pane is only ever given png, jpg, gif and svg.
    assert small_library.read_asset("pack.yaml") is None


def test_library_without_source_has_no_assets(small_library: Library) -> None:
    bare = Library(info=small_library.info, by_lang={}, resources=())
    assert bare.read_asset("images/kit.png") is None
    assert bare.topics() == []
    assert bare.html("welcome") == ""


def test_records_cannot_be_changed_and_a_change_is_a_new_record(small_library: Library) -> None:
    """The model is immutable (DESIGN.md): the UI, search and caches share one object."""
    topic = small_library.topic("welcome")
    resource = small_library.resources[0]
    assert topic is not None
    for record, name in [
        (topic, "title"),
        (topic.sections[0], "title"),
        (resource, "phone"),
        (small_library.info, "home"),
        (small_library.info.branding, "accent"),
        (small_library.categories[0], "id"),
    ]:
        with pytest.raises(AttributeError):
            setattr(record, name, "changed")
    with pytest.raises(TypeError):
        NO_ENTRIES["phone"] = 1  # type: ignore[index] - every record's default mapping
    changed = topic._replace(title="Changed")
    assert changed.title == "Changed" and topic.title != "Changed"
    assert changed != topic and changed._replace(title=topic.title) == topic
