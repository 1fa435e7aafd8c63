"""What keeps the documents pages fast at 10^5 documents, checked for what it returns (never
for how fast: bench/catalogue_scale.py measures that).

- the pair index (`bigrams`) finds exactly the documents holding a typed word, and keeps one
  token per token of the per-character text (`spaced`);
- the documents table's defaults: index order, cheap facets, no JSON-array facet;
- plugins/page_budget.py: the table view's count gets its own time limit, and the default
  facets stand aside on a search too broad to facet.
"""
from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from datasette.app import Datasette

from pipeline.catalogue import serve
from pipeline.catalogue.fts import CJK_CHAR, bigrams, fold_query, fts_query, spaced
from tests.catalogue.conftest import NOTICE, SEEDS

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [
    NOTICE,
    "根据晋卫办医政〔2013〕84号文件，做好诊疗服务。义务教育阶段学生体检，由市教育局负责。",
    "Report on COVID-19 vaccination 接种 2021；义_诊 义\n诊活动　每个县2000人次。",
    "《通知》（一）、1.各地；한국어 テスト 𠀀𠀁x",
]
UNICODE61_TOKEN = re.compile(r"[^\W_]+")


def _index(transform) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(body, tokenize='unicode61')")
    conn.executemany("INSERT INTO f(rowid, body) VALUES (?, ?)",
                     [(i, transform(fold_query(t))) for i, t in enumerate(TEXTS)])
    return conn


PAIRS = _index(bigrams)
FOLDED = [fold_query(t) for t in TEXTS]  # the index holds the text as normalize leaves it


def _search(conn, typed: str) -> set[int]:
    return {r[0] for r in conn.execute("SELECT rowid FROM f WHERE f MATCH ?", [fts_query(typed)])}


def _words() -> list[str]:
    """Every 1- to 5-character substring starting at every 89th CJK character of the texts,
    plus words with digits, Latin and punctuation."""
    out = set()
    for text in TEXTS:
        starts = [i for i, ch in enumerate(text) if CJK_CHAR.match(ch) and ch.isalnum()][::89]
        for i in starts:
            for n in range(1, 6):
                out.add(text[i:i + n])
    return sorted(out) + ["晋卫办医政[2013]84号", "84号", "2000人次", "000人次", "诊疗 服务", '"开展义诊"', "义诊 OR 体检",
                          "covid", "COVID-19 接种", "义_诊", "活动，每个", "〔〕", "", '" OR 1=1 --', "テスト", "𠀁x"]


def _cjk_word(word: str) -> bool:
    return bool(word) and all(CJK_CHAR.match(c) and c.isalnum() for c in word)


@pytest.mark.parametrize("typed", [w for w in _words() if _cjk_word(w)])
def test_pair_index_finds_exactly_the_documents_holding_a_word(typed):
    assert _search(PAIRS, typed) == {i for i, t in enumerate(FOLDED) if fold_query(typed) in t}


@pytest.mark.parametrize("typed", [w for w in _words() if not _cjk_word(w)])
def test_any_typed_text_is_a_valid_query(typed):
    _search(PAIRS, typed)  # no FTS5 syntax error, whatever was typed


@pytest.mark.parametrize("typed", ["义诊", "义诊活动", "责任单位", "卫生厅", "晋卫办医政〔2013〕84号", "2000人次", "活动周"])
def test_pair_index_finds_every_document_containing_the_word(typed):
    expected = {i for i, t in enumerate(TEXTS) if typed in t}
    assert expected and expected <= _search(PAIRS, typed)


@pytest.mark.parametrize("text", TEXTS + ["", "义", "2013年", "a_b"])
def test_bigrams_keeps_one_token_per_character_token(text):
    """Positions line up with the per-character index: n characters are n-1 pairs + the last."""
    chars, pairs = UNICODE61_TOKEN.findall(spaced(text)), UNICODE61_TOKEN.findall(bigrams(text))
    assert len(pairs) == len(chars)
    assert all(p == c or (CJK_CHAR.match(c) and p[0] == c) for p, c in zip(pairs, chars))


