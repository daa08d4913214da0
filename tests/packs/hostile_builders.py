"""Hostile packs too big, too binary or too system-specific to keep in git, made on demand.

Shared by ``tests/content/test_hostile_packs.py`` and ``benchmarks/hostile.py``: each
builder writes one pack under a folder it is given and returns the path to load (a folder
or a zip). The small hostile packs are plain folders next to this file.
"""

from __future__ import annotations

import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIB = 1024 * 1024

PACK_YAML = """\
format: 1
id: hostile
title: Hostile pack
version: "1"
languages: [en]
home: welcome
categories:
  - id: basics
    title: Basics
"""

WELCOME = """\
---
title: Welcome
category: basics
summary: A small pack that breaks one rule.
reviewed: 2026-11-01
sources:
  - title: "CDC: Overdose prevention"
    url: https://www.cdc.gov/overdose-prevention/
---

This pack breaks one rule on purpose.

## What it tests

See the folder name.
"""


def topic(title: str, body: str) -> str:
    """A topic with ``body``; the body starts on line 11."""
    return WELCOME.replace("title: Welcome", f"title: {title}").split("---\n\n", 1)[0] + (
        "---\n\n" + body
    )


def _base_files() -> dict[str, str | bytes]:
    return {"pack.yaml": PACK_YAML, "topics/en/welcome.md": WELCOME}


def _write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
    return folder


def _zip(path: Path, files: dict[str, str | bytes]) -> zipfile.ZipFile:
    path.parent.mkdir(parents=True, exist_ok=True)
    zf = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    for rel, content in files.items():
        zf.writestr(rel, content)
    return zf


def zip_slip(root: Path) -> Path:
    """Entries that climb out of the pack or are absolute."""
    path = root / "zip-slip.zip"
    with _zip(path, _base_files()) as zf:
        zf.writestr(zipfile.ZipInfo("../../evil.md"), "evil")
        zf.writestr(zipfile.ZipInfo("/etc/evil.md"), "evil")
        zf.writestr(zipfile.ZipInfo("topics/en/../../../evil.md"), "evil")
    return path


def zip_symlink(root: Path) -> Path:
    """A zip entry that is a symbolic link to /etc/passwd."""
    path = root / "zip-symlink.zip"
    with _zip(path, _base_files()) as zf:
        link = zipfile.ZipInfo("topics/en/passwd.md")
        link.external_attr = (0o120777 << 16) | 0x20
        zf.writestr(link, "/etc/passwd")
    return path


