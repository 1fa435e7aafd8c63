"""The structure stage: page furniture above a document and its tail below are found as zones,
and the field extractors read the document wherever it starts on the page."""
from __future__ import annotations

import pytest

from pipeline.record import to_record
from pipeline.structure import zones_of
from pipeline.structure.doctypes import doc_type_of, strip_trailer
from pipeline.structure.furniture import is_head_furniture, tail_inside, tail_marker
from pipeline.structure.lines import doc_lines, is_org, lines
from pipeline.types import Span, make_doc

NOTICE = ("关于开展基层卫生人员培训工作的通知\n"
          "各县卫生局，市直各医疗卫生单位：\n"
          "为提高基层卫生人员能力，决定开展培训，每县不少于50人。\n"
          "请于2019年6月30日前报送名单。\n"
          "特此通知。\n"
          "某市卫生局\n"
          "2019年5月17日\n")


def record(text: str) -> dict:
    from pipeline.stages import process

    doc = make_doc(text, path="page.txt")
    doc.zones = {}
    return to_record(next(iter(process([doc], stages=_after_normalize()))))


def _after_normalize():
    from pipeline.extract import extract
    from pipeline.split import split
    from pipeline.structure import structure

    return (split, structure, extract)


@pytest.mark.parametrize("line", [
    "2019-06-05 10:21", "2019年06月05日 10:21:33", "【发布日期：2019-06-05】", "来源：市卫健委  浏览次数：123",
    "• 索引号：11130000MB0123456X/2019-00045", "· 主题分类：卫生、体育", "首页 > 政策文件 > 通知公告",
    "当前位置：首页 > 信息公开", "【字体：大 中 小】 打印本页 关闭窗口", "附件下载：", "分享到：",
    "信息来源：本站 作者：办公室 点击数：4567",
], ids=["timestamp", "chinese-timestamp", "bracketed-date", "source-and-views", "index-bullet", "topic-bullet",
        "breadcrumb", "position-breadcrumb", "tool-bar", "download-note", "share", "byline"])
def test_head_furniture_lines(line):
    assert is_head_furniture(line)


@pytest.mark.parametrize("line", [
    "关于开展基层卫生人员培训工作的通知", "各县卫生局，市直各医疗卫生单位：", "冀卫办〔2019〕12号",
    "某市卫生局文件", "为提高基层卫生人员能力，决定开展培训。", "一、培训对象",
    "各单位要高度重视信息来源的核实，确保数据真实准确，按时报送有关材料，不得迟报漏报瞒报，对弄虚作假的予以通报批评。",
], ids=["title", "recipients", "doc-number", "issuer-mark", "body-sentence", "outline", "long-sentence-with-word"])
def test_document_lines_are_not_furniture(line):
    assert not is_head_furniture(line)


@pytest.mark.parametrize("line,strong,expected", [
    ("相关文章", True, True), ("上一篇：关于做好统计工作的通知", True, True), ("网友评论", True, True),
    ("字数：1234", False, True), ("责任编辑：张三", False, True),
    ("相关信息应当及时向社会公开。", False, False), ("字数：1234", True, False),
    ("上一条规定的情形，由县级以上人民政府卫生行政部门处理，并按照规定予以处罚，情节严重的依法追究责任。", False, False),
], ids=["related", "previous-link", "comments", "word-count", "editor", "sentence-opening-with-related",
        "weak-marker-not-strong", "long-sentence"])
def test_tail_markers(line, strong, expected):
    assert tail_marker(line, strong_only=strong) is expected


@pytest.mark.parametrize("line,at", [
    ("请认真贯彻执行。相关解读《关于印发…的通知》解读", 8), ("按照相关文件要求执行。", -1), ("相关文章", -1),
], ids=["glued-after-sentence", "inside-a-sentence", "at-line-start-is-not-glued"])
def test_tail_glued_to_the_last_sentence(line, at):
    assert tail_inside(line) == at


