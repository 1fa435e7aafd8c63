"""The 文种 vocabulary (通知, 意见, 办法 …) and the 文种 a title ends with.

Below the extractors: the structure stage tells a document's head (a title line) from a portal's
sentence with it, and the title, doctype and attachment extractors read the same words.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "doc_types.txt"
PAREN_END = re.compile(r"[（(][^（）()]{1,14}[）)]$")
TRAILING_CHARS = " \t\u3000》0123456789"
"""What may follow the 文种 at a title's end: `（试行）`-style parentheses, template numbering
(`方案1`), spaces, a closing 》. Stripped in a loop, not by one repeated group, so the work
stays linear (a `(?:\\d{1,3}|…)+$` pattern backtracks exponentially on a run of digits)."""


@cache
def doc_types() -> tuple[str, ...]:
    """The 文种 vocabulary, longest first."""
    words = [w.strip() for w in DATA.read_text(encoding="utf-8").splitlines()]
    return tuple(sorted((w for w in words if w and not w.startswith("#")), key=len, reverse=True))


def strip_trailer(title: str) -> str:
    """The title without what may follow its 文种 (parentheses, numbering, spaces, 》)."""
    s = title.strip()
    while True:
        t = s.rstrip(TRAILING_CHARS)
        m = PAREN_END.search(t)
        if m:
            t = t[: m.start()]
        if t == s:
            return s
        s = t


def doc_type_of(title: str) -> str | None:
    """The 文种 a title ends with, or None."""
    head = strip_trailer(title).strip("《》")
    return next((w for w in doc_types() if head.endswith(w)), None)
