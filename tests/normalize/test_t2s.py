"""Traditional -> simplified: the choice of OpenCC config, original_text, exact realignment."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from pipeline.normalize import normalize_doc, t2s
from pipeline.read import read_file

SEED_003 = Path(__file__).resolve().parents[2] / "corpus" / "seeds" / "003_b9108ce5693e2955.txt"


def test_text_is_simplified_and_original_text_keeps_the_print():
    doc = normalize_doc(read_file(SEED_003))
    assert "医疗服务能力提升方案1" in doc.text and "醫療服務能力提升方案1" in doc.original_text
    assert len(doc.text) == len(doc.original_text)


def test_t2s_is_chosen_because_tw2s_rewrites_correct_simplified_text():
    """Measured: on seed 003 the configs differ only on 著 (tw2s: 着力); on simplified text
    tw2s turns the correct 显著 into 显着, t2s leaves it."""
    text = SEED_003.read_text(encoding="utf-8")
    a, b = opencc.OpenCC("t2s").convert(text), opencc.OpenCC("tw2s").convert(text)
    assert {(x, y) for x, y in zip(a, b) if x != y} == {("著", "着")}
    assert opencc.OpenCC("tw2s").convert("显著性差异") == "显着性差异"
    assert t2s.CONFIG == "t2s" and t2s.convert("显著性差异") == "显著性差异"


@pytest.mark.parametrize("text", ["关于印发医疗服务能力提升方案的通知", "国办发〔2019〕4号", "乾隆年间", "著名学者",
                                  "差异显著", "编著"],
                         ids=["notice", "doc-number", "proper-name", "famous", "significant", "compiled"])
def test_simplified_text_is_unchanged(text):
    assert t2s.convert(text) == text


@pytest.mark.parametrize(("src", "dst"), [("ab", "abc"), ("abc", "ac"), ("abcd", "xy"), ("", "")],
                         ids=["longer", "shorter", "replaced", "empty"])
def test_realignment_stays_inside_the_line_and_never_decreases(src, dst):
    out = t2s.align(src, dst)
    assert len(out) == len(dst)
    assert all(0 <= i < max(len(src), 1) for i in out) and out == sorted(out)


def test_fold_realigns_only_lines_whose_length_changed(monkeypatch):
    monkeypatch.setattr(t2s, "convert", lambda s: s.replace("甲乙", "丙"))
    out, index = t2s.fold("第一行\n甲乙丁\n第三行")
    assert out == "第一行\n丙丁\n第三行"
    assert index == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]  # 丙 points at 甲, 丁 keeps its place
