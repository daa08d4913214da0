"""Printed handouts: a topic or one section as a clean PDF (or on a printer), with no browser.

``QTextDocument`` lays out the same safe HTML the reading pane shows, restyled for paper
(black text, no dark backgrounds, links as plain words with their address), and paginates
it; ``QPdfWriter`` or a ``QPrinter`` draws it. Every page gets the pack's branding and the
date at the top and the disclaimer, review date and page number at the bottom. A handout
ends with a QR code for each resource its text links to, drawn as vectors so it scans
from paper.

A handout is in the language of its content (like the reading pane's own words), not
necessarily the language of the window.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from hrreader.content.library import Library
from hrreader.content.model import Resource, Topic, parse_address
from hrreader.content.qr import qr_payloads
from hrreader.content.text import format_date, label
from hrreader.ui.qr import install_qr_objects, replace_with_qr
from hrreader.ui.text_size import floor_qss

log = logging.getLogger(__name__)

PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
#: Layout units: CSS pixels, 96 to the inch, whatever the screen or printer.
LAYOUT_DPI = 96
MARGIN_MM = 16.0
HEADER_HEIGHT = 44.0
FOOTER_HEIGHT = 34.0
QR_SIDE = 104.0  # 2.75 cm with its quiet zone: scans easily from paper
INK = "#000000"
GREY = "#444444"
RULE = "#9a9a9a"
TINT = "#f1f1f1"

HANDOUT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "printed": "Printed on {date}",
        "disclaimer": "General information, not medical advice.",
        "page": "Page {page} of {pages}",
        "help": "Where to get help",
        "help_intro": "Point a phone's camera at a code to call, text or open the website.",
        "call": "Call {number}",
        "text": "Text {number}",
        "text_body": "Text {body} to {number}",
        "scan_call": "Scan to call",
        "scan_text": "Scan to text",
        "scan_website": "Scan to open the website",
        "section": "From the topic “{title}”",
    },
    "es": {
        "printed": "Impreso el {date}",
        "disclaimer": "Información general, no es consejo médico.",
        "page": "Página {page} de {pages}",
        "help": "Dónde encontrar ayuda",
        "help_intro": (
            "Apunte la cámara de un teléfono a un código para llamar, enviar un texto o abrir "
            "el sitio web."
        ),
        "call": "Llame al {number}",
        "text": "Envíe un texto al {number}",
        "text_body": "Envíe {body} al {number}",
        "scan_call": "Escanee para llamar",
        "scan_text": "Escanee para enviar un texto",
        "scan_website": "Escanee para abrir el sitio web",
        "section": "Del tema «{title}»",
    },
}


class ExportError(ValueError):
    """The address names no topic or section in this pack."""


def hlabel(key: str, lang: str) -> str:
    return HANDOUT_LABELS.get(lang, HANDOUT_LABELS["en"]).get(key, HANDOUT_LABELS["en"][key])


def _esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


# --------------------------------------------------------------------------------------
# What goes on the handout (no Qt below until ``build_document``)
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Handout:
    address: str
    lang: str
    topic: Topic
    #: Section title when the handout is one section, else "".
    section_title: str
    #: Safe HTML of the content, without the page title and the reader's footer.
    body: str
    resources: tuple[Resource, ...]


_H1_RE = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.S)
_FOOTER_RE = re.compile(r'<hr class="footer-rule"\s*/?>.*\Z', re.S)
_CRISIS_RE = re.compile(r'<table[^>]*class="callout crisis"[^>]*>.*?</table>', re.S)
_NOTICE_RE = re.compile(r'<p class="notice">.*?</p>', re.S)
_RESOURCE_LINK_RE = re.compile(r'href="resource:([^"#]+)"')
_HTTPS_LINK_RE = re.compile(r'<a href="(https://[^"]+)"[^>]*>(.*?)</a>', re.S)


def section_html(page_html: str, anchor: str) -> str:
    """The part of a rendered page from ``<h2 id="anchor">`` to the next ``h2`` or footer."""
    start = re.search(rf'<h2 id="{re.escape(anchor)}"[^>]*>', page_html)
    if start is None:
        return ""
    rest = page_html[start.start() :]
    end = re.search(r'<h2[\s>]|<hr class="footer-rule"', rest[1:])
    return rest if end is None else rest[: end.start() + 1]


def linked_resources(library: Library, fragment: str) -> tuple[Resource, ...]:
    """Resources that ``fragment`` links to, in the order they first appear."""
    found: dict[str, Resource] = {}
    for resource_id in _RESOURCE_LINK_RE.findall(fragment):
        resource = library.resource(resource_id)
        if resource is not None and resource_id not in found:
            found[resource_id] = resource
    return tuple(found.values())


def handout_for(library: Library, address: str, lang: str | None = None) -> Handout:
    """What a handout of ``topic:ID`` or ``topic:ID#SECTION`` holds; ``ExportError`` if none."""
    scheme, topic_id, anchor = parse_address(address.strip())
    topic = library.topic(topic_id, lang) if scheme == "topic" else None
    if topic is None or (anchor and topic.section(anchor) is None):
        raise ExportError(
            QCoreApplication.translate(
                "Handout", "there is no topic or section '{0}' in this pack"
            ).format(address)
        )
    lang = library.resolve_lang(lang)
    page = library.html(topic_id, lang)
    if anchor:
        section = topic.section(anchor)
        assert section is not None
        extras = [m.group(0) for m in (_NOTICE_RE.search(page), _CRISIS_RE.search(page)) if m]
        body = "\n".join([*extras, section_html(page, anchor)])
        title = section.title
    else:
        body = _FOOTER_RE.sub("", _H1_RE.sub("", page, count=1))
        title = ""
    return Handout(
        address=address.strip(),
        lang=lang,
        topic=topic,
        section_title=title,
        body=body,
        resources=linked_resources(library, body),
    )


