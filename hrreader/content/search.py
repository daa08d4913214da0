"""Full-text search over a library: SQLite FTS5 from the standard library, never Qt.

People type "narcan", "fent strips", "od what do i do" or "suacide" in a hurry, so the index
does more than match words:

* one row per topic (title, keywords, summary, intro), per section (heading and text, with its
  topic's title and keywords as low-weight context, so "narcan storing" finds the section on
  storing naloxone) and per resource (name, numbers, description, and plain words for the
  needs its tags serve), for every pack language; a topic missing in a language is indexed
  in its fallback language so it is still found;
* Porter stemming, folded diacritics ("reduccion" finds "Reducción") and the last word
  matched as a prefix while it is being typed;
* a small synonym table (``SYNONYMS``: "od" -> overdose, "needle exchange" -> syringe services);
* FTS5's bm25 picks candidates; a re-ranking a person would agree with orders them: every
  query word in the title or in one keyword first, then a resource whose tags serve the need,
  then a section heading, then body text;
* words the index does not know are corrected against its own vocabulary
  (Damerau-Levenshtein <= 2, frequent words preferred) and reported in
  ``SearchResults.corrected`` for "Showing results for ...".

Speed (``benchmarks/search.py``): bm25 costs microseconds a row, so the short fields have
their own small FTS table (``search_head``) and a search ranks at most a few hundred rows in
each table; the re-ranking and snippets work on the few dozen candidates in Python (no
``highlight()``, whose per-row lookups cost more than the whole search), and the word being
typed is completed from the vocabulary rather than by an FTS5 prefix query.

All tables are prefixed ``search_`` and may share a connection with other tables: a compiled
pack keeps the index beside its catalogue and HTML, and ``attach`` uses it without rebuilding.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import heapq
import html
import logging
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from hrreader.content.library import Library
    from hrreader.content.model import Resource

log = logging.getLogger(__name__)

#: Bump when the tables or what goes into them change; ``attach`` refuses other versions.
SCHEMA_VERSION = 2

HitKind = Literal["topic", "section", "resource"]

# --------------------------------------------------------------------------------------
# Data: synonyms, stop words and the plain words behind resource tags
# --------------------------------------------------------------------------------------
#: Folded query phrase -> other phrases that mean the same thing here. Directed on purpose:
#: "cutting" means self-harm in a search box, but "self harm" must not find "cutting down".
SYNONYMS: dict[str, tuple[str, ...]] = {
    # overdose and naloxone
    "od": ("overdose",),
    "ods": ("overdose",),
    "oding": ("overdose",),
    "oded": ("overdose",),
    "overdosed": ("overdose",),
    "narcan": ("naloxone",),
    "narcan spray": ("naloxone",),
    "nasal spray": ("naloxone",),
    "not breathing": ("overdose",),
    "nodding out": ("overdose",),
    "won t wake up": ("overdose", "not breathing"),
    "wont wake up": ("overdose", "not breathing"),
    "not waking up": ("overdose", "not breathing"),
    "can t wake": ("overdose", "not breathing"),
    "unresponsive": ("overdose", "not breathing"),
    "passed out": ("overdose", "alcohol poisoning"),
    "sobredosis": ("overdose",),
    "naloxona": ("naloxone",),
    # fentanyl and drug checking
    "fent": ("fentanyl",),
    "fenty": ("fentanyl",),
    "fetty": ("fentanyl",),
    "fentanilo": ("fentanyl",),
    "fts": ("fentanyl test strips",),
    "test strips": ("fentanyl test strips", "drug checking"),
    "drug test": ("drug checking", "test strips"),
    "drug testing": ("drug checking", "test strips"),
    "tiras reactivas": ("test strips",),
    "tranq": ("xylazine",),
    # injecting
    "needle exchange": ("syringe services", "syringe exchange", "ssp"),
    "needle exchanges": ("syringe services", "syringe exchange", "ssp"),
    "syringe exchange": ("syringe services", "needle exchange", "ssp"),
    "clean needles": ("sterile syringes", "syringe services", "new needles", "needles"),
    "new needles": ("syringe services", "sterile syringes"),
    "needles": ("syringes",),
    "rigs": ("syringes",),
    "shooting up": ("injecting", "injection"),
    "intercambio de jeringas": ("syringe services", "needle exchange"),
    "jeringas": ("syringes",),
    "agujas": ("needles", "syringes"),
    # self-harm, suicide and crisis
    "cutting": ("self harm",),
    "cut myself": ("self harm",),
    "cutting myself": ("self harm",),
    "hurt myself": ("self harm",),
    "hurting myself": ("self harm",),
    "self injury": ("self harm",),
    "autolesion": ("self harm",),
    "autolesiones": ("self harm",),
    "kill myself": ("suicide",),
    "want to die": ("suicide",),
    "end my life": ("suicide",),
    "suicidio": ("suicide",),
    "suicide hotline": ("suicide crisis lifeline", "crisis line"),
    "suicide line": ("suicide crisis lifeline", "crisis line"),
    "hotline": ("crisis line", "helpline", "lifeline"),
    "helpline": ("hotline", "crisis line", "lifeline"),
    "crisis line": ("lifeline", "hotline", "helpline"),
    "talk to someone": ("crisis line", "lifeline", "helpline", "warmline", "support"),
    "someone to talk to": ("crisis line", "lifeline", "helpline", "warmline", "support"),
    "need to talk": ("crisis line", "lifeline", "helpline", "warmline", "support"),
    "hablar con alguien": ("crisis line", "lifeline", "helpline", "support"),
    "linea de crisis": ("crisis line", "lifeline"),
    "ayuda": ("help",),
    "emergencia": ("emergency",),
    # harm reduction, treatment, substances
    "reduccion de danos": ("harm reduction",),
    "reduccion de riesgos": ("harm reduction",),
    "harm minimisation": ("harm reduction",),
    "harm minimization": ("harm reduction",),
    "rehab": ("treatment",),
    "detox": ("withdrawal", "treatment"),
    "tratamiento": ("treatment",),
    "dopesick": ("withdrawal",),
    "dope sick": ("withdrawal",),
    "subs": ("buprenorphine", "suboxone"),
    "bupe": ("buprenorphine",),
    "mat": ("medication for opioid use disorder", "treatment"),
    "moud": ("medication for opioid use disorder",),
    "coke": ("cocaine",),
    "blow": ("cocaine",),
    "meth": ("methamphetamine", "stimulants"),
    "crystal": ("meth",),
    "speed": ("stimulants",),
    "uppers": ("stimulants",),
    "benzo": ("benzodiazepine", "benzos"),
    "benzos": ("benzodiazepine",),
    "xanax": ("benzos",),
    "bars": ("benzos", "xanax"),
    "dope": ("heroin", "opioid"),
    "opiates": ("opioids",),
    "pills": ("pressed pills",),
    "weed": ("cannabis", "marijuana"),
    "pot": ("cannabis", "marijuana"),
    "marihuana": ("cannabis", "marijuana"),
    "molly": ("mdma",),
    "ecstasy": ("mdma",),
    "booze": ("alcohol",),
    "drunk": ("alcohol",),
    "drinking": ("alcohol",),
    "drogas": ("drugs",),
    "droga": ("drugs",),
    "alcoholismo": ("alcohol",),
    # sexual health and other needs
    "std": ("sexually transmitted infections", "sti"),
    "stds": ("sexually transmitted infections", "sti"),
    "sti": ("sexually transmitted infections",),
    "stis": ("sexually transmitted infections",),
    "vih": ("hiv",),
    "sida": ("aids", "hiv"),
    "condon": ("condom",),
    "condones": ("condoms",),
    "domestic violence": ("violence", "abuse"),
    "dv": ("domestic violence",),
    "abuse": ("violence",),
    "homeless": ("housing", "shelter"),
    "shelter": ("housing",),
    "hungry": ("food",),
    "lawyer": ("legal",),
    "arrested": ("good samaritan", "police"),
    "arrest": ("good samaritan", "police"),
    "get in trouble": ("good samaritan", "police"),
    "cops": ("police", "good samaritan"),
    "rape": ("sexual assault", "sexual violence"),
    "raped": ("sexual assault", "sexual violence"),
    "hangover": ("alcohol",),
    "delete history": ("privacy", "private"),
    "clear history": ("privacy", "private"),
    "browser history": ("privacy", "private"),
    "incognito": ("privacy", "private"),
    "ambulance": ("911", "emergency"),
    # spellings
    "counselor": ("counsellor",),
    "counsellor": ("counselor",),
    "counseling": ("counselling",),
    "counselling": ("counseling",),
    "organization": ("organisation",),
    "organisation": ("organization",),
}

#: Words that carry no topic on their own: optional in a query unless it has nothing else.
STOP_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as text
        "a an and are as at be but by can could did do does for from get got had has have how "
        "i if im in into is it its me my of on or our should so that the their them then there "
        "these they this to too us was we what whats when where which who why will with would "
        "you your yours someone somebody something anyone anything about just really very "
        "please up out near nearby closest local "
        "won wont don dont didn didnt doesn doesnt isn isnt aren wasn cant couldn shouldn "
        "el la los las un una unos unas y o de del al en con por para que como es son mi me se "
        "lo le les su sus"
    ).split()
)

#: Phrases a person who needs a resource with this tag might type, per language. They go in
#: the resource's ``needs`` column beside the tag itself, separated like keywords.
TAG_NEEDS: dict[str, dict[str, tuple[str, ...]]] = {
    "crisis": {
        "en": ("crisis", "emergency", "urgent help", "help now", "crisis line", "hotline"),
        "es": ("crisis", "emergencia", "ayuda urgente", "ayuda ahora", "linea de crisis"),
    },
    "suicide": {
        "en": ("suicide", "suicidal", "kill myself", "want to die", "suicide hotline"),
        "es": ("suicidio", "suicida", "quitarme la vida"),
    },
    "self-harm": {
        "en": ("self harm", "cutting", "hurting myself", "self injury"),
        "es": ("autolesiones", "hacerme dano", "cortarme"),
    },
    "overdose": {"en": ("overdose", "od", "not breathing"), "es": ("sobredosis",)},
    "naloxone": {"en": ("naloxone", "narcan"), "es": ("naloxona", "narcan")},
    "drug-checking": {
        "en": ("drug checking", "test strips", "fentanyl test strips", "drug testing"),
        "es": ("analisis de drogas", "tiras reactivas", "fentanilo"),
    },
    "syringe-services": {
        "en": ("syringe services", "needle exchange", "clean needles", "supplies"),
        "es": ("intercambio de jeringas", "agujas limpias"),
    },
    "treatment": {
        "en": ("treatment", "rehab", "detox", "recovery", "medication", "counseling"),
        "es": ("tratamiento", "rehabilitacion", "desintoxicacion", "recuperacion"),
    },
    "mental-health": {
        "en": (
            "mental health",
            "talk to someone",
            "someone to talk to",
            "counseling",
            "support",
            "depression",
            "anxiety",
            "stress",
            "lonely",
        ),
        "es": ("salud mental", "hablar con alguien", "apoyo", "depresion", "ansiedad", "estres"),
    },
    "hiv": {"en": ("hiv", "aids", "hiv testing", "prep"), "es": ("vih", "sida", "prueba de vih")},
    "sexual-health": {
        "en": ("sexual health", "sti", "std", "testing", "condoms"),
        "es": ("salud sexual", "its", "pruebas", "condones"),
    },
    "lgbtq": {
        "en": ("lgbtq", "lgbt", "gay", "lesbian", "bisexual", "trans", "queer"),
        "es": ("lgbtq", "gay", "lesbiana", "bisexual", "trans"),
    },
    "youth": {"en": ("youth", "young people", "teens"), "es": ("jovenes", "adolescentes")},
    "violence": {
        "en": ("violence", "abuse", "domestic violence", "assault"),
        "es": ("violencia", "abuso", "agresion"),
    },
    "housing": {"en": ("housing", "shelter", "homeless"), "es": ("vivienda", "refugio")},
    "food": {"en": ("food", "hungry", "meals"), "es": ("comida", "hambre")},
    "legal": {"en": ("legal", "lawyer", "rights"), "es": ("legal", "abogado", "derechos")},
    "24-7": {"en": ("24 7", "24 hours", "anytime"), "es": ("24 7", "24 horas")},
    "text": {"en": ("text", "texting", "sms"), "es": ("texto", "mensaje")},
    "chat": {"en": ("chat", "online chat"), "es": ("chat", "chat en linea")},
    "walk-in": {"en": ("walk in", "in person"), "es": ("sin cita", "en persona")},
}

# --------------------------------------------------------------------------------------
# Tuning
# --------------------------------------------------------------------------------------
COLUMNS = ("title", "keywords", "heading", "context", "summary", "body", "needs")
#: bm25 weight per column, in ``COLUMNS`` order: keywords count as much as the title.
BM25_WEIGHTS = (10.0, 10.0, 6.0, 1.0, 3.0, 1.0, 4.0)
#: The short fields, which the re-ranking reads and ``search_head`` indexes again.
SHORT_FIELDS = ("title", "keywords", "heading", "context", "needs")
HEAD_WEIGHTS = (10.0, 10.0, 6.0, 4.0)
#: Most rows bm25 is asked to rank in the short fields (``search_head``) and in all text
#: (``search_fts``): it costs a few microseconds a row, and reads each term's row list.
HEAD_CAP = 600
BODY_CAP = 600
#: Candidates re-ranked per search: the ``limit`` best by short fields plus this many, and
#: about half as many by all text (most of those are also found by their short fields).
HEAD_EXTRA = 8
#: Above ``HEAD_CAP``, headings are left out of the ranking before giving up on it.
HEAD_SCOPES = ("", "{title keywords needs} : ")
#: Base scores when a field holds every required query word: a title or one keyword first,
#: then a resource whose tags serve the need, then a section heading, then body text (0).
TIER_TITLE = 100.0
TIER_KEYWORD = 96.0
TIER_NEED = 90.0
TIER_HEADING = 70.0
TIER_SPREAD = 60.0
#: A field with only some of the required words earns this share of its tier per word share.
PARTIAL_FIELD = 0.15
#: Within a tier, bm25 (all text, column weights) orders the hits: this many points at most.
BM25_CAP = 15.0
BM25_SHARE = 0.8
#: How much of the field the query fills ("naloxone" fills "Naloxone (Narcan)" half) ...
FILL_BONUS = 20.0
#: ... and how much of the query, stop words included, the field holds: "where to get
#: narcan" is all in the heading "Where to get naloxone", a quarter of it in the keyword.
COMPLETE_BONUS = 40.0
#: Resources in pack order: the author lists the most important first.
RESOURCE_PRIOR = 8.0
#: A hit that lacks some query words (found by OR when AND found too little) ranks below all
#: hits that have them.
PARTIAL_PENALTY = 60.0
MAX_QUERY_CHARS = 256
MAX_QUERY_TOKENS = 12
MAX_LIMIT = 200
#: The word being typed is completed from this many characters, to this many known words.
MIN_PREFIX = 3
COMPLETIONS = 6
SECTIONS_PER_TOPIC = 3
#: Fewer hits than this with every word: also try any word, and correct unknown words.
FEW_HITS = 3
MAX_EDIT = 2
#: A snippet is about this many characters, from the first SNIPPET_SCAN of a section.
SNIPPET_CHARS = 180
SNIPPET_SCAN = 6000

_MARK_OPEN = "\x01"
_MARK_CLOSE = "\x02"

_TOKEN_RE = re.compile(r"[^\W_]+")
_KEYWORD_SEP = " ; "


def fold(text: str) -> str:
    """Lower case without accents, as the index's ``remove_diacritics 2`` sees words."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokenize(text: str) -> list[str]:
    """Folded words of ``text``: runs of letters and digits, as the FTS5 tokenizer splits."""
    return _TOKEN_RE.findall(fold(text))


