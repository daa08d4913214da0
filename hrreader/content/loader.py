"""Read a pack folder or zip into a ``Library``, turning every problem into a ``Finding``.

The rule is: bad content is data, not an exception. A broken topic or resource is skipped
with a finding that names the file and line; everything else loads. Only a pack with no
readable ``pack.yaml`` raises ``PackError``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hrreader.content.colour import HEX_COLOUR, accent_problems
from hrreader.content.library import Library, iter_all_topics
from hrreader.content.limits import check_limits
from hrreader.content.model import (
    CONTENT_NOTES,
    RESOURCE_TAGS,
    Branding,
    Category,
    Finding,
    PackError,
    PackInfo,
    Resource,
    Section,
    Severity,
    Source,
    Topic,
    parse_address,
    slugify,
)
from hrreader.content.source import (
    IMAGE_SUFFIXES,
    MAX_TOPIC_BYTES,
    MAX_YAML_BYTES,
    PackSource,
    open_source,
    safe_rel_path,
)

log = logging.getLogger(__name__)

SUPPORTED_FORMATS = frozenset({1})
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
MAX_SUMMARY = 200
MAX_YAML_DEPTH = 32
MAX_YAML_NODES = 100_000
#: Front matter is a few fields; 256 KiB is far more than any topic needs.
MAX_FRONT_MATTER = 256 * 1024


# --------------------------------------------------------------------------------------
# YAML with line numbers, safely
# --------------------------------------------------------------------------------------
class LineDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 1
    key_lines: dict[str, int]


class _LineComposer(yaml.composer.Composer):
    """Composes nodes, refusing aliases (so alias bombs), deep nesting and huge documents."""

    _nodes = 0
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        # Marked errors, so the finding names the line of the alias or the deep value.
        mark = self.peek_event().start_mark  # type: ignore[attr-defined]
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a pack", mark
            )
        depth = self._depth + 1
        self._depth = depth
        self._nodes += 1
        if depth > MAX_YAML_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", mark
            )
        if self._nodes > MAX_YAML_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"more than {MAX_YAML_NODES} values", mark
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth - 1


class _LineConstructor(yaml.constructor.SafeConstructor):
    """Safe construction only, with line numbers, and bad values as marked errors."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:  # type: ignore[override]
        # PyYAML's constructors raise plain ValueError and friends for values such as
        # ``!!int abc`` or ``2026-13-01``; make them marked YAML errors, never a crash.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            value = str(node.value)[:60] if isinstance(node, yaml.ScalarNode) else node.tag
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read the value '{value}' ({exc})", node.start_mark
            ) from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        # An impossible date (2026-02-30) stays text, so the field check reports a bad date.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key_node.value): key_node.start_mark.line + 1 for key_node, _ in node.value
        }
        return mapping


_LineConstructor.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node),  # type: ignore[arg-type]
)
_LineConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_yaml_timestamp(node),  # type: ignore[arg-type]
)


class _LineLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _LineComposer,
    _LineConstructor,
    yaml.resolver.Resolver,
):
    """The pure-Python loader: exact error messages and lines."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _LineComposer.__init__(self)
        _LineConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml
    _CParser = None
_FastLineLoader: Any = None
if _CParser is not None:

    class _FastLineLoader(_LineComposer, _CParser, _LineConstructor, yaml.resolver.Resolver):  # type: ignore[no-redef]
        """libyaml scans and parses (about five times faster); the same Python composer
        refuses aliases and deep nesting, and the same constructor keeps line numbers."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _LineComposer.__init__(self)
            _LineConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


#: Above this size a syntax error is reported as libyaml words it, instead of parsing the
#: text again in pure Python for PyYAML's (clearer) message: that would take seconds.
_REPARSE_LIMIT = 128 * 1024


class YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_yaml(text: str, line_offset: int = 0) -> Any:
    """Parse YAML safely; ``YamlProblem`` carries the 1-based line of the first error.

    Only plain data (no tags that build objects), no aliases, at most ``MAX_YAML_DEPTH``
    levels and ``MAX_YAML_NODES`` values. libyaml parses when PyYAML has it; a syntax error
    in a small document is parsed again in pure Python for PyYAML's clearer message.
    """
    loader: Any = _LineLoader
    if _FastLineLoader is not None:
        try:
            return _load_with(text, _FastLineLoader)
        except (yaml.composer.ComposerError, yaml.constructor.ConstructorError) as exc:
            # Same composer and constructor: the same message and line either way.
            raise _problem(exc, line_offset) from None
        except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
            if len(text) > _REPARSE_LIMIT:
                raise _problem(exc, line_offset) from None
    try:
        return _load_with(text, loader)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise _problem(exc, line_offset) from None


