"""Where a pack's files come from: a folder or a zip, read only inside the pack.

Both sources refuse anything that would leave the pack (``..``, absolute paths, links that
point out), and cap sizes, so a hostile pack cannot read the rest of the disk or exhaust memory.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from abc import ABC, abstractmethod
from pathlib import Path, PurePosixPath

from hrreader.content.model import Finding, PackError

MAX_TOPIC_BYTES = 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_ZIP_FILES = 20_000
MAX_ZIP_TOTAL = 256 * 1024 * 1024
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg"})


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
        """An image or other file for the reading pane; ``None`` unless safely inside the pack."""
        norm = safe_rel_path(rel)
        if norm is None or not self.exists(norm):
            return None
        if self.size(norm) > MAX_IMAGE_BYTES:
            return None
        return self.read(norm)

    def content_hash(self) -> str:
        """SHA-256 over every file's path and bytes: the key for compiled packs and caches."""
        digest = hashlib.sha256()
        for rel in sorted(self.files()):
            digest.update(rel.encode("utf-8") + b"\0")
            digest.update(self.read(rel))
            digest.update(b"\0")
        return digest.hexdigest()


class FolderSource(PackSource):
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.name = str(root)
        self.findings = []
        if not self.root.is_dir():
            raise PackError(f"{root}: no such folder")

    def files(self) -> list[str]:
        out: list[str] = []
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root).as_posix()
            if any(part.startswith(".") for part in rel.split("/")):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(self.root):
                    self.findings.append(
                        Finding(
                            rel,
                            1,
                            "error",
                            "outside-pack",
                            "this link points outside the pack, so it is ignored",
                        )
                    )
                    continue
            if path.is_file():
                out.append(rel)
        return out

    def _path(self, rel: str) -> Path:
        norm = safe_rel_path(rel)
        if norm is None:
            raise OSError(f"{rel}: outside the pack")
        path = (self.root / norm).resolve()
        if not path.is_relative_to(self.root):
            raise OSError(f"{rel}: outside the pack")
        return path

    def size(self, rel: str) -> int:
        return self._path(rel).stat().st_size

    def read(self, rel: str) -> bytes:
        return self._path(rel).read_bytes()


class ZipSource(PackSource):
    """A zipped pack; its files may sit at the top or inside one top-level folder."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self.findings = []
        try:
            self._zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise PackError(f"{path}: not a readable zip file ({exc})") from exc
        infos = [i for i in self._zip.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_FILES:
            raise PackError(
                f"{path}: holds {len(infos)} files, more than the {MAX_ZIP_FILES} allowed"
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_ZIP_TOTAL:
            raise PackError(
                f"{path}: unpacks to {total // (1024 * 1024)} MiB, more than the "
                f"{MAX_ZIP_TOTAL // (1024 * 1024)} MiB allowed"
            )
        names = [i.filename for i in infos]
        prefix = ""
        if "pack.yaml" not in names:
            tops = {n.split("/", 1)[0] for n in names if "/" in n}
            if len(tops) == 1:
                prefix = next(iter(tops)) + "/"
        self._entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if not info.filename.startswith(prefix):
                continue
            rel = info.filename[len(prefix) :]
            norm = safe_rel_path(rel)
            is_link = (info.external_attr >> 16) & 0o170000 == 0o120000
            if norm is None or is_link:
                self.findings.append(
                    Finding(
                        info.filename,
                        1,
                        "error",
                        "outside-pack",
                        "this zip entry points outside the pack, so it is ignored",
                    )
                )
                continue
            if any(part.startswith(".") for part in norm.split("/")):
                continue
            self._entries[norm] = info

    def files(self) -> list[str]:
        return sorted(self._entries)

    def size(self, rel: str) -> int:
        return self._entries[rel].file_size

    def read(self, rel: str) -> bytes:
        info = self._entries.get(rel)
        if info is None:
            raise OSError(f"{rel}: not in the pack")
        with self._zip.open(info) as handle:
            # Never trust the header's size: read at most one byte past it.
            data = handle.read(info.file_size + 1)
        if len(data) > info.file_size:
            raise OSError(f"{rel}: larger than its zip header says")
        return data


def open_source(path: str | Path) -> PackSource:
    """A source for a folder or a ``.zip``; ``PackError`` when neither can be read."""
    path = Path(path)
    if path.is_dir():
        return FolderSource(path)
    if path.is_file() and zipfile.is_zipfile(path):
        return ZipSource(path)
    if not path.exists():
        raise PackError(f"{path}: no such file or folder")
    raise PackError(f"{path}: not a pack folder or a .zip file")