@pytest.mark.parametrize("typed, query", [
    ("义诊", '"义诊"'),
    ("义诊活动", '"义诊 诊活 活动"'),
    ("义", '"义" *'),
    ("84号", '"84 号" *'),
    ("晋卫办医政[2013]84号", '"晋卫 卫办 办医 医政 政 2013 84 号" *'),
    ("诊疗 服务", '"诊疗" AND "服务"'),
    ("医保 OR 疫苗", '("医保" OR "疫苗")'),
    ("义诊 -农村", '("义诊") NOT "农村"'),
    ("covid", '"covid"'),
])
def test_fts_query_spells_each_word_as_pairs(typed, query):
    assert fts_query(typed) == query


# -- Datasette: the documents table's configuration and plugins/page_budget.py -------------

PLUGINS = serve.ROOT / "plugins"
if str(PLUGINS) not in sys.path:
    sys.path.insert(0, str(PLUGINS))
import page_budget  # noqa: E402  (plugins/ is Datasette's plugins folder, not a package)


def test_documents_defaults_are_cheap_at_scale():
    docs = serve.metadata("catalogue")["databases"]["catalogue"]["tables"]["documents"]
    assert docs["sort_desc"] == "search_key" and "sort" not in docs  # the index's order: no sort of the matches
    assert docs["facets"] == [{"browse": c} for c in ("year", "province", "doc_type", "issuer", "topic")]
    assert not any("array" in f for f in docs["facets"])  # JSON arrays: json_each over every row
    budget = docs["plugins"]["page_budget"]
    assert budget["count_time_limit_ms"] < serve.settings()["sql_time_limit_ms"]
    assert budget["search_facet_max_rows"] > 0


def test_catalogue_has_the_search_facets_index(tmp_path):
    from pipeline import load

    db = load.connect(tmp_path / "c.db")
    try:
        cols = [r[2] for r in db.execute("PRAGMA index_info(documents_search_key_facets)")]
    finally:
        db.close()
    assert cols[0] == "search_key" and set(cols[1:]) == {"year", "doc_type", "province", "issuer", "topic"}


class _Db:
    name = "cat"

    def __init__(self):
        self.calls = []

    async def execute(self, sql, params=None, truncate=False, custom_time_limit=None, **kw):
        self.calls.append((sql, custom_time_limit))


class _Ds:
    def plugin_config(self, name, database=None, table=None):
        if (name, database, table) == ("page_budget", "cat", "documents"):
            return {"count_time_limit_ms": 20, "count_search_in_index": True}
        return None

    def table_metadata(self, database, table):
        return {"fts_table": "documents_fts", "fts_pk": "search_key"} if table == "documents" else {}


SEARCH = "search_key in (select rowid from documents_fts where documents_fts match escape_fts(:search))"


@pytest.mark.parametrize("sql, truncate, given, sent, limit", [
    # the table view's count of a plain search: counted in the index, under the count limit
    (f"select count(*) from documents where {SEARCH} ", False, None,
     "select count(*) from documents_fts where documents_fts match escape_fts(:search)", 20),
    # a search and a filter: the table's rows must be read
    (f"select count(*) from documents where year = :p0 and {SEARCH} ", False, None, None, 20),
    ("select count(*) from [documents] where year = :p0 ", False, None, None, 20),
    ("select count(*) from documents ", False, None, None, None),       # the whole table: one index scan
    ("select count(*) from sources where 1 ", False, None, None, None),  # a table without the setting
    (f"select count(*) from documents where {SEARCH} ", True, None, None, None),  # custom SQL, canned queries
    ("select count(*) from documents where 1 ", False, 5, None, 5),     # a limit given by the caller stays
    ("select * from documents where 1 ", False, None, None, None),
])
def test_count_limit_applies_to_the_table_views_count_only(sql, truncate, given, sent, limit):
    db = _Db()
    asyncio.run(page_budget._limited(_Ds(), db)(sql, {}, truncate=truncate, custom_time_limit=given))
    assert db.calls == [(sent or sql, limit)]


def _datasette(db_path: Path, **budget) -> Datasette:
    meta = serve.metadata(db_path.stem)
    meta["databases"][db_path.stem]["tables"]["documents"]["plugins"]["page_budget"].update(budget)
    return Datasette([str(db_path)], metadata=meta, plugins_dir=str(PLUGINS),
                     template_dir=str(serve.ROOT / "templates"), settings=serve.settings())


