"""Where a pack's files come from: a folder or a zip, read only inside the pack.

Both sources refuse anything that would leave the pack (``..``, absolute paths, links that
point out), and cap sizes, so a hostile pack cannot read the rest of the disk or exhaust memory:
no file over ``MAX_FILE_BYTES``, at most ``MAX_FILES`` files and ``MAX_TOTAL_BYTES`` in all. A
zip's sizes are checked from its directory before anything is unpacked, and an entry is never
inflated past the size its header claims, so a zip bomb costs a finding, not a hang.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from hrreader.content.model import Finding, PackError

MAX_TOPIC_BYTES = 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_YAML_BYTES = 1024 * 1024
#: No file of a pack may be larger than the largest thing a pack holds (an image).
MAX_FILE_BYTES = MAX_IMAGE_BYTES
MAX_ZIP_FILES = 20_000
MAX_ZIP_TOTAL = 256 * 1024 * 1024
#: The same caps for folders (a folder pack is often a copy of a zip).
MAX_FILES = MAX_ZIP_FILES
MAX_TOTAL_BYTES = MAX_ZIP_TOTAL
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg"})


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB" if size < 10 * 1024 * 1024 else f"{size // 2**20} MiB"


def _too_large(rel: str, size: int) -> Finding:
    return Finding(
        rel,
        1,
        "error",
        "too-large",
        f"this file is {_mib(size)}; files in a pack may be at most "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MiB (images included), so it is ignored",
    )


def safe_rel_path(rel: str) -> str | None:
    """Normalise a pack-relative path, or ``None`` if it is absolute or climbs out with ``..``."""
    if not rel or "\\" in rel or "\x00" in rel:
        return None
    if rel.startswith("/") or PurePosixPath(rel).is_absolute() or ":" in rel.split("/", 1)[0]:
        return None
    norm = posixpath.normpath(rel)
    if norm in (".", "") or norm.startswith("../") or norm == "..":
        return None
    return norm


class PackSource(ABC):
    """Read-only access to one pack's files by pack-relative POSIX path."""

    name: str
    findings: list[Finding]

    @abstractmethod
    def files(self) -> list[str]: ...

    @abstractmethod
    def size(self, rel: str) -> int: ...

    @abstractmethod
    def read(self, rel: str) -> bytes: ...

    def exists(self, rel: str) -> bool:
        return rel in self._file_set()

    def _file_set(self) -> frozenset[str]:
        cached = getattr(self, "_files_cache", None)
        if cached is None:
            cached = frozenset(self.files())
            self._files_cache = cached
        return cached

    def read_asset(self, rel: str) -> bytes | None:
        """An image for the reading pane; ``None`` unless a png, jpg, gif or svg in the pack.

        SVGs are served sanitised (``svg.sanitise_svg``): no scripts, events or outside links.
        Other pictures only when they are what their name says and not too many pixels to
        decode (``images.image_problem``).
        """
        norm = safe_rel_path(rel)
        if norm is None or not self.exists(norm):
            return None
        suffix = PurePosixPath(norm).suffix.lower()
        if suffix not in IMAGE_SUFFIXES or self.size(norm) > MAX_IMAGE_BYTES:
            return None
        data = self.read(norm)
        if suffix == ".svg":
            from hrreader.content.svg import sanitise_svg

            return sanitise_svg(data)
        from hrreader.content.images import image_problem

        return None if image_problem(data, suffix) else data

    def content_hash(self) -> str:
        """SHA-256 over every file's path and bytes: the key for compiled packs and caches."""
        import hashlib  # only when hashing: opening a compiled pack needs none

        digest = hashlib.sha256()
        for rel in sorted(self.files()):
            digest.update(rel.encode("utf-8") + b"\0")
            try:
                digest.update(self.read(rel))
            except OSError:
                digest.update(b"\1unreadable")
            digest.update(b"\0")
        return digest.hexdigest()


#: Folders inside a pack deeper than this are not read (``topics/en`` is two).
MAX_FOLDER_DEPTH = 16
#: Control characters and lone surrogates. A pattern, compiled on first use (``re`` keeps it):
#: compiling its 2,048-surrogate range costs a start that never reads a folder about 1 ms.
_BAD_NAME = r"[\x00-\x1f\x7f\ud800-\udfff]"


