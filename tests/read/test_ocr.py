"""OCR of scans: reading order, the notice-specific folds, the setting, and (slow) scans read end to end."""
from __future__ import annotations

import sqlite3

import pytest

from pipeline.commands import extract_records
from pipeline.read import ocr, read_bytes, read_file
from pipeline.types import Source
from tests.read.scangen import page_image, scanned_pdf, scanned_png


def box(x0, y0, x1, y1, text, score=0.9):
    return (x0, y0, x1, y1, text, score)


@pytest.mark.parametrize(("items", "lines"), [
    ([box(10, 0, 100, 20, "第一行")], ["第一行"]),
    ([box(110, 52, 200, 70, "右"), box(10, 50, 100, 70, "左")], ["左右"]),
    ([box(10, 100, 100, 120, "下"), box(10, 0, 100, 20, "上")], ["上", "下"]),
    ([box(10, 0, 100, 20, "甲"), box(10, 14, 100, 34, "乙")], ["甲", "乙"]),
    ([box(10, 0, 100, 20, "责任单位"), box(400, 2, 500, 22, "省卫生健康委")], ["责任单位\t省卫生健康委"]),
    ([box(10, 0, 100, 20, "不少于"), box(105, 1, 200, 21, "2000人次")], ["不少于2000人次"]),
    ([box(500, 60, 700, 150, "WS"), box(40, 60, 150, 75, "ICS 11.020"), box(40, 78, 100, 92, "C 07")],
     ["ICS 11.020", "C 07", "WS"]),
], ids=["one-box", "same-line-by-x", "lines-by-y", "barely-overlapping-boxes-are-two-lines",
        "wide-gap-is-a-cell", "narrow-gap-joins", "tall-logo-does-not-swallow-small-lines"])
def test_boxes_become_lines_in_reading_order(items, lines):
    assert ocr.reading_order(items) == lines


@pytest.mark.parametrize(("text", "folded"), [
    ("晋卫办医政[2013]84号", "晋卫办医政〔2013〕84号"),
    ("国办发【2019】3号", "国办发〔2019〕3号"),
    ("见附件[2013]", "见附件[2013]"),
    ("WS 445.17一2014", "WS 445.17—2014"),
    ("2021一2025年", "2021—2025年"),
    ("一一第1部分", "——第1部分"),
    ("一是加强领导", "一是加强领导"),
    ("第一条", "第一条"),
], ids=["brackets-in-number", "lenticular-brackets", "brackets-without-number-kept", "dash-in-standard-number",
        "dash-in-year-range", "doubled-dash-at-line-start", "ordinal-one-kept", "one-in-word-kept"])
def test_fold_mends_recogniser_confusions(text, folded):
    assert ocr.fold(text) == folded


@pytest.mark.parametrize(("value", "on"), [
    (None, True), ("1", True), ("0", False), ("off", False), ("no", False), ("False", False),
], ids=["default-on", "one", "zero", "off", "no", "false"])
def test_ocr_setting(monkeypatch, value, on):
    if value is None:
        monkeypatch.delenv(ocr.OCR_ENV, raising=False)
    else:
        monkeypatch.setenv(ocr.OCR_ENV, value)
    assert ocr.enabled() is on


def test_page_without_boxes_is_empty():
    assert ocr.page_from(None, (), ()) == ocr.OcrPage("", None, 0)


def test_confidence_is_weighted_by_characters():
    page = ocr.page_from([[[0, 0], [10, 0], [10, 10], [0, 10]], [[0, 50], [10, 50], [10, 60], [0, 60]]],
                         ["一二三", "四"], [1.0, 0.6])
    assert page.text == "一二三\n四" and page.confidence == 0.9 and page.chars == 4


@pytest.mark.parametrize("make", [scanned_pdf, scanned_png], ids=["pdf", "png"])
def test_ocr_off_leaves_scans_unread(monkeypatch, make):
    monkeypatch.setenv(ocr.OCR_ENV, "0")
    data = make()
    doc = read_bytes(data, Source.from_bytes("scan.bin", data))
    assert doc.raw_text == "" and [p.code for p in doc.problems] == ["E_NEEDS_OCR"]


def test_engine_that_cannot_load_is_a_problem(monkeypatch):
    from tests.read.scangen import scanned_pdf as make

    def missing():
        raise FileNotFoundError("OCR model PP-OCRv6_det_small.onnx missing")

    monkeypatch.setenv(ocr.OCR_ENV, "1")
    monkeypatch.setattr(ocr, "engine", missing)
    data = make()
    doc = read_bytes(data, Source.from_bytes("scan.pdf", data))
    assert doc.raw_text == "" and [p.code for p in doc.problems] == ["W_OCR_FAILED", "E_NEEDS_OCR"]
    assert "did not load" in doc.problems[0].message


