"""The quota lexicon: the unit vocabulary (`data/quota_units.txt`) and the core pattern
that reads one numeral with its optional range, magnitude, exponent and unit.

A unit may carry a denominator after `/` (IU/ml, 天/月, 次/年): the grammar is general, so
a new measuring unit is one line of data, not a new pattern. `quota_grammar` adds the
comparators and modifiers around a core match; `quotas` decides which matches count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.grammar.numerals import approx_range, number_value, shared_magnitude

DATA = Path(__file__).parent / "data"

# 千 before 米/克/瓦 is the unit's prefix (十千米 is 10 千米, 20千克 is 20 千克), not a place. The
# check is an assertion after the character, so the pattern still starts with one class.
_NUMERAL_CLASS = r"[\d〇○零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟](?!(?<=千)[米克瓦])"
# A point between Chinese digits is a decimal point (三点五亿); a comma, ASCII or full-width,
# only before exactly three digits (82，225.00); a full-width one before a Latin unit ends a
# clause (测试信号2，130Hz). The token is checked by numerals.to_number.
TOKEN = (rf"{_NUMERAL_CLASS}(?:{_NUMERAL_CLASS}|\.(?=\d)|点(?=[〇零一二两三四五六七八九])"
         rf"|,(?=\d{{3}}(?!\d))|，(?=\d{{3}}(?![\dA-Za-zμ])))*")
RANGE_SEPS = "-—–～~至到"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# 10⁶ / 10^6 / 2×10⁶: a power of ten written out (猴痘 "10⁶ CFU/mL"); plain 106 is a number.
EXPONENT = r"(?:(?P<times>[×xX*] ?10)?(?P<exp>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\d{1,2}))?"
MAGNITUDE_TAIL = re.compile(r"(\d[\d,.]*)(万亿|亿|万)$")
# Titres are powers of ten. A reader that drops superscript formatting turns 10⁶ CFU/mL into
# "106 CFU/mL" (every .doc/.docx guideline here does); 101-109 before these units is read
# as 10¹-10⁹. A reader that keeps superscripts makes this fallback unnecessary.
LOG_SCALE_UNITS = ("CFU", "cfu", "PFU", "pfu", "copies", "TCID50")
LOST_SUPERSCRIPT = re.compile(r"10[1-9]")
# kinds only valid in some places: "per" units only after `/` (mg/dL), "period" units
# (月, 季: calendar words) only as a formula operand or a denominator (250天÷12月).
DENOMINATOR_ONLY = ("per",)


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    blockers: str  # next characters that make the unit part of a longer word


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Unit]:
    """Every line of the unit data, denominator-only units included, read once."""
    out = {}
    for line in (DATA / "quota_units.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out[parts[0]] = Unit(parts[0], parts[1], parts[2] if len(parts) > 2 else "")
    return out


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Units that may follow a number directly."""
    return {k: u for k, u in vocabulary().items() if u.kind not in DENOMINATOR_ONLY}


