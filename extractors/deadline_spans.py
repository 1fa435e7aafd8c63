"""Periods and relative deadlines (catalogue only, not scored): `period`
{"start","end","text"} for 2019年1月1日至12月31日, `relative_deadline` {"anchor","limit","text"}
for 自本通知印发之日起30日内. Split from `deadlines` (which owns the date grammar and the
year context these build on) to keep each module small.
"""
from __future__ import annotations

import re

from extractors.base import found
from extractors.deadlines import (
    DATE_START,
    DAY,
    MON,
    YEAR,
    YearContext,
    find_all,
    iso_day,
    read_num,
    sentence_before,
)
from pipeline.types import Document, Found, Span

PERIOD_END = re.compile(
    rf" ?[至到\-—–～~] ?(?P<b>(?:{YEAR} ?年 ?)?(?:{MON} ?月 ?)?{DAY} ?[日号]|(?:{YEAR} ?年 ?)?{MON} ?月)")
MONTH_ONLY = re.compile(rf"(?:{YEAR} ?年 ?)?{MON} ?月")
RELATIVE_LIMIT = re.compile(r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3}) ?(?:个)?(?:工作日|日|天|周|星期|个月|月|年|小时)"
                            r"(?:以|之)?$")
ANCHOR_END = ("之日起", "之日后", "以后", "之后", "后", "起")


def _ymd(s: str) -> tuple[int | None, int | None, int | None]:
    """Year, month and day printed in one side of a period (any may be missing)."""
    y = re.match(rf"({YEAR}) ?年", s)
    mo = re.search(rf"({MON}) ?[月曰]", s)
    d = re.search(rf"({DAY}) ?[日号]$", s)
    return (read_num(y.group(1)) if y else None, read_num(mo.group(1)) if mo else None,
            read_num(d.group(1)) if d else None)


def _day_or_month(y: int, mo: int, d: int | None) -> str | None:
    return iso_day(y, mo, d) if d else (f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None)


def periods(doc: Document, ctx: YearContext, found_dates: list[re.Match[str]]) -> list[Found]:
    text, out = doc.text, []
    starts = {m.start(): m for m in found_dates}
    for i in sorted(set(find_all(text, "月"))):
        head = DATE_START.search(text, max(0, i - 12), i)
        if not head:
            continue
        a = starts.get(head.start()) or MONTH_ONLY.match(text, head.start())
        tail = PERIOD_END.match(text, a.end()) if a else None
        if not tail or a.end() < i:
            continue
        if "x" in text[a.start(): tail.end()].lower():
            continue  # 20xx年12月1日至20xx年3月1日: a template's window
        ya, ma, da = _ymd(a.group())
        yb, mb, db = _ymd(tail.group("b"))
        mb = mb or ma
        if ma is None or mb is None or (da is None) != (db is None):
            continue
        ya = ya or ctx.year_for(a.start(), ma, da)
        yb = yb or ya
        if not ya or not yb:
            continue
        start, end = _day_or_month(ya, ma, da), _day_or_month(yb, mb, db)
        if start and end and start <= end:
            printed = text[a.start(): tail.end()]
            out.append(found("period", {"start": start, "end": end, "text": printed},
                             Span(a.start(), tail.end()), "range"))
    return out


def relative(doc: Document) -> list[Found]:
    text, out = doc.text, []
    for i in find_all(text, "内"):
        lim = RELATIVE_LIMIT.search(text, max(0, i - 8), i)
        if not lim:
            continue
        head = re.split(r"[，,：:]", sentence_before(text, lim.start()))[-1]
        if not head.endswith(ANCHOR_END) or len(head) < 2:
            continue
        cut = max(head.rfind("在"), head.rfind("于"))
        if cut >= 0 and len(head) - cut > 3:
            head = head[cut + 1:]  # 应于本细则发布后 -> 本细则发布后
        elif "自" in head or "从" in head:
            head = head[max(head.rfind("自"), head.rfind("从")):]
        head = head.lstrip()
        start = lim.start() - len(head)
        value = {"anchor": head.strip(), "limit": text[lim.start(): i + 1], "text": text[start: i + 1]}
        out.append(found("relative_deadline", value, Span(start, i + 1), "anchor_limit"))
    return out
