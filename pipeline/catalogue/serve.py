"""`make serve`: Datasette over the catalogue, configured from schema/ (never immutable).

    python -m pipeline.catalogue.serve [--db catalogue.db] [--port 8001] [--print]

Builds the metadata for the served file (schema/metadata.yml, with the database
renamed to the file's name and column descriptions filled from the comments in
schema/catalogue.sql), turns schema/datasette.yml's settings into `--setting` flags,
and runs Datasette on 127.0.0.1 with the plugins/ and templates/ folders. The file is
opened in plain read mode, not `-i`: ingest may write while Datasette serves.
"""
from __future__ import annotations

import argparse
import json
import os
import re
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


def serve_args(db: str | Path, metadata_path: str | Path, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """Arguments after `datasette` (tests start Datasette with exactly these)."""
    args = ["serve", str(db), "--host", host, "--port", str(port), "--metadata", str(metadata_path),
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


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextmanager
def background(db: str | Path, folder: str | Path, timeout: float = 30.0) -> Iterator[str]:
    """Datasette over `db` in a child process on a free local port; yields its base URL."""
    port = free_port()
    db = Path(db).absolute()  # the child runs in `folder`: a relative path would miss the file
    log = open(Path(folder) / "datasette.log", "wb")  # noqa: SIM115 - closed below
    cmd = [sys.executable, "-m", "datasette", *serve_args(db, write_metadata(db, folder), port=port)]
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
    if not Path(args.db).is_file():
        print(f"error: no catalogue at {args.db}; run `make ingest` first", file=sys.stderr)
        return 2
    cmd = [sys.executable, "-m", "datasette",
           *serve_args(args.db, write_metadata(args.db), port=args.port, host=args.host)]
    if args.print:
        print(" ".join(cmd))
        return 0
    os.execv(sys.executable, cmd)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
