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
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hrreader.content.compiled import default_compiled_path  # noqa: E402

#: Ends the process at its first paint: counting stops with it.
EXIT_AT_PAINT = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            os._exit(0)
        return False
"""

BARE = (
    EXIT_AT_PAINT
    + r"""
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("Hello")
spy = FirstPaint()
label.installEventFilter(spy)
label.resize(1200, 800)
label.show()
app.exec()
"""
)

READER = r"""
import os, sys
import hrreader.ui.app as start
from hrreader.ui.main_window import MainWindow

# Under valgrind the first paint takes seconds: the fallback for a window that never
# paints must not build the rest of the window first.
MainWindow.FINISH_START_FALLBACK_MS = 600_000
show = start._show


def watch_and_show(window):
    window.reader.firstPainted.connect(lambda: os._exit(0))
    show(window)


start._show = watch_and_show
from hrreader.cli import main

main(sys.argv[1:])
"""


def prototype_code() -> str:
    """DESIGN.md's prototype as startup.py runs it, ending at its first paint."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import startup

    body = startup.PROTOTYPE[len(startup.PAINT_SPY) :]
    return EXIT_AT_PAINT + body


def instructions(code: str, argv: list[str], home: Path) -> int:
    """Instructions the program executes from its start to its first paint."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"))
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
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
        prototype = instructions(prototype_code(), [str(default_compiled_path())], home)
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