def _load_with(text: str, loader_class: Any) -> Any:
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _problem(exc: BaseException, line_offset: int) -> YamlProblem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        problem = exc.problem or str(exc)
        if "nesting depth" in problem:
            # PyYAML 6.0.4 and later stop deep documents themselves, in their own words.
            problem = f"nested more than {MAX_YAML_DEPTH} levels deep"
        return YamlProblem(line, f"this YAML cannot be read: {problem}")
    return YamlProblem(1 + line_offset, f"this YAML cannot be read: {exc}")


# --------------------------------------------------------------------------------------
# Collecting findings
# --------------------------------------------------------------------------------------
@dataclass
class _Report:
    findings: list[Finding]

    def add(self, path: str, line: int, severity: Severity, code: str, message: str) -> None:
        self.findings.append(Finding(path, line, severity, code, message))

    def error(self, path: str, line: int, code: str, message: str) -> None:
        self.add(path, line, "error", code, message)

    def warning(self, path: str, line: int, code: str, message: str) -> None:
        self.add(path, line, "warning", code, message)


class _Skip(Exception):
    """Stop loading one item; the finding is already recorded."""


def _read(source: PackSource, rel: str, report: _Report) -> bytes | None:
    """A file's bytes, or ``None`` with an ``unreadable`` finding (damaged zip, no access)."""
    try:
        return source.read(rel)
    except OSError as exc:
        report.error(rel, 1, "unreadable", f"this file cannot be read: {exc}")
        return None


