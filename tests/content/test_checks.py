"""The authoring checks of ``hrreader check``: plain language, words, safe messaging, dates,
translations, branding and pictures. Each finding is checked for code, severity, file, line."""

from __future__ import annotations

import datetime as dt
import re
import struct
from pathlib import Path

import pytest

from hrreader.content import load_pack
from hrreader.content.colour import (
    DARK_WINDOW,
    LIGHT_PAGE,
    LIGHT_WINDOW,
    ON_ACCENT,
    accent_problems,
)
from hrreader.content.images import image_size
from hrreader.content.lint import check_dates, check_pack
from hrreader.content.readability import (
    MAX_GRADE,
    prose,
    readability,
    shorten,
    split_sentences,
    syllables,
)
from hrreader.content.wording import blank_exempt, find_words

from .conftest import PACK_YAML, PNG_1X1, RESOURCES_YAML, PackFactory, line_of, only

TODAY = dt.date(2026, 11, 27)
NALOXONE = "topics/en/naloxone.md"
ROOT = Path(__file__).resolve().parents[2]

HARD_EN = (
    "Pharmacological interventions targeting opioid use disorder demonstrate considerable "
    "efficacy in reducing mortality, particularly when administered in conjunction with "
    "comprehensive psychosocial support services. Administration of naloxone by community "
    "members constitutes an evidence-based intervention whose effectiveness has been "
    "substantiated through numerous observational investigations conducted internationally."
)
HARD_ES = (
    "La administración de intervenciones farmacológicas dirigidas al trastorno por consumo de "
    "opioides demuestra una eficacia considerable en la reducción de la mortalidad, "
    "particularmente cuando se administra conjuntamente con servicios integrales de apoyo "
    "psicosocial y acompañamiento comunitario especializado."
)
EASY_ES = (
    "Tome agua. Coma algo. Llame a un amigo. No use solo. Tenga naloxona cerca. Pida ayuda "
    "si la necesita. Usted no está solo. Hay gente que le puede ayudar hoy mismo."
)


def _check(path: Path):
    return check_pack(path, today=TODAY)


def _codes(report) -> list[str]:
    return sorted(f.code for f in report.findings)


# --------------------------------------------------------------------------------------
# Readability
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "lang", "count"),
    [
        ("every", "en", 3),
        ("naloxone", "en", 3),
        ("hopes", "en", 1),
        ("the", "en", 1),
        ("hepatitis", "en", 4),
        ("evidence-based", "en", 4),
        ("naloxona", "es", 4),
        ("ayuda", "es", 3),
        ("línea", "es", 3),
        ("frío", "es", 2),
        ("que", "es", 1),
        ("muy", "es", 1),
        ("poeta", "es", 3),
        ("ciudad", "es", 2),
    ],
)
def test_syllables(word: str, lang: str, count: int) -> None:
    assert syllables(word, lang) == count


def test_flesch_kincaid_by_hand() -> None:
    # Per pair of sentences: 14 words; 18 syllables (medicine 3, better 2, today 2, rest 1).
    text = (
        "Take the medicine now. It helps you feel better soon and stay safe today. " * 3
    ).strip()
    result = readability(text, "en")
    assert result is not None
    assert (result.words, result.sentences, result.syllables) == (42, 6, 54)
    expected = 0.39 * 42 / 6 + 11.8 * 54 / 42 - 15.59
    assert result.grade == round(expected, 1)
    assert result.formula == "Flesch-Kincaid"


def test_fernandez_huerta_by_hand() -> None:
    result = readability(EASY_ES, "es")
    assert result is not None and result.formula == "Fernández-Huerta"
    ease = (
        206.84
        - 0.60 * 100 * result.syllables / result.words
        - 1.02 * (result.words / result.sentences)
    )
    assert result.ease == round(ease, 1)
    assert result.grade == round(15 - ease / 10, 1)  # ease 70 is grade 8
    assert result.grade <= MAX_GRADE
    hard = readability(HARD_ES, "es")
    assert hard is not None and hard.grade > MAX_GRADE and hard.ease < 70


