"""Chinese and Arabic numerals (pipeline/grammar/numerals.py)."""
from __future__ import annotations

import pytest

from pipeline.grammar.numerals import cn_digits, cn_int, is_round_magnitude, is_year_numeral, number_value, to_number


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
