"""Word 97-2003 .doc: generated files (tests/read/word97.py) and the real dev files in place."""
from __future__ import annotations

import random

import pytest

from pipeline.read import read_bytes
from pipeline.read.doc import clean
from pipeline.types import Source
from tests.read.word97 import cfb, word97

NOTICE = ["关于印发方案的通知", "各市卫生局：", [["序号", "名称"], ["1", "医院"]], "附件：统计表"]


def read(data: bytes, name: str = "t.doc"):
    return read_bytes(data, Source.from_bytes(name, data))


@pytest.mark.parametrize("kw", [{}, {"compressed": True}, {"split_piece": True}],
                         ids=["utf16-piece", "cp1252-piece", "mixed-pieces"])
def test_pieces_decode_in_order(kw):
    blocks = ["Notice heading", "To all units:", "Body text."]
    doc = read(word97(blocks, **kw))
    assert not doc.problems
    assert doc.raw_text.split("\n")[:3] == blocks
    assert doc.source.format == "doc"


def test_chinese_text_paragraphs_become_lines():
    doc = read(word97(NOTICE))
    assert doc.raw_text.startswith("关于印发方案的通知\n各市卫生局：\n")


def test_table_cells_become_tabs_and_rows_lines():
    doc = read(word97(NOTICE))
    assert "序号\t名称\t\n1\t医院\t\n" in doc.raw_text


@pytest.mark.parametrize(("para", "expected"), [
    ("页码 \x13 PAGE \x145\x15 结束", "页码 5 结束"),
    ("见 \x13 HYPERLINK \"http://x\" \x14链接\x15。", "见 链接。"),
    ("目录\x13 TOC \\o \"1-2\" \x14\x13 PAGEREF _Toc1 \x143\x15\x15完", "目录3完"),
    ("无结果\x13 SEQ \x15字段", "无结果字段"),
], ids=["page-field", "hyperlink-result-kept", "nested-fields", "field-without-result"])
def test_field_codes_dropped_results_kept(para, expected):
    assert clean(para) == expected


def test_footnotes_follow_the_body_as_notes_zone():
    doc = read(word97(NOTICE, footnotes="注：以上数据截至2019年"))
    notes = doc.zone("notes")
    assert notes and notes[0].of(doc.raw_text).startswith("注：以上数据截至2019年")
    assert doc.zone("body")[0].of(doc.raw_text).startswith("关于印发方案的通知")


def test_encrypted_file_is_a_problem():
    doc = read(word97(NOTICE, encrypted=True))
    assert [p.code for p in doc.problems] == ["E_DOC_ENCRYPTED"]
    assert "t.doc" in doc.problems[0].message and doc.raw_text == ""


def test_word6_file_is_a_problem_without_antiword(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    doc = read(word97(NOTICE, nfib=0x0065))
    assert [p.code for p in doc.problems] == ["E_DOC_WORD6"]
    assert "antiword" in doc.problems[0].message


@pytest.mark.parametrize(("streams", "codes"), [
    ({"PowerPoint Document": b"\x00" * 600}, ["E_FORMAT_UNSUPPORTED"]),
    ({"Workbook": b"\x09\x08" * 100}, ["E_SHEET_UNREADABLE", "W_EXTENSION_MISMATCH"]),
], ids=["powerpoint-is-unsupported", "workbook-goes-to-the-sheet-reader"])
def test_ole_file_without_word_stream_is_not_read_as_word(streams, codes):
    doc = read(cfb(streams), "sheet.doc")
    assert [p.code for p in doc.problems] == codes


@pytest.mark.parametrize("cut", [600, 2048, 4000], ids=["in-header-sectors", "in-stream", "near-end"])
def test_truncated_file_is_unreadable_not_an_exception(cut):
    doc = read(word97(NOTICE)[:cut])
    assert doc.problems and doc.problems[0].code in ("E_DOC_UNREADABLE",)


def test_byte_flipped_files_never_raise():
    """DESIGN.md: a hand-written reader raises IndexError/struct.error on flipped bytes; ours must not."""
    data = word97(NOTICE)
    rng = random.Random(7)
    codes = set()
    for _ in range(300):
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        doc = read(bytes(flipped))
        codes.update(p.code for p in doc.problems)
        assert all(p.code.startswith(("E_DOC", "E_FORMAT", "W_")) for p in doc.problems)
    assert codes <= {"E_DOC_UNREADABLE", "E_DOC_ENCRYPTED", "E_DOC_WORD6", "E_FORMAT_UNSUPPORTED"}


def test_real_dev_doc_files_read_as_chinese_text(shared):
    files = sorted((shared / "corpus" / "dev" / "doc").glob("*.doc"))
    word = [f for f in files if "MISLABELED" not in f.name]
    assert len(word) >= 20
    for f in word:
        doc = read(f.read_bytes(), f.name)
        assert not doc.problems, (f.name, doc.problems)
        assert doc.source.format == "doc"
        assert sum("\u4e00" <= ch <= "\u9fff" for ch in doc.raw_text) >= 30, f.name
        assert "\x13" not in doc.raw_text and "HYPERLINK" not in doc.raw_text and "PAGEREF" not in doc.raw_text


def test_html_saved_as_doc_is_read_as_html(shared):
    f = shared / "corpus" / "dev" / "doc" / "cmde_2020-06-17_MISLABELED_html_0594.doc"
    doc = read(f.read_bytes(), f.name)
    assert doc.source.format == "html"