def test_shorter_sentences_read_easier_in_spanish() -> None:
    # The 1959 paper's "sentences per 100 words" would make this go the wrong way.
    long_one = readability(EASY_ES.replace(". ", ", y "), "es")
    short = readability(EASY_ES, "es")
    assert long_one is not None and short is not None and short.grade < long_one.grade


def test_prose_skips_headings_tables_code_comments_and_fragment_lists() -> None:
    body = (
        "Intro sentence here.\n\n## A heading\n\n| a | b |\n|---|---|\n| c | d |\n\n"
        "```\ncode here\n```\n\n<!-- a comment\nover lines -->\n\n"
        '- a fragment\n- A full sentence.\n\n!!! tip "Title"\n\n    Callout text.\n\n'
        "> Quoted words.\n"
    )
    assert prose(body) == [
        (1, "Intro sentence here."),
        (17, "A full sentence."),
        (21, "Callout text."),
        (23, "Quoted words."),
    ]


def test_sentences_do_not_end_at_abbreviations() -> None:
    assert split_sentences("Use it, e.g. for pain. Then rest! Ask Dr. Lee? Yes.") == [
        "Use it, e.g. for pain.",
        "Then rest!",
        "Ask Dr. Lee?",
        "Yes.",
    ]


def test_little_text_or_other_languages_get_no_grade() -> None:
    assert readability("Short text.", "en") is None
    assert readability(HARD_EN, "ht") is None


def test_shorten() -> None:
    assert shorten("a " * 100, 20) == "a a a a a a a a a a…"
    assert shorten("short") == "short"


def test_reading_level_warning(make_pack: PackFactory) -> None:
    body = f"{HARD_EN}\n\n## Part\n\nShort words here.\n"
    text = PackFactory.topic("naloxone", body=body)
    path = make_pack({NALOXONE: text})
    finding = only(_check(path).findings, "reading-level")
    assert (finding.path, finding.severity) == (NALOXONE, "warning")
    assert finding.line == line_of(text, "Pharmacological")
    assert "Flesch-Kincaid" in finding.message
    assert "“Pharmacological interventions targeting" in finding.message
    assert "(22 words)" in finding.message and "(21 words)" in finding.message


def test_spanish_reading_level_warning(make_pack: PackFactory) -> None:
    pack_yaml = PACK_YAML.replace("languages: [en]", "languages: [en, es]")
    text = PackFactory.topic("naloxone", body=f"{HARD_ES}\n\n## Parte\n\nBien.\n")
    es = {f"topics/es/{t}.md": PackFactory.topic(t) for t in ("welcome", "overdose-response")}
    path = make_pack({**es, "topics/es/naloxone.md": text}, pack_yaml=pack_yaml)
    finding = only(_check(path).findings, "reading-level")
    assert finding.path == "topics/es/naloxone.md"
    assert "Fernández-Huerta, reading ease" in finding.message


