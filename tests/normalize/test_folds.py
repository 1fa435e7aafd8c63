"""Character folds, whitespace tidying and letter-spacing: each rule with its negatives."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw)[1].text


@pytest.mark.parametrize(("raw", "expected"), [
    ("２０１９年", "2019年"),
    ("ＧＭ／Ｔ００３１", "GM／T0031"),
    ("５０％", "50%"),
    ("１．５亿元", "1.5亿元"),
    ("⼀⽇", "一日"),
    ("国办发〔2019〕4号", "国办发〔2019〕4号"),
    ("冀科人规﹝2021﹞1号", "冀科人规〔2021〕1号"),
    ("（一）【附件】：，、", "（一）【附件】：，、"),
    ("a\u3000b\xa0c d", "a b c d"),
    ("任务\t责任单位", "任务\t责任单位"),
    ("a\r\nb\rc\u2028d", "a\nb\nc\nd"),
    ("零\u200b宽\ufeff字\u00ad符", "零宽字符"),
], ids=["fullwidth-digits", "fullwidth-latin-keeps-slash", "percent", "decimal-point", "kangxi-radicals",
        "doc-number-brackets-kept", "small-form-brackets", "cjk-punctuation-kept", "spaces", "table-cell-tabs-kept",
        "line-breaks", "invisible"])
def test_character_folds(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("  标题  \n\n\n\n正文   第一段  \n", "标题\n\n正文 第一段"),
    ("\n\n\n开头", "开头"),
    ("行一\n \n \n行二", "行一\n\n行二"),
    ("牡丹江市人民政府办公室\n??2018年5月14日\n？？ 一、背景", "牡丹江市人民政府办公室\n2018年5月14日\n一、背景"),
    ("什么?\n为什么??是这样", "什么?\n为什么??是这样"),
], ids=["strip-collapse", "leading-blank-lines", "space-only-lines", "lost-indentation-question-marks",
        "question-marks-inside-a-line-kept"])
def test_whitespace_tidy(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("微 信 题 库 搜 索", "微信题库搜索"),
    ("索 引 号：", "索引号："),
    ("2 0 1 3年", "2013年"),
    ("第 6 页 共 6 页THANKS", "第6页共6页THANKS"),
    ("关于  卫生  通知", "关于 卫生 通知"),
    ("李 萌", "李 萌"),
    ("一 个 约定", "一 个 约定"),
    ("1 2 3", "1 2 3"),
    ("2 0 X XYOUR LOGOYour company name", "2 0 X XYOUR LOGOYour company name"),
    ("in the day", "in the day"),
], ids=["letter-spaced-words", "spaced-label", "spaced-year", "spaced-pager", "word-gaps-kept",
        "two-characters-kept", "run-ending-in-a-word-kept", "digit-list-kept", "latin-kept", "english-kept"])
def test_letter_spacing(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("近 5 年来每年新增约 2 万人", "近5年来每年新增约2万人"),
    ("第 4404 号（教育类 410 号）提案", "第4404号（教育类410号）提案"),
    ("《规范（2012 年版）》", "《规范（2012年版）》"),
    ("安排 6 至 7 课时，共 1.5 天", "安排6至7课时，共1.5天"),
    ("1 范围\n2 规范性引用文件", "1 范围\n2 规范性引用文件"),
    ("使用 ICD-11 中文版", "使用 ICD-11 中文版"),
    ("2020 年 12 月 8 日", "2020 年12月8日"),
], ids=["inside-a-sentence", "numbers-in-a-title", "inside-brackets", "range-and-decimal",
        "clause-headings-kept", "latin-word-kept", "line-opening-number-kept"])
def test_spaces_around_a_number_in_chinese_text(raw, expected):
    assert norm(raw) == expected
