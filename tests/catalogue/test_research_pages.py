"""The catalogue as researchers use it: document page, default table, ranked search, links."""
from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from pipeline.catalogue.serve import background
from tests.catalogue.test_datasette import api, build, get


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("research")
    path, ids = build(folder)
    with background(path, folder) as base:
        yield base + "/cat", path, ids


def _page(site, source="made/notice.txt") -> str:
    base, _, ids = site
    return get(f"{base}/documents/{ids[source]}")


def test_the_document_page_opens_with_the_card_before_the_text(site):
    html = _page(site)
    assert html.index('id="record-card"') < html.index('id="document-text"') < html.index("所有字段 Every column")


@pytest.mark.parametrize("label, value", [
    ("发文字号 Number", "晋卫办医政〔2013〕84号"),
    ("发文机关 Issuer", "山西省卫生厅办公室"),
    ("成文日期 Signed", "2013-09-28"),
    ("主送 To", "各市卫生局"),
    ("附件 Attachments", "义诊活动统计表"),
    ("责任单位 Responsible units", "省卫生厅医政处"),
    ("指标 Quotas", "不少于2000人次"),
    ("联系人 Contacts", "郝小强 0351-3580457"),
    ("引用文件 Cited", "国卫发明电〔2013〕16号"),
], ids=["number", "issuer", "signed", "recipients", "attachments", "units", "quotas", "contacts", "cited"])
def test_the_card_shows_each_value_linked_to_its_highlight(site, label, value):
    html = _page(site)
    card = html[html.index('id="record-card"'):html.index('id="legend"')]
    assert label in card
    m = re.search(r'id="v-(\d+)-(\d+)" href="#m-\1-\2">' + re.escape(value) + "<", card)
    assert m, value
    assert f'<mark id="m-{m.group(1)}-{m.group(2)}"' in html  # the highlight it jumps to, which links back
    assert f'data-back="v-{m.group(1)}-{m.group(2)}"' in html


def test_unit_roles_show_in_the_card(site):
    card = _page(site).split('id="legend"')[0]
    assert "牵头 lead" in card and "配合 cooperating" in card


@pytest.mark.parametrize("family", ["identity", "orgs", "dates", "quotas", "references", "contacts"])
def test_each_field_family_has_its_colour_and_legend_entry(site, family):
    html = _page(site)
    legend = html[html.index('id="legend"'):html.index('id="document-text"')]
    assert f'class="fam-{family}"' in legend and '<mark id="m-' in html and f'class="fam-{family}"' in html
    assert re.search(rf"\.fam-{family}, \.card-{family} {{ background: #[0-9a-f]{{6}}; }}", html)


def test_a_cited_document_in_the_catalogue_links_to_its_page(site):
    base, _, ids = site
    assert f'href="/cat/documents/{ids["made/cited.txt"]}"' in _page(site)


def test_the_cited_documents_page_shows_its_diffusion(site):
    html = _page(site, "made/cited.txt")
    assert 'id="diffusion"' in html and "<svg" in html and "山西省" in html


def test_a_reposted_document_lists_its_reposts_and_their_sources(site):
    html = _page(site)
    assert 'id="reposts"' in html and "seeds/000_cb340e0c62e433f2.txt" in html and "reposts" in html


def test_a_document_neither_cited_nor_reposted_has_no_diffusion_section(site):
    import sqlite3

    base, path, _ = site
    with sqlite3.connect(path) as conn:
        (lone,) = conn.execute("SELECT id FROM documents WHERE doc_number IS NULL AND work_key LIKE 'doc:%' "
                               "LIMIT 1").fetchone()
    html = get(f"{base}/documents/{lone}")
    assert 'id="record-card"' in html and 'id="diffusion"' not in html and 'id="reposts"' not in html


