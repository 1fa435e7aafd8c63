"""Dates: every calendar date mention (`date`), the 成文日期 (`signed_date`) and `published_date`.

`date` values are {"value", "precision", "text"}: `2013-10-13`/day, `2021-03`/month, `2019`/year;
a date printed without its year keeps the ISO 8601 yearless form (`--05-07`, day `---19`) so
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
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from extractors.base import found
from extractors.numbers import DIGITS
from extractors.pagemeta import SEAL, Line, body_start, is_org, lines
from pipeline.types import Document, Found, Span

CN_DIGIT = "〇○零Oo0一二三四五六七八九"
YEAR_DIGITS = {**DIGITS, "0": 0}  # `二O0九年`: a zero typed as a digit
CN_MONTH = "十[一二]?|[一二三四五六七八九]"
CN_DAY = "三十一?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九]"
MONTH = "[月曰]"  # 曰 for 月 is a common typo (`2020年10曰29日`)
MONTH_ANCHOR = re.compile(MONTH)  # month-day mentions are found from their 月

# no leading look-behinds: they cost a check at every position (4x slower); `_free` does it
ARABIC_DATE = re.compile(rf"((?:19|20)\d{{2}}) *年 *(?:(\d{{1,2}}) *{MONTH} *(?:(\d{{1,2}}) *[日号])?)?")
CHINESE_DATE = re.compile(rf"([{CN_DIGIT}]{{4}}) *年 *(?:({CN_MONTH}) *月 *(?:({CN_DAY}) *日)?)?")
# a full date (year, month and day) ending a line, in figures or in Chinese numerals
_LINE_END_DATE = (rf"((?:19|20)\d{{2}} *年 *\d{{1,2}} *月 *\d{{1,2}} *日|"
                  rf"[{CN_DIGIT}]{{4}} *年 *(?:{CN_MONTH}) *月 *(?:{CN_DAY}) *日) *$")
# ... right after a hanzi: `东莞市卫生和计划生育局2016年4月20日`
GLUED_DATE = re.compile(rf"(?<=[\u4e00-\u9fff]){_LINE_END_DATE}")
# ... right after the last sentence, the line break before it lost: `…请认真贯彻执行。二○○○年二月二十一日`
SENTENCE_DATE = re.compile(rf"(?<=[。！？；!?;]) *{_LINE_END_DATE}")
NUMERIC_DATE = re.compile(r"((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])")
MONTH_DAY = re.compile(rf"(\d{{1,2}}) *{MONTH} *(\d{{1,2}}) *(?:[日号]|(?= *[-—至到～~－] *\d{{1,2}} *日))")
RANGE_DAY = re.compile(r" *[-—至到～~－] *(\d{1,2}) *日")
RANGE_YEAR = re.compile(r"((?:19|20)\d{2})(?= *[-—至到～~－] *(?:19|20)\d{2} *年)")
ENACTED = re.compile(r"(?P<verb>公布|发布|通过|批准)[）)]?$")  # `1980年5月9日 国务院批准` too (NOTES-X1)
PRINTED = re.compile(r"印发$|印$")


def _cn(s: str) -> int:
    """十二 -> 12, 二十七 -> 27, 三十一 -> 31, 七 -> 7."""
    if "十" not in s:
        return DIGITS[s]
    tens, _, ones = s.partition("十")
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)


def _iso(y: int, m: int | None, d: int | None) -> tuple[str, str] | None:
    if m is None:
        return f"{y:04d}", "year"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}", "month"
    return (f"{y:04d}-{m:02d}-{d:02d}", "day") if 1 <= d <= 31 else None


def _read(m: re.Match[str]) -> tuple[str, str] | None:
    if m.re is CHINESE_DATE:
        y = int("".join(str(YEAR_DIGITS[c]) for c in m.group(1)))
        return _iso(y, _cn(m.group(2)) if m.group(2) else None, _cn(m.group(3)) if m.group(3) else None)
    if m.re is NUMERIC_DATE:
        return _iso(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    return _iso(int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None)


def _free(text: str, at: int, before: str = "0123456789.") -> bool:
    """The number starting at `at` is not the tail of a longer one."""
    return at == 0 or text[at - 1] not in before


def _month_days(text: str):
    """Month-day mentions (`5月7日`), found from each 月 and matched from the digits before it."""
    for anchor in MONTH_ANCHOR.finditer(text):
        at = anchor.start()
        while at > 0 and text[at - 1] in "0123456789 " and anchor.start() - at < 4:
            at -= 1
        m = MONTH_DAY.match(text, at)
        if m and _free(text, m.start(), "0123456789.年"):
            yield m


def parse_date(text: str) -> tuple[str, str, int] | None:
    """(value, precision, printed length) of the date that `text` starts with."""
    for pattern in (NUMERIC_DATE, ARABIC_DATE, CHINESE_DATE):
        m = pattern.match(text)
        if m:
            read = _read(m)
            return (read[0], read[1], len(m.group().rstrip())) if read else None
    return None


def date_line(ln: Line) -> tuple[str, str] | None:
    """The date when the whole line is one date (spaces allowed)."""
    s = ln.text.replace(" ", "")
    parsed = parse_date(s)
    return (parsed[0], parsed[1]) if parsed and parsed[2] == len(s) else None


def signature_dates(doc: Document) -> tuple[tuple[int, Line, str, str], ...]:
    """(tier, line, value, precision) of lines that can be a signature date, in cascade order."""
    return _signature_dates(doc.text)


@lru_cache(maxsize=8)  # issuer, doc_number and doctype ask again for the same text
def _signature_dates(text: str) -> tuple[tuple[int, Line, str, str], ...]:
    ls = lines(text)
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
    return _printed_line(doc.text)


@lru_cache(maxsize=8)
def _printed_line(text: str) -> tuple[Span, Span, str] | None:
    ls = lines(text)
    for i, ln in enumerate(ls):
        if not PRINTED.search(ln.text):
            continue
        m = ARABIC_DATE.search(ln.text) or CHINESE_DATE.search(ln.text)
        if not m or not m.group(2):
            continue
        read = _read(m)
        org = ln.text[: m.start()].strip()
        if not org and i:
            org_ln = ls[i - 1]
            org_span = Span(org_ln.start, org_ln.end)
        else:
            org_span = Span(ln.start, ln.start + len(org))
        if read and is_org(org_span.of(text)):
            return org_span, Span(ln.start + m.start(), ln.start + m.end()), read[0]
    return None


def enactments(doc: Document) -> tuple[tuple[str, Span, str, Line], ...]:
    """(verb, date span, date, line) of a law's 公布/通过 lines above its body, 公布 first."""
    return _enactments(doc.text)


