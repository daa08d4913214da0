"""The checks behind ``hrreader check``: the loader's findings plus checks that need rendering.

Everything an author can get wrong is reported here as a ``Finding`` with a file, a line
and a plain sentence; ``check`` never stops at the first problem. The loader reports what
stops an item loading (errors) and the rest comes from here:

| code | severity | what |
| --- | --- | --- |
| html-removed | warning | raw HTML the sanitiser removes |
| unrenderable | error | a topic Markdown cannot render (never seen; a safety net) |
| reading-level | warning | reading grade above 8, with the longest sentences |
| avoid-word | warning | CONTENT_GUIDE.md's word list, with the words to use |
| review-safe-messaging | warning | method, means, place or quantity detail to review |
| no-crisis-link | error | a self-harm or suicide topic that links no crisis resource |
| stale-date | warning | ``reviewed`` or ``verified`` more than 12 months ago |
| future-date | error | ``reviewed`` or ``verified`` later than today |
| section-mismatch | warning | a translation whose sections differ from the default language's |
| bad-image | error | a picture that is not what its name says, or an SVG that is not safe |
| svg-removed | warning | unsafe parts removed from an SVG |

For a pack that extends another (``extends: default``), only the pack's own topics,
resources and pictures are checked; its links were checked against the merged library.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from hrreader.content.library import Library, iter_own_topics, own_resources
from hrreader.content.model import CRISIS_NOTES, Finding, PackError, Topic
from hrreader.content.source import IMAGE_SUFFIXES, LayeredSource, PackSource

log = logging.getLogger(__name__)

#: ``reviewed`` and ``verified`` dates older than this many months are stale.
STALE_MONTHS = 12


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    topic_count: int = 0
    resource_count: int = 0

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: CheckReport) -> str:
    return (
        f"{_plural(report.error_count, 'error')}, {_plural(report.warning_count, 'warning')} "
        f"in {_plural(report.topic_count, 'topic')} and "
        f"{_plural(report.resource_count, 'resource')}"
    )


def _body_line(topic: Topic, offset: int) -> int:
    return topic.body_line + topic.body.count("\n", 0, offset)


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------
def check_html(library: Library) -> list[Finding]:
    """Warn about raw HTML the sanitiser will remove, pointing at the line that has it."""
    from hrreader.content.render import markdown_to_html, removed_html

    findings: list[Finding] = []
    for topic in iter_own_topics(library):
        try:
            removed = removed_html(markdown_to_html(topic.body))
        except Exception as exc:  # the loader's limits should make this impossible
            log.exception("cannot render %s", topic.path)
            findings.append(
                Finding(
                    topic.path,
                    topic.body_line,
                    "error",
                    "unrenderable",
                    f"this topic cannot be rendered ({type(exc).__name__}); simplify it",
                )
            )
            continue
        if not removed:
            continue
        line = topic.body_line
        first = removed[0].split("=", 1)[0].strip("<> ").split()[0]
        for n, text in enumerate(topic.body.split("\n")):
            if first and first in text:
                line = topic.body_line + n
                break
        findings.append(
            Finding(
                topic.path,
                line,
                "warning",
                "html-removed",
                f"this HTML is not shown, for safety: {', '.join(removed[:5])}",
            )
        )
    return findings


# --------------------------------------------------------------------------------------
# Plain language
# --------------------------------------------------------------------------------------
def check_readability(library: Library) -> list[Finding]:
    """Reading grade above 8 (CONTENT_GUIDE.md), quoting the longest sentences."""
    from hrreader.content.readability import MAX_GRADE, readability, shorten

    findings: list[Finding] = []
    for topic in iter_own_topics(library):
        result = readability(topic.body, topic.lang)
        if result is None or result.grade <= MAX_GRADE:
            continue
        how = result.formula + (
            f", reading ease {result.ease:g}" if result.ease is not None else ""
        )
        quotes = "; ".join(f"“{shorten(s.text)}” ({s.words} words)" for s in result.longest)
        longest = result.longest[0]
        findings.append(
            Finding(
                topic.path,
                topic.body_line + longest.line - 1,
                "warning",
                "reading-level",
                f"reading grade {result.grade:g} ({how}); aim for grade {MAX_GRADE:g} or "
                f"below: use shorter sentences and shorter words. Longest sentences: {quotes}",
            )
        )
    return findings


def check_wording(library: Library) -> list[Finding]:
    """CONTENT_GUIDE.md's word list and safe-messaging patterns, outside quotations."""
    from hrreader.content.wording import blank_exempt, find_words

    findings: list[Finding] = []

    def add(path: str, line: int, hit_text: str, instead: str, code: str) -> None:
        if code == "avoid-word":
            message = f"'{hit_text}': say {instead} instead (CONTENT_GUIDE.md, words to flag)"
        else:
            message = (
                f"'{hit_text}' may be method, means, place or quantity detail; safe-messaging "
                "guidelines ask for none: have a person review this sentence"
            )
        findings.append(Finding(path, line, "warning", code, message))

    for topic in iter_own_topics(library):
        for key in ("title", "summary"):
            text = getattr(topic, key)
            for hit in find_words(blank_exempt(text), topic.lang, topic.content_note):
                add(topic.path, topic.field_lines.get(key, 1), hit.text, hit.instead, hit.code)
        for hit in find_words(blank_exempt(topic.body), topic.lang, topic.content_note):
            add(topic.path, _body_line(topic, hit.offset), hit.text, hit.instead, hit.code)
    return findings