def _print_links(fragment: str) -> str:
    """On paper a link is its words, followed by the website address when it has one."""

    def replace(match: re.Match[str]) -> str:
        url, words = match.group(1), match.group(2)
        shown = re.sub(r"^https://(www\.)?", "", url).rstrip("/")
        plain = re.sub(r"<[^>]+>", "", words).strip()
        if plain.rstrip("/") in (url.rstrip("/"), shown):
            return f'<span class="url">{_esc(shown)}</span>'
        return f'{words} <span class="url">({_esc(shown)})</span>'

    return _HTTPS_LINK_RE.sub(replace, fragment)


def _ways(resource: Resource, lang: str) -> list[str]:
    ways: list[str] = []
    if resource.phone:
        ways.append(hlabel("call", lang).format(number=f"<b>{_esc(resource.phone)}</b>"))
    if resource.sms:
        number = f"<b>{_esc(resource.sms)}</b>"
        if resource.sms_body:
            body = f"<b>{_esc(resource.sms_body)}</b>"
            ways.append(hlabel("text_body", lang).format(body=body, number=number))
        else:
            ways.append(hlabel("text", lang).format(number=number))
    if resource.url:
        shown = re.sub(r"^https://(www\.)?", "", resource.url).rstrip("/")
        ways.append(f'<span class="url">{_esc(shown)}</span>')
    return ways


#: From this smallest text size (points) up, a handout lists one resource a row, not two:
#: large words in half a page's width would wrap a word or two to a line.
ONE_RESOURCE_A_ROW_PT = 14.0


