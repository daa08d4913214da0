"""The bundled default pack: clean, complete, and right about the facts that matter most.

The checked facts come from /work/shared/CONTENT_GUIDE.md ("Facts that are easy to get
wrong"); a number here is never a guess.
"""

from __future__ import annotations

import re

import pytest

from hrreader.content import default_pack_path
from hrreader.content.library import Library, iter_all_topics
from hrreader.content.lint import check_pack
from hrreader.content.model import Topic
from hrreader.content.render import plain_text

CATEGORIES = {
    "basics": [
        "welcome",
        "what-is-harm-reduction",
        "history-of-harm-reduction",
        "why-harm-reduction-matters",
        "everyday-harm-reduction",
        "harm-reduction-and-lgbtq-communities",
    ],
    "substances": [
        "overdose-response",
        "naloxone",
        "fentanyl-and-drug-checking",
        "never-use-alone",
        "safer-injection",
        "stimulants",
        "alcohol",
        "mixing-substances",
    ],
    "mental-health": [
        "self-harm",
        "coping-with-urges",
        "crisis-and-emergency-help",
        "healthy-boundaries",
    ],
    "sexual-health": ["safer-sex", "hiv-and-hepatitis-c-testing"],
    "support": [
        "harm-reduction-therapy",
        "treatment-options",
        "supporting-someone",
        "staying-private",
    ],
}
TOPIC_IDS = [t for ids in CATEGORIES.values() for t in ids]
RESOURCE_IDS = [
    "emergency-911",
    "lifeline-988",
    "veterans-crisis-line",
    "crisis-text-line",
    "samhsa-helpline",
    "never-use-alone",
    "poison-help",
    "trevor-project",
    "trans-lifeline",
    "domestic-violence-hotline",
    "rainn",
    "nami-helpline",
    "findtreatment-gov",
    "next-distro",
    "dancesafe",
    "warmline-directory",
    "nhrc-map",
    "dial-211",
]
AVOID = re.compile(
    r"\b(addicts?|junkies|junkie|abusers?|drug abuse|substance abuse|committed suicide|"
    r"self-harmers?|cutters?|self-mutilation|attention-seeking|replacement therapy)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
#: A North American number written out (1-800-662-4357, (305) 555-0100, 800.662.4357).
LONG_NUMBER = re.compile(r"(?<!\d)(?:\+?1[-. ]?)?\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}(?!\d)")
#: A short number right after a word for calling or texting (call 911, text HOME to 741741).
SHORT_NUMBER = re.compile(
    r"\b(?:call|calls|calling|text|texts|texting|dial|phone|llame|llamar|marque|marcar|"
    r"envíe|enviar|texto)\b[^.\n\d]{0,40}?(?<!\d)(\d{3,6})(?!\d)",
    re.IGNORECASE,
)


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _all_topics(library: Library) -> list[Topic]:
    return list(iter_all_topics(library))


def _english(library: Library) -> list[Topic]:
    return [library.by_lang["en"][t] for t in TOPIC_IDS if t in library.by_lang["en"]]


def _words(topic: Topic) -> int:
    return len(plain_text(topic.body).split())


# --------------------------------------------------------------------------------------
# Clean
# --------------------------------------------------------------------------------------
def test_check_reports_nothing() -> None:
    report = check_pack(default_pack_path())
    assert [f.format() for f in report.findings] == []
    assert (report.error_count, report.warning_count) == (0, 0)
    assert report.topic_count >= 24
    assert report.resource_count >= 18


def test_pack_manifest(default_library: Library) -> None:
    info = default_library.info
    assert info.id == "hrreader-default"
    assert info.default_lang == "en"
    assert info.home == "welcome"
    assert [c.id for c in info.categories] == list(CATEGORIES)
    assert info.branding.accent == "#2e6f62"


# --------------------------------------------------------------------------------------
# Complete
# --------------------------------------------------------------------------------------
def test_the_24_topics_in_their_categories(default_library: Library) -> None:
    english = default_library.by_lang["en"]
    missing = [t for t in TOPIC_IDS if t not in english]
    assert not missing, f"missing topics: {missing}"
    for category, ids in CATEGORIES.items():
        for topic_id in ids:
            assert english[topic_id].category == category, topic_id
    in_sidebar = [t.id for t in default_library.topics("en")]
    assert set(TOPIC_IDS) <= set(in_sidebar)
    assert in_sidebar[0] == "welcome"


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_english_topic_length(default_library: Library, topic_id: str) -> None:
    topic = default_library.by_lang["en"][topic_id]
    words = _words(topic)
    assert 300 <= words <= 900, f"{topic_id}: {words} words; a topic has 300 to 900"


def test_every_topic_has_sections_sources_and_a_date(default_library: Library) -> None:
    problems = []
    for topic in _all_topics(default_library):
        where = f"{topic.lang}/{topic.id}"
        if len(topic.sections) < 2:
            problems.append(f"{where}: {len(topic.sections)} sections; needs at least 2")
        if not any(s.url.startswith("https://") for s in topic.sources):
            problems.append(f"{where}: no https source")
        if topic.reviewed is None or topic.reviewed.year < 2025:
            problems.append(f"{where}: reviewed {topic.reviewed}")
        if not topic.summary or len(topic.summary) > 200:
            problems.append(f"{where}: summary of {len(topic.summary)} characters")
    assert not problems, "\n".join(problems)


def test_translations_keep_the_same_topics_and_anchors(default_library: Library) -> None:
    english = default_library.by_lang["en"]
    for lang in default_library.languages[1:]:
        for topic_id, topic in default_library.by_lang[lang].items():
            assert topic_id in english, f"{lang}/{topic_id} has no English original"
            assert topic.category == english[topic_id].category, f"{lang}/{topic_id}"


def test_self_harm_and_suicide_notes(default_library: Library) -> None:
    english = default_library.by_lang["en"]
    assert english["self-harm"].content_note == "self-harm"
    assert english["crisis-and-emergency-help"].content_note in ("suicide", "self-harm")
    for topic in _all_topics(default_library):
        if topic.content_note in ("self-harm", "suicide"):
            # Every such topic links to a crisis resource in its own words too.
            assert "resource:lifeline-988" in topic.body or "resource:crisis-text-line" in (
                topic.body
            ), f"{topic.lang}/{topic.id}"


def test_at_least_18_resources_with_the_required_ids(default_library: Library) -> None:
    ids = [r.id for r in default_library.resources]
    assert len(ids) >= 18
    missing = [r for r in RESOURCE_IDS if r not in ids]
    assert not missing, f"missing resources: {missing}"


def test_every_resource_is_complete(default_library: Library) -> None:
    for resource in default_library.resources:
        assert resource.name("en"), resource.id
        assert resource.description("en"), resource.id
        assert resource.phone or resource.sms or resource.url or resource.address, resource.id
        assert not resource.url or resource.url.startswith("https://"), resource.id
        assert resource.tags, resource.id
        assert resource.verified.year >= 2025, resource.id
        for lang in default_library.languages:
            assert resource.description(lang), (resource.id, lang)


def test_topics_link_the_resources_they_name(default_library: Library) -> None:
    problems = []
    for topic in _all_topics(default_library):
        text = plain_text(topic.body)
        for resource in default_library.resources:
            name = resource.name(topic.lang)
            if name in text and f"resource:{resource.id}" not in topic.body:
                problems.append(f"{topic.lang}/{topic.id} names {name!r} without a link")
    assert not problems, "\n".join(problems)


def test_most_required_resources_are_linked_somewhere(default_library: Library) -> None:
    bodies = "\n".join(t.body for t in _all_topics(default_library))
    linked = set(re.findall(r"resource:([a-z0-9-]+)", bodies))
    for resource_id in ("emergency-911", "lifeline-988", "crisis-text-line", "never-use-alone"):
        assert resource_id in linked, resource_id


# --------------------------------------------------------------------------------------
# Checked facts (CONTENT_GUIDE.md)
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("resource_id", "phone", "sms", "sms_body"),
    [
        ("emergency-911", "911", None, None),
        ("lifeline-988", "988", "988", None),
        ("crisis-text-line", None, "741741", "HOME"),
        ("samhsa-helpline", "18006624357", None, None),
        ("never-use-alone", "18004843731", None, None),
        ("poison-help", "18002221222", None, None),
        ("trans-lifeline", "18775658860", None, None),
        ("domestic-violence-hotline", "18007997233", "88788", "START"),
        ("rainn", "18006564673", None, None),
        ("nami-helpline", "18009506264", None, None),
        ("dial-211", "211", None, None),
    ],
)
def test_checked_numbers(
    default_library: Library,
    resource_id: str,
    phone: str | None,
    sms: str | None,
    sms_body: str | None,
) -> None:
    resource = default_library.resource(resource_id)
    assert resource is not None, resource_id
    if phone is not None:
        assert _digits(resource.phone) == _digits(phone), f"{resource_id}: {resource.phone}"
    if sms is not None:
        assert _digits(resource.sms) == _digits(sms), f"{resource_id}: {resource.sms}"
    if sms_body is not None:
        assert resource.sms_body == sms_body, resource_id


