"""The stage list end to end: page headers reach split children, dropped pages are heard of."""
from __future__ import annotations

from pipeline.read import read_bytes
from pipeline.stages import process_one
from pipeline.types import Source

PLAN = "为做好工作，制定本方案。一、工作目标。各单位要落实责任，确保不少于10人次参加培训，按时报送材料。\n" * 3
REPOST = ("医疗服务能力提升方案范文\n时间:2022-10-19 09:08:29\n"
          f"医疗服务能力提升方案1\n{PLAN}\n医疗服务能力提升方案2\n{PLAN}\n").encode()


def run(data: bytes, name: str = "page.txt", **kw):
    return process_one(read_bytes(data, Source.from_bytes(name, data)), **kw)


def test_each_child_carries_the_page_byline_with_evidence():
    docs = run(REPOST)
    assert len(docs) == 2
    for doc in docs:
        found = [f for f in doc.found if f.field == "published_date"]
        assert found and found[0].value == "2022-10-19"
        assert doc.raw_text[doc.raw_span(found[0].span).start:].startswith("2022-10-19")


def test_child_offset_map_stays_non_decreasing():
    for doc in run(REPOST):
        assert all(a <= b for a, b in zip(doc.to_raw, doc.to_raw[1:]))
        assert len(doc.to_raw) == len(doc.text) + 1


def test_a_page_without_a_document_is_reported_with_its_reason():
    page = "<html><body><h1>专家解读：新政策的三大亮点</h1><p>记者日前采访了有关专家。</p></body></html>".encode()
    heard = []
    docs = run(page, "news.html", on_drop=lambda _page, why: heard.append(why))
    assert docs == [] and heard and "解读" in heard[0]
