"""The quota grammar: a numeral, an optional range and magnitude, a unit, and the
comparator or approximation words around it (FORMAT.md "quota", NOTES-D1/D2).

`scan(text, start, end)` yields `Match`es with the printed span and min/max/unit/approx;
`quotas.py` decides which of them count (exclusions need the document, not the grammar).
The core regex starts with a numeral character; the unit list is data
(`data/quota_units.txt`), sorted longest first so 个工作日 wins over 个 and 人次 over 人.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.numbers import ARABIC, CN_TEXT_NUMERAL, number_value

DATA = Path(__file__).parent / "data"

# Comparators left of the number, longest first so 不低于 wins over 低于 (NOTES-D1/D2:
# 达/达到, 超过, 满, 增加到, 不低于 give min; 不足, 未超过, 低于 give max).
MIN_MARKERS = ("不得少于", "不应少于", "不能少于", "不宜少于", "不得低于", "不应低于", "不得小于", "不少于",
               "不低于", "不小于", "至少", "最少", "最低", "达到", "超过", "超出", "多于", "高于", "大于",
               "增加到", "增长到", "增至", "提高到", "提升到", "扩大到", "不少", "满", "达", "逾")
MAX_MARKERS = ("最多不超过", "最高不超过", "最长不得超过", "最长不超过", "不得超过", "不应超过", "不宜超过",
               "不能超过", "不超过", "未超过", "不多于", "不高于", "不大于", "不足", "未满", "至多", "最多",
               "最高", "最长", "低于", "少于", "小于")
APPROX_LEFT = ("大约", "约")
# One-character comparators are common inside words (下达, 满意, 逾期): they must touch the number.
TOUCHING_ONLY = ("满", "达", "逾", "不少", "约", "高于", "低于", "大于", "小于", "多于", "少于")
# 高于/低于 with words between compare a subject ("高于年均19次的水平"), not the number (NOTES-D1).
POST_MIN = ("及以上", "或以上", "以上")
POST_MAX = ("及以下", "或以下", "以下", "以内")
POST_APPROX = ("左右", "上下")
RANGE_SEPS = "-—–～~至到"

_NUMERAL_CLASS = r"[\d〇○零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]"
TOKEN = rf"{_NUMERAL_CLASS}(?:{_NUMERAL_CLASS}|\.(?=\d)|,(?=\d{{3}}(?!\d)))*"  # checked by numbers.to_number


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    blockers: str  # next characters that make the unit part of a longer word


@dataclass
class Match:
    start: int
    end: int
    num_start: int
    num: str
    num2: str | None
    unit: str
    kind: str
    min: float | int | None
    max: float | int | None
    approx: bool
    rule: str
    post: str = ""


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """The unit vocabulary, read once."""
    out = {}
    for line in (DATA / "quota_units.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out[parts[0]] = Unit(parts[0], parts[1], parts[2] if len(parts) > 2 else "")
    return out


@lru_cache(maxsize=1)
def core_pattern() -> re.Pattern[str]:
    """Numeral, optional range, approximation and unit (the half forms 个半月 / 年半 too).

    The pattern starts with one character class (a numeral character), the cheapest start
    sre can scan for; an Arabic number's trailing 万/亿 is split off into the unit later.
    """
    alts = "|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True))
    return re.compile(
        rf"(?P<n1>{TOKEN})(?P<pct1>[%％])?"
        rf"(?: ?(?P<sep>[{RANGE_SEPS}]) ?(?P<n2>{TOKEN}))?"
        rf" ?(?P<more>余|多)?"
        rf" ?(?:(?P<half>个半(?:月|小时)|年半)|(?P<unit>{alts}))")


PERCENT_WORDS = re.compile(rf"百分之(?P<pn>{ARABIC}|{CN_TEXT_NUMERAL})")
MAGNITUDE_TAIL = re.compile(r"(\d[\d,.]*)(万亿|亿|万)$")


POST_RE = re.compile(r" ?(?P<incl>[（(]含[）)])? ?(?P<post>及以上|及以下|或以上|或以下|以上|以下|以内|左右|上下"
                     r"|或更长|或更多)?(?P<incl2>[（(]含[）)])?")


def _split(num: str | None) -> tuple[str | None, str]:
    """'4.2万' -> ('4.2', '万'): an Arabic number keeps its magnitude in the unit (FORMAT.md)."""
    tail = MAGNITUDE_TAIL.match(num or "")
    return (tail.group(1), tail.group(2)) if tail else (num, "")


def _unit_of(m: re.Match[str]) -> tuple[str, str] | None:
    """(printed unit, kind) or None when the match has no unit."""
    unit = m.group("unit")
    half = m.group("half")
    if half:
        unit = "年" if half == "年半" else half.replace("半", "")
    base = units().get(unit) or units().get(unit.lstrip("个")) or Unit(unit, "time", "")
    mag = _split(m.group("n2") or m.group("n1"))[1]
    return mag + unit, base.kind


def _next_blocks(text: str, m: re.Match[str]) -> bool:
    """The unit is the first character of a longer word (五部门, 一次性, 3项目)."""
    unit = m.group("unit")
    if not unit or m.group("half"):
        return False
    nxt = text[m.end("unit"): m.end("unit") + 1]
    if unit.isascii():
        return nxt.isascii() and nxt.isalnum()
    return bool(nxt) and nxt in units()[unit].blockers


def _values(m: re.Match[str]) -> tuple[float | int | None, float | int | None] | None:
    n1, mag1 = _split(m.group("n1"))
    n2, mag2 = _split(m.group("n2"))
    if m.group("n2") and mag1 and mag1 != mag2:
        return None  # 3万-5 is no range
    a = number_value(n1)
    if a is None:
        return None
    if m.group("half"):
        a = a + 0.5
    b = number_value(n2) if n2 else None
    if n2 and (b is None or b < a):
        return None  # 3-1 is not a range; a dash between numbers that fall is a code or a date
    return a, (b if b is not None else a)


@lru_cache(maxsize=1)
def _marker_index() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {mk: kind for kind, markers in (("approx", APPROX_LEFT), ("max", MAX_MARKERS), ("min", MIN_MARKERS))
             for mk in markers}
    alts = sorted(kinds, key=len, reverse=True)
    # a lookahead finds every start, so 不低于 and the 低于 inside it are both seen
    return re.compile("(?=(" + "|".join(map(re.escape, alts)) + "))"), kinds


def left_marker(left: str) -> tuple[str, str, int] | None:
    """The comparator nearest the number in `left`: (kind, marker, gap in characters)."""
    best = None
    pat, kinds = _marker_index()
    for m in pat.finditer(left):
        at, mk = m.start(), m.group(1)
        gap = len(left) - at - len(mk)
        if (mk in TOUCHING_ONLY and gap > 1) or any(c.isdigit() for c in left[at + len(mk):]):
            continue  # a number between the marker and ours takes the marker (NOTES-D2 09)
        cand = (gap, -len(mk), kinds[mk], mk)
        if best is None or cand < best:
            best = cand
    if best is None:
        return None
    return best[2], best[3], best[0]


def _finish(text: str, m: re.Match[str], unit: tuple[str, str], lo, hi, end: int) -> Match:
    """Read the right-hand modifiers (以上, 左右, （含）) and build the Match."""
    post_m = POST_RE.match(text, m.end(), end)  # its leading " ?" takes back a trailing space
    post = post_m.group("post") or ""
    core_end = m.start() + len(m.group().rstrip(" "))
    stop = post_m.end() if (post or post_m.group("incl") or post_m.group("incl2")) else core_end
    more = "more" in m.re.groupindex and m.group("more")
    approx = bool(more) or post in POST_APPROX
    rule = "range" if "n2" in m.re.groupindex and m.group("n2") else "bare"
    if more or post in POST_MIN or post in ("或更长", "或更多"):
        hi, rule = None, "post_min"
    elif post in POST_MAX:
        lo, rule = None, "post_max"
    g = "n1" if "n1" in m.re.groupindex else "pn"
    n2 = m.group("n2") if g == "n1" else None
    return Match(m.start(), stop, m.start(g), _split(m.group(g))[0], n2, unit[0], unit[1],
                 lo, hi, approx, rule, post)


def scan(text: str, start: int, end: int, word_check=None, blockers: bool = True) -> list[Match]:
    """Every numeral-with-unit in text[start:end], with its right-hand modifiers; no exclusions.

    `word_check(text, unit_start, unit_end)` may veto a unit that does not end a word
    (segment.unit_ends_word); the default is the blocker lists alone (see segment.py).
    """
    out = []
    for m in PERCENT_WORDS.finditer(text, start, end):
        a = number_value(m.group("pn"))
        if a is not None:
            out.append(_finish(text, m, ("%", "rate"), a, a, end))
    for m in core_pattern().finditer(text, start, end):
        unit = _unit_of(m)
        if unit is None or (blockers and _next_blocks(text, m)):
            continue
        if word_check and m.group("unit") and not word_check(text, m.start("unit"), m.end("unit")):
            continue
        vals = _values(m)
        if vals is not None:
            out.append(_finish(text, m, unit, vals[0], vals[1], end))
    return sorted(out, key=lambda q: q.start)