def _quote(token: str) -> str:
    """One FTS5 string: whatever the person typed, it is never query syntax."""
    return '"' + token.replace('"', '""') + '"'


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    """One result: where it goes, what to call it, and a snippet (escaped HTML, ``<b>`` marks)."""

    kind: HitKind
    target: str
    title: str
    snippet: str
    score: float


class SearchResults(list[Hit]):
    """Hits, best first, plus what the UI needs to explain them and mark them on the page."""

    def __init__(
        self,
        hits: Iterable[Hit] = (),
        *,
        query: str = "",
        corrected: str | None = None,
        terms: Iterable[str] = (),
    ) -> None:
        super().__init__(hits)
        self.query = query
        #: The query actually searched when words were corrected ("Showing results for ...").
        self.corrected = corrected
        #: Folded words to mark in an opened page; match them as word starts (stems, typing).
        self.terms = list(terms)


# --------------------------------------------------------------------------------------
# Query parsing
# --------------------------------------------------------------------------------------
@dataclass
class _Slot:
    """One thing the person asked for: a word or phrase, and what else may stand for it."""

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    optional: bool = False
    #: The word is being typed: these known words start with it.
    completions: tuple[str, ...] = ()
    #: Typed but with no known completion: let FTS5 match it as a prefix.
    fts_prefix: bool = False

    @property
    def own(self) -> tuple[str, ...]:
        return tuple(w for w in self.words if w not in STOP_WORDS) or self.words

    def groups(self) -> list[tuple[str, ...]]:
        """Word groups any one of which answers the slot (each group needs all its words)."""
        return [self.own, *self.alternatives, *((c,) for c in self.completions)]

    def expression(self) -> str:
        own = self.own
        parts = [_quote(own[0]) if len(own) == 1 else "(" + " AND ".join(map(_quote, own)) + ")"]
        if self.fts_prefix:
            parts.append(_quote(own[0]) + "*")
        parts.extend(_quote(" ".join(alt)) for alt in self.alternatives)
        parts.extend(_quote(c) for c in self.completions)
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


