"""The stage list: read -> normalize -> split -> structure -> extract. `load` consumes the result.

`make ingest`, `extract` and the tests all run this same list; stages do not know how
they are scheduled (one process, a pool, or a distributed engine).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from pipeline.extract import extract
from pipeline.normalize import normalize
from pipeline.split import split
from pipeline.structure import structure
from pipeline.types import Document

Stage = Callable[[Iterable[Document]], Iterator[Document]]

STAGES: tuple[Stage, ...] = (normalize, split, structure, extract)


def process(docs: Iterable[Document], stages: tuple[Stage, ...] = STAGES) -> Iterator[Document]:
    """Run raw documents (from the read stage) through the stages after it."""
    stream: Iterable[Document] = docs
    for stage in stages:
        stream = stage(stream)
    return iter(stream)


def process_one(doc: Document, on_drop: Callable[[Document, str], None] | None = None) -> list[Document]:
    """One raw document through every stage (the unit of work for a pool or a cluster);
    `on_drop(page, reason)` hears of a page that carries no document."""
    if on_drop is None:
        return list(process([doc]))
    return list(process([doc], (normalize, partial(split, on_drop=on_drop), structure, extract)))
