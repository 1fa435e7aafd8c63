"""A document's id (its page's URL) comes from its file's path and place, not its bytes."""
from __future__ import annotations

import pytest

from pipeline.catalogue.keys import document_id, search_key
from pipeline.ingest import ingest

NOTICE = "关于开展义诊活动的通知\n各市卫生局：\n每个县每年义诊不少于2000人次。\n"


def ids(db):
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, source, text FROM documents ORDER BY id").fetchall()


def test_an_edited_file_keeps_its_documents_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(NOTICE, encoding="utf-8")
    ingest(["in"], "c.db", workers=1, guard=False)
    ((before, _, _),) = ids("c.db")
    (tmp_path / "in" / "a.txt").write_text(NOTICE + "请于2024年底前完成。\n", encoding="utf-8")
    ingest(["in"], "c.db", workers=1, guard=False)
    ((after, source, text),) = ids("c.db")
    assert (after, source) == (before, "in/a.txt") and "2024年底" in text


@pytest.mark.parametrize(("a", "b"), [
    pytest.param(("in/a.txt", 0), ("in/b.txt", 0), id="other_file"),
    pytest.param(("in/a.txt", 0), ("in/a.txt", 1), id="other_ordinal"),
])
def test_ids_differ_by_path_and_ordinal(a, b):
    assert document_id(*a) != document_id(*b)


def test_the_id_depends_on_nothing_but_path_and_ordinal():
    assert document_id("in/a.txt", 0) == document_id("in/a.txt", 0)


@pytest.mark.parametrize(("older", "newer"), [
    pytest.param("2013-09-28", "2013-09-29", id="day"),
    pytest.param("2013-09", "2013-10-01", id="month_precision"),
    pytest.param("2012", "2013-01-02", id="year_precision"),
    pytest.param(None, "1980-01-01", id="undated_sorts_oldest"),
])
def test_search_keys_sort_as_dates(older, newer):
    assert search_key("ffffffffffffffff", older) < search_key("0000000000000000", newer)


def test_search_keys_of_one_day_differ_by_id():
    assert search_key("a" * 16, "2013-09-28") != search_key("b" * 16, "2013-09-28")