def _resource_table(
    handout: Handout, default_lang: str, per_row: int = 2
) -> tuple[str, list[tuple[str, str]]]:
    """The "where to get help" table, ``per_row`` resources a row (1 or 2), with a marker
    where each code goes."""
    text_width = "32%" if per_row == 2 else "82%"
    lang = handout.lang
    codes: list[tuple[str, str]] = []
    cells: list[str] = []
    for n, resource in enumerate(handout.resources):
        payloads = qr_payloads(resource)
        marker = f"[[qr-{n}]]"
        if payloads:
            kind, payload = payloads[0]
            codes.append((marker, payload))
            code_cell = (
                f'<td class="code" width="18%" valign="top">{marker}'
                f'<p class="scan">{_esc(hlabel("scan_" + kind, lang))}</p></td>'
            )
        else:
            code_cell = '<td class="code" width="18%"></td>'
        lines = "".join(f'<p class="way">{way}</p>' for way in _ways(resource, lang))
        text_cell = (
            f'<td class="about" width="{text_width}" valign="top"><p class="name">'
            f"{_esc(resource.name(lang, default_lang))}</p>{lines}</td>"
        )
        cells.append(code_cell + text_cell)
    rows: list[str] = []
    for i in range(0, len(cells), per_row):
        pair = cells[i : i + per_row]
        if len(pair) < per_row:
            pair.append('<td width="18%"></td><td width="32%"></td>')
        # A table a row, so that a row is kept whole on one page (see ``build_document``).
        rows.append(
            '<table class="help" width="100%" cellspacing="0" cellpadding="6">'
            f"<tr>{''.join(pair)}</tr></table>"
        )
    table = (
        f'<h2 class="help">{_esc(hlabel("help", lang))}</h2>'
        f'<p class="help-intro">{_esc(hlabel("help_intro", lang))}</p>'
        f"{''.join(rows)}"
    )
    return table, codes


def handout_html(
    handout: Handout, library: Library, min_pt: float = 0.0
) -> tuple[str, list[tuple[str, str]]]:
    """The document's HTML, and ``(marker, payload)`` for each QR code to draw in it
    (``min_pt``: the smallest text size it will be drawn with)."""
    lang = handout.lang
    topic = handout.topic
    body = handout.body
    if handout.section_title:
        # One section: its heading becomes the title, and the topic says where it is from.
        body = re.sub(r"<h2[^>]*>.*?</h2>\s*", "", body, count=1, flags=re.S)
        parts = [
            f"<h1>{_esc(handout.section_title)}</h1>",
            f'<p class="lead">{_esc(hlabel("section", lang).format(title=topic.title))}</p>',
        ]
    else:
        parts = [f"<h1>{_esc(topic.title)}</h1>"]
        if topic.summary:
            parts.append(f'<p class="lead">{_esc(topic.summary)}</p>')
    # Anchors mean nothing on paper (and split a heading's first letter into its own run).
    body = re.sub(r'(<h[1-6])\s+id="[^"]*"', r"\1", body)
    parts.append(_print_links(body))
    codes: list[tuple[str, str]] = []
    if handout.resources:
        per_row = 1 if min_pt >= ONE_RESOURCE_A_ROW_PT else 2
        table, codes = _resource_table(handout, library.default_lang, per_row)
        parts.append(table)
    if topic.sources and not handout.section_title:
        items = "".join(
            f"<li>{_esc(s.title)} "
            f'<span class="url">({_esc(re.sub(r"^https://(www[.])?", "", s.url))})</span></li>'
            for s in topic.sources
        )
        parts.append(f'<h3 class="sources">{_esc(label("sources", lang))}</h3>')
        parts.append(f'<ul class="sources">{items}</ul>')
    return "\n".join(p for p in parts if p), codes


