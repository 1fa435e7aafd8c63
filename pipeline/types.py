"""The types every stage imports: Source, Span, Found, Problem, Document.

A `Document` flows through the generator stages (read -> normalize -> split ->
extract -> load). Offsets are code points into `Document.text`; `to_raw` maps
each of them back into `Document.raw_text`, so every value keeps its evidence.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

ZONES = ("pagemeta", "chrome", "header", "body", "signature", "attachments", "notes",
         "furniture", "tail", "document")
"""Named regions of a document's text: `pagemeta` holds structured page data a reader
rendered as `label：value` lines (metadata tables, CMS meta tags); `chrome` is portal
furniture kept in the raw text but not in the normalized text; `furniture` (above the
document), `tail` (after it) and `document` (its own lines) are marked by the structure stage."""


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets [start, end) into a text (code points, end exclusive)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def shift(self, by: int) -> Span:
        return Span(self.start + by, self.end + by)

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file in the corpus or a fetched URL saved by the crawler."""

    path: str
    sha256: str
    size: int
    format: str | None = None  # html, doc, docx, pdf, text (sniffed, not the extension)
    encoding: str | None = None
    url: str | None = None
    referrer: str | None = None  # the notice page an attachment was linked from
    fetched_at: str | None = None
    text_source: str | None = None  # where the text came from: text-layer, ocr or mixed (readers that OCR set it)
    ocr_confidence: float | None = None  # mean OCR recogniser score over the OCRed characters

    @classmethod
    def from_bytes(cls, path: str, data: bytes, **kw: Any) -> Source:
        return cls(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), **kw)


@dataclass(frozen=True, slots=True)
class Problem:
    """A coded, counted failure or warning; `message` says what to check next."""

    stage: str
    code: str  # stable: E_* errors lose data, W_* warnings do not
    message: str
    span: Span | None = None

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E_")


@dataclass(frozen=True, slots=True)
class Found:
    """One candidate value with its evidence: `doc.text[span]` is where it came from.

    `value` is a str for plain fields and a dict for structured ones (quota, contact,
    unit with role). `extractor` is the versioned extractor name (`quotas.v2`),
    stamped by the runner.
    """

    field: str
    value: Any
    span: Span
    rule: str
    extractor: str = ""
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def evidence(self, text: str) -> str:
        return self.span.of(text)


@dataclass(slots=True)
class Document:
    """One document on its way through the stages.

    `raw_text` is the reader's decoded text of the whole source; `text` the normalized
    text the extractors read; `to_raw[i]` is the raw offset of `text[i]` (length
    len(text) + 1, the last entry the raw end). A page split into several documents
    gives each a slice of the page's text with the matching slice of `to_raw`.
    """

    source: Source
    raw_text: str
    text: str = ""
    to_raw: list[int] = field(default_factory=list)
    ordinal: int = 0
    zones: dict[str, list[Span]] = field(default_factory=dict)
    found: list[Found] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    original_text: str = ""  # normalized text before traditional->simplified folding

    @property
    def doc_id(self) -> str:
        """Stable id from content: the source's hash and the document's place in it."""
        return hashlib.sha256(f"{self.source.sha256}:{self.ordinal}".encode()).hexdigest()[:16]

    def raw_span(self, span: Span) -> Span:
        """The raw-text span a normalized span came from."""
        if span.start == span.end:
            at = self.to_raw[span.start]
            return Span(at, at)
        return Span(self.to_raw[span.start], self.to_raw[span.end - 1] + 1)

    def zone(self, name: str) -> list[Span]:
        return self.zones.get(name, [])

    def in_zone(self, span: Span, name: str) -> bool:
        return any(z.contains(span) for z in self.zone(name))

    def values(self, field_name: str) -> list[Found]:
        return [f for f in self.found if f.field == field_name]

    def with_text(self, text: str, to_raw: list[int], **kw: Any) -> Document:
        return replace(self, text=text, to_raw=to_raw, **kw)


def make_doc(text: str, path: str = "test.txt", **kw: Any) -> Document:
    """A document whose raw and normalized text are the same string (for tests)."""
    data = text.encode("utf-8")
    src = Source.from_bytes(path, data, format="text", encoding="utf-8")
    zones = kw.pop("zones", None) or {"body": [Span(0, len(text))]}
    return Document(source=src, raw_text=text, text=text, to_raw=list(range(len(text) + 1)),
                    zones=zones, original_text=text, **kw)
