"""Outline: sections by marker style, and directives (extractors/outline.py)."""
from __future__ import annotations

import pytest

from extractors import outline
from pipeline.types import Span, make_doc


def paths(text: str) -> list[str]:
    return [f.value["path"] for f in outline.extract(make_doc(text)) if f.field == "section"]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("一、目标\n二、内容\n", ["一", "二"], id="cn_dun_siblings"),
    pytest.param("一、目标\n（一）甲\n（二）乙\n二、要求\n", ["一", "一/（一）", "一/（二）", "二"],
                 id="cn_paren_nested_under_cn_dun"),
    pytest.param("一、目标\n(一)甲\n", ["一", "一/（一）"], id="ascii_parens_fold_to_fullwidth"),
    pytest.param("三、任务\n（一）甲\n（二）乙\n1.子项\n2.子项\n", ["三", "三/（一）", "三/（二）", "三/（二）/1", "三/（二）/2"],
                 id="three_levels_path"),
    pytest.param("1．甲\n2．乙\n", ["1", "2"], id="fullwidth_dot"),
    pytest.param("1、甲\n2、乙\n", ["1", "2"], id="arabic_dun"),
    pytest.param("（1）甲\n（2）乙\n", ["（1）", "（2）"], id="arabic_paren"),
    pytest.param("①甲\n②乙\n", ["①", "②"], id="circled"),
    pytest.param("第一章 总则\n第一条 目的\n第二条 范围\n第二章 附则\n第三条 解释\n",
                 ["第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条"], id="chapters_and_articles"),
    pytest.param("第一阶段：筹备\n第二阶段：实施\n", ["第一阶段", "第二阶段"], id="phases"),
    pytest.param("1 总则\n1.1 目的\n1.2 范围\n2 职责\n", ["1", "1/1.1", "1/1.2", "2"], id="decimal_outline"),
    pytest.param("一、甲\n按（三）执行。\n二、乙\n", ["一", "二"], id="cross_reference_is_not_a_marker"),
    pytest.param("一、甲\n三、丙\n", ["一"], id="numbering_must_continue"),
    pytest.param("一、甲。（一）子项。（二）子项。二、乙", ["一", "一/（一）", "一/（二）", "二"],
                 id="markers_inline_after_sentence_end"),
    pytest.param("1 总则\n2 附则\n1 总则\n", ["1", "2", "1"], id="top_level_restarts_after_contents"),
])
def test_section_paths(text, expected):
    assert paths(text) == expected


def test_section_span_runs_to_the_next_sibling():
    text = "一、目标\n内容甲。\n二、要求\n内容乙。"
    first = next(f for f in outline.extract(make_doc(text)) if f.field == "section")
    assert text[first.span.start:first.span.end] == "一、目标\n内容甲。"


def test_section_value_shape():
    sec = next(f for f in outline.extract(make_doc("（二）在城乡医院义诊。活动周内要组派医疗队。")))
    assert sec.value == {"path": "（二）", "marker": "（二）", "level": 1, "heading": "在城乡医院义诊"}


def test_heading_is_the_first_clause_of_a_long_item():
    text = "1、全市各三级医院做好诊疗专家下沉社区的人员选拔、组织动员和前期准备工作的具体安排部署，确保按时完成任务。"
    sec = outline.extract(make_doc(text))[0]
    assert sec.value["heading"] == "全市各三级医院做好诊疗专家下沉社区的人员选拔、组织动员和前期准备工作的具体安排部署"


def test_directives_are_order_sentences_of_a_leaf():
    doc = make_doc("（一）加强宣传。各单位要充分利用媒体。活动情况良好。请于月底报送总结。")
    dirs = [f.value["text"] for f in outline.extract(doc) if f.field == "directive"]
    assert dirs == ["各单位要充分利用媒体。", "请于月底报送总结。"]


def test_directive_span_is_the_sentence():
    doc = make_doc("（一）宣传。各单位要充分利用媒体。")
    d = next(f for f in outline.extract(doc) if f.field == "directive")
    assert (doc.text[d.span.start:d.span.end], d.value["section"]) == ("各单位要充分利用媒体。", "（一）")


def test_short_heading_is_not_a_directive():
    doc = make_doc("（一）统一组织，统筹安排。各地要统一开展。")
    assert [f.value["text"] for f in outline.extract(doc) if f.field == "directive"] == ["各地要统一开展。"]


def test_parents_hold_no_directives():
    doc = make_doc("一、要求\n各地要重视。\n（一）各地要落实。\n")
    assert [f.value["section"] for f in outline.extract(doc) if f.field == "directive"] == ["一/（一）"]


def test_words_containing_yao_are_not_cues():
    doc = make_doc("（一）主要内容。重要意义和需要说明的情况。")
    assert [f for f in outline.extract(doc) if f.field == "directive"] == []


def test_section_at_gives_the_innermost_path():
    doc = make_doc("一、目标\n（一）甲。每天30人次。\n")
    doc.found.extend(outline.extract(doc))
    at = doc.text.index("30")
    assert outline.section_at(doc, Span(at, at + 2)) == "一/（一）"
