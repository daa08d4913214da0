"""Property-based tests: random front matter, Markdown, YAML and SVG thrown at the loader,
the renderer and the checks. No exception escapes, and every item that does not load has a
finding naming its file. Packs live in memory, so each example costs no disk.
"""

from __future__ import annotations

import contextlib
import os
import time
from html.parser import HTMLParser

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrreader.content.library import iter_all_topics
from hrreader.content.limits import check_limits
from hrreader.content.lint import check_library
from hrreader.content.loader import YamlProblem, load_source, parse_yaml
from hrreader.content.model import Finding, PackError
from hrreader.content.source import PackSource
from hrreader.content.svg import sanitise_svg

from .conftest import PACK_YAML, RESOURCES_YAML, default_files, topic_text

#: Moderate, so this file runs in well under 20 s; HRREADER_FUZZ_EXAMPLES=2000 for a long hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("HRREADER_FUZZ_EXAMPLES", "30")),
    deadline=None,
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class MemorySource(PackSource):
    """A pack's files in a dict."""

    def __init__(self, files: dict[str, str | bytes]) -> None:
        self.name = "memory"
        self.findings: list[Finding] = []
        self._data = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in files.items()}

    def files(self) -> list[str]:
        return sorted(self._data)

    def size(self, rel: str) -> int:
        return len(self._data[rel])

    def read(self, rel: str) -> bytes:
        if rel not in self._data:
            raise OSError(f"{rel}: not in the pack")
        return self._data[rel]


def _load(files: dict[str, str | bytes]):
    """The small pack with only its home topic (fewer pages to render per example)."""
    merged: dict[str, str | bytes] = {
        k: v for k, v in default_files().items() if not k.startswith("topics/")
    }
    merged["topics/en/welcome.md"] = topic_text("welcome", related=None)
    merged.update(files)
    return load_source(MemorySource(merged))


# Text rich in what breaks Markdown, YAML and HTML: markup characters, tricky snippets,
# accents, control characters and very long runs.
SNIPPETS = [
    "\n",
    "\n\n",
    "    ",
    "\t",
    "> ",
    "- ",
    "1. ",
    "## ",
    "# ",
    '!!! tip "T"\n    ',
    "```\n",
    "~~~\n",
    "[a](topic:naloxone)",
    "[b](resource:lifeline-988)",
    "[c](topic:nowhere#x)",
    "](javascript:alert(1))",
    "![i](images/kit.png)",
    "![r](https://x.org/a.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='file:///etc'>",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&#0;",
    "{: #id}",
    "{#",
    "|a|b|\n|-|-|\n",
    "***",
    "___",
    "`",
    "\\",
    "[",
    "](",
    "(",
    ")",
    "<",
    ">",
    "*",
    "_",
    "é",
    "ñ",
    "\u202e",
    "\x00",
    "\r",
    "\ufeff",
    "addict",
    "razor",
    "clean",
    "Drug abuse.",
    ":",
    "---\n",
    "...",
    "'",
    '"',
]
markdown_text = st.lists(
    st.one_of(
        st.sampled_from(SNIPPETS),
        st.text(max_size=20),
        st.builds(
            lambda s, n: s * n,
            st.sampled_from(["[", ">", "*", "<a ", "    ", "-"]),
            st.integers(1, 300),
        ),
    ),
    max_size=40,
).map("".join)

yaml_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["2026-11-01", "2026-02-30", "basics", "self-harm", "https://x.org", "[x"]),
)
yaml_value = st.recursive(
    yaml_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = [
    "title",
    "category",
    "order",
    "summary",
    "keywords",
    "content_note",
    "reviewed",
    "sources",
    "related",
]
front_matter = st.dictionaries(st.sampled_from([*FIELDS, "extra"]), yaml_value, max_size=10)
yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [*SNIPPETS, "a: ", "- ", "&a ", "*a", "!!python/object ", "{", "}", "[", "]", ", "]
        ),
        max_size=40,
    ).map("".join),
    yaml_value.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
)


def _assert_reported(library, rel: str, topic_id: str) -> None:
    if library.topic(topic_id) is None or library.topic(topic_id).path != rel:
        assert any(f.path == rel for f in library.findings), "skipped without a finding"


@FUZZ
@given(body=markdown_text)
def test_random_markdown_never_escapes(body: str) -> None:
    rel = "topics/en/fuzz.md"
    library = _load({rel: topic_text("naloxone", body=body)})
    _assert_reported(library, rel, "fuzz")
    report = check_library(library)
    assert all(isinstance(f, Finding) for f in report.findings)
    for topic in iter_all_topics(library):
        assert _active_parts(library.html(topic.id, topic.lang)) == []


