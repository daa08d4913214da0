"""Every topic inside the limits renders quickly; past them it is refused with a finding.

Python-Markdown is slow or recursive on some shapes of text; ``limits.check_limits`` refuses
those shapes before rendering, and a topic right at each limit still renders fast.
"""

from __future__ import annotations

import time

import pytest

from hrreader.content import limits, load_pack
from hrreader.content.lint import check_pack
from hrreader.content.model import Topic
from hrreader.content.render import markdown_to_html, render_body, sanitise
from hrreader.content.text import blank_comments, plain_text

from .conftest import PackFactory, line_of, only

NALOXONE = "topics/en/naloxone.md"


def _render_time(body: str) -> float:
    start = time.perf_counter()
    sanitise(markdown_to_html(body))
    plain_text(body)
    return time.perf_counter() - start


#: Bodies right at a limit (accepted) and just past it (refused), with the code.
AT_AND_PAST = {
    "lines": ("- item\n" * (limits.MAX_LINES - 1), "- item\n" * limits.MAX_LINES, "too-long"),
    "nesting": (
        ">" * limits.MAX_NESTING + " x\n",
        ">" * (limits.MAX_NESTING + 1) + " x\n",
        "too-deep",
    ),
    "nesting-total": (
        (">" * 25 + " x\n\n") * (limits.MAX_NESTING_TOTAL // 25),
        (">" * 25 + " x\n\n") * (limits.MAX_NESTING_TOTAL // 25 + 1),
        "too-deep",
    ),
    "headings": (
        "## Part\n\nx\n\n" * limits.MAX_HEADINGS,
        "## Part\n\nx\n\n" * (limits.MAX_HEADINGS + 1),
        "too-complex",
    ),
    "heading-length": ("## " + "a" * 290 + "\n", "## " + "a" * 300 + "\n", "too-long"),
    "callouts": (
        '!!! note "N"\n    x\n\n' * limits.MAX_CALLOUTS,
        '!!! note "N"\n    x\n\n' * (limits.MAX_CALLOUTS + 1),
        "too-complex",
    ),
    "paragraph-marks": ("*a" * 2000 + "\n", "*a" * 2001 + "\n", "too-complex"),
    "topic-marks": (("*a" * 1000 + "\n\n") * 10, ("*a" * 1000 + "\n\n") * 11, "too-complex"),
    "brackets": ("[" * 50 + "x\n", "[" * 51 + "x\n", "too-deep"),
    "parens": ("(" * 50 + "x\n", "(" * 51 + "x\n", "too-deep"),
    "cdata": ("text\n", "<![CDATA[ x ]]>\n", "unsupported-html"),
    "unclosed-tags": ("<b " * 50 + "\n" * 100, "<b " * 2000 + "\n", "too-complex"),
}


@pytest.mark.parametrize("name", sorted(AT_AND_PAST))
def test_at_the_limit_renders_fast_and_past_it_is_refused(name: str) -> None:
    at, past, code = AT_AND_PAST[name]
    assert limits.check_limits(at) is None
    assert _render_time(at) < 1.5  # about 0.3 s on a quiet 2-core machine at worst
    excess = limits.check_limits(past)
    assert excess is not None and excess.code == code


@pytest.mark.parametrize(
    "body",
    [
        "- item\n" * 10_000,  # the 10,000-line list
        ">" * 5_000 + " deep\n",  # and 5,000-level quote
        "> " * 5_000 + "deep\n",
        "".join("    " * n + "- x\n" for n in range(60)),
        "[" * 10_000 + "x",
        "*" * 10_000 + "a" + "*" * 10_000,  # overflows Python-Markdown's stack
        "<a " * 2_000,
        "<![CDATA[ " * 50 + "word " * 50_000,
        "## Part\n" * 10_000,
        "&amp;" * 50_000,
    ],
)
def test_hostile_bodies_are_refused_quickly(body: str) -> None:
    start = time.perf_counter()
    assert limits.check_limits(body) is not None
    assert time.perf_counter() - start < 0.2


def test_ordinary_text_is_within_the_limits(default_library) -> None:
    for lang in default_library.languages:
        for topic in default_library.by_lang[lang].values():
            assert limits.check_limits(topic.body) is None, topic.path


def test_text_in_fences_does_not_count() -> None:
    assert limits.check_limits("```\n" + ">" * 500 + "\n" + "*a" * 5000 + "\n```\n") is None


def test_refused_topic_is_a_finding_on_its_line(make_pack: PackFactory) -> None:
    body = "Text.\n\n## Part\n\n" + ">" * 60 + " deep\n"
    text = PackFactory.topic("naloxone", body=body)
    library = load_pack(make_pack({NALOXONE: text}))
    finding = only(library.findings, "too-deep", NALOXONE)
    assert (finding.severity, finding.line) == ("error", line_of(text, ">>>>"))
    assert library.topic("naloxone") is None
    assert library.topic("welcome") is not None


def test_front_matter_over_its_cap(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", keywords="[" + "x, " * 100_000 + "x]")
    finding = only(load_pack(make_pack({NALOXONE: text})).findings, "too-large", NALOXONE)
    assert finding.line == 2 and "front matter" in finding.message


def test_a_long_single_line_is_fine_and_fast(make_pack: PackFactory) -> None:
    text = PackFactory.topic("naloxone", body="Text.\n\n## Part\n\n" + "word " * 150_000 + "\n")
    start = time.perf_counter()
    library = load_pack(make_pack({NALOXONE: text}))
    assert library.topic("naloxone") is not None
    assert time.perf_counter() - start < 2


def test_regexes_on_hostile_heading_lines_are_linear(make_pack: PackFactory) -> None:
    # "## " followed by " #" 20,000 times took 21 s with the old heading pattern.
    body = "Text.\n\n## Part\n\n## " + " #" * 20_000 + "a\n"
    start = time.perf_counter()
    report = check_pack(make_pack({NALOXONE: PackFactory.topic("naloxone", body=body)}))
    assert time.perf_counter() - start < 2
    assert "too-long" in {f.code for f in report.findings}


def test_plain_text_is_linear_on_hostile_input() -> None:
    for text in ("[" * 50_000, "<a " * 20_000, "{#" * 50_000, "\n" * 200_000, "!![" * 20_000):
        start = time.perf_counter()
        plain_text(text)
        assert time.perf_counter() - start < 0.5


def test_blank_comments_keeps_lines() -> None:
    assert blank_comments("a<!-- x\ny -->b\nc") == "a\nb\nc"
    assert blank_comments("a <!-- never closed\nb") == "a \n"
    assert blank_comments("<!--" * 10_000) == ""


def test_render_failure_is_a_notice_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, small_library
) -> None:
    from hrreader.content import render

    def explode(text: str) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(render, "markdown_to_html", explode)
    topic: Topic = small_library.topic("naloxone")
    assert "cannot be shown" in render_body(topic, small_library)


def test_check_reports_an_unrenderable_topic(monkeypatch: pytest.MonkeyPatch, pack_path) -> None:
    from hrreader.content import render

    def explode(text: str) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(render, "markdown_to_html", explode)
    found = {(f.code, f.severity) for f in check_pack(pack_path).findings}
    assert found == {("unrenderable", "error")}
