"""Quotas: numeric targets and reported amounts, with their evidence (FORMAT.md "quota").

Cascade for each numeral-with-unit that `quota_grammar.scan` finds in the body and
attachments:
 1. blocked spans: dates, document numbers, phones, URLs, cited titles 《…》, short quoted
    names “…”, the title, and whatever earlier extractors claimed (date,
    doc_number.mention, contacts) — numbers there are never quotas;
 2. context rules (`quota_context.reject`): ordinals, years, time limits, rate
    denominators, enumerations of concepts, restated lists, 一 used as an article, names;
 3. the comparator to the left (不少于/≥ -> min, 不超过/不满/≤ -> max; not across 每: 至少每2年
    bounds a frequency), carried across 和/、 in "分别达到65%和55%", and "2年或2年以上" /
    "两套或多套" folded into one quota ("N以上M以下" ranges are joined by the grammar);
 4. catalogue extras: subject, frequency, scope and section (not scored).
"""
from __future__ import annotations

import re

from extractors import quota_context as ctx
from extractors.base import found, search_spans
from extractors.outline import section_at
from extractors.quota_grammar import Match, left_marker, scan
from pipeline.types import Document, Found, Span

CLAIMED_FIELDS = ("date", "doc_number.mention", "contacts", "title", "attachments")
CLAUSE_CUT = re.compile(r"[，,。；;！!？?\n：:、（(）)]")
SUBJECT_CUT = re.compile(r"[，,。；;！!？?\n：:]")
CARRY_JOINERS = ("和", "、", "及", "与", "或", "（", "(")  # （…: 不少于100对（200个受试者） restates the bound
# A list of time points after an event (戴镜后1天、1周、2周): when its first item is an offset
# (X后N天), so is each item joined to it (NOTES-W1: lag times are no quotas).
OFFSET_JOINERS = ("、", "和", "及", "或", "，")
OR_MORE = re.compile(r" ?或者?(?:更多|多|若干)")  # 两套或多套 (NOTES-X1, like D2's 两种或以上), 一个或者若干个
SCOPE = re.compile(r"每个|每名|每位|每所|每家|每人|每|各个|各|所有|全部")
FREQUENCY = re.compile(r"每天|每日|每周|每月|每季度|每半年|每年|每两年|全年|年内|当年|年均|日均|月均"
                       r"|(?:^|(?<=[的，]))[日周月年](?=[\u4e00-\u9fff]{1,4}量)")
LEFT_WINDOW = 24
WORD_CHECK = None  # segment.unit_ends_word to veto units inside words; off: see segment.py
BLOCKERS = True  # the data-driven next-character blockers of quota_units.txt


def _left(text: str, m: Match, floor: int) -> str:
    """The clause left of the numeral, cut at punctuation and at the previous quota."""
    seg = text[max(floor, m.num_start - LEFT_WINDOW):m.num_start]
    cuts = list(CLAUSE_CUT.finditer(seg))
    return seg[cuts[-1].end():] if cuts else seg


def _subject(text: str, m: Match, floor: int) -> str | None:
    seg = text[max(floor, m.start - 40):m.start]
    cuts = list(SUBJECT_CUT.finditer(seg))
    seg = seg[cuts[-1].end():] if cuts else seg
    marker = left_marker(seg)
    if marker:
        seg = seg[: seg.rfind(marker[1])]
    seg = re.sub(r"^[（(][一二三四五六七八九十\d]+[）)]|^[一二三四五六七八九十\d]+[、.．]", "", seg).strip()
    return seg or None


