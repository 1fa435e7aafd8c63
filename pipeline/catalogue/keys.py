"""Keys: source keys, document ids (from the source key), search keys, document numbers, works."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

OPEN_BRACKETS = "[(（【［〔{｛⟦"
CLOSE_BRACKETS = "])）】］〕}｝⟧"
_BRACKETS = str.maketrans(OPEN_BRACKETS + CLOSE_BRACKETS,
                          "〔" * len(OPEN_BRACKETS) + "〕" * len(CLOSE_BRACKETS))
_SPACE = re.compile(r"\s+")
_TITLE_NOISE = re.compile(r"[\s\W_]+")

def source_key(path: str | os.PathLike, cwd: Path | None = None) -> str:
    """How a file is named in the catalogue: relative to the working folder when inside it,
    else absolute, so `corpus/x.txt` and `/work/main/corpus/x.txt` are one source."""
    p = Path(path).absolute()
    base = (cwd or Path.cwd()).absolute()
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return p.as_posix()


def document_id(source: str, ordinal: int) -> str:
    """A document's catalogue id: its source's key and its place in that file.

    Not the content: an edited and re-ingested file keeps its documents' ids, so their
    pages and links stay (change detection reads sources.sha256 instead).
    """
    return hashlib.sha256(f"{source}:{ordinal}".encode()).hexdigest()[:16]


DATE_SHIFT = 40  # bits of the id's hash below the date in a search key


def search_key(doc_id: str, date: str | None = None) -> int:
    """The integer FTS rowid of a document: its date's day number, then 40 bits of its id.

    So the rowid order is the date order (signed, else published; undated first): the
    documents table sorts by search_key descending, newest first, and a search's first page
    is the end of its match list, never a sort of every match (bench/README.md).
    """
    return _day(date) << DATE_SHIFT | int(doc_id[:10], 16)


def _day(date: str | None) -> int:
    """Day number (0001-01-01 = 1) of a YYYY[-MM[-DD]] date, its first day when partial; 0 without one."""
    import datetime

    if not date or not date[:4].isdigit():
        return 0
    parts = [int(p) for p in date.split("-")[:3] if p.isdigit()]
    year, month, day = (parts + [1, 1])[:3]
    try:
        return datetime.date(max(1, year), month, day).toordinal()
    except ValueError:
        return datetime.date(max(1, year), 1, 1).toordinal()


def norm_doc_number(number: str | None) -> str | None:
    """A 发文字号 in one spelling: NFKC, brackets as 〔〕, no spaces."""
    if not number:
        return None
    n = unicodedata.normalize("NFKC", number)
    n = _SPACE.sub("", n).translate(_BRACKETS)
    return n or None


def work_key(doc_number: str | None, issuer: str | None, title: str | None, signed_date: str | None,
             doc_id: str) -> str:
    """What makes reposts of one document the same work.

    1. its normalized 发文字号 (`no:晋卫办医政〔2013〕84号`);
    2. else issuer + title + signed date, when the title and one of the others are known
       (`t:` + a hash of the three, normalized);
    3. else the document alone (`doc:` + its id): no evidence that it is anyone's repost.
    """
    number = norm_doc_number(doc_number)
    if number:
        return f"no:{number}"
    if title and (issuer or signed_date):
        parts = [_TITLE_NOISE.sub("", unicodedata.normalize("NFKC", s or "")) for s in (issuer, title)]
        digest = hashlib.sha256("|".join([*parts, signed_date or ""]).encode()).hexdigest()[:16]
        return f"t:{digest}"
    return f"doc:{doc_id}"


def precision_of(value: str | None) -> str | None:
    """`day`, `month` or `year` for a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date."""
    if not value:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(value))


def year_of(*dates: str | None) -> int | None:
    for d in dates:
        if d and len(d) >= 4 and d[:4].isdigit():
            return int(d[:4])
    return None
