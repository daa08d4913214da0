"""A kiosk left running: resident memory after many navigations and resets (DESIGN.md's
budget: 10,000 navigations and 500 resets grow it by less than 5 MiB).

    python benchmarks/kiosk_soak.py                          # 10,000 and 500
    python benchmarks/kiosk_soak.py --navigations 2000 --resets 100

One kiosk window goes from topic to topic as visitors would, and starts over for the next
person (``KioskController.reset``) at even intervals. Memory is measured after a warm-up
of 500 navigations and 25 resets (Qt's caches, fonts, glyphs and the search index fill
then), and again at the end, each time after a full garbage collection. Runs offscreen
unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time

from in_process import settled_window


def resident_mib() -> float:
    """Resident memory now (not the peak): what a kiosk running all day holds."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (this script needs Linux)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--navigations", type=int, default=10_000)
    parser.add_argument("--resets", type=int, default=500)
    parser.add_argument("--pack", help="pack to open instead of the default")
    args = parser.parse_args()
    app, window = settled_window("--kiosk", "--size", "1280x800", pack=args.pack)
    kiosk = window.kiosk
    assert kiosk is not None
    topics = [t.address for t in window.library.topics(window.lang)]

    def visit(navigations: int, resets: int) -> None:
        every = max(1, navigations // resets) if resets else 0
        for n in range(navigations):
            window.open(topics[n % len(topics)])
            app.processEvents()
            if every and n % every == every - 1:
                kiosk.reset()
                app.processEvents()

    visit(500, 25)
    gc.collect()
    before = resident_mib()
    start = time.perf_counter()
    visit(args.navigations, args.resets)
    gc.collect()
    after = resident_mib()
    print(
        f"{args.navigations} navigations and {args.resets} resets in "
        f"{time.perf_counter() - start:.0f} s"
    )
    print(f"resident memory  {before:6.1f} MiB -> {after:6.1f} MiB   ({after - before:+.2f} MiB)")
    print("budget           less than +5 MiB (DESIGN.md)")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
