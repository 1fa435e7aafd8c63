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

FTS_VERSION = 2  # 1: per-character index (`spaced`); 2: per-pair index (`bigrams`)

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


def fts_query(query: str | None) -> str:
    """A typed search (words separated by spaces, "quoted phrases" kept) as an FTS5 query.

    Every word becomes a phrase of its tokens, in two spellings ORed, and the words are
    ANDed. Operators are never interpreted: the typed text is always literal, as in
    Datasette's own escape_fts. A query with no word character matches nothing.

    - per character, for an index of `spaced` text: `义诊活动` -> `"义 诊 活 动"`;
    - per pair, for an index of `bigrams` text: `"义诊 诊活 活动"`. A CJK character
      that ends the word pairs with nothing: inside a longer word it is the second half
      of the previous pair; alone, or after a digit or Latin token (`84号`), it is a
      prefix (`"84 号" *`: 号 then any character, or none). A character followed by a
      digit or Latin token in the query stands alone, as `bigrams` writes it there.

    Each spelling matches exactly the same documents on its own index and nothing on the
    other (a per-character phrase needs two lone characters in a row, which `bigrams`
    never writes; pairs never occur in `spaced` text), so one query serves either
    index while the catalogue moves from one to the other. On the pair index a 2-character
    word is ONE token instead of a phrase of two very common ones: 5-40x faster.
    """
    groups = []
    for quoted, bare in QUERY_BITS.findall(fold_query(query or "")):
        tokens = _UNICODE61_TOKEN.findall(spaced(quoted or bare))
        if not tokens:
            continue
        lone = [len(t) == 1 and CJK_CHAR.match(t) is not None for t in tokens]
        pairs, prefix = [], False
        for i, token in enumerate(tokens):
            last = i + 1 == len(tokens)
            if lone[i] and not last and lone[i + 1]:
                pairs.append(token + tokens[i + 1])
            elif not (lone[i] and last and i and lone[i - 1]):  # else inside the previous pair
                pairs.append(token)
                prefix = lone[i] and last
        chars = '"' + " ".join(tokens).replace('"', '""') + '"'
        paired = '"' + " ".join(pairs).replace('"', '""') + '"' + (" *" if prefix else "")
        groups.append(paired if pairs == tokens else f"({chars} OR {paired})")
    return " AND ".join(groups) or '""'


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
    `义诊 诊每 每个 个 2000 人次 次`. There is one token per token of the per-character
    index, so a phrase of n characters there is a phrase of n-1 pairs here, with the same
    matches (punctuation and spaces still separate nothing: `诊每` is a pair, as `诊 每`
    is a phrase of `spaced`), and `fts_query` reads both.
    """
    from operator import add

    if not text:
        return ""
    parts = _cjk_words().split(nfkc(text))  # CJK letter runs at the odd places
    n, letter = len(parts), _LETTER.search
    for i in range(1, n, 2):
        run = parts[i]
        if i + 2 < n and not letter(parts[i + 1]):  # only separators before the next run
            run += parts[i + 2][0]
            parts[i] = " " + " ".join(map(add, run, run[1:])) + " "
        else:  # the last character stands alone
            parts[i] = " " + " ".join(map(add, run, run[1:])) + " " + run[-1] + " "
    return "".join(parts)
