"""What a response really is, from its first bytes, checked against what it claims to be.

Format names match pipeline.read.sniff (html, pdf, doc, docx, zip, text, binary) so the
crawl state and the ingest side speak the same words; kept separate so the crawler does
not import the reader stack.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|div|p|table|title|script)\b", re.I)

# Families: formats that may legitimately stand in for each other (xls and doc are both OLE).
FAMILY = {"pdf": "pdf", "doc": "ole", "xls": "ole", "docx": "zip", "xlsx": "zip", "zip": "zip",
          "html": "html", "rtf": "rtf", "text": "text", "binary": "binary"}
CONTENT_TYPE_FAMILY = {
    "application/pdf": "pdf", "application/x-pdf": "pdf",
    "application/msword": "ole", "application/vnd.ms-excel": "ole", "application/vnd.ms-word": "ole",
    "application/zip": "zip", "application/x-zip-compressed": "zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "zip",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "zip",
    "text/html": "html", "application/xhtml+xml": "html", "application/rtf": "rtf", "text/rtf": "rtf",
}
EXTENSION_FAMILY = {".pdf": "pdf", ".doc": "ole", ".xls": "ole", ".docx": "zip", ".xlsx": "zip",
                    ".zip": "zip", ".htm": "html", ".html": "html", ".shtml": "html"}
DOCUMENT_FAMILIES = ("pdf", "ole", "zip", "rtf")


def sniff(data: bytes) -> str:
    """One of html, pdf, doc, docx, zip, rtf, text, binary."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(ZIP_MAGICS):
        return "docx" if b"word/" in data[:65536] else "zip"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if HTML_HINT.search(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]):
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def declared_family(content_type: str | None) -> str | None:
    """The family a Content-Type claims; None for octet-stream and other non-claims."""
    if not content_type:
        return None
    return CONTENT_TYPE_FAMILY.get(content_type.split(";", 1)[0].strip().lower())


def extension(url: str) -> str:
    return PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()


def mismatch(data_format: str, content_type: str | None, url: str) -> str | None:
    """A message when the bytes are not what the Content-Type (or else the extension) says."""
    claimed = declared_family(content_type)
    source = f"Content-Type {content_type}"
    if claimed is None:
        claimed = EXTENSION_FAMILY.get(extension(url))
        source = f"extension {extension(url)}"
    actual = FAMILY.get(data_format, data_format)
    if claimed is None or claimed == actual or (claimed == "html" and actual == "text"):
        return None
    return f"{source} claims {claimed}, the bytes are {data_format}"
