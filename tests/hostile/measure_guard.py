"""Measurements for the hostile-input work (not a test: run by hand, the numbers go in reports).

    python -m tests.hostile.measure_guard cost [CORPUS] [--runs 3]
        ingest CORPUS unguarded with 1 worker, guarded with 1 and with 2 workers; the
        configurations interleaved round by round (the machine is shared), fresh catalogue
        each time; medians of the wall times.
    python -m tests.hostile.measure_guard batch [CORPUS]
        the hostile corpus (generated into a temporary folder) and CORPUS in one guarded
        batch: wall time, peak memory (ru_maxrss of this process and of its children),
        documents, and the `python -m pipeline problems` report.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from pipeline.ingest import ingest
from pipeline.load import problems_report
from tests.hostile.make_hostile import make

DEV = "/work/shared/corpus/dev"
CONFIGS = [("no guard, 1 worker", 1, False), ("guard, 1 worker", 1, True), ("guard, 2 workers", 2, True)]


def cost(corpus: str, runs: int) -> None:
    times: dict[str, list[float]] = {name: [] for name, _, _ in CONFIGS}
    docs: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(runs):
            for name, workers, guard in CONFIGS:
                db = Path(tmp) / f"{r}-{workers}-{guard}.db"
                t0 = time.perf_counter()
                summary = ingest([corpus], str(db), workers=workers, guard=guard)
                times[name].append(time.perf_counter() - t0)
                docs[name] = summary.documents
    base = statistics.median(times[CONFIGS[0][0]])
    print(f"{corpus}: {runs} runs each, interleaved")
    print(f"{'configuration':22} {'median s':>9} {'vs no guard':>12}  runs (s)             documents")
    for name, _, _ in CONFIGS:
        med = statistics.median(times[name])
        runs_s = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:22} {med:9.2f} {med / base:11.2f}x  {runs_s:20} {docs[name]}")


def batch(corpus: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        hostile = Path(tmp) / "hostile"
        make(hostile)
        db = Path(tmp) / "catalogue.db"
        t0 = time.perf_counter()
        summary = ingest([str(hostile), corpus], str(db), workers=2)
        wall = time.perf_counter() - t0
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(summary.line())
        print(f"wall {wall:.1f} s; peak RSS: this process {own:.0f} MB, largest child {children:.0f} MB "
              f"(workers {os.cpu_count()} cores)")
        print(problems_report(str(db), examples=2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("cost", "batch"))
    ap.add_argument("corpus", nargs="?", default=DEV)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    cost(args.corpus, args.runs) if args.what == "cost" else batch(args.corpus)


if __name__ == "__main__":
    main()
