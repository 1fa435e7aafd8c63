"""The structure stage: where the document is on its page (between split and extract).

A page prints more than the document: furniture above it (a metadata table, bylines, a
timestamp, tools, a breadcrumb, a portal's lead-in sentence) and a tail below it (related
articles, previous/next links, comments, a word count, the site footer). This stage finds both,
once, as zones with offsets, so that every field extractor reads the document's own lines
(`pipeline.structure.lines.doc_lines`) wherever the document starts on the page, and values
found outside it are not chosen (`pipeline.record.chosen`):
- `furniture`: the lines above the document's first line, and bylines or tool lines between
  its title and its body;
- `tail`: from the first line after the document's end that starts related material (or such a
  marker glued to the end of the last sentence) to the end of the text;
- `document`: one span from the document's first line to where the tail starts.
The page-metadata extractor still reads furniture and tail for `page.*` values (a byline's
date, a footer's 发布日期): they describe the page.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pipeline.structure.doctypes import doc_type_of
from pipeline.structure.furniture import is_head_furniture, is_lead_in, tail_inside, tail_marker
from pipeline.structure.labels import GENERIC_DATE_LABELS, LABEL
from pipeline.structure.lines import ISSUER_MARK, OUTLINE, Line, body_start, lines, squeeze
from pipeline.types import Document, Span

__all__ = ["structure", "zones_of"]

HEAD_WINDOW = 30  # lines from the top where furniture may stand before the document
NEWS_LEAD = ("近日", "日前", "近期", "据悉", "记者", "本报讯", "本网讯", "本站讯")
"""How a portal's own sentence about the document below it opens."""
END_ANCHOR = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|[〇○零一二三四五六七八九]{4}年[^\n]{1,6}日$"
                        r"|^特此|^抄\s*[送报]|印发$|印发）$")
"""Lines that can end a document: a signature date, 特此通知, the 版记 (抄送, 印发)."""
HEAD_REACH = 3  # lines below a lead-in sentence where the document's head must stand
MAX_HEAD_LINE = 60
NUMBER_LINE = re.compile(r"[^\n]{0,20}[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号")
"""A document number on its own line (`国办发〔2018〕118号`)."""
TAIL_REACH = 0.5  # a strong tail marker counts in the document's second half only


def structure(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        yield with_zones(doc)


def with_zones(doc: Document) -> Document:
    """The document with its furniture, tail and document zones marked (no other zone changes)."""
    if not doc.text.strip():
        return doc
    zones = {k: v for k, v in doc.zones.items() if k not in ("furniture", "tail", "document")}
    zones.update(zones_of(doc.text, doc.zone("pagemeta")))
    doc.zones = zones
    return doc


def zones_of(text: str, pagemeta: list[Span] | tuple[Span, ...] = ()) -> dict[str, list[Span]]:
    """`furniture`, `tail` and `document` spans of a normalized text."""
    ls = lines(text)
    start = _document_start(ls, pagemeta)
    tail_at = _tail_start(text, ls, start)
    furniture = [Span(ln.start, ln.end) for ln in ls[:start]]
    furniture += _inner_furniture(ls, start, tail_at)
    out: dict[str, list[Span]] = {}
    if furniture:
        out["furniture"] = furniture
    if tail_at < len(text):
        out["tail"] = [Span(tail_at, len(text))]
    first = ls[start].start if start < len(ls) else len(text)
    if first < tail_at:
        out["document"] = [Span(first, tail_at)]
    return out


def _in(spans, ln: Line) -> bool:
    return any(s.start <= ln.start < s.end for s in spans)


def _document_start(ls: tuple[Line, ...], pagemeta) -> int:
    """Index of the document's first line: the first line that is not page furniture."""
    window = min(len(ls), HEAD_WINDOW)
    i = 0
    while i < window:
        s = ls[i].text
        if _in(pagemeta, ls[i]) or is_head_furniture(s):
            i += 1
            continue
        if (is_lead_in(s) or s.startswith(NEWS_LEAD)) and _head_follows(ls, i + 1):
            i += 1  # a portal's sentence about the document printed below it
            continue
        break
    return i if i < len(ls) else len(ls)


def _head_follows(ls: tuple[Line, ...], i: int) -> bool:
    """A document's head right below line i: its 发文机关标志, its number, or a title line."""
    for ln in ls[i:i + HEAD_REACH]:
        s = squeeze(ln.text)
        if is_head_furniture(s):
            continue
        if len(s) > MAX_HEAD_LINE or re.search("[，。；：:]", s) or OUTLINE.match(s):
            return False
        return bool(ISSUER_MARK.search(s) or NUMBER_LINE.fullmatch(s) or doc_type_of(s) or s.startswith("关于")
                    or "关于" in s[:20])
    return False


def _inner_furniture(ls: tuple[Line, ...], start: int, tail_at: int) -> list[Span]:
    """Bylines and tool lines between the document's title and its body (`来源：… 浏览次数：…`)."""
    head = ls[start:min(len(ls), start + HEAD_WINDOW)]
    stop = body_start(head)
    out = []
    for ln in head[:stop]:
        if ln.start >= tail_at:
            break
        m = LABEL.match(ln.text)
        generic = m is not None and re.sub(r"\s+", "", m.group(1)) in GENERIC_DATE_LABELS
        if is_head_furniture(ln.text) and not generic and not OUTLINE.match(ln.text) and not _bare_date(ln.text):
            out.append(Span(ln.start, ln.end))
    return out


def _bare_date(s: str) -> bool:
    """A date line alone: under a title it may be the document's own date, so it stays."""
    return bool(re.fullmatch(r"[（(]?[\d\s年月日.\-/]+[）)]?", s)) and "年" in s


def _tail_start(text: str, ls: tuple[Line, ...], start: int) -> int:
    """Offset where the tail starts, or len(text)."""
    if start >= len(ls):
        return len(text)
    body = ls[start:]
    last_anchor = max((i for i, ln in enumerate(body) if END_ANCHOR.search(ln.text)), default=-1)
    half = len(body) * TAIL_REACH
    for i, ln in enumerate(body):
        if i <= 0:
            continue
        after_end = last_anchor >= 0 and i > last_anchor
        if (after_end and tail_marker(ln.text)) or (i >= half and tail_marker(ln.text, strong_only=True)):
            return ln.start
    for ln in body[-3:]:  # a CSV dump glues the portal's related links to the last sentence
        at = tail_inside(ln.text)
        if at > 0:
            return ln.start + at
    return len(text)