# --------------------------------------------------------------------------------------
# Safe messaging: a way to help in the text
# --------------------------------------------------------------------------------------
def check_crisis_links(library: Library) -> list[Finding]:
    """Self-harm and suicide topics must link a crisis resource in their own text."""
    from hrreader.content.loader import find_links
    from hrreader.content.model import parse_address

    crisis = [r for r in library.resources if "crisis" in r.tags]
    example = next((r for r in library.crisis_resources()), crisis[0] if crisis else None)
    findings: list[Finding] = []
    for topic in iter_own_topics(library):
        if topic.content_note not in CRISIS_NOTES:
            continue
        linked = False
        for link in find_links(topic.body):
            kind, target, _ = parse_address(link.url.strip())
            resource = library.resource(target) if kind == "resource" else None
            if resource is not None and "crisis" in resource.tags:
                linked = True
                break
        if linked:
            continue
        how = (
            f", like [{example.name(topic.lang, library.default_lang)}](resource:{example.id})"
            if example
            else "; add one to resources.yaml with the tag 'crisis'"
        )
        findings.append(
            Finding(
                topic.path,
                topic.field_lines.get("content_note", 1),
                "error",
                "no-crisis-link",
                f"a {topic.content_note} topic must link to a crisis resource in its text{how} "
                "(the crisis box is added as well, but the words must point to help)",
            )
        )
    return findings


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------
def _months_before(today: dt.date, months: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28 if month + 1 == 2 else 30 if month + 1 in (4, 6, 9, 11) else 31)
    return dt.date(year, month + 1, day)


def check_dates(library: Library, today: dt.date | None = None) -> list[Finding]:
    """``reviewed`` and ``verified``: stale after 12 months (warning), never in the future."""
    today = today or dt.date.today()
    cutoff = _months_before(today, STALE_MONTHS)
    findings: list[Finding] = []

    def judge(path: str, line: int, what: str, label: str, date: dt.date) -> None:
        if date > today:
            findings.append(
                Finding(
                    path,
                    line,
                    "error",
                    "future-date",
                    f"{label} {date.isoformat()} is after today ({today.isoformat()}); "
                    f"write the date a person actually {what}",
                )
            )
        elif date < cutoff:
            findings.append(
                Finding(
                    path,
                    line,
                    "warning",
                    "stale-date",
                    f"{label} {date.isoformat()} is more than {STALE_MONTHS} months ago; "
                    f"have a person check it again and update the date",
                )
            )

    for topic in iter_own_topics(library):
        judge(
            topic.path,
            topic.field_lines.get("reviewed", 1),
            "checked the facts",
            "reviewed",
            topic.reviewed,
        )
    for resource in own_resources(library):
        judge(
            resource.path,
            resource.field_lines.get("verified", resource.line),
            "confirmed it",
            f"'{resource.id}' verified",
            resource.verified,
        )
    return findings


# --------------------------------------------------------------------------------------
# Translations
# --------------------------------------------------------------------------------------
def _heading_line(topic: Topic, anchor: str) -> int:
    from hrreader.content.loader import HEADING_RE
    from hrreader.content.model import slugify

    for n, line in enumerate(topic.body.split("\n")):
        m = HEADING_RE.match(line)
        if (
            m
            and len(m.group(1)) == 2
            and (f"#{anchor}" in line or slugify(m.group(2).rstrip(" \t#")) == anchor)
        ):
            return topic.body_line + n
    return topic.body_line


