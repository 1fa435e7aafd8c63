"""Plain text and Markdown: decode, then mark chrome lines, bylines and Markdown markup.

raw_text is the decoded file, unchanged. Zones (raw offsets):
- `chrome`: portal furniture found by line rules (chrome_lines: navigation, breadcrumbs,
  pagers, related-article lists, footers, teaser summaries), and in Markdown the markup
  that is not text: front matter, comments, heading marks, link targets, inline HTML tags,
  table rule rows;
- `pagemeta`: bylines near the top (`来源:山西省卫生厅 更新:2014/3/12`, `時間:2022-10-19`),
  in place: a text file has no separate header to render them into;
- `body`: the whole text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.normalize.t2s import probe as t2s_probe
from pipeline.read.chrome_lines import chrome_spans, is_pagemeta_line, iter_lines
from pipeline.read.encoding import decode
from pipeline.read.html_main import merge
from pipeline.types import Document, Problem, Source, Span

MARKDOWN_EXT = (".md", ".markdown", ".mdown")
MD_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
MD_LINK = re.compile(r"\[([^\]\n]*)\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
MD_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
# blanks within the line only, and a blank run after a `|` only: `\s*\|?\s*` spanning lines was cubic
MD_TABLE_RULE = re.compile(r"^[^\S\n]*(?:\|[^\S\n]*)?:?-{3,}:?[^\S\n]*(?:\|[^\S\n]*:?-{3,}:?[^\S\n]*)*(?:\|[^\S\n]*)?$", re.M)
MD_EMPHASIS = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*")
BYLINE_LINES = 40  # bylines sit among the first lines of a dump


def read_text(data: bytes, source: Source, charset: str | None = None) -> Document:
    dec = decode(data, charset, name=source.path)
    text = dec.text
    src = replace(source, format="text", encoding=dec.codec)
    problems = list(dec.problems)
    if not text.strip():
        problems.append(Problem("read", "W_EMPTY_PAGE", f"{source.path}: the file holds no text; nothing to extract"))
        return Document(source=src, raw_text=text, problems=problems)
    probe = t2s_probe(text)
    chrome = chrome_spans(probe)
    if source.path.lower().endswith(MARKDOWN_EXT) or text.startswith(("---\n", "# ")):
        chrome += markdown_markup(text)
    chrome = merge(chrome)
    zones: dict[str, list[Span]] = {"body": [Span(0, len(text))]}
    if chrome:
        zones["chrome"] = chrome
    meta = bylines(probe, chrome)
    if meta:
        zones["pagemeta"] = meta
    return Document(source=src, raw_text=text, zones=zones, problems=problems)


def markdown_markup(text: str) -> list[Span]:
    """Spans of Markdown syntax that is not part of the text."""
    spans = [Span(m.start(), m.end()) for p in (MD_FRONT, MD_COMMENT, MD_HEADING, MD_IMAGE, MD_TAG,
                                                 MD_TABLE_RULE, MD_EMPHASIS) for m in p.finditer(text)]
    for m in MD_LINK.finditer(text):
        spans.append(Span(m.start(), m.start() + 1))
        spans.append(Span(m.end(1), m.end()))
    return spans


def bylines(probe: str, chrome: list[Span]) -> list[Span]:
    """In-place byline lines near the top that are not chrome."""
    out = []
    for n, (a, b) in enumerate(iter_lines(probe)):
        if n >= BYLINE_LINES:
            break
        if any(c.start <= a and b <= c.end for c in chrome):
            continue
        if is_pagemeta_line(probe[a:b].strip()):
            out.append(Span(a, b))
    return out
