"""Datasette over a built catalogue, through its JSON API and HTML on 127.0.0.1."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from pipeline import load
from pipeline.catalogue.serve import background
from pipeline.ingest import ingest
from pipeline.types import Problem
from tests.catalogue.conftest import NOTICE, SEEDS, doc, found, notice_found, put

XSS = "\n<script>document.title='PWNED'</script><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
CITED = "国家卫生计生委关于开展全国大型义诊活动周的通知\n国卫发明电〔2013〕16号\n各省卫生厅：请组织义诊。"


def build(folder) -> tuple:
    """A catalogue of the seeds plus hand-made documents (a notice with a <script>, the
    document it cites, a file with a problem)."""
    path = folder / "cat.db"
    ingest([str(SEEDS)], str(path), workers=1)
    db = load.connect(path)
    text = NOTICE + XSS
    put(db, doc(text, "made/notice.txt", notice_found(text)))
    put(db, doc(CITED, "made/cited.txt", [found(CITED, "doc_number", "国卫发明电〔2013〕16号"),
                                          found(CITED, "title", CITED.split("\n")[0])]))
    broken = doc("", "made/broken.pdf")
    broken.problems.append(Problem("read", "E_DOC_UNREADABLE", "<b>cannot parse</b>; check the file"))
    put(db, broken)
    ids = {r[0]: r[1] for r in db.execute("SELECT source, id FROM documents WHERE source LIKE 'made/%'")}
    db.close()
    return path, ids


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    path, ids = build(folder)
    with background(path, folder) as base:
        yield base + "/cat", path, ids


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as resp:
        return resp.read().decode("utf-8")


def api(base: str, path: str, **params) -> list[dict]:
    return json.loads(get(f"{base}/{path}.json?_shape=array&" + urllib.parse.urlencode(params)))


def _like(db_path, needle: str) -> set[str]:
    conn = load.connect(db_path)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM documents WHERE instr(text, ?) > 0", [needle])}
    finally:
        conn.close()


@pytest.mark.parametrize("typed, literal", [
    ("义诊", "义诊"),                                   # a two-character word
    ("义诊活动", "义诊活动"),                           # a phrase typed without spaces
    ("责任单位", "责任单位"),                           # a unit label
    ("晋卫办医政〔2013〕84号", "晋卫办医政〔2013〕84号"),  # a document number
    ("晋卫办医政[2013]84号", "晋卫办医政〔2013〕84号"),    # ... typed with ASCII brackets
    ("国卫发明电〔2013〕16号", "国卫发明电〔2013〕16号"),
])
def test_search_box_finds_exactly_the_documents_containing_the_text(site, typed, literal):
    base, path, _ = site
    rows = api(base, "documents", _search=typed, _col="id", _size="max")
    expected = _like(path, literal)
    assert expected and {r["id"] for r in rows} == expected


@pytest.mark.parametrize("typed", ["不存在的词语", "诊义", "<marquee>", '" OR ""="'])
def test_search_for_absent_text_returns_nothing(site, typed):
    base, _, _ = site
    assert api(base, "documents", _search=typed, _col="id") == []


def test_search_box_keeps_the_typed_text(site):
    base, _, _ = site
    html = get(f"{base}/documents?_search=" + urllib.parse.quote("义诊活动"))
    assert 'name="_search" value="义诊活动"' in html


def test_quota_provinces_query_answers_for_yizhen_above_1000(site):
    base, _, _ = site
    rows = api(base, "quota_provinces", keyword="义诊", unit="人次", threshold="1000", year="")
    assert [(r["province"], r["year"], r["largest"]) for r in rows if r["province"] == "山西省"] == [
        ("山西省", 2013, 2000)]
    assert api(base, "quota_provinces", keyword="义诊", unit="人次", threshold="5000", year="") == []


def test_responsible_units_query_counts_documents(site):
    base, _, _ = site
    rows = api(base, "responsible_units")
    assert any(r["unit"].endswith("省卫生厅医政处") and r["lead"] >= 1 for r in rows)
    assert all(r["documents"] >= 1 for r in rows)
    assert [r["documents"] for r in rows] == sorted((r["documents"] for r in rows), reverse=True)


@pytest.mark.parametrize("number", ["国卫发明电〔2013〕16号", "国卫发明电(2013)16号"])
def test_citing_documents_query_resolves_the_cited_document(site, number):
    base, _, ids = site
    rows = api(base, "citing_documents", number=number)
    assert ids["made/notice.txt"] in {r["document_id"] for r in rows}
    assert {(r["status"], r["cited_id"]) for r in rows} == {("resolved", ids["made/cited.txt"])}


def test_citing_documents_query_for_an_uncited_number_is_empty(site):
    base, _, _ = site
    assert api(base, "citing_documents", number="京卫发〔1999〕1号") == []


def test_problems_by_code_query_lists_stored_problems(site):
    base, _, _ = site
    rows = {r["code"]: r for r in api(base, "problems_by_code")}
    assert rows["E_DOC_UNREADABLE"]["example_file"] == "made/broken.pdf"


@pytest.mark.parametrize("query", ["evidence", "document_view"])
def test_evidence_queries_return_context_for_a_document(site, query):
    base, _, ids = site
    rows = api(base, query, document="晋卫办医政[2013]84号")
    numbers = [r for r in rows if r["field"] == "doc_number"]
    assert json.loads(numbers[0]["context"])[1] == "晋卫办医政〔2013〕84号"
    html = get(f"{base}/{query}?document={ids['made/notice.txt']}")
    assert "<mark>晋卫办医政〔2013〕84号</mark>" in html


def test_document_page_shows_marked_values_and_escapes_stored_html(site):
    base, _, ids = site
    html = get(f"{base}/documents/{ids['made/notice.txt']}")
    assert 'id="document-text"' in html and "晋卫办医政〔2013〕84号</mark>" in html
    assert "<script>document.title" not in html and "&lt;script&gt;document.title" in html
    assert "<img src=x" not in html


def test_problem_messages_are_escaped_in_tables(site):
    base, _, _ = site
    html = get(f"{base}/problems")
    assert "<b>cannot parse</b>" not in html and "&lt;b&gt;cannot parse" in html


@pytest.mark.parametrize("setting, value", [("allow_download", False), ("suggest_facets", False)])
def test_served_settings_are_the_safe_ones(site, setting, value):
    base, _, _ = site
    assert json.loads(get(base.rsplit("/", 1)[0] + "/-/settings.json"))[setting] is value


def test_database_file_cannot_be_downloaded(site):
    base, _, _ = site
    with pytest.raises(urllib.error.HTTPError) as err:
        get(base + ".db")
    assert err.value.code in (403, 404)


def test_facets_on_documents_are_computed(site):
    base, _, _ = site
    data = json.loads(get(f"{base}/documents.json?_col=id"))
    assert {"issuer", "year", "doc_type", "province", "topic"} <= set(data["facet_results"])
    assert not data.get("facets_timed_out")
