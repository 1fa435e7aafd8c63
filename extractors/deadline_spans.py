"""Periods and relative deadlines (catalogue only, not scored): `period`
{"start","end","text"} for 2019年1月1日至12月31日, `relative_deadline` {"anchor","limit","text"}
for 自本通知印发之日起30日内. Split from `deadlines` (which owns the year context these build
on) to keep each module small; dates are read by pipeline/grammar/dates.py.
"""
from __future__ import annotations

import re

from extractors.base import found
from extractors.deadlines import YearContext, sentence_before
from pipeline.grammar.dates import SEP, SP, DateHit, find_all, iso_day
from pipeline.types import Document, Found, Span

PERIOD_SEP = re.compile(rf"{SP}{SEP}{SP}")
RELATIVE_LIMIT = re.compile(r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3}) ?(?:个)?(?:工作日|日|天|周|星期|个月|月|年|小时)"
                            r"(?:以|之)?$")
ANCHOR_END = ("之日起", "之日后", "以后", "之后", "后", "起")


def _day_or_month(y: int, mo: int, d: int | None) -> str | None:
    return iso_day(y, mo, d) if d else (f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None)


def periods(doc: Document, ctx: YearContext, found_dates: list[DateHit]) -> list[Found]:
    """Two dates of the date grammar joined by 至/到/-: the second takes the first's year."""
    text, out = doc.text, []
    starts = {h.start: h for h in found_dates}
    for a in found_dates:
        if a.rule == "range-end" or a.month is None or a.end_of or a.masked:
            continue
        sep = PERIOD_SEP.match(text, a.end)
        b = starts.get(sep.end()) if sep else None
        if b is None or b.month is None or b.end_of or b.masked or (a.day is None) != (b.day is None):
            continue
        ya = a.year or ctx.year_for(a.start, a.month, a.day)
        yb = b.year or ya
        if not ya or not yb:
            continue
        start, end = _day_or_month(ya, a.month, a.day), _day_or_month(yb, b.month, b.day)
        if start and end and start <= end:
            out.append(found("period", {"start": start, "end": end, "text": text[a.start: b.end]},
                             Span(a.start, b.end), "range"))
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
