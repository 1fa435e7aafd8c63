"""文种 (`doc_type`), 版记 (`printer`, `printed_date`), 附注 (`note`), `region` and `portal_source`.

- doc_type: the 文种 the title ends with (data/doc_types.txt, longest match), after a trailing
  `（试行）`-style parenthesis or template numbering (`方案1`).
- printer / printed_date: the 印发 line, `XX办公室 2013年9月30日印发` (see dates.printed_line).
- note: a line wholly in brackets just under the signature date (`（此件公开发布）`).
- region: the issuer's leading place name (data/regions.tsv: full names, then short forms),
  else the one-character province abbreviation that starts the document number (晋卫 -> 山西省).
- portal_source: the portal's 来源 (page.source).
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from extractors.base import found
from extractors.dates import printed_line, signature_dates
from extractors.pagemeta import lines
from pipeline.types import Document, Found, Span

DATA = Path(__file__).parent / "data"
# one character an alternative: `\d{1,3}|\s+` under `+` backtracked exponentially on a digit run
TRAILER = re.compile(r"(?:[（(][^（）()]{1,14}[）)]|\d|\s|》)+$")
NOTE = re.compile(r"^[（(][^（）()]{2,40}[）)]$")
NOTE_WINDOW = 3  # lines under the signature date where a 附注 may stand
LEADING_PARTY = ("中共", "中国共产党")


@cache
def doc_types() -> tuple[str, ...]:
    """The 文种 vocabulary, longest first."""
    words = [w.strip() for w in (DATA / "doc_types.txt").read_text(encoding="utf-8").splitlines()]
    return tuple(sorted((w for w in words if w and not w.startswith("#")), key=len, reverse=True))


def doc_type_of(title: str) -> str | None:
    """The 文种 a title ends with, or None."""
    head = TRAILER.sub("", title.strip()).strip("《》")
    return next((w for w in doc_types() if head.endswith(w)), None)


@cache
def regions() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]], dict[str, str]]:
    """(full name -> (province, city), short form -> (province, city), abbreviation -> province)."""
    full: dict[str, tuple[str, str]] = {}
    short: dict[str, tuple[str, str]] = {}
    abbr: dict[str, str] = {}
    for row in (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if not row or row.startswith("#"):
            continue
        name, shorts, _level, province, city = (row.split("\t") + [""] * 5)[:5]
        full.setdefault(name, (province, city))
        for s in filter(None, shorts.split(",")):
            if len(s) == 1:
                abbr.setdefault(s, province)
            else:
                short.setdefault(s, (province, city))
    return full, short, abbr


def region_of(name: str) -> tuple[str, str] | None:
    """(province, city) of the place an organisation's name starts with."""
    for p in LEADING_PARTY:
        name = name.removeprefix(p)
    for table in regions()[:2]:
        for n in range(min(len(name), 12), 1, -1):
            if name[:n] in table:
                return table[name[:n]]
    return None


def region(doc: Document) -> list[Found]:
    for f in doc.values("issuer")[:1]:
        got = region_of(f.value)
        if got:
            return [found("region", {"province": got[0], "city": got[1] or None}, f.span, "issuer")]
    for f in doc.values("doc_number")[:1]:
        province = regions()[2].get(f.value[:1])
        if province:
            return [found("region", {"province": province, "city": None}, Span(f.span.start, f.span.start + 1),
                          "doc-number")]
    return []


def note(doc: Document) -> list[Found]:
    sigs = signature_dates(doc)
    if not sigs:
        return []
    after = [ln for ln in lines(doc.text, sigs[0][1].end)][:NOTE_WINDOW]
    return [found("note", ln.text, Span(ln.start, ln.end), "under-date") for ln in after if NOTE.match(ln.text)][:1]


def extract(doc: Document) -> list[Found]:
    out = []
    for f in doc.values("title")[:1]:
        kind = doc_type_of(f.value)
        if kind:
            out.append(found("doc_type", kind, f.span, "title-end"))
    printed = printed_line(doc)
    if printed:
        out.append(found("printer", printed[0].of(doc.text), printed[0], "printed-line"))
        out.append(found("printed_date", printed[2], printed[1], "printed-line"))
    out += note(doc) + region(doc)
    out += [found("portal_source", f.value, f.span, "pagemeta") for f in doc.values("page.source")]
    return out
