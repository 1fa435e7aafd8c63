"""Chinese and Arabic numerals (pipeline/grammar/numerals.py)."""
from __future__ import annotations

import pytest

from pipeline.grammar.numerals import (
    approx_range,
    cn_digits,
    cn_int,
    is_round_magnitude,
    is_year_numeral,
    number_value,
    shared_magnitude,
    to_number,
)


@pytest.mark.parametrize(("text", "value"), [
    pytest.param("十", 10, id="ten_alone"),
    pytest.param("十七", 17, id="teens"),
    pytest.param("二十", 20, id="tens"),
    pytest.param("两千", 2000, id="liang_thousand"),
    pytest.param("一百零五", 105, id="zero_filler"),
    pytest.param("一千零一", 1001, id="zero_filler_thousands"),
    pytest.param("三万五千", 35000, id="wan_group"),
    pytest.param("万", 10000, id="bare_wan_is_ten_thousand"),
    pytest.param("百", 100, id="bare_bai_is_hundred"),
    pytest.param("十万", 100000, id="ten_wan"),
    pytest.param("三亿五千万", 350_000_000, id="yi_then_wan"),
    pytest.param("两万五", 25000, id="spoken_trailing_digit"),
    pytest.param("三千五", 3500, id="spoken_trailing_digit_thousands"),
    pytest.param("二〇〇九", 2009, id="year_digit_by_digit"),
    pytest.param("三五", 35, id="bare_digits_read_in_order"),
    pytest.param("", None, id="empty"),
    pytest.param("十x", None, id="foreign_character"),
])
def test_cn_int(text, value):
    assert cn_int(text) == value


@pytest.mark.parametrize(("text", "value"), [
    pytest.param("5", 5, id="int_stays_int"),
    pytest.param("0.60", 0.6, id="decimal"),
    pytest.param("2,000", 2000, id="thousands_separator"),
    pytest.param("1.1万", 11000, id="arabic_with_wan"),
    pytest.param("4.2万", 42000, id="no_float_noise"),
    pytest.param("2亿", 200_000_000, id="arabic_with_yi"),
    pytest.param("两千", 2000, id="chinese"),
])
def test_to_number(text, value):
    assert to_number(text) == value


def test_number_value_reads_baifenzhi():
    assert number_value("百分之五") == 5


def test_cn_digits_rejects_positional_numerals():
    assert cn_digits("二十") is None


@pytest.mark.parametrize(("text", "is_year"), [
    pytest.param("2013", True, id="arabic_year"),
    pytest.param("201", True, id="mangled_year"),
    pytest.param("二〇一三", True, id="chinese_year"),
    pytest.param("15", False, id="two_digits"),
    pytest.param("十五", False, id="positional_chinese"),
])
def test_is_year_numeral(text, is_year):
    assert is_year_numeral(text) is is_year


@pytest.mark.parametrize(("text", "is_round"), [
    pytest.param("千", True, id="qian"),
    pytest.param("100", True, id="hundred_arabic"),
    pytest.param("三千", False, id="counted_thousands"),
])
def test_is_round_magnitude(text, is_round):
    assert is_round_magnitude(text) is is_round


@pytest.mark.parametrize(("text", "value"), [
    pytest.param("一点五", 1.5, id="cn_decimal"),
    pytest.param("三点五亿", 350_000_000, id="cn_decimal_with_yi"),
    pytest.param("二点一五", 2.15, id="cn_decimal_two_places"),
    pytest.param("八十五点五", 85.5, id="positional_then_decimal"),
    pytest.param("零点五", 0.5, id="ling_dian"),
    pytest.param("两点三万", 23_000, id="cn_decimal_with_wan"),
    pytest.param("一千零十", 1010, id="ling_before_bare_ten"),
    pytest.param("两千零十二", 2012, id="ling_before_shi_er"),
    pytest.param("82，225.00", 82225, id="fullwidth_thousands"),
    pytest.param("壹佰壹拾壹", 111, id="daxie"),
    pytest.param("点五", None, id="neg_no_whole_part"),
    pytest.param("一点", None, id="neg_no_fraction"),
    pytest.param("二〇点五", None, id="neg_digit_string_whole"),
])
def test_to_number_forms(text, value):
    assert to_number(text) == value


@pytest.mark.parametrize(("text", "bounds"), [
    pytest.param("七八", (7, 8), id="neighbours"),
    pytest.param("两三", (2, 3), id="liang_san"),
    pytest.param("十五六", (15, 16), id="after_a_ten"),
    pytest.param("三五", None, id="neg_not_neighbours"),
    pytest.param("二〇", None, id="neg_zero"),
    pytest.param("十五", None, id="neg_positional"),
    pytest.param("二〇一三", None, id="neg_year_digits"),
])
def test_approx_range(text, bounds):
    assert approx_range(text) == bounds


@pytest.mark.parametrize(("first", "second", "scale"), [
    pytest.param("三", "五万", 10_000, id="wan_shared"),
    pytest.param("一百二十", "一百五十万", 10_000, id="long_ends_share_wan"),
    pytest.param("二", "三千", 1000, id="qian_shared"),
    pytest.param("1", "2亿", 100_000_000, id="arabic_first_end"),
    pytest.param("五千", "一万", 1, id="neg_first_end_larger"),
    pytest.param("三万", "五万", 1, id="neg_both_print_it"),
    pytest.param("三", "五十", 1, id="neg_ten_is_no_shared_place"),
])
def test_shared_magnitude(first, second, scale):
    assert shared_magnitude(first, second) == scale
