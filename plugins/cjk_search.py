"""Datasette plugin: Chinese search from the search box, and values highlighted in context.

- `prepare_connection`: replaces Datasette's SQL function `escape_fts` (registered just
  before plugin hooks run) with `pipeline.catalogue.fts.fts_query`, so `?_search=义诊活动`
  matches the index the loader builds (per character or per character pair: the query
  reads both). The request is untouched: the search box keeps what was typed, and the
  JSON API takes the same `?_search=`. How the documents pages stay fast at scale (count,
  facets): plugins/page_budget.py.
- `norm_doc_number(x)`: the loader's 发文字号 folding, for canned queries.
- `render_cell`: a column named `context` holding a JSON array [before, value, after]
  (the canned queries build it) renders as escaped text with the value in <mark>.
- `extra_body_script`: folds the long column-description list into a <details>.
- `extra_template_vars`: on a documents row page, `document_view` is the document's
  text, escaped, with every chosen extracted value in <mark> (templates/row.html).
Every stored string goes through markupsafe.escape: a page's <script> stays text.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from datasette import hookimpl
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `datasette --plugins-dir plugins` from any folder
    sys.path.insert(0, str(ROOT))

from pipeline.catalogue.fts import fts_query  # noqa: E402
from pipeline.catalogue.highlight import highlight_html  # noqa: E402
from pipeline.catalogue.keys import norm_doc_number  # noqa: E402


@hookimpl(trylast=True)  # after Datasette's own sql_functions hook, which registers escape_fts
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function("cjk_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("norm_doc_number", 1, norm_doc_number, deterministic=True)


@hookimpl
def render_cell(value, column):
    if column != "context" or not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        parts = json.loads(value)
    except ValueError:
        return None
    if not (isinstance(parts, list) and len(parts) == 3 and all(isinstance(p, str) for p in parts)):
        return None
    before, mark, after = parts
    return Markup('<span class="evidence">{}<mark>{}</mark>{}</span>').format(before, mark, after)


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "documents" or request is None:
        return None

    async def inner():
        from datasette.utils import urlsafe_components

        pks = urlsafe_components(request.url_vars.get("pks", ""))
        db = datasette.get_database(database)
        doc = (await db.execute("SELECT text FROM documents WHERE id = ?", [pks[0]])).first()
        if doc is None:
            return {}
        marks = await db.execute(
            'SELECT start, "end", field, extractor, rule FROM extractions '
            "WHERE document_id = ? AND chosen = 1 AND field NOT IN ('section', 'directive') "
            "ORDER BY start, \"end\" DESC", [pks[0]])
        return {"document_view": highlight_html(doc["text"], [tuple(r) for r in marks.rows])}

    return inner


# Datasette 0.65 lists every column description above the rows; fold them into a
# <details> so the rows come first (the descriptions stay one click away).
FOLD_DESCRIPTIONS = """
document.querySelectorAll('dl.column-descriptions').forEach(function (dl) {
  var box = document.createElement('details'), label = document.createElement('summary');
  label.textContent = '字段说明 Column descriptions (' + dl.querySelectorAll('dt').length + ')';
  dl.parentNode.insertBefore(box, dl);
  box.appendChild(label);
  box.appendChild(dl);
});
"""


@hookimpl
def extra_body_script(view_name):
    return FOLD_DESCRIPTIONS if view_name == "table" else None
