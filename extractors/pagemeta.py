"""Page metadata (`page.*` fields): metadata tables, CMS meta tags, portal bylines, crawl records.

Readers render structured page data as `label：value` lines in the `pagemeta` zone: gov.cn
metadata tables (索引号/发文机关/成文日期/标题/发文字号/发布日期) and CMS meta tags
(ArticleTitle/PubDate/ContentSource/firstpublishedtime). Text dumps of portal pages carry a
byline instead (`来源:山西省卫生厅 更新:2014/3/12 字体:`). Both are read here, once; the
field extractors then take `page.*` candidates first. A value may sit on the label's line, on
the next line (a table cell rendered as its own line), or share a line with other pairs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.base import found
from pipeline.grammar.dates import NUMERIC_DATE, parse_date
from pipeline.portal_date import PORTAL_DATE_LINE
from pipeline.structure.labels import FALLBACK_LABELS, GENERIC_DATE_LABELS, LABEL, LABELS, label_key
from pipeline.structure.lines import SENTENCE_END, Line, lines, squeeze
from pipeline.types import Document, Found, Span

HEAD_LINES = 40  # a text dump's byline sits among the first lines of the page
_LABEL = LABEL
_NEXT_LABEL = re.compile(r"\s+[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z ]{0,7}[:：]")
_CN_FULL_DATE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
BARE_DATE_LINES = 8  # a portal prints its date right under the headline


def pairs(doc: Document) -> Iterator[tuple[str, Span]]:
    """(label, value span) for every metadata pair in the pagemeta zone, the page's furniture
    and tail (a byline above the document, a footer's date) and the page head."""
    zones = sorted(doc.zone("pagemeta") + doc.zone("furniture") + doc.zone("tail"), key=lambda z: z.start)
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
    from extractors.doc_number import parse_number

    out: list[Found] = []
    for label, span in pairs(doc):
        field, text = LABELS[label], span.of(doc.text)
        if field in ("page.signed_date", "page.published_date"):
            if label in GENERIC_DATE_LABELS and not NUMERIC_DATE.match(text) and not (
                    _outside_document(doc, span) and _CN_FULL_DATE.fullmatch(text.strip())):
                continue  # `时间：` in a body is an event time; a byline's is numeric or stands above the document
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
        out += _bare_date(doc)
    out.sort(key=lambda f: f.rule.removeprefix("label:") in FALLBACK_LABELS)  # stable: page first
    return out


def _outside_document(doc: Document, span: Span) -> bool:
    return any(z.start <= span.start < z.end for name in ("pagemeta", "furniture", "tail") for z in doc.zone(name))


def _bare_date(doc: Document) -> list[Found]:
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