def print_css(accent: str) -> str:
    """Paper styles: black text, light tints only, sizes in points, gaps in 96-dpi pixels."""
    return f"""
body {{ color: {INK}; font-size: 10.5pt; }}
p, li {{ line-height: 140%; }}
p {{ margin-top: 0; margin-bottom: 7px; }}
h1 {{ color: {INK}; font-size: 20pt; font-weight: 700; margin-top: 0; margin-bottom: 6px; }}
h2 {{ color: {INK}; font-size: 13.5pt; font-weight: 700; margin-top: 16px; margin-bottom: 5px; }}
h3 {{ color: {INK}; font-size: 11pt; font-weight: 700; margin-top: 10px; margin-bottom: 4px; }}
p.lead {{ color: {GREY}; font-size: 11.5pt; margin-bottom: 10px; }}
a {{ color: {INK}; text-decoration: none; }}
span.url {{ color: {GREY}; font-size: 9pt; }}
ul, ol {{ margin-top: 0; margin-bottom: 7px; }}
li {{ margin-bottom: 2px; }}
table.callout {{ margin-top: 4px; margin-bottom: 9px; border-width: 0; }}
table.callout td {{ background-color: {TINT}; }}
p.callout-title {{ font-weight: 700; margin-bottom: 3px; }}
table.data {{ border-collapse: collapse; margin-bottom: 8px; }}
th {{ background-color: {TINT}; font-weight: 700; padding: 3px; }}
td {{ padding: 3px; }}
code, kbd {{ font-family: monospace; }}
blockquote {{ color: {GREY}; margin-left: 14px; }}
p.notice {{ color: {GREY}; }}
h2.help {{ margin-top: 18px; }}
p.help-intro {{ color: {GREY}; font-size: 9.5pt; }}
table.help {{ margin-top: 2px; margin-bottom: 6px; }}
td.code {{ padding: 2px; }}
p.scan {{ color: {GREY}; font-size: 8pt; margin-top: 1px; margin-bottom: 0; line-height: 115%; }}
p.name {{ font-weight: 700; font-size: 10.5pt; margin-bottom: 3px; line-height: 115%;
  color: {accent}; }}
p.way {{ font-size: 10pt; margin-bottom: 1px; line-height: 125%; }}
h3.sources {{ color: {GREY}; font-size: 9.5pt; margin-top: 18px; }}
ul.sources {{ color: {GREY}; font-size: 8.5pt; }}
"""


# --------------------------------------------------------------------------------------
# Qt: the document, and drawing it on pages
# --------------------------------------------------------------------------------------
def _layout_device() -> QImage:
    """A tiny image at 96 dpi: the document is laid out for it, then drawn scaled to the page."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


class HandoutDocument(QTextDocument):
    """A text document that loads only the pack's own images (never the network)."""

    def __init__(self, library: Library, max_image_width: float) -> None:
        super().__init__()
        self._library = library
        self._max_width = max_image_width

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        url = QUrl(url)
        if url.scheme() != "pack":
            return None
        data = self._library.read_asset(url.path())
        if data is None:
            return None
        if kind == QTextDocument.ResourceType.ImageResource.value:
            image = QImage()
            image.loadFromData(QByteArray(data))
            if image.width() > self._max_width:
                image = image.scaledToWidth(
                    int(self._max_width), Qt.TransformationMode.SmoothTransformation
                )
            return image
        return None


def _font(min_pt: float = 0.0) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(10.5, min_pt))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _set_up_for_paper(document: QTextDocument, font: QFont, css: str) -> None:
    """Lay ``document`` out for paper: at 96 dpi with design metrics (drawn scaled to the
    page), no margin of its own, the handout's font and stylesheet."""
    device = _layout_device()
    document.documentLayout().setPaintDevice(device)
    document._device = device  # type: ignore[attr-defined]  # alive while the layout uses it
    document.setUseDesignMetrics(True)
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(css)