def _alternation(names) -> str:
    return "|".join(re.escape(u) for u in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def core_pattern() -> re.Pattern[str]:
    """Numeral, optional exponent and range, approximation and unit (the half forms 个半月 / 年半 too).

    The pattern starts with one character class (a numeral character), the cheapest start
    sre can scan for; an Arabic number's trailing 万/亿 is split off into the unit later.
    A denominator is any unit word after `/`, not followed by a Latin letter (mm/mv is no mm/m).
    """
    per = _alternation(k for k, u in vocabulary().items() if u.kind != "size")
    return re.compile(
        rf"(?P<n1>{TOKEN}){EXPONENT}(?P<pct1>[%％])?"
        rf"(?: ?(?P<sep>[{RANGE_SEPS}]) ?(?P<n2>{TOKEN}))?"
        rf" ?(?P<more>余|多)?"
        rf" ?(?:(?P<half>个半(?:月|小时)|年半)|(?P<unit>{_alternation(units())})"
        rf"(?:/(?P<per>{per})(?![A-Za-z]))?)")


def split_magnitude(num: str | None) -> tuple[str | None, str]:
    """'4.2万' -> ('4.2', '万'): an Arabic number keeps its magnitude in the unit (FORMAT.md)."""
    tail = MAGNITUDE_TAIL.match(num or "")
    return (tail.group(1), tail.group(2)) if tail else (num, "")


def unit_of(m: re.Match[str]) -> tuple[str, str]:
    """(printed unit, kind); a unit with a denominator is a rate (天/季, IU/ml)."""
    unit = m.group("unit")
    half = m.group("half")
    if half:
        unit = "年" if half == "年半" else half.replace("半", "")
    base = units().get(unit) or units().get(unit.lstrip("个")) or Unit(unit, "time", "")
    mag = split_magnitude(m.group("n2") or m.group("n1"))[1]
    if m.group("per"):
        return mag + unit + "/" + m.group("per"), "rate"
    return mag + unit, base.kind


# One-letter SI symbols follow Arabic figures only (三h is no printing anyone uses), and a
# diopter only a decimal: 4.00D, but 3D打印 is a name.
LATIN_SINGLE = frozenset("hsgLmD")
DECIMAL_ONLY = frozenset("D")


def next_blocks(text: str, m: re.Match[str]) -> bool:
    """The unit is the first character of a longer word (五部门, 一次性, 3项目), or a one-letter
    symbol after a numeral that cannot carry it (LATIN_SINGLE)."""
    unit = m.group("unit")
    if not unit or m.group("half"):
        return False
    if unit in LATIN_SINGLE:
        nums = m.group("n1") + (m.group("n2") or "")
        if not nums[-1:].isdigit() or (unit in DECIMAL_ONLY and "." not in m.group("n1")):
            return True
        after = text[m.end("unit"): m.end("unit") + 2]
        if after[:1] == " " and after[1:].isascii() and after[1:].isalpha():
            return True  # `16s rRNA`, `5G network`: the letter names something, it measures nothing
    end = m.end("per") if m.group("per") else m.end("unit")
    nxt = text[end: end + 1]
    if unit.isascii() or m.group("per"):
        return nxt.isascii() and nxt.isalnum()
    return bool(nxt) and nxt in units()[unit].blockers


def _power(m: re.Match[str], a):
    """10⁶ -> 1000000, 2×10⁶ -> 2000000; None when the exponent is not on a power of ten."""
    exp = int(m.group("exp").lstrip("^").translate(SUPERSCRIPTS))
    if m.group("times"):
        return a * 10 ** exp
    return 10 ** exp if m.group("n1") == "10" else None


def values(m: re.Match[str]) -> tuple[float | int | None, float | int | None, bool] | None:
    """(min, max, approximate) of the core match; None when the numerals do not read."""
    n1, mag1 = split_magnitude(m.group("n1"))
    n2, mag2 = split_magnitude(m.group("n2"))
    if m.group("n2") and mag1 and mag1 != mag2:
        return None  # 3万-5 is no range
    a = number_value(n1)
    near = approx_range(n1) if not n2 and not m.group("exp") else None
    if near:
        return near[0], near[1], True  # 七八公斤, 十五六人: an approximate range
    if a is None:
        return None
    if m.group("exp"):
        a = _power(m, a)
        if a is None or m.group("n2"):
            return None  # 5² is a footnote or a square, 10⁵-10⁶ no range we read
    elif m.group("unit") in LOG_SCALE_UNITS and LOST_SUPERSCRIPT.fullmatch(n1) and not m.group("n2"):
        a = 10 ** int(n1[2])
    if m.group("half"):
        a = a + 0.5
    b = number_value(n2) if n2 else None
    if n2 and b is not None and not mag2:
        a = a * shared_magnitude(n1, n2)  # 三至五万元: both ends are in 万
    if n2 and (b is None or b < a):
        return None  # 3-1 is not a range; a dash between numbers that fall is a code or a date
    return a, (b if b is not None else a), False
