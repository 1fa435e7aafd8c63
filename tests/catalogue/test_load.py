"""The loader on documents built by hand: rows, keys, reposts, citations, roles, problems."""
from __future__ import annotations

import json
import sys
import types

import pytest
from markupsafe import Markup

from pipeline import load
from pipeline.catalogue.highlight import highlight_html
from pipeline.catalogue.keys import norm_doc_number, work_key
from pipeline.catalogue.rows import source_rows
from pipeline.types import Problem, Span
from tests.catalogue.conftest import NOTICE, count, doc, found, notice_found, put

TABLES = ("documents", "quotas", "citations", "document_orgs", "contacts", "attachments", "dates",
          "extractions", "directives", "documents_search")


def _counts(db):
    return {t: count(db, t) for t in TABLES}


def test_loading_a_source_twice_changes_nothing(db):
    d = doc(NOTICE, "a.txt", notice_found(NOTICE))
    put(db, d)
    first = _counts(db)
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    assert _counts(db) == first and first["documents"] == 1 and first["quotas"] == 1


def test_a_changed_source_replaces_its_rows(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    changed = NOTICE.replace("不少于2000人次", "不少于3000人次")
    put(db, doc(changed, "a.txt", [found(changed, "title", changed.split("\n")[0])]))
    assert count(db, "documents") == 1 and count(db, "quotas") == 0 and count(db, "documents_search") == 1
    assert db.execute("SELECT text FROM documents").fetchone()[0] == changed


def test_record_columns_come_from_the_chosen_values(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    row = db.execute("SELECT doc_number, issuer, signed_date, year, province, doc_type, recipients, "
                     "responsible_units, work_key FROM documents").fetchone()
    assert row == ("晋卫办医政〔2013〕84号", "山西省卫生厅办公室", "2013-09-28", 2013, "山西省", "通知",
                   '["各市卫生局"]', '["省卫生厅医政处", "市卫生局"]', "no:晋卫办医政〔2013〕84号")


@pytest.mark.parametrize("number, expected", [
    ("晋卫办医政〔2013〕84号", "晋卫办医政〔2013〕84号"),
    ("晋卫办医政[2013]84号", "晋卫办医政〔2013〕84号"),
    ("晋卫办医政（2013）84号", "晋卫办医政〔2013〕84号"),
    ("晋卫办医政 〔2013〕 84号", "晋卫办医政〔2013〕84号"),
    ("晋卫办医政【2013】８４号", "晋卫办医政〔2013〕84号"),
    ("", None),
    (None, None),
])
def test_document_numbers_are_folded_to_one_spelling(number, expected):
    assert norm_doc_number(number) == expected


@pytest.mark.parametrize("fields, expected_prefix", [
    (("晋卫办医政〔2013〕84号", None, None, None), "no:"),
    ((None, "山西省卫生厅", "关于义诊的通知", "2013-09-28"), "t:"),
    ((None, None, "关于义诊的通知", "2013-09-28"), "t:"),
    ((None, None, "关于义诊的通知", None), "doc:"),       # a title alone is no evidence of a repost
    ((None, None, None, None), "doc:"),
])
def test_work_key_falls_back_from_number_to_issuer_title_date(fields, expected_prefix):
    assert work_key(*fields, doc_id="abc").startswith(expected_prefix)


def test_a_repost_on_another_portal_is_the_same_work(db):
    put(db, doc(NOTICE, "portal-a/1.html", notice_found(NOTICE)))
    repost = "来源：某市卫生健康委员会网站 发布时间：2014-03-12\n" + NOTICE.replace("晋卫办医政〔2013〕84号", "晋卫办医政[2013]84号")
    put(db, doc(repost, "portal-b/9.html", notice_found(repost, "晋卫办医政[2013]84号")))
    works = db.execute("SELECT copies FROM works").fetchall()
    assert works == [(2,)]
    assert count(db, "same_as") == 2


def test_different_documents_without_numbers_are_not_merged(db):
    a, b = "关于开展义诊的通知\n正文一", "关于开展义诊的通知\n正文二"
    put(db, doc(a, "a.txt", [found(a, "title", "关于开展义诊的通知")]))
    put(db, doc(b, "b.txt", [found(b, "title", "关于开展义诊的通知")]))
    assert count(db, "works") == 2


def _cited(db):
    cited = "国家卫生计生委关于开展全国大型义诊活动周的通知\n国卫发明电〔2013〕16号\n各省卫生厅：……"
    put(db, doc(cited, "b.txt", [found(cited, "doc_number", "国卫发明电〔2013〕16号"),
                                 found(cited, "title", cited.split("\n")[0])]))


@pytest.mark.parametrize("cited_loaded_first", [True, False], ids=["cited-first", "citing-first"])
def test_citations_resolve_to_the_catalogued_document_in_both_directions(db, cited_loaded_first):
    if cited_loaded_first:
        _cited(db)
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    if not cited_loaded_first:
        _cited(db)
    a_id = db.execute("SELECT id FROM documents WHERE source = 'a.txt'").fetchone()[0]
    b_id = db.execute("SELECT id FROM documents WHERE source = 'b.txt'").fetchone()[0]
    assert db.execute("SELECT citing_id, cited_id, status FROM citation_links").fetchall() == [
        (a_id, b_id, "resolved")]
    assert db.execute("SELECT document_id, cited_by_id FROM cited_by").fetchall() == [(b_id, a_id)]


def test_a_citation_of_an_absent_document_is_dangling(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    assert db.execute("SELECT cited_id, status FROM citation_links").fetchall() == [(None, "dangling")]
    assert count(db, "cited_by") == 0


def test_organizations_get_one_row_per_role_in_each_document(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    roles = db.execute("SELECT role, name FROM document_orgs ORDER BY role, name").fetchall()
    assert roles == [("cooperating", "市卫生局"), ("issuer", "山西省卫生厅办公室"), ("lead", "省卫生厅医政处"),
                     ("recipient", "各市卫生局")]
    assert count(db, "organizations") == db.execute(
        "SELECT count(DISTINCT organization) FROM document_orgs").fetchone()[0]


def _raise(name, region):
    raise KeyError(name)


@pytest.mark.parametrize("describe_org, expected, problems", [
    (lambda name, region: {"canonical": region["province"] + name.lstrip("省"), "kind": "bureau",
                           "province": region["province"], "city": None}, "山西省卫生厅医政处", 0),
    (lambda name, region: None, "省卫生厅医政处", 0),       # no answer: the name as printed
    (_raise, "省卫生厅医政处", 4),                          # a bug: as printed, one problem per name
], ids=["canonical", "unknown", "raises"])
def test_organizations_are_stored_under_canonical_names(db, monkeypatch, describe_org, expected, problems):
    monkeypatch.setitem(sys.modules, "extractors.orgs", types.SimpleNamespace(describe_org=describe_org))
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    assert db.execute("SELECT organization FROM document_orgs WHERE role = 'lead'").fetchone() == (expected,)
    assert count(db, "problems", "code = 'W_ORG_DESCRIBE_FAILED'") == problems


def test_quotas_keep_subject_frequency_scope_and_span(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    q = db.execute('SELECT text, min, max, unit, approx, subject, frequency, scope, start, "end" FROM quotas').fetchone()
    start = NOTICE.index("不少于2000人次")
    assert q == ("不少于2000人次", 2000, None, "人次", 0, "义诊", "每年", "每个县", start, start + len("不少于2000人次"))


def test_every_candidate_is_an_extraction_and_only_winners_are_chosen(db):
    fs = notice_found(NOTICE)
    loser = found(NOTICE, "doc_number", "国卫发明电〔2013〕16号", rule="loser")
    put(db, doc(NOTICE, "a.txt", [*fs, loser]))
    assert count(db, "extractions") == len(fs) + 1
    assert db.execute("SELECT chosen FROM extractions WHERE rule = 'loser'").fetchone() == (0,)
    ev = db.execute("SELECT evidence FROM extractions WHERE field = 'doc_number' AND chosen = 1").fetchone()
    assert ev == ("晋卫办医政〔2013〕84号",)


def test_dates_are_stored_by_kind_with_precision(db):
    text = NOTICE + "\n实施期限为2014年1月至2014年12月。"
    fs = [*notice_found(text), found(text, "period", {"start": "2014-01", "end": "2014-12",
                                                      "text": "2014年1月至2014年12月"})]
    put(db, doc(text, "a.txt", fs))
    assert db.execute("SELECT kind, value, end_value, precision FROM dates ORDER BY kind").fetchall() == [
        ("period", "2014-01", "2014-12", "month"), ("signed", "2013-09-28", None, "day")]


def test_problems_are_stored_with_their_source_and_document(db):
    d = doc(NOTICE, "a.txt", notice_found(NOTICE))
    d.problems.append(Problem("extract", "W_TEST", "check this", Span(0, 3)))
    put(db, d)
    assert db.execute("SELECT source, document_id IS NOT NULL, code FROM problems").fetchall() == [
        ("a.txt", 1, "W_TEST")]


def test_a_file_with_no_document_keeps_its_problems(db):
    d = doc("", "broken.pdf")
    d.problems.append(Problem("read", "E_DOC_UNREADABLE", "cannot parse"))
    put(db, d)
    assert count(db, "documents") == 0
    assert db.execute("SELECT source, document_id, code FROM problems").fetchall() == [
        ("broken.pdf", None, "E_DOC_UNREADABLE")]


def test_identical_files_at_two_paths_share_one_set_of_documents(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    put(db, doc(NOTICE, "copy/a.txt", notice_found(NOTICE)))
    assert count(db, "documents") == 1
    assert db.execute("SELECT same_content_as FROM sources WHERE path = 'copy/a.txt'").fetchone() == ("a.txt",)
    twins = load.write_source(db, source_rows("a.txt", 1, [doc("新内容", "a.txt")], "sig"))
    assert twins == ["copy/a.txt"] and count(db, "sources") == 1


def test_an_attachment_links_to_the_file_fetched_from_its_notice(db):
    put(db, doc(NOTICE, "site/notice.html", notice_found(NOTICE), url="http://x.gov.cn/notice.html"))
    att = "2013年义诊活动统计表\n单位 人次"
    put(db, doc(att, "site/义诊活动统计表.xls.txt", [found(att, "title", "2013年义诊活动统计表")],
                referrer="http://x.gov.cn/notice.html"))
    assert db.execute("SELECT name, attachment_source, status FROM attachment_links").fetchall() == [
        ("义诊活动统计表", "site/义诊活动统计表.xls.txt", "ingested")]


def test_an_attachment_not_ingested_is_listed_as_such(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    assert db.execute("SELECT status FROM attachment_links").fetchall() == [("not ingested",)]


def test_a_unit_given_as_a_bare_name_loads_as_responsible(db):
    text = "责任单位：市卫生局。"
    put(db, doc(text, "a.txt", [found(text, "responsible_units", "市卫生局"),
                                found(text, "section", "一、总体要求", "责任单位")]))
    assert db.execute("SELECT role, organization FROM document_orgs").fetchone() == ("responsible", "市卫生局")
    assert db.execute("SELECT heading, path FROM sections").fetchone() == ("一、总体要求", None)


@pytest.mark.parametrize("stored", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "&lt;already escaped&gt;",
])
def test_document_view_escapes_stored_text_and_marks_values(stored):
    text = stored + "晋卫办医政〔2013〕84号" + stored
    out = highlight_html(text, [(len(stored), len(stored) + 14, "doc_number", "doc_number.v1", "r<1>")])
    assert isinstance(out, Markup)
    assert "<script" not in out and "<img" not in out and "&amp;lt;" in out or "&lt;" in out
    assert "<mark title=\"doc_number · doc_number.v1 · r&lt;1&gt;\">晋卫办医政〔2013〕84号</mark>" in out


def test_document_view_skips_nested_and_out_of_range_spans():
    out = highlight_html("abcdef", [(0, 4, "f", "e", "r"), (1, 2, "g", "e", "r"), (3, 99, "h", "e", "r")])
    assert str(out) == '<mark title="f · e · r">abcd</mark>ef'


def test_search_index_holds_paired_text_and_metadata(db):
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    meta, = db.execute("SELECT meta FROM documents_search").fetchone()
    meta = " " + " ".join(meta.split()) + " "
    assert "〔2013〕84 号 " in meta and " 卫生 生厅 " in meta and "责任" not in meta and json.loads(
        db.execute("SELECT recipients FROM documents").fetchone()[0]) == ["各市卫生局"]
