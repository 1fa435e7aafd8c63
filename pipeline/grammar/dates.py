"""The date grammar: every calendar date a notice prints, read once for every extractor.

Entry points: `scan(text)` -> every `DateHit` in printed order, and `parse_date(text)` for a
date that a string starts with (page metadata values, signature lines). Forms in scope:
  - `2013年10月13日`, `二〇〇九年四月七日`, `两千零五年八月五号`, `二〇一九年5月8日` (any mix of
    Arabic and Chinese numerals, 日 or 号, 曰 for 月 as a typo, spaces between the parts);
  - year only (`二○一○年`), year and month (`2021年3月`), `6月底`, `2022年底`;
  - month and day without a year (`5月7日`, `八月二十八号`, `十二月20号`): value `--05-07`;
  - figures: `2018-12-12`, `2014/3/12`, `2018.11.02`, glued to a time (`2018-12-1209:03`),
    year and month (`2008.08`, `2008-08`);
  - ranges after one date: days (`2019年4月12-19日`, `10月13日至19日`), months
    (`2018年1－9月份`, `1999.08-2002.02` as two dates), years (`2019-2020年`); the second end
    takes the parts it leaves out from the first;
  - masked years (`20xx年`) are read as masked: they give no value.
Out of scope: relative dates (明天, 下周一), lunar dates (正月初八), times of day, weekdays.

Every pattern starts from a literal anchor (年, 月, 曰, or the 19/20 of a year in figures)
and no quantifier is nested, so scanning stays linear.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.grammar.numerals import DIGITS, cn_int

CN_YEAR_DIGITS = "〇○零Oo0一二三四五六七八九"  # `二O0九年`: a zero typed as a letter or a digit
YEAR_DIGITS = {**DIGITS, "0": 0}
MASKED_YEAR = r"20[xX]{2}"
YEAR = (rf"(?:(?:19|20)\d{{2}}|{MASKED_YEAR}|[一二][{CN_YEAR_DIGITS}]{{3}}"
        r"|(?:一千九百|[两二]千)(?:零?[一二三四五六七八九十]{1,3})?)")
MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
SEP_CHARS = "-—–至到～~－"  # between the two ends of a range
SEP = f"[{SEP_CHARS}]"
SP = " {0,2}"
MONTH_MARK = "[月曰]"  # 曰 for 月 is a common typo (`2020年10曰29日`)
DAY_MARK = "[日号]"
# From a year (or a month) onwards. A month or day may stand without its mark when a range
# follows (`2018年1－9月`, `5月24-26日`): the mark is printed once, after the second end.
DATE = re.compile(
    rf"(?:(?P<y>{YEAR}){SP}年{SP})?"
    rf"(?:(?P<m>{MON})(?:{SP}{MONTH_MARK}|(?={SP}{SEP}{SP}{MON}{SP}月)){SP}"
    rf"(?:(?P<d>{DAY})(?:{SP}{DAY_MARK}|(?={SP}{SEP}{SP}{DAY}{SP}{DAY_MARK}))|(?P<eom>底|末))?"
    rf"|(?<=年)(?P<eoy>底|末))?")
YEAR_HEAD = re.compile(rf"{YEAR}{SP}$")
MONTH_HEAD = re.compile(rf"{MON}{SP}$")
DAY_TAIL = re.compile(rf"{SP}{SEP}{SP}(?P<d>{DAY}){SP}{DAY_MARK}")
MONTH_TAIL = re.compile(rf"{SP}{SEP}{SP}(?:(?P<y>{YEAR}){SP}年{SP})?(?P<m>{MON}){SP}月(?:份|(?!{SP}{DAY}{SP}{DAY_MARK}))")
YEAR_RANGE_START = re.compile(rf"((?:19|20)\d{{2}})(?={SP}{SEP}{SP}(?:19|20)\d{{2}}{SP}年)")
# The first year of `2019-2021年` / `2019年-2021年`, right before the separator.
RANGE_FIRST_YEAR = re.compile(rf"(?:19|20)\d{{2}}{SP}年?{SP}$")
# Figures: a glued time of day (`2018-12-1209:03`) ends the day too.
NUMERIC_DATE = re.compile(r"(?P<ny>(?:19|20)\d{2})(?P<ns>[-/.])(?P<nm>\d{1,2})(?P=ns)(?P<nd>\d{1,2})"
                          r"(?:(?![\d.])|(?=\d{1,2}[:：]\d{2}))")
# `2008.08`, `1999.08-2002.02`: a two-digit month, then no more figures, no unit, no word
# (`2008.08元` is money, `2008-0812` a code); a range word or a dash may follow.
NUMERIC_MONTH = re.compile(r"(?P<ny>(?:19|20)\d{2})(?P<ns>[-/.])(?P<nm>0[1-9]|1[0-2])(?![\d.%％])(?!(?P=ns)\d)"
                           r"(?!(?![至到起止])[\u4e00-\u9fff])")
NOT_BEFORE_FIGURES = "0123456789.-/"
HEAD_END = "0123456789xX〇○零Oo一二三四五六七八九十千"  # what a year or a month ends with
# Where a date can be: a 年/月/曰 after a numeral, or 年底/年末 (a year from context). Found
# in one C-level scan; most 年 and 月 in a notice are words (今年, 月度) and never reach the readers.
ANCHOR = re.compile(rf"[{HEAD_END}] {{0,2}}(?P<a>[年月曰])|(?P<a2>年)(?=[底末])")
UNREAD_YEAR = "0123456789〇○零一二三四五六七八九"  # `13年5月`: a year we cannot read


@dataclass(frozen=True, slots=True)
class DateHit:
    """One printed date: its span, the parts it prints, and how it was read."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    end_of: str | None  # "month" for 6月底, "year" for 2022年底
    masked: bool  # 20xx年: a template's year
    rule: str  # numeric, numeric-month, arabic, chinese, month-day, range-end, range-start

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def value(self) -> str | None:
        """ISO 8601: `2013-10-13`, `2021-03`, `2019`; yearless `--05-07`; None when masked."""
        if self.masked:
            return None
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.month and self.day else None
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


