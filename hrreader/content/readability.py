"""Reading grade of a topic: Flesch-Kincaid for English, Fernández-Huerta for Spanish.

CONTENT_GUIDE.md asks for a 6th to 8th grade reading level; ``check`` warns above grade 8
and quotes the longest sentences, which are nearly always what to shorten.

Why not textstat (which the issue names): from 0.7.8 it downloads NLTK's cmudict from the
internet at run time to count English syllables, which an offline reader must never do (and
CI cannot reach NLTK's host), and 0.7.3 imports the deprecated ``pkg_resources`` (a
DeprecationWarning, which our tests treat as an error). So the two standard formulas are
written out here, on pyphen, the hyphenation dictionaries textstat itself used for syllables:

- Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers, Chissom 1975, for the US Navy):
  ``0.39 * words/sentences + 11.8 * syllables/words - 15.59``.
- Fernández-Huerta reading ease (Fernández Huerta 1959, "Medidas sencillas de
  lecturabilidad", Consigna 214), the Spanish adaptation of Flesch reading ease:
  ``206.84 - 0.60 * P - 1.02 * F``, P = syllables per 100 words. F is printed in the 1959
  paper as "sentences per 100 words", but with that reading a text of shorter sentences
  scores as *harder*; Law (2011) shows F must be the mean sentence length in words, as in
  Flesch's formula it adapts, and that is what textstat and this module use.
  A reading ease is mapped to a US grade with ``grade = 15 - ease / 10``, which follows
  Flesch's table for his reading ease (70-80 "fairly easy", 7th grade; 60-70 "standard",
  8th-9th grade): ease 70 is grade 8, so the warning starts below 70, as for English.

Syllables: pyphen never splits off a single letter ("ev-ery", "area", "lí-nea"), so its
count is low for many words; a vowel-group count (with Spanish diphthong and hiatus rules)
is taken too and the larger one used.

Only prose is counted: headings, tables, code, callout titles and list items that are not
full sentences (no final ``.``, ``!`` or ``?``) are left out, and every paragraph and list
item ends a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from hrreader.content.text import blank_comments, plain_text

#: The grade above which ``check`` warns (NIH: below 8th grade).
MAX_GRADE = 8.0
#: Too little text for a meaningful grade.
MIN_WORDS = 30
FORMULAS = {"en": "Flesch-Kincaid", "es": "Fernández-Huerta"}

_FENCE_RE = re.compile(r"^(`{3,}|~{3,})")
_LIST_RE = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_SKIP_LINE_RE = re.compile(
    r"^\s*(?:#{1,6}(?:\s|$)|\||!!!|\[[^\]]*\]:|<[a-zA-Z/!]|(?:[-*_=]\s*){3,}$)"
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
#: Words a sentence never ends after ("e.g. the", "Dr. Smith", "U.S. law").
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs dr mr mrs ms st no approx dept sr sra srta ud uds ej p.ej aprox".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int
    #: Line of the body (1-based) the sentence starts on.
    line: int


@dataclass
class Readability:
    lang: str
    formula: str
    #: US school grade (for Spanish, mapped from the reading ease).
    grade: float
    #: Fernández-Huerta reading ease (Spanish only).
    ease: float | None
    words: int
    sentences: int
    syllables: int
    longest: list[Sentence] = field(default_factory=list)


@lru_cache(maxsize=8)
def _dictionary(lang: str):  # -> pyphen.Pyphen | None
    import pyphen  # lazily: only check needs it

    name = pyphen.language_fallback(lang)
    return pyphen.Pyphen(lang=name) if name else None


_EN_VOWELS = re.compile(r"[aeiouy]+")
_ES_VOWEL = set("aeiouáéíóúü")
_ES_STRONG = set("aeoáéóíú")  # accented i/u break a diphthong like a strong vowel


def _vowel_groups_en(word: str) -> int:
    w = word.lower()
    count = len(_EN_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e: "dose", "care"
    if w.endswith("es") and not w.endswith(("ses", "ces", "xes", "zes", "ges")) and count > 1:
        count -= 1  # "doses" has two, "hopes" one
    if w.endswith("ed") and not w.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "based" and "used" have one, "needed" two
    return max(1, count)


def _vowel_groups_es(word: str) -> int:
    w = word.lower()
    w = re.sub(r"(?<=[qg])u(?=[eéií])", "", w)  # silent u in que, qui, gue, gui
    if w.endswith("y") and len(w) > 1 and w[-2] in _ES_VOWEL:
        w = w[:-1] + "i"  # "hay", "muy": y closes a diphthong
    count = 0
    previous = ""
    for ch in w:
        if ch not in _ES_VOWEL:
            previous = ""
            continue
        # Two strong vowels are two syllables (hiatus); a weak one joins its neighbour.
        if previous and not (previous in _ES_STRONG and ch in _ES_STRONG):
            previous = ch
            continue
        count += 1
        previous = ch
    return max(1, count)


def syllables(word: str, lang: str) -> int:
    """Syllables in ``word``: the larger of pyphen's count and a vowel-group count."""
    return _syllables(word.lower(), lang)


