"""Zipped packs load like folders, and a hostile zip can neither escape nor exhaust memory."""

from __future__ import annotations

import struct
import time
import zipfile
from pathlib import Path

import pytest

from hrreader.content import PackError, load_pack, render_topic
from hrreader.content import source as source_module
from hrreader.content.library import Library, iter_all_topics
from hrreader.content.source import open_source
from hrreader.content.zipsource import ZipSource

from .conftest import PackFactory, default_files, hostile_builders, zip_folder


def _snapshot(library: Library) -> dict[str, object]:
    """Everything a reader sees of a library, for comparing two ways of loading it."""
    return {
        "info": library.info,
        "topics": {(t.lang, t.id): t for t in iter_all_topics(library)},
        "order": [t.id for t in library.topics()],
        "resources": library.resources,
        "findings": sorted(library.findings, key=lambda f: (f.path, f.line, f.code)),
        "html": {t.id: render_topic(t, library, "en") for t in library.topics()},
        "image": library.read_asset("images/kit.png"),
    }


def _write_zip(path: Path, entries: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name), data)
    return path


@pytest.mark.parametrize("prefix", ["", "my-pack/"], ids=["files-at-top", "one-top-folder"])
def test_zip_loads_like_the_folder(make_pack: PackFactory, tmp_path: Path, prefix: str) -> None:
    folder = make_pack()
    zipped = zip_folder(folder, tmp_path / "pack.zip", prefix)
    from_folder = load_pack(folder)
    from_zip = load_pack(zipped)
    assert from_zip.findings == []
    assert _snapshot(from_zip) == _snapshot(from_folder)
    assert from_zip.read_asset("images/kit.png").startswith(b"\x89PNG")


def test_zip_with_findings_reports_the_same_findings(
    make_pack: PackFactory, tmp_path: Path
) -> None:
    folder = make_pack(
        {
            "topics/en/broken.md": b"---\ntitle: x\n---\n\xff\n",
            "topics/en/naloxone.md": PackFactory.topic("naloxone") + "\n[x](http://a.org)\n",
        }
    )
    zipped = zip_folder(folder, tmp_path / "pack.zip", "pack/")
    assert _snapshot(load_pack(zipped)) == _snapshot(load_pack(folder))
    assert {f.code for f in load_pack(zipped).findings} == {"not-utf8", "unsafe-link"}


def test_zip_with_directory_entries(make_pack: PackFactory, tmp_path: Path) -> None:
    folder = make_pack()
    out = tmp_path / "dirs.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for name in ("pack/", "pack/topics/", "pack/topics/en/", "pack/images/"):
            zf.writestr(zipfile.ZipInfo(name), b"")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, "pack/" + path.relative_to(folder).as_posix())
    assert _snapshot(load_pack(out)) == _snapshot(load_pack(folder))


def test_zip_hidden_entries_are_ignored(tmp_path: Path) -> None:
    entries = dict(default_files())
    entries["__MACOSX/._pack.yaml"] = b"\x00\x05"
    entries[".DS_Store"] = b"\x00"
    entries["topics/en/.draft.md"] = b"\xff"
    library = load_pack(_write_zip(tmp_path / "hidden.zip", entries))
    # __MACOSX is not hidden by a dot, but it is not a topic or a resource either.
    assert library.findings == []


def test_zip_without_pack_yaml_raises(tmp_path: Path) -> None:
    entries = {k: v for k, v in default_files().items() if k != "pack.yaml"}
    with pytest.raises(PackError, match=r"no pack\.yaml"):
        load_pack(_write_zip(tmp_path / "nopack.zip", entries))


def test_zip_with_two_top_folders_is_not_a_pack(tmp_path: Path) -> None:
    entries = {f"a/{k}": v for k, v in default_files().items()}
    entries["b/readme.txt"] = "x"
    with pytest.raises(PackError, match=r"no pack\.yaml"):
        load_pack(_write_zip(tmp_path / "two.zip", entries))


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "pack.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(PackError):
        load_pack(path)


@pytest.mark.parametrize(
    "name",
    [
        "../evil.md",
        "../../etc/cron.d/evil",
        "topics/en/../../../evil.md",
        "/etc/evil.md",
        "/topics/en/evil.md",
        "C:/evil.md",
        "topics\\en\\evil.md",
    ],
)
def test_zip_entries_outside_the_pack_are_findings(tmp_path: Path, name: str) -> None:
    entries = dict(default_files())
    entries[name] = PackFactory.topic("welcome")
    library = load_pack(_write_zip(tmp_path / "evil.zip", entries))
    finding = next(f for f in library.findings if f.code == "outside-pack")
    assert (finding.path, finding.line, finding.severity) == (name, 1, "error")
    assert len(library.findings) == 1
    assert "evil" not in " ".join(t.id for t in library.topics())
    assert len(library.topics()) == 3


