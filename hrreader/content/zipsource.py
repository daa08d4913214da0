"""Zipped packs: the ``PackSource`` for a ``.zip``, with its limits (see ``source``).

Apart from ``source`` so that opening a compiled pack, as every start does, never imports
``zipfile``.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from struct import error as struct_error

from hrreader.content import source as limits  # read at each use: tests lower them
from hrreader.content.model import Finding, PackError
from hrreader.content.source import _BAD_NAME, PackSource, _too_large, safe_rel_path


class ZipSource(PackSource):
    """A zipped pack; its files may sit at the top or inside one top-level folder."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self.findings = []
        _check_zip_directory(path)
        try:
            self._zip = zipfile.ZipFile(path)
        except Exception as exc:  # a damaged directory can fail in many ways; none may escape
            raise PackError(f"{path}: not a readable zip file ({exc})") from exc
        infos = [i for i in self._zip.infolist() if not i.is_dir()]
        if len(infos) > limits.MAX_ZIP_FILES:
            raise PackError(
                f"{path}: holds {len(infos)} files, more than the {limits.MAX_ZIP_FILES} allowed"
            )
        total = sum(i.file_size for i in infos)
        if total > limits.MAX_ZIP_TOTAL:
            raise PackError(
                f"{path}: unpacks to {total // (1024 * 1024)} MiB, more than the "
                f"{limits.MAX_ZIP_TOTAL // (1024 * 1024)} MiB allowed"
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
            if re.search(_BAD_NAME, rel):
                self.findings.append(
                    Finding(
                        re.sub(_BAD_NAME, "?", info.filename),
                        1,
                        "error",
                        "bad-name",
                        "this name has characters that are not text; rename it",
                    )
                )
                continue
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
            if info.file_size > limits.MAX_FILE_BYTES:
                self.findings.append(_too_large(norm, info.file_size))
                continue
            if norm in self._entries:
                self.findings.append(
                    Finding(
                        norm,
                        1,
                        "warning",
                        "duplicate-file",
                        "this file is in the zip twice; the last copy is used",
                    )
                )
            self._entries[norm] = info

    def files(self) -> list[str]:
        return sorted(self._entries)

    def size(self, rel: str) -> int:
        return self._entries[rel].file_size

    def read(self, rel: str) -> bytes:
        info = self._entries.get(rel)
        if info is None:
            raise OSError(f"{rel}: not in the pack")
        try:
            with self._zip.open(info) as handle:
                # Never trust the header's size: read at most one byte past it.
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            # A damaged entry (BadZipFile, zlib.error, EOFError), one compressed by a method
            # Python does not have (NotImplementedError) or an encrypted one (RuntimeError)
            # is an unreadable file, not a crash.
            raise OSError(f"{rel}: cannot be read from the zip ({exc})") from exc
        if len(data) > info.file_size:
            raise OSError(f"{rel}: larger than its zip header says")
        return data


def _check_zip_directory(path: Path) -> None:
    """Refuse a zip with too many entries from its end record, before reading its directory."""
    try:
        with path.open("rb") as handle:
            end = zipfile._EndRecData(handle)  # type: ignore[attr-defined]
    except (OSError, AttributeError, ValueError, struct_error):
        return  # ZipFile itself will say what is wrong
    if end and end[zipfile._ECD_ENTRIES_TOTAL] > limits.MAX_ZIP_FILES:  # type: ignore[attr-defined]
        raise PackError(
            f"{path}: holds {end[zipfile._ECD_ENTRIES_TOTAL]} files, "  # type: ignore[attr-defined]
            f"more than the {limits.MAX_ZIP_FILES} allowed"
        )
