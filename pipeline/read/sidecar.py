"""Crawl records kept beside the files: a `PROVENANCE.tsv` that describes each file.

Crawlers that save only a page's article body (a TRS `article` field, say) keep the
headline, date and source in their own record, not in the page. When a folder (or one of
its parents) holds such a table, the record's values are put before the page text as
`收录标题：` / `收录日期：` / `收录来源：` lines in the `pagemeta` zone, so they carry evidence
like any other value; the extractors rank them below anything the page prints itself.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from pipeline.types import Document, Span

SIDECAR = "PROVENANCE.tsv"
MAX_LEVELS = 3  # how far up from a file to look for its folder's table
LABELS = {"title": "收录标题", "date": "收录日期", "source": "收录来源"}
PAIR = re.compile(r"(?:^|;\s*)(title|date|source)=([^;\t]*)")


@lru_cache(maxsize=64)
def _table(path: Path) -> dict[str, dict[str, str]]:
    """relative path -> the record's values, from one sidecar table."""
    out: dict[str, dict[str, str]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                rel = (row.get("relative_path") or row.get("path") or "").strip()
                if not rel:
                    continue
                values = {k: (row.get(k) or "").strip() for k in LABELS if row.get(k)}
                for m in PAIR.finditer(row.get("description") or ""):
                    values.setdefault(m.group(1), m.group(2).strip())
                out[rel] = {k: v for k, v in values.items() if v}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}  # an unreadable table is no record at all; the page still reads
    return out


def record_for(path: Path) -> dict[str, str]:
    """The crawl record of a file, from the nearest sidecar table that names it."""
    path = path.absolute()
    folder = path.parent
    for _ in range(MAX_LEVELS):
        table = folder / SIDECAR
        if table.is_file():
            rec = _table(table).get(path.relative_to(folder).as_posix())
            if rec:
                return rec
        if folder.parent == folder:
            break
        folder = folder.parent
    return {}


def with_record(doc: Document, record: dict[str, str]) -> Document:
    """The document with the record's lines before its raw text (zones shifted)."""
    head = "".join(f"{LABELS[k]}：{record[k]}\n" for k in LABELS if k in record)
    if not head or not doc.raw_text:
        return doc
    n = len(head)
    zones = {name: [Span(s.start + n, s.end + n) for s in spans] for name, spans in doc.zones.items()}
    zones["pagemeta"] = [Span(0, n - 1), *zones.get("pagemeta", [])]
    doc.raw_text, doc.zones = head + doc.raw_text, zones
    return doc
