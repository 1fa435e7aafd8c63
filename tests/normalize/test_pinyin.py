"""Pinyin annotations injected after characters are deleted; a text's own brackets stay."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text
from pipeline.normalize.pinyin import annotations


def clean(text: str) -> str:
    return normalize_text(text)[1].text


@pytest.mark.parametrize("text, want", [
    ("卫(wèi)生健康委", "卫生健康委"),
    ("卫（wèi）生", "卫生"),
    ("卫（wei4）生", "卫生"),
    ("卫（wèi shēng）健康委", "卫健康委"),
    ("妇女（nǚ）儿童", "妇女儿童"),
    ("绿（lü4）色", "绿色"),
    ("卫(wèi)生(shēng)健康委员会", "卫生健康委员会"),
], ids=["half-width-tone-mark", "full-width-tone-mark", "tone-digit", "two-syllables", "u-umlaut",
        "umlaut-with-digit", "several-in-a-word"])
def test_pinyin_brackets_are_deleted(text, want):
    assert clean(text) == want


@pytest.mark.parametrize("text", [
    "世界卫生组织(WHO)", "管理办法（试行）", "第一项(a)款", "国发（2019）", "克（mg）", "毫升（ml）",
    "朝（zhao）阳", "记载（word）文档", "(wèi)开头", "abc(wèi)", "卫（me）", "卫（wèi2x）",
    "表面积（cm2）", "面积（m2）", "体积（m3）", "面积（km2）",
], ids=["abbreviation", "cjk-bracket", "latin-letter", "year", "unit", "unit-ml", "toneless-pinyin",
        "english-word", "no-character-before", "latin-before", "toneless-syllable", "not-a-syllable",
        "unit-cm2", "unit-m2", "unit-m3", "unit-km2"])
def test_other_brackets_stay(text):
    assert annotations(text) == []


def test_deletion_keeps_the_offset_map_exact():
    raw = "国家卫(wèi)生健康委"
    original, _ = normalize_text(raw)
    assert original.text == "国家卫生健康委"
    assert [raw[i] for i in original.map] == list(original.text)
