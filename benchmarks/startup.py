"""Start-up time and memory of the reader, as ratios against a bare PySide6 window.

    python benchmarks/startup.py                 # default pack, 7 runs each
    python benchmarks/startup.py --pack big.hrpack --runs 5

Each run is a fresh process. The clock starts just before the process is spawned and stops
when the child's first paint happens (for the reader: the reading pane painting its first
topic, built the way ``hrreader`` builds it: ``build_window(staged=True)``). Peak resident
memory is the child's own ``ru_maxrss`` at that moment. The reader's "settled" time and
memory are taken once the resources pane is built and search is ready, the moment the
whole window works. The bare window is measured in the same run, alternating with the
reader, so a busy machine slows both alike; the budget (DESIGN.md) is a ratio, not seconds.

Bytecode is compiled first (``compileall``), as ``pip install`` does for an installed
program: with ``PYTHONDONTWRITEBYTECODE=1`` (set on these machines) every run would
otherwise compile hrreader's sources again, about 150 ms that no user ever pays.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Prints the time and peak memory at the first paint of the widget it watches, then quits.
PAINT_SPY = r"""
import json, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer

class FirstPaint(QObject):
    def __init__(self, settled=None):
        super().__init__()
        self.settled = settled  # () -> bool: the whole window works
        self.result = {}

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            self.mark()
        return False

    def mark(self):
        self.result = {
            "painted": time.time(),
            "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "cpu": time.process_time(),
        }
        QTimer.singleShot(0, self.wait_settled)

    def wait_settled(self):
        if self.settled is not None and not self.settled():
            QTimer.singleShot(1, self.wait_settled)
            return
        self.result["settled"] = time.time()
        self.result["settled_rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(self.result), flush=True)
        app.quit()
"""

BARE = (
    PAINT_SPY
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

READER = (
    PAINT_SPY
    + r"""
from hrreader.ui.app import build_window, ensure_app  # as run_window does
from hrreader.ui.settings import MemoryStore

app = ensure_app()

window = build_window(sys.argv[1:], store=MemoryStore(), staged=True)
spy = FirstPaint(lambda: window._resources is not None and window.search.ready)
# The reader's own signal: asking for its viewport() would cost the reader ~50 enum types.
window.reader.firstPainted.connect(spy.mark)
window.resize(1200, 800)
window.show()
app.exec()
"""
)


def run_once(code: str, argv: list[str]) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return {
        "s": data["painted"] - start,
        "mib": data["rss_kib"] / 1024,
        "cpu_s": data["cpu"],
        "settled_s": data["settled"] - start,
        "settled_mib": data["settled_rss_kib"] / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pack", help="pack to open instead of the default")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    reader_argv = ["--pack", args.pack] if args.pack else []
    compileall.compile_dir(ROOT / "hrreader", quiet=1)
    run_once(BARE, [])  # warm the disk cache for both before measuring
    run_once(READER, reader_argv)
    bare: list[dict[str, float]] = []
    reader: list[dict[str, float]] = []
    for _ in range(args.runs):
        bare.append(run_once(BARE, []))
        reader.append(run_once(READER, reader_argv))
    bare_t, bare_m = [r["s"] for r in bare], [r["mib"] for r in bare]
    reader_t, reader_m = [r["s"] for r in reader], [r["mib"] for r in reader]
    settled_t = statistics.median(r["settled_s"] for r in reader)
    settled_m = statistics.median(r["settled_mib"] for r in reader)
    result = {
        "pack": args.pack or "default (compiled)",
        "runs": args.runs,
        "bare_s": statistics.median(bare_t),
        "reader_s": statistics.median(reader_t),
        "time_ratio": statistics.median(reader_t) / statistics.median(bare_t),
        "cpu_ratio": statistics.median(r["cpu_s"] for r in reader)
        / statistics.median(r["cpu_s"] for r in bare),
        "bare_mib": statistics.median(bare_m),
        "reader_mib": statistics.median(reader_m),
        "memory_ratio": statistics.median(reader_m) / statistics.median(bare_m),
        "settled_s": settled_t,
        "settled_mib": settled_m,
        "settled_time_ratio": settled_t / statistics.median(bare_t),
        "settled_memory_ratio": settled_m / statistics.median(bare_m),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"pack: {result['pack']}  ({args.runs} runs each, medians)")
        print(f"bare window   {result['bare_s'] * 1000:7.0f} ms  {result['bare_mib']:6.1f} MiB")
        print(f"hrreader      {result['reader_s'] * 1000:7.0f} ms  {result['reader_mib']:6.1f} MiB")
        print(
            f"ratio         {result['time_ratio']:7.2f} x   {result['memory_ratio']:6.2f} x"
            "   (budget: 1.3x default pack, 2x at 10,000 topics)"
        )
        print(
            f"CPU ratio     {result['cpu_ratio']:7.2f} x"
            "            (each process's own CPU time to the first paint, less"
            " affected by other work on the machine)"
        )
        print(
            f"settled       {result['settled_s'] * 1000:7.0f} ms  {settled_m:6.1f} MiB"
            f"   ({result['settled_time_ratio']:.2f} x, {result['settled_memory_ratio']:.2f} x:"
            " resources pane built and search ready)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
