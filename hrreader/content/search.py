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

All tables are prefixed ``search_`` and may share a connection with other tables: a compiled
pack keeps the index beside its catalogue and HTML, and ``attach`` uses it without rebuilding.
"""

from __future__ import annotations

import html
import logging
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from hrreader.content.library import Library
    from hrreader.content.model import Resource

log = logging.getLogger(__name__)

#: Bump when the tables or what goes into them change; ``attach`` refuses other versions.
SCHEMA_VERSION = 1

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
    "clean needles": ("sterile syringes", "syringe services", "new needles"),
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
        "you your yours "
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
#: Short columns whose highlighted text the re-ranking reads (cheap to highlight).
MARKED_COLUMNS = ("title", "keywords", "heading", "context", "needs")
#: Ranking by bm25 costs about 2 us a row; beyond this many matches, rank only the rows that
#: match in short fields (they are the ones that can reach the top anyway).
RANK_CAP = 2000
RANK_SCOPES = (
    "",
    "{title keywords heading context needs} : ",
    "{title keywords needs} : ",
)
#: Base scores when a field holds every required query word: a title or one keyword first,
#: then a resource whose tags serve the need, then a section heading.
TIER_TITLE = 100.0
TIER_KEYWORD = 96.0
TIER_NEED = 90.0
TIER_HEADING = 70.0
#: How much of the field the query fills ("naloxone" fills "Naloxone (Narcan)" half) ...
FILL_BONUS = 20.0
#: ... and how much of the query, stop words included, the field holds: "where to get
#: narcan" is all in the heading "Where to get naloxone", a quarter of it in the keyword.
COMPLETE_BONUS = 40.0
#: Resources in pack order: the author lists the most important first.
RESOURCE_PRIOR = 8.0
#: A hit that lacks some query words (found by OR when AND found too little) ranks below all
#: that have them.
PARTIAL_PENALTY = 60.0
MAX_QUERY_CHARS = 256
MAX_QUERY_TOKENS = 12
MAX_LIMIT = 200
MIN_PREFIX = 3
SECTIONS_PER_TOPIC = 3
#: Fewer hits than this with every word: also try any word, and correct unknown words.
FEW_HITS = 3
MAX_EDIT = 2

_MARK_OPEN = "\x01"
_MARK_CLOSE = "\x02"
_TOKEN_RE = re.compile(r"[^\W_]+")
_MARKED_RE = re.compile("\x01([^\x02]*)\x02")
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
        #: Folded words to mark in an opened page; match them as word prefixes (stems, typing).
        self.terms = list(terms)


# --------------------------------------------------------------------------------------
# Query parsing
# --------------------------------------------------------------------------------------
@dataclass
class _Slot:
    """One thing the person asked for: a word or phrase, and what else may stand for it."""

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    prefix: bool = False
    optional: bool = False
    #: Every word of every alternative, to tell which slot a matched word belongs to.
    vocabulary: frozenset[str] = field(default_factory=frozenset)

    def expression(self) -> str:
        own = [w for w in self.words if w not in STOP_WORDS] or list(self.words)
        parts = [_quote(own[0]) if len(own) == 1 else "(" + " AND ".join(map(_quote, own)) + ")"]
        if self.prefix:
            parts.append(_quote(own[0]) + "*")
        parts.extend(_quote(" ".join(alt)) for alt in self.alternatives)
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


_LONGEST_SYNONYM = max(len(k.split()) for k in SYNONYMS)


def _parse(words: Sequence[str], typing: bool) -> list[_Slot]:
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
    last = slots[-1]
    if typing and len(last.words) == 1 and not last.optional and len(last.words[0]) >= MIN_PREFIX:
        last.prefix = True
    if all(s.optional for s in slots):
        for s in slots:
            s.optional = False
    for s in slots:
        s.vocabulary = frozenset(w for alt in (s.words, *s.alternatives) for w in alt)
    return slots


# --------------------------------------------------------------------------------------
# Typo correction
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


class _Vocabulary:
    """Words of titles, keywords, headings and summaries with how many rows use them."""

    def __init__(self, rows: Iterable[tuple[str, int]]) -> None:
        self.buckets: dict[tuple[str, int], list[tuple[str, int, int]]] = {}
        for term, doc in rows:
            if len(term) >= 3 and not term.isdigit():
                self.buckets.setdefault((term[0], len(term)), []).append((term, _mask(term), doc))
        self._cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        """The likeliest word the person meant (closest, then most used), or ``None``."""
        if word in self._cache:
            return self._cache[word]
        if len(word) < 3 or word.isdigit():
            return None
        limit = 1 if len(word) <= 4 else MAX_EDIT
        fix = self._search(word, limit, (word[0],))
        if fix is None and len(word) >= 5:
            # A slip on the first letter is rarer; look there only when nothing else is close.
            fix = self._search(word, 1, {k[0] for k in self.buckets} - {word[0]})
        if len(self._cache) > 1000:
            self._cache.clear()
        self._cache[word] = fix
        return fix

    def _search(self, word: str, limit: int, initials: Iterable[str]) -> str | None:
        mask = _mask(word)
        best: tuple[int, int, str] | None = None
        for initial in initials:
            for length in range(len(word) - limit, len(word) + limit + 1):
                for term, tmask, doc in self.buckets.get((initial, length), ()):
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
    kind: HitKind
    target: str
    label: str
    topic_id: str
    prior: float
    rank: float
    marks: dict[str, str]
    strict: bool = True
    score: float = 0.0
    redundant: bool = False


class SearchIndex:
    """An FTS5 index over one library's topics, sections and resources, in any connection.

    Searches may come from a worker thread (the UI keeps typing responsive that way); a lock
    keeps one connection from being used by two searches at once.
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
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            weights = ", ".join(str(w) for w in BM25_WEIGHTS)
            conn.execute(
                "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', ?)", (f"bm25({weights})",)
            )
            conn.execute(
                "INSERT INTO search_words (rowid, words) SELECT id, title || ' ' || keywords "
                "|| ' ' || heading || ' ' || summary || ' ' || needs FROM search_docs"
            )
            conn.executemany(
                "INSERT INTO search_words (rowid, words) VALUES (?, ?)",
                ((-n, phrase) for n, phrase in enumerate(SYNONYMS, 1)),
            )
            conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            meta = {
                "version": str(SCHEMA_VERSION),
                "languages": ",".join(languages),
                **{f"range:{lang}": f"{lo},{hi}" for lang, (lo, hi) in ranges.items()},
            }
            conn.executemany("INSERT INTO search_meta (key, value) VALUES (?, ?)", meta.items())
        return cls(conn)

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
        """Load what the first search would (the vocabulary for corrections), e.g. off-thread."""
        with self._lock:
            self._vocabulary()

    # -- searching -------------------------------------------------------------------
    def search(self, query: str, lang: str = "en", limit: int = 20) -> SearchResults:
        """Hits for ``query`` in ``lang``, best first. Never raises on what a person types."""
        try:
            with self._lock:
                return self._search(query, lang, limit)
        except (sqlite3.Error, RecursionError, ValueError, TypeError):
            log.exception("search failed for %r", str(query)[:100])
            return SearchResults(query=query if isinstance(query, str) else "")

    def _search(self, query: str, lang: str, limit: int) -> SearchResults:
        text = query[:MAX_QUERY_CHARS] if isinstance(query, str) else ""
        words = tokenize(text)[:MAX_QUERY_TOKENS]
        limit = min(int(limit), MAX_LIMIT)
        if not words or limit <= 0:
            return SearchResults(query=query if isinstance(query, str) else "")
        typing = text[-1].isalnum() and len(query) <= MAX_QUERY_CHARS
        lo, hi = self._range(lang)
        slots = _parse(words, typing)
        found = self._run(slots, lo, hi, limit)
        corrected: str | None = None
        if sum(c.strict for c in found) < FEW_HITS:
            fixed = self._corrected(words, slots, lo, hi)
            if fixed is not None:
                fixed_slots = _parse(fixed, typing)
                better = self._run(fixed_slots, lo, hi, limit)
                if sum(c.strict for c in better) > sum(c.strict for c in found):
                    found, slots, corrected = better, fixed_slots, " ".join(fixed)
        hits = self._hits(found, slots, limit)
        return SearchResults(hits, query=query, corrected=corrected, terms=_terms(slots))

    def _range(self, lang: str) -> tuple[int, int]:
        if lang in self._ranges:
            return self._ranges[lang]
        if self._languages and self._languages[0] in self._ranges:
            return self._ranges[self._languages[0]]
        return (0, -1)

    def _run(self, slots: list[_Slot], lo: int, hi: int, limit: int) -> list[_Candidate]:
        """Candidates with every required slot (strict), topped up with any-slot matches."""
        required = [s for s in slots if not s.optional]
        pool = max(limit + 20, 40)
        found = self._candidates(" AND ".join(s.expression() for s in required), lo, hi, pool)
        if len(found) < min(limit, 5) and len(required) > 1:
            seen = {c.rowid for c in found}
            loose = " OR ".join(s.expression() for s in required)
            for cand in self._candidates(loose, lo, hi, pool, strict=False):
                if cand.rowid not in seen:
                    found.append(cand)
        query = _Query(slots)
        for cand in found:
            _score(cand, query)
        _add_section_evidence(found)
        return found

    def _candidates(
        self, expr: str, lo: int, hi: int, pool: int, strict: bool = True
    ) -> list[_Candidate]:
        rows = self._ranked(expr, lo, hi, pool)
        if not rows:
            return []
        ranks = dict(rows)
        marks = ", ".join(
            f"highlight(search_fts, {COLUMNS.index(c)}, char(1), char(2))" for c in MARKED_COLUMNS
        )
        out: list[_Candidate] = []
        for row in self.conn.execute(
            f"SELECT f.rowid, d.kind, d.target, d.label, d.topic_id, d.prior, {marks} "
            "FROM search_fts f JOIN search_docs d ON d.id = f.rowid "
            f"WHERE search_fts MATCH ? AND f.rowid IN ({','.join('?' * len(ranks))})",
            (expr, *ranks),
        ):
            out.append(
                _Candidate(
                    rowid=row[0],
                    kind=row[1],
                    target=row[2],
                    label=row[3],
                    topic_id=row[4],
                    prior=row[5],
                    rank=ranks[row[0]],
                    marks=dict(zip(MARKED_COLUMNS, row[6:], strict=True)),
                    strict=strict,
                )
            )
        return out

    def _ranked(self, expr: str, lo: int, hi: int, pool: int) -> list[tuple[int, float]]:
        """The ``pool`` best rows by bm25, ranking only as many rows as stays fast."""
        previous = None
        for scope in RANK_SCOPES:
            scoped = f"{scope}({expr})" if scope else expr
            (count,) = self.conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? "
                "AND rowid BETWEEN ? AND ? LIMIT ?)",
                (scoped, lo, hi, RANK_CAP + 1),
            ).fetchone()
            if count == 0:
                if previous is None:
                    return []
                break
            if count <= RANK_CAP:
                return self.conn.execute(
                    "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? "
                    "AND rowid BETWEEN ? AND ? ORDER BY rank LIMIT ?",
                    (scoped, lo, hi, pool),
                ).fetchall()
            previous = scoped
        # Too common to rank even in titles: the first rows in pack order, unranked.
        return self.conn.execute(
            "SELECT rowid, 0.0 FROM search_fts WHERE search_fts MATCH ? "
            "AND rowid BETWEEN ? AND ? LIMIT ?",
            (previous, lo, hi, pool),
        ).fetchall()

    def _matches(self, expr: str, lo: int, hi: int) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT 1",
            (expr, lo, hi),
        ).fetchone()
        return row is not None

    def _corrected(
        self, words: list[str], slots: list[_Slot], lo: int, hi: int
    ) -> list[str] | None:
        """The query with each word the index does not know replaced by its nearest word."""
        in_phrases = {w for s in slots if s.alternatives for w in s.words}
        out: list[str] = []
        changed = False
        for n, word in enumerate(words):
            if (
                word in STOP_WORDS
                or word in in_phrases
                or len(word) < 3
                or word.isdigit()
                or self._matches(_quote(word), lo, hi)
                or (n == len(words) - 1 and self._matches(_quote(word) + "*", lo, hi))
            ):
                out.append(word)
                continue
            fix = self._vocabulary().correct(word)
            out.append(fix or word)
            changed = changed or bool(fix and fix != word)
        return out if changed else None

    def _vocabulary(self) -> _Vocabulary:
        if self._vocab is None:
            self._vocab = _Vocabulary(self.conn.execute("SELECT term, doc FROM temp.search_vocab"))
        return self._vocab

    def _hits(self, found: list[_Candidate], slots: list[_Slot], limit: int) -> list[Hit]:
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
        snippets = self._snippets(chosen, slots)
        return [
            Hit(c.kind, c.target, c.label, snippets.get(c.rowid, ""), round(c.score, 3))
            for c in chosen
        ]

    def _snippets(self, chosen: list[_Candidate], slots: list[_Slot]) -> dict[int, str]:
        """Topics and resources show their summary, sections the best part of their text."""
        if not chosen:
            return {}
        expr = " OR ".join(s.expression() for s in slots)
        out: dict[int, str] = {}
        for rowid, kind, summary, body in self.conn.execute(
            "SELECT f.rowid, d.kind, highlight(search_fts, 4, char(1), char(2)), "
            "snippet(search_fts, 5, char(1), char(2), '…', 24) "
            "FROM search_fts f JOIN search_docs d ON d.id = f.rowid "
            f"WHERE search_fts MATCH ? AND f.rowid IN ({','.join('?' * len(chosen))})",
            (expr, *(c.rowid for c in chosen)),
        ):
            out[rowid] = _marked_html(body if kind == "section" or not summary else summary)
        return out


