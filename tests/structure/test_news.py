"""The document-or-news decision: a news report that cites an official number is no document;
a notice printed inside a news report still is."""
from __future__ import annotations

import pytest

from pipeline.split import not_a_document
from pipeline.types import make_doc

NEWS_CITING = ("市卫健委部署秋冬季疫情防控工作\n"
               "近日，市卫健委召开会议，传达学习《关于做好秋冬季疫情防控工作的通知》（国卫办疾控发〔2020〕12号）精神，"
               "部署全市秋冬季疫情防控工作。会议要求各单位提高认识，落实责任。\n")
NEWS_WITH_NOTICE = ("市卫健委转发国家通知\n"
                    "日前，市卫健委转发了国家卫健委的通知，全文如下：\n"
                    "关于做好秋冬季疫情防控工作的通知\n"
                    "各区卫生健康委：\n"
                    "为做好疫情防控工作，现通知如下。\n"
                    "某市卫生健康委员会\n"
                    "2020年10月9日\n")
NOTICE_CITING = ("根据《关于做好秋冬季疫情防控工作的通知》（国卫办疾控发〔2020〕12号）要求，现将有关工作安排如下，"
                 "请各单位认真落实。\n")


@pytest.mark.parametrize("text,fmt,dropped", [
    (NEWS_CITING, "text", True), (NEWS_CITING, "html", True), (NEWS_WITH_NOTICE, "html", False),
    (NOTICE_CITING, "html", False), (NOTICE_CITING, "text", False),
    ("本报讯（记者 张三）近日，某市出台《某某办法》（某政发〔2019〕3号），明确十项措施。\n", "text", True),
], ids=["news-citing-a-number", "news-page-citing-a-number", "notice-inside-news", "portal-fragment-citing",
        "text-fragment-citing", "bylined-report-citing"])
def test_news_or_document(text, fmt, dropped):
    doc = make_doc(text, path=f"page.{'html' if fmt == 'html' else 'txt'}")
    doc.source = doc.source.__class__(path=doc.source.path, sha256=doc.source.sha256, size=doc.source.size, format=fmt)
    assert bool(not_a_document(doc)) is dropped


@pytest.mark.parametrize("text,dropped", [
    ("政策解读\n《某某办法》政策解读\n一、制定背景\n为规范工作，制定本办法。\n", True),
    ("关于印发2019年政务公开工作要点的通知\n各市政府：\n为着力提升政务公开工作质量，认真抓好政策解读、舆情回应和公开平台建设，"
     "现将要点印发给你们。\n", False),
], ids=["interpretation-heading", "notice-mentioning-interpretation-work"])
def test_interpretation_is_read_from_headings_not_sentences(text, dropped):
    assert bool(not_a_document(make_doc(text))) is dropped
