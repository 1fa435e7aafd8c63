"""Crawl state in <out>/crawl.sqlite: the frontier, every URL decided, and the runs.

A run lasts until its frontier is empty. A rerun while a frontier remains continues that
run (interrupt and rerun resumes); a rerun after it finished starts a new run that
re-checks the start URLs and known listings with conditional requests. Each handled URL
is one transaction: its row, its removal from the frontier and the links it added.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.crawl.errors import CrawlError

STATE_FILE = "crawl.sqlite"
SCHEMA_VERSION = "crawl_state.v1"
DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, scopes TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
  url TEXT PRIMARY KEY,
  hint TEXT NOT NULL,                 -- seed | pager | notice | page | attachment | listing
  referrer TEXT,
  hops INTEGER NOT NULL DEFAULT 0,    -- redirects followed to reach this URL
  depth INTEGER NOT NULL DEFAULT 0,   -- links (pagers excepted) followed from a start URL
  priority INTEGER NOT NULL DEFAULT 1,
  seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS visited (
  url TEXT PRIMARY KEY,
  kind TEXT NOT NULL,                 -- listing | notice | attachment | page | unknown
  outcome TEXT NOT NULL,              -- saved | unchanged | listing | page | redirect | robots
                                      -- | out_of_scope | failed | skipped | duplicate
  reason TEXT,                        -- why, for anything but saved (http_404, timeout, too_large...)
  last_status INTEGER,                -- HTTP status of the latest request, NULL if none was made
  status INTEGER,                     -- HTTP status the stored content came with
  etag TEXT, last_modified TEXT, content_type TEXT, content_length INTEGER,
  sha256 TEXT, saved_path TEXT, sniffed TEXT, type_mismatch TEXT,
  referrer TEXT,                      -- the page that linked here (first seen)
  redirect_to TEXT,
  fetched_at TEXT,                    -- when the stored content was fetched (ISO 8601 UTC)
  checked_at TEXT,                    -- when this URL was last requested or decided
  attempts INTEGER,
  run_id INTEGER NOT NULL,
  depth INTEGER,                      -- as in frontier, when it was fetched
  text_hash TEXT);                    -- sha256 of an HTML page's text, whitespace removed
CREATE UNIQUE INDEX IF NOT EXISTS visited_saved_path ON visited(saved_path) WHERE saved_path IS NOT NULL;
CREATE INDEX IF NOT EXISTS visited_run ON visited(run_id);
"""
# Columns added after crawl_state.v1 was first written: older state files get them on open.
ADDED_COLUMNS = (("frontier", "depth", "INTEGER NOT NULL DEFAULT 0"), ("visited", "depth", "INTEGER"),
                 ("visited", "text_hash", "TEXT"))
LATE_DDL = "CREATE INDEX IF NOT EXISTS visited_text ON visited(text_hash) WHERE text_hash IS NOT NULL"
VISITED_COLUMNS = ("kind", "outcome", "reason", "last_status", "status", "etag", "last_modified",
                   "content_type", "content_length", "sha256", "saved_path", "sniffed", "type_mismatch",
                   "referrer", "redirect_to", "fetched_at", "checked_at", "attempts", "run_id", "depth",
                   "text_hash")
# Failures worth another try in a later run (5xx are matched by prefix below).
TRANSIENT_REASONS = ("timeout", "network", "deadline", "http_429")


@dataclass(frozen=True, slots=True)
class FrontierItem:
    url: str
    hint: str
    referrer: str | None
    hops: int
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Stored:
    """What a previous fetch left for a conditional request and the identical-content check."""

    etag: str | None
    last_modified: str | None
    sha256: str | None
    saved_path: str | None
    kind: str
    referrer: str | None