def build_document(
    library: Library, handout: Handout, width: float, page_height: float, min_pt: float = 0.0
) -> HandoutDocument:
    """The laid-out, paginated document for one handout (``width`` and height in 96-dpi px),
    with no text smaller than ``min_pt`` points (the reader's minimum text size; 0: none).

    Paper rules: a heading that would end a page moves to the next one, to stay with its
    text, and a short table (a callout, a row of QR codes) is never cut in two. Each move
    builds the document again, because Qt finishes the layout of a changed document lazily,
    from the event loop, which a handout drawn at once does not have.
    """
    html, codes = handout_html(handout, library, min_pt)
    accent = _print_accent(library.info.branding.accent or INK)
    breaks: set[int] = set()
    while True:
        document = HandoutDocument(library, width)
        _set_up_for_paper(document, _font(min_pt), floor_qss(print_css(accent), min_pt))
        document.setHtml(html)
        document._qr_handler = install_qr_objects(document)  # type: ignore[attr-defined]
        for marker, payload in codes:
            replace_with_qr(document, marker, payload, QR_SIDE)
        keepers = _keepers(document)
        for n in breaks:
            _break_before(keepers[n])
        document.setPageSize(QSizeF(width, page_height))
        stranded = _first_stranded(document, keepers, page_height, breaks)
        if stranded is None or len(breaks) >= len(keepers):
            return document
        breaks.add(stranded)


Keeper = QTextBlock | QTextTable


def _keepers(document: QTextDocument) -> list[Keeper]:
    """Headings and top-level tables, in document order: what pagination must not strand."""
    found: list[tuple[int, Keeper]] = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            found.append((block.position(), block))
        block = block.next()
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            found.append((frame.firstPosition(), frame))
    return [keeper for _position, keeper in sorted(found, key=lambda item: item[0])]


def _break_before(keeper: Keeper) -> None:
    if isinstance(keeper, QTextTable):
        fmt = keeper.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        keeper.setFormat(fmt)
        return
    block_format = QTextBlockFormat()
    block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(keeper).mergeBlockFormat(block_format)