def check_sections(library: Library) -> list[Finding]:
    """Translations must have the default language's sections (same anchors, same order):
    search results, presentation and links land on a section by its anchor."""
    findings: list[Finding] = []
    default_lang = library.default_lang
    for topic in iter_own_topics(library):
        if topic.lang == default_lang:
            continue
        original = library.by_lang.get(default_lang, {}).get(topic.id)
        if original is None:
            continue
        want = [s.anchor for s in original.sections]
        have = [s.anchor for s in topic.sections]
        if want == have:
            continue
        n = next((i for i, (a, b) in enumerate(zip(want, have, strict=False)) if a != b), None)
        if n is None:
            n = min(len(want), len(have))
        if n < len(have):
            line = _heading_line(topic, have[n])
            where = f"section {n + 1} is '{have[n]}'"
        else:
            line = _heading_line(topic, have[-1]) if have else topic.body_line
            where = f"section {n + 1} is missing"
        expected = f"'{want[n]}'" if n < len(want) else "no more sections"
        hint = (
            f" Give each heading the same anchor, like '## Título {{#{want[n]}}}'"
            if n < len(want)
            else ""
        )
        findings.append(
            Finding(
                topic.path,
                line,
                "warning",
                "section-mismatch",
                f"the sections differ from the {default_lang} version ({len(want)} there, "
                f"{len(have)} here): {where} where the {default_lang} one has {expected}.{hint}",
            )
        )
    return findings


# --------------------------------------------------------------------------------------
# Pictures
# --------------------------------------------------------------------------------------
def _own_source(library: Library) -> PackSource | None:
    source = library.source
    if library.base is not None and isinstance(source, LayeredSource) and source.sources:
        return source.sources[0]
    return source


def check_images(library: Library) -> list[Finding]:
    """Every picture in the pack is what its name says; SVGs are safe (or made safe)."""
    from hrreader.content.images import image_problem
    from hrreader.content.svg import inspect_svg

    source = _own_source(library)
    if source is None or library.compiled is not None:
        return []
    findings: list[Finding] = []
    for rel in source.files():
        suffix = PurePosixPath(rel).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            continue
        try:
            data = source.read(rel)
        except OSError as exc:
            findings.append(Finding(rel, 1, "error", "unreadable", f"cannot be read: {exc}"))
            continue
        if suffix == ".svg":
            result = inspect_svg(data)
            if result.data is None:
                findings.append(
                    Finding(
                        rel,
                        1,
                        "error",
                        "bad-image",
                        f"this SVG is not shown: {result.problem}",
                    )
                )
            elif result.removed:
                findings.append(
                    Finding(
                        rel,
                        1,
                        "warning",
                        "svg-removed",
                        "these parts of the SVG are removed, for safety (scripts, events and "
                        f"links outside the picture never run): {', '.join(result.removed[:5])}",
                    )
                )
        else:
            problem = image_problem(data, suffix)
            if problem:
                findings.append(Finding(rel, 1, "error", "bad-image", problem))
    return findings


# --------------------------------------------------------------------------------------
# All of it
# --------------------------------------------------------------------------------------
def _own_topic_count(library: Library) -> int:
    return sum(1 for _ in iter_own_topics(library))


def check_library(library: Library, today: dt.date | None = None) -> CheckReport:
    """Every check on a loaded library (``today`` for the date checks; tests pass one)."""
    findings = list(library.findings)
    checks: Iterable[list[Finding]] = (
        check_html(library),
        check_readability(library),
        check_wording(library),
        check_crisis_links(library),
        check_dates(library, today),
        check_sections(library),
        check_images(library),
    )
    for found in checks:
        findings.extend(found)
    findings.sort(key=lambda f: (f.path, f.line, f.severity != "error", f.code))
    return CheckReport(
        findings=findings,
        topic_count=_own_topic_count(library),
        resource_count=len(own_resources(library)),
    )


def check_pack(path: Path, today: dt.date | None = None) -> CheckReport:
    """Load and check a pack; a pack that cannot be read at all is one error, not a crash."""
    from hrreader.content.loader import load_pack

    try:
        library = load_pack(path)
    except PackError as exc:
        text = str(exc)
        where, _, message = text.partition(": ")
        file, _, line = where.rpartition(":")
        if file and line.isdigit():
            return CheckReport([Finding(file, int(line), "error", "unreadable-pack", message)])
        return CheckReport([Finding(str(path), 1, "error", "unreadable-pack", text)])
    return check_library(library, today)
