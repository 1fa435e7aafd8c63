"""The normalize stage: raw text to the text extractors read, keeping an offset map.

Every step appends (character, raw offset) pairs through `Builder`, so `to_raw` is
exact by construction; a later step rewrites an earlier step's output the same way
and composes the maps.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from pipeline.types import Document, Span

# Full-width digits and Latin letters fold to ASCII; full-width punctuation stays, since
# extractors key on （）〔〕【】 and folding them would erase the printed form.
FULLWIDTH = {c: chr(c - 0xFEE0) for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
             for c in range(r[0], r[1] + 1)}
SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b\t\f\v\ufeff"


class Builder:
    """Appends characters with the raw offset each came from."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.map: list[int] = []

    def add(self, ch: str, at: int) -> None:
        self.chars.append(ch)
        self.map.append(at)

    def text(self) -> str:
        return "".join(self.chars)


def compose(outer: list[int], inner: list[int]) -> list[int]:
    """Map through two steps: inner maps step-2 text to step-1 text, outer step-1 to raw."""
    return [outer[i] for i in inner]


def keep_spans(doc: Document) -> list[Span]:
    """Raw spans that survive into the text: everything outside portal chrome."""
    chrome = sorted(doc.zone("chrome"), key=lambda s: s.start)
    spans, pos = [], 0
    for c in chrome:
        if c.start > pos:
            spans.append(Span(pos, c.start))
        pos = max(pos, c.end)
    if pos < len(doc.raw_text):
        spans.append(Span(pos, len(doc.raw_text)))
    return spans


def fold_chars(raw: str, spans: Iterable[Span]) -> tuple[str, list[int]]:
    """Fold width and whitespace, strip line ends, collapse blank lines."""
    b = Builder()
    for sp in spans:
        for i in range(sp.start, sp.end):
            ch = raw[i]
            if ch == "\r":
                ch = "\n" if not raw.startswith("\n", i + 1) else ""
            elif ch in SPACES:
                ch = " "
            else:
                ch = FULLWIDTH.get(ord(ch), ch)
            if ch:
                b.add(ch, i)
        if b.chars and b.chars[-1] != "\n":
            b.add("\n", sp.end - 1 if sp.end else 0)
    return tidy_lines(b.text(), b.map)


LINE = re.compile(r"[^\n]*\n?")


def tidy_lines(text: str, mapping: list[int]) -> tuple[str, list[int]]:
    """Strip each line, collapse inner space runs, keep at most one blank line."""
    b = Builder()
    blank = True
    for m in LINE.finditer(text):
        line = m.group().rstrip("\n")
        start = m.start()
        stripped = line.strip(" ")
        if not stripped:
            if not blank and m.group():
                b.add("\n", mapping[m.start()])
                blank = True
            continue
        off = start + line.index(stripped)
        prev_space = False
        for j, ch in enumerate(stripped):
            if ch == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            b.add(ch, mapping[off + j])
        b.add("\n", mapping[off + len(stripped) - 1])
        blank = False
    text_out = b.text().rstrip("\n")
    return text_out, b.map[: len(text_out)]


def map_zones(doc: Document, to_raw: list[int]) -> dict[str, list[Span]]:
    """Zones in raw offsets to zones in normalized offsets (chrome is gone)."""
    out: dict[str, list[Span]] = {}
    for name, spans in doc.zones.items():
        if name == "chrome":
            continue
        for sp in spans:
            # to_raw is non-decreasing, so the zone's characters are one contiguous run
            lo, hi = bisect_left(to_raw, sp.start), bisect_left(to_raw, sp.end)
            if lo < hi:
                out.setdefault(name, []).append(Span(lo, hi))
    return out


def normalize_doc(doc: Document) -> Document:
    text, to_raw = fold_chars(doc.raw_text, keep_spans(doc))
    zones = map_zones(doc, to_raw)
    zones.setdefault("body", [Span(0, len(text))])
    end = (to_raw[-1] + 1) if to_raw else 0
    return doc.with_text(text, to_raw + [end], zones=zones, original_text=text)


def normalize(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        yield normalize_doc(doc)
