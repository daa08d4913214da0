"""Limits that keep every topic quick to render, checked in one cheap pass before Markdown.

Python-Markdown is pure Python, recursive in places and quadratic in others: 10,000 headings
with the same name, a paragraph of 50,000 ``&amp;``, 2,000 ``*`` around a word, 2,000 unclosed
``<a`` tags or 50 unclosed ``<![CDATA[`` in a long topic take from seconds to minutes, or
overflow the stack. A hostile or broken topic must cost
a finding, not a frozen kiosk, so the loader refuses a topic that goes past any limit below
(measured in ``benchmarks/hostile.py``: anything inside the limits renders in well under a
second). Real topics are far inside them: the longest default topic has 85 lines, 8 headings
and fewer than 100 markup characters in a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Lines in one topic (a 2,000-line list or table renders in a few tenths of a second).
MAX_LINES = 2_000
#: Levels of quotes (``>``), lists and indentation on one line, and summed over all lines
#: (Python-Markdown parses a quote or list once per level it is nested in).
MAX_NESTING = 50
MAX_NESTING_TOTAL = 5_000
#: ``#`` and underlined headings in one topic (anchors are made unique quadratically).
MAX_HEADINGS = 200
#: Characters in one heading (headings are parsed with regular expressions more than once).
MAX_HEADING_CHARS = 300
#: ``!!!`` callouts in one topic.
MAX_CALLOUTS = 100
#: Unclosed ``[`` or ``(`` at one point of a paragraph (links are matched quadratically).
MAX_BRACKET_DEPTH = 50
#: Inline markup characters (``* _ [ ] ( ) ` ! < & \\ ~``) in one paragraph, and in a topic.
MAX_PARAGRAPH_MARKS = 2_000
MAX_TOPIC_MARKS = 10_000
#: Python's HTML parser (which Python-Markdown uses for raw HTML) scans to the end of the
#: topic for each tag that never closes: at most this many tags-that-never-close times the
#: topic's length in characters (one in a 1 MiB topic, 100 in a 10 KiB one).
MAX_UNCLOSED_SCAN = 1_000_000
#: How far a tag's closing ``>`` may be from its ``<``.
MAX_TAG_LENGTH = 1_000

_MARKS = "*_[]()`!<&\\~"
_DROP_MARKS = str.maketrans("", "", _MARKS)
_PREFIX_RE = re.compile(r"(?:[ \t]|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*")
_MARKER_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
_FENCE_RE = re.compile(r"^(`{3,}|~{3,})")
_RULE_RE = re.compile(r"^[ \t]*(?:[*_][ \t]*)+$")  # a rule (* * * or ___): no inline markup
_HEADING_RE = re.compile(r"^(?:#{1,6}|=+[ \t]*$|-+[ \t]*$)")
_BRACKET_RE = re.compile(r"[\[\]()]")
_TAG_START_RE = re.compile(r"<(?:[A-Za-z/?]|!(?!--))")


@dataclass(frozen=True)
class Excess:
    """The first limit a topic body goes past: the body line (1-based), a code and a sentence."""

    line: int
    code: str
    message: str


def _nesting(line: str) -> int:
    prefix = _PREFIX_RE.match(line)
    if prefix is None or not prefix.group(0):
        return 0
    text = prefix.group(0)
    columns = sum(4 if c == "\t" else 1 for c in text if c in " \t")
    return text.count(">") + len(_MARKER_RE.findall(text)) + columns // 4


def _bracket_depth(text: str, depth: dict[str, int]) -> int:
    deepest = 0
    for m in _BRACKET_RE.finditer(text):
        ch = m.group(0)
        key = "[" if ch in "[]" else "("
        if ch in "[(":
            depth[key] += 1
            deepest = max(deepest, depth[key])
        elif depth[key]:
            depth[key] -= 1
    return deepest


def _line_at(body: str, index: int) -> int:
    return body.count("\n", 0, index) + 1


def _check_html(body: str) -> Excess | None:
    cdata = body.find("<![CDATA[")
    if cdata != -1:
        return Excess(
            _line_at(body, cdata),
            "unsupported-html",
            "<![CDATA[ is not allowed in a topic (it is never shown); remove it",
        )
    unclosed = 0
    first = -1
    for m in _TAG_START_RE.finditer(body):
        start = m.start()
        end = body.find(">", start, start + MAX_TAG_LENGTH)
        other = body.find("<", start + 1, end if end != -1 else start + MAX_TAG_LENGTH)
        if end == -1 or other != -1:
            unclosed += 1
            first = start if first == -1 else first
            if unclosed * len(body) > MAX_UNCLOSED_SCAN:
                return Excess(
                    _line_at(body, first),
                    "too-complex",
                    "this '<' starts an HTML tag that never closes with '>', and the topic has "
                    "too many of those for its length; write &lt; for a '<' that is not a tag",
                )
    return None


def check_limits(body: str) -> Excess | None:
    """The first limit ``body`` (Markdown after the front matter) goes past, or ``None``."""
    lines = body.split("\n")
    if len(lines) > MAX_LINES:
        return Excess(
            MAX_LINES + 1,
            "too-long",
            f"this topic has {len(lines)} lines; a topic may have at most {MAX_LINES:,} "
            "(split it into several topics)",
        )
    if "<" in body:
        excess = _check_html(body)
        if excess is not None:
            return excess
    # A fence opens only where the same fence closes it later, as Python-Markdown reads it.
    last_line = {line.rstrip(" "): n for n, line in enumerate(lines) if _FENCE_RE.match(line)}
    fence: str | None = None
    headings = callouts = topic_marks = paragraph_marks = nesting_total = 0
    depth = {"[": 0, "(": 0}
    for n, line in enumerate(lines, 1):
        if fence is not None:
            if line.rstrip(" ") == fence:
                fence = None
            continue
        m = _FENCE_RE.match(line)
        if m and last_line.get(m.group(1), -1) > n - 1:
            fence = m.group(1)
            continue
        if not line.strip():
            paragraph_marks = 0
            depth = {"[": 0, "(": 0}
            continue
        nesting = _nesting(line)
        nesting_total += nesting
        if nesting > MAX_NESTING:
            return Excess(
                n,
                "too-deep",
                f"quotes, lists or indentation here are nested more than {MAX_NESTING} levels deep",
            )
        if nesting_total > MAX_NESTING_TOTAL:
            return Excess(
                n,
                "too-deep",
                f"this topic nests quotes, lists and indentation {MAX_NESTING_TOTAL:,} levels "
                "deep in all, counting every line; use less nesting or split the topic",
            )
        if _HEADING_RE.match(line):
            if line.startswith("#") and len(line) > MAX_HEADING_CHARS:
                return Excess(
                    n, "too-long", f"this heading is longer than {MAX_HEADING_CHARS} characters"
                )
            headings += 1
            if headings > MAX_HEADINGS:
                return Excess(n, "too-complex", f"this topic has more than {MAX_HEADINGS} headings")
        if line.lstrip(" \t>").startswith("!!!"):
            callouts += 1
            if callouts > MAX_CALLOUTS:
                return Excess(n, "too-complex", f"this topic has more than {MAX_CALLOUTS} callouts")
        if _RULE_RE.match(line):
            continue
        marks = len(line) - len(line.translate(_DROP_MARKS))
        if not marks:
            continue
        paragraph_marks += marks
        topic_marks += marks
        if paragraph_marks > MAX_PARAGRAPH_MARKS:
            return Excess(
                n,
                "too-complex",
                f"this paragraph has more than {MAX_PARAGRAPH_MARKS:,} markup characters "
                f"({_MARKS.replace('', ' ').strip()}); split it or remove some",
            )
        if topic_marks > MAX_TOPIC_MARKS:
            return Excess(
                n,
                "too-complex",
                f"this topic has more than {MAX_TOPIC_MARKS:,} markup characters "
                f"({_MARKS.replace('', ' ').strip()}); split it into several topics",
            )
        if _bracket_depth(line, depth) > MAX_BRACKET_DEPTH:
            return Excess(
                n,
                "too-deep",
                f"more than {MAX_BRACKET_DEPTH} '[' or '(' are open here; close them or remove "
                "some",
            )
    return None
