"""Dates: every calendar date mention (`date`), the 成文日期 (`signed_date`) and `published_date`.

`date` values are {"value", "precision", "text"}: `2013-10-13`/day, `2021-03`/month, `2019`/year;
a date printed without its year keeps the ISO 8601 yearless form (`--05-07`; a range's second
end `19日` after `10月13日` takes the month, `--10-19`) so
the deadline extractor can supply the year from context. Masked years (20xx, 20**) and years
inside a document number (`〔2013〕`, `京卫发2018年6号`) give no date.

signed_date cascade (first wins):
  1. the page metadata (成文日期);
  2. the signature date: a line that is only a date, under a line naming an organisation
     (or the organisation and date on one line);
  3. any other line that is only a date (a signature block whose organisation line is missing);
  4. a law's enactment line above its body: `2003年8月5日 国务院令第386号公布` before
     `（2007年6月29日…会议通过）` (the 公布 date is the one a 令 is signed on), or an approval
     line `1980年5月9日 国务院批准`;
  5. the 印发 date of the 版记 (`XX办公室 2013年9月30日印发`).
published_date: the page metadata / portal byline (see pagemeta).
Dates are READ by the one date grammar (pipeline/grammar/dates.py); this module decides
which line or mention is which date.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from extractors.base import found
from pipeline.grammar.dates import DAY, MON, MONTH_MARK, YEAR, parse_date, scan
from pipeline.structure.cover import standard_cover
from pipeline.structure.lines import SEAL, Line, body_start, doc_text_lines, is_org, outside_spans
from pipeline.types import Document, Found, Span

__all__ = ["parse_date", "date_line", "signature_dates", "printed_line", "enactments", "mentions"]

# a full date (year, month and day) ending a line, in figures or in Chinese numerals
_LINE_END_DATE = rf"({YEAR} *年 *{MON} *{MONTH_MARK} *{DAY} *[日号]) *$"
# ... right after a hanzi: `东莞市卫生和计划生育局2016年4月20日`
GLUED_DATE = re.compile(rf"(?<=[\u4e00-\u9fff]){_LINE_END_DATE}")
# ... right after the last sentence, the line break before it lost: `…请认真贯彻执行。二○○○年二月二十一日`
SENTENCE_DATE = re.compile(rf"(?<=[。！？；!?;]) *{_LINE_END_DATE}")
ENACTED = re.compile(r"(?P<verb>公布|发布|通过|批准|印发)(?:[^。；\n]{0,24}?施行)?[）)]?$")
"""`1980年5月9日 国务院批准` (NOTES-X1), and `…通过1995年11月15日公布施行`: the adoption, with its promulgation
and effect run on after it."""
ORDER_DATED = re.compile(r"^ ?[\u4e00-\u9fff、]{2,40}令 ?第 ?[\d〇一二三四五六七八九十百零]{1,5} ?号[）)]?$")
SEGMENT_PUNCT = " 　\t，,、；;"
SEGMENT_LEADS = ("根据", "自", "于", "并")
"""What leads into the next date of an enactment line (`…通过 自2001年7月1日起施行`, `…通过根据…修正`)."""
PRINTED = re.compile(r"印发$|印$")


def date_line(ln: Line) -> tuple[str, str] | None:
    """The date when the whole line is one date (spaces allowed)."""
    s = ln.text.replace(" ", "")
    parsed = parse_date(s)
    return (parsed[0], parsed[1]) if parsed and parsed[2] == len(s) else None


def signature_dates(doc: Document) -> tuple[tuple[int, Line, str, str], ...]:
    """(tier, line, value, precision) of lines that can be a signature date, in cascade order."""
    return _signature_dates(doc.text, outside_spans(doc))


@lru_cache(maxsize=8)  # issuer, doc_number and doctype ask again for the same text
def _signature_dates(text: str, outside: tuple[Span, ...] = ()) -> tuple[tuple[int, Line, str, str], ...]:
    ls = doc_text_lines(text, outside)
    out = []
    for i, ln in enumerate(ls):
        if not ln.text.endswith(("日", "月", "年")):
            continue
        got = date_line(ln)
        if got:
            j = i - 1
            while j > 0 and not SEAL.sub("", ls[j].text).strip():
                j -= 1  # a `（盖章）` line between the name and the date
            prev = SEAL.sub("", ls[j].text).split() if j >= 0 else []
            if prev and prev[-1].endswith(("：", ":")):
                continue  # a metadata value (`成文日期：` then the date on its own line)
            out.append((1 if prev and is_org(prev[-1]) else 2, ln, *got))
            continue
        # `北京市中医管理局 2020年11月30日`, or run together as a page's text often prints it
        m = re.search(r"\s(\S+)$", ln.text) or GLUED_DATE.search(ln.text)
        if m and ln.text[: m.start()].split() and is_org(ln.text[: m.start()].split()[-1]):
            tier = 1
        else:  # after the last sentence: as a bare date line, no organisation beside it
            m, tier = SENTENCE_DATE.search(ln.text), 2
        if m:
            date = Line(ln.start + m.start(1), ln.end, m.group(1))
            got = date_line(date)
            if got:
                out.append((tier, date, *got))
    return tuple(sorted(out, key=lambda t: (t[0], t[1].start)))


def printed_line(doc: Document) -> tuple[Span, Span, str] | None:
    """(printer span, date span, date value) of the 版记 line `XX办公室 2013年9月30日印发`."""
    return _printed_line(doc.text, outside_spans(doc))


@lru_cache(maxsize=8)
def _printed_line(text: str, outside: tuple[Span, ...] = ()) -> tuple[Span, Span, str] | None:
    ls = doc_text_lines(text, outside)
    for i, ln in enumerate(ls):
        if not PRINTED.search(ln.text):
            continue
        m = next((h for h in scan(ln.text) if h.year and h.month and not h.masked), None)
        if not m:
            continue
        read = (m.value,)
        org = ln.text[: m.start].strip()
        if not org and i:
            org_ln = ls[i - 1]
            org_span = Span(org_ln.start, org_ln.end)
        else:
            org_span = Span(ln.start, ln.start + len(org))
        if read and is_org(org_span.of(text)):
            return org_span, Span(ln.start + m.start, ln.start + m.end), read[0]
    return None


def enactments(doc: Document) -> tuple[tuple[str, Span, str, Line], ...]:
    """(verb, date span, date, line) of a law's 公布/通过/批准 lines above its body, in the order
    the signed date takes them: a 令's 公布 (`国务院令第386号公布`: a 行政法规 is signed when
    promulgated), then the first 通过 (the adoption; later 通过 lines adopt amendments), then the
    rest (a province's 批准, a 公告's 公布)."""
    return _enactments(doc.text, outside_spans(doc))


@lru_cache(maxsize=8)
def _enactments(text: str, outside: tuple[Span, ...] = ()) -> tuple[tuple[str, Span, str, Line], ...]:
    ls = doc_text_lines(text, outside)
    out = []
    for ln in ls[: body_start(ls)]:
        lead = len(ln.text) - len(ln.text.lstrip("（( "))
        parsed = parse_date(ln.text[lead:])
        if not parsed or parsed[1] != "day":
            continue
        # each date opens a segment that ends where the next one starts: `…会议通过 2019年9月27日
        # …批准` is two enactments, `…通过1995年11月15日公布施行` too; a segment with no verb
        # (the first of two meetings that adopt one text) adds nothing, so the last meeting dates it
        days = [h for h in scan(ln.text) if h.precision == "day" and h.year and h.value and h.start >= lead]
        for i, h in enumerate(days):
            end = days[i + 1].start if i + 1 < len(days) else len(ln.text)
            seg = ln.text[h.end:end].rstrip(SEGMENT_PUNCT)
            seg = next((seg[: -len(w)] for w in SEGMENT_LEADS if seg.endswith(w)), seg).rstrip(SEGMENT_PUNCT)
            verb = ENACTED.search(seg)
            if verb:
                out.append((verb.group("verb"), Span(ln.start + h.start, ln.start + h.end), h.value, ln))
            elif ORDER_DATED.search(seg):  # `1997年7月31日中华人民共和国国务院令第226号`: the 令 promulgates
                out.append(("公布", Span(ln.start + h.start, ln.start + h.end), h.value, ln))
    return tuple(sorted(out, key=lambda t: _enactment_rank(t[0], t[3].text)))


def _enactment_rank(verb: str, line: str) -> int:
    if verb in ("公布", "发布") and "令" in line:
        return 0
    return 1 if verb == "通过" else 2


class _Taken:
    """Spans already claimed, merged and sorted: an overlap test costs a bisection, not a pass
    over every date before it (quadratic in a long document)."""

    def __init__(self, spans) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for sp in sorted(spans, key=lambda sp: sp.start):
            if self.ends and sp.start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], sp.end)
            else:
                self.starts.append(sp.start)
                self.ends.append(sp.end)

    def overlaps(self, span: Span) -> bool:
        i = bisect.bisect_right(self.starts, span.start)
        before = i > 0 and span.start < self.ends[i - 1] and self.starts[i - 1] < span.end
        return before or (i < len(self.starts) and self.starts[i] < span.end and span.start < self.ends[i])

    def add(self, span: Span) -> None:
        """Claim `span` (the caller checked it overlaps nothing claimed)."""
        i = bisect.bisect_right(self.starts, span.start)
        self.starts.insert(i, span.start)
        self.ends.insert(i, span.end)


def mentions(doc: Document) -> list[Found]:
    """Every calendar date printed, outside document numbers (the date grammar's hits)."""
    taken = _Taken(f.span for f in doc.values("doc_number.mention"))
    out: list[Found] = []
    for h in scan(doc.text):
        span = Span(h.start, h.end)
        if h.value is None or taken.overlaps(span):
            continue
        taken.add(span)
        value = {"value": h.value, "precision": h.precision, "text": span.of(doc.text)}
        out.append(found("date", value, span, h.rule))
    return out


def signed(doc: Document) -> list[Found]:
    out = [found("signed_date", f.value, f.span, "pagemeta") for f in doc.values("page.signed_date")]
    cover = standard_cover(doc)
    if cover and cover.date:
        out.append(found("signed_date", cover.date[1], cover.date[0], "standard-cover"))
    sigs = signature_dates(doc)
    out += [found("signed_date", v, Span(ln.start, ln.end), "signature") for t, ln, v, _ in sigs if t == 1]
    out += [found("signed_date", v, span, "enacted") for _, span, v, _ in enactments(doc)]
    out += [found("signed_date", v, Span(ln.start, ln.end), "date-line") for t, ln, v, _ in sigs if t == 2]
    printed = printed_line(doc)
    if printed:
        out.append(found("signed_date", printed[2], printed[1], "printed"))
    return out


def extract(doc: Document) -> list[Found]:
    published = [found("published_date", f.value, f.span, "pagemeta") for f in doc.values("page.published_date")]
    return signed(doc) + published + mentions(doc)
