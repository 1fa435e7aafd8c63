"""`make ingest`: files -> stages -> catalogue, incremental and idempotent.

1. Plan in the main process: stat every file; a file whose size, mtime and extractor
   signature match its catalogue row is unchanged and never opened.
2. Work in worker processes (`--workers`, 0 = one per core): each gets a path (never
   bytes), hashes the file (same sha256 as catalogued: unchanged after all), reads it,
   runs `pipeline.stages.process_one` and builds the rows (`pipeline.catalogue.rows`).
3. Write in the main process, the single writer: each source all or nothing
   (`pipeline.load.write_source`), many sources per commit (`pipeline.load.Batch`). A
   broken file becomes problems on its source row; a worker that hangs, runs out of
   memory or crashes is replaced and the file gets its E_PARSE_* problem
   (`pipeline.guard`); the batch goes on and keeps what is loaded.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import load
from pipeline.catalogue.columns import PROBLEM_CODE, SRC, source_of
from pipeline.catalogue.keys import source_key
from pipeline.files import display_name, iter_files

if TYPE_CHECKING:
    from pipeline.catalogue.provenance import Provenance
    from pipeline.types import Document, Problem

# Only what the plan needs is imported above: a re-ingest of an unchanged corpus never
# imports the readers, lxml, the stages or the extractors (see `signature`). The rest is
# imported by `_load_stages` before the workers fork, so each worker inherits it.
EXTRACTORS_DIR = Path(__file__).resolve().parent.parent / "extractors"
_REGISTRY_ENTRY = re.compile(r'\bExtractor\(\s*"([\w.-]+)"\s*,\s*(\d+)\s*,')
_REGISTRY_CALL = re.compile(r"\bExtractor\(")


@dataclass(frozen=True)
class Job:
    path: str
    key: str
    mtime_ns: int | None
    known_sha: str | None  # set when the catalogued rows are current for that content
    signature: str
    run_id: str
    provenance: Provenance | None = None  # set for files a crawl saved


@dataclass
class Summary:
    """What one ingest did; `line()` is what the CLI prints."""

    files: int = 0
    changed: int = 0
    unchanged: int = 0
    pruned: int = 0
    documents: int = 0
    problems: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    prune: bool = False
    run_id: str = ""

    def line(self) -> str:
        by_code = ", ".join(f"{c} {n}" for c, n in sorted(self.problems.items(), key=lambda kv: (-kv[1], kv[0])))
        n_problems = sum(self.problems.values())
        text = (f"{self.files} files ({self.changed} new/changed, {self.unchanged} unchanged), "
                f"{self.documents} documents, {n_problems} problems" + (f" ({by_code})" if by_code else "")
                + f", {self.seconds:.1f} s")
        return text + (f", {self.pruned} pruned" if self.prune else "")


def signature() -> str:
    """The versions a source's rows depend on: a new one re-extracts every file."""
    return ";".join([load.LOADER_VERSION, *extractor_ids()])


def extractor_ids() -> list[str]:
    """Every registry entry's versioned id, in registry order (`extractors.REGISTRY`).

    Importing the registry imports every extractor (~0.5 s, most of a re-ingest of an
    unchanged corpus), so unless it is imported already the ids are read from the
    registry's source, where each entry is `Extractor("name", version, ...)` with
    literals; when any entry is written otherwise, the registry is imported after all.
    tests/catalogue checks both roads agree.
    """
    if "extractors" not in sys.modules:
        ids = _declared_ids(EXTRACTORS_DIR / "__init__.py")
        if ids is not None:
            return ids
    from extractors import REGISTRY

    return [ext.id for ext in REGISTRY]


def _declared_ids(init: Path) -> list[str] | None:
    """`name.vN` of each `Extractor("name", N, ...)` in the registry's source; None unless every
    `Extractor(` call there reads so."""
    try:
        source = init.read_text(encoding="utf-8")
    except OSError:
        return None
    entries = _REGISTRY_ENTRY.findall(source)
    if not entries or len(entries) != len(_REGISTRY_CALL.findall(source)):
        return None
    return [f"{name}.v{int(version)}" for name, version in entries]


def process_one(raw: Document, on_drop=None) -> list[Document]:
    """`pipeline.stages.process_one`, imported on first use (tests replace this name)."""
    from pipeline.stages import process_one as run

    return run(raw, on_drop)


