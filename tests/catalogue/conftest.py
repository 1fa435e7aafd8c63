"""Catalogue fixtures: documents built with make_doc and hand-made Found lists."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline import load
from pipeline.catalogue.rows import source_rows
from pipeline.types import Document, Found, Source, Span, make_doc

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"

NOTICE = ("山西省卫生厅办公室关于开展全省大型义诊活动周的通知\n晋卫办医政〔2013〕84号\n各市卫生局：\n"
          "根据《关于开展全国大型义诊活动周的通知》（国卫发明电〔2013〕16号）要求，每个县每年义诊不少于2000人次。\n"
          "责任单位：省卫生厅医政处、市卫生局\n联系人：郝小强 0351-3580457\n附件：义诊活动统计表\n"
          "山西省卫生厅办公室\n2013年9月28日")


def at(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def found(text: str, field: str, value, needle: str | None = None, rule: str = "test", ext: str = "test.v1",
          nth: int = 0) -> Found:
    needle = needle if needle is not None else (value if isinstance(value, str) else value["text"])
    return Found(field, value, at(text, needle, nth), rule, ext)


def notice_found(text: str, number: str = "晋卫办医政〔2013〕84号") -> list[Found]:
    """What the extractors are expected to find in NOTICE-like texts."""
    out = [found(text, "title", text.split("\n")[0]), found(text, "doc_number", number),
           found(text, "issuer", "山西省卫生厅办公室", nth=1 if text.count("山西省卫生厅办公室") > 1 else 0),
           found(text, "signed_date", "2013-09-28", "2013年9月28日"),
           found(text, "recipients", "各市卫生局"),
           found(text, "cited_doc_numbers", "国卫发明电〔2013〕16号"),
           found(text, "responsible_units", {"name": "省卫生厅医政处", "role": "lead", "section": None},
                 "省卫生厅医政处"),
           found(text, "responsible_units", {"name": "市卫生局", "role": "cooperating", "section": None},
                 "市卫生局", nth=1),
           found(text, "quotas", {"text": "不少于2000人次", "min": 2000, "max": None, "unit": "人次",
                                  "approx": False, "subject": "义诊", "frequency": "每年", "scope": "每个县",
                                  "section": None}),
           found(text, "contacts", {"name": "郝小强", "phone": "0351-3580457", "kind": "phone"}, "郝小强 0351-3580457"),
           found(text, "attachments", "义诊活动统计表"),
           found(text, "region", {"province": "山西省", "city": None}, "山西省"),
           found(text, "doc_type", "通知", "通知", nth=0),
           found(text, "directive", {"section": None, "text": "每个县每年义诊不少于2000人次"},
                 "每个县每年义诊不少于2000人次")]
    return out


def doc(text: str, path: str, found_list: list[Found] | None = None, ordinal: int = 0, **source_kw) -> Document:
    d = make_doc(text, path=path, ordinal=ordinal)
    if source_kw:
        d.source = Source.from_bytes(path, text.encode(), format="text", encoding="utf-8", **source_kw)
    d.found = list(found_list or [])
    return d


def put(db, *docs: Document, key: str | None = None, run_id: str | None = None) -> list[str]:
    """Load documents of one source the way ingest does (all or nothing)."""
    key = key or docs[0].source.path
    return load.write_source(db, source_rows(key, 1, list(docs), "sig", run_id))


@pytest.fixture
def db(tmp_path):
    conn = load.connect(tmp_path / "catalogue.db")
    yield conn
    conn.close()


def rows_of(path: Path, sql: str, params=()) -> list[tuple]:
    """Rows of one query on a catalogue file, the connection closed after (tests of whole ingests)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count(db, table: str, where: str = "1", params=()) -> int:
    return db.execute(f"SELECT count(*) FROM [{table}] WHERE {where}", list(params)).fetchone()[0]
