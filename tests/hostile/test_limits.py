"""Size limits per format, tested with small monkeypatched limits (never a huge file)."""
from __future__ import annotations

import pytest

from pipeline import read
from pipeline.read import doc_fib, read_file
from pipeline.read import docx as docx_reader
from tests.hostile.make_hostile import SPECS

BY_FORMAT = {"html": "script.html", "text": "invalid_utf8.txt", "doc": "good.doc", "docx": "docx_saved_as.doc",
             "pdf": "scanned.pdf", "xls": "excel_saved_as.doc", "xlsx": "tasks.xlsx", "ofd": "notice.ofd",
             "mhtml": "notice.mht", "image": "blank.png"}
UNREAD = ("scanned.pdf", "blank.png", "excel_saved_as.doc")  # hostile files of a format that has no good one


def codes(doc) -> list[str]:
    return [p.code for p in doc.problems]


@pytest.mark.parametrize("fmt", sorted(BY_FORMAT))
def test_file_over_its_format_limit_gives_a_clear_problem(hostile, monkeypatch, fmt):
    path = hostile / BY_FORMAT[fmt]
    monkeypatch.setitem(read.FORMAT_MAX_BYTES, fmt, path.stat().st_size - 1)
    doc = read_file(path)
    assert codes(doc) == ["E_FILE_TOO_LARGE"] and not doc.raw_text
    message = doc.problems[0].message
    assert f"limit for {fmt} files" in message and "FORMAT_MAX_BYTES" in message and path.name in message


@pytest.mark.parametrize("fmt", sorted(BY_FORMAT))
def test_file_at_its_format_limit_is_read(hostile, monkeypatch, fmt):
    path = hostile / BY_FORMAT[fmt]
    monkeypatch.setitem(read.FORMAT_MAX_BYTES, fmt, path.stat().st_size)
    assert "E_FILE_TOO_LARGE" not in codes(read_file(path))


def test_any_file_over_the_global_limit_is_refused_before_it_is_read(hostile, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    monkeypatch.setattr(type(hostile), "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    doc = read_file(hostile / "good.doc")
    assert codes(doc) == ["E_FILE_TOO_LARGE"] and "read.MAX_BYTES" in doc.problems[0].message


def test_docx_inflating_past_the_total_limit_is_refused(hostile, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_TOTAL_BYTES", 1000)
    doc = read_file(hostile / "docx_saved_as.doc")
    assert codes(doc) == ["E_ZIP_BOMB", "W_EXTENSION_MISMATCH"] and "MAX_TOTAL_BYTES" in doc.problems[0].message


def test_doc_claiming_more_characters_than_the_limit_is_refused(hostile, monkeypatch):
    monkeypatch.setattr(doc_fib, "MAX_CHARS", 10)
    doc = read_file(hostile / "good.doc")
    assert codes(doc) == ["E_DOC_UNREADABLE"] and "over the 10 limit" in doc.problems[0].message


def test_every_format_has_a_limit():
    assert set(BY_FORMAT) == set(read.FORMAT_MAX_BYTES) == set(read.READERS)
    assert all(SPECS[name].loads or name in UNREAD for name in BY_FORMAT.values())
