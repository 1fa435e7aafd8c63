"""Cited document numbers: every 发文字号 printed other than the document's own."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from pipeline.record import to_record
from pipeline.types import make_doc


def cited(text: str) -> list[str]:
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
        if ext.name == "citations":
            return to_record(doc)["cited_doc_numbers"]
    raise AssertionError("citations is not registered")


@pytest.mark.parametrize("text,expected", [
    ("各市卫生局：\n按照《通知》(国卫发明电〔2013〕16号)要求。", ["国卫发明电〔2013〕16号"]),
    ("晋卫办医政〔2013〕84号\n各市卫生局：\n按照(国卫发明电〔2013〕16号)要求。", ["国卫发明电〔2013〕16号"]),
    ("晋卫办医政〔2013〕84号\n各市卫生局：\n本通知即晋卫办医政[2013]84号。", []),
    ("各市卫生局：\n见国办发〔2015〕13号，又见国办发[2015]13号。", ["国办发〔2015〕13号"]),
    ("各市卫生局：\n依照（卫生部令第52号）执行。", ["卫生部令第52号"]),
    ("各市卫生局：\n依据(2024)湛仲字第2342号裁决。", []),
    ("参考文献\n[1] 国家药品监督管理局.关于公布格式的公告（国家药品监督管理局公告2021年第122号）[Z].\n"
     "[2] 国家药监局.关于发布规范的公告(2022年第28号)[Z].",
     ["国家药品监督管理局公告2021年第122号", "2022年第28号"]),
    ("各市卫生局：\n按GB/T 19001-2016和YY/T 0287-2017执行。", []),
    ("各市卫生局：\n按《通告》（国家食品药品监督管理局通告2009年16号）执行，2015年5号楼除外。",
     ["国家食品药品监督管理局通告2009年16号"]),
    ("各市卫生局：\n依据《规定》（国家食品药品监督管理总局、中华人民共和国国家卫生和计生委员会令第25号）。",
     ["国家食品药品监督管理总局、中华人民共和国国家卫生和计生委员会令第25号"]),
    ("各市卫生局：\n依据《规定》（卫生部令第52号）执行。", ["卫生部令第52号"]),
    ("各市卫生局：\n按《规定》（国家食品药品监督管理总局 中华人民共和国国家卫生和计生委员会令第25号）执行。",
     ["国家食品药品监督管理总局中华人民共和国国家卫生和计生委员会令第25号"]),
    ("各市卫生局：\n按（国家食品药品监督管理总局公告2017第104号）执行。", ["国家食品药品监督管理总局公告2017第104号"]),
], ids=["cited-in-body", "own-header-number-excluded", "own-number-in-other-brackets-excluded",
        "same-number-listed-once", "order-number-cited", "court-case-not-cited", "announcement-numbers-cited",
        "standard-numbers-not-cited", "announcement-number-without-di-after-its-word", "joint-order",
        "order-number-in-parentheses-keeps-none-of-them", "joint-order-printed-with-a-space",
        "announcement-number-without-nian"])
def test_cited_doc_numbers(text, expected):
    assert cited(text) == expected