# --------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------
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
        return (base * 0.4 + FILL_BONUS * 0.25 * self.fill) * self.cover


_NO_MATCH = _Match()


class _Query:
    """The parsed slots, and how each field of a candidate matches them."""

    def __init__(self, slots: Sequence[_Slot]) -> None:
        self.slots = list(slots)
        self.required = frozenset(n for n, s in enumerate(slots) if not s.optional)
        self.optional = {s.words[0]: n for n, s in enumerate(slots) if s.optional}
        self._owner: dict[str, int | None] = {}

    def owner(self, word: str) -> int | None:
        """The slot a word FTS5 matched belongs to: the one sharing the longest start.

        FTS5 already decided the word matches (by stem, prefix or synonym); this only says
        which part of the query it answers, so a close prefix is enough.
        """
        if word in self._owner:
            return self._owner[word]
        best, best_len = None, 1
        for n, slot in enumerate(self.slots):
            if slot.optional:
                continue
            if word in slot.vocabulary:
                best = n
                break
            for alt in slot.vocabulary:
                k = _common_start(word, alt)
                if k > best_len:
                    best, best_len = n, k
        self._owner[word] = best
        return best

    def match(self, marked: str) -> _Match:
        if _MARK_OPEN not in marked:
            return _NO_MATCH
        hit: set[int] = set()
        matched = 0
        for part in _MARKED_RE.findall(marked):
            for word in tokenize(part):
                n = self.owner(word)
                if n is not None:
                    hit.add(n)
                if word not in STOP_WORDS:
                    matched += 1
        words = tokenize(marked.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, ""))
        content = [w for w in words if w not in STOP_WORDS and not w.isdigit()] or words
        if self.optional:
            hit.update(n for w, n in self.optional.items() if w in words)
        return _Match(
            cover=len(hit & self.required) / len(self.required),
            fill=min(1.0, matched / len(content)) if content else 0.0,
            complete=len(hit) / len(self.slots),
            slots=frozenset(hit),
        )

    def best_part(self, marked: str) -> _Match:
        """The best single keyword (or need phrase) of a ``;``-separated list."""
        if _MARK_OPEN not in marked:
            return _NO_MATCH
        best = _NO_MATCH
        for part in marked.split(_KEYWORD_SEP.strip()):
            got = self.match(part)
            if (got.cover, got.complete, got.fill) > (best.cover, best.complete, best.fill):
                best = got
        return best


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _score(cand: _Candidate, query: _Query) -> None:
    """Field tiers first (title, keyword, need, heading), then bm25, pack order and kind."""
    m = cand.marks
    extra = 0.0
    if cand.kind == "resource":
        tiers = [
            query.match(m["title"]).tier(TIER_TITLE),
            query.best_part(m["keywords"]).tier(TIER_KEYWORD),  # its phone and text numbers
            query.best_part(m["needs"]).tier(TIER_NEED),
        ]
    else:
        heading = query.match(m["heading"])
        tiers = [
            query.match(m["title"]).tier(TIER_TITLE),
            query.best_part(m["keywords"]).tier(TIER_KEYWORD),
            heading.tier(TIER_HEADING),
        ]
        if cand.kind == "topic":
            extra = 2.0
        else:
            context = query.best_part(m["context"])
            extra = 0.1 * context.tier(TIER_KEYWORD)
            if not heading.slots and context.cover >= 1.0:
                # Matched through its topic's title: the topic's own hit says it better.
                cand.redundant = True
                extra -= 40.0
    tiers.sort(reverse=True)
    score = tiers[0] + 0.1 * sum(tiers[1:]) + extra
    score += min(10.0, -cand.rank) * 0.5 + cand.prior
    if not cand.strict:
        score -= PARTIAL_PENALTY
    cand.score = score


