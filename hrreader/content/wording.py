"""Words to flag (CONTENT_GUIDE.md) and safe-messaging patterns, in English and Spanish.

Two kinds of finding come from here, both warnings for a person to look at:

- ``avoid-word``: stigmatising or unsafe words from the guide's table, each with the words
  to use instead (NIDA "Words Matter", reportingonsuicide.org, languageplease.org).
- ``review-safe-messaging``: in any topic, lethal doses and "how many pills"; in self-harm
  and suicide topics, also implements, places, heights and quantities. Safe-messaging
  guidelines ask for no method, means, place or quantity detail; a person decides.

Precision comes before recall: a flag an author learns to ignore is worse than a missed
one. So "user" is flagged only as "drug user" (not "screen reader users"), "clean" only
about a person or a test ("stay clean", "clean and sober", "dirty urine"), never about a
wound or a needle, "abuser" only as "drug abuser" (not in "your abuser"), and "failed
attempt" only in a sentence about suicide. Text inside quotation marks ("...", “...”,
«...») is exempt: a person's own words may keep them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hrreader.content.model import CRISIS_NOTES

_F = re.IGNORECASE

#: Words that, among the four before a match, show "clean"/"limpio" is about a thing.
_THINGS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "it its wound wounds area skin site dressing bandage cut cuts needle needles syringe "
        "syringes equipment gear supplies works cooker cookers water hands hand spot surface "
        "place room clothes cloth pipe pipes straw straws spoon spoons cotton filter bed "
        "sheets herida heridas zona piel vendaje venda gasa aguja agujas jeringa jeringas "
        "equipo material agua manos mano paño tela ropa lugar superficie pipa "
    ).split()
)


@dataclass(frozen=True)
class WordRule:
    pattern: re.Pattern[str]
    #: What to write instead (shown in the finding).
    instead: str
    #: The sentence must contain this (lower case) for the rule to apply.
    context: str = ""
    #: Skip when one of the four words before the match is a thing (see ``_THINGS``).
    about_people: bool = False
    #: Apply only in topics with one of these content notes.
    notes: frozenset[str] | None = None


def _rule(pattern: str, instead: str, **kwargs: object) -> WordRule:
    return WordRule(re.compile(pattern, _F), instead, **kwargs)  # type: ignore[arg-type]


_PERSON_EN = "person who uses drugs; person with a substance use disorder"
_NOT_USING_EN = "not using now, in recovery (and 'using' for the opposite)"
_TEST_EN = "negative / positive (a test result)"
_SUICIDE_EN = "died by suicide; suicide attempt"
_PERSON_ES = "persona que usa drogas; persona con un trastorno por consumo de sustancias"
_NOT_USING_ES = "sin consumir ahora, en recuperación (y 'consumiendo' para lo contrario)"
_TEST_ES = "negativo / positivo (resultado de una prueba)"
_SUICIDE_ES = "murió por suicidio; intento de suicidio"
_CLEAN_AFTER = r"(?=\s*(?:[.,;:!?)]|$|and\b|for\b|off\b|from\b|since\b|now\b|today\b|again\b))"

WORD_RULES: dict[str, tuple[WordRule, ...]] = {
    "en": (
        _rule(r"\b(?:former|reformed|ex)[\s-]+addicts?\b", "person in recovery"),
        _rule(r"\baddicts?\b", _PERSON_EN),
        _rule(r"\bjunk(?:ie|y|ies)\b", _PERSON_EN),
        _rule(r"\bdrugg(?:ie|y|ies)\b", _PERSON_EN),
        _rule(
            r"\b(?:drug|heroin|meth|opioid|opiate|cocaine|crack|iv|injection|injecting|"
            r"substance|intravenous)[\s-]+users?\b",
            _PERSON_EN,
        ),
        _rule(r"\b(?:drug|substance|alcohol)\s+abusers?\b", _PERSON_EN),
        _rule(
            r"\b(?:drug|substance|alcohol|opioid|heroin|meth|cocaine|polysubstance)\s+abuse\b",
            "substance use; misuse (for prescribed medicines)",
        ),
        _rule(r"\babuse\s+of\s+(?:drugs|alcohol|substances|opioids)\b", "substance use; misuse"),
        _rule(r"\balcoholics\b", "people with alcohol use disorder; people who drink"),
        _rule(
            r"\b(?:an|the|recovering|functioning|former)\s+alcoholic\b"
            r"(?!\s+(?:drinks?|beverages?|content|liver|hepatitis|poisoning|ketoacidosis|"
            r"cirrhosis|parents?|mothers?|fathers?|family|home))",
            "person with alcohol use disorder; person who drinks",
        ),
        _rule(
            r"\bdrunks\b|\b(?:a|the)\s+drunk(?=\s*(?:[.,;:!?)]|$|who\b|that\b))",
            "person who drinks; person who is drunk",
        ),
        _rule(
            r"\b(?:clean|dirty)\s+(?:drug\s+|urine\s+|tox\s+)?"
            r"(?:tests?|urines?|UAs?|screens?|samples?|results?|tox)\b",
            _TEST_EN,
        ),
        _rule(
            r"\b(?:test|tests|tested|testing|urine|UA|screen|sample|result|results)\s+"
            r"(?:came\s+back\s+|comes\s+back\s+|come\s+back\s+|was\s+|were\s+|is\s+|are\s+)?"
            r"(?:clean|dirty)\b",
            _TEST_EN,
        ),
        _rule(r"\bclean\s+and\s+sober\b", _NOT_USING_EN),
        _rule(
            r"\b(?:got|get|gets|getting|stay|stayed|staying|been|being|go|went|going)\s+"
            r"(?:clean|dirty)" + _CLEAN_AFTER,
            _NOT_USING_EN,
            about_people=True,
        ),
        _rule(r"\b(?:days?|weeks?|months?|years?)\s+clean\b", _NOT_USING_EN),
        _rule(r"\bclean\s+(?:time|date)\b", _NOT_USING_EN),
        _rule(
            r"\b(?:opioid|opiate|drug|heroin)\s+(?:replacement|substitution)\s+"
            r"(?:therapy|treatment)\b",
            "medication for opioid use disorder; treatment",
        ),
        _rule(r"\bmethadone\s+maintenance\b", "medication for opioid use disorder; treatment"),
        _rule(r"\bcommit(?:s|ted|ting)?\s+suicide\b", _SUICIDE_EN),
        _rule(
            r"\b(?:successful|unsuccessful|failed|completed)\s+(?:suicides?|attempts?)\b",
            _SUICIDE_EN,
            context="suicid",
        ),
        _rule(r"\bself[\s-]?harmers?\b", "person who self-harms"),
        _rule(r"\b(?<!box\s)cutters?\b", "person who self-harms"),
        _rule(r"\bself[\s-]?mutilat\w*", "self-harm; self-injury"),
        _rule(r"\battention[\s-]seek(?:ing|er|ers)\b", "(remove it)"),
        _rule(
            r"\b(?:epidemic|skyrocket\w*|soaring)\b",
            "plain facts without alarm (safe messaging about suicide)",
            notes=CRISIS_NOTES,
        ),
    ),
    "es": (
        _rule(
            r"\b(?:ex|antiguos?|antiguas?)[\s-]+(?:drog)?adict[oa]s?\b", "persona en recuperación"
        ),
        _rule(r"\b(?:drog)?adict[oa]s?\b", _PERSON_ES),
        _rule(r"\b(?:yonqui|yonki|yonkie|drogata)s?\b", _PERSON_ES),
        _rule(
            r"\babuso\s+de\s+(?:sustancias|drogas|alcohol|opioides|estupefacientes)\b",
            "consumo de sustancias; uso indebido (medicamentos recetados)",
        ),
        _rule(
            r"\b(?:un|el|los|una|la|las)\s+alcohólic[oa]s?\b"
            r"(?!\s+(?:bebidas?|tragos?|contenido))",
            "persona con trastorno por consumo de alcohol; persona que bebe",
        ),
        _rule(
            r"\b(?:pruebas?|análisis|orina|muestras?|resultados?|exámen(?:es)?|examen|test)"
            r"(?:\s+de\s+\w+)?\s+(?:salió\s+|salieron\s+|sale\s+|dio\s+|fue\s+|es\s+|está\s+)?"
            r"(?:limpi[oa]s?|suci[oa]s?)\b",
            _TEST_ES,
        ),
        _rule(r"\blimpi[oa]s?\s+y\s+sobri[oa]s?\b", _NOT_USING_ES),
        _rule(
            r"\b(?:mantenerse|mantenerte|mantenerme|seguir|sigue|sigo|sigues|estar|estoy|"
            r"estás|estaba|llevo|lleva|llevas|salir|salió|salí)\s+(?:limpi[oa]s?|suci[oa]s?)\b",
            _NOT_USING_ES,
            about_people=True,
        ),
        _rule(r"\b(?:años?|meses|mes|días?|semanas?)\s+limpi[oa]s?\b", _NOT_USING_ES),
        _rule(
            r"\b(?:terapia|tratamiento)\s+de\s+(?:sustitución|reemplazo|sustitutiva)\b"
            r"|\bmantenimiento\s+con\s+metadona\b",
            "medicamentos para el trastorno por consumo de opioides; tratamiento",
        ),
        _rule(
            r"\bcomet(?:er|ió|e|en|ieron|ido|iendo|ía|ían)\s+(?:el\s+|un\s+)?suicidio\b",
            _SUICIDE_ES,
        ),
        _rule(
            r"\bintentos?\s+(?:de\s+suicidio\s+)?(?:fallidos?|exitosos?|frustrados?)\b"
            r"|\bsuicidios?\s+(?:consumados?|exitosos?|logrados?)\b",
            _SUICIDE_ES,
            context="suicid",
        ),
        _rule(r"\bautomutilaci[oó]n\w*", "autolesión"),
        _rule(r"\bllamar\s+la\s+atención\b", "(quítelo)", notes=CRISIS_NOTES),
        _rule(
            r"\b(?:epidemia|se\s+dispar(?:a|ó|an|aron))\b",
            "datos sin alarma (mensajes seguros sobre el suicidio)",
            notes=CRISIS_NOTES,
        ),
    ),
}

#: Method, means, place and quantity details, for a person to review.
_METHOD_ANY = {
    "en": (
        r"\b(?:lethal|fatal|deadly|toxic)\s+(?:doses?|amounts?|quantit(?:y|ies))\b",
        r"\bhow\s+many\s+(?:pills|tablets|capsules)\b",
        r"\bhow\s+much\s+\w+\s+(?:it\s+)?(?:takes?|would\s+take)\s+to\s+(?:die|kill)\b",
    ),
    "es": (
        r"\bdosis\s+(?:letal|mortal|fatal)(?:es)?\b",
        r"\bcu[aá]ntas\s+(?:pastillas|p[ií]ldoras|tabletas|c[aá]psulas)\b",
    ),
}
_METHOD_CRISIS = {
    "en": (
        r"\b(?:razor\s+blades?|razors?|blades?|box\s+cutters?|knife|knives|scissors|noose|"
        r"ligatures?|firearms?|guns?|bullets?|ropes?|belts?\s+around)\b",
        r"\b(?:bridges?|rooftops?|roofs?|cliffs?|train\s+tracks|railway\s+lines?|balcon(?:y|ies)|"
        r"ledges?|high\s+places?)\b",
        r"\bjump(?:s|ed|ing)?\s+(?:from|off)\b",
        r"\b\d+(?:st|nd|rd|th)?[\s-]+(?:floors?|stor(?:y|ey|ies|eys)|feet|foot|meters?|metres?)\b",
        r"\b\d+\s*(?:pills?|tablets?|capsules?|mg|milligrams?|grams?)\b",
        r"\bhang(?:s|ed|ing)?\s+(?:yourself|myself|themselves|himself|herself)\b",
        r"\boverdos(?:e|ed|ing)\s+on\b",
        r"\b(?:wrists?|arter(?:y|ies)|jugular)\b",
        r"\b(?:cut|cuts|cutting|slit|slash\w*)\s+(?:deep(?:er|ly)?|vertical(?:ly)?|along)\b",
    ),
    "es": (
        r"\b(?:cuchillas?|navajas?|hojas?\s+de\s+afeitar|cuchillos?|tijeras|soga|cuerdas?|"
        r"armas?\s+de\s+fuego|pistolas?|balas?)\b",
        r"\b(?:puentes?|azoteas?|tejados?|acantilados?|v[ií]as\s+del\s+tren|balc[oó]n|balcones|"
        r"cornisas?|lugares\s+altos)\b",
        r"\bsaltar\s+(?:de|desde)\b",
        r"\b\d+\s*(?:pisos?|metros?)\b",
        r"\b\d+\s*(?:pastillas|p[ií]ldoras|tabletas|comprimidos|mg|miligramos|gramos)\b",
        r"\b(?:ahorcar(?:se|te|me)?|colgarse)\b",
        r"\b(?:muñecas|arterias?|yugular)\b",
        r"\bcort(?:ar|arse|e|es)\s+(?:profund\w*|a\s+lo\s+largo)\b",
    ),
}
METHOD_RULES = {
    lang: {
        "any": tuple(re.compile(p, _F) for p in _METHOD_ANY[lang]),
        "crisis": tuple(re.compile(p, _F) for p in _METHOD_CRISIS[lang]),
    }
    for lang in _METHOD_ANY
}


@dataclass(frozen=True)
class WordHit:
    #: Offset in the text given, so the caller can turn it into a line.
    offset: int
    text: str
    #: What to write instead; empty for a safe-messaging review.
    instead: str
    code: str


# ---------------------------------------------------------------------------------------
# What is checked: prose, with quotations, code, link targets and tags blanked out
# ---------------------------------------------------------------------------------------
_BLANK_RES = (
    re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.M | re.S),  # fenced code
    re.compile(r"`[^`\n]{0,1000}`"),  # code spans
    re.compile(r"\]\([^()\n]{0,2000}\)"),  # link and image targets
    re.compile(r"<[^<>\n]{1,1000}>"),  # tags, autolinks
    re.compile(r"\{[:#.][^{}\n]{0,500}\}"),  # attribute lists
    re.compile(r"https?://\S{1,2000}"),  # bare URLs
    re.compile(r'"[^"\n]{0,1000}"'),  # quotations: a person's own words
    re.compile(r"“[^”\n]{0,1000}”"),
    re.compile(r"«[^»\n]{0,1000}»"),
)


def blank_exempt(text: str) -> str:
    """``text`` with code, link targets, tags and quotations replaced by spaces (same length,
    newlines kept), so offsets still point at the right line. HTML comments are dropped the
    same way (their newlines kept)."""
    if "<!--" in text:
        text = _pad_comments(text)
    for regex in _BLANK_RES:
        text = regex.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def _pad_comments(text: str) -> str:
    """Comments as spaces of the same length (linear, even with unclosed comments)."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i != -1]
    return text[left + 1 : min(rights) if rights else len(text)]


