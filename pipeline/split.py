"""The split stage: a page into the documents it carries (one, several, or none)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.types import Document


def split(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        yield doc
