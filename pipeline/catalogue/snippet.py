"""A search hit's snippet: the window of a document's text around the typed words, matches marked."""
from __future__ import annotations

import json

from pipeline.catalogue.fts import MAX_QUERY_CHARS, QUERY_BITS, fold_query

WINDOW = 60  # characters of context around the first match
NOT_WORDS = ("OR", "|", "NOT")


def query_words(query: str) -> list[str]:
    """The positive words of a typed search (phrases whole, OR/NOT/-words left out), folded."""
    out = []
    skip_next = False
    for quoted, bare in QUERY_BITS.findall(fold_query(query[:MAX_QUERY_CHARS])):
        word = quoted or bare
        if not quoted and bare == "NOT":
            skip_next = True
            continue
        if skip_next or (not quoted and (bare in NOT_WORDS or bare.startswith("-"))):
            skip_next = False
            continue
        if word.strip():
            out.append(word.strip())
    return out


def snippet(text: str | None, query: str | None, window: int = WINDOW) -> str:
    """JSON list alternating plain text and matched words (even places plain, odd marked),
    around the first match of any typed word; the text's start when none is found literally."""
    if not text:
        return "[]"
    words = query_words(query or "")
    hits = sorted((i, w) for w in words if (i := text.find(w)) >= 0)
    if not hits:
        return json.dumps([text[: 2 * window].replace("\n", " ")], ensure_ascii=False)
    start = max(0, hits[0][0] - window // 2)
    end = min(len(text), hits[0][0] + 2 * window)
    piece = text[start:end]
    parts, at = [], 0
    while True:
        found = [(i, w) for w in words if (i := piece.find(w, at)) >= 0]
        if not found:
            break
        i, w = min(found)
        parts += [piece[at:i], w]
        at = i + len(w)
    parts.append(piece[at:])
    if start > 0:
        parts[0] = "…" + parts[0]
    if end < len(text):
        parts[-1] += "…"
    return json.dumps([p.replace("\n", " ") for p in parts], ensure_ascii=False)
