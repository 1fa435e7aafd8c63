"""PDF tables: pdfplumber's rows replace a ruled table's text on pages that look like a table."""
from __future__ import annotations

import time

import pdfplumber
import pytest

import pipeline.read.pdf_tables as pdf_tables
from extractors import units
from pipeline.read import read_bytes
from pipeline.read.pdf import extract_pages
from pipeline.read.pdf_tables import cell_text, render_rows, worth_a_look
from pipeline.types import Source, make_doc
from tests.read.pdfgen import codec_for, pdf, ruled_table, text_block

HEAD = ["关于印发重点任务分工方案的通知", "各区卫生健康委："]
ROWS = [["任务", "责任单位", "完成时限"],
        ["做好医疗服务\n能力提升工作", "市卫生健康委", "2024年底前"],
        ["加强药品监管", "市药监局、市市场监管局", "长期坚持"],
        ["完善医保支付", "市医保局", "2025年6月"]]
TAIL = ["请各单位认真贯彻落实。", "北京市卫生健康委员会"]
ROW_LINES = ["任务\t责任单位\t完成时限",
             "做好医疗服务能力提升工作\t市卫生健康委\t2024年底前",
             "加强药品监管\t市药监局、市市场监管局\t长期坚持",
             "完善医保支付\t市医保局\t2025年6月"]
PLAIN = ["第二页正文：各单位要按照责任单位分工抓好落实，", "确保各项任务按期完成。"]
ENCODE, CMAP = codec_for(*HEAD, *TAIL, *PLAIN, *[cell for row in ROWS for cell in row], "附表二")


def table_page(rows=ROWS, second=None):
    """The header lines, a ruled table, optionally a caption and a second table, then the tail."""
    drawn, bottom = ruled_table([[ENCODE(c) for c in row] for row in rows], [150, 150, 100])
    page = text_block([ENCODE(line) for line in HEAD]) + drawn
    if second:
        page += text_block([ENCODE("附表二")], top=bottom - 20)
        more, bottom = ruled_table([[ENCODE(c) for c in row] for row in second], [150, 150, 100], top=bottom - 30)
        page += more
    return page + text_block([ENCODE(line) for line in TAIL], top=bottom - 30)


def read(pages):
    data = pdf(pages, CMAP, width=1000)
    return read_bytes(data, Source.from_bytes("tables.pdf", data))


def pdfium_text(pages) -> str:
    """The pages' text as pypdfium2 alone reads it (the table path off)."""
    return "\f\n".join(page.strip("\n") for page in extract_pages(pdf(pages, CMAP, width=1000), tables=False).pages)


def codes(doc):
    return [p.code for p in doc.problems]


@pytest.fixture(scope="module")
def two_pages():
    return read([table_page(), text_block([ENCODE(line) for line in PLAIN])])


def test_table_rows_come_out_tab_separated_in_order(two_pages):
    first = two_pages.raw_text.split("\f\n")[0]
    assert first.split("\n") == [*HEAD, *ROW_LINES, *TAIL] and not two_pages.problems


@pytest.mark.parametrize("text", [*HEAD, *TAIL, "市医保局", "做好医疗服务", "加强药品监管"],
                         ids=["title", "salutation", "closing", "issuer", "unit-cell", "wrapped-cell", "task-cell"])
def test_page_text_and_table_text_appear_once(two_pages, text):
    assert two_pages.raw_text.count(text) == 1


def test_a_page_without_a_table_is_untouched(two_pages):
    assert two_pages.raw_text.split("\f\n")[1] == "\n".join(PLAIN)


def _unruled():
    return text_block([ENCODE(line) for line in [*HEAD, "任务责任单位完成时限", "加强药品监管市药监局长期坚持"]])


def _one_row_box():
    return text_block([ENCODE(line) for line in HEAD]) + ruled_table([[ENCODE(c) for c in ROWS[0]]], [150, 150, 100])[0]


