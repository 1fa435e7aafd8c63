"""Datasette plugin: Chinese search from the search box, and values highlighted in context.

- `prepare_connection`: replaces Datasette's SQL function `escape_fts` (registered just
  before plugin hooks run) with `pipeline.catalogue.fts.fts_query`, so `?_search=义诊活动`
  matches the index the loader builds (per character or per character pair: the query
  reads both). The request is untouched: the search box keeps what was typed, and the
  JSON API takes the same `?_search=`. How the documents pages stay fast at scale (count,
  facets): plugins/page_budget.py.
  A query longer than fts.MAX_QUERY_CHARS is refused before any work, so `escape_fts`
  called from `?sql=` cannot hold a thread past the time limit (the function runs outside
  SQLite's progress handler); every string a query builds is capped (SQLITE_LIMIT_LENGTH).
- `norm_doc_number(x)`: the loader's 发文字号 folding, for canned queries.
- `cjk_snippet(text, query)`: a search hit's context (pipeline/catalogue/snippet.py).
- `render_cell`: a column named `context` holding a JSON array [before, value, after]
  (the canned queries build it) renders as escaped text with the value in <mark>.
- `extra_body_script`: folds the long column-description list into a <details>.
- The document page (card, highlighted text): plugins/document_page.py.
Every stored string goes through markupsafe.escape: a page's <script> stays text.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from datasette import hookimpl
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `datasette --plugins-dir plugins` from any folder
    sys.path.insert(0, str(ROOT))

from pipeline.catalogue.fts import fts_query  # noqa: E402
from pipeline.catalogue.keys import norm_doc_number  # noqa: E402
from pipeline.catalogue.snippet import snippet  # noqa: E402

MAX_VALUE_BYTES = 256 * 1024 * 1024


@hookimpl(trylast=True)  # after Datasette's own sql_functions hook, which registers escape_fts
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function("cjk_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("norm_doc_number", 1, norm_doc_number, deterministic=True)
    conn.create_function("cjk_snippet", 2, snippet, deterministic=True)
    # Bound every string a query can build (printf('%.*c', 1e9, 'x') is one VM step, before the
    # time limit can look): the largest stored text is far below this.
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    # a refused search is the request's 400, not a traceback in the log (plugins/quiet_errors.py)
    sqlite3.enable_callback_tracebacks(False)


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