def test_crisis_text_line_is_not_988(default_library: Library) -> None:
    resource = default_library.resource("crisis-text-line")
    assert "988" not in (resource.phone, resource.sms)
    assert "741741" in resource.description("en") and "HOME" in resource.description("en")


def test_trans_lifeline_is_not_24_7(default_library: Library) -> None:
    resource = default_library.resource("trans-lifeline")
    assert "24-7" not in resource.tags
    assert "24" not in resource.hours_text("en").replace("24/7", "")


def test_nami_helpline_is_weekdays_not_24_7(default_library: Library) -> None:
    resource = default_library.resource("nami-helpline")
    assert "24-7" not in resource.tags


def test_lifeline_tags_and_url(default_library: Library) -> None:
    lifeline = default_library.resource("lifeline-988")
    assert {"crisis", "suicide", "24-7"} <= set(lifeline.tags)
    assert lifeline.url == "https://988lifeline.org"
    assert lifeline.hours_text("en") == "24 hours, every day"


def test_no_press_3(default_library: Library) -> None:
    texts = [
        (f"{t.lang}/{t.id}", t.title + t.summary + t.body) for t in _all_topics(default_library)
    ]
    texts += [
        (r.id, " ".join([*r.descriptions.values(), *r.names.values()]))
        for r in default_library.resources
    ]
    for where, text in texts:
        assert not re.search(r"press(ing)?\s+3|marque\s+(el\s+)?3\b|opci[oó]n\s+3", text, re.I), (
            where
        )


