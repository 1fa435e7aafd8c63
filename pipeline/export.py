"""`python -m pipeline export`: documents and their parts as csv, jsonl or parquet.

Files: documents, quotas, directives, units (responsible units with their roles),
citations (each resolved to the catalogued document when one carries the number) and
dates (signed, published, deadlines, mentions...). Read-only on the catalogue (safe
while ingest writes). JSON list columns of documents come out as lists in jsonl and
parquet, and as JSON text in csv; in parquet, quotas and contacts are typed lists of
structs (QUOTA, CONTACT), not JSON strings.
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
        "doc_type, topic, province, city, portal_source, printer, printed_date, note, recipients, cc, attachments, "
        "cited_doc_numbers, responsible_units, deadlines, quotas, contacts, chars, text "
        "FROM documents ORDER BY source, ordinal"),
    "quotas": (
        'SELECT q.id, q.document_id, d.source, q.text, q.min, q.max, q.unit, q.approx, q.subject, q.frequency, '
        'q.scope, q.section, q.start, q."end" FROM quotas q JOIN documents d ON d.id = q.document_id '
        "ORDER BY d.source, d.ordinal, q.start"),
    "directives": (
        'SELECT r.id, r.document_id, d.source, r.section, r.text, r.start, r."end" '
        "FROM directives r JOIN documents d ON d.id = r.document_id ORDER BY d.source, d.ordinal, r.start"),
    "units": (
        'SELECT o.id, o.document_id, d.source, o.name, o.organization, o.role, o.section, o.start, o."end" '
        "FROM document_orgs o JOIN documents d ON d.id = o.document_id "
        "WHERE o.role IN ('lead', 'responsible', 'cooperating') ORDER BY d.source, d.ordinal, o.start"),
    "citations": (
        'SELECT c.id, c.document_id, d.source, c.doc_number, c.doc_number_norm, '
        "(SELECT t.id FROM documents t WHERE t.doc_number_norm = c.doc_number_norm ORDER BY t.id LIMIT 1) "
        'AS cited_id, c.start, c."end" FROM citations c JOIN documents d ON d.id = c.document_id '
        "ORDER BY d.source, d.ordinal, c.start"),
    "dates": (
        't.id, t.document_id, d.source, t.kind, t.value, t.end_value, t.precision, t.text, t.start, t."end" '
        "FROM dates t JOIN documents d ON d.id = t.document_id ORDER BY d.source, d.ordinal, t.start"),
}
QUERIES["dates"] = "SELECT " + QUERIES["dates"]


# parquet struct fields of documents.quotas and documents.contacts (the JSON objects' keys)
QUOTA = {"text": lambda pa: pa.string(), "min": lambda pa: pa.float64(), "max": lambda pa: pa.float64(),
         "unit": lambda pa: pa.string(), "approx": lambda pa: pa.bool_()}
CONTACT = {"name": lambda pa: pa.string(), "phone": lambda pa: pa.string()}


def _typed(key: str, value: Any) -> Any:
    """A quota value as its struct field's type (numbers stored as int become float)."""
    if value is None:
        return None
    if key in ("min", "max"):
        return float(value)
    return bool(value) if key == "approx" else str(value)


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
    types: dict[str, Any] = {}
    if table == "documents":  # lists of str, and quotas/contacts as lists of typed structs
        types = {c: pa.list_(pa.string()) for c in LIST_COLUMNS}
        types["quotas"] = pa.list_(pa.struct([(k, QUOTA[k](pa)) for k in QUOTA]))
        types["contacts"] = pa.list_(pa.struct([(k, CONTACT[k](pa)) for k in CONTACT]))
        for row in rows:
            row["quotas"] = [{k: _typed(k, q.get(k)) for k in QUOTA} for q in row["quotas"] if isinstance(q, dict)]
            row["contacts"] = [{k: c.get(k) for k in CONTACT} for c in row["contacts"] if isinstance(c, dict)]
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