class State:
    def __init__(self, path: Path) -> None:
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL survives a killed process (what resuming needs); only a power cut may
            # lose the last commits, and those URLs are simply fetched again.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(DDL)
            self._add_columns()
        except sqlite3.Error as exc:
            raise CrawlError(f"cannot open crawl state {path} ({exc}); check the --out folder") from exc
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        version = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise CrawlError(f"{path} has crawl state {version}, this crawler writes {SCHEMA_VERSION}; "
                             "use another --out")
        self.run_id = 0
        self._seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM frontier").fetchone()[0]

    def _add_columns(self) -> None:
        for table, column, decl in ADDED_COLUMNS:
            have = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
        self.db.execute(LATE_DDL)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- runs -------------------------------------------------------------------------------
    def begin_run(self, scopes: tuple[str, ...], now: str) -> bool:
        """Continue the unfinished run if there is one (True), else start a new one (False)."""
        row = self.db.execute("SELECT id FROM runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1").fetchone()
        if row:
            self.run_id = row[0]
            return True
        cur = self.db.execute("INSERT INTO runs (started_at, scopes) VALUES (?, ?)", (now, " ".join(scopes)))
        self.run_id = cur.lastrowid
        return False

    def finish_run(self, now: str) -> None:
        self.db.execute("UPDATE runs SET finished_at=? WHERE id=?", (now, self.run_id))

    # --- frontier ---------------------------------------------------------------------------
    def known(self, url: str) -> bool:
        """True when the URL is queued or was handled in this run (enqueue would ignore it)."""
        if self.db.execute("SELECT 1 FROM frontier WHERE url=?", (url,)).fetchone():
            return True
        row = self.db.execute("SELECT run_id FROM visited WHERE url=?", (url,)).fetchone()
        return bool(row) and row[0] == self.run_id

    def enqueue(self, url: str, hint: str, referrer: str | None, hops: int = 0, priority: int = 1,
                depth: int = 0) -> str | None:
        """Queue a URL unless queued or handled in this run: 'new' if never seen, 'again' if seen before."""
        if self.known(url):
            return None
        row = self.db.execute("SELECT run_id FROM visited WHERE url=?", (url,)).fetchone()
        self._seq += 1
        self.db.execute("INSERT INTO frontier (url, hint, referrer, hops, priority, seq, depth) "
                        "VALUES (?,?,?,?,?,?,?)", (url, hint, referrer, hops, priority, self._seq, depth))
        return "again" if row else "new"

    def next_items(self, limit: int, exclude: set[str]) -> list[FrontierItem]:
        rows = self.db.execute("SELECT url, hint, referrer, hops, depth FROM frontier ORDER BY priority, seq "
                               "LIMIT ?",
                               (limit + len(exclude),)).fetchall()
        return [FrontierItem(*r) for r in rows if r[0] not in exclude][:limit]

    def pending(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM frontier").fetchone()[0]

    def revisit_candidates(self) -> list[tuple[str, str, str | None, int]]:
        """Listings and transient failures of earlier runs: what a new run re-checks."""
        marks = ",".join("?" * len(TRANSIENT_REASONS))
        return self.db.execute(
            f"SELECT url, CASE WHEN kind='listing' THEN 'pager' ELSE kind END, referrer, COALESCE(depth, 0) "
            f"FROM visited "
            f"WHERE run_id<? AND (kind='listing' OR (outcome='failed' AND (reason IN ({marks}) "
            f"OR reason LIKE 'http_5%'))) ORDER BY rowid",
            (self.run_id, *TRANSIENT_REASONS)).fetchall()

    # --- visited ----------------------------------------------------------------------------
    def stored(self, url: str) -> Stored | None:
        row = self.db.execute("SELECT etag, last_modified, sha256, saved_path, kind, referrer FROM visited "
                              "WHERE url=?", (url,)).fetchone()
        return Stored(*row) if row else None

    def record(self, url: str, **fields: Any) -> None:
        """Upsert the given columns of a URL's row (others keep their values) and drop it from the frontier."""
        unknown = set(fields) - set(VISITED_COLUMNS)
        if unknown:
            raise ValueError(f"unknown visited columns {unknown}")
        fields["run_id"] = self.run_id
        if "kind" not in fields:  # NOT NULL is checked before the upsert's UPDATE, so carry the old kind
            row = self.db.execute("SELECT kind FROM visited WHERE url=?", (url,)).fetchone()
            fields["kind"] = row[0] if row else "unknown"
        cols = list(fields)
        updates = ", ".join(
            f"{c}=COALESCE(visited.{c}, excluded.{c})" if c == "referrer" else f"{c}=excluded.{c}" for c in cols)
        self.db.execute(
            f"INSERT INTO visited (url, {', '.join(cols)}) VALUES (?{', ?' * len(cols)}) "
            f"ON CONFLICT(url) DO UPDATE SET {updates}", (url, *fields.values()))
        self.db.execute("DELETE FROM frontier WHERE url=?", (url,))

    def duplicate_of(self, text_hash: str, url: str) -> str | None:
        """Another URL whose page had the same text, if one was kept (saved, listed or followed)."""
        row = self.db.execute("SELECT url FROM visited WHERE text_hash=? AND url<>? AND outcome<>'duplicate' "
                              "LIMIT 1", (text_hash, url)).fetchone()
        return row[0] if row else None

    def run_urls(self) -> Iterator[str]:
        """Every URL queued or decided in this run (for the per-host budget of a resumed run)."""
        yield from (r[0] for r in self.db.execute("SELECT url FROM frontier"))
        yield from (r[0] for r in self.db.execute("SELECT url FROM visited WHERE run_id=?", (self.run_id,)))

    def path_owner(self, rel: str) -> str | None:
        row = self.db.execute("SELECT url FROM visited WHERE saved_path=?", (rel,)).fetchone()
        return row[0] if row else None
