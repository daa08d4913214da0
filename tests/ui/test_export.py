"""Handouts: PDFs of a topic or a section (Letter and A4), printing, and the print policy."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from hrreader.cli import main as cli_main
from hrreader.content.compiled import open_library
from hrreader.ui.export import (
    ExportError,
    build_document,
    export_pdf,
    handout_for,
    section_html,
    suggested_file_name,
)

pypdf = pytest.importorskip("pypdf")
zxingcpp = pytest.importorskip("zxingcpp")

TODAY = dt.date(2026, 12, 1)
POINTS = {"letter": (612, 792), "a4": (595, 842)}


@pytest.fixture(scope="module")
def library():
    return open_library(None)


def pdf_text(path: Path) -> str:
    """All the PDF's text, with ligatures undone and whitespace collapsed."""
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("page_size", ["letter", "a4"])
def test_topic_handout_has_text_resources_branding_and_disclaimer(
    qapp, library, tmp_path, page_size
):
    out = tmp_path / f"overdose-{page_size}.pdf"
    pages = export_pdf(library, "topic:overdose-response", out, "en", page_size, today=TODAY)
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == pages >= 2
    width, height = POINTS[page_size]
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == width
        assert round(float(page.mediabox.height)) == height
    text = pdf_text(out)
    for expected in (
        "Responding to an overdose",
        "Signs of an opioid overdose",
        "Rub your knuckles hard up and down the middle of their chest.",
        "Good Samaritan laws",
        # Every resource the topic links to, with its number.
        "Emergency services (911)",
        "Call 911",
        "Never Use Alone",
        "1-800-484-3731",
        "Poison Help",
        "1-800-222-1222",
        "NEXT Distro",
        "Where to get help",
        "hrreader project",
        "Printed on 1 December 2026",
        "General information, not medical advice.",
        "Facts last reviewed on",
        f"Page 1 of {pages}",
        "Sources",
    ):
        assert expected in text, expected
    assert "Related topics" not in text, "the reader's own links mean nothing on paper"


def test_section_handout_holds_only_that_section(qapp, library, tmp_path):
    out = tmp_path / "section.pdf"
    address = "topic:naloxone#how-to-use-nasal-naloxone"
    assert export_pdf(library, address, out, "en", "a4", today=TODAY) == 1
    text = pdf_text(out)
    assert "How to use nasal naloxone" in text
    assert "Naloxone (Narcan)" in text, "says which topic it is from"
    assert "Lay the person on their back." in text
    for other in ("What naloxone does", "Where to get naloxone", "Storing and carrying"):
        assert other not in text, other
    assert "Emergency services (911)" in text
    assert "General information, not medical advice." in text


def test_self_harm_section_keeps_the_crisis_lines(qapp, library, tmp_path):
    topic = library.topic("self-harm", "en")
    out = tmp_path / "self-harm.pdf"
    export_pdf(library, f"topic:self-harm#{topic.sections[0].anchor}", out, "en", today=TODAY)
    text = pdf_text(out)
    assert "988 Suicide & Crisis Lifeline" in text
    assert "Crisis Text Line" in text and "741741" in text


def test_handout_resources_are_the_linked_ones_in_order(library):
    handout = handout_for(library, "topic:overdose-response", "en")
    assert [r.id for r in handout.resources] == [
        "emergency-911",
        "next-distro",
        "never-use-alone",
        "poison-help",
    ]


def test_handout_codes_scan(qapp, library):
    """Draw the laid-out document into an image and read every code on it back."""
    handout = handout_for(library, "topic:self-harm", "en")
    document = build_document(library, handout, 662, 100_000)
    scale = 2.0
    size = document.size()
    image = QImage(
        int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_RGB32
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(scale, scale)
    document.drawContents(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    codes = {
        b.text
        for b in zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_Grayscale8))
    }
    assert {"tel:988", "SMSTO:741741:HOME", "tel:911"} <= codes


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_codes_scan_from_the_printed_page(qapp, library, tmp_path):
    out = tmp_path / "crisis.pdf"
    pages = export_pdf(library, "topic:self-harm", out, "en", "letter", today=TODAY)
    found: set[str] = set()
    for page in range(1, pages + 1):
        prefix = tmp_path / f"page{page}"
        subprocess.run(
            ["pdftoppm", "-r", "150", "-f", str(page), "-l", str(page), "-png", out, prefix],
            check=True,
        )
        for png in tmp_path.glob(f"page{page}*.png"):
            image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
            found |= {b.text for b in zxingcpp.read_barcodes(image)}
    assert {"tel:988", "SMSTO:741741:HOME", "tel:911"} <= found


def test_unknown_addresses_are_refused(library, tmp_path):
    for address in ("topic:nope", "topic:naloxone#nope", "resource:lifeline-988", "https://x"):
        with pytest.raises(ExportError):
            handout_for(library, address, "en")
    assert not list(tmp_path.iterdir())


def test_section_html_stops_at_the_next_section():
    page = (
        '<h1>T</h1><h2 id="a">A</h2><p>one</p><h2 id="b">B</h2><p>two</p><hr class="footer-rule"/>x'
    )
    assert plain(section_html(page, "a")) == "A one"
    assert plain(section_html(page, "b")) == "B two"
    assert section_html(page, "c") == ""


def test_suggested_file_names():
    assert suggested_file_name("topic:naloxone") == "naloxone.pdf"
    assert suggested_file_name("topic:naloxone#where") == "naloxone-where.pdf"


