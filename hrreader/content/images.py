"""Is a pack's picture what its name says, and small enough in pixels to show?

A 100 KiB PNG can claim 50,000 x 50,000 pixels (a "decompression bomb"): decoding it would
need gigabytes. Qt has its own allocation limit, but the reader and ``check`` refuse such a
picture first, from its header, without decoding anything.
"""

from __future__ import annotations

import struct

#: 40 million pixels (about 8000 x 5000, 160 MiB decoded): far more than a page shows.
MAX_PIXELS = 40_000_000

_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xDA)):  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if marker in _SOF and pos + 9 <= len(data):
            height, width = struct.unpack_from(">HH", data, pos + 5)
            return width, height
        if length < 2:
            return None
        pos += 2 + length
    return None


def image_size(data: bytes, suffix: str) -> tuple[int, int] | None:
    """Width and height from a png, jpg or gif header; ``None`` when it cannot be read."""
    suffix = suffix.lower()
    try:
        if suffix == ".png" and len(data) >= 24 and data[12:16] == b"IHDR":
            return struct.unpack_from(">II", data, 16)
        if suffix == ".gif" and len(data) >= 10:
            return struct.unpack_from("<HH", data, 6)
        if suffix in (".jpg", ".jpeg"):
            return _jpeg_size(data)
    except struct.error:
        return None
    return None


def image_problem(data: bytes, suffix: str) -> str:
    """Why a png, jpg or gif cannot be shown ("" when it can): wrong kind, or too many pixels."""
    suffix = suffix.lower()
    magic = _MAGIC.get(suffix)
    if magic is None:
        return ""
    kind = "JPG" if suffix == ".jpeg" else suffix.lstrip(".").upper()
    if not data.startswith(magic):
        return (
            f"this file is not a {kind} picture, whatever its name says; "
            "save it again as png, jpg, gif or svg"
        )
    size = image_size(data, suffix)
    if size is None:
        return f"this {kind} picture is damaged (its size cannot be read); save it again"
    width, height = size
    if width * height > MAX_PIXELS:
        return (
            f"this picture is {width} x {height} pixels, more than the {MAX_PIXELS // 10**6} "
            "million a pack may use; make it smaller (a page needs at most about 2000 across)"
        )
    return ""
