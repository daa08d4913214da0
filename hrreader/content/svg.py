"""Make a pack's SVG pictures safe to show: no scripts, no events, nothing fetched from outside.

An SVG is XML that can carry ``<script>``, ``onload=`` handlers, ``<foreignObject>`` (a
whole HTML page), links and references to files or URLs outside the pack, and XML entity
tricks (billion laughs, external entities). ``sanitise_svg`` parses it with defusedxml (no
entities, no external references; the plain ``<!DOCTYPE svg ...>`` that editors write is
fine), keeps an allow-list of drawing elements and attributes, and writes a clean copy. The
reading pane, handouts and compiled packs only ever see that copy
(``PackSource.read_asset``); ``check`` reports what was removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_SVG_BYTES = 10 * 1024 * 1024
MAX_ELEMENTS = 50_000
MAX_DEPTH = 100

#: Drawing elements kept (in the SVG namespace). Everything else is removed with its content.
ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "switch",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
        "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
        "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
        "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    }
)  # fmt: skip
#: Elements whose removal is worth telling the author about (the rest is editor metadata).
DANGEROUS_ELEMENTS = frozenset(
    {
        "script", "foreignObject", "iframe", "embed", "object", "image", "feImage", "a",
        "style", "animate", "animateMotion", "animateTransform", "animateColor", "set",
        "discard", "handler", "listener", "audio", "video", "canvas", "html", "body",
    }
)  # fmt: skip
#: Editor namespaces (Inkscape, Sodipodi, RDF metadata): dropped quietly.
QUIET_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://ns.adobe.com/",
)
_URL_RE = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_BAD_STYLE_RE = re.compile(
    r"@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding|\\", re.IGNORECASE
)


@dataclass
class SvgResult:
    """A clean SVG (``None`` when it cannot be made safe) and what was taken out."""

    data: bytes | None
    removed: list[str] = field(default_factory=list)
    problem: str = ""


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _external(value: str) -> bool:
    """True when a reference leaves the document: anything but ``#id``."""
    return not value.strip().startswith("#")


def _clean_style(value: str) -> str | None:
    if _BAD_STYLE_RE.search(value):
        return None
    if any(_external(url) for url in _URL_RE.findall(value)):
        return None
    return value


def _outside_reference(value: str) -> bool:
    """``url(...)`` to anything but ``#id``, or a value that is itself a URL."""
    if "url(" in value.lower() and any(_external(u) for u in _URL_RE.findall(value)):
        return True
    return re.match(r"\s*(javascript|data|file|https?|ftp):", value, re.IGNORECASE) is not None


def _clean_attributes(element: ET.Element, removed: list[str]) -> None:
    _, tag = _split(element.tag)
    for name in list(element.attrib):
        ns, local = _split(name)
        value = element.attrib[name]
        keep = True
        if local.lower().startswith("on"):
            keep = False
            removed.append(f"{local}= on <{tag}>")
        elif ns not in ("", XLINK_NS, XML_NS):
            keep = False  # editor attributes (inkscape:label ...): harmless, dropped quietly
        elif local == "href" or (ns == XLINK_NS):
            if local != "href" or _external(value):
                keep = False
                removed.append(f"{'xlink:' if ns else ''}{local}='{value[:40]}' on <{tag}>")
        elif local == "style":
            if _clean_style(value) is None:
                keep = False
                removed.append(f"style= on <{tag}>")
        elif _outside_reference(value):
            keep = False
            removed.append(f"{local}='{value[:40]}' on <{tag}>")
        if not keep:
            del element.attrib[name]


def inspect_svg(data: bytes) -> SvgResult:
    """Sanitise ``data`` and say what was removed; ``data=None`` when it cannot be made safe."""
    if len(data) > MAX_SVG_BYTES:
        return SvgResult(None, problem=f"larger than {MAX_SVG_BYTES // (1024 * 1024)} MiB")
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return SvgResult(None, problem=f"it uses XML features that are not allowed ({exc})")
    except (ET.ParseError, ValueError, RecursionError) as exc:
        return SvgResult(None, problem=f"it is not well-formed XML ({exc})")
    ns, local = _split(root.tag)
    if local == "svg" and ns != SVG_NS:
        return SvgResult(None, problem=f'its <svg> needs xmlns="{SVG_NS}" to be an SVG picture')
    if (ns, local) != (SVG_NS, "svg"):
        return SvgResult(None, problem=f"it is not an SVG picture (it starts with <{local}>)")

    removed: list[str] = []
    count = 0
    # Iterative walk with an explicit stack: a hostile file cannot exhaust the call stack.
    stack: list[tuple[ET.Element, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            return SvgResult(None, problem="it is nested too deeply or has too many elements")
        _clean_attributes(element, removed)
        for child in list(element):
            cns, clocal = _split(child.tag) if isinstance(child.tag, str) else ("", "")
            if cns == SVG_NS and clocal in ALLOWED_ELEMENTS:
                stack.append((child, depth + 1))
                continue
            element.remove(child)
            quiet = clocal == "metadata" or cns.startswith(QUIET_NAMESPACES)
            if not quiet or clocal in DANGEROUS_ELEMENTS:
                removed.append(f"<{clocal or 'comment'}>")
    return SvgResult(_serialise(root), list(dict.fromkeys(removed)))


def _attr_name(name: str) -> str:
    ns, local = _split(name)
    return {XLINK_NS: f"xlink:{local}", XML_NS: f"xml:{local}"}.get(ns, local)


def _serialise(root: ET.Element) -> bytes:
    """The cleaned tree as UTF-8 SVG; every element left is in the SVG namespace."""
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']

    def write(element: ET.Element, is_root: bool) -> None:  # depth is at most MAX_DEPTH
        _, tag = _split(element.tag)
        attrs = [f'xmlns="{SVG_NS}"', f'xmlns:xlink="{XLINK_NS}"'] if is_root else []
        attrs += [f"{_attr_name(k)}={quoteattr(v)}" for k, v in element.attrib.items()]
        out.append(f"<{tag}{''.join(' ' + a for a in attrs)}")
        if element.text or len(element):
            out.append(">")
            out.append(escape(element.text or ""))
            for child in element:
                write(child, False)
                out.append(escape(child.tail or ""))
            out.append(f"</{tag}>")
        else:
            out.append("/>")

    write(root, True)
    return "".join(out).encode("utf-8")


def sanitise_svg(data: bytes) -> bytes | None:
    """A safe copy of an SVG picture, or ``None`` when it cannot be made safe.

    Removed: ``<script>``, ``<foreignObject>``, ``<style>``, ``<image>``, links, animation
    and every element outside the drawing allow-list; ``on*`` event attributes; ``href`` and
    ``xlink:href`` other than ``#id``; ``url(...)`` pointing outside the file; styles with
    ``@import`` or ``expression``. Refused: entity declarations, non-SVG XML, nesting deeper
    than 100, more than 50,000 elements, files over 10 MiB.
    """
    return inspect_svg(data).data
