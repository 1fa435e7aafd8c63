"""Page metadata (`page.*` fields) and the line helpers the meta extractors share.

Readers render structured page data as `label：value` lines in the `pagemeta` zone: gov.cn
metadata tables (索引号/发文机关/成文日期/标题/发文字号/发布日期) and CMS meta tags
(ArticleTitle/PubDate/ContentSource/firstpublishedtime). Text dumps of portal pages carry a
byline instead (`来源:山西省卫生厅 更新:2014/3/12 字体:`). Both are read here, once; the
field extractors then take `page.*` candidates first. A value may sit on the label's line, on
the next line (a table cell rendered as its own line), or share a line with other pairs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from extractors.base import found
from pipeline.portal_date import PORTAL_DATE_LINE
from pipeline.types import Document, Found, Span

# printed label -> field; generic labels (时间, 日期) only count with a numeric date (see below)
LABELS = {
    "标题": "page.title", "ArticleTitle": "page.title",
    "发文机关": "page.issuer", "发布机关": "page.issuer", "发布机构": "page.issuer", "发布部门": "page.issuer",
    "发文字号": "page.doc_number", "文号": "page.doc_number", "发文号": "page.doc_number",
    "发布文号": "page.doc_number",
    "成文日期": "page.signed_date",
    "发布日期": "page.published_date", "发布时间": "page.published_date", "PubDate": "page.published_date",
    "firstpublishedtime": "page.published_date", "更新": "page.published_date",
    "更新时间": "page.published_date", "上传时间": "page.published_date", "发文日期": "page.published_date",
    "时间": "page.published_date", "日期": "page.published_date",
    "来源": "page.source", "信息来源": "page.source", "文章来源": "page.source", "ContentSource": "page.source",
    "收录标题": "page.title", "收录日期": "page.published_date", "收录来源": "page.source",
}
CRAWL_RECORD_LABELS = ("收录标题", "收录日期", "收录来源")
"""Lines a reader took from a crawl record beside the file (pipeline/read/sidecar.py): the
page's own printed values outrank them."""
GENERIC_DATE_LABELS = ("时间", "日期")
OTHER_LABELS = ("索引号", "主题分类", "主题词", "分类", "字体", "体裁", "效力状态", "作者", "浏览次数")
"""Metadata labels whose values no field takes (they still are labels, not 主送 lines)."""
HEAD_LINES = 40  # a text dump's byline sits among the first lines of the page

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
SENTENCE_END = ("。", "！", "？")
BODY_MIN = 60  # a line this long with sentence punctuation inside is body text, not a heading

_LABEL = re.compile(
    "(?<![\\w])(" + "|".join(sorted(("\\s*".join(map(re.escape, k)) for k in LABELS), key=len, reverse=True))
    + ")\\s*[:：]", re.I)
_NEXT_LABEL = re.compile(r"\s+[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z ]{0,7}[:：]")
_NUMERIC_DATE = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}")
BARE_DATE_LINES = 8  # a portal prints its date right under the headline
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


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


def squeeze(s: str) -> str:
    """Drop layout spaces between CJK characters (`几 个 问 题` -> `几个问题`)."""
    return _CJK_SPACE.sub("", s)


def is_org(s: str) -> bool:
    """A short name that ends like an organisation."""
    s = squeeze(s.strip())
    return 2 <= len(s) <= 40 and s.endswith(ORG_SUFFIXES) and not re.search(r"[。；，,:：、《》“”\"]", s)


def body_start(ls: Sequence[Line]) -> int:
    """Index of the first body line: an outline marker, a finished sentence or a long paragraph."""
    for i, ln in enumerate(ls):
        s = ln.text
        if _LABEL.match(s):
            continue  # metadata lines head the page, whatever their length
        if s.endswith(SENTENCE_END) or OUTLINE.match(s) or (len(s) >= BODY_MIN and re.search("[，,。；]", s)):
            return i
    return len(ls)


