"""Dask distributed against Ray on the distributed mode's own workload, on this machine.

    python -m bench.engines --docs 400 --shard-files 20

Runs the same shard tasks (`pipeline.distributed.run_shard`) on a two-process local
cluster of each engine that is importable, and measures: cluster start, the first
(cold: workers import the pipeline) and a second (warm) pass over every shard, the
per-task overhead of 2000 no-op tasks, and the resident memory of the engine's
processes when idle. Ray is not a project dependency: install it in a throwaway
environment to compare (see bench/README.md).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import corpus
from bench.measure import ROOT

NOOP_TASKS = 2000


def _noop(i: int) -> int:
    return i


def tree_rss_mb() -> float:
    """Resident memory of this process and all its descendants (engine daemons included)."""
    import psutil

    me = psutil.Process()
    procs = [me, *me.children(recursive=True)]
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total / 1e6


def _dask(workers: int):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)

    def run_all(fn: Callable, items: list) -> list:
        return client.gather(client.map(fn, items, pure=False))

    def close() -> None:
        client.close()
        cluster.close()

    return run_all, close


def _ray(workers: int):
    import ray

    # workers must import the project from its folder, as the Dask workers do
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    ray.init(num_cpus=workers, include_dashboard=False, logging_level="ERROR", log_to_driver=False)

    def run_all(fn: Callable, items: list) -> list:
        remote = ray.remote(num_cpus=1)(fn)
        return ray.get([remote.remote(x) for x in items])

    return run_all, ray.shutdown


ENGINES = {"dask": _dask, "ray": _ray}


def measure_engine(name: str, shards, shards_dir: Path, workers: int) -> dict[str, float]:
    from pipeline.distributed import run_shard

    t0 = time.perf_counter()
    run_all, close = ENGINES[name](workers)
    out = {"start_s": time.perf_counter() - t0}
    try:
        for label in ("cold_s", "warm_s"):
            shutil.rmtree(shards_dir, ignore_errors=True)
            shards_dir.mkdir(parents=True)
            t0 = time.perf_counter()
            results = run_all(lambda s: run_shard(s, str(shards_dir)), shards)
            out[label] = time.perf_counter() - t0
            out[label.replace("_s", "_task_s")] = sum(r.seconds for r in results)  # time inside the tasks
        t0 = time.perf_counter()
        run_all(_noop, list(range(NOOP_TASKS)))
        out["task_overhead_ms"] = 1000 * (time.perf_counter() - t0) / NOOP_TASKS
        out["idle_rss_mb"] = tree_rss_mb()
    finally:
        close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.engines", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--shard-files", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engines", nargs="+", default=list(ENGINES))
    ap.add_argument("--rounds", type=int, default=3, help="engines alternate within each round; medians")
    args = ap.parse_args(argv)
    from pipeline.distributed import plan

    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        pages = corpus.generate(Path(tmp) / "corpus", args.docs)
        shards = plan([Path(tmp) / "corpus"], args.shard_files)
        print(f"{len(pages)} pages in {len(shards)} shards, {args.workers} worker processes; load average "
              f"{os.getloadavg()[0]:.2f}\n")
        runs: dict[str, list[dict[str, float]]] = {}
        for _ in range(args.rounds):
            for name in args.engines:  # alternating, so a busy spell on a shared machine hits both
                try:
                    runs.setdefault(name, []).append(
                        measure_engine(name, shards, Path(tmp) / f"shards-{name}", args.workers))
                except ImportError:
                    runs[name] = []
        print(f"| engine | cluster start s | first pass s (cold) | second pass s (warm) | pages/s warm | "
              f"time inside tasks, warm s | no-op task overhead ms | idle RSS of driver + engine MB |"
              f"  (medians of {args.rounds})")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, ms in runs.items():
            if not ms:
                print(f"| {name} | not installed | | | | | |")
                continue
            m = {k: statistics.median(x[k] for x in ms) for k in ms[0]}
            print(f"| {name} | {m['start_s']:.1f} | {m['cold_s']:.1f} | {m['warm_s']:.1f} | "
                  f"{args.docs / m['warm_s']:.0f} | {m['warm_task_s']:.1f} | {m['task_overhead_ms']:.2f} | "
                  f"{m['idle_rss_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
