"""The naive baseline runs end to end on a handful of pages (no timing asserted)."""
from __future__ import annotations

import sqlite3

from bench import naive
from bench.corpus import generate


def test_naive_baseline_loads_five_pages(tmp_path):
    pages = generate(tmp_path / "corpus", 5, seed=1)
    db = tmp_path / "naive.db"
    assert naive.main([str(tmp_path / "corpus"), "--db", str(db)]) == 0
    rows = sqlite3.connect(db).execute("SELECT path, text, words FROM docs ORDER BY path").fetchall()
    assert [r[0] for r in rows] == [str(p.path) for p in pages]
    assert all(text.strip() and words.strip() for _, text, words in rows)


def test_naive_regexes_find_a_document_number(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html><head><meta charset="utf-8"><title>通知</title></head><body><div>'
                    "<p>晋卫办医政〔2013〕84号</p><p>各市卫生局：请于2013年9月28日前报送，每县不少于2000人。</p>"
                    "</div></body></html>", encoding="utf-8")
    row = naive.parse(page)
    assert row["doc_number"] == "晋卫办医政〔2013〕84号"
