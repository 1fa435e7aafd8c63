"""Cited document numbers: every 发文字号 printed other than the document's own."""
from __future__ import annotations

from extractors.base import found
from extractors.doc_number import key
from pipeline.types import Document, Found


def extract(doc: Document) -> list[Found]:
    own = {key(f.value) for f in doc.values("doc_number")[:1]}
    return [found("cited_doc_numbers", f.value, f.span, "mention")
            for f in doc.values("doc_number.mention") if key(f.value) not in own]
