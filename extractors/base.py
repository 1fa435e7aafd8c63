"""What every extractor shares: the `Extractor` record and span-keeping helpers."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pipeline.types import Document, Found, Span


@dataclass(frozen=True)
class Extractor:
    """One registry entry: a pure function `Document -> list[Found]` and what it declares."""

    name: str
    version: int
    produces: tuple[str, ...]
    requires: tuple[str, ...]
    run: Callable[[Document], list[Found]]

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"


def found(field: str, value, span: Span, rule: str, **attrs) -> Found:
    """A candidate; the runner stamps the extractor id."""
    return Found(field=field, value=value, span=span, rule=rule, attrs=attrs)


def search_spans(doc: Document, zone: str | None = None) -> list[Span]:
    """The spans an extractor should scan: one zone's spans, or the whole text."""
    if zone is None:
        return [Span(0, len(doc.text))]
    return doc.zone(zone)


def finditer(pattern: re.Pattern[str], doc: Document, zone: str | None = None) -> Iterator[re.Match[str]]:
    """Matches of `pattern` in the document, limited to a zone when given (offsets stay global)."""
    for sp in search_spans(doc, zone):
        yield from pattern.finditer(doc.text, sp.start, sp.end)


def group_span(m: re.Match[str], group: int | str = 0) -> Span:
    return Span(m.start(group), m.end(group))
