"""Chinese full-text search on SQLite FTS5 without a custom tokenizer.

FTS5's `unicode61` tokenizer keeps a run of hanzi as ONE token, and Datasette quotes
the typed query as a phrase, so `义诊` never matches `开展义诊活动`; the `trigram`
tokenizer cannot match queries shorter than three characters. So the catalogue
indexes a copy of the text in which every CJK character is paired with the next one
(`bigrams`: `开展义诊活动` -> `开展 展义 义诊 诊活 活动 动`), and the Datasette plugin
(`plugins/cjk_search.py`) replaces Datasette's SQL function `escape_fts` with
`fts_query`, which pairs the typed words the same way and quotes each as an FTS5
phrase: `义诊活动` -> `"义诊 诊活 活动"`, i.e. those four characters in a row. Latin
words and digit runs stay whole tokens; brackets and punctuation are separators on
both sides, so `晋卫办医政〔2013〕84号` also matches when typed with [] or ().

Why pairs and not one token per character (`spaced`, FTS_VERSION 1): on a 200k-document
catalogue a 2-character word over the per-character index is a phrase of two very common
tokens (卫生: 160 ms); over the pair index it is one token (22 ms), and 4-character words
are 3-10x faster (bench/README.md). The price is the writer's: ~1 ms more CPU per page to
index pairs (a larger vocabulary), measured with bench/.

`bigrams` and `fts_query` must agree: bump FTS_VERSION when either changes, and the
loader rebuilds the index (the next ingest reloads every source).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FTS_VERSION = 3  # 1: per-character index (`spaced`); 2: per-pair index (`bigrams`); 3: pairs stop at separators

# CJK radicals .. CJK unified ideographs (incl. punctuation, kana, ext. A), Hangul,
# compatibility ideographs, fullwidth forms left after NFKC, and the supplementary planes.
_CJK = "[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\U00020000-\U0003134f]"
CJK_CHAR = re.compile(f"({_CJK})")
CJK_RUN = re.compile(f"({_CJK}+)")  # split() puts the runs at the odd places
QUERY_BITS = re.compile(r'"([^"]*)"|(\S+)')
TOKEN = re.compile(r"\w+")

# Characters common in notices that NFKC changes on their own (fullwidth ASCII, the
# ideographic space, circled and parenthesized numbers, roman numerals, the ellipsis):
# each is replaced by its full compatibility decomposition (NFKD), which leaves the NFKC
# of the whole text unchanged, so when what remains is already NFKC, it IS the NFKC of
# the text; else `unicodedata.normalize` runs on it. Both roads give the same string.
_FOLDABLE = (*range(0xFF01, 0xFF5F), 0x3000, 0x00A0, 0x2026, *range(0x2460, 0x249C), *range(0x2160, 0x2180),
             *range(0x3220, 0x3230))


@lru_cache(maxsize=1)
def _folding() -> tuple[re.Pattern, dict[str, str]]:
    """The foldable characters' pattern and their NFKD (built on first use: imports stay cheap)."""
    fold = {chr(c): unicodedata.normalize("NFKD", chr(c)) for c in _FOLDABLE}
    return re.compile("[" + "".join(map(re.escape, fold)) + "]"), fold


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, ~5x faster on notice text (see _FOLDABLE)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    pattern, fold = _folding()
    text = pattern.sub(lambda m: fold[m.group()], text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def spaced(text: str | None) -> str:
    """`text` with every CJK character surrounded by spaces (what `bigrams` pairs up).

    The same string as `CJK_CHAR.sub(r" \\1 ", unicodedata.normalize("NFKC", text))`, ~7x
    faster: a run of CJK characters `abc` becomes ` a  b  c ` in one join.
    """
    if not text:
        return ""
    parts = CJK_RUN.split(nfkc(text))
    parts[1::2] = [" " + "  ".join(run) + " " for run in parts[1::2]]
    return "".join(parts)


def spaced_reference(text: str | None) -> str:
    """The definition `spaced` must equal (one regex substitution per character; tests compare)."""
    if not text:
        return ""
    return CJK_CHAR.sub(r" \1 ", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # the index still works for simplified queries
        return None
    return opencc.OpenCC("t2s")


def fold_query(query: str) -> str:
    """NFKC and traditional->simplified, as the normalize stage does to the indexed text."""
    query = unicodedata.normalize("NFKC", query)
    conv = _t2s()
    return conv.convert(query) if conv is not None else query


MAX_QUERY_CHARS = 500  # a longer query is refused before any work (see fts_query)
OR_WORDS = ("OR", "|")
NOT_WORDS = ("NOT",)


class QueryTooLong(ValueError):
    """A search longer than MAX_QUERY_CHARS: refused, so `escape_fts` from ?sql= stays bounded."""


def fts_query(query: str | None) -> str:
    """A typed search as an FTS5 query over the pair index (`bigrams`).

    Syntax (README "Searching"):
    - words separated by spaces must all occur: `义诊 农村`;
    - `A OR B` (or `A | B`): either word; OR binds two neighbouring words, before AND;
    - `-word` or `NOT word`: documents without it (a query of negatives only matches nothing);
    - `"a phrase"`: the characters in a row, spaces and punctuation inside kept as separators.
    Every word is literal text: FTS5 syntax typed by a user (`*`, `:`, `NEAR`, quotes) is
    never passed through. A word becomes the phrase of its `bigrams` tokens, minus the lone
    last character (the text may go on after it): `义诊活动` -> `"义诊 诊活 活动"`; a word
    ending in a single character after a digit or Latin token, or of one character, ends in
    a prefix (`84号` -> `"84 号" *`: 号 then any character, or none). Pairs never cross a
    punctuation mark, a space or a line break (`bigrams`), so `医保` does not match `兽医，保障`.

    Raises QueryTooLong past MAX_QUERY_CHARS: the SQL function runs outside SQLite's
    progress handler, so Datasette's time limit cannot stop it.
    """
    if query and len(query) > MAX_QUERY_CHARS:
        raise QueryTooLong(f"search longer than {MAX_QUERY_CHARS} characters")
    groups: list[list[str]] = []  # ANDed groups of ORed phrases
    negatives: list[str] = []
    join_next = False
    for quoted, bare in QUERY_BITS.findall(fold_query(query or "")):
        if not quoted and bare in OR_WORDS:
            join_next = bool(groups)
            continue
        negative = False
        if not quoted and bare in NOT_WORDS:
            negatives.append("")  # the next word is negative
            continue
        if not quoted and bare.startswith("-") and len(bare) > 1:
            negative, bare = True, bare[1:]
        if negatives and negatives[-1] == "":
            negatives.pop()
            negative = True
        phrase = _phrase(quoted or bare)
        if phrase is None:
            continue
        if negative:
            negatives.append(phrase)
        elif join_next:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        join_next = False
    negatives = [n for n in negatives if n]
    if not groups:
        return '""'
    out = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    for n in negatives:
        out = f"({out}) NOT {n}"
    return out


def _phrase(word: str) -> str | None:
    """One word or quoted phrase as an FTS5 phrase of pair-index tokens (None: no token)."""
    tokens = _UNICODE61_TOKEN.findall(bigrams(word))
    if not tokens:
        return None
    prefix = False
    last = tokens[-1]
    if len(last) == 1 and CJK_CHAR.match(last):
        if len(tokens) > 1 and len(tokens[-2]) == 2 and tokens[-2][1] == last:
            tokens.pop()  # the lone end of a run: the text may pair it with what follows
        else:
            prefix = True  # a one-character run: any pair starting with it, or it alone
    return '"' + " ".join(tokens).replace('"', '""') + '"' + (" *" if prefix else "")


# A token as unicode61 cuts one: letters and digits; '_' and punctuation separate.
_UNICODE61_TOKEN = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W_]")


@lru_cache(maxsize=1)
def _cjk_words() -> re.Pattern:
    """A run of CJK letters: CJK_CHAR's ranges minus punctuation such as 。、《 (separators)."""
    ranges: list[list[int]] = []
    for cp in range(0x110000):
        if chr(cp).isalnum() and CJK_CHAR.match(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return re.compile("([" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]+)")


def bigrams(text: str | None) -> str:
    """`text` as the pair index stores it: each CJK character with the next one.

    Take the tokens unicode61 finds in `spaced(text)` (lone CJK characters; Latin words
    and digit runs); every lone character followed by another lone character becomes the
    pair of both, and the others stay as they are: `义诊，每个2000人次` ->
    `义诊 诊 每个 个 2000 人次 次`. A pair never crosses a punctuation mark, a space, a line
    break or a digit (FTS_VERSION 3: `兽医，保障` is `兽医 医 保障 障`, so `医保` does not
    match it); the run's last character stands alone, so a phrase typed across punctuation
    (`"兽医，保障"`) still matches, and `fts_query` reads it the same way.
    """
    from operator import add

    if not text:
        return ""
    parts = _cjk_words().split(nfkc(text))  # CJK letter runs at the odd places
    for i in range(1, len(parts), 2):
        run = parts[i]
        parts[i] = " " + " ".join(map(add, run, run[1:])) + " " + run[-1] + " "
    return "".join(parts)