# --------------------------------------------------------------------------------------
# Words to flag
# --------------------------------------------------------------------------------------
def _words(text: str, lang: str = "en", note: str | None = None) -> list[str]:
    return [h.text for h in find_words(blank_exempt(text), lang, note) if h.code == "avoid-word"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Addicts deserve care.", ["Addicts"]),
        ("He is a former addict.", ["former addict"]),
        ("A junkie, a druggie.", ["junkie", "druggie"]),
        ("Drug users and screen reader users.", ["Drug users"]),
        ("Drug abuse. Signs of abuse. Your abuser.", ["Drug abuse"]),
        ("An alcoholic drink. An alcoholic. Alcoholics.", ["An alcoholic", "Alcoholics"]),
        ("Being drunk or high. Talk to a drunk.", ["a drunk"]),
        ("She got clean. He stayed clean for a year.", ["got clean", "stayed clean"]),
        ("Two years clean, clean and sober.", ["years clean", "clean and sober"]),
        ("A dirty urine. The test came back clean.", ["dirty urine", "test came back clean"]),
        ("Keep the wound clean. Get clean needles. Let it stay clean.", []),
        (
            "Opioid replacement therapy; nicotine replacement therapy.",
            ["Opioid replacement therapy"],
        ),
        ("Methadone maintenance.", ["Methadone maintenance"]),
        ("He committed suicide.", ["committed suicide"]),
        ("A failed suicide attempt.", ["failed suicide"]),
        ("A failed attempt to quit is still progress.", []),
        (
            "Self-harmers, cutters, self-mutilation; a box cutter.",
            ["Self-harmers", "cutters", "self-mutilation"],
        ),
        ("It is not attention-seeking.", ["attention-seeking"]),
        ('She said "I was an addict" then.', []),
        ("She said “I was an addict” then, «addict».", []),
        ("`addict` in code, [link](topic:addict), <!-- addict -->", []),
    ],
)
def test_english_word_list(text: str, found: list[str]) -> None:
    assert _words(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Es un adicto. Es adictivo. Un drogadicto.", ["adicto", "drogadicto"]),
        ("El abuso de sustancias. El abuso sexual.", ["abuso de sustancias"]),
        ("Cometió suicidio.", ["Cometió suicidio"]),
        ("Un intento fallido de suicidio. Un intento fallido de dejarlo.", ["intento fallido"]),
        ("Mantenga la herida limpia. Con un paño limpio. La venda está limpia.", []),
        ("Lleva dos años limpio. Quiere mantenerse limpio.", ["años limpio", "mantenerse limpio"]),
        ("La prueba salió limpia. Orina sucia.", ["prueba salió limpia", "Orina sucia"]),
        ("Bebidas alcohólicas; un alcohólico.", ["un alcohólico"]),
        ("Dijo «yo era adicto».", []),
    ],
)
def test_spanish_word_list(text: str, found: list[str]) -> None:
    assert _words(text, "es") == found


def test_sensational_words_only_in_crisis_topics() -> None:
    assert _words("The opioid epidemic.") == []
    assert _words("A suicide epidemic.", note="suicide") == ["epidemic"]


def test_avoid_word_findings_carry_the_line_and_suggestion(make_pack: PackFactory) -> None:
    text = PackFactory.topic(
        "naloxone",
        title="Naloxone for addicts",
        body="Intro.\n\n## Part\n\nHe is an addict now.\n",
    )
    found = [f for f in _check(make_pack({NALOXONE: text})).findings if f.code == "avoid-word"]
    assert [(f.line, f.severity) for f in found] == [
        (line_of(text, "title:"), "warning"),
        (line_of(text, "He is an addict"), "warning"),
    ]
    assert "person who uses drugs" in found[0].message


# --------------------------------------------------------------------------------------
# Safe messaging
# --------------------------------------------------------------------------------------
def _reviews(text: str, lang: str = "en", note: str | None = None) -> list[str]:
    return [
        h.text
        for h in find_words(blank_exempt(text), lang, note)
        if h.code == "review-safe-messaging"
    ]


def test_method_detail_everywhere_and_in_crisis_topics() -> None:
    assert _reviews("A lethal dose of anything. How many pills.") == [
        "lethal dose",
        "How many pills",
    ]
    crisis = "Hide the razor blades. Not from a bridge, or the 10th floor, or 30 pills."
    assert _reviews(crisis) == []  # not a self-harm or suicide topic
    assert _reviews(crisis, note="self-harm") == [
        "razor blades",
        "bridge",
        "10th floor",
        "30 pills",
    ]
    assert _reviews("Una cuchilla, el puente, 20 pastillas.", "es", "suicide") == [
        "cuchilla",
        "puente",
        "20 pastillas",
    ]
    assert _reviews("La dosis letal.", "es") == ["dosis letal"]


def test_default_self_harm_topics_have_no_method_detail(default_library) -> None:
    for lang in ("en", "es"):
        topic = default_library.topic("self-harm", lang)
        assert _reviews(topic.body, lang, topic.content_note) == []


def _self_harm(make_pack: PackFactory, body: str) -> tuple[Path, str]:
    text = PackFactory.topic("naloxone", content_note="self-harm", body=body)
    return make_pack({NALOXONE: text}), text


