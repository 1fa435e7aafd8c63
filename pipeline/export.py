"""`python -m pipeline export`: documents, quotas and directives as csv, jsonl or parquet.

Read-only on the catalogue (safe while ingest writes). JSON list columns of documents
come out as lists in jsonl and parquet, and as JSON text in csv.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FORMATS = ("csv", "jsonl", "parquet")
LIST_COLUMNS = ("recipients", "cc", "attachments", "cited_doc_numbers", "responsible_units", "deadlines")
JSON_COLUMNS = ("quotas", "contacts")
QUERIES = {
    "documents": (
        "SELECT id, source, ordinal, work_key, title, doc_number, issuer, signed_date, published_date, year, "
        "doc_type, province, city, portal_source, printer, printed_date, note, recipients, cc, attachments, "
        "cited_doc_numbers, responsible_units, deadlines, quotas, contacts, chars, text "
        "FROM documents ORDER BY source, ordinal"),
    "quotas": (
        'SELECT q.id, q.document_id, d.source, q.text, q.min, q.max, q.unit, q.approx, q.subject, q.frequency, '
        'q.scope, q.section, q.start, q."end" FROM quotas q JOIN documents d ON d.id = q.document_id '
        "ORDER BY d.source, d.ordinal, q.start"),
    "directives": (
        'SELECT r.id, r.document_id, d.source, r.section, r.text, r.start, r."end" '
        "FROM directives r JOIN documents d ON d.id = r.document_id ORDER BY d.source, d.ordinal, r.start"),
}


def _user_error(message: str) -> Exception:
    """The CLI's one-line error (imported late: this module stays light)."""
    from pipeline.commands import UserError

    return UserError(message)


def _rows(conn: sqlite3.Connection, table: str, decode_json: bool) -> tuple[list[str], list[dict[str, Any]]]:
    cur = conn.execute(QUERIES[table])
    cols = [c[0] for c in cur.description]
    rows = [dict(zip(cols, r)) for r in cur]
    if decode_json and table == "documents":
        for row in rows:
            for col in (*LIST_COLUMNS, *JSON_COLUMNS):
                row[col] = json.loads(row[col]) if row[col] else []
    return cols, rows


def _write_csv(path: Path, cols: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_parquet(path: Path, table: str, cols: list[str], rows: list[dict[str, Any]]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise _user_error("parquet export needs pyarrow: .venv/bin/pip install 'pyarrow>=16'") from exc
    if table == "documents":  # lists of str typed; quotas/contacts as JSON text (their tables are exported)
        for row in rows:
            for col in JSON_COLUMNS:
                row[col] = json.dumps(row[col], ensure_ascii=False)
    types = {c: pa.list_(pa.string()) for c in LIST_COLUMNS} if table == "documents" else {}
    floats = {"min", "max"}
    ints = {"ordinal", "year", "chars", "approx", "start", "end"}
    schema = pa.schema([(c, types.get(c) or (pa.float64() if c in floats else pa.int64() if c in ints
                                               else pa.string())) for c in cols])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def export(db: str | Path, fmt: str, out_dir: str | Path) -> Iterator[str]:
    """Write documents, quotas and directives to `out_dir`; yields one line per file written."""
    if fmt not in FORMATS:
        raise _user_error(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for table in QUERIES:
            cols, rows = _rows(conn, table, decode_json=fmt != "csv")
            path = out / f"{table}.{fmt}"
            if fmt == "csv":
                _write_csv(path, cols, rows)
            elif fmt == "jsonl":
                _write_jsonl(path, rows)
            else:
                _write_parquet(path, table, cols, rows)
            yield f"wrote {path} ({len(rows)} rows)"
    except sqlite3.DatabaseError as exc:
        raise _user_error(f"{db}: {exc}; is it a catalogue built by `make ingest`?") from exc
    finally:
        conn.close()
