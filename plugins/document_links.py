"""Datasette plugin: values that name a document link to its page, in every table and query.

`render_cell`: a column holding a document id (`document_id`, `document`, `citing_id`,
`cited_id`, `cited_by_id`, `first_document`, `same_as_id`) renders as a link to
/<db>/documents/<id> in query results and views (table pages link foreign keys themselves);
a `title` beside such a column links there too; a `snippet` column
(the search query's JSON list of alternating text and matched words) renders escaped with
the matches in <mark>.
"""
from __future__ import annotations

import json

from datasette import hookimpl
from markupsafe import Markup, escape

ID_COLUMNS = ("document_id", "document", "citing_id", "cited_id", "cited_by_id", "first_document", "same_as_id")
VIEWS = ("works", "same_as", "citation_links", "cited_by", "attachment_links")  # schema/catalogue.sql
LINK = Markup('<a href="{}">{}</a>')


def _is_id(value) -> bool:
    return isinstance(value, str) and len(value) == 16 and all(c in "0123456789abcdef" for c in value)


def _row_id(row) -> str | None:
    keys = row.keys() if hasattr(row, "keys") else []
    for col in ID_COLUMNS:
        if col in keys and _is_id(row[col]):
            return row[col]
    return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column == "snippet" and isinstance(value, str) and value.startswith("["):
        try:
            parts = json.loads(value)
        except ValueError:
            return None
        if isinstance(parts, list) and all(isinstance(p, str) for p in parts):
            return Markup("").join(escape(p) if i % 2 == 0 else Markup("<mark>{}</mark>").format(p)
                                   for i, p in enumerate(parts))
        return None
    if table is not None and table not in VIEWS:
        return None  # a table page links its foreign keys itself (with the document's title)
    base = datasette.urls.table(database, "documents")
    if column in ID_COLUMNS and _is_id(value):
        return LINK.format(f"{base}/{value}", value)
    if column in ("title", "citing_title", "cited_title", "cited_by_title") and isinstance(value, str):
        doc = _row_id(row)
        if doc:
            return LINK.format(f"{base}/{doc}", value)
    return None
