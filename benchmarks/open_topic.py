"""Time from opening a topic to its page painted, for every topic of a pack (DESIGN.md's
budget: p95 under 30 ms).

    python benchmarks/open_topic.py                    # the bundled pack, 3 rounds
    python benchmarks/open_topic.py --pack big.hrpack --rounds 1 --limit 500

One window, as a person uses it: each topic is opened as a click in the topic tree opens it
(``MainWindow.open``), then the reading pane and the tree are painted at once
(``repaint``) and pending events handled. The clock stops when that returns: the page is
on the screen. Runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from in_process import settled_window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pack", help="pack to open instead of the default")
    parser.add_argument("--rounds", type=int, default=3, help="times each topic is opened")
    parser.add_argument("--limit", type=int, default=0, help="open only this many topics")
    args = parser.parse_args()
    app, window = settled_window("--size", "1200x800", pack=args.pack)
    topics = [t.address for t in window.library.topics(window.lang)]
    if args.limit:
        topics = topics[: args.limit]
    times: list[float] = []
    for _ in range(args.rounds):
        for address in topics:
            start = time.perf_counter()
            window.open(address)
            window.reader.repaint()
            window.sidebar.repaint()
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    pack = args.pack or "default (compiled)"
    print(f"pack: {pack}  ({len(topics)} topics, {args.rounds} rounds)")
    print(f"open a topic   median {statistics.median(times):5.1f} ms   p95 {p95:5.1f} ms")
    print("budget         p95 under 30 ms (DESIGN.md)")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
