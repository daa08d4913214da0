"""Search speed and memory at 100, 1,000 and 10,000 topics.

For each size this generates a synthetic pack (``make_pack.py``), then measures in a fresh
process, so one size's memory never counts against the next:

* ``build``: ``load_pack`` time, ``SearchIndex.build`` time (in memory), the index's size,
  per-query p50/p95/max over a fixed list of realistic queries (typos and Spanish included),
  and the peak resident memory of the whole process (pack loaded and index built);
* ``attach``: the app's case with a compiled pack: the index opened read-only from a file
  with ``SearchIndex.attach``, the same queries, and that process's peak memory.

Each query runs once to warm up, then ``--repeat`` times; percentiles are over all runs.

    python benchmarks/search.py [--sizes 100,1000,10000] [--seed 1] [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: (query, language): what people type, as they type it; ~40, fixed so runs compare.
QUERIES: list[tuple[str, str]] = [
    ("narcan", "en"),
    ("naloxone", "en"),
    ("how to use narcan", "en"),
    ("where to get narcan", "en"),
    ("overdose", "en"),
    ("od what do i do", "en"),
    ("someone is not breathing", "en"),
    ("fentanyl", "en"),
    ("fent strips", "en"),
    ("test strips", "en"),
    ("xylazine wound care", "en"),
    ("needle exchange", "en"),
    ("safer injection abscess", "en"),
    ("cutting", "en"),
    ("self harm", "en"),
    ("suicide hotline", "en"),
    ("988", "en"),
    ("crisis", "en"),
    ("talk to someone", "en"),
    ("i want to die", "en"),
    ("alcohol poisoning", "en"),
    ("benzos and alcohol", "en"),
    ("mixing drugs", "en"),
    ("meth", "en"),
    ("heroin withdrawal", "en"),
    ("detox", "en"),
    ("treatment near me", "en"),
    ("hiv test", "en"),
    ("safer sex", "en"),
    ("mental health support", "en"),
    ("support group peer", "en"),
    ("help", "en"),
    ("the", "en"),
    ("nalaxone", "en"),
    ("fentanil", "en"),
    ("suacide", "en"),
    ("narcain", "en"),
    ("nalox", "en"),
    ("ove", "en"),
    ("reduccion de danos", "es"),
    ("sobredosis", "es"),
    ("hablar con alguien", "es"),
]


def _peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _time_queries(index: object, repeat: int) -> dict[str, float]:
    search = index.search  # type: ignore[attr-defined]
    for query, lang in QUERIES:
        search(query, lang=lang)
    times: list[float] = []
    cpu: list[float] = []
    found = 0
    for _ in range(repeat):
        for query, lang in QUERIES:
            start, start_cpu = time.perf_counter(), time.thread_time()
            hits = search(query, lang=lang)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
            found += bool(hits)
    times.sort()
    cpu.sort()

    def p95(values: list[float]) -> float:
        return values[min(len(values) - 1, int(len(values) * 0.95))]

    return {
        "p50_ms": statistics.median(times),
        "p95_ms": p95(times),
        "max_ms": times[-1],
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": p95(cpu),
        "found": found / repeat,
    }


def _child_build(pack: str, index_file: str, repeat: int) -> dict[str, float]:
    from hrreader.content import load_pack
    from hrreader.content.search import SearchIndex

    start = time.perf_counter()
    library = load_pack(pack)
    load_s = time.perf_counter() - start
    errors = len(library.errors())
    rss_loaded = _peak_rss_mib()
    start, start_cpu = time.perf_counter(), time.process_time()
    index = SearchIndex.build(library)
    build_s = time.perf_counter() - start
    build_cpu_s = time.process_time() - start_cpu
    conn = index.conn
    size = (
        conn.execute("PRAGMA page_count").fetchone()[0]
        * conn.execute("PRAGMA page_size").fetchone()[0]
    )
    rows = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    start = time.perf_counter()
    index.warm_up()
    warm_s = time.perf_counter() - start
    result = {
        "topics": len(library.topics(library.default_lang)),
        "errors": errors,
        "rows": rows,
        "load_s": load_s,
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "index_mib": size / 2**20,
        "warm_ms": warm_s * 1000,
        "rss_loaded_mib": rss_loaded,
        **_time_queries(index, repeat),
    }
    disk = sqlite3.connect(index_file)
    conn.backup(disk)
    disk.close()
    result["rss_mib"] = _peak_rss_mib()
    return result


def _child_attach(index_file: str, repeat: int) -> dict[str, float]:
    from hrreader.content.search import SearchIndex

    uri = f"{Path(index_file).resolve().as_uri()}?mode=ro&immutable=1"
    start = time.perf_counter()
    index = SearchIndex.attach(sqlite3.connect(uri, uri=True, check_same_thread=False))
    index.warm_up()
    open_s = time.perf_counter() - start
    return {"open_ms": open_s * 1000, **_time_queries(index, repeat), "rss_mib": _peak_rss_mib()}


def _run_child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="topic counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "build":
            result = _child_build(rest[0], rest[1], args.repeat)
        else:
            result = _child_attach(rest[0], args.repeat)
        print(json.dumps(result))
        return 0

    from benchmarks.make_pack import make_pack

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    load_before = f"{os.getloadavg()[0]:.1f}"
    results = []
    with tempfile.TemporaryDirectory(prefix="hrreader-bench-") as tmp:
        for size in sizes:
            pack = Path(tmp) / f"pack-{size}"
            start = time.perf_counter()
            make_pack(pack, size, args.seed)
            make_s = time.perf_counter() - start
            index_file = str(Path(tmp) / f"index-{size}.sqlite")
            built = _run_child("build", str(pack), index_file, "--repeat", str(args.repeat))
            attached = _run_child("attach", index_file, "--repeat", str(args.repeat))
            results.append({"size": size, "make_s": make_s, "build": built, "attach": attached})
            print(f"measured {size} topics", file=sys.stderr)

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{len(QUERIES)} queries x {args.repeat} runs; {os.cpu_count()} CPUs; "
        f"SQLite {sqlite3.sqlite_version}; Python {sys.version.split()[0]}; "
        f"load average {load_before} before, {os.getloadavg()[0]:.1f} after"
    )
    header = (
        "topics", "rows", "errors", "load s", "build s (cpu)", "index MiB",
        "p50 ms", "p95 ms (cpu)", "max ms", "RSS MiB",
        "att. p50", "att. p95 (cpu)", "att. RSS",
    )  # fmt: skip
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for r in results:
        b, a = r["build"], r["attach"]
        cells = (
            f"{r['size']:,}", f"{b['rows']:,}", f"{b['errors']}", f"{b['load_s']:.2f}",
            f"{b['build_s']:.2f} ({b['build_cpu_s']:.2f})", f"{b['index_mib']:.1f}",
            f"{b['p50_ms']:.2f}", f"{b['p95_ms']:.2f} ({b['cpu_p95_ms']:.2f})",
            f"{b['max_ms']:.2f}", f"{b['rss_mib']:.0f}",
            f"{a['p50_ms']:.2f}", f"{a['p95_ms']:.2f} ({a['cpu_p95_ms']:.2f})",
            f"{a['rss_mib']:.0f}",
        )  # fmt: skip
        print(" | ".join(cells))
    print(
        "\nRSS: peak resident memory of the process that loaded the pack (Markdown and all) and "
        "built the index in memory;\natt.: a fresh process that opened the built index from a "
        "file read-only (a compiled pack), as the app does.\n(cpu): the same, counting only this "
        "process's CPU time: on a busy machine wall time includes waiting for a core."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
