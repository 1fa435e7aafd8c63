"""What a response really is, from its first bytes, checked against what it claims to be.

The bytes are sniffed by `pipeline.sniff` (the readers' sniffer: html, pdf, doc, docx, xls,
xlsx, ofd, mhtml, image, zip, rtf, text, binary), so the crawl state and the ingest side speak
the same words.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from pipeline.sniff import sniff

__all__ = ["declared_family", "extension", "mismatch", "sniff"]

# Families: formats that may legitimately stand in for each other (xls and doc are both OLE).
FAMILY = {"pdf": "pdf", "doc": "ole", "xls": "ole", "docx": "zip", "xlsx": "zip", "zip": "zip",
          "html": "html", "rtf": "rtf", "text": "text", "binary": "binary", "ofd": "zip", "mhtml": "mhtml",
          "image": "image"}
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
