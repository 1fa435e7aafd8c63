"""Attachments: names listed in the 附件说明, without numbering, 《》 or file extension."""
from __future__ import annotations

import pytest

from extractors import attachments
from pipeline.types import Span, make_doc


def names(text: str) -> list[str]:
    """Attachment names of a notice whose body ends just before `text`."""
    return [f.value for f in attachments.extract(make_doc("请认真执行。\n" + text))]


@pytest.mark.parametrize("text,expected", [
    ("附件：三级公立医院绩效考核指标\n国务院办公厅\n2019年1月16日", ["三级公立医院绩效考核指标"]),
    ("附件：\n1． 北京市培训工作方案\n2． \"十骨干\"及\"十师资\"人员名单\n北京市中医管理局\n2020年10月20日",
     ["北京市培训工作方案", "\"十骨干\"及\"十师资\"人员名单"]),
    ("附件1.深圳湾口岸查验区界址点坐标\n2.深圳湾公路大桥界址点坐标\n国务院\n二〇〇六年十二月三十日",
     ["深圳湾口岸查验区界址点坐标", "深圳湾公路大桥界址点坐标"]),
    ("附件：\n附表1、《资格考核申请表》（师承学习人员）\n附表4 《推荐医师意见表》",
     ["资格考核申请表（师承学习人员）", "推荐医师意见表"]),
    ("附表:三级医院医生科系类别选择表.doc\n吉林市卫生局\n2014年4月30日", ["三级医院医生科系类别选择表"]),
    ("附件:2013年全省大型义诊活动\n周情况统计表\n相关文章", ["2013年全省大型义诊活动周情况统计表"]),
    ("附:1、工作制度\n2、情况登记表\n二〇〇九年四月七日", ["工作制度", "情况登记表"]),
    ("附件：1.申报表 2、汇总表", ["申报表", "汇总表"]),
    ("附件：\n1.申报表\n附件1\n申报表\n附件2\n情况说明", ["申报表"]),
    ("第十八条 颁发证书。\n附则\n第十九条 本办法由市局负责解释。", []),
    ("附件所列材料须在5日内报送。", []),
    ("附件：为方便操作，由制造商提供的装置。", []),
    ("附件1：椎间融合器风险管理资料要求\n一、总体要求\n二、风险分析", ["椎间融合器风险管理资料要求"]),
    ("附件: 一.《补片技术审查指导原则》（征求意见稿）\n二.《补片技术审查指导原则》反馈意见表\n联系人：刘文博",
     ["补片技术审查指导原则（征求意见稿）", "《补片技术审查指导原则》反馈意见表"]),
    ("附表1\n序列\n位置\n原内容", []),
    ("附件：1.申报表；2.汇总表", ["申报表", "汇总表"]),
    ("附件：\n1.申报表；\n2.汇总表。\n市卫生局", ["申报表", "汇总表"]),
    ("现转发给你们。\n附件:东卫函〔2016〕94号.pdf\n粤卫通〔2016〕4号.pdf\n东莞市卫生和计划生育局2016年4月20日",
     ["东卫函〔2016〕94号", "粤卫通〔2016〕4号"]),
    ("现转发给你们。\n附件:东卫函〔2016〕94号.pdf\n补充说明", ["东卫函〔2016〕94号"]),
    ("请遵照执行。\n2012 年 4 月 5 日\n附件：工作规范（2018 年版）\n\n附件：工作用表\n", ["工作规范（2018 年版）", "工作用表"]),
    ("请遵照执行。\n附件：1.申报表\n北京市卫生局\n2020年1月1日\n附件：\n申报表正文", ["申报表"]),
    ("附件：1.《考核申请表》(多年实践人员)\n2.《课题成果报告》模板\n北京市中医管理局",
     ["考核申请表(多年实践人员)", "《课题成果报告》模板"]),
    ("请提交：\n1、《验收总结报告》（附件3）\n2、《专家组建议名单》电子版（附件5）\n河北省教育厅",
     ["验收总结报告", "专家组建议名单"]),
    ("参照《某某管理办法》（附件1）执行。\n附件：1.某某管理办法\n2.报名表\n河北省教育厅", ["某某管理办法", "报名表"]),
    ("填写《专家推荐表》（见附件），向本省人社厅报送。\n（此件主动公开）", ["专家推荐表"]),
    ("按照《某某管理办法》的规定执行。\n河北省教育厅", []),
], ids=["inline-single", "numbered-list", "inline-numbered-label", "wrapping-book-marks-dropped",
        "file-extension-dropped", "wrapped-item-joined", "fu-label", "inline-several", "only-first-block",
        "chapter-fuze-not-label", "sentence-not-label", "definition-not-label", "attachment-own-headings-not-items",
        "chinese-numbered-list", "bare-heading-over-table-none", "inline-semicolon-list", "items-closing-punctuation",
        "file-names-one-a-line-are-items", "file-name-is-complete-not-joined", "one-label-a-line",
        "later-label-after-signature-not-an-item", "book-marks-around-part-of-a-name-kept-unless-a-qualifier-follows",
        "cited-in-the-body-with-its-attachment-number", "a-list-wins-over-inline-references", "see-the-attachment", "a-cited-title-is-no-attachment"])
def test_attachments(text, expected):
    assert names(text) == expected


def test_label_on_first_line_marks_the_document_itself():
    text = "附件2：\n体外诊断试剂技术指导原则\n（征求意见稿）\n本指导原则适用于体外诊断试剂。"
    assert attachments.extract(make_doc(text)) == []


def with_page_meta(meta: str, body: str) -> list[str]:
    """Attachment names of a crawled file whose first lines are page metadata."""
    text = meta + "\n" + body
    zones = {"pagemeta": [Span(0, len(meta))], "body": [Span(len(meta) + 1, len(text))]}
    return [f.value for f in attachments.extract(make_doc(text, zones=zones))]


@pytest.mark.parametrize("body,expected", [
    ("附件\n猴痘病毒核酸检测试剂注册审查指导原则\n本指导原则旨在指导注册申请人。", []),
    ("附件2\n\n医用X射线诊断设备（第三类）\n注册技术审查指导原则\n本指导原则旨在指导。", []),
    ("附件：\n\n结核分枝杆菌复合群耐药基因突变检测试剂\n技术审查指导原则\n一、前言", []),
    ("某某指导原则\n本指导原则旨在指导。\n附件：1.申报表 2.汇总表", ["申报表", "汇总表"]),
], ids=["own-label-under-page-metadata", "own-numbered-label-under-page-metadata",
        "own-colon-label-under-page-metadata", "attachment-list-after-the-body-kept"])
def test_own_attachment_label_after_page_metadata(body, expected):
    assert with_page_meta("收录来源：github:Snoopy1866/guidelines-crawler", body) == expected
