"""Per-stage cost of the real pipeline, in process, page by page over a sample.

Each page goes read -> every stage of `pipeline.stages.STAGES` -> rows -> write, and
each step is timed on its own with the thread's CPU clock (so another process on the
machine slows the wall clock, not these figures). The extract stage is broken down by
registry entry, replaying what `pipeline.extract.run_extractors` does. jieba
segmentation of the text is timed too, as a reference row: it is the naive baseline's
cost and the figure the design's "< 3 ms/doc except segmentation" target excludes.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

WARMUP_PAGES = 3  # first calls pay for imports, regex compilation, OpenCC and jieba dictionaries
SEGMENTATION = "segmentation (jieba.lcut; reference, naive path)"


@dataclass(frozen=True)
class StageCost:
    stage: str
    mean_ms: float
    p50_ms: float
    p95_ms: float
    share: float  # of the real pipeline's CPU (the reference row excluded)


def _cpu_ms(fn: Callable[[], object]) -> tuple[object, float]:
    t0 = time.thread_time_ns()
    out = fn()
    return out, (time.thread_time_ns() - t0) / 1e6


def _extract_timed(doc, costs: dict[str, float]) -> None:
    from extractors import REGISTRY
    from pipeline.types import Problem

    for ext in REGISTRY:
        try:
            found, ms = _cpu_ms(lambda ext=ext: ext.run(doc))
        except Exception as exc:  # noqa: BLE001 - mirror the runner: a broken extractor is a problem
            doc.problems.append(Problem("extract", "E_EXTRACTOR_FAILED", f"{ext.id}: {exc}"))
            continue
        costs[f"extract: {ext.id}"] += ms
        doc.found.extend(replace(f, extractor=ext.id) for f in found)


def page_costs(path: Path, db, signature: str, batch=None) -> dict[str, float]:
    """CPU ms of each step for one page (summed over the documents a page splits into).

    The write is timed as ingest writes: inside a `pipeline.load.Batch` (a savepoint per
    source, a commit every so many sources), so the commits' cost is spread over pages."""
    from pipeline.catalogue.rows import source_rows
    from pipeline.extract import extract
    from pipeline.load import Batch, write_source
    from pipeline.read import read_file
    from pipeline.stages import STAGES

    costs: dict[str, float] = defaultdict(float)
    raw, costs["read (bytes, decode, parse)"] = _cpu_ms(lambda: read_file(path, display=str(path)))
    docs = [raw]
    for stage in STAGES:
        if stage is extract:
            for doc in docs:
                _extract_timed(doc, costs)
            continue
        docs, ms = _cpu_ms(lambda stage=stage, docs=docs: list(stage(docs)))
        costs[stage.__name__] += ms
    rows, costs["load: build rows (FTS text, records)"] = _cpu_ms(
        lambda: source_rows(str(path), 0, docs, signature, None, []))
    batch = batch or Batch(db)

    def write() -> None:
        with batch.source():
            write_source(db, rows)

    _, costs["load: write (batched commits)"] = _cpu_ms(write)
    costs[SEGMENTATION] = _segment_ms(docs)
    return costs


def _segment_ms(docs) -> float:
    import jieba

    return sum(_cpu_ms(lambda d=d: jieba.lcut(d.text))[1] for d in docs)


def profile(paths: list[Path]) -> tuple[list[StageCost], int]:
    """Cost per stage over `paths` (after a few warm-up pages); and how many pages were timed."""
    import jieba

    from pipeline.ingest import signature
    from pipeline.load import Batch, open_catalogue

    jieba.setLogLevel(60)
    sig = signature()
    per_stage: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        db = open_catalogue(Path(tmp) / "profile.db", writer=True)  # the ingest's writer settings
        db.execute("INSERT INTO runs (id, started_at, version, paths, workers, force, status) "
                   "VALUES ('bench', '', '', '[]', 1, 0, 'running')")
        with Batch(db) as batch:
            for path in paths[:WARMUP_PAGES]:
                page_costs(path, db, sig, batch)
            timed = paths[WARMUP_PAGES:] or paths
            for path in timed:
                for stage, ms in page_costs(path, db, sig, batch).items():
                    per_stage[stage].append(ms)
        db.close()
    real_total = sum(sum(v) for k, v in per_stage.items() if k != SEGMENTATION) or 1.0
    out = []
    for stage, values in per_stage.items():
        values += [0.0] * (len(timed) - len(values))  # a stage that produced no call on some page
        q = statistics.quantiles(values, n=20) if len(values) > 1 else values * 19
        out.append(StageCost(stage, statistics.fmean(values), statistics.median(values), q[18],
                             0.0 if stage == SEGMENTATION else sum(values) / real_total))
    return out, len(timed)
