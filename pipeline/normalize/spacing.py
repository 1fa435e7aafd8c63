"""Re-join letter-spaced Chinese (`微 信 题 库` -> `微信题库`, `2 0 1 3` -> `2013`), and close
the spaces Markdown sources put around a number inside Chinese text (`近 5 年来` -> `近5年来`).

Only runs of at least three single ideographs (digits allowed among them) separated by one
to three spaces are joined, and a spaced year only when it reads 19xx or 20xx; a run of
multi-character words (`关于  卫生  通知`) and Latin words (`Your company name`) keep their
spaces, so a real word gap is never closed. The scan visits space runs only, since
ordinary Chinese text has few of them.
"""
from __future__ import annotations

import re

from pipeline.normalize.offsets import Edit

GAPS = re.compile(r" {1,3}(?=[\u3400-\u4dbf\u4e00-\u9fff\d])")
MIN_TOKENS = 3


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _token(ch: str) -> bool:
    return _han(ch) or ch.isdigit()


def letter_spaced(text: str) -> list[Edit]:
    """Deletions of the spaces inside letter-spaced runs."""
    n = len(text)
    gaps = [(m.start(), m.end()) for m in GAPS.finditer(text)
            if 0 < m.start() and _token(text[m.start() - 1])]
    edits: list[Edit] = []
    i = 0
    while i < len(gaps):
        j = i
        while j + 1 < len(gaps) and gaps[j + 1][0] == gaps[j][1] + 1:  # one character between gaps
            j += 1
        chain = gaps[i:j + 1]
        first, last = chain[0][0] - 1, chain[-1][1]
        before = text[first - 1] if first > 0 else " "
        after = text[last + 1] if last + 1 < n else " "
        if _joinable(text, chain, first, before, after):
            edits.extend((a, b, "") for a, b in chain)
        i = j + 1
    return edits


def _joinable(text: str, chain: list[tuple[int, int]], first: int, before: str, after: str) -> bool:
    if before.isalnum() or after.isdigit():  # a token is a whole word, not a piece of one
        return False
    tokens = [text[first]] + [text[b] for _, b in chain]
    if len(tokens) < MIN_TOKENS:
        return False
    hanzi = sum(1 for t in tokens if _han(t))
    if hanzi >= 2:
        return not _han(after)
    year = "".join(tokens)
    is_year = hanzi == 0 and len(year) == 4 and year[:2] in ("19", "20")
    return is_year and not (after.isascii() and after.isalpha())


# A number set off by spaces between Chinese characters or punctuation, as "pangu"
# spacing prints it in Markdown sources: `近 5 年来`, `约 2 万人`, `第 4404 号`, `（2012 年版）`.
# Left alone: a number opening a line (`1 范围`, a standard's clause heading) and Latin words.
_HAN_OR_PUNCT = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20"
NUMBER_IN_HAN = re.compile(rf"(?<=[{_HAN_OR_PUNCT}]) {{0,2}}(\d+(?:\.\d+)?) {{1,2}}(?=[\u3400-\u4dbf\u4e00-\u9fff])")


def number_spaced(text: str) -> list[Edit]:
    """Deletions of the spaces around a number set inside Chinese text.

    Extractors read `近5年` (a reference period), `约2万人` (a magnitude) and `475号` from the
    characters next to the number; the spaces hid them."""
    edits: list[Edit] = []
    for m in NUMBER_IN_HAN.finditer(text):
        if m.start() < m.start(1):
            edits.append((m.start(), m.start(1), ""))
        edits.append((m.end(1), m.end(), ""))
    return edits
