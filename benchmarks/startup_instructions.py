"""Start-up cost in machine instructions, counted by valgrind: the same every run.

    python benchmarks/startup_instructions.py
    python benchmarks/startup_instructions.py --pack big.hrpack

``startup.py`` times real runs, and on a shared two-core machine those drift by a third
from one minute to the next. Counting the instructions each program executes up to its
first paint (valgrind's callgrind tool) gives the same number on every run, to a tenth of a
percent, so a change that saves 1 % shows as 1 %. The ratios are of the same programs
``startup.py`` times: a bare PySide6 window with one label, the reader through
``hrreader.cli.main`` in a fresh home, and DESIGN.md's prototype. Time per instruction is
not the same for all three (the bare window spends more of its time loading libraries), so
these ratios run a little above the timed ones; use them to compare changes, and
``startup.py`` for the budget.

Needs valgrind (Debian: ``apt install valgrind``); a run takes about a minute.
"""

from __future__ import annotations

import argparse
import compileall
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The programs, their environment and this checkout, shared with the timings.
import startup
from startup import ROOT, default_compiled_path

#: Ends the process once its first paint is drawn: counting stops with it.
EXIT_AT_PAINT = r"""
import os, sys


class FirstPaint:
    def painted(self):
        os._exit(0)
"""

BARE = EXIT_AT_PAINT + startup.BARE_BODY
PROTOTYPE = EXIT_AT_PAINT + startup.PROTOTYPE_BODY

READER = (
    r"""
import os, sys


def on_import(app_module):
    # Under valgrind the first paint takes seconds: the fallback for a window that never
    # paints must not build the rest of the window first.
    app_module.MainWindow.FINISH_START_FALLBACK_MS = 600_000


def watch(window):
    window.reader.firstPainted.connect(lambda: os._exit(0))
"""
    + startup.RUN_READER
)


def instructions(code: str, argv: list[str], home: Path) -> int:
    """Instructions the program executes from its start to its first paint."""
    env = startup.child_env(home)
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            code,
            *argv,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=900,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise RuntimeError(f"valgrind printed no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pack", help="pack to open instead of the default")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    compileall.compile_dir(ROOT / "hrreader", quiet=1)
    reader_argv = ["--pack", args.pack] if args.pack else []
    with tempfile.TemporaryDirectory(prefix="hrreader-bench-") as scratch:
        home = Path(scratch) / "home"
        bare = instructions(BARE, [], home)
        reader = instructions(READER, reader_argv, home)
        prototype = instructions(PROTOTYPE, [str(default_compiled_path())], home)
    print(f"pack: {args.pack or 'default (compiled)'}  (instructions to the first paint)")
    print(f"bare window   {bare / 1e6:8.1f} million")
    print(f"hrreader      {reader / 1e6:8.1f} million   {reader / bare:5.2f} x")
    print(
        f"prototype     {prototype / 1e6:8.1f} million   {prototype / bare:5.2f} x"
        "   (DESIGN.md's tree, page and list, nothing else)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
