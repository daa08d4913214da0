"""SVG pictures are served sanitised: no scripts, events, outside references or entity tricks."""

from __future__ import annotations

import time

import pytest

from hrreader.content import load_pack
from hrreader.content.svg import inspect_svg, sanitise_svg

from .conftest import PackFactory

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def _svg(inner: str, attrs: str = "") -> bytes:
    return f"<svg {NS} {attrs}>{inner}</svg>".encode()


def test_a_plain_drawing_is_kept_as_it_is() -> None:
    data = _svg(
        '<title>Logo</title><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
        '</linearGradient></defs><rect width="10" height="10" fill="url(#g)" '
        'style="stroke:#000"/><use xlink:href="#g"/><text x="1">A &amp; B</text>',
        'viewBox="0 0 10 10"',
    )
    result = inspect_svg(data)
    assert result.removed == []
    clean = result.data
    assert clean is not None
    for kept in (b"<title>Logo</title>", b'fill="url(#g)"', b'xlink:href="#g"', b"A &amp; B"):
        assert kept in clean
    assert sanitise_svg(clean) == clean  # idempotent


@pytest.mark.parametrize(
    ("inner", "attrs", "gone", "reported"),
    [
        ("<script>alert(1)</script>", "", b"alert", "<script>"),
        ('<rect onclick="alert(1)"/>', "", b"onclick", "onclick= on <rect>"),
        ("", 'onload="alert(1)"', b"onload", "onload= on <svg>"),
        ("<foreignObject><p>html</p></foreignObject>", "", b"foreignObject", "<foreignObject>"),
        ('<image href="https://evil.example/x.png"/>', "", b"evil", "<image>"),
        ('<use href="https://evil.example/x.svg#a"/>', "", b"evil", "href="),
        ('<use xlink:href="file:///etc/passwd#a"/>', "", b"passwd", "xlink:href="),
        ('<rect fill="url(https://evil.example/#g)"/>', "", b"evil", "fill="),
        ('<rect style="fill:url(http://evil.example/x)"/>', "", b"evil", "style="),
        ('<rect style="behavior:url(x.htc)"/>', "", b"behavior", "style="),
        ("<style>@import url(https://evil.example/x.css);</style>", "", b"import", "<style>"),
        ('<a href="javascript:alert(1)"><rect/></a>', "", b"javascript", "<a>"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "", b"javascript", "<set>"),
        ('<animate attributeName="href" values="javascript:x"/>', "", b"javascript", "<animate>"),
        ('<filter><feImage href="https://evil.example/x"/></filter>', "", b"evil", "<feImage>"),
    ],
)
def test_unsafe_parts_are_removed_and_reported(
    inner: str, attrs: str, gone: bytes, reported: str
) -> None:
    result = inspect_svg(_svg(inner + '<circle r="1"/>', attrs))
    assert result.data is not None and b"<circle" in result.data
    assert gone not in result.data
    assert any(reported in r for r in result.removed), result.removed


def test_editor_metadata_goes_quietly() -> None:
    data = (
        f'<svg {NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'inkscape:version="1.3"><metadata/><inkscape:grid/><g inkscape:label="L">'
        '<path d="M0 0"/></g></svg>'
    ).encode()
    result = inspect_svg(data)
    assert result.removed == []
    assert result.data is not None and b"inkscape" not in result.data and b"<path" in result.data


def test_editor_doctype_is_fine() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    )
    assert sanitise_svg(data) is not None


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            b"<!DOCTYPE svg [<!ENTITY a 'x'>]><svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>",
            "XML features",
        ),
        (
            b"<!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            b"<svg xmlns='http://www.w3.org/2000/svg'>&x;</svg>",
            "XML features",
        ),
        (b"<html><body>hi</body></html>", "not an SVG"),
        (b"<svg>no namespace</svg>", 'needs xmlns="http://www.w3.org/2000/svg"'),
        (b"\x89PNG not xml", "not well-formed"),
        (b"", "not well-formed"),
        (
            (
                "<svg xmlns='http://www.w3.org/2000/svg'>" + "<g>" * 200 + "</g>" * 200 + "</svg>"
            ).encode(),
            "nested",
        ),
    ],
)
def test_what_cannot_be_made_safe_is_refused(data: bytes, problem: str) -> None:
    result = inspect_svg(data)
    assert result.data is None
    assert problem in result.problem


def test_a_billion_laughs_is_refused_quickly() -> None:
    entities = "".join(f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    data = f'<!DOCTYPE svg [<!ENTITY l0 "lol">{entities}]><svg xmlns="http://www.w3.org/2000/svg">&l9;</svg>'
    start = time.perf_counter()
    assert sanitise_svg(data.encode()) is None
    assert time.perf_counter() - start < 0.5


def test_very_deep_nesting_does_not_overflow_the_stack() -> None:
    data = (
        "<svg xmlns='http://www.w3.org/2000/svg'>" + "<g>" * 50_000 + "</g>" * 50_000 + "</svg>"
    ).encode()
    assert sanitise_svg(data) is None


def test_read_asset_serves_the_sanitised_svg(make_pack: PackFactory) -> None:
    evil = _svg('<script>alert(1)</script><rect width="1"/>', 'onload="x()"')
    library = load_pack(make_pack({"images/logo.svg": evil}))
    data = library.read_asset("images/logo.svg")
    assert data is not None and b"<rect" in data and b"script" not in data and b"onload" not in data
    assert (
        load_pack(make_pack({"images/logo.svg": b"<html/>"})).read_asset("images/logo.svg") is None
    )


def test_compiled_pack_stores_the_sanitised_svg(make_pack: PackFactory, tmp_path) -> None:
    from hrreader.content.compiled import compile_pack, open_compiled

    evil = _svg('<script>alert(1)</script><rect width="1"/>')
    out = tmp_path / "p.hrpack"
    compile_pack(load_pack(make_pack({"images/logo.svg": evil})), out).close()
    data = open_compiled(out).read_asset("images/logo.svg")
    assert data is not None and b"script" not in data and b"<rect" in data
