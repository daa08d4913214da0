"""What a resource's QR codes say (no Qt): tel: as dialled, SMSTO: with the body, https:."""

from __future__ import annotations

import datetime as dt

import pytest

from hrreader.content import default_pack_path, load_pack
from hrreader.content.model import Resource
from hrreader.content.qr import dial_digits, qr_payloads, sms_payload, tel_payload


@pytest.fixture(scope="module")
def library():
    return load_pack(default_pack_path())


def resource(**fields) -> Resource:
    base = {
        "id": "x",
        "names": {"en": "X"},
        "descriptions": {"en": "X"},
        "tags": (),
        "region": "US",
        "verified": dt.date(2026, 11, 1),
    }
    return Resource(**{**base, **fields})


def test_988_calls_and_texts_the_short_code(library):
    assert qr_payloads(library.resource("lifeline-988")) == [
        ("call", "tel:988"),
        ("text", "SMSTO:988"),
        ("website", "https://988lifeline.org"),
    ]


def test_crisis_text_line_prefills_the_message(library):
    assert qr_payloads(library.resource("crisis-text-line")) == [
        ("text", "SMSTO:741741:HOME"),
        ("website", "https://www.crisistextline.org"),
    ]


def test_samhsa_gets_the_country_code(library):
    assert qr_payloads(library.resource("samhsa-helpline")) == [
        ("call", "tel:+18006624357"),
        ("website", "https://www.samhsa.gov/find-help/helplines/national-helpline"),
    ]


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("988", "988"),
        ("911", "911"),
        ("211", "211"),
        ("1-800-662-4357", "+18006624357"),
        ("(800) 662-4357", "+18006624357"),
        ("800.662.4357", "+18006624357"),
        ("1-800-662-HELP", "+18006624357"),
        ("+44 20 7946 0000", "+442079460000"),
        ("555-123-4567 ext. 12", "+15551234567"),
        ("800-555-1234,,2", "+18005551234"),
        ("", ""),
        ("none", ""),
    ],
)
def test_numbers_are_written_as_a_phone_dials_them(written, dialled):
    assert dial_digits(written) == dialled
    assert tel_payload(written) == (f"tel:{dialled}" if dialled else "")


def test_sms_body_is_optional():
    assert sms_payload("741741", "HOME") == "SMSTO:741741:HOME"
    assert sms_payload("741741", "  ") == "SMSTO:741741"
    assert sms_payload("") == ""


def test_only_https_websites_get_a_code():
    assert qr_payloads(resource(url="http://example.org")) == []
    assert qr_payloads(resource(url="https://example.org")) == [("website", "https://example.org")]
    assert qr_payloads(resource()) == []


def test_every_default_resource_has_a_code(library):
    for res in library.resources:
        payloads = qr_payloads(res)
        assert payloads, res.id
        for kind, payload in payloads:
            prefix = {"call": "tel:", "text": "SMSTO:", "website": "https://"}[kind]
            assert payload.startswith(prefix), (res.id, payload)
