"""Regenerate the compiled artefacts that ship in the repository.

    python tools/build_resources.py          # hrreader/ui/*.py -> translations/*.ts (lupdate)
                                             # translations/*.ts -> *.qm (lrelease)
                                             # resources.qrc -> hrreader/ui/resources_rc.py
                                             # default pack  -> hrreader/content/default.hrpack
    python tools/build_resources.py --add-language ht   # start hrreader_ht.ts

Tests fail when any of them is stale, so run this after changing an interface text, a
translation, an icon or any file of the default pack. A new interface
language: ``--add-language CODE``, translate the new .ts (Qt Linguist:
``pyside6-linguist``), add its .qm to resources.qrc under ``/i18n``, run this again.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QRC = ROOT / "resources.qrc"
RC_MODULE = ROOT / "hrreader" / "ui" / "resources_rc.py"
UI_DIR = ROOT / "hrreader" / "ui"
TRANSLATIONS = UI_DIR / "translations"


def pyside_tool(name: str) -> list[str]:
    """A PySide6 tool (pyside6-rcc, pyside6-lupdate ...) from the same environment as this
    Python, else from PATH."""
    exe = Path(sys.executable).with_name(name)
    return [str(exe) if exe.exists() else name]


def rcc_command() -> list[str]:
    return pyside_tool("pyside6-rcc")


def ui_sources() -> list[Path]:
    """The files whose ``tr()`` texts make up the interface: every module of hrreader/ui."""
    return sorted(p for p in UI_DIR.glob("*.py") if p.name != "resources_rc.py")


def ts_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("hrreader_*.ts"))


def lupdate(ts: list[Path], *extra: str) -> None:
    """Collect the interface texts into ``ts`` (new texts unfinished, removed ones dropped)."""
    subprocess.run(
        [
            *pyside_tool("pyside6-lupdate"),
            *(str(p.relative_to(ROOT)) for p in ui_sources()),
            "-no-obsolete",
            "-locations",
            "relative",
            *extra,
            "-ts",
            *(str(p.relative_to(ROOT)) for p in ts),
        ],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` to ``qm``; unfinished translations are left out (English shows)."""
    subprocess.run(
        [*pyside_tool("pyside6-lrelease"), "-nounfinished", "-silent", str(ts), "-qm", str(qm)],
        check=True,
        cwd=ROOT,
    )


def build_translations() -> None:
    """lupdate every hrreader_*.ts from the code, then lrelease each to its .qm."""
    files = ts_files()
    if not files:
        return
    lupdate(files)
    for ts in files:
        qm = ts.with_suffix(".qm")
        lrelease(ts, qm)
        print(f"wrote {qm.relative_to(ROOT)}")


def add_language(code: str) -> None:
    ts = TRANSLATIONS / f"hrreader_{code}.ts"
    if ts.exists():
        raise SystemExit(f"{ts.relative_to(ROOT)} exists already")
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    lupdate([ts], "-target-language", code)
    print(f"wrote {ts.relative_to(ROOT)}: translate it, then add this line to resources.qrc:")
    print(
        f'    <file alias="hrreader_{code}.qm">hrreader/ui/translations/hrreader_{code}.qm</file>'
    )


def qrc_inputs_hash() -> str:
    """SHA-256 of resources.qrc and every file it lists: what the compiled module came from.

    A content hash, not modification times, because a fresh clone gives every file the
    same time and would hide a stale module.
    """
    digest = hashlib.sha256(QRC.read_bytes())
    for name in re.findall(r"<file[^>]*>([^<]+)</file>", QRC.read_text(encoding="utf-8")):
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    return digest.hexdigest()


HASH_PREFIX = "# qrc-inputs-sha256: "


def recorded_qrc_hash() -> str:
    for line in RC_MODULE.read_text(encoding="utf-8").splitlines():
        if line.startswith(HASH_PREFIX):
            return line[len(HASH_PREFIX) :].strip()
    return ""


def build_qrc() -> None:
    subprocess.run(
        [*rcc_command(), "-g", "python", "--compress-algo", "zlib", str(QRC), "-o", str(RC_MODULE)],
        check=True,
        cwd=ROOT,
    )
    with RC_MODULE.open("a", encoding="utf-8") as handle:
        handle.write(f"{HASH_PREFIX}{qrc_inputs_hash()}\n")
    print(f"wrote {RC_MODULE.relative_to(ROOT)}")


def build_default_pack() -> None:
    sys.path.insert(0, str(ROOT))
    from hrreader.content import default_pack_path
    from hrreader.content.compiled import compile_pack, default_compiled_path
    from hrreader.content.loader import load_pack

    library = load_pack(default_pack_path())
    errors = library.errors()
    if errors:
        for finding in errors:
            print(finding.format(), file=sys.stderr)
        raise SystemExit("the default pack has errors; fix them before compiling")
    compile_pack(library, default_compiled_path()).close()
    print(f"wrote {default_compiled_path().relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--add-language"] and len(sys.argv) == 3:
        add_language(sys.argv[2])
        raise SystemExit(0)
    build_translations()
    build_qrc()
    build_default_pack()