def _bounds(m: Match, text: str, left: str, carried: str | None) -> tuple | None:
    """(start, min, max, approx, rule) after the left comparator, or None to drop the match."""
    lo, hi, approx, rule, start = m.min, m.max, m.approx, m.rule, m.start
    mk = left_marker(left)
    kind = mk[0] if mk else carried
    if mk:
        start = m.num_start - len(left) + left.rfind(mk[1])
    if kind == "min" and m.rule == "range_bounds" and mk:
        rule = "range_bounds"  # 满一年不满两年: the word before opens the range the grammar joined
    elif kind == "min":
        lo, hi, rule = (lo if lo is not None else m.max), None, "left_min" if mk else "carried_min"
    elif kind == "max":
        hi, lo, rule = (hi if hi is not None else m.min), None, "left_max" if mk else "carried_max"
    elif kind == "approx":
        approx, rule = True, "left_approx"
    if m.kind == "size" and not mk and m.num2 is None:
        return None  # a bare 5G or 3M is a name; file sizes come with 不低于 or a range
    return start, lo, hi, approx, rule


def _or_more(text: str, m: Match, end: int) -> tuple[int, str] | None:
    """'2年或2年以上' / '两套或多套' restate the same number: one quota with min (or max for 以下)."""
    rest = text[m.end: min(end, m.end + 16)].replace(" ", "").replace("或者", "或", 1)
    head = "或" + m.num + m.unit
    if rest.startswith(head) and rest[len(head): len(head) + 2] in ("以上", "以下"):
        stop = text.index(rest[len(head): len(head) + 2][-1], m.end) + 1
        return stop, rest[len(head): len(head) + 2]
    more = OR_MORE.match(text, m.end, end)
    if m.unit and more and text.startswith(m.unit, more.end()):
        return more.end() + len(m.unit), "以上"
    return None


def _title_spans(doc: Document) -> list[tuple[int, int]]:
    """Every printing of the title, line breaks allowed: FORMAT.md does not scan the title."""
    out = []
    for title in {f.value for f in doc.found if f.field == "title" and isinstance(f.value, str)}:
        if len(title) >= 6:
            pat = re.compile(r"\s*".join(re.escape(c) for c in title if not c.isspace()))
            out += [m.span() for m in pat.finditer(doc.text)]
    return out


def _blocked(doc: Document) -> ctx.Blocked:
    spans = ctx.blocked_spans(doc.text) + _title_spans(doc)
    spans += [(f.span.start, f.span.end) for f in doc.found
              if f.field in CLAIMED_FIELDS or f.field.startswith("page.")]
    return ctx.Blocked(spans)


def extract(doc: Document) -> list[Found]:
    text = doc.text
    blocked = _blocked(doc)
    zones = doc.zone("body") + doc.zone("attachments") or search_spans(doc)
    out: list[Found] = []
    for zone in sorted(zones, key=lambda s: s.start):
        prev_end, prev_kind, offset_end = zone.start, None, -1
        for m in scan(text, zone.start, zone.end, WORD_CHECK, BLOCKERS):
            if m.start < prev_end or blocked.hits(m.start, m.end):
                continue
            left = _left(text, m, prev_end)
            why = ctx.reject(text, m, left)
            if not why and m.kind == "time" and offset_end >= 0 and text[offset_end:m.start].strip() in OFFSET_JOINERS:
                why = "time_offset"
            if why:
                offset_end = m.end if why == "time_offset" else -1
                continue
            offset_end = -1
            joiner = text[prev_end:m.start].strip()
            carried = prev_kind if joiner in CARRY_JOINERS else None
            b = _bounds(m, text, left, carried)
            if b is None:
                continue
            start, lo, hi, approx, rule = b
            end = m.end
            more = _or_more(text, m, zone.end)
            if more:
                end = more[0]
                lo, hi, rule = (m.min, None, "or_more") if more[1] == "以上" else (None, m.max, "or_less")
            span = Span(start, end)
            subject = _subject(text, m, prev_end)
            scope = SCOPE.search(subject or "")
            freq = FREQUENCY.search(text, max(prev_end, m.start - 20), m.start)
            value = {"text": text[start:end], "min": lo, "max": hi, "unit": m.unit, "approx": approx,
                     "subject": subject, "frequency": freq.group() if freq else None,
                     "scope": scope.group() if scope else None, "section": section_at(doc, span)}
            out.append(found("quotas", value, span, rule))
            prev_end = end
            prev_kind = "min" if rule.endswith("min") or rule == "or_more" else (
                "max" if rule.endswith("max") or rule == "or_less" else None)
    return out
