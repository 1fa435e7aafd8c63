"""The numeral grammar: Chinese and Arabic numerals to numbers (二〇〇九, 十七, 两千, 一百零五,
一千零十, 1.1万, 82，225.00, 三点五亿, 百分之二点一五, 壹佰壹拾壹, 七八 as 7-8).

The one reader of numerals: every extractor (quotas, dates, deadlines, outline) and reader
uses it. Entry point `to_number` (either script, decimals, a trailing 万/亿); helpers
`cn_digits` (years read digit by digit), `cn_int` (positional Chinese numerals),
`approx_range` (七八, 十五六), `shared_magnitude` (三至五万: both ends in 万), and the regex
pieces `ARABIC` / `CN_NUMERAL` that the quota and date grammars build on.
"""
from __future__ import annotations

import re

DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "o": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2,
          "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
          "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
CN_NUMERAL = f"[{CN_NUMERAL_CHARS}]+"
# Chinese numerals as they appear in running text: the Latin look-alikes (O, o) that
# `DIGITS` accepts for scanned years would make every English word a numeral.
CN_TEXT_NUMERAL = "[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+"
# A comma (ASCII or full-width) is a thousands separator only before exactly three digits:
# `82，225.00` is one number, `3，5人` a list.
ARABIC = r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?"
CN_DECIMAL_POINT = "点"
MAX_NUMERAL_CHARS = 40  # 三点五亿, 百分之二点一五: the fraction is read digit by digit
_ARABIC_RE = re.compile(ARABIC)
MAGNITUDES = {"万亿": 10 ** 12, **BIG_UNITS}
_MAGS_LONGEST_FIRST = sorted(MAGNITUDES.items(), key=lambda kv: -len(kv[0]))
ROUND_MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "十万": 100_000, "百万": 1_000_000,
                    "千万": 10_000_000, "亿": 100_000_000}
"""Bare magnitudes: `每千名儿童` is a rate denominator, `百名专家` a count of 100."""


def cn_digits(s: str) -> int | None:
    """Digit-by-digit reading used for years: 二〇〇九 -> 2009."""
    if not s or any(c not in DIGITS for c in s):
        return None
    return int("".join(str(DIGITS[c]) for c in s))


def cn_int(s: str) -> int | None:
    """Positional Chinese numeral: 十七 -> 17, 两千 -> 2000, 一百零五 -> 105, 三亿五千万 -> 350000000.

    A run of bare digits (二〇〇九) reads digit by digit; a trailing digit after a unit
    is the next lower place, as spoken (两万五 -> 25000, 三千五 -> 3500).
    """
    if not s:
        return None
    if all(c in DIGITS for c in s):
        return cn_digits(s) if len(s) > 1 else DIGITS[s]
    total = wan = section = 0  # completed 亿 groups, the 万 group, the part below 万
    digit: int | None = None
    last_unit = 0
    prev = ""
    for c in s:
        if c in DIGITS:
            if digit is not None and prev in DIGITS and DIGITS[prev] != 0:
                return None  # 三五 is a range or a code, not a number
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            section += (digit or 1) * SMALL_UNITS[c]  # 一千零十: 零 before a bare 十 is one 十
            digit, last_unit = None, SMALL_UNITS[c]
        elif c in BIG_UNITS:
            big = BIG_UNITS[c]
            group = section + (digit or 0)
            if big == 10_000:
                wan = (group or 1) * big  # a bare 万 is one 万
            else:
                total += ((wan + group) or 1) * big
                wan = 0
            section, digit, last_unit = 0, None, big
        else:
            return None
        prev = c
    if digit and prev in DIGITS and last_unit >= 100 and s[-2] not in DIGITS:
        digit *= last_unit // 10  # 三千五 = 3500
    return total + wan + section + (digit or 0)


def clean_float(x: float) -> float | int:
    """Round away binary noise (1.1 * 10000) and keep integers as int."""
    r = round(x, 6)
    return int(r) if r == int(r) else r


