"""Several packs as one library, and a cheap signature to notice when a pack changes.

A clinic pack that says ``extends: default`` (or a second ``--pack``) adds to the pack under
it and overrides by id, without copying it:

- topics: by id, per language. A clinic's ``topics/en/naloxone.md`` replaces the English
  naloxone page; the Spanish one stays the bundled pack's until the clinic writes its own.
- resources: by id. An overridden resource keeps its place; new ones come after the base's,
  so the national crisis lines stay first in the crisis box.
- categories: the base's order; the overlay's new categories are added at the end, and a
  title the overlay gives replaces the base's in that language.
- languages: the overlay's when it lists them (a clinic chooses what its reader offers),
  else the base's.
- title, id, version: the overlay's. ``home`` and each ``branding`` field: the overlay's when
  it gives one, else the base's.

Findings keep the file they are about: when several packs are combined, each pack's findings
are prefixed with that pack's path.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from hrreader.content.library import Library
from hrreader.content.model import Branding, Category, Finding, PackError, PackInfo, Topic
from hrreader.content.source import LayeredSource, PackSource, walk_folder

#: A signature never stats more files than this (a pack may hold at most 20,000).
MAX_SIGNATURE_FILES = 25_000


def merge_info(base: PackInfo, overlay: PackInfo) -> PackInfo:
    """The manifest of ``overlay`` on top of ``base`` (see the module's rules)."""
    languages = overlay.languages or base.languages
    categories: list[Category] = []
    overlay_cats = {c.id: c for c in overlay.categories}
    for cat in base.categories:
        mine = overlay_cats.pop(cat.id, None)
        categories.append(Category(cat.id, {**cat.titles, **mine.titles}) if mine else cat)
    categories.extend(c for c in overlay.categories if c.id in overlay_cats)
    b, o = base.branding, overlay.branding
    return overlay._replace(
        languages=languages,
        home=overlay.home or base.home,
        home_line=overlay.home_line if overlay.home else base.home_line,
        categories=tuple(categories),
        branding=Branding(
            accent=o.accent or b.accent,
            logo=o.logo or b.logo,
            organisation=o.organisation or b.organisation,
            contact=o.contact or b.contact,
        ),
    )


def label_findings(findings: Iterable[Finding], label: str) -> list[Finding]:
    """``findings`` with ``label/`` in front of each path (which pack's file it is)."""
    if not label:
        return list(findings)
    prefix = label.rstrip("/\\") + "/"
    return [f._replace(path=prefix + f.path) for f in findings]


def merge_libraries(
    base: Library, overlay: Library, *, base_label: str = "", overlay_label: str = ""
) -> Library:
    """One library: ``overlay``'s topics and resources added to ``base``'s, overriding by id.

    The result renders every page fresh against the merged library (so links and the crisis
    box see both packs), except pages of a compiled base, which it asks the base for.
    """
    info = merge_info(base.info, overlay.info)
    by_lang: dict[str, dict[str, Topic]] = {}
    for lang in info.languages:
        by_lang[lang] = {**base.by_lang.get(lang, {}), **overlay.by_lang.get(lang, {})}
    overlay_res = {r.id: r for r in overlay.resources}
    resources = [overlay_res.pop(r.id, r) for r in base.resources]
    resources.extend(r for r in overlay.resources if r.id in overlay_res)
    sources: list[PackSource] = [s for s in (overlay.source, base.source) if s is not None]

    merged = Library(
        info=info,
        by_lang=by_lang,
        resources=tuple(resources),
        findings=[
            *label_findings(overlay.findings, overlay_label),
            *label_findings(base.findings, base_label),
        ],
        source=LayeredSource(sources) if len(sources) > 1 else (sources[0] if sources else None),
        base=base,
    )
    if base.html_lookup is not None:
        # A compiled base has no Markdown left to render: its own pages come from it.
        def html_lookup(topic_id: str, lang: str) -> str | None:
            topic = merged.by_lang.get(lang, {}).get(topic_id)
            if topic is not None and base.by_lang.get(lang, {}).get(topic_id) is topic:
                return base.html(topic_id, lang)
            return None

        merged.html_lookup = html_lookup
    return merged


def _paths(paths: str | Path | Sequence[str | Path] | None) -> list[Path]:
    if paths is None:
        return []
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def load_packs(paths: str | Path | Sequence[str | Path]) -> Library:
    """Load packs in order, each on top of the ones before (the first may extend default).

    With one path this is ``load_pack``. With several, each pack's findings carry its path.
    A compiled ``.hrpack`` cannot be combined (its Markdown is gone): give its folder or zip.
    """
    from hrreader.content import default_pack_path
    from hrreader.content.loader import load_pack

    todo = _paths(paths)
    if not todo:
        return load_pack(default_pack_path())
    for path in todo:
        if path.suffix == ".hrpack" and len(todo) > 1:
            raise PackError(
                f"{path}: a compiled pack cannot be combined with other packs; "
                "give its folder or .zip instead"
            )
    several = len(todo) > 1
    library: Library | None = None
    for path in todo:
        library = load_pack(path, base=library, label=str(path) if several else "")
    assert library is not None
    return library


def pack_signature(paths: str | Path | Sequence[str | Path] | None) -> str:
    """A short string that changes when any file of these packs is added, removed or changed.

    Cheap enough to call every few seconds while the reader is idle: it lists the files and
    reads their sizes and modification times (one ``stat`` each), and reads no content. The
    window keeps the signature it loaded with, polls, and when it differs reloads at the next
    reset or idle moment (never mid-sentence). ``None`` (the bundled pack) gives a constant.
    A path that cannot be read gives a signature too (it changes when the path comes back).
    """
    digest = hashlib.sha256()
    for path in _paths(paths):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            stat = path.stat()
        except OSError:
            digest.update(b"missing\0")
            continue
        if not path.is_dir():
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}\0".encode())
            continue
        for count, entry in enumerate(walk_folder(path)):
            if count >= MAX_SIGNATURE_FILES:
                break
            try:
                st = entry.stat(follow_symlinks=True)
                state = f"{st.st_size}:{st.st_mtime_ns}"
            except OSError:
                state = "unreadable"
            rel = os.path.relpath(entry.path, path)
            digest.update(f"{rel}\0{state}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]
