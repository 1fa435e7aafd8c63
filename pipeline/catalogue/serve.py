"""`make serve`: Datasette over the catalogue, configured from schema/.

    python -m pipeline.catalogue.serve [--db catalogue.db] [--port 8001] [--print]

Builds the metadata for the served file (schema/metadata.yml, with the database
renamed to the file's name and column descriptions filled from the comments in
schema/catalogue.sql), turns schema/datasette.yml's settings into `--setting` flags,
and runs Datasette on 127.0.0.1 with the plugins/ and templates/ folders. The file is
opened in plain read mode, not `-i`: ingest may write while Datasette serves. A file
nobody can write (read-only media, a read-only folder) is served immutable (`-i`):
SQLite cannot make the WAL index beside it, and nothing can change it while served.
The metadata goes to a temporary file removed when Datasette exits (`--print` keeps it,
for the command line it prints).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema"
COLUMN_COMMENT = re.compile(r'^\s+"?(\w+)"?\s+[A-Z]+[^-]*--\s*(.+)$')
TABLE_START = re.compile(r"^CREATE TABLE IF NOT EXISTS (\w+)")


def column_comments(sql: str) -> dict[str, dict[str, str]]:
    """table -> column -> the comment after the column in the DDL."""
    out: dict[str, dict[str, str]] = {}
    table = None
    for line in sql.splitlines():
        if m := TABLE_START.match(line):
            table = m.group(1)
            out[table] = {}
        elif line.startswith(")"):
            table = None
        elif table and (m := COLUMN_COMMENT.match(line)):
            out[table][m.group(1)] = m.group(2).strip()
    return out


def metadata(db_name: str) -> dict[str, Any]:
    """The metadata Datasette gets for a catalogue served under `db_name`."""
    meta = yaml.safe_load((SCHEMA / "metadata.yml").read_text(encoding="utf-8"))
    db_meta = meta["databases"].pop("catalogue")
    tables = db_meta.setdefault("tables", {})
    for table, cols in column_comments((SCHEMA / "catalogue.sql").read_text(encoding="utf-8")).items():
        described = tables.setdefault(table, {}).setdefault("columns", {})
        for col, text in cols.items():
            described.setdefault(col, text)
    meta["databases"][db_name] = db_meta
    return meta


def settings() -> dict[str, Any]:
    return yaml.safe_load((SCHEMA / "datasette.yml").read_text(encoding="utf-8"))["settings"]


def _flag(value: Any) -> str:
    return ("on" if value else "off") if isinstance(value, bool) else str(value)


def serve_args(db: str | Path, metadata_path: str | Path, port: int = 8001, host: str = "127.0.0.1",
               immutable: bool = False) -> list[str]:
    """Arguments after `datasette` (tests start Datasette with exactly these)."""
    args = ["serve", *(["-i", str(db)] if immutable else [str(db)]), "--host", host, "--port", str(port), "--metadata", str(metadata_path),
            "--plugins-dir", str(ROOT / "plugins"), "--template-dir", str(ROOT / "templates")]
    for name, value in settings().items():
        args += ["--setting", name, _flag(value)]
    return args


def write_metadata(db: str | Path, folder: str | Path | None = None) -> Path:
    """The metadata JSON for `db` in `folder` (a temporary file when none is given)."""
    meta = metadata(Path(db).stem)
    if folder is None:
        fd, name = tempfile.mkstemp(prefix="catalogue-metadata-", suffix=".json")
        os.close(fd)
        path = Path(name)
    else:
        path = Path(folder) / f"{Path(db).stem}-metadata.json"
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read_only(db: str | Path) -> bool:
    """Whether SQLite could not write beside `db` (its WAL index): a read-only file or folder."""
    p = Path(db).absolute()
    return not (os.access(p, os.W_OK) and os.access(p.parent, os.W_OK))


def port_in_use(host: str, port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextmanager
def background(db: str | Path, folder: str | Path, timeout: float = 30.0, immutable: bool = False) -> Iterator[str]:
    """Datasette over `db` in a child process on a free local port; yields its base URL."""
    port = free_port()
    db = Path(db).absolute()  # the child runs in `folder`: a relative path would miss the file
    folder = Path(folder).absolute()  # ... and the metadata file written there
    log = open(Path(folder) / "datasette.log", "wb")  # noqa: SIM115 - closed below
    cmd = [sys.executable, "-m", "datasette", *serve_args(db, write_metadata(db, folder), port=port,
                                                          immutable=immutable)]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError as exc:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"datasette did not start: see {log.name}") from exc
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.catalogue.serve", description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="catalogue.db")
    ap.add_argument("--port", type=int, default=8001)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--print", action="store_true", help="print the datasette command line and exit")
    args = ap.parse_args(argv)
    if Path(args.db).is_dir():
        print(f"error: {args.db} is a folder; give the catalogue file, e.g. --db {Path(args.db) / 'catalogue.db'}",
              file=sys.stderr)
        return 2
    if not Path(args.db).is_file():
        print(f"error: no catalogue at {args.db}; run `make ingest` first", file=sys.stderr)
        return 2
    if not args.print and port_in_use(args.host, args.port):
        print(f"error: port {args.port} on {args.host} is in use (another `make serve`?); "
              f"pick another: --port {args.port + 1} (make serve PORT={args.port + 1})", file=sys.stderr)
        return 2
    immutable = read_only(args.db)
    if immutable:
        print(f"note: {args.db} is read-only here: serving it immutable (-i)", file=sys.stderr)
    meta = write_metadata(args.db)
    cmd = [sys.executable, "-m", "datasette",
           *serve_args(args.db, meta, port=args.port, host=args.host, immutable=immutable)]
    if args.print:
        print(" ".join(cmd))
        return 0
    return run_until_stopped(cmd, cleanup=meta)


def run_until_stopped(cmd: list[str], cleanup: Path) -> int:
    """Run Datasette in the foreground; Ctrl-C or SIGTERM stops it; `cleanup` is removed after."""
    proc = subprocess.Popen(cmd)
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    try:
        while True:
            try:
                return proc.wait()
            except KeyboardInterrupt:  # the child got the same SIGINT: wait for it to stop
                continue
    finally:
        signal.signal(signal.SIGTERM, previous)
        cleanup.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
