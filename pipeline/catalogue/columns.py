"""The column order of every catalogue table the loader writes: the contract between the
workers, which build rows as tuples in this order (`pipeline.catalogue.rows`), and the
one writer, which inserts them as they come with one prepared statement per table
(`pipeline.load`). Light on purpose: no stage, reader or extractor is imported.

A tuple pickles to a fraction of a dict (no key per value) and goes to `executemany`
untouched. schema/catalogue.sql stays the one DDL; `tests/catalogue` checks that every
column named here exists there.
"""
from __future__ import annotations

from typing import Any

COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("path", "url", "sha256", "format", "encoding", "bytes", "mtime_ns", "fetched_at", "referrer",
                "same_content_as", "raw_text", "documents", "problems", "extractors", "run_id", "text_source"),
    "documents": ("id", "search_key", "source", "ordinal", "work_key", "title", "doc_number", "doc_number_norm",
                  "issuer", "signed_date", "published_date", "year", "doc_type", "topic", "province", "city",
                  "portal_source", "printer", "printed_date", "note", "recipients", "cc", "attachments",
                  "cited_doc_numbers", "responsible_units", "quotas", "deadlines", "contacts", "chars", "text",
                  "original_text", "raw_start", "raw_end", "text_source", "ocr_confidence"),
    "documents_search": ("search_key", "title", "meta", "body"),
    "sections": ("id", "document_id", "path", "marker", "level", "heading", "start", "end", "raw_start", "raw_end"),
    "directives": ("id", "document_id", "section", "text", "start", "end", "raw_start", "raw_end"),
    "quotas": ("id", "document_id", "text", "min", "max", "unit", "approx", "subject", "frequency", "scope",
               "section", "start", "end", "raw_start", "raw_end"),
    "organizations": ("name", "kind", "province", "city"),
    "document_orgs": ("id", "document_id", "organization", "name", "role", "section", "start", "end"),
    "dates": ("id", "document_id", "kind", "value", "end_value", "precision", "text", "anchor", "limit_text",
              "start", "end"),
    "citations": ("id", "document_id", "doc_number", "doc_number_norm", "start", "end"),
    "attachments": ("id", "document_id", "position", "name", "start", "end"),
    "contacts": ("id", "document_id", "name", "phone", "kind", "start", "end"),
    "extractions": ("id", "document_id", "field", "value", "evidence", "start", "end", "raw_start", "raw_end",
                    "rule", "extractor", "chosen", "attrs"),
    "problems": ("id", "source", "document_id", "stage", "code", "message", "start", "end", "run_id"),
}
# insertion order: parents before the rows that reference them
CHILD_TABLES = ("documents", "documents_search", "sections", "directives", "quotas", "organizations",
                "document_orgs", "dates", "citations", "attachments", "contacts", "extractions", "problems")
# organizations are shared between sources: the first description of a name stays
INSERT: dict[str, str] = {
    table: (f"INSERT {'OR IGNORE ' if table == 'organizations' else ''}INTO {table} "
            f"({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})")
    for table, cols in COLUMNS.items()
}
SRC = {c: i for i, c in enumerate(COLUMNS["sources"])}  # sources column -> place in the tuple
DOC_ID = COLUMNS["documents"].index("id")
PROBLEM_CODE = COLUMNS["problems"].index("code")

Rows = dict[str, list[tuple]]
"""One source's rows: table name -> tuples in COLUMNS order (`sources` holds exactly one)."""


def as_dicts(rows: Rows, table: str) -> list[dict[str, Any]]:
    """A table's rows as column -> value dicts (for tests and debugging, never the hot path)."""
    return [dict(zip(COLUMNS[table], r, strict=True)) for r in rows.get(table, [])]


def source_of(rows: Rows) -> dict[str, Any]:
    """The one `sources` row as a dict."""
    return dict(zip(COLUMNS["sources"], rows["sources"][0], strict=True))