def test_self_harm_topic_without_a_crisis_link_is_an_error(make_pack: PackFactory) -> None:
    path, text = _self_harm(
        make_pack, "You are not alone.\n\n## Help\n\nCall [us](resource:poison-help).\n"
    )
    finding = only(_check(path).findings, "no-crisis-link")
    assert (finding.severity, finding.path) == ("error", NALOXONE)
    assert finding.line == line_of(text, "content_note:")
    assert "resource:lifeline-988" in finding.message


@pytest.mark.parametrize("note", ["self-harm", "suicide"])
def test_a_crisis_link_satisfies_it(make_pack: PackFactory, note: str) -> None:
    text = PackFactory.topic(
        "naloxone",
        content_note=note,
        body="You are not alone.\n\n## Help\n\nCall [988](resource:lifeline-988).\n",
    )
    assert "no-crisis-link" not in _codes(_check(make_pack({NALOXONE: text})))


def test_other_topics_need_no_crisis_link(make_pack: PackFactory) -> None:
    text = PackFactory.topic(
        "naloxone", content_note="overdose", body="Text.\n\n## Part\n\nMore.\n"
    )
    assert "no-crisis-link" not in _codes(_check(make_pack({NALOXONE: text})))


def test_a_pack_without_crisis_resources_says_to_add_one(make_pack: PackFactory) -> None:
    resources = RESOURCES_YAML.replace("[crisis, suicide, self-harm, 24-7]", "[suicide, 24-7]")
    path, _ = _self_harm(make_pack, "Text.\n\n## Help\n\nCall [988](resource:lifeline-988).\n")
    (path / "resources.yaml").write_text(resources, encoding="utf-8")
    finding = only(_check(path).findings, "no-crisis-link")
    assert "tag 'crisis'" in finding.message


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reviewed", "code"),
    [
        ("2026-11-27", None),  # today
        ("2025-11-27", None),  # exactly 12 months ago
        ("2025-11-26", "stale-date"),
        ("2026-11-28", "future-date"),
        ("2031-01-01", "future-date"),
    ],
)
def test_reviewed_dates(make_pack: PackFactory, reviewed: str, code: str | None) -> None:
    text = PackFactory.topic("naloxone", reviewed=reviewed)
    found = [f for f in _check(make_pack({NALOXONE: text})).findings if "date" in f.code]
    if code is None:
        assert found == []
    else:
        (finding,) = found
        assert (finding.code, finding.path, finding.line) == (
            code,
            NALOXONE,
            line_of(text, "reviewed:"),
        )
        assert finding.severity == ("error" if code == "future-date" else "warning")


def test_verified_dates(make_pack: PackFactory) -> None:
    resources = RESOURCES_YAML.replace("verified: 2026-11-01", "verified: 2024-02-29", 1).replace(
        "verified: 2026-11-01", "verified: 2027-01-01", 1
    )
    found = sorted(
        (f.line, f.code, f.severity) for f in _check(make_pack(resources_yaml=resources)).findings
    )
    assert found == [
        (line_of(resources, "2024-02-29"), "stale-date", "warning"),
        (line_of(resources, "2027-01-01"), "future-date", "error"),
    ]


def test_today_is_injectable_and_leap_days_work(small_library) -> None:
    assert check_dates(small_library, dt.date(2026, 11, 27)) == []
    stale = check_dates(small_library, dt.date(2028, 2, 29))
    assert {f.code for f in stale} == {"stale-date"}
    future = check_dates(small_library, dt.date(2026, 10, 31))
    assert {f.code for f in future} == {"future-date"}


# --------------------------------------------------------------------------------------
# Translations
# --------------------------------------------------------------------------------------
def _bilingual(make_pack: PackFactory, es_naloxone: str) -> Path:
    pack_yaml = PACK_YAML.replace("languages: [en]", "languages: [en, es]")
    files = {f"topics/es/{t}.md": PackFactory.topic(t) for t in ("welcome", "overdose-response")}
    files["topics/es/naloxone.md"] = es_naloxone
    return make_pack(files, pack_yaml=pack_yaml)