def walk_folder(root: Path, findings: list[Finding] | None = None) -> Iterator[os.DirEntry[str]]:
    """Every entry under ``root`` (files, folders, links), in sorted order, without recursion.

    ``os.walk`` is recursive, so 1,500 nested folders overflow Python's stack; this walks
    with its own stack, never follows links to folders (no way out, no loops), skips hidden
    names (``.git``, ``.DS_Store``) and stops ``MAX_FOLDER_DEPTH`` folders down. Names that
    are not text (invalid UTF-8, control characters) are skipped with a finding.
    """
    stack: list[tuple[str, int]] = [(str(root), 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subfolders: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if re.search(_BAD_NAME, entry.name):
                if findings is not None:
                    shown = os.path.relpath(entry.path, root).encode("utf-8", "surrogateescape")
                    findings.append(
                        Finding(
                            shown.decode("utf-8", "replace").replace("\n", "?"),
                            1,
                            "error",
                            "bad-name",
                            "this name has characters that are not text; rename it",
                        )
                    )
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_folder:
                if depth + 1 > MAX_FOLDER_DEPTH:
                    if findings is not None:
                        findings.append(
                            Finding(
                                Path(os.path.relpath(entry.path, root)).as_posix(),
                                1,
                                "error",
                                "too-deep",
                                f"folders nested more than {MAX_FOLDER_DEPTH} deep are not read",
                            )
                        )
                    continue
                subfolders.append(entry.path)
            yield entry
        stack.extend((path, depth + 1) for path in reversed(subfolders))


class FolderSource(PackSource):
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.name = str(root)
        self.findings = []
        if not self.root.is_dir():
            raise PackError(f"{root}: no such folder")
        # Listed once, now: the findings (links that point out, files too large) must be
        # there before the loader copies them, and the list stays the same while loading.
        self._listing = self._scan()
        self._files_cache = frozenset(self._listing)

    def _outside(self, rel: str, message: str) -> None:
        self.findings.append(Finding(rel, 1, "error", "outside-pack", message))

    def _scan(self) -> dict[str, int]:
        out: dict[str, int] = {}
        total = 0
        for entry in walk_folder(self.root, self.findings):
            if entry.is_dir(follow_symlinks=False):
                continue
            path = Path(entry.path)
            rel = path.relative_to(self.root).as_posix()
            if entry.is_symlink() and (not self._check_link(path) or path.is_dir()):
                continue  # out of the pack, a loop, or a folder (never walked into)
            try:
                if not path.is_file():  # sockets, pipes, devices: never opened
                    continue
                size = path.stat().st_size
            except OSError:
                continue
            if len(out) >= MAX_FILES:
                raise PackError(f"{self.name}: holds more than the {MAX_FILES} files allowed")
            total += size
            if total > MAX_TOTAL_BYTES:
                raise PackError(
                    f"{self.name}: holds more than the "
                    f"{MAX_TOTAL_BYTES // (1024 * 1024)} MiB allowed"
                )
            if size > MAX_FILE_BYTES:
                self.findings.append(_too_large(rel, size))
                continue
            out[rel] = size
        return dict(sorted(out.items()))

    def _check_link(self, path: Path) -> bool:
        """Whether a symbolic link stays inside the pack; a finding when it does not."""
        rel = path.relative_to(self.root).as_posix()
        try:
            inside = path.resolve(strict=True).is_relative_to(self.root)
        except RuntimeError:  # Python before 3.13 says "Symlink loop" this way
            inside = None
        except OSError as exc:
            inside = None if exc.errno == errno.ELOOP else True  # a dangling link: no file
        if inside is None:
            self._outside(rel, "this link goes round in a loop, so it is ignored")
            return False
        if not inside:
            self._outside(rel, "this link points outside the pack, so it is ignored")
        return inside

    def files(self) -> list[str]:
        return list(self._listing)

    def _path(self, rel: str) -> Path:
        norm = safe_rel_path(rel)
        if norm is None or norm not in self._files_cache:
            raise OSError(f"{rel}: not in the pack")
        path = self.root / norm
        try:
            resolved = path.resolve()
        except RuntimeError as exc:
            raise OSError(f"{rel}: cannot be followed ({exc})") from None
        if not resolved.is_relative_to(self.root):
            raise OSError(f"{rel}: outside the pack")
        return resolved

    def size(self, rel: str) -> int:
        norm = safe_rel_path(rel)
        if norm is None or norm not in self._listing:
            raise OSError(f"{rel}: not in the pack")
        return self._listing[norm]

    def read(self, rel: str) -> bytes:
        path = self._path(rel)
        listed = self._listing[posixpath.normpath(rel)]
        with path.open("rb") as handle:
            # The listed size (plus one byte, to notice a file that grew since), and never
            # more than one byte past the cap.
            data = handle.read(listed + 1)
            if len(data) > listed:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
        if len(data) > MAX_FILE_BYTES:
            raise OSError(f"{rel}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        return data


class LayeredSource(PackSource):
    """Several packs' files as one, the first that has a file winning (for ``extends``)."""

    def __init__(self, sources: list[PackSource]) -> None:
        self.sources = sources
        self.name = " + ".join(s.name for s in sources)
        self.findings = []

    def files(self) -> list[str]:
        return sorted({rel for source in self.sources for rel in source.files()})

    def _owner(self, rel: str) -> PackSource:
        for source in self.sources:
            if source.exists(rel):
                return source
        raise OSError(f"{rel}: not in the pack")

    def exists(self, rel: str) -> bool:
        return any(source.exists(rel) for source in self.sources)

    def size(self, rel: str) -> int:
        return self._owner(rel).size(rel)

    def read(self, rel: str) -> bytes:
        return self._owner(rel).read(rel)

    def read_asset(self, rel: str) -> bytes | None:
        norm = safe_rel_path(rel)
        if norm is None or not self.exists(norm):
            return None
        return self._owner(norm).read_asset(norm)

    def content_hash(self) -> str:
        import hashlib  # only when hashing: opening a compiled pack needs none

        digest = hashlib.sha256()
        for source in self.sources:
            digest.update(source.content_hash().encode("ascii") + b"\0")
        return digest.hexdigest()


def open_source(path: str | Path) -> PackSource:
    """A source for a folder or a ``.zip``; ``PackError`` when neither can be read."""
    path = Path(path)
    if path.is_dir():
        return FolderSource(path)
    if path.is_file():
        import zipfile  # here, not above: a compiled pack opens without it (start-up)

        if zipfile.is_zipfile(path):
            from hrreader.content.zipsource import ZipSource

            return ZipSource(path)
    if not path.exists():
        raise PackError(f"{path}: no such file or folder")
    raise PackError(f"{path}: not a pack folder or a .zip file")
