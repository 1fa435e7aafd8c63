"""Deadlines, periods and relative deadlines (FORMAT.md deadlines, NOTES-D1/D2/X1)."""
from __future__ import annotations

import pytest

from extractors import deadlines
from pipeline.types import Found, Span, make_doc


def doc_with(text: str, signed: str | None = None, published: str | None = None):
    doc = make_doc(text)
    for field, value in (("signed_date", signed), ("published_date", published)):
        if value:
            doc.found.append(Found(field, value, Span(0, 0), "test"))
    return doc


def values(doc, field: str = "deadlines") -> list:
    return [f.value for f in deadlines.extract(doc) if f.field == field]


@pytest.mark.parametrize(("text", "signed", "expected"), [
    pytest.param("请于2014年11月3日前将总结报送。", None, ["2014-11-03"], id="full_date_qian"),
    pytest.param("并将结果于5月7日前报送。", "2014-04-30", ["2014-05-07"], id="year_from_signed_date"),
    pytest.param("各地应于六月底前将情况报国家农委。", "1981-05-23", ["1981-06-30"], id="chinese_month_end"),
    pytest.param("2019年3月底前，完成编码转换。", None, ["2019-03-31"], id="month_end_last_day"),
    pytest.param("于2020年2月底前完成。", None, ["2020-02-29"], id="leap_february"),
    pytest.param("力争2022年底前全部建成。", None, ["2022-12-31"], id="year_end"),
    pytest.param("应在2021年8月31日之前完成。", None, ["2021-08-31"], id="zhiqian"),
    pytest.param("于2019年9月23日（周一）下午4：00前报送。", None, ["2019-09-23"], id="weekday_and_clock"),
    pytest.param("请于3月15日下班前报送。", "2019-03-01", ["2019-03-15"], id="before_close_of_work"),
    pytest.param("申报系统封网时间截止为2020年11月15日。", None, ["2020-11-15"], id="jiezhi_wei"),
    pytest.param("截止时间为2022年3月26日17时。", None, ["2022-03-26"], id="jiezhi_shijian_wei"),
    pytest.param("并于2020年10曰29日前报市中医局。", None, ["2020-10-29"], id="yue_typo"),
    pytest.param("请于1月15日前报送。", "2020-12-01", ["2021-01-15"], id="rolls_over_after_signing"),
    pytest.param("于3月15日前开展自查。", None, [], id="no_year_anywhere"),
    pytest.param("并于20xx年8月1日前将活动总结报我局。", None, [], id="masked_year"),
    pytest.param("20xx年工作安排。于3月15日前开展自查。", "2014-01-01", [], id="template_gives_nothing"),
    pytest.param("于每年10月底前报送至区卫计局。", "2014-04-30", [], id="recurring_every_year"),
    pytest.param("2020年起，每年2月底前完成考核，3月底前完成分析。", None, [], id="recurring_carries_in_sentence"),
    pytest.param("到2020年，初步建成体系。", None, [], id="horizon"),
    pytest.param("自2019年3月1日起施行。", None, [], id="start_date"),
    pytest.param("从事工作满30年（时间截止到2019年12月31日，下同）", None, [], id="reference_cutoff"),
    pytest.param("首都名中医1965年1月1日以前出生，", None, [], id="eligibility_birth_date"),
    pytest.param("2013年10月13日至19日，全省统一开展。", None, [], id="period_is_not_a_deadline"),
    pytest.param("定于2019年6月30日前后召开。", None, [], id="qianhou_is_around"),
    pytest.param("次月5日前报送。", "2019-01-01", [], id="no_month_printed"),
    pytest.param("应于本细则发布后三十日内登录平台。", "2018-12-19", [], id="relative_limit_is_not_a_deadline"),
    # cut-offs for past facts (NOTES-X1)
    pytest.param("现对发生在1997年9月30日以前，1997年10月1日后尚未处理的行为通知如下", None, [],
                 id="fasheng_zai_past_fact"),
    pytest.param("对签订于2019年6月30日之前的合同，按原规定执行。", None, [], id="qianding_yu_past_fact"),
    pytest.param("1993年12月31日前已批准设立的企业", None, [], id="already_approved_past_fact"),
    pytest.param("发生事故的单位应于2019年6月30日前报告。", None, ["2019-06-30"],
                 id="fasheng_elsewhere_keeps_deadline"),
])
def test_deadlines(text, signed, expected):
    assert values(doc_with(text, signed)) == expected


def test_year_from_a_signature_line_without_metadata():
    doc = doc_with("各地应于六月底前报送。\n\n一九八一年五月二十三日")
    assert values(doc) == ["1981-06-30"]


def test_published_date_only_when_the_document_prints_a_year():
    assert values(doc_with("于3月15日前开展自查。", published="2022-10-19")) == []


def test_published_date_used_when_a_year_is_printed():
    doc = doc_with("2014年工作要点：于3月15日前开展自查。", published="2014-01-10")
    assert values(doc) == ["2014-03-15"]


def test_deadline_span_is_the_printed_date():
    doc = doc_with("请于2014年11月3日前将总结报送。")
    (d,) = [f for f in deadlines.extract(doc) if f.field == "deadlines"]
    assert doc.text[d.span.start:d.span.end] == "2014年11月3日前"


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("2013年10月13日至19日，全省统一启动。",
                 {"start": "2013-10-13", "end": "2013-10-19", "text": "2013年10月13日至19日"}, id="day_range"),
    pytest.param("（二）组织实施阶段（2014年6月-2014年10月）：",
                 {"start": "2014-06", "end": "2014-10", "text": "2014年6月-2014年10月"}, id="month_range"),
    pytest.param("2014年工作。10月14日-19日，赴蒲县义诊。",
                 {"start": "2014-10-14", "end": "2014-10-19", "text": "10月14日-19日"}, id="year_from_context"),
    pytest.param("2018年12月30日至2019年1月1日放假调休", {"start": "2018-12-30", "end": "2019-01-01",
                 "text": "2018年12月30日至2019年1月1日"}, id="across_years"),
    pytest.param("2017年工作。六月至九月开展检查。", {"start": "2017-06", "end": "2017-09", "text": "六月至九月"},
                 id="yearless_months"),
    pytest.param("2021年4月12日-4月16日举办", {"start": "2021-04-12", "end": "2021-04-16",
                 "text": "2021年4月12日-4月16日"}, id="second_end_repeats_the_month"),
])
def test_periods(text, expected):
    assert values(doc_with(text), "period") == [expected]


def test_masked_period_gives_nothing():
    assert values(doc_with("20xx年12月1日至20xx年3月1日。"), "period") == []


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("活动结束后一周内，各市卫生局要报送总结。",
                 {"anchor": "活动结束后", "limit": "一周内", "text": "活动结束后一周内"}, id="after_event"),
    pytest.param("应于本细则发布后三十日内登录平台。",
                 {"anchor": "本细则发布后", "limit": "三十日内", "text": "本细则发布后三十日内"}, id="strip_yu"),
    pytest.param("可以在收到处理决定之日起一个月内申请复审。",
                 {"anchor": "收到处理决定之日起", "limit": "一个月内", "text": "收到处理决定之日起一个月内"},
                 id="from_the_day"),
])
def test_relative_deadlines(text, expected):
    assert values(doc_with(text), "relative_deadline") == [expected]


def test_a_window_without_anchor_is_not_a_relative_deadline():
    assert values(doc_with("请在30日内答复。"), "relative_deadline") == []
