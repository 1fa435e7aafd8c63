"""Records of a multi-document dump: where each document of a file holding several begins and ends.

A text export of a database or a crawl often puts several notices in one file, separated by
record markers. A record starts at a marker line (`【标题】…`, `标题：…`, `#3`, `第3条记录`)
or after a rule line (`=====`, `-----`, `*****`); without markers, each original line of a
CSV-like dump (a raw line break, not one re-segmentation inserted) can be a whole notice.
The records count only when at least MIN_RECORDS of them hold MIN_RECORD characters and
open like a document (a 文种 title, a `标题` field, a 发文字号 within HEAD_LINES lines), so a
notice with a rule line before its 版记, or a table of contents, is not split.
"""
from __future__ import annotations

import re

from pipeline.types import Document

MIN_RECORDS = 2
MIN_RECORD = 200
MIN_ROW = 300
ROW_SHARE = 0.8
HEAD_LINES = 3
HEAD_CHARS = 120
RULE = re.compile(r"^[ \t]*(?:={3,}|-{3,}|\*{3,}|_{3,}|#{3,}|~{3,})[ \t]*$", re.M)
RECORD_HEAD = re.compile(r"^[ \t]*(?:【标题】|\[标题\]|标题[：:]|#\d{1,6}(?=[ \t]|$)|第\s?\d{1,6}\s?条记录|记录\s?\d{1,6}[：:]?)",
                         re.M)
DOC_KINDS = (r"(?:通知|意见|办法|方案|决定|批复|复函|函|通报|公告|通告|规定|细则|规划|计划|要点|决议|报告|请示|纪要|"
             r"指南|指导原则|条例|规则|答复)")
OPENS_LIKE_A_DOCUMENT = re.compile(
    rf"^[ \t]*(?:【标题】|\[标题\]|标题[：:])"
    rf"|^[^\n，。；]{{2,80}}?{DOC_KINDS}[)）》\"”]?[ \t]*(?:$|[,\t])"
    rf"|〔(?:19|20)\d\d〕\d{{1,4}}号", re.M)
ROW_PREFIX = re.compile(r"^[ \t]*(?:\d{1,6}[,\t]|\")", re.M)


def record_sections(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of each record of a multi-document dump, or [] for a single document."""
    text = doc.text
    starts = [m.start() for m in RECORD_HEAD.finditer(text)]
    if len(starts) >= MIN_RECORDS:
        got = _records(text, [(a, _next(starts, a, len(text))) for a in starts])
        if got:
            return got
    rules = list(RULE.finditer(text))
    if rules:
        edges = [0, *(m.end() for m in rules)]
        ends = [*(m.start() for m in rules), len(text)]
        got = _records(text, list(zip(edges, ends)))
        if got:
            return got
    return _rows(doc)


def _next(starts: list[int], a: int, end: int) -> int:
    return next((s for s in starts if s > a), end)


def _records(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (trimmed of blank lines) that are substantial documents, if there are enough."""
    out = []
    for a, b in spans:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        a, b = a + lead, a + len(chunk.rstrip())
        if b - a >= MIN_RECORD and _opens_like_a_document(text[a:b]):
            out.append((a, b))
    return out if len(out) >= MIN_RECORDS else []


def _opens_like_a_document(record: str) -> bool:
    head = "\n".join(record.split("\n", HEAD_LINES)[:HEAD_LINES])
    return OPENS_LIKE_A_DOCUMENT.search(head[:HEAD_CHARS * HEAD_LINES]) is not None


def _rows(doc: Document) -> list[tuple[int, int]]:
    """Original lines of a CSV-like dump, each a whole notice (re-segmentation may have cut them since)."""
    text, raw, to_raw = doc.text, doc.raw_text, doc.to_raw
    breaks, i = [], text.find("\n")
    while i >= 0:
        if raw.startswith(("\n", "\r"), to_raw[i]):  # a break of the raw text, not an inserted one
            breaks.append(i)
        i = text.find("\n", i + 1)
    if len(breaks) < MIN_RECORDS - 1:
        return []
    edges = [0, *(i + 1 for i in breaks)]
    ends = [*breaks, len(text)]
    rows = [(a, b) for a, b in zip(edges, ends) if b - a >= MIN_ROW]
    if len(rows) < MIN_RECORDS or sum(b - a for a, b in rows) < ROW_SHARE * len(text.strip()):
        return []
    if not all(ROW_PREFIX.match(text, a) and _opens_like_a_document(text[a:b]) for a, b in rows):
        return []
    return rows