def GuardedPool(func, **kw):  # noqa: N802 - stands for the class (tests replace this name)
    """`pipeline.guard.GuardedPool`, imported on first use: planning needs no multiprocessing."""
    from pipeline.guard import GuardedPool as pool

    return pool(func, **kw)


def _load_stages() -> None:
    """Import what the workers run, once, before they fork (each then inherits it)."""
    import pipeline.catalogue.rows
    import pipeline.read
    import pipeline.stages  # noqa: F401


def work(job: Job) -> dict[str, Any]:
    """One file: unchanged, or its rows. Never raises (a failure is a problem row)."""
    from pipeline.catalogue.rows import source_rows
    from pipeline.read import read_file
    from pipeline.types import Problem

    path = Path(job.path)
    if job.known_sha:
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() == job.known_sha:
                return {"kind": "unchanged", "key": job.key, "mtime_ns": job.mtime_ns}
        except OSError:
            pass  # read_file below reports it as E_FILE_UNREADABLE
    extra: list[Problem] = []
    raw = read_file(path, display=job.key)
    if job.provenance is not None:
        p = job.provenance
        raw.source = replace(raw.source, url=p.url, referrer=p.referrer, fetched_at=p.fetched_at)
    try:
        docs = process_one(raw, on_drop=lambda _page, why: extra.append(Problem(
            "split", "W_NOT_A_DOCUMENT", f"{job.key}: {why}; nothing catalogued from it"))) if raw.raw_text else [raw]
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the batch
        docs = [raw]
        extra.append(Problem("ingest", "E_PIPELINE_FAILED",
                             f"the stages raised {type(exc).__name__}: {exc}; run `python -m pipeline text "
                             f"{job.key}` to reproduce"))
    if not docs:  # no document kept: the reader's problems (W_INVALID_BYTES, ...) would go with it
        extra[:0] = raw.problems
    try:
        rows = source_rows(job.key, job.mtime_ns, docs, job.signature, job.run_id, extra, raw=raw)
    except Exception as exc:  # noqa: BLE001
        extra.append(Problem("load", "E_ROWS_FAILED", f"building rows raised {type(exc).__name__}: {exc}; "
                                                      "report it with this file"))
        rows = source_rows(job.key, job.mtime_ns, [_shell(raw)], job.signature, job.run_id, extra, raw=raw)
    return {"kind": "rows", "key": job.key, "rows": rows}


def _shell(raw):
    """The raw document with nothing to store but its source and problems."""

    return replace(raw, text="", found=[], to_raw=[])


def _failed(job: Job, problem: Problem) -> dict[str, Any]:
    """The rows of a file whose worker hung, ran out of memory or crashed: its source and the problem."""
    from pipeline.catalogue.rows import source_rows
    from pipeline.types import Document, Source

    try:
        source = Source.from_bytes(job.key, Path(job.path).read_bytes())
    except OSError:
        source = Source(path=job.key, sha256="", size=0)
    if job.provenance is not None:
        p = job.provenance
        source = replace(source, url=p.url, referrer=p.referrer, fetched_at=p.fetched_at)
    raw = Document(source=source, raw_text="")
    return {"kind": "rows", "key": job.key,
            "rows": source_rows(job.key, job.mtime_ns, [], job.signature, job.run_id, [problem], raw=raw)}


def results(jobs: list[Job], workers: int, guard: bool = True, on_tick=None) -> Iterator[dict[str, Any]]:
    """Each job's result, in completion order.

    Guarded (the default), files are worked on in reusable child processes with a time
    budget and a memory cap (`pipeline.guard`); unguarded, in this process, which is only
    for measuring what the guard costs.
    """
    if not guard:
        for job in jobs:
            yield work(job)
        return
    with GuardedPool(work, workers=workers, stage="ingest") as pool:
        pool.on_tick = on_tick  # OCR pages announced and done (pipeline.read.scan)
        for out in pool.imap(jobs, label=lambda job: job.key):
            yield out.value if out.problem is None else _failed(out.item, out.problem)