def _about_a_thing(text: str, start: int) -> bool:
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 60) : start].lower())[-4:]
    return any(word in _THINGS for word in before)


def find_words(text: str, lang: str, content_note: str | None = None) -> Iterator[WordHit]:
    """Flagged words and safe-messaging patterns in ``text`` (already blanked), in order."""
    base = lang.split("-", 1)[0].lower()
    hits: list[WordHit] = []
    taken: list[tuple[int, int]] = []
    for rule in WORD_RULES.get(base, ()):
        if rule.notes is not None and content_note not in rule.notes:
            continue
        for m in rule.pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue  # "former addict" is one finding, not two
            if (
                rule.context
                and rule.context not in _sentence_around(text, m.start(), m.end()).lower()
            ):
                continue
            if rule.about_people and _about_a_thing(text, m.start()):
                continue
            taken.append((m.start(), m.end()))
            hits.append(WordHit(m.start(), m.group(0), rule.instead, "avoid-word"))
    rules = METHOD_RULES.get(base)
    if rules:
        groups = rules["any"] + (rules["crisis"] if content_note in CRISIS_NOTES else ())
        for regex in groups:
            for m in regex.finditer(text):
                hits.append(WordHit(m.start(), m.group(0), "", "review-safe-messaging"))
    hits.sort(key=lambda h: h.offset)
    yield from hits
