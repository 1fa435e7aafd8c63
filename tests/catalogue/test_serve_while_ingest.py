"""Datasette keeps serving, and never sees a half-loaded source, while ingest writes (WAL)."""
from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipeline.catalogue.serve import background
from pipeline.ingest import ingest

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"
SQL = "select count(*) as n, sum(documents) as docs from sources"


def counts(base: str) -> tuple[int, int]:
    url = f"{base}/catalogue.json?_shape=array&sql=" + urllib.parse.quote(SQL)
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200
        row = json.load(resp)[0]
    return row["n"], row["docs"] or 0


@pytest.mark.slow
def test_datasette_answers_throughout_an_ingest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "c"
    corpus.mkdir()
    seed = (SEEDS / "000_cb340e0c62e433f2.txt").read_text(encoding="utf-8")
    for i in range(40):
        (corpus / f"{i:03d}.txt").write_text(seed.replace("84号", f"{i + 100}号"), encoding="utf-8")
    db = tmp_path / "catalogue.db"
    ingest([str(corpus / "000.txt")], str(db), workers=1)  # the file Datasette opens must exist
    seen: list[tuple[int, int]] = []
    with background(db, tmp_path) as base:
        writer = threading.Thread(target=ingest, args=([str(corpus)], str(db)), kwargs={"workers": 2})
        writer.start()
        while writer.is_alive():
            seen.append(counts(base))
        writer.join()
        seen.append(counts(base))
    assert len(seen) >= 2
    assert all(docs == n for n, docs in seen), "a reader saw a source without its documents"
    assert [n for n, _ in seen] == sorted(n for n, _ in seen)
    assert seen[-1] == (40, 40)
