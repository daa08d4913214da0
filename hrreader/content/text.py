"""Words the content layer puts on the page itself, and small text helpers.

Kept apart from ``render`` so that the window can format a date or fold accents without
importing Markdown (which costs start-up time).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "related": "Related topics",
        "sources": "Sources",
        "reviewed": "Facts last reviewed on {date}.",
        "crisis_title": "If you are thinking about hurting yourself, help is here now",
        "crisis_intro": "Free and private, any time of day:",
        "call": "call",
        "text": "text {number}",
        "text_body": "text {body} to {number}",
        "fallback": "This page is not available in your language yet, so it is shown in {lang}.",
        "lang_en": "English",
        "lang_es": "Spanish",
        "external": "opens outside the reader",
        "unrenderable": "This part of the page cannot be shown. Please tell the people who "
        "look after this reader.",
    },
    "es": {
        "related": "Temas relacionados",
        "sources": "Fuentes",
        "reviewed": "Datos revisados por última vez el {date}.",
        "crisis_title": "Si está pensando en hacerse daño, hay ayuda ahora mismo",
        "crisis_intro": "Gratis y privado, a cualquier hora:",
        "call": "llame al",
        "text": "envíe un texto al {number}",
        "text_body": "envíe {body} al {number}",
        "fallback": (
            "Esta página aún no está disponible en su idioma, así que se muestra en {lang}."
        ),
        "lang_en": "inglés",
        "lang_es": "español",
        "external": "se abre fuera del lector",
        "unrenderable": "Esta parte de la página no se puede mostrar. Avise a las personas que "
        "cuidan este lector.",
    },
}
#: Each language's name in that language, as written inside a sentence ("se muestra en
#: español"). The one table of language names: ``language_name`` gives the form that
#: stands alone on a button or in a menu ("Español").
LANGUAGE_NAMES = {
    "ar": "العربية",
    "de": "Deutsch",
    "en": "English",
    "es": "español",
    "fa": "فارسی",
    "fr": "français",
    "hi": "हिन्दी",
    "ht": "kreyòl ayisyen",
    "it": "italiano",
    "ja": "日本語",
    "ko": "한국어",
    "pl": "polski",
    "pt": "português",
    "ru": "русский",
    "so": "Soomaali",
    "tl": "Tagalog",
    "uk": "українська",
    "vi": "tiếng Việt",
    "zh": "中文",
}
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}


def language_name(code: str) -> str:
    """A language's own name for a button or menu ("Español", "Kreyòl ayisyen"); the code
    itself for a language not in ``LANGUAGE_NAMES``."""
    name = LANGUAGE_NAMES.get(code) or LANGUAGE_NAMES.get(code.split("-")[0]) or code
    return name[:1].upper() + name[1:]


def label(key: str, lang: str) -> str:
    return LABELS.get(lang, LABELS["en"]).get(key, LABELS["en"][key])


def format_date(date: object, lang: str) -> str:
    """A date as people write it (``1 November 2026``), not ISO, in the reader's language."""
    if not isinstance(date, dt.date):
        return str(date)
    months = MONTHS.get(lang, MONTHS["en"])
    if lang == "es":
        return f"{date.day} de {months[date.month - 1]} de {date.year}"
    return f"{date.day} {months[date.month - 1]} {date.year}"


# Bounded and line-local, so a hostile topic ("[" or "<" 10,000 times) cannot make these
# regular expressions quadratic. Patterns, compiled on first use (``re`` keeps them): the
# window's start imports this module and needs none of them.
_FENCED_RE = r"(?s)```.*?```"
_IMAGE_RE = r"!\[[^\[\]\n]{0,1000}\]\([^()\n]{0,2000}\)"
_LINK_RE = r"\[([^\[\]\n]{0,1000})\]\([^()\n]{0,2000}\)"
_TAG_RE = r"<[^<>\n]{1,1000}>"


def plain_text(markdown_text: str) -> str:
    """Markdown with its markup removed, for search snippets and word counts."""
    text = re.sub(_FENCED_RE, " ", markdown_text) if "```" in markdown_text else markdown_text
    text = re.sub(_IMAGE_RE, " ", text)
    text = re.sub(_LINK_RE, r"\1", text)
    text = re.sub(_TAG_RE, " ", text)
    text = re.sub(r"^[ \t]*!!![ \t]*\w+[ \t]*(\"([^\"\n]*)\")?", r"\2", text, flags=re.M)
    text = re.sub(r"\{[:#.][^{}\n]{0,500}\}", " ", text)
    text = re.sub(r"[*_`>#|~]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def blank_comments(text: str) -> str:
    """``text`` with HTML comments (``<!-- ... -->``, never shown) replaced by their newlines,
    so line numbers still count from the file. Linear, even with unclosed comments."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start == -1:
            break
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        out.append(text[pos:start])
        out.append("\n" * text.count("\n", start, end))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def fold(text: str) -> str:
    """Lower case without accents, so "línea" matches "linea"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def language_name_in(code: str, lang: str) -> str:
    """The name of language ``code`` as a reader of ``lang`` says it ("inglés" in Spanish),
    or the language's own name when the labels do not have it."""
    names = LABELS.get(lang, LABELS["en"])
    return names.get(f"lang_{code}") or LANGUAGE_NAMES.get(code, code)