def _plan(files: list[Path], known: dict[str, dict], sig: str, force: bool, run_id: str, on_skip=None
          ) -> tuple[list[Job], int, dict[str, str]]:
    """The jobs, the number of files unchanged, and every file's key -> its path."""
    jobs: list[Job] = []
    unchanged, keys = 0, {}
    key_of = _keyer()
    for f in files:
        key = display_name(key_of(f))
        if key in keys:
            continue
        keys[key] = os.fspath(f)
        try:
            st = os.stat(f)
        except OSError:
            st = None
        row = known.get(key)
        current = row is not None and row["extractors"] == sig and row["sha256"] and not force
        if current and st is not None and row["bytes"] == st.st_size and row["mtime_ns"] == st.st_mtime_ns:
            unchanged += 1
            continue
        jobs.append(Job(str(f), key, st.st_mtime_ns if st else None, row["sha256"] if current else None,
                        sig, run_id))
    if jobs:  # only files to work on need their crawl provenance (URL, referrer, fetch time)
        from pipeline.catalogue.provenance import crawl_provenance

        def unreadable(state: Path, message: str) -> None:
            on_skip(state, "W_CRAWL_STATE_UNREADABLE", f"{message} (the files under it are loaded without their "
                                                       "URLs; rename it if it is not a crawl's)")

        provenance = crawl_provenance([Path(j.path) for j in jobs], on_error=unreadable if on_skip else None)
        jobs = [replace(j, provenance=provenance.get(j.key)) if j.key in provenance else j for j in jobs]
    return jobs, unchanged, keys


def _keyer():
    """`source_key` for many paths against one working folder, on strings (pathlib's parsing
    was most of the plan's time). The paths are Path objects, so already in normal form."""
    cwd = os.getcwd()
    if os.sep != "/" or os.altsep or not os.path.isabs(cwd):
        base = Path(cwd)
        return lambda f: source_key(f, base)
    prefix = cwd if cwd.endswith("/") else cwd + "/"

    def key(f: Path) -> str:
        s = os.fspath(f)
        if not s.startswith("/"):
            s = cwd if s == "." else prefix + s
        if s == cwd:
            return "."
        return s[len(prefix):] if s.startswith(prefix) else s

    return key


def _under(key: str, roots: list[str]) -> bool:
    return any(r in (".", "") or key == r or key.startswith(r.rstrip("/") + "/") for r in roots)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: the current source rolled back, the run marked `interrupted`."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"signal {signal.Signals(signum).name}")
        self.signum = signum


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into `Interrupted` while inside (in the main thread; elsewhere nothing)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, _frame):
        raise Interrupted(signum)

    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def ingest(paths: list[str], db_path: str, prune: bool = False, workers: int = 0, force: bool = False,
           guard: bool = True, wait: bool = False, on_wait=None) -> Summary:
    """Load every file under `paths` into the catalogue at `db_path`; see the module docstring.

    One ingest writes a catalogue at a time (`load.writer_lock`; `wait` queues behind the
    one writing, `on_wait(pid)` is told first). A catalogue error (not a catalogue, another
    ingest writing, the disk full) is raised as a UserError that says what to do; Ctrl-C
    and SIGTERM stop it as KeyboardInterrupt (`Interrupted` for a signal). Either way what
    was committed stays, and the runs row says how the run ended and counts only that."""
    from pipeline.commands import UserError

    try:
        with load.writer_lock(db_path, wait=wait, on_wait=on_wait), _terminate_as_interrupt():
            return _ingest(paths, db_path, prune, workers, force, guard)
    except load.CatalogueError as exc:
        raise UserError(str(exc)) from exc


def _ingest(paths: list[str], db_path: str, prune: bool, workers: int, force: bool, guard: bool) -> Summary:
    t0 = time.perf_counter()
    started = datetime.now(UTC)
    run_id = started.strftime("%Y-%m-%dT%H:%M:%S.%fZ") + f"-{os.getpid()}"
    sig = signature()
    n_workers = workers if workers > 0 else (os.cpu_count() or 1)
    db = load.open_catalogue(db_path, writer=True)
    summary = Summary(prune=prune, run_id=run_id)
    try:
        load.start_run(db, {"id": run_id, "started_at": started.isoformat(), "version": sig,
                            "paths": json.dumps(list(map(str, paths)), ensure_ascii=False),
                            "workers": n_workers, "force": int(force)})
        skipped: list[tuple[Path, str, str]] = []
        on_skip = lambda path, code, why: skipped.append((path, code, why))  # noqa: E731
        files = list(iter_files(paths, on_skip=on_skip))
        known = load.known_sources(db)
        jobs, summary.unchanged, keys = _plan(files, known, sig, force, run_id, on_skip)
        summary.files = len(keys)
        if jobs:
            _run_jobs(db, jobs, n_workers, summary, guard, keys)
        if skipped:
            keys.update(_write_skipped(db, skipped, sig, run_id, summary))
        if prune:
            _prune(db, paths, known, keys, summary, n_workers, guard, sig, run_id)
    except KeyboardInterrupt as exc:
        _end_run(db, run_id, "interrupted", summary, t0, exc)
        raise
    except sqlite3.Error as exc:
        _end_run(db, run_id, "failed", summary, t0, exc)
        raise load.CatalogueError(_db_error(db_path, exc)) from exc
    except BaseException as exc:
        _end_run(db, run_id, "failed", summary, t0, exc)
        raise
    summary.seconds = time.perf_counter() - t0
    load.finish_run(db, run_id, status="done", **run_values(summary))
    load.close(db, checkpoint=bool(jobs or summary.pruned))
    return summary


