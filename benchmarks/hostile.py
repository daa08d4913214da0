"""Time and peak memory of ``load_pack`` + ``check`` on every hostile pack.

The packs are the ones the tests use: the folders in ``tests/packs/`` and the ones
``tests/packs/hostile_builders.py`` builds (here at full size: the zip holds 25,000 files),
plus a zip bomb whose two entries inflate to 200 MiB each. Each pack is loaded and checked once to
warm up imports, then ``--repeat`` times; the time is the median, the memory the peak that
``tracemalloc`` saw during one load and check. The budget: each pack under 1 s and 100 MiB.

    python benchmarks/hostile.py [--repeat 3] [--json]

Exits 1 when a pack is over budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hrreader.content.lint import check_pack  # noqa: E402

BUDGET_SECONDS = 1.0
BUDGET_MIB = 100.0
TODAY = dt.date(2026, 11, 27)


def _builders():
    path = ROOT / "tests" / "packs" / "hostile_builders.py"
    spec = importlib.util.spec_from_file_location("hostile_builders", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _measure(path: Path, repeat: int) -> dict[str, object]:
    check_pack(path, today=TODAY)  # warm up: imports, dictionaries, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        report = check_pack(path, today=TODAY)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    check_pack(path, today=TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    seconds = statistics.median(times)
    mib = peak / (1024 * 1024)
    return {
        "seconds": round(seconds, 4),
        "peak_mib": round(mib, 2),
        "findings": sorted({f.code for f in report.findings}),
        "ok": seconds < BUDGET_SECONDS and mib < BUDGET_MIB,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    hostile = _builders()
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in hostile.folder_packs():
            results[name] = _measure(hostile.HERE / name, args.repeat)
        for name, build in hostile.BUILDERS.items():
            results[name] = _measure(build(root / name), args.repeat)
        # The real thing: 2 x 200 MiB of zeros in a zip of about 400 KiB.
        bomb = hostile.zip_bomb(root / "zip-bomb-200mib", size=200 * 1024 * 1024)
        results["zip-bomb-200mib"] = _measure(bomb, args.repeat)
    over = [name for name, r in results.items() if not r["ok"]]
    if args.json:
        print(json.dumps({"budget": [BUDGET_SECONDS, BUDGET_MIB], "packs": results}, indent=2))
    else:
        width = max(len(n) for n in results)
        print(f"{'pack':<{width}}  {'time':>8}  {'peak':>9}  findings")
        for name, r in results.items():
            flag = "" if r["ok"] else "  OVER BUDGET"
            print(
                f"{name:<{width}}  {r['seconds'] * 1000:>6.1f}ms  {r['peak_mib']:>6.2f}MiB  "
                f"{', '.join(r['findings']) or '-'}{flag}"
            )
        slowest = max(results.items(), key=lambda kv: kv[1]["seconds"])
        largest = max(results.items(), key=lambda kv: kv[1]["peak_mib"])
        print(
            f"budget: each pack under {BUDGET_SECONDS:g} s and {BUDGET_MIB:g} MiB; "
            f"slowest {slowest[0]} {slowest[1]['seconds'] * 1000:.0f} ms, "
            f"largest {largest[0]} {largest[1]['peak_mib']:.1f} MiB: "
            f"{'all within budget' if not over else 'OVER: ' + ', '.join(over)}"
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