FURNISHED = ("首页 > 政策文件 > 通知公告\n"
             "2019-06-05 10:21\n"
             "来源：市卫健委  浏览次数：123\n"
             "近日，市卫生局印发通知，全文如下：\n"
             + NOTICE +
             "相关文章\n"
             "· 关于做好全市卫生统计工作的通知（2019年6月1日）\n"
             "字数：1234\n")


def test_furniture_and_tail_zones():
    zones = zones_of(FURNISHED)
    furniture = [FURNISHED[s.start:s.end] for s in zones["furniture"]]
    assert furniture == ["首页 > 政策文件 > 通知公告", "2019-06-05 10:21", "来源：市卫健委  浏览次数：123",
                         "近日，市卫生局印发通知，全文如下："]
    tail = zones["tail"][0]
    assert FURNISHED[tail.start:].startswith("相关文章")
    assert FURNISHED[zones["document"][0].start:].startswith("关于开展基层卫生人员培训工作的通知")


def test_plain_notice_has_no_furniture_or_tail():
    assert set(zones_of(NOTICE)) == {"document"}


@pytest.mark.parametrize("text", [
    "根据有关规定，现将《某某方案》印发如下：\n一、总体要求\n各单位要认真落实。\n",
    "近日，我局对全市医疗机构开展了检查。\n检查发现，部分机构存在问题。\n",
], ids=["headless-cover-sentence-is-the-document", "news-lead-without-a-document-head"])
def test_a_sentence_is_furniture_only_above_a_document_head(text):
    assert "furniture" not in zones_of(text)


@pytest.mark.parametrize("field,expected", [
    ("title", "关于开展基层卫生人员培训工作的通知"),
    ("recipients", ["各县卫生局", "市直各医疗卫生单位"]),
    ("issuer", "某市卫生局"),
    ("signed_date", "2019-05-17"),
    ("published_date", "2019-06-05"),
    ("deadlines", ["2019-06-30"]),
], ids=["title", "recipients", "issuer", "signed-date", "published-date-from-timestamp", "deadline"])
def test_fields_found_inside_furniture(field, expected):
    assert record(FURNISHED)[field] == expected


def test_values_in_the_tail_are_not_chosen():
    rec = record(NOTICE + "相关文章\n· 市卫生局召开2019年工作会议，部署50项重点任务\n")
    assert [q["text"] for q in rec["quotas"]] == ["不少于50人"]


def test_doc_lines_skip_outside_zones_and_cut_a_glued_tail():
    text = "甲\n乙丙相关文章\n丁\n"
    doc = make_doc(text, zones={"furniture": [Span(0, 1)], "tail": [Span(4, len(text))]})
    assert [ln.text for ln in doc_lines(doc)] == ["乙丙"]


def test_lines_keep_offsets_of_stripped_text():
    text = "  甲乙 \n\n丙"
    assert [(ln.start, ln.end, ln.text) for ln in lines(text)] == [(2, 4, "甲乙"), (7, 8, "丙")]


@pytest.mark.parametrize("name,expected", [
    ("山西省卫生厅办公室", True), ("国务院", True), ("北京市卫生健康委科教处", True),
    ("2、阜康市卫生系统服务木垒卫生专业技术人员情况登记表", False), ("关于对《北京市中医管理局", False),
], ids=["office", "state-council", "section", "attachment-item", "quoted-fragment"])
def test_is_org(name, expected):
    assert is_org(name) is expected


@pytest.mark.parametrize("title,expected", [
    ("关于开展培训工作的通知", "通知"), ("某某管理办法（试行）", "办法"), ("实施方案1", "方案"),
    ("《某某规划》", "规划"), ("某某工作方案 （2019年修订） ", "方案"), ("培训工作", None),
], ids=["notice", "trial-parenthesis", "template-number", "quoted", "spaces-and-parenthesis", "no-type"])
def test_doc_type_of(title, expected):
    assert doc_type_of(title) == expected


@pytest.mark.parametrize("text", ["1" * 5000 + "x", "（试行）" * 2000 + "x", " 1" * 3000 + "x"],
                         ids=["digit-run", "parenthesis-run", "spaced-digits"])