def _get(ds: Datasette, *paths: str) -> list:
    """Each path's JSON (or HTML text), in one event loop (a Datasette instance keeps to one)."""
    async def go():
        await ds.invoke_startup()
        out = []
        for path in paths:
            resp = await ds.client.get(path)
            assert resp.status_code == 200, resp.text[:300]
            out.append(resp.json() if path.split("?")[0].endswith(".json") else resp.text)
        return out

    return asyncio.run(go())


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    from tests.catalogue.test_datasette import build

    path, _ = build(tmp_path_factory.mktemp("speed"))
    return path


@pytest.mark.parametrize("typed", ["义诊", "卫生", "晋卫办医政[2013]84号", "诊疗 服务", "不存在的词语"])
def test_search_count_taken_in_the_index_is_the_tables(catalogue, typed):
    db = catalogue.stem
    counted, listed, filtered = _get(_datasette(catalogue), f"/{db}/documents.json?_search={typed}&_nofacet=1",
                                     f"/{db}/documents.json?_search={typed}&_col=id&_size=max&_nofacet=1&_nocount=1",
                                     f"/{db}/documents.json?_search={typed}&ordinal=0&_col=id&_size=max&_nofacet=1")
    assert counted["filtered_table_rows_count"] == len(listed["rows"])
    assert filtered["filtered_table_rows_count"] == len(filtered["rows"])  # search + filter: counted in the table


def test_search_page_keeps_its_facets_and_count_when_the_match_set_is_small(catalogue):
    data, = _get(_datasette(catalogue), f"/{catalogue.stem}/documents.json?_search=义诊")
    assert data["filtered_table_rows_count"] >= 1
    assert {"year", "doc_type", "province", "issuer"} <= set(data["facet_results"])
    assert all(f["type"] == "column" for f in data["facet_results"].values())


def test_broad_search_leaves_the_default_facets_aside(catalogue):
    db = catalogue.stem
    data, asked, browse = _get(_datasette(catalogue, search_facet_max_rows=0), f"/{db}/documents.json?_search=义诊",
                               f"/{db}/documents.json?_search=义诊&_facet=province", f"/{db}/documents.json")
    assert data["filtered_table_rows_count"] >= 1 and data["facet_results"] == {}
    assert not data.get("facets_timed_out")
    assert list(asked["facet_results"]) == ["province"]  # a facet asked for is still computed
    assert {"year", "doc_type", "province", "issuer"} <= set(browse["facet_results"])  # no search: all


def test_a_default_facet_asked_for_again_is_computed_once(catalogue):
    db = catalogue.stem
    for data in _get(_datasette(catalogue), f"/{db}/documents.json?_facet=year", f"/{db}/documents.json?_search=义诊&_facet=year"):
        assert sorted(data["facet_results"]) == ["doc_type", "issuer", "province", "topic", "year"]


def test_responsible_units_facet_on_demand(catalogue):
    data, = _get(_datasette(catalogue), f"/{catalogue.stem}/documents.json?_facet_array=responsible_units")
    assert "responsible_units" in data["facet_results"]
    values = {r["value"] for r in data["facet_results"]["responsible_units"]["results"]}
    conn = sqlite3.connect(catalogue)
    units = {u for (js,) in conn.execute("SELECT responsible_units FROM documents") for u in json.loads(js or "[]")}
    conn.close()
    assert values and values <= units


def test_search_rows_come_in_index_order_and_the_form_keeps_that_order(catalogue):
    db = catalogue.stem
    data, html = _get(_datasette(catalogue), f"/{db}/documents.json?_search=卫生&_col=search_key&_size=max&_nofacet=1",
                      f"/{db}/documents?_search=卫生")
    keys = [r[1] for r in data["rows"]]
    assert len(keys) > 1 and keys == sorted(keys, reverse=True)
    # the search form resubmits the sort it shows: the index order, not a sort of every match
    assert re.search(r'<option value="search_key"\s+selected>', html)
    assert 'name="_sort_by_desc" checked' in html
    assert data["filtered_table_rows_count"] == len(keys)