def _add_section_evidence(found: list[_Candidate]) -> None:
    """A topic whose own sections match is more about the query than one that mentions it."""
    evidence: dict[str, float] = {}
    for cand in found:
        if cand.kind == "section" and cand.strict and not cand.redundant:
            gain = 3.0 if cand.score >= TIER_HEADING else 1.0
            evidence[cand.topic_id] = evidence.get(cand.topic_id, 0.0) + gain
    for cand in found:
        if cand.kind == "topic":
            cand.score += min(8.0, evidence.get(cand.topic_id, 0.0))


def _terms(slots: Sequence[_Slot]) -> list[str]:
    out: dict[str, None] = {}
    for slot in slots:
        if slot.optional:
            continue
        for alt in (slot.words, *slot.alternatives):
            out.update(dict.fromkeys(w for w in alt if w not in STOP_WORDS))
    return list(out)


def _marked_html(text: str) -> str:
    """Escape a snippet and turn FTS5's markers into ``<b>`` tags."""
    escaped = html.escape(text, quote=False)
    return escaped.replace(_MARK_OPEN, "<b>").replace(_MARK_CLOSE, "</b>")


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------
def _create_tables(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        DROP TABLE IF EXISTS temp.search_vocab;
        DROP TABLE IF EXISTS search_fts;
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
        -- The words people are corrected towards: short fields only, as written (unstemmed).
        CREATE VIRTUAL TABLE search_words USING fts5(
            words, content = '', detail = none,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """
    )


def _rows_for(library: Library, lang: str, next_id: list[int]) -> Iterator[tuple[object, ...]]:
    """Rows for one language: topics (or their fallbacks), their sections, then resources.

    A generator, so a 10,000-topic pack is never held twice in memory; ``next_id`` counts.
    """
    from hrreader.content.text import plain_text  # no Markdown import needed

    for topic in library.topics(lang):
        keywords = _KEYWORD_SEP.join(topic.keywords)
        yield (
            next_id[0], lang, "topic", topic.address, topic.id, topic.title, 0.0,
            topic.title, keywords, "", "", topic.summary, plain_text(topic.intro), "",
        )  # fmt: skip
        next_id[0] += 1
        context = _KEYWORD_SEP.join((topic.title, *topic.keywords))
        for section in topic.sections:
            yield (
                next_id[0], lang, "section", f"{topic.address}#{section.anchor}", topic.id,
                f"{topic.title} > {section.title}", 0.0,
                "", "", section.title, context, "", plain_text(section.text), "",
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