@pytest.mark.parametrize("page", [_unruled, _one_row_box], ids=["keyword-without-ruling", "keyword-in-a-one-row-box"])
def test_keyword_page_without_a_table_keeps_pdfium_text(page):
    doc = read([page()])
    assert doc.raw_text == pdfium_text([page()]) and "责任单位" in doc.raw_text and not doc.problems


def test_two_tables_on_a_page_each_replace_their_own_region():
    doc = read([table_page(ROWS[:2], second=[ROWS[0], ROWS[3]])])
    assert doc.raw_text.split("\n") == [*HEAD, *ROW_LINES[:2], "附表二", ROW_LINES[0], ROW_LINES[3], *TAIL]


def test_pdfplumber_rebuild_when_pdfium_cannot_be_placed(monkeypatch):
    monkeypatch.setattr(pdf_tables, "splice", lambda *args: None)  # inherited by the forked child
    doc = read([table_page()])
    assert doc.raw_text.split("\n") == [*HEAD, *ROW_LINES, *TAIL] and not doc.problems


def _broken(self, *args, **kwargs):
    raise RuntimeError("table finder broke")


def test_broken_table_finder_keeps_pdfium_text_with_a_warning(monkeypatch):
    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", _broken)
    doc = read([table_page(), text_block([ENCODE(line) for line in PLAIN])])
    assert codes(doc) == ["W_PDF_TABLES_FAILED"]
    assert "page 1: RuntimeError: table finder broke" in doc.problems[0].message
    assert doc.raw_text == pdfium_text([table_page(), text_block([ENCODE(line) for line in PLAIN])])
    assert "责任单位" in doc.raw_text and "\t" not in doc.raw_text


def _slow(self, *args, **kwargs):
    time.sleep(5)
    return []


def test_slow_table_finder_is_stopped_by_its_budget(monkeypatch):
    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", _slow)
    monkeypatch.setattr(pdf_tables, "TABLE_SECONDS", 0.3)
    started = time.monotonic()
    doc = read([table_page()])
    assert codes(doc) == ["W_PDF_TABLES_FAILED"] and "time budget" in doc.problems[0].message
    assert doc.raw_text == pdfium_text([table_page()]) and time.monotonic() - started < 4


def test_units_extractor_reads_the_table_column(two_pages):
    first = two_pages.raw_text.split("\f\n")[0]
    names = [f.value["name"] for f in units.extract(make_doc(first)) if f.rule == "table"]
    assert names == ["市卫生健康委", "市药监局", "市市场监管局", "市医保局"]


@pytest.mark.parametrize(("text", "look"), [
    ("一、重点任务分工\n序号 任务 牵头单位 完成时限\n1 加强监管 市药监局 2024年", True),
    ("工作安排表\n时间节点 主要内容", True),
    ("\n".join(f"单元格{i}" for i in range(14)), True),
    ("根据有关规定，现将工作方案印发给你们，请认真贯彻落实。\n" * 12, False),
    ("\n".join(f"单元格{i}" for i in range(6)), False),
    ("\n".join(["短行"] * 12 + ["这是一段很长的正文内容，说明工作的背景、目标和具体要求，请各单位遵照执行。"] * 10), False),
], ids=["lead-unit-header", "time-node-header", "many-short-cells", "prose", "few-short-lines",
        "short-lines-a-minority"])
def test_which_pages_are_worth_the_table_finder(text, look):
    assert worth_a_look(text) is look


@pytest.mark.parametrize(("cell", "line"), [
    ("做好医疗服务\n能力提升工作", "做好医疗服务能力提升工作"),
    ("Improve the\nservice", "Improve the service"),
    ("2024年\n6月底前", "2024年6月底前"),
    ("a\tb  c", "a b c"),
    (None, ""),
], ids=["hanzi-joined-without-space", "latin-joined-with-space", "digits-and-hanzi", "inner-whitespace", "merged-cell"])
def test_cell_text_is_one_line(cell, line):
    assert cell_text(cell) == line


def test_empty_rows_are_left_out_and_merged_cells_keep_their_column():
    assert render_rows([["a", None, "c"], [None, None, None], ["d", "e", ""]]) == "a\t\tc\nd\te\t"