_UTF8_ADVICE = "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _decode(data: bytes, rel: str, report: _Report) -> str | None:
    """UTF-8 text, with or without a byte-order mark; anything else is a ``not-utf8`` finding."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "")
    if encoding:
        report.error(rel, 1, "not-utf8", f"this file is {encoding} text; {_UTF8_ADVICE}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(rel, line, "not-utf8", f"this file is not UTF-8 text; {_UTF8_ADVICE}")
        return None
    nul = text.find("\x00")
    if nul != -1:
        # Valid UTF-8, but no text file has NUL characters: UTF-16 without a mark, or binary.
        report.error(
            rel,
            text.count("\n", 0, nul) + 1,
            "not-utf8",
            f"this file has NUL characters, so it is not UTF-8 text (UTF-16 perhaps); "
            f"{_UTF8_ADVICE}",
        )
        return None
    return text


def _key_line(mapping: Any, key: str, offset: int = 0) -> int:
    if isinstance(mapping, LineDict):
        return mapping.key_lines.get(key, mapping.line) + offset
    return 1 + offset


def _texts(value: Any, languages: tuple[str, ...]) -> dict[str, str] | None:
    """A string or ``{lang: string}`` as ``{lang: string}``; ``None`` when neither."""
    if isinstance(value, str) and value.strip():
        return {languages[0] if languages else "en": value.strip()}
    if isinstance(value, dict) and value:
        out = {str(k): str(v).strip() for k, v in value.items() if isinstance(v, str | int | float)}
        if out and all(out.values()):
            return out
    return None


def _rejoin_cut_texts(value: Any) -> tuple[Any, list[str]]:
    """Undo text cut in two by a comma in unquoted flow YAML, and say where it happened.

    ``{en: 24 hours, every day}`` parses as ``{en: "24 hours", "every day": null}``. PACK_FORMAT.md
    itself writes hours this way, so rather than refuse it, the pieces are joined back in order
    (``"24 hours, every day"``) and ``check`` suggests quotes.
    """
    if not isinstance(value, dict) or all(v is not None for v in value.values()):
        return value, []
    joined: dict[str, Any] = {}
    cut: list[str] = []
    last = ""
    for key, text in value.items():
        if text is None and last and isinstance(joined[last], str):
            joined[last] = f"{joined[last]}, {key}"
            cut.append(str(key))
        else:
            joined[str(key)] = text
            last = str(key)
    return joined, cut


def _cut_message(key: str, cut: list[str]) -> str:
    return (
        f"'{key}': a comma inside {{...}} splits text unless it is quoted; "
        f"read as one text with '{cut[0]}', but write it like {{en: \"24 hours, every day\"}}"
    )


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _str_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    return None


# --------------------------------------------------------------------------------------
# pack.yaml
# --------------------------------------------------------------------------------------
def _load_branding(source: PackSource, data: LineDict, report: _Report) -> Branding:
    """pack.yaml ``branding``; an unusable accent or logo is reported and left out (the
    reader then uses its own colour and no logo), the rest of the branding still applies."""
    rel = "pack.yaml"
    raw = data.get("branding")
    if raw is None:
        return Branding()
    if not isinstance(raw, dict):
        report.error(rel, _key_line(data, "branding"), "bad-field", "'branding' must be a mapping")
        return Branding()
    known = {"accent", "logo", "organisation", "contact"}
    for key in raw:
        if key not in known:
            report.warning(
                rel,
                _key_line(raw, str(key)),
                "unknown-field",
                f"branding '{key}' is not used; branding has {', '.join(sorted(known))}",
            )
    texts: dict[str, str] = {}
    for key in sorted(known):
        value = raw.get(key)
        if value is None or value == "":
            texts[key] = ""
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            texts[key] = str(value).strip()
        else:
            report.error(rel, _key_line(raw, key), "bad-field", f"branding '{key}' must be text")
            texts[key] = ""
    accent = texts["accent"]
    if accent and not re.fullmatch(HEX_COLOUR, accent):
        report.error(
            rel,
            _key_line(raw, "accent"),
            "bad-colour",
            f"accent '{accent}' must be a colour like #2e6f62",
        )
        accent = ""
    problems = accent_problems(accent) if accent else []
    if problems:
        report.error(
            rel,
            _key_line(raw, "accent"),
            "unreadable-colour",
            f"accent '{accent}' is too hard to read, so the reader uses its own colour: "
            f"{'; '.join(problems)}. Pick a darker colour (WCAG AA)",
        )
        accent = ""
    logo = texts["logo"]
    if logo:
        norm = safe_rel_path(logo)
        if norm is None:
            report.error(
                rel, _key_line(raw, "logo"), "missing-file", f"logo '{logo}' is not in the pack"
            )
            logo = ""
        elif Path(norm).suffix.lower() not in IMAGE_SUFFIXES:
            report.error(
                rel,
                _key_line(raw, "logo"),
                "bad-image",
                f"logo '{logo}' must be a png, jpg, gif or svg file",
            )
            logo = ""
        elif not source.exists(norm):
            report.error(
                rel, _key_line(raw, "logo"), "missing-file", f"logo '{logo}' is not in the pack"
            )
            logo = ""
        else:
            logo = norm
    return Branding(
        accent=accent, logo=logo, organisation=texts["organisation"], contact=texts["contact"]
    )


def _load_manifest(source: PackSource, report: _Report) -> PackInfo:
    rel = "pack.yaml"
    if not source.exists(rel):
        raise PackError(f"{source.name}: no pack.yaml here, so this is not a content pack")
    if source.size(rel) > MAX_YAML_BYTES:
        raise PackError(f"{source.name}/pack.yaml: larger than {MAX_YAML_BYTES // 1024} KiB")
    try:
        data = source.read(rel)
    except OSError as exc:
        raise PackError(f"{source.name}/pack.yaml: cannot be read ({exc})") from None
    text = _decode(data, rel, report)
    if text is None:
        problem = report.findings[-1]
        raise PackError(f"{source.name}/pack.yaml:{problem.line}: {problem.message}")
    try:
        data = parse_yaml(text)
    except YamlProblem as exc:
        raise PackError(f"{source.name}/pack.yaml:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise PackError(f"{source.name}/pack.yaml:1: must be a mapping of fields (format, id, ...)")

    fmt = data.get("format")
    if fmt not in SUPPORTED_FORMATS:
        raise PackError(
            f"{source.name}/pack.yaml:{_key_line(data, 'format')}: format {fmt!r} is not one this "
            f"reader knows (it reads format 1); update hrreader or check the pack"
        )

    extends = data.get("extends")
    if extends is not None and extends != "default":
        report.error(
            rel,
            _key_line(data, "extends"),
            "bad-field",
            f"extends '{extends}': a pack can only extend the bundled pack ('extends: default')",
        )
        extends = None
    #: An extending pack inherits these from the bundled pack when it leaves them out.
    inherited = {"languages", "home", "categories"} if extends else set()

    def need(key: str) -> Any:
        value = data.get(key)
        if value in (None, "", [], {}) and key not in inherited:
            report.error(rel, _key_line(data, key), "missing-field", f"'{key}' is required")
        return value

    pack_id = need("id")
    if pack_id is not None and not (isinstance(pack_id, str) and ID_RE.match(pack_id)):
        report.error(rel, _key_line(data, "id"), "bad-id", "'id' may use only a-z, 0-9 and -")
        pack_id = None
    raw_langs = _str_list(need("languages")) or []
    languages: list[str] = []
    for lang in raw_langs:
        if LANG_RE.match(lang):
            languages.append(lang)
        else:
            report.error(
                rel,
                _key_line(data, "languages"),
                "bad-language",
                f"'{lang}' is not a language code",
            )
    if not languages and not inherited:
        languages = ["en"]
    langs = tuple(dict.fromkeys(languages))
    titles = _texts(need("title"), langs) or {(langs or ("en",))[0]: pack_id or "Content pack"}
    version = need("version")
    home = need("home")
    if home is not None and not (isinstance(home, str) and ID_RE.match(home)):
        report.error(rel, _key_line(data, "home"), "bad-id", "'home' must be a topic id")
        home = None

    categories: list[Category] = []
    raw_cats = need("categories")
    if raw_cats is not None and not isinstance(raw_cats, list):
        report.error(rel, _key_line(data, "categories"), "bad-field", "'categories' must be a list")
        raw_cats = []
    for item in raw_cats or []:
        line = _key_line(item, "id") if isinstance(item, dict) else _key_line(data, "categories")
        cid = item.get("id") if isinstance(item, dict) else None
        if not (isinstance(cid, str) and ID_RE.match(cid)):
            report.error(rel, line, "bad-category", "each category needs an 'id' of a-z, 0-9 and -")
            continue
        if any(c.id == cid for c in categories):
            report.error(rel, line, "duplicate-id", f"category '{cid}' is listed twice")
            continue
        raw_title, cut = _rejoin_cut_texts(item.get("title"))
        if cut:
            report.warning(
                rel, line, "comma-in-text", f"category '{cid}': {_cut_message('title', cut)}"
            )
        ctitles = _texts(raw_title, langs)
        if ctitles is None:
            report.error(rel, line, "missing-field", f"category '{cid}' needs a 'title'")
            ctitles = {(langs or ("en",))[0]: cid}
        categories.append(Category(cid, ctitles))

    branding = _load_branding(source, data, report)
    return PackInfo(
        id=pack_id or "pack",
        titles=titles,
        version=str(version or ""),
        languages=langs,
        home=home or "",
        categories=tuple(categories),
        format=int(fmt),
        branding=branding,
        extends=str(extends or ""),
        home_line=_key_line(data, "home"),
    )


# --------------------------------------------------------------------------------------
# Topics
# --------------------------------------------------------------------------------------
# These follow Python-Markdown (what the renderer uses), not CommonMark: a fence starts in
# column 0, only an identical fence closes it and an unclosed fence is no fence at all; a
# heading needs no space after its '#'s. Otherwise sections and rendered anchors disagree.
# Repetitions are bounded (and headings are at most limits.MAX_HEADING_CHARS long) so that
# no line, however long or hostile, makes one of these quadratic.
FENCE_RE = re.compile(r"^(`{3,}|~{3,})")
HEADING_RE = re.compile(r"^(#{1,6})(?!#)[ \t]*(.*)$")
ATTR_ID_RE = re.compile(r"\s*\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
ATTR_RE = re.compile(r"\s*\{:?[^}]*\}\s*$")
INLINE_LINK_RE = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\]]{0,1000}\]){0,1000})\]\(\s*<?([^)\s>]{0,2000})>?"
    r"(?:\s+[\"'][^\"']{0,1000}[\"'])?\s*\)"
)
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]{1,1000}\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HTML_URL_RE = re.compile(
    r"<(a|img)\b[^<>]{0,1000}?\b(href|src)\s*=\s*[\"']([^\"']{0,2000})[\"']", re.IGNORECASE
)
AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>")


@dataclass(frozen=True)
class Link:
    """A URL found in a topic body, with its line in the file."""

    url: str
    line: int
    is_image: bool


def _lines_outside_fences(body: str) -> Iterator[tuple[int, str]]:
    lines = body.split("\n")
    last_line = {line.rstrip(" "): n for n, line in enumerate(lines)}
    fence: str | None = None
    for n, line in enumerate(lines):
        if fence is not None:
            if line.rstrip(" ") == fence:
                fence = None
            continue
        m = FENCE_RE.match(line)
        if m and last_line.get(m.group(1), -1) > n:
            fence = m.group(1)
            continue
        yield n, line


def heading_text(raw: str) -> str:
    """A heading's text as the renderer shows it (and slugs it): link targets, images, tags,
    entities and emphasis marks removed, so ``## Call [988](resource:lifeline-988)`` is
    "Call 988" with the anchor ``call-988``, as in the rendered page."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", raw)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = re.sub(r"(?<![\w*`])(\*{1,3}|_{1,3}|`+)(?=\S)(.+?)(?<=\S)\1(?![\w*`])", r"\2", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def split_sections(body: str) -> tuple[str, list[Section]]:
    """The intro and ``##`` sections of a body, with the same anchors the renderer makes."""
    used: set[str] = set()
    intro: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    fenced = dict(_lines_outside_fences(body))
    for n, line in enumerate(body.split("\n")):
        m = HEADING_RE.match(line) if n in fenced else None
        if m:
            raw = m.group(2).rstrip(" \t#")
            idm = ATTR_ID_RE.search(raw)
            title = heading_text(ATTR_RE.sub("", raw))
            anchor = idm.group(1) if idm else slugify(title)
            anchor = unique_anchor(anchor, used)
            if len(m.group(1)) == 2:
                sections.append((anchor, title, []))
                continue
        (sections[-1][2] if sections else intro).append(line)
    return (
        "\n".join(intro).strip(),
        [Section(a, t, "\n".join(lines).strip()) for a, t, lines in sections],
    )


def unique_anchor(anchor: str, used: set[str]) -> str:
    """Python-Markdown toc's rule for repeated headings: ``name``, ``name_1``, ``name_2``."""
    while anchor in used or not anchor:
        m = re.match(r"^(.*)_([0-9]+)$", anchor)
        anchor = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{anchor}_1"
    used.add(anchor)
    return anchor


def find_links(body: str) -> list[Link]:
    """Every link and image URL in a body, outside code, with body-relative 1-based lines."""
    links: list[Link] = []
    for n, line in _lines_outside_fences(body):
        code_free = re.sub(r"`[^`]*`", "", line)
        for m in INLINE_LINK_RE.finditer(code_free):
            links.append(Link(m.group(3), n + 1, m.group(1) == "!"))
        m = REF_DEF_RE.match(code_free)
        if m:
            links.append(Link(m.group(1), n + 1, False))
        for m in HTML_URL_RE.finditer(code_free):
            links.append(Link(m.group(3), n + 1, m.group(1).lower() == "img"))
        for m in AUTOLINK_RE.finditer(code_free):
            links.append(Link(m.group(1), n + 1, False))
    return links


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """``(front_matter, body, body_first_line)`` or ``None`` when the file has none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for n in range(1, len(lines)):
        if lines[n].strip() in ("---", "..."):
            return "\n".join(lines[1:n]), "\n".join(lines[n + 1 :]), n + 2
    return None


def _load_topic(
    source: PackSource,
    rel: str,
    lang: str,
    info: PackInfo,
    report: _Report,
) -> Topic:
    topic_id = Path(rel).stem
    if not ID_RE.match(topic_id):
        report.error(
            rel,
            1,
            "bad-id",
            f"the file name '{topic_id}.md' is the topic id and may use only a-z, 0-9 and -",
        )
        raise _Skip
    size = source.size(rel)
    if size > MAX_TOPIC_BYTES:
        report.error(
            rel,
            1,
            "too-large",
            f"this topic is {size // 1024} KiB; "
            f"topics may be at most {MAX_TOPIC_BYTES // 1024} KiB",
        )
        raise _Skip
    data = _read(source, rel, report)
    text = None if data is None else _decode(data, rel, report)
    if text is None:
        raise _Skip
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = split_front_matter(text)
    if parts is None:
        report.error(
            rel,
            1,
            "missing-front-matter",
            "a topic must start with front matter between two '---' lines (title, category, ...)",
        )
        raise _Skip
    fm_text, body, body_line = parts
    if len(fm_text) > MAX_FRONT_MATTER:
        report.error(
            rel,
            2,
            "too-large",
            f"the front matter is {len(fm_text) // 1024} KiB; it may be at most "
            f"{MAX_FRONT_MATTER // 1024} KiB",
        )
        raise _Skip
    excess = check_limits(body)
    if excess is not None:
        report.error(rel, body_line + excess.line - 1, excess.code, excess.message)
        raise _Skip
    try:
        fm = parse_yaml(fm_text, line_offset=1)
    except YamlProblem as exc:
        report.error(rel, exc.line, "bad-yaml", exc.message)
        raise _Skip from None
    if not isinstance(fm, dict):
        report.error(rel, 2, "bad-yaml", "the front matter must be fields like 'title: ...'")
        raise _Skip

    def line_of(key: str) -> int:
        return _key_line(fm, key, offset=1)

    ok = True

    def problem(key: str, code: str, message: str) -> None:
        nonlocal ok
        ok = False
        report.error(rel, line_of(key), code, message)

    title = fm.get("title")
    if not (isinstance(title, str) and title.strip()):
        problem("title", "missing-field", "'title' is required")
    category = fm.get("category")
    if not isinstance(category, str) or not category:
        problem("category", "missing-field", "'category' is required")
    elif info.category(category) is None:
        known = ", ".join(c.id for c in info.categories) or "none"
        problem(
            "category",
            "unknown-category",
            f"category '{category}' is not in pack.yaml (known: {known})",
        )
    summary = fm.get("summary")
    if not (isinstance(summary, str) and summary.strip()):
        problem("summary", "missing-field", "'summary' is required: one sentence for lists")
    elif len(summary) > MAX_SUMMARY:
        problem(
            "summary",
            "summary-too-long",
            f"'summary' is {len(summary)} characters; keep it to {MAX_SUMMARY} or fewer",
        )
    order = fm.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        problem("order", "bad-field", "'order' must be a whole number")
    reviewed = _date(fm.get("reviewed"))
    if reviewed is None:
        problem(
            "reviewed",
            "missing-field" if "reviewed" not in fm else "bad-date",
            "'reviewed' must be the date a person last checked the facts, as YYYY-MM-DD",
        )
    keywords = _str_list(fm.get("keywords"))
    if keywords is None:
        problem("keywords", "bad-field", "'keywords' must be a list of words, like [narcan, od]")
    content_note = fm.get("content_note")
    if content_note is not None and (
        not isinstance(content_note, str) or content_note not in CONTENT_NOTES
    ):
        allowed = ", ".join(sorted(CONTENT_NOTES))
        problem(
            "content_note", "bad-field", f"content_note '{content_note}' must be one of: {allowed}"
        )
    related = _str_list(fm.get("related"))
    if related is None:
        problem("related", "bad-field", "'related' must be a list of topic ids")

    sources: list[Source] = []
    raw_sources = fm.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        problem(
            "sources", "missing-field", "'sources' needs at least one source with title and url"
        )
    else:
        for item in raw_sources:
            sline = item.line + 1 if isinstance(item, LineDict) else line_of("sources")
            if not isinstance(item, dict) or not item.get("title") or not item.get("url"):
                ok = False
                report.error(rel, sline, "bad-source", "each source needs a 'title' and a 'url'")
                continue
            url = str(item["url"]).strip()
            if not url.lower().startswith("https://"):
                ok = False
                report.error(
                    rel, sline, "unsafe-link", f"source URL '{url}' must start with https://"
                )
                continue
            sources.append(Source(str(item["title"]).strip(), url))
    if not ok:
        raise _Skip

    intro, sections = split_sections(body)
    topic = Topic(
        id=topic_id,
        lang=lang,
        title=str(title).strip(),
        category=str(category),
        summary=str(summary).strip(),
        reviewed=reviewed,  # type: ignore[arg-type]
        sources=tuple(sources),
        order=int(order),
        keywords=tuple(k.strip() for k in keywords or [] if k.strip()),
        content_note=content_note,
        related=tuple(related or []),
        sections=tuple(sections),
        body=body,
        intro=intro,
        path=rel,
        body_line=body_line,
        field_lines={k: line_of(k) for k in fm},
    )
    if len(sections) == 0 and body.strip():
        report.warning(
            rel, body_line, "no-sections", "no '## ' headings: the topic has no sections"
        )
    if not body.strip():
        report.error(rel, body_line, "empty-topic", "this topic has no text after its front matter")
        raise _Skip
    return topic


def _check_topic_links(topic: Topic, library: Library, report: _Report) -> Topic:
    """Report broken and unsafe links; return the topic without related ids that do not exist."""
    source = library.source
    for link in find_links(topic.body):
        line = topic.body_line + link.line - 1
        url = link.url.strip()
        scheme = url.split(":", 1)[0].lower() if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) else ""
        if link.is_image:
            if scheme == "data":
                report.error(
                    topic.path,
                    line,
                    "unsafe-link",
                    "images written into the text (data:) are not allowed; save the picture "
                    "in the pack, like images/kit.png, and use that path",
                )
                continue
            if scheme:
                report.error(
                    topic.path,
                    line,
                    "remote-image" if scheme in ("http", "https") else "unsafe-link",
                    f"image '{url}' must be a file inside the pack, like images/kit.png; "
                    "remote images are never loaded",
                )
                continue
            rel = safe_rel_path(url.split("#", 1)[0].split("?", 1)[0])
            if rel is None:
                report.error(
                    topic.path, line, "outside-pack", f"image '{url}' points outside the pack"
                )
            elif Path(rel).suffix.lower() not in IMAGE_SUFFIXES:
                report.error(
                    topic.path,
                    line,
                    "bad-image",
                    f"image '{url}' must be a png, jpg, gif or svg file",
                )
            elif source is not None and not source.exists(rel):
                report.error(topic.path, line, "missing-file", f"image '{url}' is not in the pack")
            continue
        if scheme in ("topic", "resource"):
            kind, target, fragment = parse_address(url)
            if not kind:
                report.error(
                    topic.path, line, "broken-link", f"link '{url}' is not a valid address"
                )
            elif kind == "resource" and library.resource(target) is None:
                report.error(
                    topic.path, line, "broken-link", f"link '{url}': no resource with id '{target}'"
                )
            elif kind == "topic":
                other = library.topic(target, topic.lang)
                if other is None:
                    report.error(
                        topic.path,
                        line,
                        "broken-link",
                        f"link '{url}': no topic with id '{target}'",
                    )
                elif fragment and other.section(fragment) is None:
                    report.error(
                        topic.path,
                        line,
                        "broken-link",
                        f"link '{url}': topic '{target}' has no section '{fragment}'",
                    )
        elif scheme == "https":
            continue
        elif scheme:
            report.error(
                topic.path,
                line,
                "unsafe-link",
                f"link '{url}' uses '{scheme}:'; only https:// links and topic:/resource: "
                "addresses are allowed",
            )
        elif url.startswith("#"):
            if topic.section(url[1:]) is None:
                report.error(
                    topic.path,
                    line,
                    "broken-link",
                    f"link '{url}': this topic has no section '{url[1:]}'",
                )
        elif url:
            report.error(
                topic.path,
                line,
                "broken-link",
                f"link '{url}' is not an address; "
                "link topics as topic:ID and resources as resource:ID",
            )
    good_related: list[str] = []
    for rid in topic.related:
        if library.topic(rid, topic.lang) is None:
            report.error(
                topic.path,
                topic.field_lines.get("related", 1),
                "broken-link",
                f"related topic '{rid}' does not exist",
            )
        elif rid != topic.id:
            good_related.append(rid)
    if len(good_related) != len(topic.related):
        return topic._replace(related=tuple(good_related))
    return topic


def _load_topics(
    source: PackSource, info: PackInfo, report: _Report
) -> dict[str, dict[str, Topic]]:
    by_lang: dict[str, dict[str, Topic]] = {lang: {} for lang in info.languages}
    files = source.files()
    folders = sorted(
        {f.split("/")[1] for f in files if f.startswith("topics/") and f.count("/") >= 2}
    )
    for folder in folders:
        if folder not in by_lang:
            report.warning(
                f"topics/{folder}",
                1,
                "unknown-language",
                f"folder '{folder}' is not in pack.yaml's languages, so its topics are not shown",
            )
    for rel in files:
        parts = rel.split("/")
        if len(parts) != 3 or parts[0] != "topics" or parts[1] not in by_lang:
            continue
        if not rel.endswith(".md"):
            report.warning(rel, 1, "stray-file", "only .md files are read in a topics folder")
            continue
        try:
            topic = _load_topic(source, rel, parts[1], info, report)
        except _Skip:
            continue
        except Exception as exc:  # a bug must never cost the other topics
            log.exception("unexpected error loading %s", rel)
            report.error(rel, 1, "unreadable", f"this topic could not be read: {exc}")
            continue
        by_lang[parts[1]][topic.id] = topic
    return by_lang


# --------------------------------------------------------------------------------------
# resources.yaml
# --------------------------------------------------------------------------------------
def _load_resources(source: PackSource, info: PackInfo, report: _Report) -> list[Resource]:
    rel = "resources.yaml"
    if not source.exists(rel):
        return []
    size = source.size(rel)
    if size > MAX_YAML_BYTES:
        report.error(
            rel,
            1,
            "too-large",
            f"resources.yaml is {size // 1024} KiB; it may be at most {MAX_YAML_BYTES // 1024} "
            "KiB (split long descriptions, or keep fewer resources in one pack)",
        )
        return []
    data = _read(source, rel, report)
    text = None if data is None else _decode(data, rel, report)
    if text is None:
        return []
    try:
        data = parse_yaml(text)
    except YamlProblem as exc:
        report.error(rel, exc.line, "bad-yaml", exc.message)
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        report.error(rel, 1, "bad-yaml", "resources.yaml must be a list of resources ('- id: ...')")
        return []
    out: list[Resource] = []
    seen: dict[str, int] = {}
    for item in data:
        if not isinstance(item, LineDict):
            report.error(
                rel, 1, "bad-resource", "each resource must be a set of fields ('- id: ...')"
            )
            continue
        resource = _load_resource(item, rel, info, report, seen)
        if resource is not None:
            seen[resource.id] = resource.line
            out.append(resource)
    return out


def _load_resource(
    item: LineDict, rel: str, info: PackInfo, report: _Report, seen: dict[str, int]
) -> Resource | None:
    line = item.line
    rid = item.get("id")
    for key in ("name", "description", "hours"):
        rejoined, cut = _rejoin_cut_texts(item.get(key))
        if cut:
            item[key] = rejoined
            report.warning(
                rel,
                item.key_lines.get(key, line),
                "comma-in-text",
                f"{_cut_message(key, cut)}",
            )
    label = (
        f"'{item.get('name') or rid}'"
        if isinstance(item.get("name") or rid, str)
        else "this resource"
    )
    ok = True

    def problem(key: str, code: str, message: str) -> None:
        nonlocal ok
        ok = False
        report.error(rel, item.key_lines.get(key, line), code, message)

    if not (isinstance(rid, str) and ID_RE.match(rid)):
        problem("id", "bad-id", f"{label} needs an 'id' of a-z, 0-9 and -")
    elif rid in seen:
        problem("id", "duplicate-id", f"resource id '{rid}' is already used on line {seen[rid]}")
    langs = info.languages
    names = _texts(item.get("name"), langs)
    if names is None:
        problem("name", "missing-field", f"{label} needs a 'name'")
    descriptions = _texts(item.get("description"), langs)
    if descriptions is None:
        problem("description", "missing-field", f"{label} needs a 'description'")
    contact = {k: str(item.get(k) or "").strip() for k in ("phone", "sms", "url", "address")}
    if not any(contact.values()):
        problem("id", "missing-contact", f"{label} has no phone, sms, url or address")
    if contact["url"] and not contact["url"].lower().startswith("https://"):
        problem("url", "unsafe-link", f"{label}: url '{contact['url']}' must start with https://")
    for key in ("phone", "sms"):
        if contact[key] and not re.fullmatch(r"[0-9+()\-. ]{2,24}", contact[key]):
            problem(key, "bad-phone", f"{label}: {key} '{contact[key]}' must be digits as dialled")
    tags = _str_list(item.get("tags"))
    if not tags:
        problem("tags", "missing-field", f"{label} needs at least one tag")
    else:
        unknown = [t for t in tags if t not in RESOURCE_TAGS]
        if unknown:
            problem(
                "tags",
                "unknown-tag",
                f"{label}: unknown tag(s) {', '.join(unknown)}; use tags from PACK_FORMAT.md",
            )
    region = item.get("region")
    if not (isinstance(region, str) and region.strip()):
        problem("region", "missing-field", f"{label} needs a 'region' (US, US-FL, Miami-Dade ...)")
    verified = _date(item.get("verified"))
    if verified is None:
        problem(
            "verified",
            "missing-field" if "verified" not in item else "bad-date",
            f"{label} needs 'verified': the date a person confirmed it, as YYYY-MM-DD",
        )
    hours = _texts(item.get("hours"), langs) if item.get("hours") else {}
    if hours is None:
        problem("hours", "bad-field", f"{label}: 'hours' must be text or text per language")
    languages = _str_list(item.get("languages"))
    if languages is None:
        problem("languages", "bad-field", f"{label}: 'languages' must be a list like [en, es]")
    if not ok:
        return None
    return Resource(
        id=str(rid),
        names=names or {},
        descriptions=descriptions or {},
        tags=tuple(tags or ()),
        region=str(region).strip(),
        verified=verified,  # type: ignore[arg-type]
        phone=contact["phone"],
        sms=contact["sms"],
        sms_body=str(item.get("sms_body") or "").strip(),
        url=contact["url"],
        address=contact["address"],
        hours=hours or {},
        languages=tuple(languages or ()),
        path=rel,
        line=line,
        field_lines=dict(item.key_lines),
    )


# --------------------------------------------------------------------------------------
# The whole pack
# --------------------------------------------------------------------------------------
def load_pack(path: str | Path, base: Library | None = None, label: str = "") -> Library:
    """Load a pack folder or zip; ``PackError`` only when there is no readable pack.yaml.

    A pack with ``extends: default`` comes back merged onto the bundled pack (loaded from
    source), and ``base`` merges it onto any library (``packs.load_packs``); links, categories
    and the home topic are then checked against the merge. ``label`` prefixes this pack's
    findings (the pack's path, when several packs are combined).
    """
    return load_source(open_source(path), base=base, label=label)


def load_source(source: PackSource, base: Library | None = None, label: str = "") -> Library:
    """``load_pack`` for a pack's files from anywhere (a folder, a zip, memory in tests)."""
    from hrreader.content.packs import label_findings, merge_info, merge_libraries

    report = _Report(list(source.findings))
    info = _load_manifest(source, report)
    base_label = ""
    if base is None and info.extends == "default":
        from hrreader.content import default_pack_path

        base = load_pack(default_pack_path())
        base_label = str(default_pack_path())
    # What topics are checked against: the merged manifest (categories, languages).
    check_info = merge_info(base.info, info) if base is not None else info
    if not info.languages:
        info = info._replace(languages=check_info.languages)
    by_lang = _load_topics(source, check_info, report)
    resources = _load_resources(source, check_info, report)
    own = Library(info=info, by_lang=by_lang, resources=tuple(resources), source=source)

    def combined() -> Library:
        return merge_libraries(base, own, base_label=base_label) if base is not None else own

    library = combined()
    # Links are checked once everything is loaded, since they point across files (and packs).
    for topics in by_lang.values():
        for topic_id, topic in list(topics.items()):
            topics[topic_id] = _check_topic_links(topic, library, report)
    library = combined()
    if library.info.home and library.topic(library.info.home) is None:
        report.error(
            "pack.yaml",
            library.info.home_line,
            "broken-link",
            f"home topic '{library.info.home}' does not exist",
        )
    _check_translations(own, library, report)
    own.findings = label_findings(report.findings, label)
    library = combined()
    return library


def _check_translations(own: Library, library: Library, report: _Report) -> None:
    """Warn about this pack's topics that a language of the (merged) pack lacks."""
    default_lang = library.info.default_lang
    languages = library.info.languages
    for topic_id in sorted({t.id for t in iter_all_topics(own)}):
        written = [lang for lang in languages if topic_id in own.by_lang.get(lang, {})]
        first = own.by_lang[written[0]][topic_id]
        if default_lang not in written:
            report.warning(
                first.path,
                1,
                "missing-translation",
                f"'{topic_id}' has no '{default_lang}' version (the pack's default language); "
                f"the {written[0]} one is shown instead",
            )
            continue
        topic = own.by_lang[default_lang][topic_id]
        for lang in languages:
            if lang in written:
                continue
            shown = library.by_lang.get(lang, {}).get(topic_id)
            if shown is not None:
                report.warning(
                    topic.path,
                    1,
                    "missing-translation",
                    f"'{topic_id}' has no '{lang}' version in this pack; the bundled pack's "
                    f"{lang} page (which this pack does not change) is shown",
                )
            else:
                report.warning(
                    topic.path,
                    1,
                    "missing-translation",
                    f"'{topic_id}' has no '{lang}' version; the {default_lang} one is shown",
                )
