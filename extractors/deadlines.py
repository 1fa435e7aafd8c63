"""Deadlines ("by" dates), periods and relative deadlines.

`deadlines` (scored, FORMAT.md): a date that resolves to one calendar day and that
something must happen by: 于5月7日前报送, 2014年11月3日前, 6月底前 (the month's last day),
2022年底前 (12-31), 截止时间为2022年3月26日. Not deadlines: 到2020年 horizons, recurring
每年3月底前, 自…起 starts, reference cut-offs 截止到/截至…, eligibility 1965年1月1日以前出生,
past-fact cut-offs 发生在1997年9月30日以前, periods, relative limits, masked years (20xx).

Dates are read by the one date grammar (pipeline/grammar/dates.py, which also reads
两千零五年八月五号 and 十二月20号); this module decides which of them are deadlines.

A missing year comes from the document's own dates, never from the clock (cascade):
 1. `signed_date` (a date before the signing rolls over to the next year);
 2. a date standing alone on a line after the deadline (the signature, when the metadata
    extractor found none), else the last one before it;
 3. `published_date`, only when the document prints a real year itself (a template that
    prints none, or prints 20xx, gives nothing: seeds NOTES-D2 doc 6 and doc 10);
 4. the nearest year printed before the date, else the first one after it.

`period` {"start","end","text"} and `relative_deadline` {"anchor","limit","text"} feed
the catalogue only (`deadline_spans`).
"""
from __future__ import annotations

import re

from extractors.base import found
from pipeline.grammar.dates import DateHit, iso_day, scan
from pipeline.types import Document, Found, Span

# Between the date and 前: a weekday and a time of day (9月23日（周一）下午4：00前, 3月15日下班前).
CLOCK = (r" ?(?:[（(](?:周|星期)[一二三四五六日天][）)])? ?(?:上午|下午|中午|晚上)? ?"
         r"(?:\d{1,2} ?[:：] ?\d{2}|\d{1,2} ?[时点](?: ?\d{1,2} ?分)?|(?:下班|上班|24时|零时))? ?")
BY_AFTER = re.compile(CLOCK + r"(?P<by>之前|以前|前)")
CUTOFF_BEFORE = re.compile(r"(?:(?:截止|截至)(?:时间|日期)(?:为|是|：|:)?|截止(?:为|于|：|:)|最迟(?:于|在)?|不晚于) ?$")
RECURRING = re.compile(r"每年|每月|每季度|每半年|每周|每个月")
NOT_A_DUTY = re.compile(r"后|出生|参加工作|取得|获得|毕业|入学|成立|退休|开业|已|的")  # 前后 is "around"
# Before the date, a verb saying when something happened: 发生在1997年9月30日以前 is a cut-off
# for past acts, not a date to act by (NOTES-X1).
PAST_FACT = re.compile(r"(?:发生|实施|作出|做出|形成|出生|成立|设立|签订|订立|取得|批准)(?:在|于)? ?$")
MASKS = ("20xx", "20x ", "201x", "xxxx年")
# Rules of the date grammar whose hits print their year with 年 (not figures, not a range's end).
YEAR_RULES = ("arabic", "chinese")


def dates(text: str) -> list[DateHit]:
    """Every date the date grammar reads that could be a deadline or a period's end."""
    return [h for h in scan(text) if h.month or h.end_of or h.masked]


def _line_date(text: str, h: DateHit) -> bool:
    """The date is a whole line by itself (a signature date)."""
    a, b = text.rfind("\n", 0, h.start) + 1, text.find("\n", h.end)
    return text[a: b if b >= 0 else len(text)].strip() == text[h.start:h.end].strip()


class YearContext:
    """Where a date without a year takes its year from (see the module docstring)."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        low = doc.text.lower()
        self.masked = any(mask in low for mask in MASKS)
        hits = scan(doc.text)
        self.printed = [(h.start, h.year) for h in hits if h.year and h.rule in YEAR_RULES]
        self.signed = self._value(doc, "signed_date")
        self.date_lines = [(h.start, h.year) for h in hits
                           if h.year and h.day and h.rule in YEAR_RULES and _line_date(doc.text, h)]
        published = self._value(doc, "published_date")
        self.published = published if self.printed else None

    @staticmethod
    def _value(doc: Document, field: str) -> str | None:
        for f in doc.found:
            if f.field == field and isinstance(f.value, str) and re.match(r"\d{4}", f.value):
                return f.value
        return None

    @staticmethod
    def _roll(base: str, month: int, day: int | None) -> int:
        """The base date's year, or the next one when the date would fall before it."""
        y = int(base[:4])
        iso = iso_day(y, month, day)
        return y + 1 if iso and len(base) >= 10 and iso < base[:10] else y

    def year_for(self, at: int, month: int, day: int | None) -> int | None:
        if self.masked:
            return None
        if self.signed:
            return self._roll(self.signed, month, day)
        lines_after = [y for pos, y in self.date_lines if pos > at and y]
        lines_before = [y for pos, y in self.date_lines if pos < at and y]
        if lines_after or lines_before:
            return (lines_after or lines_before[-1:])[0]
        if self.published:
            return self._roll(self.published, month, day)
        before = [y for pos, y in self.printed if pos < at and y]
        after = [y for pos, y in self.printed if pos > at and y]
        return before[-1] if before else (after[0] if after else None)


def _resolve(h: DateHit, ctx: YearContext, at: int) -> str | None:
    if h.masked:
        return None
    if h.end_of == "year":
        y = h.year or ctx.year_for(at, 12, None)
        return iso_day(y, 12, 31) if y else None
    if h.month is None or (h.day is None and h.end_of != "month"):
        return None  # 2019年3月前: no one calendar day
    y = h.year or ctx.year_for(at, h.month, h.day)
    return iso_day(y, h.month, h.day) if y else None


def sentence_before(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in "。；;\n")
    return text[start + 1: at]


def _deadlines(doc: Document, ctx: YearContext, found_dates: list[DateHit]) -> list[Found]:
    text, out = doc.text, []
    for m in found_dates:
        if m.rule == "range-end":
            continue  # 5月24-26日前: the end of a printed period, not a date to act by
        by = BY_AFTER.match(text, m.end)
        cut = CUTOFF_BEFORE.search(text, max(0, m.start - 12), m.start)
        if not by and not (cut and (m.year or m.month or m.masked)):
            continue
        if RECURRING.search(sentence_before(text, m.start)):
            continue
        if by and not cut and NOT_A_DUTY.match(text, by.end()):
            continue  # 1965年1月1日以前出生 is eligibility, not a duty
        if by and not cut and PAST_FACT.search(text, max(0, m.start - 6), m.start):
            continue
        value = _resolve(m, ctx, m.start)
        if value:
            end = by.end() if by else m.end
            out.append(found("deadlines", value, Span(m.start, end), "by" if by else "cutoff"))
    return out


def extract(doc: Document) -> list[Found]:
    from extractors.deadline_spans import periods, relative  # they build on this module

    ctx = YearContext(doc)
    found_dates = dates(doc.text)
    return _deadlines(doc, ctx, found_dates) + periods(doc, ctx, found_dates) + relative(doc)
