"""Content sniffing: what a file is, from its first bytes (the extension only breaks ties)."""
from __future__ import annotations

import re

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|div|p|table|title)\b", re.I)


def sniff(data: bytes, name: str = "") -> str:
    """One of html, pdf, doc (OLE), docx (zip), zip, text, binary."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or name.lower().endswith(".docx") else "zip"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if HTML_HINT.search(stripped[:1024]):
        return "html"
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return "binary"
    return "text"