def read_part(s: str | None) -> int | None:
    """A year, month or day as printed: 2019, 二〇一九, 两千零五, 12, 十二, 二十八."""
    if not s:
        return None
    s = s.strip()
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in YEAR_DIGITS for c in s):
        return int("".join(str(YEAR_DIGITS[c]) for c in s))
    return cn_int(s)


def iso_day(y: int, m: int, d: int | None) -> str | None:
    """`YYYY-MM-DD`, the month's last day when `d` is None; None for an impossible date."""
    if not (1 <= m <= 12 and 1900 <= y <= 2100):
        return None
    last = calendar.monthrange(y, m)[1]
    d = last if d is None else d
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= last else None


def find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and not 1 <= d <= (calendar.monthrange(y or 2000, m or 1)[1]):
        return False
    return y is None or 1900 <= y <= 2100


def _hit(m: re.Match[str], rule: str) -> DateHit | None:
    y_raw = m.group("y")
    masked = bool(y_raw and "x" in y_raw.lower())
    y = None if masked else read_part(y_raw)
    mo, d = read_part(m.group("m")), read_part(m.group("d"))
    if not _valid(y, mo, d):
        return None
    end_of = "month" if m.group("eom") else "year" if m.group("eoy") else None
    return DateHit(m.start(), m.start() + len(m.group().rstrip(" ")), y, mo, d, end_of, masked, rule)


def _tails(text: str, h: DateHit) -> list[DateHit]:
    """The second end of a range printed after `h` (`12-19日`, `1－9月份`)."""
    if h.day:
        t = DAY_TAIL.match(text, h.end)
        d = read_part(t.group("d")) if t else None
        if t and _valid(h.year, h.month, d) and d > h.day:
            return [DateHit(t.start("d"), t.end(), h.year, h.month, d, None, h.masked, "range-end")]
    elif h.month and not h.end_of:
        t = MONTH_TAIL.match(text, h.end)
        y = read_part(t.group("y")) if t and t.group("y") else h.year
        mo = read_part(t.group("m")) if t else None
        if t and _valid(y, mo, None) and (y, mo) > (h.year, h.month):
            start = t.start("y") if t.group("y") else t.start("m")
            return [DateHit(start, t.end(), y, mo, None, None, h.masked, "range-end")]
    return []