def zip_bomb(root: Path, size: int = 24 * MIB) -> Path:
    """A real deflate bomb: ``size`` bytes of zeros (24 MiB) squeezed into a few KiB, named
    as a topic and as an image. The benchmark builds the 200 MiB one."""
    path = root / "zip-bomb.zip"
    with _zip(path, _base_files()) as zf:
        for name in ("topics/en/zeros.md", "images/zeros.png"):
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as handle:
                chunk = bytes(MIB)
                for _ in range(size // MIB):
                    handle.write(chunk)
    return path


def zip_liar(root: Path) -> Path:
    """An entry whose header claims 20 bytes but that inflates to 8 MiB of zeros."""
    path = root / "zip-liar.zip"
    files = _base_files()
    files["topics/en/liar.md"] = b"\0" * (8 * MIB)
    with _zip(path, files):
        pass
    understate_size(path, "topics/en/liar.md", 20)
    return path


def understate_size(path: Path, name: str, size: int) -> None:
    """Make the zip at ``path`` claim that entry ``name`` inflates to ``size`` bytes, in its
    central directory and in its local header, whatever it really holds."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == name.encode("utf-8"):
            struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    path.write_bytes(bytes(data))


def zip_many_files(root: Path, count: int = 25_000) -> Path:
    """More entries than a pack may hold (the cap is 20,000)."""
    path = root / "zip-many-files.zip"
    with _zip(path, _base_files()) as zf:
        for n in range(count):
            zf.writestr(zipfile.ZipInfo(f"images/{n}.png"), b"")
    return path


def folder_links(root: Path) -> Path:
    """Links to a file and a folder outside the pack, and a link loop."""
    folder = _write(root / "folder-links", _base_files())
    os.symlink("/etc/passwd", folder / "topics/en/passwd.md")
    os.symlink("/etc", folder / "topics/etc")
    os.symlink("loop-b.md", folder / "topics/en/loop-a.md")
    os.symlink("loop-a.md", folder / "topics/en/loop-b.md")
    return folder


def fifo(root: Path) -> Path:
    """A named pipe where a topic should be: reading it would wait forever."""
    folder = _write(root / "fifo", _base_files())
    os.mkfifo(folder / "topics/en/pipe.md")
    return folder


def deep_folders(root: Path, depth: int = 40) -> Path:
    """Folders nested 40 deep (give 1,500 to overflow ``os.walk``; then delete the pack with
    ``remove_tree``, as ``shutil.rmtree`` overflows too)."""
    folder = _write(root / "deep-folders", _base_files())
    (folder / "images").mkdir()
    fd = os.open(folder / "images", os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("a", dir_fd=fd)
            inner = os.open("a", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    return folder


def remove_tree(path: Path) -> None:
    """Delete a folder tree of any depth, without recursion (and past PATH_MAX, by file
    descriptor)."""
    fds = [os.open(path, os.O_RDONLY)]
    names: list[str] = []
    while fds:
        fd = fds[-1]
        inner = None
        with os.scandir(fd) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    inner = entry.name
                    break
                os.unlink(entry.name, dir_fd=fd)
        if inner is not None:
            fds.append(os.open(inner, os.O_RDONLY, dir_fd=fd))
            names.append(inner)
            continue
        os.close(fds.pop())
        if names:
            os.rmdir(names.pop(), dir_fd=fds[-1])
    os.rmdir(path)


def bad_names(root: Path) -> Path:
    """File names that are not text: invalid UTF-8 and a newline."""
    folder = _write(root / "bad-names", _base_files())
    with open(os.fsencode(folder / "topics/en") + b"/caf\xe9.md", "wb") as handle:
        handle.write(WELCOME.encode())
    (folder / "topics/en/two\nlines.md").write_text(WELCOME, encoding="utf-8")
    return folder


def huge_topic(root: Path) -> Path:
    """A topic of just over 1 MiB."""
    body = ("Plain words on a line. " * 4 + "\n") * (MIB // 90)
    return _write(root / "huge-topic", {**_base_files(), "topics/en/huge.md": topic("Huge", body)})


def huge_image(root: Path) -> Path:
    """An 11 MiB picture."""
    data = b"\x89PNG\r\n\x1a\n" + bytes(11 * MIB)
    return _write(root / "huge-image", {**_base_files(), "images/huge.png": data})


def long_list(root: Path) -> Path:
    """A 10,000-line list."""
    body = "A long list.\n\n## The list\n\n" + "".join(f"- item {n}\n" for n in range(10_000))
    return _write(root / "long-list", {**_base_files(), "topics/en/list.md": topic("List", body)})


def deep_list(root: Path) -> Path:
    """A list nested 5,000 levels deep on one line, after one nested 60 levels on 60 lines."""
    body = (
        "A deep list.\n\n## The list\n\n"
        + "".join("    " * n + "- x\n" for n in range(60))
        + "\n"
        + "- " * 5_000
        + "x\n"
    )
    return _write(root / "deep-list", {**_base_files(), "topics/en/list.md": topic("List", body)})


def same_headings(root: Path) -> Path:
    """1,990 headings with the same text (unique anchors are made quadratically)."""
    body = "Many headings.\n\n" + "## Part\n" * 1_990
    return _write(
        root / "same-headings", {**_base_files(), "topics/en/parts.md": topic("Parts", body)}
    )


def big_yaml(root: Path) -> Path:
    """A resources.yaml just over the 1 MiB cap."""
    one = (
        '- id: line-{n}\n  name: Line {n}\n  description: {{en: "A line."}}\n  phone: "555"\n'
        "  tags: [crisis]\n  region: US\n  verified: 2026-11-01\n"
    )
    text = "".join(one.format(n=n) for n in range(MIB // len(one) + 100))
    return _write(root / "big-yaml", {**_base_files(), "resources.yaml": text})


#: name -> builder; the expected findings are in tests/content/test_hostile_packs.py.
BUILDERS: dict[str, Callable[[Path], Path]] = {
    "zip-slip": zip_slip,
    "zip-symlink": zip_symlink,
    "zip-bomb": zip_bomb,
    "zip-liar": zip_liar,
    "zip-many-files": zip_many_files,
    "folder-links": folder_links,
    "fifo": fifo,
    "deep-folders": deep_folders,
    "bad-names": bad_names,
    "huge-topic": huge_topic,
    "huge-image": huge_image,
    "long-list": long_list,
    "deep-list": deep_list,
    "same-headings": same_headings,
    "big-yaml": big_yaml,
}


def folder_packs() -> list[str]:
    """The hostile packs kept as folders next to this file."""
    return sorted(p.name for p in HERE.iterdir() if (p / "pack.yaml").is_file())