class _Active(HTMLParser):
    """Tags, attributes and URLs in rendered HTML that could run, load or leave the pack."""

    SAFE_URL = ("https:", "topic:", "resource:", "pack:")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style", "link", "meta", "base"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{name}= on {tag}")
            elif name in ("href", "src") and not (value or "").startswith(self.SAFE_URL):
                self.found.append(f"{name}={value}")
            elif name == "src" and not (value or "").startswith("pack:"):
                self.found.append(f"remote {value}")


def _active_parts(html: str) -> list[str]:
    parser = _Active()
    parser.feed(html)
    parser.close()
    return parser.found


@FUZZ
@given(fields=front_matter)
def test_random_front_matter_never_escapes(fields: dict) -> None:
    rel = "topics/en/fuzz.md"
    text = (
        "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n\nText.\n\n## Part\n\nMore.\n"
    )
    library = _load({rel: text})
    _assert_reported(library, rel, "fuzz")
    check_library(library)


@FUZZ
@given(raw=yaml_text)
def test_random_front_matter_text_never_escapes(raw: str) -> None:
    rel = "topics/en/fuzz.md"
    library = _load({rel: "---\n" + raw + "\n---\n\nText.\n\n## Part\n\nMore.\n"})
    _assert_reported(library, rel, "fuzz")


@FUZZ
@given(raw=yaml_text)
def test_random_resources_yaml_never_escapes(raw: str) -> None:
    library = _load({"resources.yaml": raw})
    check_library(library)
    if not library.resources and raw.strip() and not raw.lstrip().startswith("#"):
        parsed = None
        with contextlib.suppress(YamlProblem):
            parsed = parse_yaml(raw)
        if parsed:
            assert any(f.path == "resources.yaml" for f in library.findings)


@FUZZ
@given(raw=yaml_text)
def test_random_pack_yaml_is_a_library_or_a_pack_error(raw: str) -> None:
    try:
        library = _load({"pack.yaml": raw})
    except PackError:
        return
    check_library(library)


@FUZZ
@given(
    extra=st.dictionaries(
        st.sampled_from(["branding", "extends", "categories", "languages", "home"]),
        yaml_value,
        max_size=3,
    )
)
def test_random_manifest_fields_never_escape(extra: dict) -> None:
    text = PACK_YAML + yaml.safe_dump(extra, allow_unicode=True)
    try:
        library = _load({"pack.yaml": text})
    except PackError:
        return
    check_library(library)


@FUZZ
@given(raw=st.one_of(st.text(max_size=300), yaml_text))
def test_parse_yaml_only_raises_yaml_problem(raw: str) -> None:
    try:
        parse_yaml(raw)
    except YamlProblem as exc:
        assert exc.line >= 1


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_in_any_file_never_escape(data: bytes) -> None:
    for rel in ("topics/en/naloxone.md", "resources.yaml", "images/kit.png", "images/x.svg"):
        library = _load({rel: data})
        check_library(library)


svg_text = st.lists(
    st.sampled_from(
        [
            "<svg xmlns='http://www.w3.org/2000/svg'>",
            "</svg>",
            "<g>",
            "</g>",
            "<rect/>",
            "<script>alert(1)</script>",
            " onload='x()'",
            "<use href='http://e/x'/>",
            "<foreignObject>",
            "</foreignObject>",
            "<!DOCTYPE svg [<!ENTITY a 'b'>]>",
            "&a;",
            "<style>",
            "</style>",
            "<text>",
            "</text>",
            "<",
            ">",
            "&",
            "'",
            '"',
            "x",
        ]
    ),
    max_size=30,
).map("".join)


@FUZZ
@given(text=svg_text)
def test_sanitised_svg_is_safe_and_stable(text: str) -> None:
    clean = sanitise_svg(text.encode())
    if clean is not None:
        assert b"<script" not in clean and b"onload" not in clean and b"http://e/" not in clean
        assert sanitise_svg(clean) == clean


@FUZZ
@given(body=markdown_text)
def test_limits_are_quick(body: str) -> None:
    start = time.perf_counter()
    check_limits(body * 20)
    assert time.perf_counter() - start < 0.5


def test_memory_source_loads_like_a_folder(small_library) -> None:
    library = load_source(MemorySource(dict(default_files())))
    assert library.findings == []
    assert [t.id for t in library.topics()] == [t.id for t in small_library.topics()]
    assert RESOURCES_YAML.count("- id:") == len(library.resources)
