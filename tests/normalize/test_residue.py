"""Layout residue at line ends is deleted; real Markdown tables and a text's own brackets stay."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text
from pipeline.normalize.residue import edits


def clean(text: str) -> str:
    return normalize_text(text)[1].text


@pytest.mark.parametrize("text, want", [
    ("河北省卫生健康委员会 |\n2019年5月17日", "河北省卫生健康委员会\n2019年5月17日"),
    ("| 关于开展检查的通知\n各县卫生局：", "关于开展检查的通知\n各县卫生局："),
    ("关于开展检查的通知\n|\n各县卫生局：", "关于开展检查的通知\n各县卫生局："),
    ("关于开展检查的通知\n【\n各县卫生局：", "关于开展检查的通知\n各县卫生局："),
    ("关于开展检查的通知【\n各县卫生局：", "关于开展检查的通知\n各县卫生局："),
    ("请认真贯彻执行\n。\n卫生局", "请认真贯彻执行。\n卫生局"),
    ("责任单位：市卫生局 ｜", "责任单位：市卫生局"),
], ids=["trailing-pipe", "leading-pipe", "pipe-only-line", "bracket-only-line", "dangling-bracket",
        "lone-full-stop", "full-width-pipe"])
def test_residue_is_deleted(text, want):
    assert clean(text) == want


@pytest.mark.parametrize("text", [
    "| 刑法条文 |罪名 |\n|-----|-----|\n| 第152条 |走私废物罪 |",
    "| 序号 | 任务 |",
    "发布时间：2019-05-17 | 来源：市卫生局",
    "【关于开展检查的通知】",
    "关于开展检查的通知。\n各县卫生局：",
    "。",
], ids=["markdown-table", "markdown-row", "pipe-between-fields", "bracketed-title", "full-stop-in-line",
        "text-that-is-a-full-stop"])
def test_text_without_residue_is_left_alone(text):
    assert edits(text) == []


def test_deletions_keep_the_offset_map_exact():
    raw = "卫生局 |\n。\n|\n正文"
    original, _ = normalize_text(raw)
    assert [raw[i] for i in original.map] == list(original.text)