def test_strip_trailer_is_linear_on_adversarial_tails(text):
    # the old one-pattern trailer backtracked exponentially on `'1'*24+'x'`; the loop returns at once
    assert strip_trailer(text) == text.strip()


@pytest.mark.parametrize("html,field,expected", [
    ('<html><head><title>关于开展培训工作的通知_某市卫生健康委员会</title></head><body><div>'
     '<p>各县卫生局：</p><p>现将有关事项通知如下。</p></div></body></html>', "title", "关于开展培训工作的通知"),
    ('<html><head><title>通知公告</title></head><body><h1>关于开展培训工作的通知</h1><div>'
     '<p>各县卫生局：</p><p>现将有关事项通知如下。</p></div></body></html>', "title", "关于开展培训工作的通知"),
    ('<html><head><meta name="publishdate" content="2019-06-05"></head><body><div><p>各县卫生局：</p>'
     '<p>现将有关事项通知如下。</p></div></body></html>', "published_date", "2019-06-05"),
    ('<html><body><div class="info"><span title="发布时间">2019-06-05</span></div><div><p>各县卫生局：</p>'
     '<p>现将有关事项通知如下。</p></div></body></html>', "published_date", "2019-06-05"),
    ('<html><body><time datetime="2019-06-05T10:21">6月5日</time><div><p>各县卫生局：</p>'
     '<p>现将有关事项通知如下。</p></div></body></html>', "published_date", "2019-06-05"),
], ids=["title-tag-without-site-name", "h1-outranks-title-tag", "meta-publishdate", "title-attribute-date",
        "time-tag"])
def test_html_markup_only_labels(tmp_path, html, field, expected):
    from pipeline.commands import extract_records

    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    assert next(extract_records([str(page)]))[field] == expected


@pytest.mark.parametrize("head,expected", [
    ("时间：2019年06月05日\n", "2019-06-05"), ("日期：2019-06-05\n", "2019-06-05"),
    ("发布时间：2019年6月5日 10:21\n", "2019-06-05"),
], ids=["generic-label-chinese-date-above-document", "generic-label-numeric", "byline-with-time"])
def test_byline_dates_above_the_document(head, expected):
    assert record(head + NOTICE)["published_date"] == expected


def test_event_time_in_the_body_is_not_the_page_date():
    body = NOTICE.replace("请于", "时间：2019年06月20日\n请于")
    assert record(body)["published_date"] is None


COVER = ("ICS 11.020\nC 07\nWS\n中华人民共和国卫生行业标准\nWS 445.14—2014\n电子病历基本数据集\n第14部分：住院医嘱\n"
         "Basic dataset of electronic medical record—\nPart 14:Inpatient order\n2014-05-30发布\t2014-10-01 实施\n"
         "中华人民共和国国家卫生和计划生育委员会发布\n前言\n本标准按照GB/T 1.1—2009给出的规则起草。\n")


@pytest.mark.parametrize("field,expected", [
    ("title", "电子病历基本数据集 第14部分：住院医嘱"), ("signed_date", "2014-05-30"),
    ("issuer", "中华人民共和国国家卫生和计划生育委员会"),
], ids=["cover-title-with-its-part", "published-on-the-cover", "issuing-body-on-the-cover"])
def test_a_standards_cover(field, expected):
    assert record(COVER)[field] == expected


def test_a_notice_citing_a_standard_has_no_cover():
    from pipeline.structure.cover import standard_cover

    doc = make_doc("关于执行标准的通知\n各县卫生局：\n请执行WS 445.14—2014标准。\n")
    assert standard_cover(doc) is None


def test_issuer_read_from_a_crawl_records_title_is_chosen():
    text = ("收录标题：河北省人民政府办公厅关于同意收费的复函\n收录日期：2004-03-01\n"
            "某市人民政府：\n你市请示收悉。经研究，同意收费。\n二〇〇四年三月一日\n")
    doc = make_doc(text, zones={"pagemeta": [Span(0, text.index("某市人民政府"))]})
    from pipeline.stages import process

    rec = to_record(next(iter(process([doc], stages=_after_normalize()))))
    assert rec["issuer"] == "河北省人民政府办公厅"
