"""Markdown to safe HTML for the reading pane (a ``QTextBrowser``) and printed handouts.

The author's Markdown goes through Python-Markdown, then nh3 with a small allow-list, so
nothing a pack says can run, load from the network or hide text. Only after that are the
reader's own trusted parts (title, crisis box, related topics, sources) added around it.
The HTML uses the subset ``QTextDocument`` understands: callouts become one-cell tables,
because Qt draws borders and backgrounds on table cells but not on ``div``.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from hrreader.content.model import CRISIS_NOTES, Topic, parse_address, slugify
from hrreader.content.source import safe_rel_path
from hrreader.content.text import format_date, label, language_name_in
from hrreader.content.text import plain_text as plain_text  # re-exported for callers

if TYPE_CHECKING:
    from hrreader.content.library import Library

log = logging.getLogger(__name__)

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "table": {"width", "cellpadding", "cellspacing", "border"},
    "ol": {"start"},
}
#: ``pack:`` is the reader's own scheme for files inside the pack (images).
ALLOWED_SCHEMES = frozenset({"https", "topic", "resource", "pack"})
MAX_DATA_IMAGE = 0  # data: images are refused; pack images cover every need


# --------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------
class _QtCalloutProcessor(Treeprocessor):
    """Turn admonition ``div``s into one-cell tables that ``QTextDocument`` can style."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                classes = (child.get("class") or "").split()
                if child.tag != "div" or "admonition" not in classes:
                    continue
                kind = next((c for c in classes if c != "admonition"), "note")
                kind = kind if kind in ("tip", "warning", "note", "danger", "important") else "note"
                table = ET.Element(
                    "table",
                    {"class": f"callout {kind}", "width": "100%", "cellpadding": "12"},
                )
                cell = ET.SubElement(ET.SubElement(table, "tr"), "td")
                for sub in list(child):
                    if "admonition-title" in (sub.get("class") or ""):
                        sub.set("class", "callout-title")
                    cell.append(sub)
                parent.remove(child)
                parent.insert(index, table)


class _QtCalloutExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_QtCalloutProcessor(md), "qt_callouts", 1)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # Extension instances, not names: naming them makes Markdown scan entry points (slow).
    return markdown.Markdown(
        extensions=[
            TableExtension(),
            AttrListExtension(),
            AdmonitionExtension(),
            FencedCodeExtension(),
            SaneListExtension(),
            TocExtension(slugify=lambda value, sep: slugify(value, sep), toc_depth="2-6"),
            _QtCalloutExtension(),
        ],
        output_format="html",
    )


def markdown_to_html(text: str) -> str:
    """Python-Markdown's HTML for ``text`` (unsanitised: always pass it through ``sanitise``)."""
    md = _markdown()
    md.reset()
    return md.convert(text)


# --------------------------------------------------------------------------------------
# Sanitising
# --------------------------------------------------------------------------------------
_URL_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def rewrite_url(
    url: str, topic_id: str, is_image: bool, library: Library | None, lang: str | None = None
) -> str | None:
    """The URL the pane should see, or ``None`` to drop it (the text stays, the link goes).

    Content addresses are checked against ``library`` in ``lang`` (section anchors differ
    between languages), ``#section`` links included.
    """
    url = url.strip()
    m = _URL_SCHEME_RE.match(url)
    scheme = m.group(1).lower() if m else ""
    if is_image:
        if scheme:
            return None  # remote and data: images never load
        rel = safe_rel_path(url)
        return f"pack:{rel}" if rel else None
    if scheme == "https":
        return url
    if not scheme and url.startswith("#") and len(url) > 1:
        url, scheme = f"topic:{topic_id}{url}", "topic"
    if scheme in ("topic", "resource"):
        kind, target, fragment = parse_address(url)
        if not kind:
            return None
        if library is not None:
            if kind == "resource" and library.resource(target) is None:
                return None
            topic = library.topic(target, lang) if kind == "topic" else None
            if kind == "topic" and (
                topic is None or (fragment and topic.section(fragment) is None)
            ):
                return None
        return f"{kind}:{target}#{fragment}" if fragment else f"{kind}:{target}"
    return None


