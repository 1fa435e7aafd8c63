"""Chinese full-text search on SQLite FTS5 without a custom tokenizer.

FTS5's `unicode61` tokenizer keeps a run of hanzi as ONE token, and Datasette quotes
the typed query as a phrase, so `义诊` never matches `开展义诊活动`; the `trigram`
tokenizer cannot match queries shorter than three characters. So the catalogue
indexes a copy of the text in which every CJK character stands alone between spaces
(`spaced`), and the Datasette plugin (`plugins/cjk_search.py`) replaces Datasette's
SQL function `escape_fts` with `fts_query`, which spaces the typed words the same way
and quotes each as an FTS5 phrase: `义诊活动` -> `"义 诊 活 动"`, i.e. those four
characters in a row. Latin words and digit runs stay whole tokens; brackets and
punctuation are separators on both sides, so `晋卫办医政〔2013〕84号` also matches
when typed with [] or ().

`spaced` and `fts_query` must agree: bump FTS_VERSION when either changes, and the
loader rebuilds the index.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FTS_VERSION = 1

# CJK radicals .. CJK unified ideographs (incl. punctuation, kana, ext. A), Hangul,
# compatibility ideographs, fullwidth forms left after NFKC, and the supplementary planes.
CJK_CHAR = re.compile(r"([\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\U00020000-\U0003134f])")
QUERY_BITS = re.compile(r'"([^"]*)"|(\S+)')
TOKEN = re.compile(r"\w+")


def spaced(text: str | None) -> str:
    """`text` with every CJK character surrounded by spaces (what the index stores)."""
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

    Every word becomes a phrase of its tokens; the phrases are ANDed (FTS5's implicit
    operator). Operators are never interpreted: the typed text is always literal, as in
    Datasette's own escape_fts. A query with no word character matches nothing.
    """
    phrases = []
    for quoted, bare in QUERY_BITS.findall(fold_query(query or "")):
        tokens = TOKEN.findall(spaced(quoted or bare))
        if tokens:
            phrases.append('"' + " ".join(tokens).replace('"', '""') + '"')
    return " ".join(phrases) or '""'
