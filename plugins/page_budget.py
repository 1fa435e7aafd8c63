"""Datasette plugin: a table page's count and default facets stay inside the page's budget.

Datasette 0.65 builds every table page from one WHERE clause and runs it several times:
the rows, `select count(*)`, and one query per facet. With `?_search=` each of them
evaluates the whole full-text match again, so a word found in 10^5 documents costs a
count and four GROUP BYs over 10^5 rows before the page can render. Three rules, set per
table in metadata.yml (`plugins: {page_budget: {...}}`). 0.65 has no hook around the
count, so `startup` wraps each database's `execute` and recognises the table view's
count by its SQL (`select count(*) from <table> where ...`, not truncated, no limit of its
own); re-check that shape when upgrading Datasette (tests/catalogue/test_query_speed.py).

- `count_time_limit_ms`: the table view's count of a filtered or searched page (the
  whole table's count is one index scan and keeps the global limit) runs under this
  instead of sql_time_limit_ms (Datasette 0.65 has no count limit of its own: only the
  database page's table counts stop at 10 ms and say "many"). A count that cannot finish
  in time is dropped: the page shows its rows without a number, the JSON has
  `filtered_table_rows_count: null`.
- `count_search_in_index: true`: the count of a page whose only condition is `?_search=`
  is taken in the full-text index (`select count(*) from <fts_table> where ... match`),
  not by looking each match up in the table: the same number when every row has exactly
  one index row (the catalogue's documents_search is written with its document and
  cascades with it), ~5x faster, so searches matching 10^4 documents keep their count.
- `search_facet_index`: on a search, facets listed as `- browse: column` read their column
  for each match from this covering index (`documents_search_key_facets`: search_key, then
  the facet columns), never from the table's wide rows: the facet's inner query selects
  only the index's columns `INDEXED BY` it, so each match is one step along the index in
  rowid order (bench/README.md has the cost at 200k documents).
- `search_facet_max_rows`: beyond this many matches (or when the count did not finish),
  the browse facets stand aside rather than time out (the search still shows its rows and
  the other facets asked for with `_facet=`).
"""
from __future__ import annotations

import re

from datasette import hookimpl
from datasette.facets import ColumnFacet

NAME = "page_budget"
# Datasette's table view: f"select count(*) {from_sql}" with from_sql = "from <table> where ...";
# the count of a whole table (no where) is one index scan and keeps the global limit.
TABLE_COUNT = re.compile(r"select count\(\*\) from (\[[^\]]+\]|\w+) where ")
# ... whose only condition is Datasette's ?_search= clause (datasette/filters.py search_filters).
SEARCH_ONLY = re.compile(r"select count\(\*\) from (\[[^\]]+\]|\w+) where (\[[^\]]+\]|\w+) in "
                         r"\(select rowid from (\[[^\]]+\]|\w+) where \3 match (escape_fts\(:search\)|:search)\) $")


# the table view's inner query: "select <every column> from <table> where ..."
SELECT_FROM = re.compile(r"select (.+?) from (\[[^\]]+\]|\w+) (?=where )")
_INDEX_COLUMNS: dict[tuple[str, str], list[str]] = {}


async def _index_columns(ds, database: str, index: str) -> list[str]:
    """The columns of `index` (read once per database and index)."""
    key = (database, index)
    if key not in _INDEX_COLUMNS:
        rows = await ds.get_database(database).execute("select name from pragma_index_info(?) order by seqno", [index])
        _INDEX_COLUMNS[key] = [r[0] for r in rows.rows]
    return _INDEX_COLUMNS[key]


def _table_name(escaped: str) -> str:
    return escaped[1:-1] if escaped.startswith("[") else escaped


def _limited(datasette, db):
    """`db.execute` with the table view's count under the table's count_time_limit_ms."""
    execute = db.execute

    async def execute_with_count_limit(sql, params=None, truncate=False, custom_time_limit=None, **kw):
        if custom_time_limit is None and not truncate and (m := TABLE_COUNT.match(sql)):
            table = _table_name(m.group(1))
            config = datasette.plugin_config(NAME, database=db.name, table=table) or {}
            custom_time_limit = config.get("count_time_limit_ms")
            if config.get("count_search_in_index") and (s := SEARCH_ONLY.match(sql)):
                meta = datasette.table_metadata(db.name, table)
                fts, pk = _table_name(s.group(3)), _table_name(s.group(2))
                if fts == meta.get("fts_table") and pk == meta.get("fts_pk", "rowid"):
                    sql = f"select count(*) from {s.group(3)} where {s.group(3)} match {s.group(4)}"
        return await execute(sql, params, truncate=truncate, custom_time_limit=custom_time_limit, **kw)

    execute_with_count_limit.page_budget = True
    return execute_with_count_limit


@hookimpl
def startup(datasette):
    for db in datasette.databases.values():
        if not getattr(db.execute, "page_budget", False):
            db.execute = _limited(datasette, db)


class BrowseFacet(ColumnFacet):
    """A column facet (`- browse: column` in the table's metadata) that a broad search skips."""

    type = "browse"

    async def suggest(self):
        return []  # the column facet already suggests columns

    def get_configs(self):
        asked = set(self.request.args.getlist("_facet"))  # the column facet computes those
        return [c for c in super().get_configs() if (c["config"].get("column") or c["config"]["simple"]) not in asked]

    async def facet_results(self):
        if any(k.startswith("_search") and k != "_searchmode" for k in self.request.args):
            config = self.ds.plugin_config(NAME, database=self.database, table=self.table) or {}
            cap = config.get("search_facet_max_rows")
            if cap is not None and (self.row_count is None or self.row_count > cap):
                return [], []
            index = config.get("search_facet_index")
            if index and (m := SELECT_FROM.match(self.sql)):
                cols = await _index_columns(self.ds, self.database, index)
                self.sql = (f"select {', '.join(f'[{c}]' for c in cols)} from {m.group(2)} indexed by [{index}] "
                            + self.sql[m.end():])
        results, timed_out = await super().facet_results()
        for facet in results:
            facet["type"] = "column"  # shown and serialised as the column facet it is
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [BrowseFacet]
