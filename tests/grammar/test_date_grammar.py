"""The date grammar (pipeline/grammar/dates.py): what `scan` reads and what it leaves alone."""
from __future__ import annotations

import datetime

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.grammar.dates import parse_date, scan


def values(text: str) -> list[tuple[str | None, str]]:
    return [(h.value, text[h.start:h.end]) for h in scan(text)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("2013年10月13日", [("2013-10-13", "2013年10月13日")], id="arabic_full"),
    pytest.param("二〇〇九年四月七日", [("2009-04-07", "二〇〇九年四月七日")], id="chinese_full"),
    pytest.param("两千零五年八月五号", [("2005-08-05", "两千零五年八月五号")], id="positional_year_hao"),
    pytest.param("一千九百九十六年六月", [("1996-06", "一千九百九十六年六月")], id="positional_1996"),
    pytest.param("二〇一九年5月8日", [("2019-05-08", "二〇一九年5月8日")], id="mixed_scripts"),
    pytest.param("八月二十八号", [("--08-28", "八月二十八号")], id="yearless_chinese"),
    pytest.param("十二月20号", [("--12-20", "十二月20号")], id="yearless_mixed"),
    pytest.param("2020年10曰29日", [("2020-10-29", "2020年10曰29日")], id="yue_typo"),
    pytest.param("二○一○年起", [("2010", "二○一○年")], id="year_only"),
    pytest.param("2019年4月12-19日", [("2019-04-12", "2019年4月12"), ("2019-04-19", "19日")], id="day_range"),
    pytest.param("2018年1－9月份", [("2018-01", "2018年1"), ("2018-09", "9月份")], id="month_range"),
    pytest.param("2014年6月-2014年10月", [("2014-06", "2014年6月"), ("2014-10", "2014年10月")],
                 id="month_range_with_years"),
    pytest.param("2019-2021年", [("2019", "2019"), ("2021", "2021年")], id="year_range"),
    pytest.param("2021年4月12日-4月16日", [("2021-04-12", "2021年4月12日"), ("--04-16", "4月16日")],
                 id="second_end_after_a_dash"),
    pytest.param("六月至九月", [(None, "六月"), (None, "九月")], id="yearless_month_range_needs_a_year"),
    pytest.param("2008.08", [("2008-08", "2008.08")], id="dotted_year_month"),
    pytest.param("1999.08-2002.02", [("1999-08", "1999.08"), ("2002-02", "2002.02")], id="year_month_range"),
    pytest.param("2018-12-1209:03", [("2018-12-12", "2018-12-12")], id="glued_time"),
    pytest.param("2014/3/12", [("2014-03-12", "2014/3/12")], id="slashes"),
    pytest.param("20xx年8月1日", [(None, "20xx年8月1日")], id="masked_year_read_as_masked"),
    pytest.param("2008.08元", [], id="neg_money"),
    pytest.param("2008-0812", [], id="neg_code"),
    pytest.param("12019年", [], id="neg_tail_of_number"),
    pytest.param("13年5月8日", [], id="neg_unreadable_year"),
    pytest.param("第12月", [], id="neg_ordinal"),
    pytest.param("2019年13月", [("2019", "2019年")], id="neg_month_13"),
    pytest.param("5月32日", [], id="neg_day_32"),
    pytest.param("下午三点", [], id="neg_time_of_day"),
    pytest.param("正月初八", [], id="neg_lunar"),
    pytest.param("明天", [], id="neg_relative"),
])
def test_scan(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("2022-10-19 09:08:29", ("2022-10-19", "day", 10), id="numeric_with_time"),
    pytest.param("2019年12月26日", ("2019-12-26", "day", 11), id="arabic"),
    pytest.param("二〇二〇年十月", ("2020-10", "month", 7), id="chinese_month"),
    pytest.param("5月7日", None, id="neg_yearless"),
    pytest.param("20xx年5月7日", None, id="neg_masked"),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def _cn_year_digits(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


# Every printing of one calendar day that notices use; cn2an writes the positional numerals.
PRINTINGS = {
    "arabic": lambda y, m, d: f"{y}年{m}月{d}日",
    "chinese_digits_year": lambda y, m, d: f"{_cn_year_digits(y)}年{cn2an.an2cn(m)}月{cn2an.an2cn(d)}日",
    "positional_year_hao": lambda y, m, d: f"{cn2an.an2cn(y)}年{cn2an.an2cn(m)}月{cn2an.an2cn(d)}号",
    "mixed": lambda y, m, d: f"{_cn_year_digits(y)}年{m}月{d}日",
    "figures": lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
    "dots": lambda y, m, d: f"{y}.{m}.{d}",
}


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2099, 12, 31)),
       st.sampled_from(sorted(PRINTINGS)))
def test_scan_reads_every_printing_of_a_day(day, form):
    printed = PRINTINGS[form](day.year, day.month, day.day)
    hits = scan(f"定于{printed}前报送")
    assert [h.value for h in hits] == [day.isoformat()], printed