@lru_cache(maxsize=8)
def _enactments(text: str) -> tuple[tuple[str, Span, str, Line], ...]:
    ls = lines(text)
    out = []
    for ln in ls[: body_start(ls)]:
        verb = ENACTED.search(ln.text)
        m = ARABIC_DATE.match(ln.text.lstrip("（(")) or CHINESE_DATE.match(ln.text.lstrip("（("))
        read = _read(m) if m and verb else None
        if read and read[1] == "day":
            at = ln.start + len(ln.text) - len(ln.text.lstrip("（("))
            out.append((verb.group("verb"), Span(at + m.start(), at + m.end()), read[0], ln))
    return tuple(sorted(out, key=lambda t: t[0] == "通过"))


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
    """Every calendar date printed, outside document numbers."""
    taken = _Taken(f.span for f in doc.values("doc_number.mention"))
    out: list[Found] = []

    def add(span: Span, value: str, precision: str, rule: str) -> None:
        if taken.overlaps(span):
            return
        taken.add(span)
        out.append(found("date", {"value": value, "precision": precision, "text": span.of(doc.text)},
                         span, rule))

    text = doc.text
    for pattern, rule in ((NUMERIC_DATE, "numeric"), (ARABIC_DATE, "arabic"), (CHINESE_DATE, "chinese")):
        for m in pattern.finditer(text):
            read = _read(m) if pattern is CHINESE_DATE or _free(text, m.start()) else None
            if read:
                end = m.start() + len(m.group().rstrip())
                add(Span(m.start(), end), *read, rule)
                tail = RANGE_DAY.match(text, end) if read[1] == "day" else None
                if tail:
                    add(Span(tail.start(1), tail.end()), f"---{int(tail.group(1)):02d}", "day", "range-end")
    for m in RANGE_YEAR.finditer(text):
        if not _free(text, m.start()):
            continue
        add(Span(m.start(1), m.end(1)), m.group(1), "year", "range-start")
    for m in _month_days(text):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            end = m.start() + len(m.group().rstrip())
            add(Span(m.start(), end), f"--{mo:02d}-{d:02d}", "day", "month-day")
            tail = RANGE_DAY.match(text, end)
            if tail:
                add(Span(tail.start(1), tail.end()), f"---{int(tail.group(1)):02d}", "day", "range-end")
    return sorted(out, key=lambda f: f.span.start)


def signed(doc: Document) -> list[Found]:
    out = [found("signed_date", f.value, f.span, "pagemeta") for f in doc.values("page.signed_date")]
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
