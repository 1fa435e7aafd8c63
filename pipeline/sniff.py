"""Content sniffing: what a file is, from its bytes (the extension only breaks ties).

One sniffer for the readers and the crawler (which checks a response against its
Content-Type with it, `pipeline.crawl.sniff`); a light module of its own, so the
crawler does not import the reader stack.

The dev corpus has HTML error pages saved as `.doc` and `.docx`, so magic numbers come
first and the extension is consulted only for text that could be either plain text or
Markdown. Containers are looked into: an OLE file holding a Workbook stream is a BIFF
spreadsheet (WPS Office's .et saves are BIFF8), one holding anything else goes to the Word
reader (which names what it found); a zip is a .docx, an .xlsx or an OFD by its parts.
`%PDF-` makes a PDF only at offset 0, or within the first kilobyte when nothing before it
looks like markup: a page quoting `%PDF-` in its first lines is still a page.
"""
from __future__ import annotations

import re
import struct
import zipfile
from io import BytesIO

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
RTF_MAGIC = b"{\\rtf"
PDF_MAGIC = b"%PDF-"
PDF_LATE_OFFSET = 1024  # printers and mail gateways put junk ahead of %PDF-; Acrobat looks this far
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
# OLE directory entries: a UTF-16LE name, NUL-terminated, then at byte 64 its length in bytes
OLE_ENTRY = 128
WORD_STREAM = "WordDocument"
SHEET_STREAMS = ("Workbook", "Book")  # BIFF8 (Excel 97+, WPS .et) and BIFF5
# IE's "save as single file" (.mht): RFC 822 headers, then a multipart/related body
MHTML_HEAD = re.compile(rb"^(?:[\w-]{1,40}:[^\r\n]{0,2000}\r?\n|[ \t][^\r\n]{0,2000}\r?\n){0,40}?"
                        rb"content-type:[ \t]{0,8}multipart/related", re.I)
# A page starts with markup: a doctype, an XML prolog, a comment or one of the usual tags.
HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->)*<(?:!doctype\s+html|\?xml|html|head|body|meta|title|div|p|table|span|font|center|"
    rb"link|script|style|form|h[1-6]|section|article|a\s)", re.I | re.S)
HTML_TAGS = re.compile(rb"<\s*/?\s*(?:html|head|body|div|p|br|table|tr|td|span|meta|title|a|script)\b", re.I)
TEXT_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}
TEXT_EXT = (".txt", ".md", ".markdown", ".text", ".csv")
FORMATS = ("html", "pdf", "doc", "docx", "xls", "xlsx", "ofd", "mhtml", "image", "rtf", "zip", "text", "binary")


def sniff(data: bytes, name: str = "") -> str:
    """One of FORMATS, from the content."""
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data, name)
    if head.startswith(RTF_MAGIC):
        return "rtf"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    body = _strip_bom(head)
    if _is_utf16(head):
        body = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    if HTML_START.match(body):
        return "html"
    late = head.find(PDF_MAGIC, 0, PDF_LATE_OFFSET)
    if late > 0 and b"<" not in head[:late]:
        return "pdf"
    if MHTML_HEAD.match(body):
        return "mhtml"
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


def _ole_kind(data: bytes) -> str:
    """xls when the OLE directory names a Workbook/Book stream and no WordDocument (a Word file
    with an embedded chart holds a Workbook too); doc otherwise, whose reader names the rest."""
    if _ole_has(data, WORD_STREAM):
        return "doc"
    return "xls" if any(_ole_has(data, s) for s in SHEET_STREAMS) else "doc"


def _ole_has(data: bytes, stream: str) -> bool:
    """Whether a directory entry (128-byte aligned, its length field matching) names `stream`."""
    key = (stream + "\0").encode("utf-16-le")
    size = len(key).to_bytes(2, "little")
    at = data.find(key)
    while at >= 0:
        if at % OLE_ENTRY == 0 and data[at + 64:at + 66] == size:
            return True
        at = data.find(key, at + 1)
    return False


def _zip_kind(data: bytes, name: str = "") -> str:
    """docx, xlsx or ofd by the parts the archive holds (an .odt is just a zip to us)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError, KeyError,
            IndexError, struct.error):  # a mangled central directory (NotImplementedError: "zip file version")
        # a truncated archive: a local header may still name a word/ part, else the extension
        # breaks the tie (so a cut-off .docx is a damaged .docx, not "an archive to unpack")
        return "docx" if b"word/" in data[:65536] or name.lower().endswith(".docx") else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "ofd" if "OFD.xml" in names else "zip"