def test_the_documents_table_shows_the_research_columns_newest_first(site):
    base, _, _ = site
    html = get(f"{base}/documents")
    heads = re.findall(r'<th [^>]*data-column="([^"]+)"', html)
    assert heads == ["title", "doc_number", "issuer", "signed_date", "province", "doc_type", "topic"]
    assert "显示全部列 Show all columns" in html
    rows = json.loads(get(f"{base}/documents.json?_shape=array&_col=signed_date&_col=published_date&_size=max"))
    dates = [r["signed_date"] or r["published_date"] for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated  # newest first, undated last


def test_all_columns_are_one_click_away(site):
    base, _, _ = site
    heads = re.findall(r'<th [^>]*data-column="([^"]+)"', get(f"{base}/documents?_all=1"))
    assert {"id", "search_key", "work_key", "title"} <= set(heads)


@pytest.mark.parametrize("params, expected", [
    ({"signed_date__gte": "2013-09-01", "signed_date__lte": "2013-09-30"}, {"2013-09-28"}),
    ({"signed_date__gte": "2020-01-01"}, set()),
], ids=["inside-the-range", "after-every-date"])
def test_signed_date_range_filters_documents(site, params, expected):
    base, _, _ = site
    rows = api(base, "documents", _col="signed_date", **params)
    assert {r["signed_date"] for r in rows} == expected


def test_search_facets_include_topic(site):
    base, _, _ = site
    data = json.loads(get(f"{base}/documents.json?_search=" + urllib.parse.quote("义诊")))
    assert {"year", "province", "doc_type", "issuer", "topic"} <= set(data["facet_results"])


@pytest.mark.parametrize("column", ["year", "province", "doc_type", "issuer", "topic"])
def test_search_facet_counts_equal_the_matching_documents(site, column):
    import sqlite3

    base, path, _ = site
    data = json.loads(get(f"{base}/documents.json?_search=" + urllib.parse.quote("义诊")))
    got = {r["value"]: r["count"] for r in data["facet_results"][column]["results"]}
    with sqlite3.connect(path) as conn:
        want = dict(conn.execute(f"SELECT {column}, count(*) FROM documents WHERE instr(text, '义诊') AND {column} "
                                 f"IS NOT NULL GROUP BY {column}").fetchall())
    assert got == want


def test_ranked_search_returns_snippets_with_the_match_marked(site):
    base, _, ids = site
    rows = api(base, "search", q="义诊")
    assert rows and all("义诊" in "".join(json.loads(r["snippet"])[1::2]) for r in rows)
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    html = get(f"{base}/search?q=" + urllib.parse.quote("义诊"))
    assert "<mark>义诊</mark>" in html and f'href="/cat/documents/{ids["made/notice.txt"]}"' in html


@pytest.mark.parametrize("q, expected", [("义诊 OR 不存在的词", True), ("-义诊", False)], ids=["or", "negative-only"])
def test_ranked_search_reads_the_syntax(site, q, expected):
    base, _, _ = site
    assert bool(api(base, "search", q=q)) is expected


def test_document_ids_in_canned_query_results_link_to_the_page(site):
    base, _, ids = site
    html = get(f"{base}/citing_documents?number=" + urllib.parse.quote("国卫发明电〔2013〕16号"))
    assert f'<a href="/cat/documents/{ids["made/notice.txt"]}">' in html


def test_diffusion_query_lists_citing_provinces(site):
    base, _, _ = site
    rows = api(base, "diffusion", number="国卫发明电(2013)16号")
    assert {(r["how"], r["province"]) for r in rows} >= {("cites", "山西省")}


def _status(url: str) -> tuple[int, str]:
    import urllib.error

    try:
        return 200, get(url)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


@pytest.mark.parametrize("sql, message", [
    ("select escape_fts(printf('%.*c', 100000, 'x'))", "user-defined function raised exception"),
    ("select length(zeroblob(300000000))", "too big"),
], ids=["escape-fts-past-the-query-limit", "blob-past-the-length-limit"])
def test_sql_cannot_make_unbounded_work_outside_the_time_limit(site, sql, message):
    base, _, _ = site
    status, body = _status(f"{base}.json?sql=" + urllib.parse.quote(sql))
    assert status == 400 and message in body


def test_printf_past_the_length_limit_builds_nothing(site):
    base, _, _ = site
    rows = json.loads(get(f"{base}.json?_shape=array&sql=" + urllib.parse.quote(
        "select length(printf('%.*c', 300000000, 'x')) as n")))
    assert rows == [{"n": None}]


def test_an_error_request_logs_one_line(site):
    base, path, _ = site
    log = path.parent / "datasette.log"
    before = log.read_text(encoding="utf-8", errors="replace")
    assert _status(f"{base}/documents/0000000000000000")[0] == 404
    added = log.read_text(encoding="utf-8", errors="replace")[len(before):]
    errors = [line for line in added.splitlines() if "0000000000000000" in line and "INFO" not in line]
    assert errors == ["datasette error: 404 /cat/documents/0000000000000000 NotFound: Record not found"]
    assert "╭" not in added and "Traceback" not in added


@pytest.mark.parametrize("number", ["国卫发明电〔2013〕16号", "国卫发明电(2013)16号"], ids=["brackets", "ascii"])
def test_the_diffusion_page_shows_where_and_when_a_number_was_cited(site, number):
    base, _, ids = site
    html = get(base.rsplit("/", 1)[0] + "/-/diffusion/cat?number=" + urllib.parse.quote(number))
    chart = html[html.index('<svg class="diffusion-chart"'):html.index("</svg>")]
    assert chart.count("<circle") >= 1 and "山西省" in chart
    assert "<td>山西省</td>" in html and f'href="/cat/documents/{ids["made/notice.txt"]}"' in html


def test_the_diffusion_page_of_an_uncited_number_has_no_rows(site):
    base, _, _ = site
    html = get(base.rsplit("/", 1)[0] + "/-/diffusion/cat?number=" + urllib.parse.quote("京卫发〔1999〕1号"))
    assert "0 citing or reposting document(s)" in html and 'id="diffusion"' not in html


@pytest.mark.parametrize("query, rewritten", [
    ("", True),
    ("_search=%E4%B9%89%E8%AF%8A", True),
    ("_col=title", False),
    ("_nocol=text", False),
    ("_all=1", False),
], ids=["bare", "search", "columns-chosen", "columns-removed", "all-columns"])
def test_default_columns_are_added_only_when_none_were_chosen(query, rewritten):
    import sys

    from pipeline.catalogue.serve import ROOT

    sys.path.insert(0, str(ROOT / "plugins"))
    from documents_table import DEFAULT_COLUMNS, default_query

    got = default_query(query)
    assert (got is not None) is rewritten
    if rewritten:
        assert got.startswith(query) and all(f"_col={c}" in got for c in DEFAULT_COLUMNS) and "_view=default" in got


def test_the_json_api_keeps_every_column(site):
    base, _, _ = site
    data = json.loads(get(f"{base}/documents.json?_size=1"))
    assert {"id", "search_key", "work_key", "text", "title"} <= set(data["columns"])
