"""`make bench`: the naive baseline against the real ingest, on the same synthetic pages.

    python -m bench.run --docs 1000 --rounds 3            # make bench
    python -m bench.run --smoke                           # make bench-smoke: 40 pages, 1 round
    python -m bench.run --docs 1000 --catalogue-scale 200000   # + the query side at 200k documents

Each round runs, in rotated order, every command as a child process on a fresh
database: the naive baseline, `python -m pipeline ingest --workers 2` followed by a
re-ingest of the unchanged corpus, `--workers 1`, and `--workers 2` on a quarter of the
corpus (peak memory at two sizes). Then the stages are profiled in process. Prints
Markdown and writes it with the raw figures to OUT/results.md and OUT/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from bench import corpus, measure, report, stage_costs

OUT = measure.ROOT / "bench" / "out"
SMOKE_DOCS, SMOKE_ROUNDS = 40, 1
PROFILE_PAGES = 200
STEPS = ("naive", "w2", "w1", "small_w2")


def rel(path: Path) -> str:
    """Paths inside the project as relative ones, as `make ingest` passes them."""
    try:
        return str(path.relative_to(measure.ROOT))
    except ValueError:
        return str(path)


def fresh(db: Path) -> Path:
    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    return db


def ingest_args(folder: Path, db: Path, workers: int) -> list[str]:
    return ["-m", "pipeline", "ingest", rel(folder), "--db", rel(db), "--workers", str(workers)]


def count_documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def run_step(step: str, work: Path, r: dict) -> None:
    """One measured step of one round; appends its figures to `r`."""
    runs = r["runs"]
    if step == "naive":
        db = fresh(work / "naive.db")
        runs["naive"].append(asdict(measure.run(["-m", "bench.naive", rel(work / "corpus"), "--db", rel(db)])))
        r["naive_db_mb"].append(measure.db_size_mb(db))
    elif step == "w2":
        db = fresh(work / "w2.db")
        runs["w2"].append(asdict(measure.run(ingest_args(work / "corpus", db, 2))))
        runs["reingest"].append(asdict(measure.run(ingest_args(work / "corpus", db, 2))))
        r["catalogue_mb"].append(measure.db_size_mb(db))
        r["documents"] = count_documents(db)
    elif step == "w1":
        runs["w1"].append(asdict(measure.run(ingest_args(work / "corpus", fresh(work / "w1.db"), 1))))
    elif step == "small_w2":
        runs["small_w2"].append(asdict(measure.run(ingest_args(work / "corpus-small", fresh(work / "small.db"), 2))))


def bench(docs: int, rounds: int, seed: int, out: Path, profile_pages: int = PROFILE_PAGES,
          catalogue_scale: int = 0, log=print) -> dict:
    """Every measurement; the raw figures as a JSON-able dict."""
    work = out / f"n{docs}-s{seed}"
    shutil.rmtree(work, ignore_errors=True)
    pages = corpus.generate(work / "corpus", docs, seed)
    small_docs = max(5, docs // 4)
    corpus.generate(work / "corpus-small", small_docs, seed)
    r: dict = {"docs": docs, "rounds": rounds, "seed": seed, "small_docs": small_docs, "cores": os.cpu_count(),
               "corpus_mb": sum(p.path.stat().st_size for p in pages) / 1e6,
               "encodings": dict(Counter(p.codec for p in pages)), "traditional": sum(p.traditional for p in pages),
               "notices": len(corpus.load_notices()), "load_before": list(os.getloadavg()),
               "runs": {k: [] for k in (*STEPS, "reingest")}, "startup_s": [], "catalogue_mb": [],
               "naive_db_mb": [], "documents": 0}
    for rnd in range(rounds):
        order = STEPS[rnd % len(STEPS):] + STEPS[:rnd % len(STEPS)]
        for step in order:
            log(f"round {rnd + 1}/{rounds}: {step}", file=sys.stderr)
            run_step(step, work, r)
        # the floor under any re-ingest: a new interpreter importing the pipeline
        r["startup_s"].append(measure.run(["-c", "import pipeline.ingest, pipeline.stages, extractors"]).wall_s)
    log("profiling stages in process", file=sys.stderr)
    costs, r["profiled_pages"] = stage_costs.profile([p.path for p in pages[:profile_pages + stage_costs.WARMUP_PAGES]])
    r["stages"] = [asdict(c) for c in costs]
    if catalogue_scale:
        from bench import catalogue_scale as scale

        log(f"building a {catalogue_scale}-document catalogue and querying it", file=sys.stderr)
        r["query"] = scale.measure(work / "scale.db", catalogue_scale, seed, log=log)
    r["load_after"] = list(os.getloadavg())
    return r


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="pages in the synthetic corpus")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of every run (medians are reported)")
    ap.add_argument("--smoke", action="store_true", help=f"{SMOKE_DOCS} pages, {SMOKE_ROUNDS} round (CI)")
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=OUT, help="work folder (corpus, databases, results)")
    ap.add_argument("--profile-pages", type=int, default=PROFILE_PAGES)
    ap.add_argument("--catalogue-scale", type=int, default=0, metavar="N",
                    help="also build an N-document catalogue and time Datasette queries on it")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run the bench; prints the Markdown tables. Returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.smoke:
        args.docs, args.rounds = SMOKE_DOCS, SMOKE_ROUNDS
    if args.docs < 5 or args.rounds < 1:
        print("error: --docs must be at least 5 and --rounds at least 1", file=sys.stderr)
        return 2
    try:
        r = bench(args.docs, args.rounds, args.seed, args.out, args.profile_pages, args.catalogue_scale)
    except measure.RunFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    text = report.render(r)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