def _cn_decimal(s: str) -> float | int | None:
    """三点五亿 -> 350000000, 二点一五 -> 2.15, 零点五 -> 0.5: integer part, point, digits, magnitude."""
    whole, _, frac = s.partition(CN_DECIMAL_POINT)
    scale = 1
    for mag, value in _MAGS_LONGEST_FIRST:
        if frac.endswith(mag):
            frac, scale = frac[: -len(mag)], value
            break
    head = 0 if whole in ("零", "〇") else cn_int(whole)
    tail = cn_digits(frac) if frac else None
    if head is None or tail is None or (len(whole) > 1 and all(c in DIGITS for c in whole)):
        return None
    return clean_float((head + float("0." + "".join(str(DIGITS[c]) for c in frac))) * scale)


def to_number(s: str) -> float | int | None:
    """Arabic (with , separators, an optional trailing 万/亿) or Chinese numeral (decimals with 点
    too); ints stay ints. The one entry point for reading a printed number."""
    s = s.strip().replace(",", "").replace("，", "")
    if not s or len(s) > MAX_NUMERAL_CHARS:
        return None  # a run of figures that long is a code or a hostile page, not an amount
    if CN_DECIMAL_POINT in s:
        return _cn_decimal(s)
    scale = 1
    if s[-1] in "万亿萬億":
        for mag, value in _MAGS_LONGEST_FIRST:
            if s.endswith(mag) and _ARABIC_RE.fullmatch(s[: -len(mag)]):
                s, scale = s[: -len(mag)], value
                break
    if _ARABIC_RE.fullmatch(s):
        if scale == 1 and "." not in s:
            return int(s)
        return clean_float(float(s) * scale)
    return cn_int(s)


def number_value(s: str) -> float | int | None:
    """A printed numeral of either script, with 百分之 dropped (百分之五 -> 5)."""
    s = s.strip()
    if s.startswith("百分之"):
        s = s[3:]
    return to_number(s)


def approx_range(s: str) -> tuple[int, int] | None:
    """七八 -> (7, 8), 十五六 -> (15, 16), 两三 -> (2, 3): two neighbouring digits, an approximate range.

    Only neighbours (三五 is an idiom or a code, 一二 a list); a stem before them must end in a
    place (十, 百, 千, 万) so that 十五六 reads 15-16."""
    if len(s) < 2 or s[-1] not in DIGITS or s[-2] not in DIGITS:
        return None
    a, b, stem = DIGITS[s[-2]], DIGITS[s[-1]], s[:-2]
    if a == 0 or b != a + 1 or (stem and stem[-1] not in SMALL_UNITS and stem[-1] not in BIG_UNITS):
        return None
    lo, hi = (cn_int(stem + s[-2]), cn_int(stem + s[-1])) if stem else (a, b)
    return (lo, hi) if lo is not None and hi is not None else None


SHARED_PLACES = {"千": 1000, "仟": 1000, **BIG_UNITS}


def shared_magnitude(first: str, second: str) -> int:
    """The place both ends of a range share when only the second prints it: 三至五万 -> 10000.

    1 when the first end prints its own magnitude or is larger than the second's stem
    (五千至一万 is 5000-10000, not 5000万-1万)."""
    if not second or second[-1] not in SHARED_PLACES or any(c in SHARED_PLACES for c in first):
        return 1
    a, stem = to_number(first), to_number(second[:-1]) if len(second) > 1 else 1
    if a is None or stem is None or a >= stem:
        return 1
    return SHARED_PLACES[second[-1]]


def is_round_magnitude(s: str) -> bool:
    """True for a bare 十/百/千/万/十万… or 10/100/1000…: the denominators of rates."""
    s = s.strip()
    return s in ROUND_MAGNITUDES or s in {"10", "100", "1000", "10000", "100000"}


def is_year_numeral(s: str) -> bool:
    """A numeral that reads as a calendar year before 年: 2013, 二〇一三, 201 (a mangled year)."""
    s = s.strip()
    if s.isdigit():
        return len(s) >= 3
    return len(s) >= 2 and all(c in DIGITS for c in s)