_LONGEST_SYNONYM = max(len(k.split()) for k in SYNONYMS)


def _parse(words: Sequence[str]) -> list[_Slot]:
    """Group words into slots: the longest synonym phrase wins; stop words become optional."""
    slots: list[_Slot] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST_SYNONYM, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + n])
            if phrase in SYNONYMS:
                alts = tuple(tuple(a.split()) for a in SYNONYMS[phrase])
                slots.append(_Slot(tuple(words[i : i + n]), alts))
                i += n
                break
        else:
            word = words[i]
            tiny = len(word) == 1 and not word.isdigit()
            slots.append(_Slot((word,), optional=word in STOP_WORDS or tiny))
            i += 1
    if all(s.optional for s in slots):
        for s in slots:
            s.optional = False
    return slots


# --------------------------------------------------------------------------------------
# Vocabulary: completions and typo correction
# --------------------------------------------------------------------------------------
def _mask(word: str) -> int:
    bits = 0
    for ch in word:
        bits |= 1 << (ord(ch) % 61)
    return bits


def edit_distance(a: str, b: str, limit: int = MAX_EDIT) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at ``limit + 1``."""
    if a == b:
        return 0
    # Typos are local: drop the common start and end, and the matrix shrinks to the typo.
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    end = 0
    while end < len(a) and end < len(b) and a[-1 - end] == b[-1 - end]:
        end += 1
    if end:
        a, b = a[:-end], b[:-end]
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    if not la or not lb:
        return max(la, lb)
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        ca = a[i - 1]
        cur = [i] + [0] * lb
        for j in range(1, lb + 1):
            cb = b[j - 1]
            v = prev[j - 1] + (ca != cb)
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and prev2[j - 2] + 1 < v:
                v = prev2[j - 2] + 1
            cur[j] = v
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[lb], limit + 1)


_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(word)
    return out


class _Vocabulary:
    """Words of titles, keywords, headings, summaries and needs, with how many rows use them.

    Loaded once from the index (about 80 ms at 10,000 topics; ``SearchIndex.warm_up``).
    """

    def __init__(self, rows: Iterable[tuple[str, int]]) -> None:
        pairs = sorted((t, d) for t, d in rows if not t.isdigit() or len(t) >= 3)
        self.terms = [t for t, _ in pairs]
        self.docs = [d for _, d in pairs]
        self._buckets: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for term, doc in pairs:
            if len(term) >= 3 and not term.isdigit():
                self._buckets.setdefault((term[0], len(term)), []).append((term, doc))
        self._masks: dict[tuple[str, int], list[int]] = {}
        self._fixes: dict[str, str | None] = {}

    def completions(self, prefix: str, n: int = COMPLETIONS) -> list[str]:
        """The ``n`` most used words that start with ``prefix`` (itself included)."""
        lo = bisect.bisect_left(self.terms, prefix)
        hi = bisect.bisect_left(self.terms, prefix + "\U0010ffff", lo)
        if hi - lo <= n:
            return self.terms[lo:hi]
        best = heapq.nlargest(n, range(lo, min(hi, lo + 5000)), key=self.docs.__getitem__)
        return [self.terms[i] for i in best]

    def correct(self, word: str) -> str | None:
        """The likeliest word the person meant (closest, then most used), or ``None``."""
        if word in self._fixes:
            return self._fixes[word]
        if len(word) < 3 or word.isdigit():
            return None
        limit = 1 if len(word) <= 4 else MAX_EDIT
        fix = self._nearest(word, limit, (word[0],))
        if fix is None and len(word) >= 5:
            # A slip on the first letter is rarer: look there only when nothing else is close.
            fix = self._nearest(word, 1, {k[0] for k in self._buckets} - {word[0]})
        if len(self._fixes) > 2000:
            self._fixes.clear()
        self._fixes[word] = fix
        return fix

    def complete_typo(self, start: str) -> str | None:
        """The most used word whose start is one edit from ``start`` ("nalax" -> naloxone).

        For the word still being typed: a misspelled start, not a misspelled word. Each
        one-edit variant of the start is looked up as a prefix (a few hundred bisections).
        """
        if len(start) < 4:
            return None
        terms, docs = self.terms, self.docs
        best: tuple[int, str] | None = None
        for variant in _one_edit(start):
            lo = bisect.bisect_left(terms, variant)
            if lo == len(terms) or not terms[lo].startswith(variant):
                continue
            hi = bisect.bisect_left(terms, variant + "\U0010ffff", lo)
            i = max(range(lo, min(hi, lo + 200)), key=docs.__getitem__)
            if best is None or (docs[i], terms[i]) > best:
                best = (docs[i], terms[i])
        return best[1] if best else None

    def _nearest(self, word: str, limit: int, initials: Iterable[str]) -> str | None:
        mask = _mask(word)
        best: tuple[int, int, str] | None = None
        for initial in initials:
            for length in range(len(word) - limit, len(word) + limit + 1):
                key = (initial, length)
                bucket = self._buckets.get(key)
                if not bucket:
                    continue
                masks = self._masks.get(key)
                if masks is None:
                    masks = self._masks[key] = [_mask(t) for t, _ in bucket]
                for (term, doc), tmask in zip(bucket, masks, strict=True):
                    # Each edit changes at most two letters of the word's letter set.
                    if (tmask ^ mask).bit_count() > 2 * limit:
                        continue
                    dist = edit_distance(word, term, limit)
                    if dist <= limit and (best is None or (dist, -doc, term) < best):
                        best = (dist, -doc, term)
        return best[2] if best else None


# --------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------
@dataclass
class _Candidate:
    rowid: int
    rank: float
    strict: bool
    kind: HitKind = "topic"
    target: str = ""
    label: str = ""
    topic_id: str = ""
    prior: float = 0.0
    fields: dict[str, str] = field(default_factory=dict)
    score: float = 0.0
    redundant: bool = False


class SearchIndex:
    """An FTS5 index over one library's topics, sections and resources, in any connection.

    Searches may come from a worker thread (the UI keeps typing responsive that way); a lock
    keeps two searches from using the one connection at once.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._lock = threading.Lock()
        self._ranges: dict[str, tuple[int, int]] = {}
        self._languages: list[str] = []
        self._vocab: _Vocabulary | None = None
        self._load_meta()

    # -- making and opening ---------------------------------------------------------
    @classmethod
    def build(cls, library: Library, conn: sqlite3.Connection | None = None) -> SearchIndex:
        """Index every language of ``library`` into ``conn`` (a new in-memory database by default).

        ``search_`` tables already in ``conn`` are replaced; other tables are left alone.
        """
        if conn is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False)
        _create_tables(conn)
        languages = list(dict.fromkeys(library.info.languages)) or [library.default_lang]
        ranges: dict[str, tuple[int, int]] = {}
        next_id = [1]
        with conn:
            for lang in languages:
                start = next_id[0]
                conn.executemany(
                    "INSERT INTO search_docs (id, lang, kind, target, topic_id, label, prior, "
                    f"{', '.join(COLUMNS)}) VALUES ({', '.join('?' * (7 + len(COLUMNS)))})",
                    _rows_for(library, lang, next_id),
                )
                ranges[lang] = (start, next_id[0] - 1)
            for table, weights in (("search_fts", BM25_WEIGHTS), ("search_head", HEAD_WEIGHTS)):
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
                conn.execute(
                    f"INSERT INTO {table}({table}, rank) VALUES ('rank', ?)",
                    (f"bm25({', '.join(map(str, weights))})",),
                )
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            conn.execute(
                "INSERT INTO search_words (rowid, words) SELECT id, title || ' ' || keywords "
                "|| ' ' || heading || ' ' || summary || ' ' || needs FROM search_docs"
            )
            conn.executemany(
                "INSERT INTO search_words (rowid, words) VALUES (?, ?)",
                ((-n, phrase) for n, phrase in enumerate(SYNONYMS, 1)),
            )
            meta = {
                "version": str(SCHEMA_VERSION),
                "languages": ",".join(languages),
                **{f"range:{lang}": f"{lo},{hi}" for lang, (lo, hi) in ranges.items()},
            }
            conn.executemany("INSERT INTO search_meta (key, value) VALUES (?, ?)", meta.items())
        return cls(conn)

    @classmethod
    def open(cls, library: Library, cache_dir: str | Path | None = None) -> SearchIndex:
        """The compiled pack's index, else one cached in ``cache_dir``, else one built now.

        The cache file is keyed by the pack's content hash and this index's version, so a
        changed pack or a newer hrreader never reads a stale index. Pass no ``cache_dir`` in
        private and kiosk modes: then nothing is written. A compiled pack made by an older
        hrreader has an index this version cannot read; building from its catalogue still
        finds titles, keywords, headings and summaries.
        """
        if library.compiled is not None:
            try:
                return cls.attach(library.compiled)
            except LookupError as exc:
                log.warning("compiled pack's search index not usable (%s); building one", exc)
        key = library.content_hash
        if not key and library.source is not None and cache_dir is not None:
            key = library.source.content_hash()
        if cache_dir is None or not key:
            return cls.build(library)
        path = Path(cache_dir) / f"search-{key[:32]}-v{SCHEMA_VERSION}.sqlite"
        try:
            if not path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(path.name + ".tmp")
                tmp.unlink(missing_ok=True)
                conn = sqlite3.connect(tmp)
                try:
                    cls.build(library, conn)
                finally:
                    conn.close()
                tmp.replace(path)
            uri = f"{path.resolve().as_uri()}?mode=ro"
            return cls.attach(sqlite3.connect(uri, uri=True, check_same_thread=False))
        except (OSError, sqlite3.Error, LookupError) as exc:
            log.warning("search index cache %s not usable (%s); building in memory", path, exc)
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)  # made again next time
            return cls.build(library)

    @classmethod
    def attach(cls, conn: sqlite3.Connection) -> SearchIndex:
        """Use the index already in ``conn`` (a compiled pack); ``LookupError`` if it has none."""
        return cls(conn)

    def _load_meta(self) -> None:
        try:
            meta = dict(self.conn.execute("SELECT key, value FROM search_meta").fetchall())
        except sqlite3.Error as exc:
            raise LookupError(f"no search index in this database ({exc})") from None
        if meta.get("version") != str(SCHEMA_VERSION):
            raise LookupError(
                f"search index version {meta.get('version')!r} is not {SCHEMA_VERSION}; rebuild it"
            )
        self._languages = [x for x in meta.get("languages", "").split(",") if x]
        for key, value in meta.items():
            if key.startswith("range:"):
                lo, hi = value.split(",")
                self._ranges[key.removeprefix("range:")] = (int(lo), int(hi))
        # In temp, so a read-only (compiled, immutable) database works too.
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab "
            "USING fts5vocab(main, 'search_words', 'row')"
        )

    @property
    def languages(self) -> list[str]:
        return list(self._languages)

    def warm_up(self) -> None:
        """Load now what the first search would load (the vocabulary), e.g. off the UI thread."""
        with self._lock:
            self._vocabulary()

    # -- searching -------------------------------------------------------------------
    def search(self, query: str, lang: str = "en", limit: int = 20) -> SearchResults:
        """Hits for ``query`` in ``lang``, best first. Never raises on what a person types."""
        text = query if isinstance(query, str) else ""
        try:
            with self._lock:
                return self._search(text, lang, limit)
        except (sqlite3.Error, RecursionError, ValueError, TypeError):
            log.exception("search failed for %r", text[:100])
            return SearchResults(query=text)

    def _search(self, typed: str, lang: str, limit: int) -> SearchResults:
        text = typed[:MAX_QUERY_CHARS]
        words = tokenize(text)[:MAX_QUERY_TOKENS]
        limit = min(int(limit), MAX_LIMIT)
        if not words or limit <= 0:
            return SearchResults(query=typed)
        # The last word is still being typed unless a space or punctuation follows it.
        typing = text[-1].isalnum() and len(typed) <= MAX_QUERY_CHARS
        lo, hi = self._range(lang)
        slots = self._slots(words, typing)
        found = self._gather(slots, lo, hi, limit, strict=True)
        corrected: str | None = None
        if len(found) < FEW_HITS:
            fixed = self._corrected(words, slots, lo, hi, typing)
            if fixed is not None:
                fixed_slots = self._slots(fixed, typing=False)
                better = self._gather(fixed_slots, lo, hi, limit, strict=True)
                if len(better) > len(found):
                    found, slots, corrected = better, fixed_slots, " ".join(fixed)
        if len(found) < min(limit, 5) and sum(not s.optional for s in slots) > 1:
            # Too little has every word: add what has some, ranked below.
            for rowid, cand in self._gather(slots, lo, hi, limit, strict=False).items():
                found.setdefault(rowid, cand)
        query = _Query(slots)
        hits = self._hits(self._scored(found, query), query, limit)
        return SearchResults(hits, query=typed, corrected=corrected, terms=_terms(slots))

    def _range(self, lang: str) -> tuple[int, int]:
        if lang in self._ranges:
            return self._ranges[lang]
        if self._languages and self._languages[0] in self._ranges:
            return self._ranges[self._languages[0]]
        return (0, -1)

    def _slots(self, words: Sequence[str], typing: bool) -> list[_Slot]:
        slots = _parse(words)
        last = slots[-1]
        if typing and len(last.words) == 1 and not last.optional and not last.alternatives:
            word = last.words[0]
            if len(word) >= MIN_PREFIX and not word.isdigit():
                found = [c for c in self._vocabulary().completions(word) if c != word]
                last.completions = tuple(found)
                last.alternatives += tuple(
                    tuple(alt.split()) for c in found for alt in SYNONYMS.get(c, ())
                )
                # Typed towards a word only the body has: FTS5 finds it, slowly but rarely.
                last.fts_prefix = not found
        return slots

    def _gather(
        self, slots: list[_Slot], lo: int, hi: int, limit: int, strict: bool
    ) -> dict[int, _Candidate]:
        """Candidates with every required slot (``strict``) or any of them.

        The short fields are always searched; all text only for strict queries with a word
        that is not a stop word ("what to do" is answered by titles and headings).
        """
        required = [s for s in slots if not s.optional]
        expr = (" AND " if strict else " OR ").join(s.expression() for s in required)
        found = {
            rowid: _Candidate(rowid, rank, strict)
            for rowid, rank in self._ranked(
                "search_head", expr, lo, hi, limit + HEAD_EXTRA, HEAD_CAP
            )
        }
        if strict and any(w not in STOP_WORDS for s in required for w in s.words):
            for rowid, rank in self._ranked("search_fts", expr, lo, hi, limit // 2 + 5, BODY_CAP):
                if rowid in found:
                    found[rowid].rank = rank
                else:
                    found[rowid] = _Candidate(rowid, rank, strict)
        return found

    def _scored(self, found: dict[int, _Candidate], query: _Query) -> list[_Candidate]:
        """Read each candidate's short fields and score it."""
        if not found:
            return []
        for row in self.conn.execute(
            "SELECT id, kind, target, label, topic_id, prior, title, keywords, heading, context, "
            f"needs FROM search_docs WHERE id IN ({','.join('?' * len(found))})",
            tuple(found),
        ):
            cand = found[row[0]]
            cand.kind, cand.target, cand.label, cand.topic_id, cand.prior = row[1:6]
            cand.fields = dict(zip(SHORT_FIELDS, row[6:], strict=True))
        out = list(found.values())
        for cand in out:
            _score(cand, query)
        _add_section_evidence(out)
        return out

    def _ranked(
        self, table: str, expr: str, lo: int, hi: int, pool: int, cap: int
    ) -> list[tuple[int, float]]:
        """The ``pool`` best rows of ``table`` by bm25, ranking at most ``cap`` rows.

        bm25 costs a few microseconds a row (it reads each row's sizes), so beyond ``cap``
        matches the short-field search ranks only titles, keywords and needs, and then falls
        back to rows in pack order; the all-text search adds nothing (its best rows are the
        ones with the words in short fields, which the other search finds).
        """
        scopes = HEAD_SCOPES if table == "search_head" else ("",)
        too_many = None
        for scope in scopes:
            scoped = f"{scope}({expr})" if scope else expr
            (count,) = self.conn.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? "
                "AND rowid BETWEEN ? AND ? LIMIT ?)",
                (scoped, lo, hi, cap + 1),
            ).fetchone()
            if count == 0:
                break
            if count <= cap:
                return self.conn.execute(
                    f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? "
                    "AND rowid BETWEEN ? AND ? ORDER BY rank LIMIT ?",
                    (scoped, lo, hi, pool),
                ).fetchall()
            too_many = scoped
        if too_many is None or table != "search_head":
            return []
        return self.conn.execute(
            f"SELECT rowid, 0.0 FROM {table} WHERE {table} MATCH ? "
            "AND rowid BETWEEN ? AND ? LIMIT ?",
            (too_many, lo, hi, pool),
        ).fetchall()

    def _matches(self, expr: str, lo: int, hi: int) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT 1",
            (expr, lo, hi),
        ).fetchone()
        return row is not None

    def _corrected(
        self, words: list[str], slots: list[_Slot], lo: int, hi: int, typing: bool
    ) -> list[str] | None:
        """The query with each word the index does not know replaced by its nearest word."""
        in_phrases = {w for s in slots if s.alternatives for w in s.words}
        typed = slots[-1].words[0] if slots[-1].completions else None  # a known start
        out: list[str] = []
        changed = False
        for n, word in enumerate(words):
            if (
                word in STOP_WORDS
                or word in in_phrases
                or word == typed
                or len(word) < 3
                or word.isdigit()
                or self._matches(_quote(word), lo, hi)
            ):
                out.append(word)
                continue
            fix = None
            if n == len(words) - 1 and typing:
                fix = self._vocabulary().complete_typo(word)
            fix = fix or self._vocabulary().correct(word)
            out.append(fix or word)
            changed = changed or bool(fix and fix != word)
        return out if changed else None

    def _vocabulary(self) -> _Vocabulary:
        if self._vocab is None:
            self._vocab = _Vocabulary(self.conn.execute("SELECT term, doc FROM temp.search_vocab"))
        return self._vocab

    def _hits(self, found: list[_Candidate], query: _Query, limit: int) -> list[Hit]:
        found.sort(key=lambda c: (-c.score, c.rank, c.rowid))
        topics_listed = {c.topic_id for c in found if c.kind == "topic"}
        chosen: list[_Candidate] = []
        per_topic: dict[str, int] = {}
        for cand in found:
            if cand.kind == "section":
                if cand.redundant and cand.topic_id in topics_listed:
                    continue
                if per_topic.get(cand.topic_id, 0) >= SECTIONS_PER_TOPIC:
                    continue
                per_topic[cand.topic_id] = per_topic.get(cand.topic_id, 0) + 1
            chosen.append(cand)
            if len(chosen) >= limit:
                break
        if not chosen:
            return []
        texts = {
            rowid: (summary, body)
            for rowid, summary, body in self.conn.execute(
                "SELECT id, summary, substr(body, 1, 20000) FROM search_docs "
                f"WHERE id IN ({','.join('?' * len(chosen))})",
                tuple(c.rowid for c in chosen),
            )
        }
        hits: list[Hit] = []
        for c in chosen:
            summary, body = texts.get(c.rowid, ("", ""))
            # Topics and resources show their summary; sections the best part of their text.
            text = body if c.kind == "section" or not summary else summary
            hits.append(Hit(c.kind, c.target, c.label, query.snippet(text), round(c.score, 3)))
        return hits


