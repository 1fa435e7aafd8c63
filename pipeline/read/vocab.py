"""Noise vocabularies kept as data files in pipeline/data (one entry a line, # comments)."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of pipeline/data/NAME.txt, in file order, without comments and blanks."""
    path = DATA / f"{name}.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of pipeline/data/NAME.txt as a set, for membership tests."""
    return frozenset(words(name))


@cache
def line_pattern(name: str) -> re.Pattern[str]:
    """One regex that fully matches a stripped line when any pattern of NAME.txt does."""
    return re.compile("|".join(f"(?:{p})" for p in words(name)))


@cache
def alternation(name: str) -> re.Pattern[str]:
    """A regex matching any literal entry of NAME.txt, longest first."""
    entries = sorted(words(name), key=len, reverse=True)
    return re.compile("|".join(re.escape(e) for e in entries))