def test_same_anchors_in_translation_are_fine(make_pack: PackFactory) -> None:
    body = (
        "Texto.\n\n## Qué hace {#what-naloxone-does}\n\nAlgo.\n\n"
        "## Cómo se usa {#how-to-use-it}\n\nAsí.\n\n## Dónde {#where-to-get-it}\n\nAhí.\n"
    )
    path = _bilingual(make_pack, PackFactory.topic("naloxone", body=body))
    assert "section-mismatch" not in _codes(_check(path))


@pytest.mark.parametrize(
    ("body", "needle", "says"),
    [
        (
            "Texto.\n\n## Qué hace {#what-naloxone-does}\n\nA.\n\n## Cómo se usa\n\nB.\n\n"
            "## Dónde {#where-to-get-it}\n\nC.\n",
            "## Cómo se usa",
            "section 2 is 'como-se-usa' where the en one has 'how-to-use-it'",
        ),
        (
            "Texto.\n\n## Qué hace {#what-naloxone-does}\n\nA.\n",
            "## Qué hace",
            "section 2 is missing",
        ),
        (
            "Texto.\n\n## Qué hace {#what-naloxone-does}\n\nA.\n\n"
            "## Cómo {#how-to-use-it}\n\nB.\n\n"
            "## Dónde {#where-to-get-it}\n\nC.\n\n## Más {#more}\n\nD.\n",
            "## Más",
            "section 4 is 'more' where the en one has no more sections",
        ),
    ],
)
def test_section_mismatch(make_pack: PackFactory, body: str, needle: str, says: str) -> None:
    text = PackFactory.topic("naloxone", body=body)
    finding = only(_check(_bilingual(make_pack, text)).findings, "section-mismatch")
    assert (finding.path, finding.severity) == ("topics/es/naloxone.md", "warning")
    assert finding.line == line_of(text, needle)
    assert says in finding.message


def test_missing_translation_is_a_warning(make_pack: PackFactory) -> None:
    pack_yaml = PACK_YAML.replace("languages: [en]", "languages: [en, es]")
    path = make_pack({"topics/es/welcome.md": PackFactory.topic("welcome")}, pack_yaml=pack_yaml)
    found = sorted(f.path for f in _check(path).findings if f.code == "missing-translation")
    assert found == [NALOXONE, "topics/en/overdose-response.md"]


# --------------------------------------------------------------------------------------
# Branding
# --------------------------------------------------------------------------------------
def test_theme_colours_match_the_ui_theme() -> None:
    # The content layer imports nothing from the UI, so the copy is compared as text.
    theme = (ROOT / "hrreader/ui/theme.py").read_text(encoding="utf-8")
    light = theme[theme.index("LIGHT = Theme(") : theme.index("DARK = Theme(")]
    dark = theme[theme.index("DARK = Theme(") : theme.index("HIGH_CONTRAST = Theme(")]
    assert re.search(rf'\bwindow="{LIGHT_WINDOW}"', light)
    assert re.search(rf'\bpage="{LIGHT_PAGE}"', light)
    assert re.search(rf'\bon_accent="{ON_ACCENT}"', light)
    assert re.search(rf'\bwindow="{DARK_WINDOW}"', dark)


@pytest.mark.parametrize(
    ("accent", "problems"),
    [
        ("#2e6f62", 0),  # the default pack's
        ("#000000", 0),
        ("#0000ff", 0),
        ("#ff0000", 1),  # white text on it: 4.0:1
        ("#777777", 1),  # 4.48:1, just under
        ("#ffff00", 3),
    ],
)
def test_accent_problems(accent: str, problems: int) -> None:
    assert len(accent_problems(accent)) == problems


def test_unreadable_accent_is_an_error_and_ignored(make_pack: PackFactory) -> None:
    text = PACK_YAML + 'branding:\n  accent: "#ff0000"\n  organisation: Clinic\n'
    path = make_pack(pack_yaml=text)
    finding = only(_check(path).findings, "unreadable-colour")
    assert (finding.path, finding.line, finding.severity) == (
        "pack.yaml",
        line_of(text, "accent:"),
        "error",
    )
    assert "white text on accent buttons 4.00:1 (needs 4.5:1)" in finding.message
    library = load_pack(path)
    assert library.info.branding.accent == ""
    assert library.info.branding.organisation == "Clinic"


