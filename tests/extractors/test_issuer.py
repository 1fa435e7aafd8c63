"""Issuer (发文机关): metadata, 发文机关标志, signature, title, enactment, number prefix, printer."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from extractors.issuer import issuer_of_number
from pipeline.types import Document, make_doc


def run(text: str) -> Document:
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
        if ext.name == "issuer":
            return doc
    raise AssertionError("issuer is not registered")


def issuer(text: str) -> str | None:
    found = run(text).values("issuer")
    return found[0].value if found else None


@pytest.mark.parametrize("text,expected", [
    ("发文机关：国务院办公厅\n\n某某通知\n各省：\n现通知。\n国务院\n2019年1月1日", "国务院办公厅"),
    ("山西省卫生厅文件\n晋卫发〔2013〕1号\n各市卫生局：\n现通知。\n山西省卫生厅办公室\n2013年9月28日", "山西省卫生厅"),
    ("各市卫生局：\n现印发。\n山西省卫生厅办公室\n2013年9月28日", "山西省卫生厅办公室"),
    ("北京市：\n现通知。\n国务院办公厅 中央军委办公厅\n一九九六年六月二十九日", "国务院办公厅、中央军委办公厅"),
    ("各单位：\n现通知。\n国家卫生健康委\n国家中医药局\n2019年1月1日", "国家卫生健康委、国家中医药局"),
    ("各单位：\n现通知。\n北京市中医管理局（盖章）\n2019年1月1日", "北京市中医管理局"),
    ("吉林市卫生局关于印发方案的通知\n各县区卫生局：\n现印发。", "吉林市卫生局"),
    ("国务院办公厅转发国家地震局关于加强防震减灾工作意见报告的通知\n各省：\n现转发。", "国务院办公厅"),
    ("山西省卫生系列厅办公室有关印发方案的公告\n各市卫生局：\n现印发。", None),
    ("北京市条例\n2020年9月25日 北京市第十五届人民代表大会常务委员会第二十四次会议通过\n第一条 为了立法。",
     "北京市人民代表大会常务委员会"),
    ("河北省条例\n(1995年11月15日河北省第八届人民代表大会常务委员会第十七次会议通过1995年11月15日公布施行)\n第一章总则",
     "河北省人民代表大会常务委员会"),
    ("医疗机构管理条例\n1994年2月26日 中华人民共和国国务院令第149号发布\n第一章 总则", "国务院"),
    ("军服管理条例\n2009年1月13日 中华人民共和国国务院、中华人民共和国中央军事委员会令第547号公布\n2009年3月1日 施行\n第一章 总则",
     "国务院、中央军事委员会"),
    ("专利代理管理办法\n国家知识产权局局长令（第30号）\n为了规范管理，现予以发布。\n局长\n二○○三年六月六日\n第一章总则",
     "国家知识产权局"),
    ("河北省人力资源和社会保障厅2017年政府信息公开工作年度报告\n根据条例，现公布本厅报告。\n一、概述\n本年度。",
     "河北省人力资源和社会保障厅"),
    ("河北省2019年政务公开工作要点\n一、总体要求\n做好工作。", None),
    ("河北省科学技术厅国家税务总局河北省税务局关于修订《鉴定办法》的通知\n各市科技局：\n现印发。",
     "河北省科学技术厅、国家税务总局河北省税务局"),
    ("人力资源社会保障部国家发展改革委财政部关于加快发展人力资源服务业的意见\n各省：\n现提出意见。",
     "人力资源社会保障部、国家发展改革委、财政部"),
    ("某规定\n2019年8月16日 金华市第七届人民代表大会常务委员会第二十二次会议通过  2019年9月27日浙江省第十三届人民代表大会"
     "常务委员会第十四次会议批准\n第一条 为了。", "金华市人民代表大会常务委员会"),
    ("晋卫办医政〔2012〕84号\n各市卫生局：\n山西省卫生厅办公室现印发此方案。", "山西省卫生厅办公室"),
    ("各单位：\n请执行。\n阜康市卫生局\n2009年4月7日印发", "阜康市卫生局"),
    ("卫生局方便群众就医工作意见\n来源:山西省卫生厅 更新:2014/3/12\n为改善群众就医环境。", None),
    ("医疗服务能力提升方案1\n为巩固活动成果，市卫生局制订本方案。\n一、指导思想", None),
    ("通知\n劳社部发[2008]3号\n各省劳动和社会保障厅（局）：\n现通知如下。", None),
    ("关于爱国卫生运动委员会的规定\n1980年5月9日 国务院批准\n爱国卫生运动是一项重要措施。", "国务院"),
    ("某某办法\n2001年3月1日 经卫生部批准\n第一条 为了加强管理。", "卫生部"),
    ("各医院：\n请周知。\n东莞市卫生和计划生育局2016年4月20日", "东莞市卫生和计划生育局"),
    ("各院、系：\n谢谢支持配合!\n纪 委\n党委办公室\n院长办公室\n2011年6月21日", "纪委、党委办公室、院长办公室"),
    ("各单位：\n请执行。\n王 超\n2011年6月21日", None),
], ids=["pagemeta-first", "mark-before-signature", "signature", "joint-signature-one-line",
        "joint-signature-two-lines", "seal-mark-stripped", "title-guanyu", "title-zhuanfa",
        "title-without-marker-org-none", "adopting-meeting", "adopting-meeting-run-into-promulgation", "promulgating-order",
        "joint-order", "head-of-a-body-orders", "a-body-s-report-on-its-year", "a-place-s-year-is-no-issuer", "a-national-body-s-provincial-branch",
        "three-ministries-run-together", "adoption-and-approval-on-one-line", "number-prefix-table",
        "printer-fallback", "portal-source-not-issuer", "template-none", "number-prefix-name-never-printed-none",
        "approving-body-line", "approving-body-after-jing", "signature-run-together-with-date",
        "letter-spaced-short-names-in-signature", "spaced-person-name-not-an-issuer"])
def test_issuer(text, expected):
    assert issuer(text) == expected


@pytest.mark.parametrize("number,expected", [
    ("国办发〔2019〕4号", "国务院办公厅"),
    ("晋卫办医政〔2013〕84号", "山西省卫生厅办公室"),
    ("晋卫发〔2016〕3号", "山西省卫生和计划生育委员会"),
    ("京卫发〔2020〕3号", "北京市卫生健康委员会"),
    ("京卫发〔2010〕3号", "北京市卫生局"),
    ("京中医政字〔2005〕26号", "北京市中医管理局"),
    ("鲁政办发〔2019〕2号", "山东省人民政府办公厅"),
    ("国卫办医发〔2018〕1号", "国家卫生健康委员会办公厅"),
    ("x卫办医政发明电〔20xx〕357号", None),
], ids=["national", "provincial-office-before-2014", "provincial-2014-2018", "municipality-after-2018",
        "municipality-bureau-before-2014", "explicit-row-beats-template", "provincial-government",
        "national-commission-by-year", "placeholder-prefix-none"])
def test_issuer_of_number(number, expected):
    assert issuer_of_number(number) == expected
