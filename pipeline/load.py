"""The loader: the one writer of the catalogue (schema/catalogue.sql), on plain sqlite3.

Each source is written all or nothing (its own transaction, or a savepoint inside a
`Batch` of them): its old rows are deleted (cascading from
`sources`) and its new rows inserted, so a writer killed at any moment leaves every
source either fully old or fully new. WAL mode lets Datasette read meanwhile.

The rows come from the workers as tuples in `pipeline.catalogue.columns` order and go
to one cached prepared statement per table (`executemany`): the writer reshapes
nothing. Every function here takes the writer's `sqlite3.Connection` (`open_catalogue`)
or the `sqlite_utils.Database` that `connect` wraps around one (for Datasette-side and
test code); sqlite-utils itself is imported only by `connect`, so a re-ingest of an
unchanged corpus does not pay for it.
"""
from __future__ import annotations

import datetime
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.catalogue.columns import CHILD_TABLES, INSERT, SRC, Rows
from pipeline.catalogue.fts import FTS_VERSION

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "catalogue.sql"
SCHEMA_VERSION = 3  # 2: document ids from the source key, not its content; 3: text_source, ocr_confidence (OCR)
LOADER_VERSION = "load.v2"  # v2: search_key carries the date (newest first); topic; ids from the path
BUSY_TIMEOUT_MS = 10_000
# the writer checkpoints the WAL every ~40 MB instead of every 4 MB: a source dirties ~125 pages
# (indexes, FTS segment), so the default checkpointed (and fsynced) every ~8 sources; same safety
WRITER_WAL_PAGES = 10_000
WAL_KEEP_BYTES = 64 << 20  # what the WAL file is cut back to once checkpointed
# The writer's page cache: with sources batched per commit (`Batch`), SQLite's default 2 MB
# spilled and re-read pages mid-transaction; 16 MB cut the writer's system time from ~1.1 to
# ~0.65 ms per page (1000 bench pages, two runs each); 64 MB was no better. A fixed cap: the
# writer's memory stays flat however large the catalogue grows.
WRITER_CACHE_KB = 16_000


class CatalogueError(Exception):
    """The catalogue file cannot be used (not SQLite, locked, from a newer schema).

    The command layer re-raises it as a UserError (one line on the terminal); this module
    stays importable without the stages, for Datasette-side and test code."""


class CatalogueBusy(CatalogueError):
    """Another ingest holds the catalogue's writer lock."""


@contextmanager
def writer_lock(db_path: str | Path, wait: bool = False, on_wait=None) -> Iterator[None]:
    """Hold the catalogue's writer lock (`flock` on `<db>.lock` beside it) while inside.

    One ingest writes at a time: a second one used to die part-way with `database is
    locked`. The kernel releases the lock on any exit, even kill -9, so the lock file
    may stay on disk; it holds the pid of its last holder, for the message. `wait`:
    block until the holder ends (`on_wait(pid)` is told first) instead of raising
    CatalogueBusy."""
    import fcntl
    import os

    lock_path = Path(f"{db_path}.lock")
    try:
        fh = open(lock_path, "a+", encoding="ascii")
    except OSError as exc:
        raise CatalogueError(f"{lock_path}: cannot create the writer lock ({exc.strerror}); "
                             "check the folder's permissions") from exc
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            if not wait:
                raise CatalogueBusy(f"another ingest is writing {db_path} (pid {holder}); "
                                    "let it finish, or pass --wait to queue behind it") from None
            if on_wait is not None:
                on_wait(holder)
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()  # releases the flock


def _conn(db) -> sqlite3.Connection:
    """The sqlite3 connection of a Database or of itself."""
    return getattr(db, "conn", db)


