"""Page metadata: `label：value` lines from readers and portal bylines become `page.*` fields."""
from __future__ import annotations

import pytest

from extractors import pagemeta
from pipeline.types import Span, make_doc


def page(text: str, field: str, zone: bool = False):
    zones = {"pagemeta": [Span(0, text.index("\n\n"))], "body": [Span(0, len(text))]} if zone else None
    doc = make_doc(text, zones=zones)
    values = [f.value for f in pagemeta.extract(doc) if f.field == field]
    return values[0] if values else None


@pytest.mark.parametrize("text,field,expected", [
    ("标题：国务院办公厅关于加强三级公立医院绩效考核工作的意见\n\n正文", "page.title",
     "国务院办公厅关于加强三级公立医院绩效考核工作的意见"),
    ("标 题：\n国务院关于2018年度国家科学技术奖励的决定\n\n正文", "page.title", "国务院关于2018年度国家科学技术奖励的决定"),
    ("ArticleTitle：全国人民代表大会常务委员会关于批准的决议\n\n正文", "page.title", "全国人民代表大会常务委员会关于批准的决议"),
    ("发文机关：国务院办公厅、中央军委办公厅\n\n正文", "page.issuer", "国务院办公厅、中央军委办公厅"),
    ("发文字号：国办发[2019]4号\n\n正文", "page.doc_number", "国办发〔2019〕4号"),
    ("成文日期：2019年01月16日\n\n正文", "page.signed_date", "2019-01-16"),
    ("发布日期：2019年01月30日\n\n正文", "page.published_date", "2019-01-30"),
    ("firstpublishedtime：2007-08-20-23:59:59\n\n正文", "page.published_date", "2007-08-20"),
    ("索引号：000014349/2019-00004 发文机关：国务院 成文日期：2019年01月16日\n\n正文", "page.issuer", "国务院"),
    ("发布部门: 江苏省南京市人民政府\n发布文号: 宁政发[2006]275号\n\n正文", "page.doc_number", "宁政发〔2006〕275号"),
    ("发布部门: 江苏省南京市人民政府\n发布文号: 宁政发[2006]275号\n\n正文", "page.issuer", "江苏省南京市人民政府"),
    ("文号：京卫医〔2020〕12号\n\n正文", "page.doc_number", "京卫医〔2020〕12号"),
    ("文号：无\n\n正文", "page.doc_number", None),
], ids=["title", "spaced-label-value-next-line", "cms-title", "joint-issuer", "number-normalized",
        "signed-date", "published-date", "cms-datetime", "several-pairs-on-one-line", "repost-site-number-label",
        "repost-site-department-label", "short-number-label", "number-label-without-a-number"])
def test_pagemeta_zone(text, field, expected):
    assert page(text, field, zone=True) == expected


@pytest.mark.parametrize("text,field,expected", [
    ("标题\n来源:山西省卫生厅 更新:2014/3/12 字体:\n\n正文", "page.published_date", "2014-03-12"),
    ("标题\n来源:山西省卫生厅 更新:2014/3/12 字体:\n\n正文", "page.source", "山西省卫生厅"),
    ("文档.doc\n上传人:xiao****1972 文档编号:3606144 上传时间:2019-12-19 格式:DOC\n\n正文",
     "page.published_date", "2019-12-19"),
    ("方案\n时间:2022-10-19 09:08:29 方案 我要投稿\n\n正文", "page.published_date", "2022-10-19"),
    ("考试安排\n考试时间：2021年6月5日9：00\n\n正文", "page.published_date", None),
    ("安排\n时间：2021年6月5日上午\n\n正文", "page.published_date", None),
    ("经费\n资金来源：市财政\n\n正文", "page.source", None),
    ("市政府办公室关于印发规划的通知\n2019-12-26\n连政办发〔2017〕94号\n各县：\n现印发。", "page.published_date",
     "2019-12-26"),
    ("2018.11.02 09:30\n某某通知\n各县：\n现印发。", "page.published_date", "2018-11-02"),
    ("某某条例\n2019年12月26日\n第一条 为了规范。", "page.published_date", None),
    ("某某通知\n各县：\n现印发。请认真执行，做好工作。\n2019-12-26", "page.published_date", None),
], ids=["byline-update-date", "byline-source", "upload-time", "bare-time-label-numeric", "event-time-not-published",
        "generic-label-with-chinese-date-not-published", "label-inside-word-not-source", "bare-date-under-headline",
        "bare-date-and-time-above-headline", "chinese-date-under-title-is-the-documents", "date-after-body-start-not-page"])
def test_page_head_bylines(text, field, expected):
    assert page(text, field) == expected
