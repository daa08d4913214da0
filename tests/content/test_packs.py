"""Several packs as one (``extends: default``, ``--pack`` twice), change detection, new-pack."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from hrreader.cli import main
from hrreader.content import PackError, default_pack_path, load_pack
from hrreader.content.compiled import compile_pack, open_compiled, open_library
from hrreader.content.library import iter_own_topics, own_resources
from hrreader.content.lint import check_pack
from hrreader.content.packs import load_packs, merge_libraries, pack_signature
from hrreader.content.source import LayeredSource
from hrreader.content.starter import starter_files, write_starter_pack

from .conftest import PNG_1X1, PackFactory, line_of, only

TODAY = dt.date(2026, 11, 27)

CLINIC_YAML = """\
format: 1
id: clinic
title: Example Clinic
version: "1"
extends: default
categories:
  - id: local
    title: {en: Our clinic}
  - id: support
    title: {en: "Help, treatment and privacy"}
branding:
  organisation: Example Clinic
  logo: images/kit.png
"""

CLINIC_RESOURCES = """\
- id: example-clinic
  name: Example Clinic
  description: {en: Walk in for naloxone and testing.}
  phone: "305-555-0100"
  tags: [naloxone, walk-in]
  region: Miami-Dade
  verified: 2026-11-01

- id: poison-help
  name: Poison Help (clinic copy)
  description: {en: Our own words about Poison Help.}
  phone: "1-800-222-1222"
  tags: [overdose, 24-7]
  region: US
  verified: 2026-11-01
"""

OUR_CLINIC = """\
---
title: Our clinic
category: local
summary: Where we are and what we offer.
reviewed: 2026-11-01
sources:
  - title: Example
    url: https://example.org
---