@contextmanager
def atomic(db) -> Iterator[sqlite3.Connection]:
    """One transaction (a savepoint inside an open one): committed on success, else rolled back."""
    conn = _conn(db)
    if conn.in_transaction:
        conn.execute("SAVEPOINT load_atomic")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO SAVEPOINT load_atomic")
                conn.execute("RELEASE SAVEPOINT load_atomic")
            raise
        conn.execute("RELEASE SAVEPOINT load_atomic")
        return
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Batch:
    """Group the sources written one after another into fewer commits.

    Each source is still written in its own `atomic` block, which inside the batch's
    transaction is a savepoint: a source that fails is rolled back alone, and a commit
    only ever holds whole sources. The batch commits every `sources` sources or
    `seconds` seconds, whichever comes first, so a reader (Datasette during an ingest)
    sees new sources within about that time. On the way out it commits what it holds,
    also when an error or Ctrl-C stops the ingest: nothing already written is lost.

    Why: a commit per source cost the single writer 2.84 ms CPU per page against 2.11 ms
    with 32 sources per commit (1000 synthetic pages, bench/): most of it FTS5 writing a
    new index segment per commit and merging them. The writer is the serial part of an
    ingest, so what it spends caps how far more workers help (see bench/README.md).
    """

    def __init__(self, db, sources: int = 64, seconds: float = 0.5, on_commit=None) -> None:
        self.conn, self.sources, self.seconds = _conn(db), max(1, sources), seconds
        self.held, self.since = 0, 0.0
        self.on_commit = on_commit  # told after each commit (ingest counts only committed sources)

    def __enter__(self) -> Batch:
        return self

    @contextmanager
    def source(self) -> Iterator[None]:
        """Around the writes of one source: the batch's transaction is open inside, and
        the source counts towards the next commit once its writes are done."""
        self.begin()
        yield
        self.done()

    def begin(self) -> None:
        """Open the batch's transaction unless one is open."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            self.held, self.since = 0, time.monotonic()

    def done(self) -> None:
        """One more source written: commit when the batch is full or old enough."""
        self.held += 1
        if self.held >= self.sources or time.monotonic() - self.since >= self.seconds:
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
            if self.on_commit is not None:
                self.on_commit()
        self.held = 0

    def __exit__(self, *exc: object) -> None:
        try:
            self.commit()
        except sqlite3.Error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if exc[0] is None:
                raise


def open_catalogue(path: str | Path, writer: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode with foreign keys on, the schema created or rebuilt if outdated.

    `writer`: the ingest's single writer, in autocommit mode (every write goes through
    `atomic`) with a longer WAL between checkpoints (see WRITER_WAL_PAGES)."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        if writer:
            conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            level, conn.isolation_level = conn.isolation_level, None
            conn.execute("PRAGMA journal_mode = WAL")
            conn.isolation_level = level
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: consistent after a crash
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
        if writer:
            conn.execute(f"PRAGMA wal_autocheckpoint = {WRITER_WAL_PAGES}")
            conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KB}")
            conn.execute(f"PRAGMA journal_size_limit = {WAL_KEEP_BYTES}")
        ensure_schema(conn)
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(f"{path}: {exc}; is it a catalogue? delete it or pass another --db") from exc
    return conn


def connect(path: str | Path) -> sqlite_utils.Database:
    """The catalogue as a sqlite-utils Database (WAL, foreign keys on, schema up to date)."""
    import sqlite_utils

    return sqlite_utils.Database(open_catalogue(path))


def close(db, checkpoint: bool = True) -> None:
    """Close; the writer first copies its WAL into the database file if no reader is in the way."""
    conn = _conn(db)
    if checkpoint:
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.DatabaseError:
            pass
    conn.close()


def _meta(db, key: str) -> str | None:
    conn = _conn(db)
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'catalogue_meta'").fetchone():
        return None
    row = conn.execute("SELECT value FROM catalogue_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _set_meta(db, key: str, value: str) -> None:
    with atomic(db) as conn:
        conn.execute("INSERT INTO catalogue_meta (key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def ensure_schema(db) -> None:
    """Create the tables; drop and recreate them when the schema or the FTS design changed."""
    conn = _conn(db)
    version = _meta(conn, "schema_version")
    if version is not None and int(version) > SCHEMA_VERSION:
        raise CatalogueError(f"catalogue schema v{version} is newer than this code (v{SCHEMA_VERSION}); update")
    current = version is not None and int(version) == SCHEMA_VERSION and _meta(conn, "fts_version") == str(FTS_VERSION)
    if version is not None and not current:
        drop_all(conn)
    conn.executescript(SCHEMA_PATH.read_text(encoding="utf-8"))
    if not current:
        _set_meta(conn, "schema_version", str(SCHEMA_VERSION))
        _set_meta(conn, "fts_version", str(FTS_VERSION))


def drop_all(db) -> None:
    """Every catalogue object (the catalogue is derived data: the next ingest reloads it)."""
    conn = _conn(db)
    objs = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                        "AND type IN ('view', 'table') AND name NOT LIKE 'documents_fts_%'").fetchall()
    conn.execute("PRAGMA foreign_keys = OFF")
    for kind, name in sorted(objs, key=lambda o: o[0] != "view"):
        conn.execute(f"DROP {kind.upper()} IF EXISTS [{name}]")
    conn.execute("PRAGMA foreign_keys = ON")


def known_sources(db) -> dict[str, dict[str, Any]]:
    """path -> {sha256, bytes, mtime_ns, extractors} of every catalogued source."""
    return {r[0]: {"sha256": r[1], "bytes": r[2], "mtime_ns": r[3], "extractors": r[4]}
            for r in _conn(db).execute("SELECT path, sha256, bytes, mtime_ns, extractors FROM sources")}


def delete_source(db, path: str) -> list[str]:
    """Delete a source and, by cascade, everything loaded from it; returns the paths of
    identical files that pointed at it (deleted too: they must be loaded again)."""
    conn = _conn(db)
    twins = [r[0] for r in conn.execute("SELECT path FROM sources WHERE same_content_as = ?", [path])]
    conn.execute("DELETE FROM sources WHERE path = ? OR same_content_as = ?", [path, path])
    return twins


def write_source(db, rows: Rows) -> list[str]:
    """Replace one source's rows in one transaction; returns twin paths to load again.

    When its documents already belong to another file with the same bytes, only the
    source row is stored, pointing at that file (`same_content_as`).
    """
    try:
        return _write_source(db, rows)
    except (sqlite3.ProgrammingError, sqlite3.InterfaceError):  # a value sqlite3 cannot bind (rolled back)
        return _write_source(db, bindable(rows))


def _write_source(db, rows: Rows) -> list[str]:
    src = rows["sources"][0]
    path = src[SRC["path"]]
    with atomic(db) as conn:
        twins = delete_source(conn, path)
        docs = rows["documents"]
        owner = _owner_elsewhere(conn, src[SRC["sha256"]], path) if docs else None
        if owner:
            src = list(src)
            src[SRC["same_content_as"]], src[SRC["documents"]], src[SRC["raw_text"]] = owner, 0, None
            conn.execute(INSERT["sources"], src)
            if rows["problems"]:
                conn.executemany(INSERT["problems"], rows["problems"])
            return twins
        conn.execute(INSERT["sources"], src)
        for table in CHILD_TABLES:
            if rows[table]:
                conn.executemany(INSERT[table], rows[table])
    return twins


def _cell(value: Any) -> Any:
    """A value sqlite3 can bind, the way sqlite-utils stores one: containers as JSON."""
    if value is None or isinstance(value, (str, int, float, bytes)):
        return value
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, default=repr, ensure_ascii=False)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    import decimal

    return float(value) if isinstance(value, decimal.Decimal) else str(value)


def bindable(rows: Rows) -> Rows:
    """`rows` with every value sqlite3 cannot bind (an extractor's dict inside a dict) made bindable."""
    return {table: [tuple(map(_cell, r)) for r in rs] for table, rs in rows.items()}


def _owner_elsewhere(conn: sqlite3.Connection, sha256: str, path: str) -> str | None:
    """Another catalogued file with the same bytes that holds its own documents."""
    if not sha256:
        return None
    row = conn.execute("SELECT path FROM sources WHERE sha256 = ? AND path != ? AND same_content_as IS NULL "
                       "AND documents > 0 LIMIT 1", [sha256, path]).fetchone()
    return row[0] if row else None


def touch_source(db, path: str, mtime_ns: int) -> None:
    """Record a new mtime for a file whose bytes did not change."""
    with atomic(db) as conn:
        conn.execute("UPDATE sources SET mtime_ns = ? WHERE path = ?", [mtime_ns, path])


def prune_orphans(db) -> int:
    """Delete organizations no document names any more."""
    with atomic(db) as conn:
        cur = conn.execute("DELETE FROM organizations WHERE name NOT IN (SELECT organization FROM document_orgs)")
    return cur.rowcount


def start_run(db, run: dict[str, Any]) -> None:
    run = {**run, "status": "running"}
    with atomic(db) as conn:
        conn.execute(f"INSERT INTO runs ({', '.join(f'[{c}]' for c in run)}) VALUES ({', '.join('?' * len(run))})",
                     list(run.values()))


def finish_run(db, run_id: str, **values: Any) -> None:
    with atomic(db) as conn:
        conn.execute(f"UPDATE runs SET {', '.join(f'[{c}] = ?' for c in values)} WHERE id = ?",
                     [*values.values(), run_id])


def problems_report(db_path: str, examples: int = 3, code: str | None = None, run: str = "latest") -> str:
    """Problems by code: count, files, example files and one example message.

    `run`: "latest" (the last ingest run), "all", or a run id; `code`: one code, every file listed.
    """
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        run_id = _run_id(conn, run)
        where, params = ["1"], []
        if run_id is not None:
            where.append("run_id = ?")
            params.append(run_id)
        if code:
            where.append("code = ?")
            params.append(code)
        cond = " AND ".join(where)
        rows = conn.execute(
            f"SELECT code, count(*), count(DISTINCT source), min(message) FROM problems WHERE {cond} "
            "GROUP BY code ORDER BY count(*) DESC, code", params).fetchall()
        scope = "every run" if run_id is None else f"run {run_id}" + (" (the latest; --run all for every run)"
                                                                       if run == "latest" else "")
        if not rows:
            known = [r[0] for r in conn.execute("SELECT DISTINCT code FROM problems ORDER BY code")]
            hint = f"; codes recorded in the catalogue: {', '.join(known)}" if code and known else ""
            if not code and run_id is not None and known:
                hint = "; earlier runs recorded some: --run all"
            return f"no problems{' with code ' + code if code else ''} in {scope}{hint}"
        lines = [f"{sum(r[1] for r in rows)} problems, {len(rows)} codes"]
        for c, count, files, message in rows:
            limit = -1 if code else examples
            ex = [r[0] for r in conn.execute(
                f"SELECT DISTINCT source FROM problems WHERE {cond} AND code = ? ORDER BY source LIMIT ?",
                [*params, c, limit])]
            if code:
                lines.append(f"{c}  {count} in {files} file(s):")
                lines += [f"  {path}" for path in ex]
            else:
                more = f" (+{files - len(ex)} more)" if files > len(ex) else ""
                lines.append(f"{c}  {count} in {files} file(s): {', '.join(ex)}{more}")
            lines.append(f"    e.g. {message}")
        lines.append(f"({scope}{'' if code else '; --code CODE lists every file'})")
        return "\n".join(lines)
    except sqlite3.DatabaseError as exc:
        from pipeline.commands import UserError

        raise UserError(f"{db_path}: {exc}; is it a catalogue built by `make ingest`?") from exc
    finally:
        conn.close()


def _run_id(conn: sqlite3.Connection, run: str) -> str | None:
    """The run id `run` names (None: every run)."""
    if run == "all":
        return None
    if run == "latest":
        row = conn.execute("SELECT id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
        return row[0] if row else None
    if conn.execute("SELECT 1 FROM runs WHERE id = ?", [run]).fetchone() is None:
        from pipeline.commands import UserError

        raise UserError(f"no run {run!r} in {conn.execute('PRAGMA database_list').fetchone()[2]}; "
                        "see the runs table, or use --run latest / --run all")
    return run


def stored_by_run(db_path: str, run_id: str) -> tuple[int, int]:
    """(documents stored, files that yielded no document) by one ingest run."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        docs = conn.execute("SELECT coalesce(sum(documents), 0) FROM sources WHERE run_id = ?", [run_id]).fetchone()[0]
        empty = conn.execute("SELECT count(*) FROM sources WHERE run_id = ? AND documents = 0 "
                             "AND same_content_as IS NULL", [run_id]).fetchone()[0]
        return docs, empty
    finally:
        conn.close()


def counts(db, tables: Iterable[str] = ("sources", "documents")) -> dict[str, int]:
    return {t: _conn(db).execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