# --------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light English stem, enough to tell that "overdosing" answers "overdose".

    FTS5 already matched the row with the Porter stemmer; this only finds which words of a
    short field did, without a Porter stemmer in Python.
    """
    if len(word) <= 3:
        return word.rstrip("e") or word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if len(word) > 2 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


def _word_start(word: str) -> str:
    """The part of a query word that its other forms share ("overdos" of "overdose")."""
    return word if len(word) <= 4 else word[: max(4, len(word) - 3)]


_FOLD_TABLE: dict[int, str] = {}


def _fold_same_length(text: str) -> str | None:
    """``fold(text)`` letter for letter, so offsets still point into ``text``; ``None`` if not."""
    low = text.lower()
    if low.isascii():
        return low if len(low) == len(text) else None
    for ch in set(low):
        if ord(ch) > 127 and ord(ch) not in _FOLD_TABLE:
            base = fold(ch)
            _FOLD_TABLE[ord(ch)] = base if len(base) == 1 else ch
    folded = low.translate(_FOLD_TABLE)
    return folded if len(folded) == len(text) else None


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _same_word(token: str, word: str) -> bool:
    if token == word or _stem(token) == _stem(word):
        return True
    common = _common_start(token, word)
    return common >= 5 and common >= max(len(token), len(word)) - 3


@dataclass(frozen=True)
class _Match:
    """How one field of a candidate matches the query."""

    #: Share of the required slots the field holds (0..1).
    cover: float = 0.0
    #: Share of the field's own words that are query words (0..1): short exact fields win.
    fill: float = 0.0
    #: Share of all slots, stop words included, the field holds (0..1).
    complete: float = 0.0
    slots: frozenset[int] = frozenset()

    def tier(self, base: float) -> float:
        if self.cover >= 1.0:
            return base + FILL_BONUS * self.fill + COMPLETE_BONUS * self.complete
        # Some of the words in this field, the rest elsewhere: weak evidence, about as
        # strong as bm25 on the body text.
        return (base * PARTIAL_FIELD + FILL_BONUS * 0.25 * self.fill) * self.cover


_NO_MATCH = _Match()


class _Query:
    """The parsed slots, and how a field's words answer them (cached per word)."""

    def __init__(self, slots: Sequence[_Slot]) -> None:
        self.slots = list(slots)
        self.required = frozenset(n for n, s in enumerate(slots) if not s.optional)
        self._groups = [s.groups() for s in slots]
        self._prefix = {n: s.words[0] for n, s in enumerate(slots) if s.completions or s.fts_prefix}
        self._roles: dict[str, tuple[tuple[int, int, str], ...]] = {}
        self._matches: dict[str, _Match] = {}
        starts = sorted(
            {_word_start(w) for groups in self._groups for g in groups for w in g},
            key=len,
            reverse=True,
        )
        self._candidate_words = re.compile(
            r"(?<![^\W_])(?:" + "|".join(map(re.escape, starts)) + r")[^\W_]*"
        )
        self._by_start: dict[str, list[tuple[int, int, str]]] = {}
        for n, groups in enumerate(self._groups):
            for g, group in enumerate(groups):
                for word in group:
                    self._by_start.setdefault(word[:2], []).append((n, g, word))

    def roles(self, token: str) -> tuple[tuple[int, int, str], ...]:
        """``(slot, group, word)`` for each query word this field word answers."""
        found = self._roles.get(token)
        if found is None:
            out: list[tuple[int, int, str]] = []
            # Words that answer each other start alike: most field words need one lookup.
            for n, g, word in self._by_start.get(token[:2], ()):
                if _same_word(token, word) or (
                    g == 0 and n in self._prefix and token.startswith(self._prefix[n])
                ):
                    out.append((n, g, word))
            found = self._roles[token] = tuple(out)
        return found

    def match(self, text: str) -> _Match:
        """How ``text`` answers the query; cached, as sections repeat their topic's context."""
        found = self._matches.get(text)
        if found is None:
            found = self._matches[text] = self._match(text) if text else _NO_MATCH
        return found

    def _match(self, text: str) -> _Match:
        tokens = tokenize(text)
        known = self._roles
        roles = [known.get(t) or self.roles(t) for t in tokens]
        seen: dict[tuple[int, int], set[str]] = {}
        for found in roles:
            for n, g, word in found:
                seen.setdefault((n, g), set()).add(word)
        if not seen:
            return _NO_MATCH
        hit = {n for (n, g), words in seen.items() if len(words) >= len(self._groups[n][g])}
        content = matched = 0
        for token, found in zip(tokens, roles, strict=True):
            if token not in STOP_WORDS and not token.isdigit():
                content += 1
                matched += any(n in hit for n, _, _ in found)
        if not content:  # only stop words or numbers ("988"): every word counts
            content, matched = len(tokens), sum(1 for f in roles if f)
        return _Match(
            cover=len(hit & self.required) / len(self.required) if self.required else 0.0,
            fill=min(1.0, matched / content) if content else 0.0,
            complete=len(hit) / len(self.slots),
            slots=frozenset(hit),
        )

    def best_part(self, text: str) -> _Match:
        """The best single keyword (or need phrase) of a ``;``-separated list."""
        best = _NO_MATCH
        if not self.match(text).slots:
            return best
        for part in text.split(_KEYWORD_SEP.strip()):
            got = self.match(part.strip())
            if (got.cover, got.complete, got.fill) > (best.cover, best.complete, best.fill):
                best = got
        return best

    def snippet(self, text: str) -> str:
        """Escaped HTML: the part of ``text`` with the most query words, those in ``<b>``."""
        text = text[:SNIPPET_SCAN]
        folded = _fold_same_length(text)
        marks: list[tuple[int, int]] = []
        if folded is not None:
            # A regex finds the few words that may answer the query; roles() confirms them.
            for m in self._candidate_words.finditer(folded):
                word = m.group()
                if word not in STOP_WORDS and (self._roles.get(word) or self.roles(word)):
                    marks.append(m.span())
        else:  # a rare letter that folds to more than one (so offsets would not line up)
            for m in _TOKEN_RE.finditer(text):
                word = fold(m.group())
                if word not in STOP_WORDS and self.roles(word):
                    marks.append(m.span())
        # The stretch of SNIPPET_CHARS holding the most marked words, from a little before
        # the first of them, cut at spaces.
        start = 0
        if marks and len(text) > SNIPPET_CHARS:
            best, first, j = 0, 0, 0
            for i, (a, _) in enumerate(marks):
                while marks[j][1] <= a - SNIPPET_CHARS + 40:
                    j += 1
                if i - j + 1 > best:
                    best, first = i - j + 1, j
            start = max(0, marks[first][0] - 40)
            if start:
                space = text.find(" ", start, marks[first][0])
                start = space + 1 if space >= 0 else marks[first][0]
        end = len(text)
        if end - start > SNIPPET_CHARS:
            space = text.rfind(" ", start, start + SNIPPET_CHARS)
            end = space if space > start else start + SNIPPET_CHARS
        parts: list[str] = []
        pos = start
        for a, b in marks:
            if a >= start and b <= end:
                parts += (text[pos:a], _MARK_OPEN, text[a:b], _MARK_CLOSE)
                pos = b
        parts.append(text[pos:end])
        raw = "".join(parts)
        for gap in (" ", "-"):  # "<b>self-harm</b>", not "<b>self</b>-<b>harm</b>"
            raw = raw.replace(f"{_MARK_CLOSE}{gap}{_MARK_OPEN}", gap)
        out = html.escape(raw.strip(), quote=False)
        out = out.replace(_MARK_OPEN, "<b>").replace(_MARK_CLOSE, "</b>")
        return ("… " if start else "") + out + (" …" if end < len(text) else "")