def test_phone_numbers_live_in_resources(default_library: Library) -> None:
    known = {_digits(r.phone) for r in default_library.resources if r.phone}
    known |= {_digits(r.sms) for r in default_library.resources if r.sms}
    problems = []
    for topic in _all_topics(default_library):
        text = plain_text(topic.body)
        found = [_digits(m) for m in LONG_NUMBER.findall(text)]
        found += [_digits(m) for m in SHORT_NUMBER.findall(text)]
        problems += [f"{topic.lang}/{topic.id}: {n}" for n in found if n not in known]
    assert not problems, "numbers written in topics but not in resources.yaml:\n" + "\n".join(
        problems
    )


def test_phone_number_patterns_work() -> None:
    text = "Call 1-800-662-4357 or (305) 555-0100, text HOME to 741741, or llame al 911."
    assert [_digits(m) for m in LONG_NUMBER.findall(text)] == ["8006624357", "3055550100"]
    assert [_digits(m) for m in SHORT_NUMBER.findall(text)] == ["741741", "911"]
    assert not SHORT_NUMBER.findall("Since 2023 it is sold without a prescription.")


# --------------------------------------------------------------------------------------
# Words (CONTENT_GUIDE.md's avoid list)
# --------------------------------------------------------------------------------------
def test_no_words_from_the_avoid_list_outside_quotes(default_library: Library) -> None:
    problems = []
    for topic in _english(default_library):
        for part, text in (
            ("title", topic.title),
            ("summary", topic.summary),
            ("body", topic.body),
        ):
            unquoted = QUOTED.sub(" ", text)
            for match in AVOID.finditer(unquoted):
                problems.append(f"{topic.id} ({part}): {match.group(0)!r}")
    for resource in default_library.resources:
        for match in AVOID.finditer(QUOTED.sub(" ", resource.description("en"))):
            problems.append(f"resource {resource.id}: {match.group(0)!r}")
    assert not problems, "\n".join(problems)


def test_avoid_list_pattern() -> None:
    assert AVOID.search("an Addict")
    assert AVOID.search("drug abuse and SUBSTANCE ABUSE")
    assert not AVOID.search("addiction treatment, abuse of trust, executor")
    assert not AVOID.search(QUOTED.sub(" ", 'She said "I was an addict" once.'))
    assert not AVOID.search(QUOTED.sub(" ", "He called it “substance abuse” then."))


def test_no_committed_suicide_anywhere(default_library: Library) -> None:
    for topic in _all_topics(default_library):
        assert "committed suicide" not in topic.body.lower(), topic.id
        assert "cometió suicidio" not in topic.body.lower(), topic.id
