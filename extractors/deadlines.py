"""Deadlines ("by" dates), periods and relative deadlines.

`deadlines` (scored, FORMAT.md): a date that resolves to one calendar day and that
something must happen by: 于5月7日前报送, 2014年11月3日前, 6月底前 (the month's last day),
2022年底前 (12-31), 截止时间为2022年3月26日. Not deadlines: 到2020年 horizons, recurring
每年3月底前, 自…起 starts, reference cut-offs 截止到/截至…, eligibility 1965年1月1日以前出生,
past-fact cut-offs 发生在1997年9月30日以前, periods, relative limits, masked years (20xx).

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

import calendar
import re

from extractors.base import found
from pipeline.grammar.numerals import cn_digits, cn_int
from pipeline.types import Document, Found, Span

CN = "[一二三四五六七八九十]{1,3}"
CN_YEAR = "[〇零一二三四五六七八九○]{4}"
YEAR = rf"(?:\d{{4}}|20[xX]{{2}}|{CN_YEAR})"
MON = rf"(?:\d{{1,2}}|{CN})"
DAY = rf"(?:\d{{1,2}}|{CN})"
# One date: Y年M月D日, Y年M月底, M月D日, M月底, Y年底 (曰 for 月 is a common typo: bjzyj_02).
DATE = (rf"(?:(?P<y>{YEAR}) ?年 ?)?(?:(?P<m>{MON}) ?[月曰] ?(?:(?P<d>{DAY}) ?[日号]|(?P<eom>底|末))"
        rf"|(?<=年)(?P<eoy>底|末))")
DATE_RE = re.compile(DATE)
# Dates are found from their literal 月/曰/年底 (str.find, GB/s) and read around it; a
# pattern led by optional digit groups scanned at 3 MB/s here (measured).
DATE_START = re.compile(rf"(?:{YEAR} ?年 ?)?{MON} ?$")
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
DATE_LINE = re.compile(rf"^ ?({YEAR}) ?年 ?{MON} ?月 ?{DAY} ?日 ?$", re.M)
YEAR_BEFORE = re.compile(r"(?:(?:19|20)\d{2}|(?:一九|二〇|二零)[〇零一二三四五六七八九○]{2}) ?$")


def find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def dates(text: str) -> list[re.Match[str]]:
    """Every date mention (see DATE), found from its 月/曰/年底/年末 and read around it."""
    out, last_end = [], -1
    anchors = sorted(find_all(text, "月") + find_all(text, "曰"))
    hits = []
    for i in anchors:
        head = DATE_START.search(text, max(0, i - 12), i)
        if head:
            hits.append(head.start())
    hits += [i + 1 for needle in ("年底", "年末") for i in find_all(text, needle)]
    for start in sorted(set(hits)):
        if start < last_end:
            continue
        m = DATE_RE.match(text, start)
        if m:
            out.append(m)
            last_end = m.end()
    return out


def read_num(s: str | None) -> int | None:
    if not s:
        return None
    s = s.strip()
    return int(s) if s.isdigit() else (cn_digits(s) if len(s) == 4 else cn_int(s))


def iso_day(y: int, m: int, d: int | None) -> str | None:
    if not (1 <= m <= 12 and 1900 <= y <= 2100):
        return None
    last = calendar.monthrange(y, m)[1]
    d = last if d is None else d
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= last else None


class YearContext:
    """Where a date without a year takes its year from (see the module docstring)."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        low = doc.text.lower()
        self.masked = any(mask in low for mask in MASKS)
        self.printed = []
        for i in find_all(doc.text, "年"):
            m = YEAR_BEFORE.search(doc.text, max(0, i - 5), i)
            if m:
                self.printed.append((m.start(), read_num(m.group().strip())))
        self.signed = self._value(doc, "signed_date")
        self.date_lines = [(m.start(), read_num(m.group(1))) for m in DATE_LINE.finditer(doc.text)]
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


def _resolve(m: re.Match[str], ctx: YearContext, at: int) -> str | None:
    y_raw = m.group("y")
    if y_raw and "x" in y_raw.lower():
        return None
    if m.group("eoy"):
        y = read_num(y_raw) if y_raw else ctx.year_for(at, 12, None)
        return iso_day(y, 12, 31) if y else None
    month, day = read_num(m.group("m")), read_num(m.group("d"))
    if month is None:
        return None
    y = read_num(y_raw) if y_raw else ctx.year_for(at, month, day)
    return iso_day(y, month, day) if y else None


def sentence_before(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in "。；;\n")
    return text[start + 1: at]


def _deadlines(doc: Document, ctx: YearContext, found_dates: list[re.Match[str]]) -> list[Found]:
    text, out = doc.text, []
    for m in found_dates:
        by = BY_AFTER.match(text, m.end())
        cut = CUTOFF_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if not by and not (cut and (m.group("y") or m.group("m"))):
            continue
        if RECURRING.search(sentence_before(text, m.start())):
            continue
        if by and not cut and NOT_A_DUTY.match(text, by.end()):
            continue  # 1965年1月1日以前出生 is eligibility, not a duty
        if by and not cut and PAST_FACT.search(text, max(0, m.start() - 6), m.start()):
            continue
        value = _resolve(m, ctx, m.start())
        if value:
            end = by.end() if by else m.end()
            out.append(found("deadlines", value, Span(m.start(), end), "by" if by else "cutoff"))
    return out


def extract(doc: Document) -> list[Found]:
    from extractors.deadline_spans import periods, relative  # they build on this module

    ctx = YearContext(doc)
    found_dates = dates(doc.text)
    return _deadlines(doc, ctx, found_dates) + periods(doc, ctx, found_dates) + relative(doc)