def _score(cand: _Candidate, query: _Query) -> None:
    """Field tiers first (title, keyword, need, heading), then bm25, pack order and kind."""
    f = cand.fields
    title = query.match(f.get("title", ""))
    extra = 0.0
    if cand.kind == "resource":
        short = [title, query.match(f.get("keywords", "")), query.match(f.get("needs", ""))]
        tiers = [
            title.tier(TIER_TITLE),
            query.best_part(f.get("keywords", "")).tier(TIER_KEYWORD),  # its phone numbers
            query.best_part(f.get("needs", "")).tier(TIER_NEED),
        ]
    else:
        heading = query.match(f.get("heading", ""))
        short = [title, query.match(f.get("keywords", "")), heading]
        tiers = [
            title.tier(TIER_TITLE),
            query.best_part(f.get("keywords", "")).tier(TIER_KEYWORD),
            heading.tier(TIER_HEADING),
        ]
        if cand.kind == "topic":
            extra = 2.0
        else:
            context = query.match(f.get("context", ""))
            short.append(context)
            extra = 0.1 * query.best_part(f.get("context", "")).tier(TIER_KEYWORD)
            if not heading.slots and context.cover >= 1.0:
                # Matched through its topic's title: the topic's own hit says it better.
                cand.redundant = True
                extra -= 40.0
    # Every word in the short fields, but no one field with all of them ("mixing alcohol
    # and benzos": the title says mixing, the keywords alcohol and benzos).
    spread = frozenset().union(*(m.slots for m in short))
    if query.required and query.required <= spread:
        tiers.append(TIER_SPREAD + COMPLETE_BONUS * 0.5 * len(spread) / len(query.slots))
    tiers.sort(reverse=True)
    score = tiers[0] + 0.1 * sum(tiers[1:3]) + extra
    score += min(BM25_CAP, -cand.rank) * BM25_SHARE + cand.prior
    if not cand.strict:
        score -= PARTIAL_PENALTY
    cand.score = score


