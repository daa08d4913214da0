"""Regenerate the compiled artefacts that ship in the repository.

    python tools/build_resources.py          # resources.qrc -> hrreader/ui/resources_rc.py
                                             # default pack  -> hrreader/content/default.hrpack

Tests fail when either is stale, so run this after changing an icon, a stylesheet or
any file of the default pack.
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


def rcc_command() -> list[str]:
    """pyside6-rcc from the same environment as this Python."""
    exe = Path(sys.executable).with_name("pyside6-rcc")
    return [str(exe) if exe.exists() else "pyside6-rcc"]


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
    build_qrc()
    build_default_pack()
