"""PDF: generated files (tests/read/pdfgen.py), the text-layer checks, and the dev PDFs in place."""
from __future__ import annotations

import os
import time

import pytest

from pipeline.read import read_bytes
from pipeline.read.guard import run_guarded
from pipeline.read.pdf import bad_layer
from pipeline.types import Source
from tests.read.pdfgen import encode_with, pdf


@pytest.fixture(autouse=True)
def _no_ocr(monkeypatch):
    """The text-layer reader as such; scans read by OCR are tests/read/test_ocr.py's."""
    monkeypatch.setenv("PIPELINE_OCR", "0")

NOTICE = "关于印发医疗服务能力提升方案的通知各市卫生局为进一步做好医疗服务工作现将方案印发给你们请认真贯彻落实"
RARE = "犐犆犛犔犌犕犜犛犲犮狌狉犲犲犾犲犮狋狉狅狀犻犮狊犲犪犾犮狉狔狆狋狅犵狉犪狆犺狔狋犲犮犺狀犻犮犪犾"


def read(data: bytes, name: str = "t.pdf"):
    return read_bytes(data, Source.from_bytes(name, data))


def codes(doc) -> list[str]:
    return [p.code for p in doc.problems]


def test_text_layer_is_read():
    doc = read(pdf(["Notice 2019 No. 5"]))
    assert doc.raw_text == "Notice 2019 No. 5" and not doc.problems and doc.source.format == "pdf"


def test_chinese_text_through_tounicode_is_read():
    printed, cmap = encode_with(NOTICE)
    doc = read(pdf([printed], cmap))
    assert doc.raw_text == NOTICE and not doc.problems


def test_pages_are_separated_by_a_page_break():
    doc = read(pdf(["first page", "second page"]))
    assert doc.raw_text == "first page\f\nsecond page"


def test_scan_without_text_layer_needs_ocr():
    doc = read(pdf([None, None]), "scan.pdf")
    assert codes(doc) == ["E_NEEDS_OCR"] and doc.raw_text == ""
    assert "scan.pdf" in doc.problems[0].message and "OCR" in doc.problems[0].message


def test_some_scanned_pages_are_a_warning_naming_them():
    doc = read(pdf(["text page", None]))
    assert codes(doc) == ["W_PAGES_NEED_OCR"] and "page(s) 2" in doc.problems[0].message
    assert doc.raw_text.startswith("text page")


@pytest.mark.parametrize("text", [RARE, "".join(chr(0xE000 + i % 30) for i in range(80)), "I" * 80],
                         ids=["rare-hanzi-like-gmt0031", "private-use", "one-repeated-glyph"])
def test_wrong_text_layer_is_refused(text):
    printed, cmap = encode_with(text)
    doc = read(pdf([printed], cmap))
    assert codes(doc) == ["E_PDF_BAD_TEXT_LAYER"] and doc.raw_text == ""


@pytest.mark.parametrize(("text", "bad"), [
    (NOTICE * 3, False),
    ("International Medical Device Regulators Forum. Clinical Evaluation. " * 5, False),
    ("醫療服務能力提升方案為鞏固黨的群眾路線教育實踐活動成果充分展現全市衛生系統精神風貌" * 2, False),
    ("short 犐犆", False),
    (RARE * 2, True),
    ("\ue011" * 60, True),
    ("书" * 100, True),
], ids=["simplified", "english", "traditional", "too-short-to-judge", "rare-hanzi", "private-use",
        "one-glyph"])
def test_bad_layer_judgement(text, bad):
    assert bool(bad_layer(text)) is bad


def test_garbage_after_pdf_header_is_unreadable():
    doc = read(b"%PDF-1.4\nthis is not a pdf body at all\n")
    assert codes(doc) == ["E_PDF_UNREADABLE"]


def _sleep(seconds):
    time.sleep(seconds)
    return "late"


def _die():
    os._exit(3)


def test_guard_returns_value():
    assert run_guarded(len, "abc").value == 3


def test_guard_stops_a_hanging_parser():
    started = time.monotonic()
    result = run_guarded(_sleep, 30, seconds=0.5)
    assert not result.ok and result.failure == "timeout"
    assert time.monotonic() - started < 10


def test_guard_reports_a_crashed_parser():
    result = run_guarded(_die)
    assert not result.ok and result.failure == "crash"


def test_guard_caps_memory():
    result = run_guarded(bytearray, 1 << 30, memory_mb=256)
    assert not result.ok and result.failure == "memory"


def test_dev_pdfs_read_or_give_the_right_problem(shared):
    folder = shared / "corpus" / "dev" / "pdf"
    seen = {}
    for f in sorted(folder.iterdir()):
        doc = read(f.read_bytes(), f.name)
        seen[f.name] = codes(doc)
    scans = [n for n in seen if n.startswith("ws445_")]
    assert scans and all(seen[n] == ["E_NEEDS_OCR"] for n in scans)
    assert seen["ofdrw_GMT_0031-2014_安全电子签章密码技术规范.pdf"] == ["E_PDF_BAD_TEXT_LAYER"]
    assert seen["cmde_2015-11-27_椎间融合器技术审查指导原则征求意见稿.pdf"] == []
    assert seen["cmde_2020-01-02_IMDRF_Clinical_Evaluation_from_rar.pdf"] == []


def test_running_heads_and_page_numbers_are_chrome():
    from pipeline.normalize import normalize_doc

    pages = [f"DRAFT for comment\nBody of page {n}: the requirement applies.\n- {n} -" for n in range(1, 5)]
    doc = normalize_doc(read(pdf(pages)))
    assert "DRAFT" not in doc.text and "- 2 -" not in doc.text
    assert doc.text.count("the requirement applies") == 4


def test_a_line_on_only_one_page_is_not_a_running_head():
    from pipeline.normalize import normalize_doc

    doc = normalize_doc(read(pdf(["Title of the notice\nBody one.", "Body two.", "Body three."])))
    assert doc.text.startswith("Title of the notice")
