"""Spreadsheets, OFD, MHTML, WPS by content, and the hostile cases of issue 15 (sniffing and size)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.commands import extract_records
from pipeline.read import read_bytes, read_file
from pipeline.read import sheet as sheet_reader
from pipeline.sniff import sniff
from pipeline.types import Source
from tests.read.fixtures_formats import mhtml, ofd, rezip, xlsx
from tests.read.word97 import cfb, word97

ROOT = Path(__file__).resolve().parents[2]
WILD_SHEETS = ROOT.parent / "shared" / "corpus" / "wild" / "cmde_nmpa"
TASK_TABLE = {"任务分工": [["重点任务分工表"], ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
                           [1, "每年开展义诊活动不少于2000人次", "省卫生健康委", "省财政厅", "2024年12月底前"],
                           [2, "培训基层医务人员500名", "省中医药局", None, "持续推进"]]}


def _read(data: bytes, name: str):
    return read_bytes(data, Source.from_bytes(name, data))


def _docx() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("关于开展义诊活动的通知")
    d.save(buf)
    return buf.getvalue()


# ---- sniffing ----

@pytest.mark.parametrize(("data", "name", "fmt"), [
    (b"<!DOCTYPE html><html><body><p>see %PDF-1.4 below</p></body></html>", "a.html", "html"),
    (b"\xef\xbb\xbf\n  <html><head><title>%PDF-1.7</title></head></html>", "a.pdf", "html"),
    (b"note <b>x</b>\n%PDF-1.4\n1 0 obj", "a.pdf", "text"),
    (b"%PDF-1.4\n1 0 obj", "a.html", "pdf"),
    (b"\r\n\r\n%!PS junk from a mail gateway\r\n%PDF-1.4\n1 0 obj", "a.pdf", "pdf"),
    (b"x" * 2000 + b"%PDF-1.4", "a.pdf", "text"),
], ids=["html-quoting-pdf-magic", "html-with-bom-and-blank-lines", "markup-before-late-magic",
        "pdf-at-offset-0", "pdf-after-junk-without-markup", "pdf-magic-past-first-kilobyte"])
def test_pdf_magic_counts_only_where_a_pdf_can_start(data, name, fmt):
    assert sniff(data, name) == fmt


@pytest.mark.parametrize(("data", "name", "fmt"), [
    (xlsx(TASK_TABLE), "a.docx", "xlsx"),
    (ofd([["正文"]]), "a.zip", "ofd"),
    (mhtml("<html><body>x</body></html>"), "a.mht", "mhtml"),
    (cfb({"Workbook": b"\x09\x08" + b"\x00" * 600}), "a.et", "xls"),
    (cfb({"Book": b"\x09\x08" + b"\x00" * 600}), "a.xls", "xls"),
    (word97(["正文"]), "a.wps", "doc"),
    (cfb({"WordDocument": b"\x00" * 600, "Workbook": b"\x00" * 600}), "a.doc", "doc"),
    (cfb({"WpsContent": b"\x00" * 600}), "a.wps", "doc"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a.bin", "image"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "a.jpg", "image"),
    (b"II*\x00" + b"\x00" * 40, "a.tif", "image"),
    (b"From: x\r\nSubject: y\r\n\r\nplain mail", "a.mht", "text"),
], ids=["xlsx-named-docx", "ofd", "mhtml", "et-is-biff8", "biff5-book", "wps-is-word97",
        "word-with-embedded-workbook", "old-wps-ole", "png", "jpeg", "tiff", "mail-without-multipart"])
def test_containers_are_sniffed_by_what_they_hold(data, name, fmt):
    assert sniff(data, name) == fmt


# ---- spreadsheets ----

def test_xlsx_rows_become_tab_separated_lines():
    doc = _read(xlsx(TASK_TABLE), "tasks.xlsx")
    assert not doc.problems and doc.source.format == "xlsx"
    assert doc.raw_text.splitlines()[2] == "1\t每年开展义诊活动不少于2000人次\t省卫生健康委\t省财政厅\t2024年12月底前"
    assert doc.raw_text.splitlines()[3] == "2\t培训基层医务人员500名\t省中医药局\t\t持续推进"


def test_rows_keep_the_table_width_and_title_rows_lose_their_empty_cells():
    doc = _read(xlsx({"s": [["分工表", None, None], ["单位", "牵头单位", None], ["1", None, "x"]]}), "w.xlsx")
    assert doc.raw_text.splitlines() == ["分工表", "单位\t牵头单位\t", "1\t\tx"]


def test_sheets_follow_each_other_after_a_blank_line_and_empty_sheets_vanish():
    doc = _read(xlsx({"一": [["甲"]], "空": [], "二": [["乙", None, "丙"]]}), "b.xlsx")
    assert doc.raw_text == "甲\n\n乙\t\t丙"


@pytest.mark.parametrize(("value", "text"), [
    (2000.0, "2000"), (0.5, "0.5"), (True, "TRUE"), ("", ""), (None, ""), ("省卫生\n健康委", "省卫生 健康委"),
    ("a\tb", "a b"),
], ids=["integral-float", "fraction", "bool", "empty", "none", "line-break-in-cell", "tab-in-cell"])
def test_cells_print_as_a_person_reads_them(value, text):
    assert sheet_reader.cell_text(value) == text


def test_cell_dates_print_as_iso_dates():
    import datetime as dt

    assert sheet_reader.cell_text(dt.datetime(2024, 12, 31)) == "2024-12-31"
    assert sheet_reader.cell_text(dt.date(2024, 1, 2)) == "2024-01-02"


def test_task_table_units_and_quotas_are_extracted(tmp_path):
    path = tmp_path / "任务分工表.xlsx"
    path.write_bytes(xlsx(TASK_TABLE))
    (rec,) = extract_records([path])
    assert {"省卫生健康委", "省中医药局"} <= set(rec["responsible_units"])
    assert any(q["min"] == 2000 for q in rec["quotas"])


@pytest.mark.parametrize(("dimension", "code"), [
    ("A1:XFD1048576", "E_SHEET_TOO_LARGE"),
    ("XFD1048576", "E_SHEET_TOO_LARGE"),
    ("A1:E4", None),
], ids=["absurd-range", "one-far-cell", "real-range"])
def test_absurd_sheet_ranges_are_refused_before_calamine(dimension, code):
    doc = _read(xlsx(TASK_TABLE, dimension=dimension), "x.xlsx")
    assert [p.code for p in doc.problems] == ([code] if code else [])


def test_far_cell_without_a_dimension_is_refused():
    data = rezip(xlsx({"s": [["x"]]}), b'<c r="A1"', b'<c r="XFD1048576"')
    assert [p.code for p in _read(data, "x.xlsx").problems] == ["E_SHEET_TOO_LARGE"]


@pytest.mark.parametrize("stream", [b"\xff" * 700, b"\x09\x08" + b"\x00" * 4000],
                         ids=["not-biff", "bof-that-makes-calamine-panic"])
def test_broken_workbook_is_a_problem(stream):
    doc = _read(cfb({"Workbook": stream}), "bad.xls")
    assert doc.raw_text == "" and [p.code for p in doc.problems] == ["E_SHEET_UNREADABLE"]


def _wild(pattern: str) -> list[Path]:
    files = sorted(WILD_SHEETS.glob(pattern))
    if not files:
        pytest.skip("../shared/corpus/wild is not beside the checkout")
    return files


def test_every_wild_spreadsheet_is_read():
    for f in _wild("xls*/*.xls*"):
        doc = read_file(f)
        assert doc.source.format in ("xls", "xlsx") and not doc.problems and doc.raw_text.strip(), f.name


def test_real_biff8_named_et_is_read_as_a_spreadsheet():
    f = _wild("xls/*.xls")[0]
    doc = _read(f.read_bytes(), "task.et")
    assert doc.source.format == "xls" and not doc.problems and doc.raw_text.strip()


def test_task_table_is_ingested_and_linked_to_its_notice(tmp_path):
    """A task table catalogued like any attachment: sources.referrer from the crawl record."""
    import sqlite3

    from pipeline.ingest import ingest

    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "raw" / "notice.html").write_text("<html><body><h1>关于印发任务分工的通知</h1>"
                                                "<p>附件：任务分工表</p></body></html>", encoding="utf-8")
    (corpus / "raw" / "tasks.xlsx").write_bytes(xlsx(TASK_TABLE))
    from pipeline.crawl.manifest import STATE_FILE
    from pipeline.crawl.state import State  # the crawler's own record of what linked to what

    state = State(corpus / "raw" / STATE_FILE)
    state.record("http://example.gov.cn/notice.html", kind="notice", outcome="saved", saved_path="notice.html",
                 fetched_at="2024-01-01T00:00:00Z")
    state.record("http://example.gov.cn/tasks.xlsx", kind="attachment", outcome="saved", saved_path="tasks.xlsx",
                 referrer="http://example.gov.cn/notice.html", fetched_at="2024-01-01T00:00:00Z")
    state.close()
    ingest([str(corpus)], str(tmp_path / "c.db"), workers=1)
    db = sqlite3.connect(tmp_path / "c.db")
    fmt, referrer = db.execute("SELECT format, referrer FROM sources WHERE path LIKE '%tasks.xlsx'").fetchone()
    assert fmt == "xlsx" and referrer and referrer.endswith("notice.html")


# ---- OFD ----

def test_ofd_pages_are_read_in_order():
    doc = _read(ofd([["关于开展义诊活动的通知", "各市卫生局："], ["第二页"]]), "n.ofd")
    assert not doc.problems and doc.source.format == "ofd"
    assert doc.raw_text == "关于开展义诊活动的通知\n各市卫生局：\f\n第二页"


@pytest.mark.parametrize(("data", "code"), [
    (ofd([[]]), "E_NEEDS_OCR"),
    (rezip(ofd([["x"]], extra={"Doc_0/evil.xml": '<!DOCTYPE x [<!ENTITY a "b">]><x/>'}),
           b"Doc_0/Document.xml</ofd:DocRoot>", b"Doc_0/evil.xml</ofd:DocRoot>"), "E_ZIP_BOMB"),
    (rezip(ofd([["x"]]), b"<ofd:DocRoot>Doc_0/Document.xml", b"<ofd:DocRoot>Doc_9/Missing.xml"),
     "E_OFD_UNREADABLE"),
], ids=["pages-without-text", "dtd-refused", "missing-document"])
def test_ofd_failures_are_problems(data, code):
    doc = _read(data, "n.ofd")
    assert doc.raw_text == "" and [p.code for p in doc.problems][-1] == code


# ---- MHTML ----

@pytest.mark.parametrize(("charset", "encoding"), [
    ("gb2312", "quoted-printable"), ("utf-8", "base64"), ("gbk", "base64"),
], ids=["gb2312-qp", "utf8-base64", "gbk-base64"])
def test_mhtml_page_part_is_decoded_and_read_as_html(charset, encoding):
    page = "<html><body><h1>关于开展义诊活动的通知</h1><p>各市卫生局：请于2024年5月1日前报送。</p></body></html>"
    doc = _read(mhtml(page, charset, encoding), "notice.mht")
    assert not doc.problems and doc.source.format == "mhtml"
    assert "关于开展义诊活动的通知" in doc.raw_text and "各市卫生局：" in doc.raw_text


def test_mhtml_without_a_page_is_a_problem():
    data = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
            b"Content-Type: image/gif\r\n\r\nGIF89a\r\n--b--\r\n")
    assert [p.code for p in _read(data, "x.mht").problems] == ["E_MHTML_NO_PAGE"]


# ---- WPS ----

def test_wps_saved_as_word97_is_read_as_doc():
    doc = _read(word97(["关于开展义诊活动的通知"]), "notice.wps")
    assert doc.source.format == "doc" and "义诊" in doc.raw_text and not doc.problems


def test_old_wps_format_is_a_clear_problem():
    doc = _read(cfb({"WpsContent": b"\x00" * 600}), "old.wps")
    assert doc.raw_text == "" and [p.code for p in doc.problems] == ["E_FORMAT_UNSUPPORTED"]


# ---- hostile ----

@pytest.mark.parametrize(("name", "warned"), [
    ("notice.doc", True), ("notice.xls", True), ("notice.docx", False), ("notice", False), ("notice.wps", False),
], ids=["docx-named-doc", "docx-named-xls", "docx-named-docx", "no-extension", "docx-named-wps-is-wps-own"])
def test_office_file_under_another_office_name_is_read_and_warned(name, warned):
    doc = _read(_docx(), name)
    assert "义诊" in doc.raw_text
    assert [p.code for p in doc.problems] == (["W_EXTENSION_MISMATCH"] if warned else [])


def test_html_saved_as_doc_is_not_an_extension_warning():
    doc = _read("<html><body><p>关于开展义诊活动的通知</p></body></html>".encode(), "page.doc")
    assert doc.source.format == "html" and not doc.problems


def test_large_html_page_is_read_in_full_with_its_size(monkeypatch):
    import pipeline.read as read

    monkeypatch.setattr(read, "HTML_WARN_BYTES", 1000)
    data = ("<html><body>" + "<p>关于开展义诊活动的通知</p>" * 100 + "</body></html>").encode()
    doc = _read(data, "big.html")
    assert doc.raw_text.count("义诊") == 100
    assert [p.code for p in doc.problems] == ["W_HTML_LARGE"] and str(len(data)) in doc.problems[0].message


def test_html_page_over_the_cap_is_refused(monkeypatch):
    import pipeline.read as read

    monkeypatch.setitem(read.FORMAT_MAX_BYTES, "html", 1000)
    data = ("<html><body>" + "<p>关于开展义诊活动的通知</p>" * 100 + "</body></html>").encode()
    doc = _read(data, "big.html")
    assert doc.raw_text == "" and [p.code for p in doc.problems] == ["E_FILE_TOO_LARGE"]
