"""Character folds and whitespace tidying (the declared folds other than t2s and noise).

Folded one to one: full-width digits, Latin letters, ％ and ．(to ASCII, as NFKC would);
Kangxi radicals and CJK compatibility ideographs (which PDF text layers emit for 一, 日,
...) to their unified ideographs; every space character to " "; every line separator to
"\\n". Full-width punctuation （）〔〕【】：，、 is kept as printed, since extractors key on it.
Deleted: zero-width characters, soft hyphens, \\r before \\n. Then each line is stripped,
space runs collapse to one, and at most one blank line is kept; `??` opening a line (lost
indentation) goes.
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.normalize.offsets import Edit, Mapped

SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x1f"
CELL = "\t"  # kept: readers render table rows as tab-separated cells, and extractors read columns
LINE_BREAKS = "\r\u2028\u2029\x0b\x0c\x85\x1e"
LOST_INDENT = re.compile(r"^[?？]{2,}", re.M)
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1d\x7f]|\r(?=\n)")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for cp in range(lo, hi + 1):
            table[cp] = chr(cp - 0xFEE0)
    table[0xFF05] = "%"
    table[0xFF0E] = "."
    table[0xFE5D], table[0xFE5E] = "〔", "〕"  # small-form brackets of a 发文字号 (冀科人规﹝2021﹞1号; NFKC agrees)
    for lo, hi in ((0x2F00, 0x2FD5), (0x2E80, 0x2EF3), (0xF900, 0xFAFF), (0x2F800, 0x2FA1D)):
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    for ch in SPACES:
        table[ord(ch)] = " "
    for ch in LINE_BREAKS:
        table[ord(ch)] = "\n"
    return table


FOLD = _fold_table()


def _char_class(cps: list[int]) -> str:
    """A regex character class of code points, written as ranges (a long list of singles is slow)."""
    ranges: list[list[int]] = []
    for cp in sorted(cps):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]"


FOLDABLE = re.compile(_char_class(list(FOLD)) + "+")


def fold_char(ch: str) -> str:
    """The one-to-one fold of one raw character (used by the offset-map tests too)."""
    return ch.translate(FOLD)


def fold(m: Mapped) -> Mapped:
    """Delete invisible characters, then fold one to one."""
    m = m.apply((x.start(), x.end(), "") for x in ZERO_WIDTH.finditer(m.text))
    # str.translate with a large table is slow on CJK text; fold only the runs that need it
    return Mapped(FOLDABLE.sub(lambda x: x.group().translate(FOLD), m.text), m.map)


SPACE_RUN = re.compile(r" +")
NEWLINE_RUN = re.compile(r"\n{3,}")


def tidy(m: Mapped) -> Mapped:
    """Strip lines, collapse space runs, keep at most one blank line, trim the ends.

    A run of question marks opening a line is indentation lost to a lossy re-encoding
    (a repost site saving ideographic spaces as `?`): `??2018年5月14日` is a date line."""
    m = m.apply((x.start(), x.end(), "") for x in LOST_INDENT.finditer(m.text))
    text, n = m.text, len(m.text)
    edits: list[Edit] = []
    for x in SPACE_RUN.finditer(text):
        a, b = x.start(), x.end()
        if a == 0 or b == n or text[a - 1] == "\n" or text[b] == "\n":
            edits.append((a, b, ""))
        elif b - a > 1:
            edits.append((a + 1, b, ""))
    m = m.apply(edits)
    m = m.apply((x.start() + 2, x.end(), "") for x in NEWLINE_RUN.finditer(m.text))
    start = len(m.text) - len(m.text.lstrip("\n"))
    end = len(m.text.rstrip("\n"))
    if start or end < len(m.text):
        m = Mapped(m.text[start:end], m.map[start:end])
    return m