def is_label(text: str) -> bool:
    """A metadata label line such as `索 引 号：` (spaces dropped, colon optional)."""
    key = re.sub(r"\s+", "", text.rstrip("：:"))
    return key in LABELS or key in OTHER_LABELS


def label_key(label: str) -> str:
    key = re.sub(r"\s+", "", label)
    return next((k for k in LABELS if k.lower() == key.lower()), key)


def pairs(doc: Document) -> Iterator[tuple[str, Span]]:
    """(label, value span) for every metadata pair in the pagemeta zone and the page head."""
    zones = doc.zone("pagemeta")
    scan = [lines(doc.text, z.start, z.end) for z in zones]
    scan.append(lines(doc.text)[:HEAD_LINES])
    seen: set[int] = set()
    for group in scan:
        for i, ln in enumerate(group):
            if ln.start in seen:
                continue
            seen.add(ln.start)
            yield from _line_pairs(ln, group[i + 1] if i + 1 < len(group) else None)


def _line_pairs(ln: Line, nxt: Line | None) -> Iterator[tuple[str, Span]]:
    for m in _LABEL.finditer(ln.text):
        if m.start() and not ln.text[m.start() - 1].isspace():
            continue  # a label starts a line or follows a space (`来源:X 更新:Y`)
        rest = ln.text[m.end():]
        stop = _NEXT_LABEL.search(rest)
        value = rest[: stop.start()] if stop else rest
        lead = len(value) - len(value.lstrip())
        value = value.strip()
        if value:
            at = ln.start + m.end() + lead
            yield label_key(m.group(1)), Span(at, at + len(value))
        elif not stop and nxt is not None and not _LABEL.match(nxt.text):
            yield label_key(m.group(1)), Span(nxt.start, nxt.end)


def extract(doc: Document) -> list[Found]:
    from extractors.dates import parse_date  # dates imports this module's helpers
    from extractors.doc_number import parse_number

    out: list[Found] = []
    for label, span in pairs(doc):
        field, text = LABELS[label], span.of(doc.text)
        if field in ("page.signed_date", "page.published_date"):
            if label in GENERIC_DATE_LABELS and not _NUMERIC_DATE.match(text):
                continue  # `时间：` in a body is an event time, a byline's is numeric
            parsed = parse_date(text)
            if parsed:
                value, _precision, length = parsed
                out.append(found(field, value, Span(span.start, span.start + length), f"label:{label}"))
        elif field == "page.doc_number":
            number = parse_number(text)
            if number:
                out.append(found(field, number, span, f"label:{label}"))
        elif field == "page.source":
            value = text.split()[0]
            if not re.search(r"[\u4e00-\u9fff]", value):
                continue  # an empty byline slot (`来源: | 发布时间: …`)
            out.append(found(field, value, Span(span.start, span.start + len(value)), f"label:{label}"))
        else:
            out.append(found(field, squeeze(text), span, f"label:{label}"))
    if not any(f.field == "page.published_date" for f in out):
        out += _bare_date(doc, parse_date)
    out.sort(key=lambda f: f.rule.removeprefix("label:") in CRAWL_RECORD_LABELS)  # stable: page first
    return out


def _bare_date(doc: Document, parse_date) -> list[Found]:
    """A portal's unlabelled date line in the page head (`2018.11.02`, `2019-12-26 09:30`).

    Numeric only: a date printed 2019年12月26日 under a title is the document's own (a law's
    adoption line, a 纪要's date), while portals print their publishing time in figures."""
    for ln in lines(doc.text)[:BARE_DATE_LINES]:
        m = PORTAL_DATE_LINE.fullmatch(ln.text.strip())
        parsed = parse_date(m.group(1)) if m else None
        if parsed:
            at = ln.start + ln.text.index(m.group(1))
            return [found("page.published_date", parsed[0], Span(at, at + len(m.group(1))), "bare-date-line")]
        if ln.text.endswith(SENTENCE_END):
            break  # the body has started: a date below it is the document's own
    return []