@pytest.mark.parametrize(
    ("branding", "code", "key"),
    [
        ("  logo: pack.yaml\n", "bad-image", "logo:"),
        ("  logo: images/none.svg\n", "missing-file", "logo:"),
        ("  organisation: [a, b]\n", "bad-field", "organisation:"),
        ("  colour: red\n", "unknown-field", "colour:"),
    ],
)
def test_branding_fields(make_pack: PackFactory, branding: str, code: str, key: str) -> None:
    text = PACK_YAML + "branding:\n" + branding
    finding = only(load_pack(make_pack(pack_yaml=text)).findings, code)
    assert (finding.path, finding.line) == ("pack.yaml", line_of(text, key))


def test_logo_in_any_folder_is_served(make_pack: PackFactory) -> None:
    text = PACK_YAML + "branding:\n  logo: ./brand/logo.png\n"
    library = load_pack(make_pack({"brand/logo.png": PNG_1X1}, pack_yaml=text))
    assert library.findings == []
    assert library.info.branding.logo == "brand/logo.png"
    assert library.read_asset(library.info.branding.logo) == PNG_1X1


# --------------------------------------------------------------------------------------
# Pictures and HTML
# --------------------------------------------------------------------------------------
JPEG_16X32 = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xc0\x00\x11\x08\x00\x20\x00\x10\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9"
)
GIF_16X16 = b"GIF89a\x10\x00\x10\x00\x80\x00\x00"
#: A valid PNG header that claims 50,000 x 50,000 pixels: 10 GB to decode.
PNG_BOMB = PNG_1X1[:16] + struct.pack(">II", 50_000, 50_000) + PNG_1X1[24:]


def test_image_sizes_come_from_headers() -> None:
    assert image_size(PNG_1X1, ".png") == (1, 1)
    assert image_size(JPEG_16X32, ".jpg") == (16, 32)
    assert image_size(GIF_16X16, ".gif") == (16, 16)
    assert image_size(PNG_BOMB, ".png") == (50_000, 50_000)
    assert image_size(b"\xff\xd8\xff", ".jpg") is None


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("images/a.png", PNG_1X1, None),
        ("images/a.jpg", JPEG_16X32, None),
        ("images/a.gif", GIF_16X16, None),
        ("images/a.png", GIF_16X16, "bad-image"),
        ("images/a.jpeg", b"<html>", "bad-image"),
        ("images/a.jpg", b"\xff\xd8\xff\xe0 damaged", "bad-image"),
        ("images/a.png", PNG_BOMB, "bad-image"),
        ("images/a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        ("images/a.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>", "svg-removed"),
        ("images/a.svg", b"<html/>", "bad-image"),
        ("images/a.svg", b"not xml at all", "bad-image"),
    ],
)
def test_pictures_are_what_they_say(
    make_pack: PackFactory, name: str, data: bytes, code: str | None
) -> None:
    report = _check(make_pack({name: data}))
    found = [(f.path, f.code) for f in report.findings]
    assert found == ([] if code is None else [(name, code)])


def test_a_picture_bomb_is_never_served(make_pack: PackFactory) -> None:
    library = load_pack(make_pack({"images/kit.png": PNG_BOMB}))
    assert library.read_asset("images/kit.png") is None
    message = only(_check(make_pack({"images/kit.png": PNG_BOMB})).findings, "bad-image").message
    assert "50000 x 50000 pixels" in message


def test_raw_html_outside_the_allow_list_is_reported(make_pack: PackFactory) -> None:
    body = 'Text.\n\n## Part\n\n<span style="display:none">hidden</span> and <b>bold</b>\n'
    text = PackFactory.topic("naloxone", body=body)
    finding = only(_check(make_pack({NALOXONE: text})).findings, "html-removed")
    assert finding.line == line_of(text, "<span")
    assert "style= on <span>" in finding.message
