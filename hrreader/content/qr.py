"""What a resource's QR codes say: ``tel:``, ``SMSTO:`` and ``https:`` payloads, with no Qt.

A phone camera that scans one of these offers to call, to text (with the first message
filled in) or to open the website, so a person can take a number away without writing it
down. Numbers are written the way a US phone dials them: short codes stay short
(``988`` -> ``tel:988``), ten-digit numbers get the country code (``1-800-662-4357`` ->
``tel:+18006624357``), and a number that already starts with ``+`` is kept international.
"""

from __future__ import annotations

import re
from typing import Literal

from hrreader.content.model import Resource

#: What a QR code does when scanned; the UI turns it into a translated caption.
QrKind = Literal["call", "text", "website"]

#: Letters on a phone keypad, for numbers written like ``1-800-662-HELP``.
_KEYPAD = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "22233344455566677778889999",
)
#: Where the dialable part of a number ends: an extension or a pause.
_EXTENSION = re.compile(r"(?i)(?:\s*(?:ext\.?|extension|x)\s*\d+\s*$|\s*[,;].*$)")


def dial_digits(phone: str) -> str:
    """The digits a phone dials for ``phone`` (``+`` first when international); ``""`` if none."""
    text = _EXTENSION.sub("", phone.strip())
    if not any(c.isdigit() for c in text):
        return ""  # words alone ("none", "see website") are not a number
    text = text.upper().translate(_KEYPAD)
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        return f"+{digits}"
    if len(digits) == 10:  # US and Canada without the country code
        return f"+1{digits}"
    if len(digits) == 11 and digits.startswith("1"):
        return f"+{digits}"
    return digits  # 911, 988, 211 and other short codes


def tel_payload(phone: str) -> str:
    digits = dial_digits(phone)
    return f"tel:{digits}" if digits else ""


def sms_payload(number: str, body: str = "") -> str:
    """``SMSTO:NUMBER[:BODY]``, the form phone cameras (and zxing) read as "send a text"."""
    digits = dial_digits(number)
    if not digits:
        return ""
    body = body.strip()
    return f"SMSTO:{digits}:{body}" if body else f"SMSTO:{digits}"


def url_payload(url: str) -> str:
    url = url.strip()
    return url if url.lower().startswith("https://") else ""


def qr_payloads(resource: Resource) -> list[tuple[QrKind, str]]:
    """The resource's QR codes as ``(kind, payload)``: call first, then text, then website."""
    found: list[tuple[QrKind, str]] = [
        ("call", tel_payload(resource.phone) if resource.phone else ""),
        ("text", sms_payload(resource.sms, resource.sms_body) if resource.sms else ""),
        ("website", url_payload(resource.url) if resource.url else ""),
    ]
    return [(kind, payload) for kind, payload in found if payload]