DISK_FULL = "disk is full"


def _db_error(db_path: str, exc: sqlite3.Error) -> str:
    """The one line for a catalogue error met while writing, with what to do."""
    if DISK_FULL in str(exc):
        return (f"{db_path}: the disk is full ({exc}); free space and rerun the ingest "
                "(the files loaded so far are kept and are not read again)")
    return f"{db_path}: {exc}; is it a catalogue? rerun the ingest, or pass another --db (what is loaded is kept)"


def _end_run(db, run_id: str, status: str, summary: Summary, t0: float, exc: BaseException) -> None:
    """Mark the run `status` with what was committed, and close; a failure to do so is noted on `exc`."""
    summary.seconds = time.perf_counter() - t0
    try:
        if db.in_transaction:
            db.execute("ROLLBACK")
        load.finish_run(db, run_id, status=status, **run_values(summary))
    except sqlite3.Error as err:
        exc.add_note(f"the run {run_id} could not be marked {status}: {err}")
    finally:
        load.close(db, checkpoint=False)


SKIP_STAGE = {"W_CRAWL_STATE_UNREADABLE": "ingest"}  # the others are met reading the corpus


def _write_skipped(db, skipped: list[tuple[Path, str, str]], sig: str, run_id: str, summary: Summary
                   ) -> dict[str, str]:
    """A source row with its problem for each path not read (a link leaving the corpus, a folder
    that cannot be listed, a foreign crawl.sqlite); returns their keys -> paths."""
    from pipeline.catalogue.rows import source_rows
    from pipeline.types import Document, Problem, Source

    key_of, keys = _keyer(), {}
    batch, pending = _counted_batch(db, summary)
    with batch:
        for path, code, why in skipped:
            key = display_name(key_of(path))
            if key in keys:
                continue
            keys[key] = os.fspath(path)
            problem = Problem(SKIP_STAGE.get(code, "read"), code, f"{key}: {why}")
            raw = Document(source=Source(path=key, sha256="", size=0), raw_text="")
            with batch.source():
                write_rows(db, source_rows(key, None, [], sig, run_id, [problem], raw=raw), pending, count=False)
    return keys


def _prune(db, paths: list[str], known: dict[str, dict], keys: dict[str, str], summary: Summary, workers: int,
           guard: bool, sig: str, run_id: str) -> None:
    """Delete the sources whose files are gone under `paths`. A file still on disk that was
    catalogued as a copy of a gone one (moved, or one of two identical copies deleted) lost
    its documents with it: it is loaded again."""
    roots = [source_key(p) for p in paths]
    gone = [k for k in known if k not in keys and _under(k, roots)]
    orphaned: list[str] = []
    for key in gone:
        with load.atomic(db):
            orphaned += load.delete_source(db, key)
    summary.pruned = len(gone)
    present = [k for k in orphaned if k in keys]
    if present:
        _load_stages()
        batch, pending = _counted_batch(db, summary)
        with batch:
            reload_twins(db, batch, present, sig, run_id, pending, workers, guard, keys)
    load.prune_orphans(db)


def run_values(s: Summary) -> dict[str, Any]:
    """The `runs` row's closing values (ingest's and the distributed merge's)."""
    return {"finished_at": datetime.now(UTC).isoformat(), "seconds": round(s.seconds, 3), "files": s.files,
            "changed": s.changed, "unchanged": s.unchanged, "pruned": s.pruned, "documents": s.documents,
            "problems": sum(s.problems.values()), "problems_by_code": json.dumps(dict(s.problems))}


