"""Plain text and Markdown: decode and keep every line."""
from __future__ import annotations

from pipeline.read.encoding import decode
from pipeline.types import Document, Source, Span


def read_text(data: bytes, source: Source) -> Document:
    text, codec, problems = decode(data)
    src = _with(source, format="text", encoding=codec)
    return Document(source=src, raw_text=text, zones={"body": [Span(0, len(text))]}, problems=problems)


def _with(source: Source, **kw) -> Source:
    from dataclasses import replace

    return replace(source, **kw)
