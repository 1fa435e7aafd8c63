"""文种, 版记 (printer and date), 附注, region and the portal's 来源."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from extractors.doctype import doc_type_of, region_of
from pipeline.types import Document, make_doc


def run(text: str) -> Document:
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
        if ext.name == "doctype":
            return doc
    raise AssertionError("doctype is not registered")


def first(text: str, field: str):
    found = run(text).values(field)
    return found[0].value if found else None


@pytest.mark.parametrize("title,expected", [
    ("国务院办公厅关于印发国家组织药品集中采购和使用试点方案的通知", "通知"),
    ("国务院办公厅关于同意申办运动会的复函", "函"),
    ("国务院关于加快推进农业机械化的指导意见", "意见"),
    ("体外诊断试剂技术审查指导原则（征求意见稿）", "指导原则"),
    ("医疗服务能力提升方案1", "方案"),
    ("最高人民法院关于审理案件适用法律若干问题的解释", "解释"),
    ("北京市中医管理局2021年政府采购意向", "意向"),
    ("关于进一步加强中医诊疗规范化服务", None),
], ids=["last-noun-wins", "reply-letter", "guiding-opinion", "status-parenthesis-ignored", "template-number-ignored",
        "judicial-interpretation", "procurement-notice", "no-kind-none"])
def test_doc_type_of(title, expected):
    assert doc_type_of(title) == expected


@pytest.mark.parametrize("name,expected", [
    ("吉林市卫生局", ("吉林省", "吉林市")),
    ("山西省卫生厅办公室", ("山西省", "")),
    ("北京市中医管理局", ("北京市", "")),
    ("中共山西省委办公厅", ("山西省", "")),
    ("昌吉州卫生局", ("新疆维吾尔自治区", "昌吉回族自治州")),
    ("国务院办公厅", None),
], ids=["prefecture-city", "province", "municipality", "party-prefix-skipped", "short-form", "national-none"])
def test_region_of(name, expected):
    assert region_of(name) == expected


DOC = ("吉林市卫生局关于印发方案的通知\n吉市卫办发〔2014〕53号\n各县区卫生局：\n现印发。\n吉林市卫生局\n2014年4月30日\n"
       "（此件公开发布）\n吉林市卫生局办公室 2014年5月4日印发")


@pytest.mark.parametrize("field,expected", [
    ("doc_type", "通知"),
    ("printer", "吉林市卫生局办公室"),
    ("printed_date", "2014-05-04"),
    ("note", "（此件公开发布）"),
    ("region", {"province": "吉林省", "city": "吉林市"}),
], ids=["doc-type", "printer", "printed-date", "note-under-date", "region-from-issuer"])
def test_fields_of_a_notice(field, expected):
    assert first(DOC, field) == expected


@pytest.mark.parametrize("text,field,expected", [
    ("某通知\n来源:吉林市卫生局 更新:2014/5/26\n正文。", "portal_source", "吉林市卫生局"),
    ("晋卫发〔2013〕1号\n各市卫生局：\n现印发。", "region", {"province": "山西省", "city": None}),
    ("各省：\n现印发。\n国务院\n2019年1月1日", "region", None),
    ("各单位：\n请执行。\n北京市中医管理局\n2021年3月25日\n附件：名单", "note", None),
], ids=["portal-source", "region-from-number-abbreviation", "national-issuer-no-region", "attachment-line-not-note"])
def test_other_fields(text, field, expected):
    assert first(text, field) == expected