Call [the clinic](resource:example-clinic), or read how to use
[naloxone](topic:naloxone#how-to-use-nasal-naloxone). If you need help now, call
[988](resource:lifeline-988).

## Hours

We are open every day.
"""

NALOXONE_OVERRIDE = """\
---
title: Naloxone at our clinic
category: substances
summary: Free naloxone, and how to use it.
reviewed: 2026-11-01
sources:
  - title: "CDC: Lifesaving naloxone"
    url: https://www.cdc.gov/stop-overdose/caring/naloxone.html
---

Ask us for free naloxone. Call [the clinic](resource:example-clinic).

## How to use nasal naloxone

Spray it into one nostril, then call 911.
"""


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    for rel, text in {
        "pack.yaml": CLINIC_YAML,
        "resources.yaml": CLINIC_RESOURCES,
        "topics/en/our-clinic.md": OUR_CLINIC,
        "topics/en/naloxone.md": NALOXONE_OVERRIDE,
    }.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "images").mkdir()
    (folder / "images/kit.png").write_bytes(PNG_1X1)
    return folder


# --------------------------------------------------------------------------------------
# extends: default
# --------------------------------------------------------------------------------------
def test_extends_default_merges_without_copying(clinic: Path, default_library) -> None:
    library = load_pack(clinic)
    assert library.base is not None
    assert library.info.id == "clinic" and library.info.title("en") == "Example Clinic"
    # Languages, home and categories come from the default pack; new categories go last,
    # and a title the clinic gives replaces the default's in that language only.
    assert library.info.languages == ("en", "es")
    assert library.home == "welcome"
    ids = [c.id for c in library.categories]
    assert ids == [c.id for c in default_library.categories] + ["local"]
    support = library.info.category("support")
    assert support.titles["en"] == "Help, treatment and privacy"
    assert support.titles["es"] == default_library.info.category("support").titles["es"]
    # Topics: added, and overridden by id in English only.
    assert library.topic("our-clinic", "en").title == "Our clinic"
    assert library.topic("naloxone", "en").title == "Naloxone at our clinic"
    assert library.topic("naloxone", "es").title == default_library.topic("naloxone", "es").title
    assert len(library.topic_ids()) == len(default_library.topic_ids()) + 1
    # Resources: overridden in place, new ones after the default's.
    ids = [r.id for r in library.resources]
    assert ids[: len(default_library.resources)] == [r.id for r in default_library.resources]
    assert ids[-1] == "example-clinic"
    assert library.resource("poison-help").name("en") == "Poison Help (clinic copy)"
    assert [r.id for r in library.crisis_resources()] == [
        r.id for r in default_library.crisis_resources()
    ]
    # Branding: field by field, the clinic's first.
    assert library.info.branding.organisation == "Example Clinic"
    assert library.info.branding.accent == default_library.info.branding.accent
    assert library.read_asset("images/kit.png") == PNG_1X1
    assert isinstance(library.source, LayeredSource)


def test_extending_pack_renders_and_links_across_packs(clinic: Path) -> None:
    library = load_pack(clinic)
    html = library.html("our-clinic", "en")
    assert 'href="topic:naloxone#how-to-use-nasal-naloxone"' in html
    assert 'href="resource:example-clinic"' in html
    # A default page links to the overridden resource, which now shows the clinic's words.
    assert "resource:poison-help" in library.html("self-harm", "en")


def test_check_of_an_extending_pack_reports_only_its_own_files(clinic: Path) -> None:
    report = check_pack(clinic, today=TODAY)
    assert report.topic_count == 2 and report.resource_count == 2
    found = sorted((f.path, f.line, f.code) for f in report.findings)
    assert found == [
        ("topics/en/naloxone.md", 1, "missing-translation"),  # the bundled es page is shown
        ("topics/en/our-clinic.md", 1, "missing-translation"),
    ]
    library = load_pack(clinic)
    assert {t.path for t in iter_own_topics(library)} == {
        "topics/en/our-clinic.md",
        "topics/en/naloxone.md",
    }
    assert [r.id for r in own_resources(library)] == ["poison-help", "example-clinic"]


def test_extending_pack_links_are_checked_against_the_merge(clinic: Path) -> None:
    text = OUR_CLINIC + "\nSee [nothing](topic:naloxone#no-such-section).\n"
    (clinic / "topics/en/our-clinic.md").write_text(text, encoding="utf-8")
    finding = only(check_pack(clinic, today=TODAY).findings, "broken-link")
    assert (finding.path, finding.line) == ("topics/en/our-clinic.md", line_of(text, "no-such"))


def test_extending_pack_may_omit_what_it_inherits_but_not_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "pack.yaml").write_text("format: 1\nextends: default\n", encoding="utf-8")
    library = load_pack(folder)
    missing = sorted(f.message for f in library.findings if f.code == "missing-field")
    assert missing == ["'id' is required", "'title' is required", "'version' is required"]
    assert library.topic("naloxone") is not None


def test_an_extending_pack_can_choose_its_languages(clinic: Path) -> None:
    text = CLINIC_YAML.replace("extends: default", "extends: default\nlanguages: [en]")
    (clinic / "pack.yaml").write_text(text, encoding="utf-8")
    library = load_pack(clinic)
    assert library.info.languages == ("en",)
    assert library.resolve_lang("es") == "en"
    assert [f.code for f in check_pack(clinic, today=TODAY).findings] == []


def test_only_default_can_be_extended(make_pack: PackFactory) -> None:
    text = PackFactory.PACK_YAML + "extends: other-pack\n"
    library = load_pack(make_pack(pack_yaml=text))
    finding = only(library.findings, "bad-field")
    assert finding.line == line_of(text, "extends:")
    assert library.base is None


# --------------------------------------------------------------------------------------
# Several packs
# --------------------------------------------------------------------------------------
def test_load_packs_stacks_in_order_and_labels_findings(
    make_pack: PackFactory, clinic: Path
) -> None:
    second = make_pack(
        {"topics/en/welcome.md": PackFactory.topic("welcome") + "\n[x](topic:nowhere)\n"}
    )
    library = load_packs([clinic, second])
    assert library.info.id == "test-pack"
    assert library.topic("our-clinic") is not None  # from the first pack
    assert library.topic("self-harm") is not None  # from default, under the first
    assert library.topic("welcome").title == "Welcome"  # the second's
    broken = only(library.findings, "broken-link")
    assert broken.path == f"{second}/topics/en/welcome.md"
    assert any(f.path.startswith(f"{clinic}/") for f in library.findings)


def test_open_library_takes_one_path_or_several(clinic: Path, make_pack: PackFactory) -> None:
    second = make_pack()
    assert open_library(clinic).topic("our-clinic") is not None
    assert open_library([clinic]).topic("our-clinic") is not None
    both = open_library([clinic, second])
    assert both.topic("our-clinic") is not None and both.info.id == "test-pack"
    assert open_library([]).info.id == "hrreader-default"


def test_a_compiled_pack_cannot_be_combined(tmp_path: Path, clinic: Path) -> None:
    out = tmp_path / "clinic.hrpack"
    compile_pack(load_pack(clinic), out).close()
    compiled = open_compiled(out)
    assert compiled.topic("our-clinic") is not None  # self-contained: default included
    assert "Our clinic" in compiled.html("our-clinic", "en")
    with pytest.raises(PackError, match="cannot be combined"):
        load_packs([out, clinic])


def test_merging_onto_a_compiled_base_asks_it_for_its_pages(small_library, tmp_path) -> None:
    out = tmp_path / "small.hrpack"
    compile_pack(small_library, out).close()
    base = open_compiled(out)
    merged = merge_libraries(
        base, small_library.__class__(info=small_library.info, by_lang={}, resources=())
    )
    assert merged.html("naloxone", "en") == base.html("naloxone", "en")


def test_cli_pack_may_be_given_twice(clinic: Path, make_pack: PackFactory, capsys) -> None:
    second = make_pack()
    assert main(["topics", "--pack", str(clinic), "--pack", str(second)]) == 0
    out = capsys.readouterr().out
    assert "our-clinic" in out and "naloxone" in out and "overdose-response" in out


def test_window_options_keep_a_list(clinic: Path) -> None:
    from hrreader.cli import window_parser

    args = window_parser().parse_args(["--pack", str(clinic), "--pack", "x"])
    assert args.pack == [str(clinic), "x"]
    assert window_parser().parse_args([]).pack is None


# --------------------------------------------------------------------------------------
# Change detection
# --------------------------------------------------------------------------------------
def test_pack_signature_changes_with_the_files(make_pack: PackFactory, tmp_path: Path) -> None:
    folder = make_pack()
    first = pack_signature([folder])
    assert pack_signature(folder) == first == pack_signature([folder])
    topic = folder / "topics/en/naloxone.md"
    stat = topic.stat()
    topic.write_text(topic.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    changed = pack_signature(folder)
    assert changed != first
    os.utime(topic, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert pack_signature(folder) != changed  # same size, new time
    (folder / "topics/en/new.md").write_text("x", encoding="utf-8")
    added = pack_signature(folder)
    (folder / "topics/en/new.md").unlink()
    assert pack_signature(folder) != added
    (folder / ".hidden").write_text("x", encoding="utf-8")  # editors' files do not count
    assert pack_signature(folder) == pack_signature(folder)
    missing = pack_signature(tmp_path / "gone")
    assert missing == pack_signature(tmp_path / "gone") and missing != first
    assert pack_signature(None) == pack_signature([])


def test_pack_signature_is_cheap(make_pack: PackFactory) -> None:
    folder = make_pack()
    for n in range(500):
        (folder / "images" / f"{n}.png").write_bytes(b"")
    start = time.perf_counter()
    for _ in range(10):
        pack_signature(folder)
    assert (time.perf_counter() - start) / 10 < 0.1


def test_pack_signature_of_a_zip(make_pack: PackFactory, tmp_path: Path) -> None:
    from .conftest import zip_folder

    path = zip_folder(make_pack(), tmp_path / "p.zip")
    first = pack_signature(path)
    path.write_bytes(path.read_bytes() + b"\0")
    assert pack_signature(path) != first


# --------------------------------------------------------------------------------------
# new-pack
# --------------------------------------------------------------------------------------
def test_new_pack_is_clean(tmp_path: Path) -> None:
    folder = tmp_path / "My Clinic"
    written = write_starter_pack(folder, today=TODAY)
    assert {p.relative_to(folder).as_posix() for p in written} == set(starter_files(folder))
    report = check_pack(folder, today=TODAY)
    assert [f.format() for f in report.findings] == []
    assert (report.topic_count, report.resource_count) == (2, 1)
    library = load_pack(folder)
    assert library.info.id == "my-clinic"
    assert library.info.branding.logo == "images/logo.svg"
    assert library.read_asset("images/logo.svg").startswith(b"<?xml")
    welcome = library.topic("welcome")
    assert [s.anchor for s in welcome.sections] == ["how-to-find-your-way", "talk-to-us"]
    html = library.html("welcome")
    assert 'class="callout tip"' in html and 'href="resource:my-clinic"' in html
    assert 'href="topic:welcome#how-to-find-your-way"' in library.html("visit-us")


def test_new_pack_teaches_in_comments(tmp_path: Path) -> None:
    files = starter_files(tmp_path / "p", today=TODAY)
    assert files["pack.yaml"].count("#") > 15
    assert "# extends: default" in files["pack.yaml"]
    assert "<!--" in files["topics/en/welcome.md"]
    assert "!!! tip" in files["topics/en/welcome.md"]


def test_new_pack_refuses_a_folder_with_files(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    assert main(["new-pack", str(folder)]) == 0  # empty is fine
    assert main(["new-pack", str(folder)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["check", str(folder)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_the_default_pack_still_loads_alone() -> None:
    library = load_pack(default_pack_path())
    assert library.base is None and library.findings == []
