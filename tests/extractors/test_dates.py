"""Dates: every calendar date (`date`), the 成文日期 (`signed_date`) and `published_date`."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from pipeline.types import Document, make_doc


def run(text: str) -> Document:
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
        if ext.name == "dates":
            return doc
    raise AssertionError("dates is not registered")


def dates(text: str) -> list[tuple[str, str, str]]:
    return [(f.value["value"], f.value["precision"], f.value["text"]) for f in run(text).values("date")]


def first(text: str, field: str) -> str | None:
    found = run(text).values(field)
    return found[0].value if found else None


@pytest.mark.parametrize("text,expected", [
    ("于2013年10月13日启动", [("2013-10-13", "day", "2013年10月13日")]),
    ("二〇〇九年四月七日", [("2009-04-07", "day", "二〇〇九年四月七日")]),
    ("二○一○年起", [("2010", "year", "二○一○年")]),
    ("二O一三年十一月", [("2013-11", "month", "二O一三年十一月")]),
    ("一九九六年六月二十九日", [("1996-06-29", "day", "一九九六年六月二十九日")]),
    ("截至2021年3月", [("2021-03", "month", "2021年3月")]),
    ("2020 年 10 月 20 日", [("2020-10-20", "day", "2020 年 10 月 20 日")]),
    ("时间:2022-10-19 09:08:29", [("2022-10-19", "day", "2022-10-19")]),
    ("更新:2014/3/12", [("2014-03-12", "day", "2014/3/12")]),
    ("于5月7日前报送", [("--05-07", "day", "5月7日")]),
    ("10月13日至19日", [("--10-13", "day", "10月13日"), ("--10-19", "day", "19日")]),
    ("5月24-26日", [("--05-24", "day", "5月24"), ("--05-26", "day", "26日")]),
    ("2020年10曰29日前", [("2020-10-29", "day", "2020年10曰29日")]),
    ("（2018—2035年）", [("2018", "year", "2018"), ("2035", "year", "2035年")]),
    ("于20xx年6月30日前", []),
    ("〔京卫发2018年6号〕", []),
    ("国办发〔2013〕84号", []),
    ("不得超过7日用量", []),
    ("共13个月", []),
], ids=["arabic-day", "chinese-day", "circle-zero-year", "letter-o-month", "chinese-tens-day", "month-precision",
        "spaced-digits", "numeric-datetime", "slashed", "yearless-month-day", "range-end-day", "range-month-day",
        "yue-typo", "year-range-start", "masked-year-none", "year-in-year-form-number-not-date",
        "year-in-brackets-not-date", "day-count-not-date", "month-count-not-date"])
def test_date_mentions(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("各市卫生局：\n现印发。\n山西省卫生厅办公室\n2013年9月28日\n（信息公开形式：主动公开）", "2013-09-28"),
    ("成文日期：2019年01月16日\n\n各省：\n现印发。\n国务院\n2019年1月17日", "2019-01-16"),
    ("各区县卫生局：\n现印发。\n北京市中医管理局\n二○○五年三月三十日", "2005-03-30"),
    ("为便于了解采购信息，现公开如下。\n北京市中医管理局\n2021年3月", "2021-03"),
    ("各单位：\n请认真执行。\n北京市中医管理局 2020年11月30日", "2020-11-30"),
    ("各单位：\n请执行。\n2、情况登记表\n二〇〇九年四月七日\n阜康市卫生局\n2009年4月8日印发", "2009-04-07"),
    ("各单位：\n请执行。\n阜康市卫生局\n2009年4月8日印发", "2009-04-08"),
    ("某某决议\n（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）\n会议决定批准发行特别国债。",
     "2007-06-29"),
    ("条例\n2003年7月30日 国务院第16次常务会议通过\n2003年8月5日 国务院令第386号公布\n第一章 总则", "2003-08-05"),
    ("某某条例\n(1995年11月15日河北省第八届人民代表大会常务委员会第十七次会议通过1995年11月15日公布施行)\n第一章总则",
     "1995-11-15"),
    ("某某条例\n（2001年5月9日某某省人民代表大会常务委员会第二十次会议通过 自2001年7月1日起施行）\n第一条 为了。",
     "2001-05-09"),
    ("某条例\n2009年9月28日 浙江省人民代表大会常务委员会第十三次会议通过根据2021年9月29日浙江省人民代表大会常务委员会"
     "第三十一次会议《关于修改〈某条例〉等七件地方性法规的决定》修正\n第一条 为了。", "2009-09-28"),
    ("社会力量办学条例\n1997年7月31日中华人民共和国国务院令第226号\n第一章 总 则\n第一条 为了鼓励。", "1997-07-31"),
    ("各科室：\n请执行。\n市卫生局\n20xx年x月x日", None),
    ("各单位：\n于2021年3月26日前报送。", None),
    ("关于爱国卫生运动委员会的规定\n1980年5月9日 国务院批准\n爱国卫生运动是一项重要措施。", "1980-05-09"),
    ("规定\n爱国卫生运动是一项重要措施，经国务院批准。\n1980年5月9日报告批准", None),
    ("各医院：\n请周知。\n东莞市卫生和计划生育局2016年4月20日", "2016-04-20"),
    ("各医院：\n请周知。\n东莞市卫生局二〇一六年四月二十日", "2016-04-20"),
    ("各医院：\n本次活动截至2016年4月20日", None),
    ("某通知\n各省人民政府:现转发给你们,请认真贯彻执行。二○○○年二月二十一日\n某公报", "2000-02-21"),
    ("某通知\n各省人民政府:\n请于本月底前完成。截至2000年2月21日", None),
], ids=["signature-under-org", "pagemeta-first", "chinese-signature", "month-only-signature",
        "org-and-date-on-one-line", "bare-date-line-before-printed-date", "printed-date-fallback",
        "adoption-line", "promulgation-before-adoption", "adoption-run-into-promulgation-and-effect",
        "adoption-then-effective-date", "adoption-then-amendment-on-one-line", "dated-order-number", "placeholder-signature-null", "body-date-not-signed",
        "approval-line", "approval-in-body-not-signed", "org-and-date-run-together",
        "org-and-chinese-date-run-together", "sentence-ending-in-date-not-signed",
        "date-run-into-the-last-sentence", "date-inside-a-clause-not-signed"])
def test_signed_date(text, expected):
    assert first(text, "signed_date") == expected


@pytest.mark.parametrize("text,expected", [
    ("标题\n来源:山西省卫生厅 更新:2014/3/12 字体:\n正文。", "2014-03-12"),
    ("发布日期：2019年01月30日\n\n正文。", "2019-01-30"),
    ("各单位：\n正文。\n北京市中医管理局\n2021年3月25日", None),
], ids=["byline", "label-line", "signature-is-not-published"])
def test_published_date(text, expected):
    assert first(text, "published_date") == expected
