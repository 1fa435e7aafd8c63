"""The loader: the one writer of the catalogue (schema/catalogue.sql), with sqlite-utils.

Each source is written in ONE transaction: its old rows are deleted (cascading from
`sources`) and its new rows inserted, so a writer killed at any moment leaves every
source either fully old or fully new. WAL mode lets Datasette read meanwhile.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline.catalogue.fts import FTS_VERSION
from pipeline.catalogue.rows import CHILD_TABLES, Rows

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "catalogue.sql"
SCHEMA_VERSION = 1
LOADER_VERSION = "load.v1"
BUSY_TIMEOUT_MS = 10_000


class CatalogueError(Exception):
    """The catalogue file cannot be used (not SQLite, locked, from a newer schema).

    The command layer re-raises it as a UserError (one line on the terminal); this module
    stays importable without the stages, for Datasette-side and test code."""


def connect(path: str | Path) -> sqlite_utils.Database:
    """The writer's connection: WAL, foreign keys on, schema created or rebuilt if outdated."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: consistent after a crash
        db.execute("PRAGMA foreign_keys = ON")
        ensure_schema(db)
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(f"{path}: {exc}; is it a catalogue? delete it or pass another --db") from exc
    return db


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    if not db["catalogue_meta"].exists():
        return None
    row = db.execute("SELECT value FROM catalogue_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables; drop and recreate them when the schema or the FTS design changed."""
    version = _meta(db, "schema_version")
    if version is not None and int(version) > SCHEMA_VERSION:
        raise CatalogueError(f"catalogue schema v{version} is newer than this code (v{SCHEMA_VERSION}); update")
    if version is not None and (int(version) != SCHEMA_VERSION or _meta(db, "fts_version") != str(FTS_VERSION)):
        drop_all(db)
    db.conn.executescript(SCHEMA_PATH.read_text(encoding="utf-8"))
    with db.atomic():
        db["catalogue_meta"].upsert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                                         {"key": "fts_version", "value": str(FTS_VERSION)}], pk="key")


def drop_all(db: sqlite_utils.Database) -> None:
    """Every catalogue object (the catalogue is derived data: the next ingest reloads it)."""
    objs = db.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                      "AND type IN ('view', 'table') AND name NOT LIKE 'documents_fts_%'").fetchall()
    db.execute("PRAGMA foreign_keys = OFF")
    for kind, name in sorted(objs, key=lambda o: o[0] != "view"):
        db.execute(f"DROP {kind.upper()} IF EXISTS [{name}]")
    db.execute("PRAGMA foreign_keys = ON")


def known_sources(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """path -> {sha256, bytes, mtime_ns, extractors} of every catalogued source."""
    return {r[0]: {"sha256": r[1], "bytes": r[2], "mtime_ns": r[3], "extractors": r[4]}
            for r in db.execute("SELECT path, sha256, bytes, mtime_ns, extractors FROM sources")}


def delete_source(db: sqlite_utils.Database, path: str) -> list[str]:
    """Delete a source and, by cascade, everything loaded from it; returns the paths of
    identical files that pointed at it (deleted too: they must be loaded again)."""
    twins = [r[0] for r in db.execute("SELECT path FROM sources WHERE same_content_as = ?", [path])]
    db.execute("DELETE FROM sources WHERE path = ? OR same_content_as = ?", [path, path])
    return twins


def write_source(db: sqlite_utils.Database, rows: Rows) -> list[str]:
    """Replace one source's rows in one transaction; returns twin paths to load again.

    When its documents already belong to another file with the same bytes, only the
    source row is stored, pointing at that file (`same_content_as`).
    """
    src = rows["sources"][0]
    with db.atomic():
        twins = delete_source(db, src["path"])
        ids = [d["id"] for d in rows["documents"]]
        owner = _owner_elsewhere(db, ids, src["path"])
        if owner:
            src = {**src, "same_content_as": owner, "documents": 0, "raw_text": None}
            db["sources"].insert(src)
            db["problems"].insert_all(rows["problems"])
            return twins
        db["sources"].insert(src)
        for table in CHILD_TABLES:
            if rows.get(table):
                if table == "organizations":
                    db[table].insert_all(rows[table], pk="name", ignore=True)
                else:
                    db[table].insert_all(rows[table], batch_size=500)
    return twins


def _owner_elsewhere(db: sqlite_utils.Database, ids: list[str], path: str) -> str | None:
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        row = db.execute(f"SELECT source FROM documents WHERE id IN ({marks}) AND source != ? LIMIT 1",
                         [*chunk, path]).fetchone()
        if row:
            return row[0]
    return None


def touch_source(db: sqlite_utils.Database, path: str, mtime_ns: int) -> None:
    """Record a new mtime for a file whose bytes did not change."""
    with db.atomic():
        db.execute("UPDATE sources SET mtime_ns = ? WHERE path = ?", [mtime_ns, path])


def prune_orphans(db: sqlite_utils.Database) -> int:
    """Delete organizations no document names any more."""
    with db.atomic():
        cur = db.execute("DELETE FROM organizations WHERE name NOT IN (SELECT organization FROM document_orgs)")
    return cur.rowcount


def start_run(db: sqlite_utils.Database, run: dict[str, Any]) -> None:
    with db.atomic():
        db["runs"].insert({**run, "status": "running"}, pk="id")


def finish_run(db: sqlite_utils.Database, run_id: str, **values: Any) -> None:
    with db.atomic():
        db["runs"].update(run_id, values)


def problems_report(db_path: str, examples: int = 3) -> str:
    """Problems by code: count, files, example files and one example message."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT code, count(*), count(DISTINCT source), min(message) FROM problems "
            "GROUP BY code ORDER BY count(*) DESC, code").fetchall()
        if not rows:
            return "no problems recorded"
        lines = [f"{sum(r[1] for r in rows)} problems, {len(rows)} codes"]
        for code, count, files, message in rows:
            ex = [r[0] for r in conn.execute(
                "SELECT DISTINCT source FROM problems WHERE code = ? ORDER BY source LIMIT ?", [code, examples])]
            more = f" (+{files - len(ex)} more)" if files > len(ex) else ""
            lines.append(f"{code}  {count} in {files} file(s): {', '.join(ex)}{more}")
            lines.append(f"    e.g. {message}")
        return "\n".join(lines)
    except sqlite3.DatabaseError as exc:
        from pipeline.commands import UserError

        raise UserError(f"{db_path}: {exc}; is it a catalogue built by `make ingest`?") from exc
    finally:
        conn.close()


def counts(db: sqlite_utils.Database, tables: Iterable[str] = ("sources", "documents")) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
