"""Content sniffing: what a file is, from its bytes (the extension only breaks ties).

One sniffer for the readers and the crawler (which checks a response against its
Content-Type with it, `pipeline.crawl.sniff`); a light module of its own, so the
crawler does not import the reader stack.

The dev corpus has HTML error pages saved as `.doc` and `.docx`, so magic numbers come
first and the extension is consulted only for text that could be either plain text or
Markdown.
"""
from __future__ import annotations

import re
import struct
import zipfile
from io import BytesIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
RTF_MAGIC = b"{\\rtf"
# A page starts with markup: a doctype, an XML prolog, a comment or one of the usual tags.
HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->)*<(?:!doctype\s+html|\?xml|html|head|body|meta|title|div|p|table|span|font|center|"
    rb"link|script|style|form|h[1-6]|section|article|a\s)", re.I | re.S)
HTML_TAGS = re.compile(rb"<\s*/?\s*(?:html|head|body|div|p|br|table|tr|td|span|meta|title|a|script)\b", re.I)
TEXT_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}
TEXT_EXT = (".txt", ".md", ".markdown", ".text", ".csv")
FORMATS = ("html", "pdf", "doc", "docx", "rtf", "zip", "text", "binary")


def sniff(data: bytes, name: str = "") -> str:
    """One of FORMATS, from the content."""
    head = data[:4096]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data, name)
    if head.startswith(RTF_MAGIC):
        return "rtf"
    body = _strip_bom(head)
    if _is_utf16(head):
        body = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    if HTML_START.match(body):
        return "html"
    # markup further down: HTML, unless the name says text (Markdown carries inline tags)
    if len(HTML_TAGS.findall(body)) >= 8 and not name.lower().endswith(TEXT_EXT):
        return "html"
    if _is_binary(head) and not _is_utf16(head):
        return "binary"
    return "text"


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            return head[len(bom):]
    return head


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _is_binary(head: bytes) -> bool:
    """Control bytes that no text file in any of our encodings contains."""
    if not head:
        return False
    controls = sum(1 for b in head if b in TEXT_CONTROL)
    return b"\x00" in head or controls > len(head) * 0.01


def _zip_kind(data: bytes, name: str = "") -> str:
    """docx when the archive holds word/document.xml (an .odt or .xlsx is just a zip to us)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError, KeyError,
            IndexError, struct.error):  # a mangled central directory (NotImplementedError: "zip file version")
        # a truncated archive: a local header may still name a word/ part, else the extension
        # breaks the tie (so a cut-off .docx is a damaged .docx, not "an archive to unpack")
        return "docx" if b"word/" in data[:65536] or name.lower().endswith(".docx") else "zip"
    return "docx" if "word/document.xml" in names else "zip"