def _add_section_evidence(found: list[_Candidate]) -> None:
    """A topic whose own sections match is more about the query than one that mentions it.

    And a topic that lacks a query word itself but has a section with every one of them
    answers the query too ("coke and alcohol" is a section of "Mixing substances"), so it is
    not pushed below the hits that have every word.
    """
    evidence: dict[str, float] = {}
    for cand in found:
        if cand.kind == "section" and cand.strict and not cand.redundant:
            gain = 3.0 if cand.score >= TIER_HEADING else 1.0
            evidence[cand.topic_id] = evidence.get(cand.topic_id, 0.0) + gain
    for cand in found:
        if cand.kind == "topic" and cand.topic_id in evidence:
            cand.score += min(8.0, evidence[cand.topic_id])
            if not cand.strict:
                cand.strict = True
                cand.score += PARTIAL_PENALTY


def _terms(slots: Sequence[_Slot]) -> list[str]:
    out: dict[str, None] = {}
    for slot in slots:
        if not slot.optional:
            for group in slot.groups():
                out.update(dict.fromkeys(w for w in group if w not in STOP_WORDS))
    return list(out)


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------
def _create_tables(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        DROP TABLE IF EXISTS temp.search_vocab;
        DROP TABLE IF EXISTS search_fts;
        DROP TABLE IF EXISTS search_head;
        DROP TABLE IF EXISTS search_words;
        DROP TABLE IF EXISTS search_docs;
        DROP TABLE IF EXISTS search_meta;
        CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE search_docs (
            id INTEGER PRIMARY KEY,
            lang TEXT NOT NULL,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            topic_id TEXT NOT NULL,
            label TEXT NOT NULL,
            prior REAL NOT NULL,
            title TEXT, keywords TEXT, heading TEXT, context TEXT,
            summary TEXT, body TEXT, needs TEXT
        );
        CREATE VIRTUAL TABLE search_fts USING fts5(
            title, keywords, heading, context, summary, body, needs,
            content = 'search_docs', content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        -- Title, keywords, headings and needs again: ranking them never reads the long row
        -- lists of body text, or of the topic context repeated in every section.
        CREATE VIRTUAL TABLE search_head USING fts5(
            title, keywords, heading, needs,
            content = 'search_docs', content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        -- The words people are corrected towards: short fields only, as written (unstemmed).
        CREATE VIRTUAL TABLE search_words USING fts5(
            words, content = '', detail = none,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """
    )


_FENCE_RE = re.compile(r"```.*?```", re.S)
_HTML_RE = re.compile(r"</?[A-Za-z][^>]*>")
_MARKUP_RE = re.compile(
    r"!\[[^\]]*\]\([^)]*\)"  # images
    r"|\]\([^)]*\)"  # the (target) of a link; its [text] stays
    r"|\{[:#.][^}]*\}"  # attribute lists
    r"|^[ \t]*!!![ \t]*\w+[ \t]*(?:\"([^\"\n]*)\")?",  # callouts keep their title
    re.M,
)
_MARKUP_CHARS = str.maketrans({"*": None, "`": None, "#": None, ">": None, "[": None,
                               "]": None, "~": None, "|": " ", "_": " "})  # fmt: skip


def _plain(markdown_text: str) -> str:
    """Markdown as the words a reader sees, for the index and snippets.

    The same idea as ``text.plain_text``, but mostly ``str.translate``: it runs over every
    section of a pack, and at 10,000 topics eight regex passes cost seconds of build time.
    """
    text = markdown_text
    if "```" in text:
        text = _FENCE_RE.sub(" ", text)
    if "<" in text:
        text = _HTML_RE.sub(" ", text)
    if "](" in text or "{" in text or "!!!" in text:
        text = _MARKUP_RE.sub(r"\1", text)
    return " ".join(text.translate(_MARKUP_CHARS).split())


def _rows_for(library: Library, lang: str, next_id: list[int]) -> Iterator[tuple[object, ...]]:
    """Rows for one language: topics (or their fallbacks), their sections, then resources.

    A generator, so a 10,000-topic pack is never held twice in memory; ``next_id`` counts.
    """
    for topic in library.topics(lang):
        keywords = _KEYWORD_SEP.join(topic.keywords)
        yield (
            next_id[0], lang, "topic", topic.address, topic.id, topic.title, 0.0,
            topic.title, keywords, "", "", topic.summary, _plain(topic.intro), "",
        )  # fmt: skip
        next_id[0] += 1
        context = _KEYWORD_SEP.join((topic.title, *topic.keywords))
        for section in topic.sections:
            yield (
                next_id[0], lang, "section", f"{topic.address}#{section.anchor}", topic.id,
                f"{topic.title} > {section.title}", 0.0,
                "", "", section.title, context, "", _plain(section.text), "",
            )  # fmt: skip
            next_id[0] += 1
    count = len(library.resources)
    for n, resource in enumerate(library.resources):
        prior = RESOURCE_PRIOR * (1 - n / max(count, 1))
        yield _resource_row(resource, lang, library.default_lang, next_id[0], prior)
        next_id[0] += 1


def _resource_row(
    res: Resource, lang: str, default_lang: str, rowid: int, prior: float
) -> tuple[object, ...]:
    numbers = [x for x in (res.phone, res.sms) if x]
    numbers += [re.sub(r"\D", "", x) for x in numbers]
    needs: list[str] = []
    for tag in res.tags:
        needs.append(tag.replace("-", " "))
        phrases = TAG_NEEDS.get(tag, {})
        needs.extend(phrases.get(lang) or phrases.get("en", ()))
    name = res.name(lang, default_lang)
    body = " ".join(x for x in (res.sms_body, res.hours_text(lang, default_lang)) if x)
    return (
        rowid, lang, "resource", res.address_uri, "", name, prior,
        name, _KEYWORD_SEP.join(dict.fromkeys(numbers)), "", "",
        res.description(lang, default_lang), body, _KEYWORD_SEP.join(dict.fromkeys(needs)),
    )  # fmt: skip