def sanitise(
    html: str, topic_id: str = "", library: Library | None = None, lang: str | None = None
) -> str:
    """Keep only the allow-list; rewrite links for the pane; drop what must never act."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            return rewrite_url(value, topic_id, tag == "img", library, lang)
        if attribute == "class":
            kept = [c for c in value.split() if re.fullmatch(r"[a-z][a-z0-9-]*", c)]
            return " ".join(kept) or None
        return value

    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "svg"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, _ in attrs:
            if name not in allowed:
                self.found.append(f"{name}= on <{tag}>")


def removed_html(html: str) -> list[str]:
    """Tags and attributes in ``html`` that the sanitiser removes, for ``check`` warnings."""
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return list(dict.fromkeys(collector.found))


# --------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def _crisis_box(library: Library, lang: str) -> str:
    resources = library.crisis_resources()
    if not resources:
        return ""
    items: list[str] = []
    for res in resources[:3]:
        ways: list[str] = []
        if res.phone:
            ways.append(f"{label('call', lang)} <b>{_esc(res.phone)}</b>")
        if res.sms:
            number = f"<b>{_esc(res.sms)}</b>"
            if res.sms_body:
                ways.append(
                    _esc(label("text_body", lang)).format(body=_esc(res.sms_body), number=number)
                )
            else:
                ways.append(_esc(label("text", lang)).format(number=number))
        how = f": {', '.join(ways)}" if ways else ""
        items.append(
            f'<li><a href="resource:{_esc(res.id)}">{_esc(res.name(lang, library.default_lang))}'
            f"</a>{how}</li>"
        )
    return (
        '<table class="callout crisis" width="100%" cellpadding="12"><tr><td>'
        f'<p class="callout-title">{_esc(label("crisis_title", lang))}</p>'
        f"<p>{_esc(label('crisis_intro', lang))}</p>"
        f"<ul>{''.join(items)}</ul></td></tr></table>"
    )


def _footer(topic: Topic, library: Library, lang: str) -> str:
    parts: list[str] = ['<hr class="footer-rule"/>']
    related = [library.topic(rid, lang) for rid in topic.related]
    links = [f'<li><a href="topic:{_esc(t.id)}">{_esc(t.title)}</a></li>' for t in related if t]
    if links:
        parts.append(f'<h3 class="footer-heading">{_esc(label("related", lang))}</h3>')
        parts.append(f'<ul class="related">{"".join(links)}</ul>')
    if topic.sources:
        parts.append(f'<h3 class="footer-heading">{_esc(label("sources", lang))}</h3>')
        items = "".join(
            f'<li><a href="{_esc(s.url)}">{_esc(s.title)}</a></li>' for s in topic.sources
        )
        parts.append(f'<ul class="sources">{items}</ul>')
    reviewed = label("reviewed", lang).format(date=format_date(topic.reviewed, lang))
    parts.append(f'<p class="reviewed">{_esc(reviewed)}</p>')
    return "".join(parts)


def render_body(topic: Topic, library: Library | None = None) -> str:
    """The author's Markdown as sanitised HTML, links rewritten for the pane.

    The loader refuses topics past ``limits.check_limits``, so this is fast; should Markdown
    still fail (a stack overflow on input nobody foresaw), the page says so instead of the
    reader crashing, and ``check`` reports it (``unrenderable``).
    """
    try:
        html = markdown_to_html(topic.body)
    except Exception:  # RecursionError included: bad content must never crash the reader
        log.exception("cannot render %s", topic.path or topic.id)
        return f'<p class="notice">{_esc(label("unrenderable", topic.lang))}</p>'
    return sanitise(html, topic.id, library, topic.lang)


def render_topic(topic: Topic, library: Library, lang: str | None = None) -> str:
    """The whole page: title, notices, crisis box, body, related topics, sources, date."""
    lang = lang or topic.lang
    parts = [f'<h1 class="topic-title">{_esc(topic.title)}</h1>']
    if topic.is_fallback:
        name = language_name_in(topic.lang, lang)
        parts.append(f'<p class="notice">{_esc(label("fallback", lang).format(lang=name))}</p>')
    if topic.content_note in CRISIS_NOTES:
        parts.append(_crisis_box(library, lang))
    parts.append(render_body(topic, library))
    parts.append(_footer(topic, library, lang))
    return "\n".join(parts)


def section_anchors(html: str) -> Iterable[str]:
    """The ``id``s of ``h2`` headings in rendered HTML, in order (a consistency check)."""
    return re.findall(r'<h2\b[^>]*?\bid="([^"]+)"', html)  # any attribute order
