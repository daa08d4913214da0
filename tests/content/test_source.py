"""Reading a pack's files safely: links, sizes, duplicates, encodings, and YAML either way."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest

from hrreader.content import load_pack
from hrreader.content import loader as loader_module
from hrreader.content import source as source_module
from hrreader.content.loader import YamlProblem, parse_yaml
from hrreader.content.source import FolderSource, open_source

from .conftest import PNG_1X1, PackFactory, default_files, only

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need POSIX")


@POSIX
def test_links_inside_the_pack_are_followed(make_pack: PackFactory) -> None:
    folder = make_pack()
    os.symlink("kit.png", folder / "images/also.png")
    os.symlink("../images", folder / "topics/pictures")  # a folder link: not walked into
    os.symlink("nowhere.png", folder / "images/dangling.png")
    library = load_pack(folder)
    assert library.findings == []
    assert library.read_asset("images/also.png") == PNG_1X1
    assert "topics/pictures/kit.png" not in library.source.files()


@POSIX
def test_link_findings_reach_the_library(make_pack: PackFactory) -> None:
    folder = make_pack()
    os.symlink("/etc/hostname", folder / "images/host.png")
    library = load_pack(folder)
    finding = only(library.findings, "outside-pack")
    assert (finding.path, finding.severity) == ("images/host.png", "error")
    assert library.read_asset("images/host.png") is None


@POSIX
def test_folders_nested_deeper_than_the_stack_are_walked(tmp_path: Path) -> None:
    from .test_hostile_packs import hostile

    folder = hostile.deep_folders(tmp_path, depth=1_500)
    try:
        library = load_pack(folder)
        finding = only(library.findings, "too-deep")
        assert finding.path == "images" + "/a" * 16
    finally:
        hostile.remove_tree(folder)


def test_a_file_that_grows_after_listing_is_capped(
    make_pack: PackFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_pack()
    source = FolderSource(folder)
    monkeypatch.setattr(source_module, "MAX_FILE_BYTES", 100)
    (folder / "images/kit.png").write_bytes(b"x" * 500)
    with pytest.raises(OSError, match="larger than"):
        source.read("images/kit.png")


def test_files_over_the_cap_are_listed_as_findings(
    make_pack: PackFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_module, "MAX_FILE_BYTES", 5000)
    library = load_pack(make_pack({"images/big.png": PNG_1X1 + bytes(6000)}))
    finding = only(library.findings, "too-large")
    assert (finding.path, finding.line, finding.severity) == ("images/big.png", 1, "error")


def test_duplicate_zip_entries_warn(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in default_files().items():
            zf.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("images/kit.png", b"second")
    library = load_pack(path)
    finding = only(library.findings, "duplicate-file")
    assert (finding.path, finding.severity) == ("images/kit.png", "warning")


def test_zip_names_that_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "names.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in default_files().items():
            zf.writestr(name, data)
        zf.writestr("topics/en/two\nlines.md", "x")
    finding = only(load_pack(path).findings, "bad-name")
    assert (finding.path, finding.severity) == ("topics/en/two?lines.md", "error")


def test_read_asset_serves_pictures_only(small_library) -> None:
    assert small_library.read_asset("images/kit.png") == PNG_1X1
    for rel in ("pack.yaml", "resources.yaml", "topics/en/naloxone.md"):
        assert small_library.read_asset(rel) is None


def test_open_source_refuses_a_zip_with_too_many_entries_from_its_end_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_module, "MAX_ZIP_FILES", 5)
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for n in range(10):
            zf.writestr(f"images/{n}.png", b"")
    calls: list[object] = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: calls.append(a))
    from hrreader.content import PackError

    with pytest.raises(PackError, match="holds 10 files"):
        open_source(path)
    assert calls == []  # refused before the directory was read


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("---\ntitle: x\n---\n".encode("utf-16-le"), "NUL characters"),  # UTF-16 without a mark
        ("---\ntitle: x\n---\n".encode("utf-32"), "UTF-32"),
        ("---\ntitle: x\n---\n".encode("utf-16-be"), "NUL characters"),
        (b"\xfe\xff" + "x".encode("utf-16-be"), "UTF-16"),
    ],
)
def test_other_encodings_are_named(make_pack: PackFactory, data: bytes, says: str) -> None:
    library = load_pack(make_pack({"topics/en/odd.md": data}))
    finding = only(library.findings, "not-utf8")
    assert finding.path == "topics/en/odd.md" and says in finding.message


YAML_SAMPLES = [
    "a: 1\nb: [x, y]\nc: {d: 2026-11-01}\n",
    "- id: one\n  name: One\n- id: two\n  hours: {en: '24 hours, every day'}\n",
    "title: Naloxone\nkeywords: [narcan, 'nasal spray']\nreviewed: 2026-02-30\n",
    "a: 'quoted: text'\nb: |\n  block\n  text\n",
]
YAML_ERRORS = [
    "a: [1, 2\nb: 3\n",
    "a: b: c\n",
    "a:\n\t- tab\n",
    "a: &x 1\nb: *x\n",
    "a: !!python/object/apply:os.system [echo]\n",
    "a: " + "[" * 40 + "]" * 40 + "\n",
    "a: !!int abc\n",
]


@pytest.mark.skipif(loader_module._FastLineLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", YAML_SAMPLES + YAML_ERRORS)
def test_libyaml_and_pure_python_agree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def parse() -> object:
        try:
            data = parse_yaml(text)
        except YamlProblem as exc:
            return ("problem", exc.line, exc.message)
        return (data, _lines(data))

    fast = parse()
    monkeypatch.setattr(loader_module, "_FastLineLoader", None)
    assert parse() == fast


def _lines(data: object) -> object:
    if isinstance(data, dict):
        return (getattr(data, "key_lines", None), [_lines(v) for v in data.values()])
    if isinstance(data, list):
        return [_lines(v) for v in data]
    return None


def test_a_large_yaml_syntax_error_is_reported_without_a_slow_reparse() -> None:
    text = "- a: 1\n" * 19_000 + "- b: [\n"  # just over the 128 KiB of the pure-Python retry
    assert len(text) > loader_module._REPARSE_LIMIT
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert info.value.line >= 19_000


def test_resources_over_the_cap(make_pack: PackFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_YAML_BYTES", 800)  # pack.yaml is smaller
    library = load_pack(make_pack())
    finding = only(library.findings, "too-large")
    assert (finding.path, finding.line, finding.severity) == ("resources.yaml", 1, "error")
    assert library.resources == ()