def _from_year(text: str, i: int) -> re.Match[str] | None:
    """The date whose 年 is at `i`, read from the year before it."""
    head = YEAR_HEAD.search(text, max(0, i - 10), i)
    if head is None:
        return None
    at = head.start()
    if head.group()[0].isdigit() and at and text[at - 1] in NOT_BEFORE_FIGURES and not (
            text[at - 1] in SEP_CHARS and RANGE_FIRST_YEAR.search(text, max(0, at - 8), at - 1)):
        return None  # 12019年, 0311-2019年: the tail of a longer number (2019-2021年 is a range)
    return DATE.match(text, head.start())


def _from_month(text: str, i: int) -> re.Match[str] | None:
    """A yearless date whose 月 is at `i`: a day or 底 must follow."""
    head = MONTH_HEAD.search(text, max(0, i - 4), i)
    if head is None:
        return None
    at = head.start()
    before = text[at - 1: at] if at else ""
    after_date = bool(before) and before in SEP_CHARS and text[max(0, at - 4): at - 1].rstrip(" ").endswith(("日", "号", "月"))
    if before and (before in NOT_BEFORE_FIGURES or before in "第") and not after_date:
        return None  # 0311-5月, 第5月; but 4月12日-4月16日 is a range's second end
    if before == "年" and head.start() > 1 and text[head.start() - 2] in UNREAD_YEAR:
        return None  # 13年5月8日: a year we cannot read makes the date unreadable
    m = DATE.match(text, at)
    if m and not (m.group("d") or m.group("eom")) and m.group("m") and MONTH_TAIL.match(text, m.end()):
        return m  # 六月至九月: a yearless month range (its value needs the year from context)
    return m if m and (m.group("d") or m.group("eom")) else None


def _numeric(text: str) -> list[DateHit]:
    out: list[DateHit] = []
    ends = set()
    for pattern, rule in ((NUMERIC_DATE, "numeric"), (NUMERIC_MONTH, "numeric-month")):
        for m in pattern.finditer(text):
            at = m.start()
            if at and text[at - 1] in NOT_BEFORE_FIGURES and not (text[at - 1] in SEP_CHARS and at - 1 in ends):
                continue  # the tail of a longer number, unless a range's second end (1999.08-2002.02)
            y, mo = int(m.group("ny")), int(m.group("nm"))
            d = int(m.group("nd")) if rule == "numeric" else None
            if _valid(y, mo, d):
                out.append(DateHit(m.start(), m.end(), y, mo, d, None, False, rule))
                ends.add(m.end())
    return out


def scan(text: str) -> tuple[DateHit, ...]:
    """Every date printed in `text`, each range's second end as its own hit, in printed order."""
    return _scan(text)


@lru_cache(maxsize=8)  # dates, deadlines and the quota blocker read the same text
def _scan(text: str) -> tuple[DateHit, ...]:
    hits = _numeric(text)
    taken = [(h.start, h.end) for h in hits]
    last_end = -1
    for anchor in ANCHOR.finditer(text):
        i = anchor.start("a") if anchor.group("a") else anchor.start("a2")
        c = text[i]
        if i < last_end or any(a <= i < b for a, b in taken):
            continue
        if c == "年":
            m = _from_year(text, i)
            if m is None and text[i + 1: i + 2] in ("底", "末"):
                m = DATE.match(text, i + 1)  # 年底 without a printed year: the year from context
            rule = "arabic" if m and m.group("y") and m.group("y")[0].isdigit() else "chinese"
        else:
            m, rule = _from_month(text, i), "month-day"
        h = _hit(m, rule) if m and m.group() else None
        if h is None:
            continue
        hits.append(h)
        last_end = h.end
        for t in _tails(text, h):
            hits.append(t)
            last_end = t.end
    for m in YEAR_RANGE_START.finditer(text):
        if not (m.start() and text[m.start() - 1] in NOT_BEFORE_FIGURES):
            hits.append(DateHit(m.start(), m.end(), int(m.group(1)), None, None, None, False, "range-start"))
    return tuple(sorted(hits, key=lambda h: h.start))


def parse_date(text: str) -> tuple[str, str, int] | None:
    """(value, precision, printed length) of the date with a year that `text` starts with."""
    for pattern in (NUMERIC_DATE, NUMERIC_MONTH):
        m = pattern.match(text)
        if m:
            hit = next((h for h in _numeric(m.group()) if h.start == 0), None)
            return (hit.value, hit.precision, hit.end) if hit else None
    m = DATE.match(text)
    h = _hit(m, "date") if m and m.group("y") else None
    return (h.value, h.precision, h.end) if h and h.value else None
