"""The normalize stage: raw text to the text extractors read, keeping an exact offset map.

Steps, each a list of edits on a `Mapped` text (offsets.py), so `to_raw` is exact by
construction:
1. drop the reader's `chrome` zones;
2. fold characters one to one and delete invisible ones (chars.py);
3. delete injected noise: spliced URLs and site names, spam lines (noise.py), pinyin
   annotations a repost put after characters (pinyin.py);
4. re-join letter-spaced Chinese and close the spaces around a number in Chinese text
   (spacing.py);
5. re-segment run-on text: put back the line breaks a text dump lost (resegment.py), and
   delete layout residue at line ends: a flattened table's `|`, a dangling `【` (residue.py);
   rebuild flattened numbered tables as tab-separated rows (tables.py);
6. tidy whitespace: strip lines, collapse runs, at most one blank line (chars.py);
7. fold traditional to simplified with OpenCC (t2s.py): `original_text` is the text before
   this step, `text` after. When OpenCC changes a line's length (rare), the map is realigned,
   and `original_text` then differs in length from `text`.
Property (tests/normalize/test_offsets.py): each character of `original_text` is the fold
of the raw character `to_raw` points at, or a line break step 5 inserted (mapped to the raw
character that follows it), or a table cell's tab that took the place of raw whitespace, and
`to_raw` never decreases.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.normalize import chars, noise, pinyin, resegment, residue, spacing, t2s, tables
from pipeline.normalize.offsets import Mapped, map_spans
from pipeline.types import Document, Span

__all__ = ["normalize", "normalize_doc", "normalize_text"]


def keep_spans(raw_len: int, chrome: Iterable[Span]) -> list[Span]:
    """Raw spans outside portal chrome."""
    spans, pos = [], 0
    for c in sorted(chrome, key=lambda s: s.start):
        if c.start > pos:
            spans.append(Span(pos, c.start))
        pos = max(pos, c.end)
    if pos < raw_len:
        spans.append(Span(pos, raw_len))
    return spans


def normalize_text(raw: str, chrome: Iterable[Span] = ()) -> tuple[Mapped, Mapped]:
    """(before t2s, after t2s) for a raw text with chrome spans removed."""
    m = Mapped.from_spans(raw, keep_spans(len(raw), chrome))
    m = chars.fold(m)
    m = m.apply(noise.spliced(m.text))
    m = m.apply(noise.spam_lines(m.text))
    m = m.apply(pinyin.annotations(m.text))
    m = m.apply(spacing.letter_spaced(m.text))
    m = m.apply(spacing.number_spaced(m.text))
    m = m.apply(resegment.breaks(m.text))
    m = m.apply(residue.edits(m.text))
    m = m.apply(tables.rows(m.text))
    m = chars.tidy(m)
    simplified, index = t2s.fold(m.text)
    folded = Mapped(simplified, m.map if index is None else [m.map[i] for i in index])
    return m, folded


def normalize_doc(doc: Document) -> Document:
    """`text`, `original_text`, `to_raw` and normalized zones (chrome gone) of a raw document."""
    original, folded = normalize_text(doc.raw_text, doc.zone("chrome"))
    to_raw = folded.to_raw()
    zones: dict[str, list[Span]] = {}
    for name, spans in doc.zones.items():
        if name == "chrome":
            continue
        mapped = map_spans(spans, to_raw, len(folded.text))
        if mapped:
            zones[name] = mapped
    if folded.text:
        zones.setdefault("body", [Span(0, len(folded.text))])
    return doc.with_text(folded.text, to_raw, zones=zones, original_text=original.text)


def normalize(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        yield normalize_doc(doc)