# ---- slow: the engine runs ----

@pytest.fixture
def ocr_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(ocr.OCR_ENV, "1")
    monkeypatch.setenv(ocr.CACHE_ENV, str(tmp_path / "ocr-cache"))
    return tmp_path / "ocr-cache"


@pytest.mark.slow
@pytest.mark.parametrize(("make", "name", "fmt"), [(scanned_pdf, "scan.pdf", "pdf"), (scanned_png, "scan.png", "image")],
                         ids=["image-only-pdf", "png"])
def test_scanned_notice_yields_its_fields(ocr_cache, tmp_path, make, name, fmt):
    path = tmp_path / name
    path.write_bytes(make())
    doc = read_file(path)
    assert doc.source.format == fmt and doc.source.text_source == "ocr" and not doc.problems
    assert 0.8 <= doc.source.ocr_confidence <= 1.0
    (rec,) = extract_records([path])
    assert rec["doc_number"] == "晋卫办医政〔2013〕84号"
    assert rec["issuer"] == "山西省卫生厅办公室"
    assert rec["title"] == "关于开展城乡医院对口支援义诊活动的通知"
    assert rec["recipients"] == ["各市卫生局"]
    assert rec["signed_date"] == "2013-09-28"
    assert any(q["min"] == 2000 and q["unit"] == "人次" for q in rec["quotas"])
    assert rec["deadlines"] == ["2013-10-31"]


@pytest.mark.slow
def test_pages_are_cached_by_content_and_never_ocred_twice(ocr_cache, monkeypatch):
    data = scanned_pdf()
    first = read_bytes(data, Source.from_bytes("a.pdf", data))
    assert list(ocr_cache.rglob("*.json"))

    monkeypatch.setattr(ocr, "engine", lambda: None)  # a page not in the cache would now fail (W_OCR_FAILED)
    again = read_bytes(data, Source.from_bytes("b.pdf", data))
    assert again.raw_text == first.raw_text and not again.problems


@pytest.mark.slow
def test_blank_scan_still_needs_ocr(ocr_cache):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buf, "PDF")
    doc = read_bytes(buf.getvalue(), Source.from_bytes("blank.pdf", buf.getvalue()))
    assert doc.raw_text == "" and [p.code for p in doc.problems] == ["E_NEEDS_OCR"]


@pytest.mark.slow
def test_ingest_marks_ocr_text_in_the_catalogue(ocr_cache, tmp_path):
    from pipeline.ingest import ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.pdf").write_bytes(scanned_pdf(pages=2))
    (corpus / "page.html").write_text("<html><body><h1>关于开展义诊活动的通知</h1><p>各市卫生局：</p></body></html>",
                                      encoding="utf-8")
    ingest([str(corpus)], str(tmp_path / "c.db"), workers=1)
    db = sqlite3.connect(tmp_path / "c.db")
    rows = dict(db.execute("SELECT s.format, d.text_source || ':' || (d.ocr_confidence IS NOT NULL) "
                           "FROM documents d JOIN sources s ON s.path = d.source"))
    assert rows == {"pdf": "ocr:1", "html": "text-layer:0"}
    assert dict(db.execute("SELECT format, text_source FROM sources")) == {"pdf": "ocr", "html": "text-layer"}


@pytest.mark.parametrize(("items", "turned"), [
    ([[0, 0, 20, 300, "x", 0.6]] * 5 + [[0, 0, 300, 20, "y", 0.9]], True),
    ([[0, 0, 300, 20, "y", 0.9]] * 5 + [[0, 0, 20, 300, "x", 0.6]], False),
    ([[0, 0, 20, 300, "x", 0.6]] * 2, False),  # two boxes say nothing about a page
], ids=["most-boxes-upright", "most-boxes-lying", "too-few-boxes"])
def test_a_page_is_sideways_when_most_boxes_stand_upright(items, turned):
    assert ocr.sideways(items) is turned


@pytest.mark.slow
@pytest.mark.parametrize("angle", [90, 270], ids=["turned-left", "turned-right"])
def test_a_page_printed_sideways_is_read_upright(ocr_cache, angle):
    """A landscape table scanned into a portrait page (WS 445's data-element tables)."""
    page = ocr.ocr_image(page_image().rotate(angle, expand=True))
    assert "晋卫办医政〔2013〕84号" in page.text and page.confidence >= 0.8
