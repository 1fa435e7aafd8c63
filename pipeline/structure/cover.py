"""A standard's cover page (GB/T 1.1): its title, 发布 date and the body that issues it.

Standards (GB, GB/T, WS, WS/T, YY, DB…) print no 版头 and no signature: the cover carries
`中华人民共和国卫生行业标准`, the number (`WS 445.14—2014`), the Chinese title (a part title
on its own line: `第14部分：住院医嘱`), the English title, `2014-05-30发布  2014-10-01实施` and
`中华人民共和国国家卫生和计划生育委员会发布`. The title, dates and issuer extractors take
these as their own cascade step, ahead of rules written for notices (a cover's
`…行业标准` line ends like a 文种 and would pass for a title).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.structure.lines import Line, doc_lines, is_org, squeeze
from pipeline.types import Document, Span

COVER_LINES = 16  # the number and the title stand among a cover's first lines
KIND = re.compile(r"标准$")
NUMBER = re.compile(r"(?:GB|WS|YY|HJ|JGJ|CJJ|DB\d{0,6}|T/[A-Z]{2,10})(?:/[TZ])?\s?\d{1,6}(?:\.\d{1,3}){0,3}\s?"
                    r"[—\-－–]{1,2}\s?(?:19|20)\d\d")
"""A standard's number with its year (`WS 445.14—2014`, `GB/T 1.1-2009`)."""
ISSUED = re.compile(r"((?:19|20)\d\d)\s?[-.年]\s?(\d{1,2})\s?[-.月]\s?(\d{1,2})\s?日?\s?发\s?布")
ISSUER = re.compile(r"(?P<org>\S+?)\s?发\s?布$")
MAX_TITLE_LINES = 3
PART = re.compile(r"第\s?\d{1,3}\s?部分")


class Cover(NamedTuple):
    title: tuple[Span, str] | None
    date: tuple[Span, str] | None
    issuer: tuple[Span, str] | None


def standard_cover(doc: Document) -> Cover | None:
    """The cover of a standard, when the document opens with one."""
    ls = doc_lines(doc)[:COVER_LINES]
    at = next((i for i, ln in enumerate(ls) if NUMBER.fullmatch(squeeze(ln.text).replace(" ", ""))
               or NUMBER.fullmatch(ln.text)), None)
    if at is None or not any(KIND.search(squeeze(ln.text)) for ln in ls[:at]):
        return None
    return Cover(_title(ls, at), _date(ls, at), _issuer(ls, at))


def _title(ls: tuple[Line, ...], at: int) -> tuple[Span, str] | None:
    block: list[Line] = []
    for ln in ls[at + 1:at + 1 + MAX_TITLE_LINES]:
        if _latin(ln.text) or ISSUED.search(ln.text) or NUMBER.search(ln.text):
            break
        block.append(ln)
    if not block:
        return None
    parts = [squeeze(b.text) for b in block]
    value = "".join(p if i == 0 or not PART.match(p) else " " + p for i, p in enumerate(parts))
    return Span(block[0].start, block[-1].end), value


def _date(ls: tuple[Line, ...], at: int) -> tuple[Span, str] | None:
    for ln in ls[at:]:
        m = ISSUED.search(ln.text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return Span(ln.start + m.start(), ln.start + m.end()), f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _issuer(ls: tuple[Line, ...], at: int) -> tuple[Span, str] | None:
    for ln in ls[at:]:
        if ISSUED.search(ln.text):
            continue
        m = ISSUER.search(squeeze(ln.text).replace(" ", ""))
        if m and is_org(m.group("org")) and len(squeeze(ln.text)) == len(ln.text):
            return Span(ln.start, ln.start + len(m.group("org"))), m.group("org")
    return None


def _latin(text: str) -> bool:
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    return letters >= max(3, len(text) // 3)
