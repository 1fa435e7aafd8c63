"""The query-side bench: a catalogue in the real schema whose search finds what it holds."""
from __future__ import annotations

import sqlite3

import pytest

from bench import catalogue_scale as scale
from bench.corpus import load_notices
from pipeline.catalogue.fts import bigrams, fts_query, spaced


@pytest.mark.parametrize(("index", "function"), [("bigrams", bigrams), ("spaced", spaced)])
def test_the_build_indexes_what_the_loader_writes(index, function):
    assert scale.index_text(index) is function


def test_an_unknown_index_is_refused():
    with pytest.raises(ValueError, match="bigrams or spaced"):
        scale.index_text("trigram")


def test_built_catalogue_is_searchable(tmp_path):
    db = tmp_path / "c.db"
    scale.build(db, 30, seed=1, log=lambda *a, **k: None)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 30
    title = conn.execute("SELECT title FROM documents LIMIT 1").fetchone()[0]
    word = next(title[i:i + 2] for i in range(len(title)) if "\u4e00" <= title[i] <= "\u9fff"
                and "\u4e00" <= title[i + 1:i + 2] <= "\u9fff")
    hits = conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", [fts_query(word)])
    assert hits.fetchone()[0] >= 1


def test_same_seed_same_catalogue_rows():
    pool = load_notices()
    assert scale.synthetic_document(7, 1, pool) == scale.synthetic_document(7, 1, pool)


@pytest.mark.slow
def test_queries_through_datasette(tmp_path):
    q = scale.measure(tmp_path / "c.db", 40, seed=1, repeats=1, log=lambda *a, **k: None)
    assert len(q["requests"]) == len(scale.requests("c"))
    assert all(r["p50_ms"] > 0 for r in q["requests"])
    assert q["requests"][-1]["rows"] == 40
