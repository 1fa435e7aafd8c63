"""Word segmentation helpers: jieba with the project's user dictionary, and spaCy's blank
Chinese pipeline with the jieba segmenter. Both load lazily, once per process, on first
call: importing this module costs nothing (jieba needs ~1 s to build its prefix dict).

Measured on dev + seeds (tests/extractors/LEDGER-policy.md, "Segmentation"): the quota
grammar's data-driven blocker lists (quota_units.txt) already keep units out of longer
words, and a jieba word-boundary check on top neither raised F1 nor paid for its cost, so
no extractor calls these on the hot path. `unit_ends_word` is kept for experiments and
for callers that want the check (pass `check=segment.unit_ends_word`).
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

USERDICT = Path(__file__).parent / "data" / "jieba_userdict.txt"
WINDOW = 8  # characters of context either side; jieba's choice near a unit rarely needs more
_lock = threading.Lock()


@lru_cache(maxsize=1)
def jieba_module():
    """The global jieba, with the user dictionary loaded (spaCy's segmenter uses the same one)."""
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        jieba.load_userdict(str(USERDICT))
        return jieba


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for each jieba token of `text`."""
    return list(jieba_module().tokenize(text))


def boundaries(text: str) -> set[int]:
    """Offsets where a jieba word starts or ends."""
    out = {0, len(text)}
    for _, a, b in tokens(text):
        out.update((a, b))
    return out


def unit_ends_word(text: str, unit_start: int, unit_end: int) -> bool:
    """True when jieba ends a word at `unit_end` (五部门 -> 五/部门: the unit 部 does not)."""
    lo = max(0, unit_start - WINDOW)
    window = text[lo: unit_end + WINDOW]
    return (unit_end - lo) in boundaries(window)


@lru_cache(maxsize=1)
def nlp():
    """spaCy's blank Chinese pipeline with the jieba segmenter (no downloaded model)."""
    jieba_module()
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def spacy_unit_ends_word(text: str, unit_start: int, unit_end: int) -> bool:
    """The same check through spaCy's tokenizer (for the measurement in the ledger)."""
    lo = max(0, unit_start - WINDOW)
    doc = nlp().make_doc(text[lo: unit_end + WINDOW])
    ends = {t.idx + len(t.text) for t in doc} | {t.idx for t in doc}
    return (unit_end - lo) in ends
