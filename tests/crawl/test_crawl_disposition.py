"""Attachment names from Content-Disposition: RFC 6266/5987 filename*, raw UTF-8 or GBK filename."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from pipeline.crawl.disposition import decode_name_bytes, disposition_filename

from .crawl_server import Site
from .crawl_sites import PDF, host_dir, notice, visited

NAME = "通知.pdf"
LONG_NAME = "关于申报2021年度项目的通知附件1.pdf"


def _raw_header(value: bytes):
    """A response whose Content-Disposition is these exact bytes (the test server writes UTF-8 otherwise)."""
    def handler(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Disposition: " + value
                      + b"\r\nContent-Length: %d\r\n\r\n" % len(PDF) + PDF)

    return handler


CASES = {
    "raw-gbk": (b'attachment; filename="' + NAME.encode("gbk") + b'"', NAME),
    "raw-gbk-long": (b'attachment; filename="' + LONG_NAME.encode("gbk") + b'"', LONG_NAME),
    "raw-utf8": (b'attachment; filename="' + NAME.encode() + b'"', NAME),
    "raw-utf8-unquoted": (b"attachment; filename=" + LONG_NAME.encode(), LONG_NAME),
    "rfc5987-utf8": (b"attachment; filename*=UTF-8''%E9%80%9A%E7%9F%A5.pdf", NAME),
    "rfc5987-gbk": (b"attachment; filename*=GBK''%CD%A8%D6%AA.pdf", NAME),
    "rfc5987-quoted": (b"attachment; filename*=\"utf-8'zh'%E9%80%9A%E7%9F%A5.pdf\"", NAME),
    "rfc5987-wins": (b'attachment; filename="fallback.pdf"; filename*=UTF-8\'\'%E9%80%9A%E7%9F%A5.pdf', NAME),
    "rfc5987-undefined-utf8": (b"attachment; filename*=undefined''%E9%80%9A%E7%9F%A5.pdf", NAME),
    "rfc5987-undefined-gbk": (b"attachment; filename*=undefined''%CD%A8%D6%AA.pdf", NAME),
    "rfc5987-mislabelled": (b"attachment; filename*=UTF-8''%CD%A8%D6%AA%B8%BD.pdf", "通知附.pdf"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_attachment_is_saved_under_its_decoded_name(site: Site, crawl, case: str) -> None:
    header, expected = CASES[case]
    site.add("/s/index.html", '<a href="t20200101_1.html">通知</a>')
    site.add("/s/t20200101_1.html", notice("通知", [("dl.jsp?id=1", "附件1")]))
    site.add("/s/dl.jsp?id=1", handler=_raw_header(header))
    crawl([site.url("/s/index.html")], [site.url("/s/")])
    row = visited(crawl.out)["/s/dl.jsp?id=1"]
    assert row["saved_path"] == f"{host_dir(site)}/s/{expected}"


@pytest.mark.parametrize(("raw", "expected"), [
    (b"plain.pdf", "plain.pdf"),
    (NAME.encode("utf-8"), NAME),
    (NAME.encode("gbk"), NAME),
    ("通知—附件".encode("gbk"), "通知—附件"),
    ("编号①.doc".encode(), "编号①.doc"),
    (b"\xff\xfe\xfa.pdf", "\ufffd\ufffd\ufffd.pdf"),
], ids=["ascii", "utf8-cjk", "gbk-that-is-valid-utf8", "gbk-not-utf8", "utf8-symbols", "neither-replaced"])
def test_raw_name_bytes_read_as_utf8_or_gb18030(raw: bytes, expected: str) -> None:
    assert decode_name_bytes(raw) == expected


@pytest.mark.parametrize(("header", "expected"), [
    ('attachment; filename="名单.pdf"', "名单.pdf"),
    ("inline", None),
    ("attachment; filename*=undefined''", None),
], ids=["already-text", "no-name", "empty-star-value"])
def test_disposition_header_edge_cases(header: str, expected: str | None) -> None:
    assert disposition_filename(header) == expected
