"""Placeholder until the extractor lands (this session)."""
from __future__ import annotations

from pipeline.types import Document, Found


def extract(doc: Document) -> list[Found]:
    return []