def _run_jobs(db, jobs: list[Job], workers: int, summary: Summary, guard: bool = True,
              paths: dict[str, str] | None = None) -> None:
    _load_stages()
    bar = _progress(len(jobs))
    pages = _PageBar()
    requeue: list[str] = []
    batch, pending = _counted_batch(db, summary)
    # closing(): an error or Ctrl-C stops the workers now, not when the generator is collected
    with batch, closing(results(jobs, workers, guard, on_tick=pages.tick)) as done:
        for res in done:
            bar.update(1)
            with batch.source():
                if res["kind"] == "unchanged":
                    load.touch_source(db, res["key"], res["mtime_ns"])
                    pending.unchanged += 1
                else:
                    requeue += write_rows(db, res["rows"], pending)
        bar.close()
        pages.close()
        reload_twins(db, batch, requeue, jobs[0].signature, jobs[0].run_id, pending, workers, guard, paths)


def _counted_batch(db, summary: Summary) -> tuple[load.Batch, Summary]:
    """A Batch, and the Summary to count its sources in: added to `summary` at each commit, so
    that a run's counts never include sources rolled back (a full disk, an interrupt)."""
    pending = Summary()

    def committed() -> None:
        summary.changed += pending.changed
        summary.unchanged += pending.unchanged
        summary.documents += pending.documents
        summary.problems.update(pending.problems)
        pending.changed = pending.unchanged = pending.documents = 0
        pending.problems.clear()

    return load.Batch(db, on_commit=committed), pending


def reload_twins(db, batch, keys: list[str], signature: str, run_id: str, summary: Summary,
                 workers: int = 1, guard: bool = True, paths: dict[str, str] | None = None) -> None:
    """Files identical to one just replaced lost their documents with it: load them again,
    parsed like any file (under the guard's time budget and memory cap, never in the writer).
    `paths`: key -> path where they differ (a name shown decoded, see `files.display_name`)."""
    jobs = []
    for key in dict.fromkeys(keys):
        path = (paths or {}).get(key, key)
        try:
            jobs.append(Job(path, key, os.stat(path).st_mtime_ns, None, signature, run_id))
        except OSError:
            continue  # gone since: its source row went with its twin's, as a prune would
    if not jobs:
        return  # no pool to start
    for res in results(jobs, workers, guard):
        with batch.source():
            write_rows(db, res["rows"], summary, count=False)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


class _PageBar:
    """A second bar that counts OCR pages, not files, shown once a worker starts OCRing."""

    def __init__(self) -> None:
        self.bar = None

    def tick(self, kind: str, n: int) -> None:
        if self.bar is None:
            self.bar = _progress(0, unit="page", desc="OCR")
        if kind == "ocr_pages":
            self.bar.total = (getattr(self.bar, "total", 0) or 0) + n
            getattr(self.bar, "refresh", lambda: None)()
        elif kind == "ocr_done":
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress(total: int, unit: str = "file", desc: str | None = None):
    """A progress bar on a terminal; otherwise nothing, and tqdm is not even imported (~60 ms)."""
    if not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc=desc, leave=False)


def write_rows(db, rows, summary: Summary, count: bool = True) -> list[str]:
    """Write one source's rows and count them in `summary`; rows the catalogue refuses become
    the source with an E_LOAD_FAILED problem. The one write step of ingest and of the
    distributed merge, so the two cannot drift apart. Returns twin paths to load again."""
    try:
        twins = load.write_source(db, rows)
    except sqlite3.IntegrityError as exc:  # bad rows for this source only: keep the batch going
        from pipeline.catalogue.rows import source_rows
        from pipeline.types import Problem

        src = source_of(rows)
        p = Problem("load", "E_LOAD_FAILED", f"the catalogue refused its rows ({exc}); report it with this file")
        rows = source_rows(src["path"], None, [], src["extractors"], src["run_id"], [p])
        shell = list(rows["sources"][0])
        shell[SRC["sha256"]], shell[SRC["bytes"]] = src["sha256"], src["bytes"]
        rows["sources"][0] = tuple(shell)
        twins = load.write_source(db, rows)
    if count:
        summary.changed += 1
    summary.documents += len(rows["documents"])
    summary.problems.update(p[PROBLEM_CODE] for p in rows["problems"])
    return twins
