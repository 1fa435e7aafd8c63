"""Text rewriting that carries a map from every output character back to the raw text.

A `Mapped` is a text plus, for each of its characters, the raw offset it came from. Every
normalization step is a list of edits (start, end, replacement) against the current
text; `apply` builds the next text and its map with slices, so unchanged stretches cost
C-speed list copies. A replacement either deletes (""), keeps the length (folds: each
character maps to the one it replaces), or drops characters from the match (each kept
character maps to where it was); anything else maps proportionally, so the map stays
non-decreasing and points inside the replaced stretch.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.types import Span

Edit = tuple[int, int, str]


@dataclass(slots=True)
class Mapped:
    text: str
    map: list[int]  # len(text) entries: raw offset of text[i]

    @classmethod
    def from_spans(cls, raw: str, spans: Iterable[Span]) -> Mapped:
        """The raw text restricted to `spans` (kept regions), in order."""
        parts: list[str] = []
        mapping: list[int] = []
        for sp in spans:
            parts.append(raw[sp.start:sp.end])
            mapping.extend(range(sp.start, sp.end))
        return cls("".join(parts), mapping)

    def apply(self, edits: Iterable[Edit]) -> Mapped:
        """A new Mapped with non-overlapping, sorted edits applied."""
        parts: list[str] = []
        mapping: list[int] = []
        pos = 0
        text, old = self.text, self.map
        for start, end, repl in edits:
            if start < pos:  # overlapping edit: the earlier one wins
                continue
            parts.append(text[pos:start])
            mapping.extend(old[pos:start])
            parts.append(repl)
            mapping.extend(old[start + i] for i in _align(text[start:end], repl))
            pos = end
        if pos == 0 and not parts:
            return self
        parts.append(text[pos:])
        mapping.extend(old[pos:])
        return Mapped("".join(parts), mapping)

    def translate(self, table: dict[int, str]) -> Mapped:
        """A one-to-one character fold: the map is unchanged."""
        return Mapped(self.text.translate(table), self.map)

    def to_raw(self) -> list[int]:
        """The Document.to_raw form: one entry per character plus the raw end."""
        end = self.map[-1] + 1 if self.map else 0
        return [*self.map, end]


def _align(src: str, dst: str) -> list[int]:
    """For each character of dst, its index in src (see the module docstring)."""
    if not dst:
        return []
    if len(dst) == len(src):
        return list(range(len(src)))
    out: list[int] = []
    i = 0
    for ch in dst:  # dst is src with characters dropped: find each in order
        j = src.find(ch, i)
        if j < 0:
            break
        out.append(j)
        i = j + 1
    if len(out) == len(dst):
        return out
    last = max(len(src) - 1, 0)
    return [min(last, k * len(src) // len(dst)) for k in range(len(dst))]


def map_spans(spans: Iterable[Span], to_raw: list[int], text_len: int) -> list[Span]:
    """Raw-offset spans to spans of the text whose characters came from inside them."""
    out: list[Span] = []
    keys = to_raw[:text_len]
    for sp in spans:
        lo, hi = bisect_left(keys, sp.start), bisect_left(keys, sp.end)
        if lo < hi:
            out.append(Span(lo, hi))
    return out
