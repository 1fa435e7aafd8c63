"""Segmentation helpers: lazy loading and the unit word-boundary check (extractors/segment.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractors import segment

ROOT = Path(__file__).resolve().parents[2]


def test_import_has_no_side_effects():
    code = "import sys, extractors.segment, extractors.quotas; print('jieba' in sys.modules, 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(("text", "unit", "ends"), [
    pytest.param("五部门联合印发", "部", False, id="bu_inside_bumen"),
    pytest.param("不少于1部著作", "部", True, id="bu_as_classifier"),
    pytest.param("培训2000人次", "人次", True, id="renci_as_unit"),
])
def test_unit_ends_word(text, unit, ends):
    at = text.index(unit)
    assert segment.unit_ends_word(text, at, at + len(unit)) is ends


def test_user_dictionary_keeps_government_words_whole():
    words = [w for w, _, _ in segment.tokens("区人口和计生局与市卫健委")]
    assert "卫健委" in words


def test_spacy_blank_zh_uses_jieba():
    assert [t.text for t in segment.nlp().make_doc("卫生健康委员会")] == ["卫生健康委员会"]
