"""Pinyin a repost injected after characters: `卫(wèi)生健康委`, `卫（wei4）生` -> `卫生健康委`.

A bracket right after a CJK character whose content is one to four pinyin syllables, each
carrying a tone (a tone-marked vowel or a tone digit 1-5), is deleted whole. Toneless Latin
stays (units `克（mg）`, abbreviations `(WHO)`, `朝（zhao）` is ambiguous), and so do
brackets of CJK or digits (`（试行）`, `（2019）`, `(a)`), so a text's own parentheses are
never touched. The syllable check (INITIALS + FINALS) keeps English words out.
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.normalize.offsets import Edit

TONE_VOWELS = "āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜńňǹḿ"
# one flat class, then the syllable check in Python: no nested quantifiers to backtrack over
BRACKET = re.compile(rf"[(（]([a-zü{TONE_VOWELS}1-5 ']{{1,30}})[)）]")
MAX_SYLLABLES = 4
INITIALS = ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw", "")
FINALS = frozenset(
    "a o e i u v ai ei ao ou an en ang eng ong er ia ie iao iu iou ian in iang ing iong ua uo uai ui uei uan un "
    "uen uang ueng ve ue van vn".split())
# m, n, ng stand alone only with a tone mark (ḿ, ń): with a digit they are units (m2, km2)
NASALS = frozenset(("m", "n", "ng"))


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _plain(s: str) -> tuple[str, bool]:
    """The syllables without tone marks (ü as v), and whether a tone mark was there."""
    out, toned = [], False
    for ch in s:
        if ch in TONE_VOWELS:
            toned = True
            ch = unicodedata.normalize("NFD", ch)[0]
        out.append("v" if ch == "ü" else ch)
    return "".join(out), toned


def is_pinyin(s: str) -> bool:
    """Whether s is one to four toned pinyin syllables."""
    plain, toned = _plain(s)
    words = plain.replace("'", " ").split()
    if not words or len(words) > MAX_SYLLABLES:
        return False
    for w in words:
        digit = w[-1].isdigit()
        bare = w[:-1] if digit else w
        if not (toned or digit) or not (_syllable(bare) or (toned and bare in NASALS)):
            return False
    return True


def _syllable(w: str) -> bool:
    return any(w.startswith(i) and w[len(i):] in FINALS for i in INITIALS if len(w) > len(i))


def annotations(text: str) -> list[Edit]:
    """Deletions of pinyin brackets after CJK characters."""
    return [(m.start(), m.end(), "") for m in BRACKET.finditer(text)
            if m.start() and _han(text[m.start() - 1]) and is_pinyin(m.group(1))]