def _first_stranded(
    document: QTextDocument, keepers: list[Keeper], page_height: float, done: set[int]
) -> int | None:
    """The first heading too near a page's foot, or short table cut by a page break."""
    layout = document.documentLayout()
    room = 64.0  # about two lines of text after a heading
    for n, keeper in enumerate(keepers):
        if n in done:
            continue
        if isinstance(keeper, QTextTable):
            rect = layout.frameBoundingRect(keeper)
            if rect.height() > page_height * 0.45:
                continue  # a long table may run on; moving it would leave a gap
            bottom = rect.bottom() - 1
        else:
            rect = layout.blockBoundingRect(keeper)
            bottom = rect.bottom() + room
            following = keepers[n + 1] if n + 1 < len(keepers) else None
            if isinstance(following, QTextTable):
                # A heading just above a table (the QR codes) stays with the table's top.
                table = layout.frameBoundingRect(following)
                if table.top() - rect.bottom() < 80 and table.height() <= page_height * 0.45:
                    bottom = max(bottom, table.bottom() - 1)
        page_top = (rect.top() // page_height) * page_height
        if rect.top() > page_top + 1 and bottom > page_top + page_height:
            return n
    return None


def _print_accent(accent: str) -> str:
    """The pack's accent when it is dark enough to read as text on paper, else black."""
    color = QColor(accent)
    if not color.isValid():
        return INK
    return accent if color.lightnessF() <= 0.45 else INK


def _draw_text(
    painter: QPainter,
    html: str,
    rect: QRectF,
    css: str,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    doc = _text_document(html, rect.width(), css)
    option = doc.defaultTextOption()
    option.setAlignment(align)
    doc.setDefaultTextOption(option)
    painter.save()
    painter.translate(rect.topLeft())
    context = _paint_context(QRectF(0, 0, rect.width(), rect.height()))
    doc.documentLayout().draw(painter, context)
    painter.restore()


def _text_document(html: str, width: float, css: str) -> QTextDocument:
    """A header or footer text, laid out at ``width`` (96-dpi px) in the handout's font."""
    doc = QTextDocument()
    _set_up_for_paper(doc, _font(), css)
    # In a body: Qt applies a default stylesheet's ``body`` rule only to a body it is given.
    doc.setHtml(f"<body>{html}</body>")
    doc.setTextWidth(width)
    return doc


def _text_height(html: str, width: float, css: str) -> float:
    return _text_document(html, width, css).size().height()


def render_handout(
    library: Library,
    handout: Handout,
    device: QPagedPaintDevice,
    today: dt.date | None = None,
    min_pt: float = 0.0,
) -> int:
    """Draw the handout on ``device`` (a ``QPdfWriter`` or ``QPrinter``); return the pages.

    ``min_pt``: no text smaller than this many points, the page's own and the header's and
    footer's small print alike (the reader's minimum text size, for a reader with low
    vision); the header and footer grow to hold their larger words.
    """
    today = today or dt.date.today()
    lang = handout.lang
    resolution = device.logicalDpiX() or 1200
    scale = resolution / LAYOUT_DPI
    paint = device.pageLayout().paintRectPixels(resolution)
    width = paint.width() / scale
    height = paint.height() / scale

    branding = library.info.branding
    accent = QColor(_print_accent(branding.accent or INK))
    logo = _logo(library)
    organisation = branding.organisation or library.info.title(lang)
    pack_title = library.info.title(lang) if branding.organisation else ""
    printed = hlabel("printed", lang).format(date=format_date(today, lang))
    reviewed = label("reviewed", lang).format(date=format_date(handout.topic.reviewed, lang))
    small_css = floor_qss(
        f"body {{ color: {GREY}; font-size: 9pt; }} b {{ color: {INK}; }}", min_pt
    )
    name_html = floor_qss(
        f'<span style="color:{accent.name()}; font-size: 11pt; font-weight: 700;">'
        f"{_esc(organisation)}</span>",
        min_pt,
    )
    if pack_title:
        name_html += f"<br/>{_esc(pack_title)}"
    footer_html = f"<b>{_esc(hlabel('disclaimer', lang))}</b><br/>{_esc(reviewed)}"
    header_height, footer_height = HEADER_HEIGHT, FOOTER_HEIGHT
    logo_height = 30.0
    logo_width = 0.0
    if logo is not None and not logo.isNull():
        logo_width = logo_height * logo.width() / max(1, logo.height())
    left = logo_width + 10 if logo_width else 0.0
    if min_pt:  # larger small print: the header and footer take the room it needs
        name_width = width * 0.55 - left
        header_height = max(
            header_height,
            8 + _text_height(name_html, name_width, small_css),
            8 + _text_height(_esc(printed), width * 0.45, small_css),
        )
        footer_height = max(footer_height, 10 + _text_height(footer_html, width * 0.84, small_css))
    content_top = header_height + 10
    content_height = height - content_top - footer_height - 8
    document = build_document(library, handout, width, content_height, min_pt)
    pages = max(1, document.pageCount())

    painter = QPainter()
    if not painter.begin(device):
        raise OSError(
            QCoreApplication.translate(
                "Handout",
                "cannot write the handout (is the file open elsewhere, or the disk full?)",
            )
        )
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            # Header: logo, organisation and pack, the date; a rule in the accent colour.
            if logo is not None and logo_width:
                painter.drawImage(QRectF(0, 4, logo_width, logo_height), logo)
            room = header_height - 4
            _draw_text(painter, name_html, QRectF(left, 2, width * 0.55 - left, room), small_css)
            _draw_text(
                painter,
                _esc(printed),
                QRectF(width * 0.55, 2, width * 0.45, room),
                small_css,
                Qt.AlignmentFlag.AlignRight,
            )
            painter.setPen(QPen(accent, 1.5))
            painter.drawLine(QPointF(0, header_height), QPointF(width, header_height))

            # The page's share of the document.
            painter.save()
            painter.translate(0, content_top - page * content_height)
            context = _paint_context(QRectF(0, page * content_height, width, content_height))
            painter.setClipRect(context.clip)
            document.documentLayout().draw(painter, context)
            painter.restore()

            # Footer: the disclaimer and review date, and the page number.
            footer_top = height - footer_height
            painter.setPen(QPen(QColor(RULE), 0.75))
            painter.drawLine(QPointF(0, footer_top), QPointF(width, footer_top))
            _draw_text(
                painter,
                footer_html,
                QRectF(0, footer_top + 6, width * 0.84, footer_height - 6),
                small_css,
            )
            _draw_text(
                painter,
                _esc(hlabel("page", lang).format(page=page + 1, pages=pages)),
                QRectF(width * 0.84, footer_top + 6, width * 0.16, footer_height - 6),
                small_css,
                Qt.AlignmentFlag.AlignRight,
            )
            painter.restore()
    finally:
        painter.end()
    return pages


def _paint_context(clip: QRectF) -> QAbstractTextDocumentLayout.PaintContext:
    """Black text whatever the window's theme: paper is white."""
    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.Link, QColor(INK))
    context.palette = palette
    context.clip = clip
    return context


def _logo(library: Library) -> QImage | None:
    path = library.info.branding.logo
    if not path:
        return None
    data = library.read_asset(path)
    if not data:
        return None
    image = QImage()
    if not image.loadFromData(QByteArray(data)):
        log.warning("the pack's logo %s is not an image Qt can read", path)
        return None
    return image


def page_layout(page_size: str) -> QPageLayout:
    size = PAGE_SIZES.get(page_size.lower())
    if size is None:
        raise ExportError(
            QCoreApplication.translate(
                "Handout", "unknown page size '{0}' (use letter or a4)"
            ).format(page_size)
        )
    return QPageLayout(
        QPageSize(size),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def set_margins(device: QPagedPaintDevice) -> None:
    """The handout's margins on a device whose paper someone already chose (a printer)."""
    device.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )


def default_page_size() -> str:
    """Letter where people measure in inches (the US), A4 everywhere else."""
    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial else "a4"


def export_pdf(
    library: Library,
    address: str,
    out_path: str | Path,
    lang: str | None = None,
    page_size: str = "letter",
    today: dt.date | None = None,
    min_pt: float = 0.0,
) -> int:
    """Write a handout of ``topic:ID`` or ``topic:ID#SECTION`` to a PDF; return its pages.
    ``min_pt``: the smallest text size in points (render_handout)."""
    handout = handout_for(library, address, lang)
    out = Path(out_path)
    if out.parent and not out.parent.exists():
        raise OSError(
            QCoreApplication.translate(
                "Handout", "cannot write {0}: the folder {1} does not exist"
            ).format(out, out.parent)
        )
    writer = QPdfWriter(str(out))
    writer.setResolution(1200)
    writer.setPageLayout(page_layout(page_size))
    title = handout.topic.title
    if handout.section_title:
        title = f"{handout.section_title} – {title}"
    writer.setTitle(title)
    writer.setCreator("hrreader")
    pages = render_handout(library, handout, writer, today, min_pt)
    del writer  # finishes the file
    if not out.exists() or out.stat().st_size == 0:
        raise OSError(QCoreApplication.translate("Handout", "cannot write {0}").format(out))
    return pages


def suggested_file_name(address: str) -> str:
    """A file name for a handout, such as ``naloxone.pdf`` or ``naloxone-how-to-use.pdf``."""
    _scheme, topic_id, anchor = parse_address(address)
    return f"{topic_id}-{anchor}.pdf" if anchor else f"{topic_id or 'handout'}.pdf"


def ensure_gui_app(argv: Sequence[str] = ()) -> QGuiApplication:
    """A QGuiApplication for drawing (fonts need one); offscreen when there is no display."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    from hrreader.ui.display import display_problem

    if not os.environ.get("QT_QPA_PLATFORM") and display_problem():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["hrreader", *argv])
