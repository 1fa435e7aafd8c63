"""Lines and the small shape tests every structure rule and meta extractor shares.

Below the extractors on purpose: the structure stage finds a document's zones with them, and
the field extractors (title, 主送, signature, 版头) read the same lines, so none of them has
to import another field extractor for its line helpers.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from pipeline.structure.labels import LABEL
from pipeline.types import Document, Span

ORG_SUFFIXES = ("委员会", "办公厅", "办公室", "政府", "中心", "协会", "学会", "公司", "集团", "医院", "军区",
                "局", "委", "厅", "院", "府", "部", "室", "会", "办", "处", "所", "站", "司", "署", "社", "组",
                "队", "校", "馆", "团", "科", "行")
"""Endings of organisation names (signature blocks, 发文机关标志, the title's X关于)."""

SEAL = re.compile(r"[（(]?\s*(?:盖章|印章|公章)\s*[）)]?")
"""A seal mark printed beside or under a signature (`北京市中医管理局（盖章）`)."""
OUTLINE = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[条章]"
                     r"|(?!(?:19|20)\d\d[.．]\d{1,2}[.．]\d)\d+[.．、]")
"""A heading or item marker that starts a line of the body (一、 （一） 第一条 1.); not a date
printed with dots (`2018.11.02`, a portal's date above the headline)."""
ISSUER_MARK = re.compile(r"文件$")
"""The 发文机关标志's ending (`山西省卫生厅文件`): the issuer's name over the red line."""
SENTENCE_END = ("。", "！", "？")
BODY_MIN = 60  # a line this long with sentence punctuation inside is body text, not a heading
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")
_ORG_PUNCT = re.compile(r"[。；，,:：、《》“”\"]")
_BODY_PUNCT = re.compile("[，,。；]")


class Line(NamedTuple):
    start: int
    end: int
    text: str


def lines(text: str, start: int = 0, end: int | None = None) -> tuple[Line, ...]:
    """Non-blank lines of text[start:end], stripped, with their offsets."""
    return _lines(text, start, len(text) if end is None else end)


@lru_cache(maxsize=32)  # every meta extractor walks the same lines of the same text
def _lines(text: str, start: int, end: int) -> tuple[Line, ...]:
    return tuple(iter_lines(text, start, end))


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """`lines`, one at a time: for a reader that stops after a few (a list from every label to
    the end of a long text made the contacts extractor quadratic)."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        raw = text[pos:stop]
        s = raw.strip()
        if s:
            lead = len(raw) - len(raw.lstrip())
            yield Line(pos + lead, pos + lead + len(s), s)
        pos = stop + 1


OUTSIDE = ("furniture", "tail")
"""Zones the structure stage marks as the page's, not the document's."""


def doc_lines(doc: Document) -> tuple[Line, ...]:
    """The document's own lines: every line outside the page furniture and the tail."""
    return _doc_lines(doc.text, outside_spans(doc))


def doc_text_lines(text: str, outside: tuple[Span, ...]) -> tuple[Line, ...]:
    """`doc_lines` for a text and its outside spans (for caches keyed on plain values)."""
    return _doc_lines(text, outside)


def outside_spans(doc: Document) -> tuple[Span, ...]:
    """The furniture and tail spans of a document, in order (hashable, for caches)."""
    return tuple(sorted((s for name in OUTSIDE for s in doc.zone(name)), key=lambda s: s.start))


@lru_cache(maxsize=32)
def _doc_lines(text: str, outside: tuple[Span, ...]) -> tuple[Line, ...]:
    every = lines(text)
    if not outside:
        return every
    out = []
    for ln in every:
        if any(s.start <= ln.start < s.end for s in outside):
            continue
        cut = min((s.start for s in outside if ln.start < s.start < ln.end), default=None)
        if cut is not None:  # a tail glued to the end of a line: keep the line up to it
            text_part = ln.text[: cut - ln.start].rstrip()
            if not text_part:
                continue
            ln = Line(ln.start, ln.start + len(text_part), text_part)
        out.append(ln)
    return tuple(out)


def squeeze(s: str) -> str:
    """Drop layout spaces between CJK characters (`几 个 问 题` -> `几个问题`)."""
    return _CJK_SPACE.sub("", s)


def is_org(s: str) -> bool:
    """A short name that ends like an organisation."""
    s = squeeze(s.strip())
    return 2 <= len(s) <= 40 and s.endswith(ORG_SUFFIXES) and not _ORG_PUNCT.search(s)


def body_start(ls: Sequence[Line]) -> int:
    """Index of the first body line: an outline marker, a finished sentence or a long paragraph."""
    for i, ln in enumerate(ls):
        s = ln.text
        if LABEL.match(s):
            continue  # metadata lines head the page, whatever their length
        if s.endswith(SENTENCE_END) or OUTLINE.match(s) or (len(s) >= BODY_MIN and _BODY_PUNCT.search(s)):
            return i
    return len(ls)
