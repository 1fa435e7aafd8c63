"""Bytes against claims: a "PDF" that is HTML is caught, a doc served as octet-stream is not."""
from __future__ import annotations

import pytest

from pipeline.crawl.sniff import mismatch, sniff

from .crawl_sites import DOC, DOCX, PDF


@pytest.mark.parametrize(("data", "expected"), [
    (PDF, "pdf"),
    (DOC, "doc"),
    (DOCX, "docx"),
    (b"PK\x03\x04plain zip entry", "zip"),
    (b"{\\rtf1\\ansi text}", "rtf"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
    (b"<div class='TRS_Editor'>", "html"),
    ("关于印发方案的通知".encode(), "text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image"),
], ids=["pdf", "ole", "docx", "zip", "rtf", "html-with-bom", "html-fragment", "text", "png-is-image"])
def test_sniff_reads_magic_bytes(data: bytes, expected: str) -> None:
    assert sniff(data) == expected


@pytest.mark.parametrize(("fmt", "ctype", "url", "flagged"), [
    ("html", "application/pdf", "http://h/a.pdf", True),
    ("html", None, "http://h/a.doc", True),
    ("pdf", "text/html", "http://h/a", True),
    ("pdf", "application/pdf", "http://h/a.pdf", False),
    ("doc", "application/vnd.ms-excel", "http://h/a.xls", False),
    ("doc", "application/octet-stream", "http://h/a.doc", False),
    ("docx", "application/zip", "http://h/a.docx", False),
    ("text", "text/html; charset=utf-8", "http://h/a.html", False),
    ("doc", None, "http://h/download.jsp?id=1", False),
], ids=["html-claimed-pdf", "html-named-doc", "pdf-claimed-html", "pdf-ok", "xls-is-ole-too",
        "octet-stream-falls-back-to-extension", "docx-as-zip-ok", "text-as-html-ok", "no-claim-no-flag"])
def test_mismatch_flags_lies(fmt: str, ctype: str | None, url: str, flagged: bool) -> None:
    assert (mismatch(fmt, ctype, url) is not None) is flagged