@lru_cache(maxsize=65_536)
def _syllables(word: str, lang: str) -> int:
    parts = [p for p in re.split(r"['’\-]", word) if p]
    total = 0
    dictionary = _dictionary(lang)
    for part in parts:
        hyphenated = len(dictionary.positions(part)) + 1 if dictionary else 1
        groups = _vowel_groups_es(part) if lang == "es" else _vowel_groups_en(part)
        total += max(hyphenated, groups)
    return max(1, total)


def prose(body: str) -> list[tuple[int, str]]:
    """``(line, text)`` for each paragraph or full-sentence list item, markup removed."""
    out: list[tuple[int, str]] = []
    lines = blank_comments(body).split("\n")
    current: list[str] = []
    start = 0
    fence: str | None = None

    def flush() -> None:
        nonlocal current
        if current:
            text = plain_text(" ".join(current))
            if text:
                out.append((start, text))
        current = []

    for n, raw in enumerate(lines, 1):
        if fence is not None:
            if raw.strip() == fence:
                fence = None
            continue
        m = _FENCE_RE.match(raw)
        if m:
            flush()
            fence = m.group(1)
            continue
        line = raw.lstrip(" \t>") if raw.lstrip().startswith(">") else raw
        if not line.strip() or _SKIP_LINE_RE.match(line):
            flush()
            continue
        item = _LIST_RE.match(line)
        if item:
            flush()
            text = item.group(2).strip()
            if re.search(r"[.!?…][\"'”’»)]*$", plain_text(text)):
                start, current = n, [text]
            continue
        if not current:
            start = n
        current.append(line.strip())
    flush()
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph; abbreviations such as "e.g." do not end one."""
    pieces = _SENTENCE_END_RE.split(text)
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out:
            last_word = out[-1].rsplit(None, 1)[-1].rstrip(".").lower().lstrip("(\"'“¿¡")
            if last_word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
                out[-1] = f"{out[-1]} {piece}"
                continue
        out.append(piece)
    return out


def readability(body: str, lang: str) -> Readability | None:
    """The reading grade of a topic body, or ``None`` for other languages or little text."""
    base = lang.split("-", 1)[0].lower()
    if base not in FORMULAS:
        return None
    all_sentences: list[Sentence] = []
    word_count = syllable_count = 0
    for line, paragraph in prose(body):
        for text in split_sentences(paragraph):
            words = _WORD_RE.findall(text)
            if not words:
                continue
            word_count += len(words)
            syllable_count += sum(syllables(w, base) for w in words)
            all_sentences.append(Sentence(text, len(words), line))
    if word_count < MIN_WORDS or not all_sentences:
        return None
    per_sentence = word_count / len(all_sentences)
    per_word = syllable_count / word_count
    ease: float | None = None
    if base == "es":
        ease = 206.84 - 0.60 * (100 * per_word) - 1.02 * per_sentence
        grade = 15 - ease / 10
    else:
        grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    longest = sorted(all_sentences, key=lambda s: (-s.words, s.line))[:2]
    return Readability(
        lang=base,
        formula=FORMULAS[base],
        grade=round(grade, 1),
        ease=None if ease is None else round(ease, 1),
        words=word_count,
        sentences=len(all_sentences),
        syllables=syllable_count,
        longest=longest,
    )


def shorten(text: str, limit: int = 120) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]  # do not end in the middle of a word
    return cut.rstrip(",;:") + "…"