# -- command line ------------------------------------------------------------------------
def test_cli_export(qapp, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    assert cli_main(["export", "topic:naloxone", str(out), "--page-size", "a4"]) == 0
    assert "Naloxone (Narcan)" in pdf_text(out)
    assert str(out) in capsys.readouterr().out


def test_cli_export_unknown_address_is_one_line_and_fails(qapp, tmp_path, capsys):
    out = tmp_path / "none.pdf"
    assert cli_main(["export", "topic:does-not-exist", str(out)]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("hrreader:") and "topic:does-not-exist" in err
    assert len(err.splitlines()) == 1
    assert not out.exists()


def test_cli_export_unknown_language_fails(qapp, tmp_path, capsys):
    assert cli_main(["export", "topic:naloxone", str(tmp_path / "x.pdf"), "--lang", "zz"]) != 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


# -- the window: print policy, printing and saving ---------------------------------------
def test_print_is_disabled_in_kiosk_and_enabled_with_allow_print(make_window):
    kiosk = make_window("--kiosk")
    assert not kiosk.action("print").isEnabled()
    assert not kiosk.action("export").isEnabled()
    assert not kiosk.print_handout() and not kiosk.export_handout("/tmp/never.pdf")
    allowed = make_window("--kiosk", "--allow-print")
    assert allowed.mode.name == "kiosk" and allowed.mode.allow_print
    assert allowed.action("print").isEnabled()
    assert allowed.action("export").isEnabled()


def test_print_is_enabled_in_personal_mode_with_the_standard_shortcut(window):
    action = window.action("print")
    assert action.isEnabled()
    assert any(key.toString() == "Ctrl+P" for key in action.shortcuts())


def test_print_action_prints_the_topic_being_read(window, desktop, tmp_path):
    window.open("topic:naloxone#where-to-get-naloxone")
    desktop.printer_output = str(tmp_path / "printed.pdf")
    window.action("print").trigger()
    text = pdf_text(tmp_path / "printed.pdf")
    assert "Naloxone (Narcan)" in text and "What naloxone does" in text


def test_cancelled_print_dialog_prints_nothing(window, desktop, tmp_path):
    desktop.printer_output = ""
    assert not window.print_handout()
    assert desktop.questions  # the dialog was asked
    assert not list(tmp_path.iterdir())


def test_export_action_saves_a_pdf_where_the_person_chose(window, desktop, tmp_path):
    window.open("topic:overdose-response")
    desktop.save_path = str(tmp_path / "for-my-friend")
    window.action("export").trigger()
    saved = tmp_path / "for-my-friend.pdf"
    assert "Responding to an overdose" in pdf_text(saved)
    assert any("overdose-response.pdf" in q for q in desktop.questions)


def pdf_text_sizes(path: Path) -> list[tuple[str, float]]:
    """Each piece of text on every page with the size it is drawn at, in points."""
    sizes: list[tuple[str, float]] = []
    for page in pypdf.PdfReader(str(path)).pages:

        def seen(text, cm, tm, _font, size, into=sizes):
            if text.strip():
                into.append((text.strip(), abs(size * tm[3] * cm[3])))

        page.extract_text(visitor_text=seen)
    return sizes


@pytest.mark.parametrize(("minimum", "lang"), [(18.0, "en"), (20.0, "es")])
def test_a_handout_keeps_the_minimum_text_size_everywhere(qapp, library, tmp_path, minimum, lang):
    """For a reader with low vision: the page, the small print of the sources, the QR
    captions, the header and the footer are all at least the minimum."""
    usual = tmp_path / "usual.pdf"
    large = tmp_path / "large.pdf"
    usual_pages = export_pdf(library, "topic:naloxone", usual, lang, today=TODAY)
    pages = export_pdf(library, "topic:naloxone", large, lang, today=TODAY, min_pt=minimum)
    assert pages > usual_pages
    assert min(size for _text, size in pdf_text_sizes(usual)) < 10, "small print without one"
    too_small = [(t, round(s, 1)) for t, s in pdf_text_sizes(large) if s < minimum - 0.5]
    assert not too_small
    text = pdf_text(large)
    footer = "General information, not medical advice." if lang == "en" else "médico"
    assert footer in text and "NEXT Distro" in text, "nothing lost at the larger size"
    assert ("Page" if lang == "en" else "Página") in text


def test_large_type_lists_one_resource_a_row(qapp, library):
    from hrreader.ui.export import ONE_RESOURCE_A_ROW_PT, handout_html

    handout = handout_for(library, "topic:naloxone", "en")
    assert len(handout.resources) >= 2

    def per_row(html: str) -> set[int]:
        rows = re.findall(r'<table class="help".*?</table>', html, flags=re.S)
        return {row.count('class="about"') for row in rows}

    assert max(per_row(handout_html(handout, library)[0])) == 2
    assert per_row(handout_html(handout, library, ONE_RESOURCE_A_ROW_PT)[0]) == {1}


def test_the_window_prints_and_saves_handouts_at_its_minimum_text_size(window, desktop, tmp_path):
    window.set_min_font_size(18, remember=False)
    window.open("topic:naloxone")
    desktop.save_path = str(tmp_path / "large.pdf")
    window.action("export").trigger()
    sizes = pdf_text_sizes(tmp_path / "large.pdf")
    assert sizes and min(size for _text, size in sizes) >= 17.5


def test_cli_export_takes_a_minimum_text_size(qapp, tmp_path, capsys):
    out = tmp_path / "large.pdf"
    assert cli_main(["export", "topic:naloxone", str(out), "--min-font-size", "16"]) == 0
    assert min(size for _text, size in pdf_text_sizes(out)) >= 15.5
