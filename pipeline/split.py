"""The split stage: a page into the documents it carries (one, several, or none).

Contract decisions:
- A page that reposts several documents under numbered headings with one shared stem
  (seed 003: 醫療服務能力提升方案1 ... 11) yields one child per heading. A child is one
  contiguous slice of the page's normalized text, from its heading to the next heading
  (the last to the end of the text; chrome such as the related-articles list is already
  gone), headed by a copy of the page's `pagemeta` lines that precede it (the 時間
  byline, a metadata table), so page-level values such as seed 003's published date
  reach every child with evidence. Its `to_raw` is the header's raw offsets followed by
  the page's to_raw[a:b+1] (still non-decreasing), `raw_text` stays the whole page's,
  zones are clipped and shifted, `ordinal` counts 0, 1, 2 ... The rest of the text
  before the first heading (the page title, the portal's intro) belongs to no child.
- A dump of several documents (records.py's markers: `=====`/`-----` rule lines, `【标题】`,
  `#1`, `第N条记录`, a repeated `标题：` record header, or CSV-like rows that each hold a
  whole notice) yields one child per record, by the same `child` slicing, when at least
  MIN_RECORDS records of at least MIN_RECORD characters each open like a document. A
  single notice with a rule line, or a table of contents, stays one document.
- A cover notice plus the plan it issues stays ONE document: only repeated numbered
  headings of one stem split a page, never 附件 or outline headings.
- A page that holds no official document yields nothing: a 政策解读 article (bjzyj_16/17),
  a listing or index page, and a news report (an HTML page, or any page with a news dateline
  or byline) with none of the marks of an official document (文号, 主送 line, signature date,
  articles, outline headings, a 通知/意见/... heading). `split(docs, on_drop=...)` reports each such page with its reason, so the
  caller can record it. A page with no text at all is passed through unchanged when it
  carries problems (E_NEEDS_OCR, ...) so that they reach the catalogue.
- Page-level problems go to the first child only (one row per problem, not per child).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from pipeline.grammar.numerals import cn_int
from pipeline.records import record_sections
from pipeline.types import Document, Span

CN_DIGITS = "一二三四五六七八九十"
HEADING = re.compile(rf"^(?P<stem>[^\n]{{4,40}}?)(?:[(（]?(?P<n>\d{{1,2}})[)）]?|(?P<cn>[{CN_DIGITS}]{{1,3}}))$", re.M)
# numbered attachment headings (附件2-1, 附件2-2) belong to the notice that issues them, and a
# stem ending in a digit or a separator is a number cut in two (发布日期：2019-05-0|1), not a heading
NOT_A_STEM = re.compile(r"^(?:附\s*件|附\s*表|附\s*录)|[\d\-./:：]$|[表图] ?$")  # `WS 364.12—2011 表1`: a caption
MIN_SECTION = 100  # characters a repeated-heading section must hold to count as a document
INTERPRETATION = re.compile(r"^政策文件[:：]|解读如下|(?:政策|文件|图文|专家|权威|新闻)解读|答记者问|^[^\n]{0,60}解读$"
                            r"|^[【\[]图解[】\]]|^图解[:：]|一图读懂|一图看懂", re.M)  # infographics retell, they issue nothing
HEAD_CHARS = 400
DOC_MARKS = (
    re.compile(r"[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d+\s*号"),  # 文号
    re.compile(r"^各[^\n]{1,60}[:：]\s*$", re.M),  # 主送
    re.compile(r"^\s*(?:(?:19|20)\d\d|[一二三四五六七八九〇○零]{4})\s*年[^\n]{1,4}月(?:[^\n]{1,4}日)?\s*$", re.M),
    re.compile(r"^\s*第[一二三四五六七八九十百\d]+条", re.M),
    re.compile(rf"^\s*[{CN_DIGITS}]+、", re.M),
    re.compile(r"^\s*附\s*件\s*\d*\s*[:：]", re.M),
    re.compile(r"^[^\n]{2,60}(?:通知|意见|办法|方案|规定|决定|条例|公告|通告|批复|复函|函|细则|规划|计划|要点|指南|"
               r"指导原则|标准|规范|决议|报告|请示|纪要|通报|答复|法|规则|章程)[)）》]?\s*$", re.M),
)
# a news report's dateline or byline (本报北京10月13日电, 新华社…电, （记者白剑峰）): in a text or
# Word file too, such a page without any mark of an official document is a report about one
NEWS_BYLINE = re.compile(r"本报[^\n，,。]{0,12}(?:讯|电)|新华社[^\n，,。]{0,12}电|[（(]\s*记者[^）)\n]{1,20}[）)]")
OWN_NUMBER = re.compile(r"^[^\n。，；]{0,30}[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d+\s*号[)）]?\s*$", re.M)
"""A document number printed on its own line (the document's own), not cited inside a sentence."""
NEWS_OPENING = re.compile(r"(?:近日|日前|近期|昨天|昨日|今天|今年以来|据悉|据了解|记者从|\d{1,2}月\d{1,2}日[，,上下午晚])")
"""How a news report's first paragraph opens (a dateline or a reporter's lead)."""
NEWS_LINES = 3  # the report's lead is among the first lines under its headline
STRONG_MARKS = (OWN_NUMBER, *DOC_MARKS[1:])
"""On a page that reads as news, a number cited in a sentence does not make it a document."""
LISTING_MIN_LINES = 20
LISTING_SHARE = 0.6
LISTING_ROW = re.compile(r"^\s*\|.*\|?\s*$|^\s*[-*]\s*\[.*\]\(.*\)\s*$")


@dataclass(slots=True)
class PageSplit:
    docs: list[Document] = field(default_factory=list)
    reason: str = ""  # why a page yields no document


def split(docs: Iterable[Document],
          on_drop: Callable[[Document, str], None] | None = None) -> Iterator[Document]:
    """The documents each page carries; `on_drop(page, reason)` hears of pages that carry none."""
    for doc in docs:
        result = split_page(doc)
        if not result.docs and on_drop is not None:
            on_drop(doc, result.reason)
        yield from result.docs


def split_page(doc: Document) -> PageSplit:
    text = doc.text
    if not text.strip():
        return PageSplit([doc] if doc.problems else [], "" if doc.problems else "the page has no text")
    reason = not_a_document(doc)
    if reason:
        return PageSplit([], reason)
    records = record_sections(doc)
    if records:  # a dump: only the page's header before the first record is shared
        return PageSplit([child(doc, a, b, i, head_end=records[0][0]) for i, (a, b) in enumerate(records)])
    bounds = repeated_sections(text)
    if len(bounds) < 2:
        return PageSplit([doc])
    return PageSplit([child(doc, a, b, i) for i, (a, b) in enumerate(bounds)])


def not_a_document(doc: Document) -> str:
    """Why a page holds no official document, or ""."""
    body = _without_pagemeta(doc)
    if _interpretation(body) or INTERPRETATION.search(_page_title(doc)):
        return "a policy interpretation (解读) article, not the document it explains"
    lines = [line for line in body.splitlines() if line.strip()]
    rows = sum(1 for line in lines if LISTING_ROW.match(line))
    if len(lines) >= LISTING_MIN_LINES and rows >= LISTING_SHARE * len(lines):
        return "a listing or index page"
    news = NEWS_BYLINE.search(body[:HEAD_CHARS]) is not None or any(
        NEWS_OPENING.match(line.strip()) for line in lines[:NEWS_LINES])
    if (doc.source.format == "html" or news) and not any(p.search(body) for p in (STRONG_MARKS if news else DOC_MARKS)):
        return "a news report or portal page without the marks of an official document"
    return ""


HEAD_MARKS = DOC_MARKS[:2]  # a 文号 and a 主送: the head of a notice, which no 解读 article prints


def _interpretation(body: str) -> bool:
    """A 解读 heading or label in the page head, with no 文号 heading or 主送 above it: a notice whose
    page links its interpretation after the signature (`…2021年9月22日\n政策解读：《…规划》`) is a notice."""
    for line in _head_lines(body):
        if INTERPRETATION.search(line):
            above = body[: body.find(line)]
            return not any(p.search(above) for p in HEAD_MARKS)
    return False


MAX_HEAD_LINE = 80  # a heading or a label line; a sentence that mentions 政策解读 is not one


def _head_lines(body: str) -> list[str]:
    """The short lines of the page head (headings, labels), not its sentences."""
    head = body[:HEAD_CHARS].splitlines()
    return [ln for ln in head if len(ln.strip()) <= MAX_HEAD_LINE and not ln.rstrip().endswith(("。", "；"))]


def _without_pagemeta(doc: Document) -> str:
    zones = doc.zone("pagemeta")
    if zones and zones[0].start == 0:
        return doc.text[zones[0].end:]
    return doc.text


def _page_title(doc: Document) -> str:
    head = "\n".join(z.of(doc.text) for z in doc.zone("pagemeta"))
    m = re.search(r"^(?:标题|ArticleTitle|收录标题|网页标题)[:：](.*)$", head, re.M)
    return m.group(1) if m else ""


def repeated_sections(text: str) -> list[tuple[int, int]]:
    """(start, end) of each section under numbered headings 1..k that share one stem."""
    by_stem: dict[str, list[tuple[int, int]]] = {}
    for m in HEADING.finditer(text):
        n = int(m.group("n")) if m.group("n") else _cn_number(m.group("cn"))
        if n and not NOT_A_STEM.search(m.group("stem")):
            by_stem.setdefault(m.group("stem").strip(), []).append((n, m.start()))
    best: list[int] = []
    for heads in by_stem.values():
        run = _numbered_run(heads)
        if len(run) > len(best):
            best = run
    if len(best) < 2:
        return []
    ends = [*best[1:], len(text)]
    bounds = [(a, a + len(text[a:b].rstrip())) for a, b in zip(best, ends)]
    return bounds if all(b - a >= MIN_SECTION for a, b in bounds[:-1]) else []


def _numbered_run(heads: list[tuple[int, int]]) -> list[int]:
    """Offsets of headings numbered 1, 2, 3 ... in text order (the first such run)."""
    run, want = [], 1
    for n, at in heads:
        if n == want:
            run.append(at)
            want += 1
    return run


def _cn_number(s: str | None) -> int:
    """A heading's Chinese number (十二 -> 12); 0 for none or a run of digits (一二)."""
    if not s or (len(s) > 1 and "十" not in s):
        return 0
    return cn_int(s) or 0
    values = {c: i + 1 for i, c in enumerate(CN_DIGITS)}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + values.get(s[1:], 0) if len(s) == 2 else 0
    if len(s) == 1:
        return values.get(s, 0)
    if len(s) == 2 and s[1] == "十":
        return values.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return values.get(s[0], 0) * 10 + values.get(s[2], 0)
    return 0


def child(page: Document, a: int, b: int, ordinal: int, head_end: int | None = None) -> Document:
    """The slice page.text[a:b] as its own document, headed by the page's metadata lines.

    Page-level data printed before the first child (a 時間/更新 byline, a metadata table)
    belongs to every child, so each child's text starts with a copy of the page's
    `pagemeta` lines that precede it, as its own `pagemeta` zone. The offset map stays
    exact and non-decreasing: those lines come before the slice in the raw text too. With
    `head_end`, only metadata lines before it are copied (a dump's records do not share theirs).
    """
    head_at = a if head_end is None else min(a, head_end)
    head, head_map = _page_header(page, head_at)
    shift = len(head)
    zones: dict[str, list[Span]] = {"pagemeta": [Span(0, shift)]} if shift else {}
    for name, spans in page.zones.items():
        clipped = [Span(max(s.start, a) - a + shift, min(s.end, b) - a + shift)
                   for s in spans if s.start < b and s.end > a]
        if clipped:
            zones.setdefault(name, []).extend(clipped)
    same = len(page.original_text) == len(page.text)
    original = page.original_text if same else page.text
    original_head = "".join(original[z.start:z.end] + "\n" for z in _header_zones(page, head_at)) if same else head
    return replace(page, text=head + page.text[a:b], to_raw=head_map + page.to_raw[a:b + 1], ordinal=ordinal,
                   zones=zones, original_text=original_head + original[a:b], found=[],
                   problems=list(page.problems) if ordinal == 0 else [])


def _header_zones(page: Document, a: int) -> list[Span]:
    return [z for z in sorted(page.zone("pagemeta"), key=lambda z: z.start) if z.end <= a and z.end > z.start]


def _page_header(page: Document, a: int) -> tuple[str, list[int]]:
    """The page's metadata lines before offset `a`, each ending in a newline, with their raw offsets."""
    text, mapping = [], []
    for z in _header_zones(page, a):
        text.append(page.text[z.start:z.end] + "\n")
        mapping.extend(page.to_raw[z.start:z.end])
        mapping.append(page.to_raw[z.end - 1])
    return "".join(text), mapping
