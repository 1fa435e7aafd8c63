"""Flattened numbered tables become tab-separated rows; short lines that are no table stay."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text
from pipeline.normalize.tables import rows


def clean(text: str) -> str:
    return normalize_text(text)[1].text


CELL_PER_LINE = "\n".join([
    "序号", "任务", "责任单位", "完成时限",
    "1", "开展专项检查", "市卫生健康委", "2019年底前",
    "2", "完善制度", "市财政局、市卫生健康委", "2020年6月",
    "3", "总结评估", "各县（市、区）政府", "长期坚持",
])
WANT = ("序号\t任务\t责任单位\t完成时限\n1\t开展专项检查\t市卫生健康委\t2019年底前\n2\t完善制度\t市财政局、市卫生健康委\t2020年6月\n"
        "3\t总结评估\t各县（市、区）政府\t长期坚持")


@pytest.mark.parametrize("text, want", [
    (CELL_PER_LINE, WANT),
    ("现将任务分工如下：\n" + CELL_PER_LINE + "\n各单位要认真落实。", "现将任务分工如下：\n" + WANT + "\n各单位要认真落实。"),
    ("序号  任务  责任单位  完成时限\n1  开展专项检查  市卫生健康委  2019年底前\n2  完善制度  市财政局  2020年6月",
     "序号\t任务\t责任单位\t完成时限\n1\t开展专项检查\t市卫生健康委\t2019年底前\n2\t完善制度\t市财政局\t2020年6月"),
    ("序号\n举措\n部门\n一、保护方面（共2项）\n1\n三合一审判\n最高人民法院\n2\n专利保险\n国家知识产权局",
     "序号\t举措\t部门\n一、保护方面（共2项）\n1\t三合一审判\t最高人民法院\n2\t专利保险\t国家知识产权局"),
    ("序号\n项目\n金额\n备注\n1\n修缮\n34.2\n\n2\n印刷\n5\n",
     "序号\t项目\t金额\t备注\n1\t修缮\t34.2\t\n2\t印刷\t5\t"),
    ("序号\n\n市\n\n幼儿园（所）\n\n1\n\n石家庄市\n\n12\n\n2\n\n唐山市\n\n8\n\n各地要抓紧实施。",
     "序号\t市\t幼儿园（所）\n1\t石家庄市\t12\n2\t唐山市\t8\n\n各地要抓紧实施。"),
], ids=["cell-per-line", "table-inside-text", "space-separated-cells", "section-row", "empty-cell",
        "double-spaced-cells"])
def test_flattened_tables_become_rows(text, want):
    assert clean(text) == want


@pytest.mark.parametrize("text", [
    "河北省卫生健康委员会\n河北省财政厅\n2019年5月17日",  # a signature block
    "附件：\n1.检查表\n2.汇总表\n3.联系人名单",  # an attachment list
    "序号\n任务\n责任单位\n1\n开展专项检查\n市卫生健康委",  # one row only
    "序号\n任务\n责任单位\n2\n开展检查\n市卫生健康委\n3\n完善制度\n市财政局",  # numbering not from 1
    "序号\n任务\n为做好工作，现通知如下。\n1\n检查\n2\n制度",  # a sentence is no header cell
    "任务  责任单位  完成时限\n开展检查  市卫生健康委  年底前\n完善制度  市财政局  6月",  # no 序号 column
], ids=["signature-block", "attachment-list", "one-row", "numbering-not-from-one", "sentence-in-header",
        "no-number-column"])
def test_other_short_lines_stay(text):
    assert rows(text) == []


def test_tabs_map_to_the_raw_line_breaks_they_replace():
    original, _ = normalize_text(CELL_PER_LINE)
    for ch, at in zip(original.text, original.map):
        assert CELL_PER_LINE[at] == ch or (ch == "\t" and CELL_PER_LINE[at] == "\n")