def test_zip_entry_escaping_the_top_folder(tmp_path: Path) -> None:
    entries = {f"pack/{k}": v for k, v in default_files().items()}
    entries["pack/../evil.md"] = "x"
    library = load_pack(_write_zip(tmp_path / "evil.zip", entries))
    finding = next(f for f in library.findings if f.code == "outside-pack")
    assert finding.path == "pack/../evil.md"
    assert len(library.topics()) == 3


def test_zip_symlink_entries_are_findings(tmp_path: Path) -> None:
    out = tmp_path / "link.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in default_files().items():
            zf.writestr(name, data)
        link = zipfile.ZipInfo("topics/en/passwd.md")
        link.external_attr = (0o120777 << 16) | 0x20
        zf.writestr(link, "/etc/passwd")
    library = load_pack(out)
    finding = next(f for f in library.findings if f.code == "outside-pack")
    assert (finding.path, finding.line, finding.severity) == ("topics/en/passwd.md", 1, "error")
    assert library.topic("passwd") is None


def test_zip_with_too_many_files_raises_quickly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_module, "MAX_ZIP_FILES", 50)
    entries = dict(default_files())
    entries.update({f"images/{n}.png": b"" for n in range(60)})
    path = _write_zip(tmp_path / "many.zip", entries)
    start = time.perf_counter()
    with pytest.raises(PackError, match="more than the 50 allowed"):
        load_pack(path)
    assert time.perf_counter() - start < 1


def _patch_sizes(path: Path, size: int) -> None:
    """Claim ``size`` uncompressed bytes for every entry in the central directory."""
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def test_zip_too_large_in_total_raises_quickly(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "bomb.zip", dict(default_files()))
    # Headers claim 200 MiB per file: far over the 256 MiB total, yet nothing is read.
    _patch_sizes(path, 200 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(PackError, match="MiB allowed"):
        load_pack(path)
    assert time.perf_counter() - start < 1


def test_zip_total_cap_monkeypatched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_module, "MAX_ZIP_TOTAL", 1024)
    entries = dict(default_files())
    entries["images/big.png"] = b"\x00" * 4096
    with pytest.raises(PackError, match="unpacks to"):
        load_pack(_write_zip(tmp_path / "big.zip", entries))


def test_zip_entry_larger_than_its_header_is_not_read(tmp_path: Path) -> None:
    # A deflate bomb: the header says 10 bytes, the data inflates to far more.
    entries = dict(default_files())
    entries["images/bomb.png"] = b"\x00" * 1_000_000
    path = _write_zip(tmp_path / "liar.zip", entries)
    hostile_builders().understate_size(path, "images/bomb.png", 10)
    library = load_pack(path)
    assert library.findings == []
    assert library.read_asset("images/bomb.png") is None
    assert len(library.topics()) == 3


def test_damaged_zip_entry_is_a_finding_not_a_crash(make_pack: PackFactory, tmp_path: Path) -> None:
    path = zip_folder(make_pack(), tmp_path / "damaged.zip")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        for name in ("resources.yaml", "topics/en/naloxone.md"):
            info = zf.getinfo(name)
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            for i in range(start + 5, start + 25):
                data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    library = load_pack(path)
    unreadable = sorted(
        (f.path, f.line, f.severity) for f in library.findings if f.code == "unreadable"
    )
    assert unreadable == [("resources.yaml", 1, "error"), ("topics/en/naloxone.md", 1, "error")]
    assert library.topic("welcome") is not None
    assert library.topic("naloxone") is None


def test_damaged_pack_yaml_in_zip_raises_pack_error(make_pack: PackFactory, tmp_path: Path) -> None:
    path = zip_folder(make_pack(), tmp_path / "damaged.zip")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("pack.yaml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 2, start + 20):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(PackError, match=r"pack\.yaml"):
        load_pack(path)


def test_open_source_picks_folder_or_zip(make_pack: PackFactory, tmp_path: Path) -> None:
    folder = make_pack()
    zipped = zip_folder(folder, tmp_path / "p.zip")
    assert isinstance(open_source(zipped), ZipSource)
    assert open_source(folder).files() == open_source(zipped).files()
    assert open_source(folder).content_hash() == open_source(zipped).content_hash()
