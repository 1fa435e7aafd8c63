"""Chinese and Arabic numerals to numbers (二〇〇九, 十七, 两千, 1.1万, 百分之五)."""
from __future__ import annotations

import re

DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "o": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2,
          "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
          "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
CN_NUMERAL = f"[{CN_NUMERAL_CHARS}]+"
ARABIC = r"\d+(?:\.\d+)?"


def cn_digits(s: str) -> int | None:
    """Digit-by-digit reading used for years: 二〇〇九 -> 2009."""
    if not s or any(c not in DIGITS for c in s):
        return None
    return int("".join(str(DIGITS[c]) for c in s))


def cn_int(s: str) -> int | None:
    """Positional Chinese numeral: 十七 -> 17, 两千 -> 2000, 一百零五 -> 105, 三万五千 -> 35000."""
    if not s:
        return None
    if all(c in DIGITS for c in s):
        return cn_digits(s) if len(s) > 1 else DIGITS[s]
    total, section, digit = 0, 0, None
    for c in s:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        elif c in BIG_UNITS:
            section += digit or 0
            total = (total + section) * BIG_UNITS[c]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def to_number(s: str) -> float | int | None:
    """Arabic (with , separators) or Chinese numeral; ints stay ints."""
    s = s.strip().replace(",", "").replace("，", "")
    if not s:
        return None
    if re.fullmatch(ARABIC, s):
        f = float(s)
        return int(f) if f.is_integer() and "." not in s else f
    return cn_int(s)
