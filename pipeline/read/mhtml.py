"""MHTML (`.mht`/`.mhtml`, IE's "save as single file"): the page part, read by the HTML reader.

The file is a MIME message (multipart/related); the standard library's email parser splits
it. The first text/html part is the page (IE writes it first; Content-Location names it):
its transfer encoding (quoted-printable, base64) is undone by the parser and its declared
charset passed on to the HTML reader, which outranks the page's own <meta> as an HTTP header
would. A message without an HTML part but with text/plain is read as text.
"""
from __future__ import annotations

import email
import email.policy
from dataclasses import replace

from pipeline.read.html import read_html
from pipeline.read.text import read_text
from pipeline.types import Document, Problem, Source

PAGE_TYPES = ("text/html", "text/plain")


def read_mhtml(data: bytes, source: Source) -> Document:
    name = source.path
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    parts = {}
    for part in message.walk():
        kind = part.get_content_type()
        if kind in PAGE_TYPES and kind not in parts:
            parts[kind] = part
    part = parts.get("text/html") or parts.get("text/plain")
    if part is None:
        src = replace(source, format="mhtml")
        return Document(source=src, raw_text="", problems=[Problem(
            "read", "E_MHTML_NO_PAGE", f"{name}: the MHTML archive holds no text/html part; open it in a browser "
                                       "and save it as .html")])
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    reader = read_html if part.get_content_type() == "text/html" else read_text
    doc = reader(payload, source, charset)
    doc.source = replace(doc.source, format="mhtml")
    return doc
