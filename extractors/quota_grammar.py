"""The quota grammar: a numeral, an optional range and magnitude, a unit, and the
comparator or approximation words around it (FORMAT.md "quota", NOTES-D1/D2, NOTES-X1).

`scan(text, start, end)` yields `Match`es with the printed span and min/max/unit/approx;
`quotas.py` decides which of them count (exclusions need the document, not the grammar).
The core regex (`quota_lexicon`) starts with a numeral character; the unit list is data
(`data/quota_units.txt`), sorted longest first so 个工作日 wins over 个 and 人次 over 人.
Two bounded quotas printed back to back (3个月以上6个月以下, 二十万元以上不满五十万元) are
one quota with both bounds (NOTES-X1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.quota_lexicon import (
    DATA,
    RANGE_SEPS,
    core_pattern,
    next_blocks,
    split_magnitude,
    unit_of,
    values,
)
from pipeline.grammar.numerals import (
    ARABIC,
    CN_DECIMAL_POINT,
    CN_TEXT_NUMERAL,
    MAGNITUDES,
    clean_float,
    number_value,
    to_number,
)

# Comparators left of the number, longest first so 不低于 wins over 低于 (NOTES-D1/D2:
# 达/达到, 超过, 满, 增加到, 不低于 give min; 不足, 不满, 未超过, 低于 give max; the symbols
# ≥ > give min and ≤ < give max, NOTES-X1).
MIN_MARKERS = ("不得少于", "不应少于", "不能少于", "不宜少于", "不得低于", "不应低于", "不得小于", "不少于",
               "不低于", "不小于", "至少", "最少", "最低", "达到", "超过", "超出", "多于", "高于", "大于", "长于",
               "增加到", "增长到", "增至", "提高到", "提升到", "扩大到", "不少", "满", "达", "逾", "突破", "超",
               "≥", "≧", "⩾", ">", "＞")
MAX_MARKERS = ("最多不超过", "最高不超过", "最长不得超过", "最长不超过", "不得超过", "不应超过", "不宜超过",
               "不能超过", "不超过", "未超过", "不多于", "不高于", "不大于", "不足", "不满", "未满", "至多",
               "最多", "最高", "最长", "低于", "少于", "小于", "短于", "未逾", "不逾", "限报", "限载", "限乘", "限购", "≤", "≦", "⩽", "<", "＜")
APPROX_LEFT = ("大约", "约")
# One-character comparators are common inside words (下达, 满意, 逾期): they must touch the number.
# 最低/最高 are bounds only when touching too: 最低10人, but 最低检出限浓度的90-95% is a range.
TOUCHING_ONLY = ("满", "不满", "达", "逾", "超", "突破", "不少", "约", "高于", "低于", "大于", "小于", "多于", "少于",
                 "最低", "最高", "≥", "≧", "⩾", ">", "＞", "≤", "≦", "⩽", "<", "＜")
# 高于/低于 with words between compare a subject ("高于年均19次的水平"), not the number (NOTES-D1).
POST_MIN = ("及以上", "或以上", "以上", "以外")  # 一百五十米以外: beyond, at least
POST_MAX = ("及以下", "或以下", "以下", "以内")
# 2年或更长 / 4.00D或更低: the number is a bound, which way the comparative says (NOTES-D1, W1).
OR_HIGHER = ("或更长", "或更多", "或更高", "或更大")
OR_LOWER = ("或更低", "或更少", "或更短", "或更小")
POST_APPROX = ("左右", "上下")
# Between "N以上" and a second bounded number: the upper bound of one range (NOTES-X1).
RANGE_UPPER = ("不满", "不足", "未满", "不超过", "")
# A one-character comparator that opens a word: 满分 (full marks).
NOT_A_BOUND = {"满": "分"}
# 每 between a comparator and the number: the comparator bounds the frequency (至少每2年).
FREQUENCY_WORD = "每"


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


_PCT_NUM = rf"{ARABIC}|{CN_TEXT_NUMERAL}(?:{CN_DECIMAL_POINT}{CN_TEXT_NUMERAL})?"
# 百分之五, 百分之二点一五, and a range 百分之五到八 / 百分之五到百分之八.
PERCENT_WORDS = re.compile(rf"百分之(?P<pn>{_PCT_NUM})(?:(?P<psep>[至到\-—～~])(?:百分之)?(?P<pn2>{_PCT_NUM}))?")
# 5元5角, 12元3角4分: the 角 and 分 after 元/圆 are tenths and hundredths of the same amount.
YUAN_UNITS = ("元", "圆")
SUB_YUAN = re.compile(r"(?P<jiao>[\d一二两三四五六七八九壹贰叁肆伍陆柒捌玖])角(?:(?P<fen>[\d一二两三四五六七八九壹贰叁肆伍陆柒捌玖])分)?")
# （含）, （含3家）: the inclusion note restates the bound, so it belongs to the quota.
_POST_WORDS = "|".join(sorted(POST_MIN + POST_MAX + POST_APPROX + OR_HIGHER + OR_LOWER, key=len, reverse=True))
POST_RE = re.compile(r" ?(?P<incl>[（(]含[^（）()\n]{0,8}[）)]|[（(][\u4e00-\u9fff]{1,2}[）)](?=以|及|或))? ?"
                     rf"(?P<post>{_POST_WORDS})?(?P<incl2>[（(]含[^（）()\n]{{0,8}}[）)])?")


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
        between = left[at + len(mk):]
        if (mk in TOUCHING_ONLY and (gap > 1 or between.strip())) or any(c.isdigit() for c in between):
            continue  # a number between the marker and ours takes the marker (NOTES-D2 09)
        if between.startswith(NOT_A_BOUND.get(mk, "\0")):
            continue  # 满分100分 is the full score, not "at least"
        if FREQUENCY_WORD in between:
            continue  # 至少每2年: the bound is on how often, 每2年 itself is bare (NOTES-X1)
        cand = (gap, -len(mk), kinds[mk], mk)
        if best is None or cand < best:
            best = cand
    if best is None:
        return None
    return best[2], best[3], best[0]


def _finish(text: str, m: re.Match[str], unit: tuple[str, str], lo, hi, end: int,
            core_end: int | None = None, approx: bool = False) -> Match:
    """Read the right-hand modifiers (以上, 左右, （含）) and build the Match."""
    post_m = POST_RE.match(text, core_end or m.end(), end)  # its leading " ?" takes back a trailing space
    post = post_m.group("post") or ""
    core_end = core_end or m.start() + len(m.group().rstrip(" "))
    stop = post_m.end() if (post or post_m.group("incl") or post_m.group("incl2")) else core_end
    more = "more" in m.re.groupindex and m.group("more")
    approx = approx or bool(more) or post in POST_APPROX
    two = ("n2" in m.re.groupindex and m.group("n2")) or ("pn2" in m.re.groupindex and m.group("pn2"))
    rule = "range" if two else ("approx_range" if approx and lo != hi else "bare")
    if more or post in POST_MIN or post in OR_HIGHER:
        hi, rule = None, "post_min"
    elif post in POST_MAX or post in OR_LOWER:
        lo, rule = None, "post_max"
    g = "n1" if "n1" in m.re.groupindex else "pn"
    n2 = m.group("n2") if g == "n1" else m.group("pn2")
    return Match(m.start(), stop, m.start(g), split_magnitude(m.group(g))[0], n2, unit[0], unit[1],
                 lo, hi, approx, rule, post)


@lru_cache(maxsize=1)
def _scales() -> dict[str, tuple[str, float]]:
    out = {}
    for line in (DATA / "unit_scales.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            unit, dim, size = line.split("\t")
            out[unit] = (dim, float(size))
    return out


def _in_unit(value, unit: str, target: str):
    """`value` of `unit` written in `target` (1 mm in nm is 1000000); None across dimensions."""
    if unit == target:
        return value
    a, b = _scales().get(unit), _scales().get(target)
    if not a or not b or a[0] != b[0]:
        return None
    return clean_float(value * a[1] / b[1])


def _in_magnitude(value, unit: str, target: str):
    """`value` of `unit` written in `target` when they differ by a magnitude (2万元 in 元 is 20000)."""
    for u, t, sign in ((unit, target, 1), (target, unit, -1)):
        for mag, size in MAGNITUDES.items():
            if u == mag + t:
                return clean_float(value * size if sign == 1 else value / size)
    return value if unit == target else None


SUB_UNITS = ("角",)  # a range from one of these is written in the larger unit it runs to


def _exact(q: Match) -> bool:
    return q.rule == "bare" and not q.approx and q.min is not None and q.min == q.max


# 40℃±1℃ and 37±2℃: a value and its tolerance are the range value-tol to value+tol (NOTES-W1).
BARE_VALUE = re.compile(r"(?P<v>\d+(?:\.\d+)?) ?$")


def _tolerance(text: str, prev: Match | None, q: Match) -> Match | None:
    if not _exact(q) or text[q.start - 1: q.start] != "±" and text[q.start - 2: q.start] != "± ":
        return None
    head = text[:q.start].rstrip(" ")[:-1]
    if prev is not None and prev.end == len(head.rstrip(" ")) and _exact(prev) and prev.unit == q.unit:
        start, value = prev.start, prev.min
    else:
        v = BARE_VALUE.search(head, max(0, len(head) - 12))
        if v is None or (v.start() and text[v.start() - 1].isalnum() and text[v.start() - 1].isascii()):
            return None
        start, value = v.start(), to_number(v.group("v"))
    if value is None or q.min >= value:
        return None
    return Match(start, q.end, start, text[start:q.start].rstrip("± "), q.num, q.unit, q.kind,
                 clean_float(value - q.min), clean_float(value + q.min), False, "tolerance", q.post)


def _bounded_below(text: str, prev: Match, gap: str | None) -> bool:
    """`满一年不满两年`: a bare number after a lower-bound word, then an upper-bound word."""
    if prev.rule != "bare" or not gap:
        return False
    mk = left_marker(text[max(0, prev.start - 4):prev.start])
    return mk is not None and mk[0] == "min" and mk[2] == 0


def _join_ranges(text: str, found: list[Match]) -> list[Match]:
    """'N以上M以下' / 'N以上不满M' with one unit: one quota, min N and max M (NOTES-X1); a range
    printed with a unit at both ends (3天至5天, 780nm～1mm, written in the first end's unit) and a
    value with its tolerance (40℃±1℃) are one quota too."""
    out: list[Match] = []
    for q in found:
        prev = out[-1] if out else None
        tol = _tolerance(text, prev, q)
        if tol is not None:
            if prev is not None and prev.start == tol.start:
                out.pop()
            out.append(tol)
            continue
        gap = text[prev.end:q.start].strip() if prev else None
        if prev and gap and len(gap) == 1 and gap in RANGE_SEPS and _exact(prev) and _exact(q):
            lo = _in_unit(prev.min, prev.unit, q.unit) if prev.unit in SUB_UNITS else None
            if lo is not None:
                # 六角至十二元: money is written in 元 (NOTES-V2), not in the first end's 角
                if lo < q.max:
                    out[-1] = Match(prev.start, q.end, prev.num_start, prev.num, q.num, q.unit, q.kind,
                                    lo, q.max, False, "range", q.post)
                    continue
            top = _in_unit(q.max, q.unit, prev.unit)
            if top is not None and top > prev.min:
                out[-1] = Match(prev.start, q.end, prev.num_start, prev.num, q.num, prev.unit, prev.kind,
                                prev.min, top, False, "range", q.post)
                continue
        upper = q.post in POST_MAX or bool(gap)  # 6个月以下, or 不满 before a bare 五十万元
        if (prev and (prev.rule == "post_min" and prev.post in POST_MIN or _bounded_below(text, prev, gap))
                and gap in RANGE_UPPER
                and upper and not q.approx and prev.min is not None and q.max is not None):
            top = _in_magnitude(q.max, q.unit, prev.unit)  # 2000元以上2万元以下 is 2000-20000 元
            if top is not None and prev.min < top:
                out[-1] = Match(prev.start, q.end, prev.num_start, prev.num, q.num, prev.unit, q.kind,
                                prev.min, top, False, "range_bounds", q.post)
                continue
        out.append(q)
    return out


def scan(text: str, start: int, end: int, word_check=None, blockers: bool = True) -> list[Match]:
    """Every numeral-with-unit in text[start:end], with its right-hand modifiers; no exclusions.

    `word_check(text, unit_start, unit_end)` may veto a unit that does not end a word
    (segment.unit_ends_word); the default is the blocker lists alone (see segment.py).
    """
    out = []
    for m in PERCENT_WORDS.finditer(text, start, end):
        a = number_value(m.group("pn"))
        b = number_value(m.group("pn2")) if m.group("pn2") else a
        if a is not None and b is not None and a <= b:
            out.append(_finish(text, m, ("%", "rate"), a, b, end))
    for m in core_pattern().finditer(text, start, end):
        unit = unit_of(m)
        if blockers and next_blocks(text, m):
            continue
        if word_check and m.group("unit") and not word_check(text, m.start("unit"), m.end("unit")):
            continue
        vals = values(m)
        if vals is None:
            continue
        lo, hi, approx = vals
        core_end = None
        sub = SUB_YUAN.match(text, m.end(), end) if m.group("unit") in YUAN_UNITS and lo == hi else None
        if sub:
            cents = to_number(sub.group("jiao")) * 10 + (to_number(sub.group("fen")) if sub.group("fen") else 0)
            lo = hi = round(lo + cents / 100, 2)
            core_end = sub.end()
        out.append(_finish(text, m, unit, lo, hi, end, core_end, approx))
    found = sorted(out, key=lambda q: q.start)
    # the 角 of `一元二角` is read inside the amount already: it is no amount of its own
    found = [q for i, q in enumerate(found)
             if not (i and q.unit == "角" and found[i - 1].unit in YUAN_UNITS and q.start < found[i - 1].end)]
    return _join_ranges(text, found)
