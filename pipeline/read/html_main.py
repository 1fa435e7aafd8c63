"""Which part of a rendered page is the article, and which parts are portal chrome.

The main content is found by descending from <body> into the child that holds most of
the page's weight (characters of long lines that are not links, plus Chinese sentence
punctuation: portal menus and link lists are short lines without ，。) as long as one
child holds at least DESCEND of it; the descent stops above leaf blocks, so a
one-paragraph notice keeps its signature lines. Outside the main element everything is
chrome except the headline, short metadata lines (日期, 来源, 文号) above the article or
just below it, and attachment links below it: main-content extractors usually drop these
and our extractors need them.
Inside it, link lists (related articles) and line-level furniture (chrome_lines) are chrome.
Measured on the 43 dev pages with gold (tests/read/measure_main_content.py): gold values
kept 99.8% (readability-lxml 99.5%, trafilatura 80.2%), at about half their CPU time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.portal_date import PORTAL_DATE_LINE
from pipeline.read.chrome_lines import chrome_spans, is_chrome_line, iter_lines
from pipeline.read.html_render import BLOCK_TAGS, Rendered
from pipeline.types import Span

DESCEND = 0.65
PUNCT_WEIGHT = 5
CONTAINERS = frozenset(("div", "td", "table", "tbody", "tr", "section", "article", "main", "center", "form",
                        "body", "html", "font", "span", "ul", "ol", "dl", "li", "dd", "blockquote", "th"))
LIST_BLOCKS = frozenset(("ul", "ol", "dl", "div", "table", "tbody", "td", "section", "nav", "aside", "p"))
LINK_DENSE = 0.6
MIN_LIST_LINKS = 3
DOC_HREF = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|et|zip|rar|7z|ofd|txt|pptx?|ceb|tif)(?:$|[?#])", re.I)
TITLE_HINT = re.compile(r"title|biaoti|^bt|headline|tit\b|^h1|artti|xxgk_title", re.I)
TITLE_TAGS = frozenset(("h1", "h2", "h3"))
META_LINE = re.compile(
    r"(?:(?:发布|发文|成文|印发|更新|上传|公开|生成|签发)?(?:时间|日期)|来\s*源|信息来源|文章来源|发文字号|文\s*号|索引号|"
    r"发文机关|发布机构|作\s*者)\s*[:：]")
MAX_META_LINE = 150
META_LINES_BELOW = 5  # metadata lines printed under an article sit right under it
DATE_REACH = 200  # how far above the main element such a date may stand (a site header's is further)
MIN_TITLE = 5
MAX_TITLE = 120
TITLE_LOOKBACK = 8
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(slots=True)
class Layout:
    main: object  # the main element
    body: Span  # the main element's span in the rendered text
    chrome: list[Span]


def _weight(r: Rendered, el) -> int:
    a, b = r.spans[el]
    return r.prose(a, b) + PUNCT_WEIGHT * r.punct(a, b)


def _has_blocks(el) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in BLOCK_TAGS or d.tag in ("td", "br"))
               for d in el.iterdescendants())


def find_main(body, r: Rendered):
    """The element that holds the article (see the module docstring)."""
    node = body
    while True:
        kids = [c for c in node if c in r.spans and _weight(r, c) > 0]
        if not kids:
            return node
        best = max(kids, key=lambda c: _weight(r, c))
        if _weight(r, best) < DESCEND * _weight(r, node):
            return node
        if best.tag not in CONTAINERS or not _has_blocks(best):
            return node
        node = best


def _title_element(r: Rendered, main_start: int, body):
    """The span of a headline element (h1-h3, or a class/id that says title) above the main element."""
    best = None
    for el in body.iter():
        if el not in r.spans or not isinstance(el.tag, str):
            continue
        start, end = r.spans[el]
        if start >= main_start:
            break
        hint = el.tag in TITLE_TAGS or TITLE_HINT.search(f"{el.get('class', '')} {el.get('id', '')}")
        if hint and _headline(r, start, end):
            best = (start, end)
    return best


def _headline(r: Rendered, a: int, b: int) -> bool:
    text = r.text[a:b].strip()
    chars = r.chars(a, b)
    return (MIN_TITLE <= chars <= MAX_TITLE and r.link_chars(a, b) * 2 < chars and "\n" not in text
            and HAN.search(text) is not None and not is_chrome_line(text) and not META_LINE.search(text))


def _title_line(r: Rendered, probe: str, main_start: int, skip: list[Span]):
    """The nearest prose-free line above the main element, when no element says it is the title."""
    lines = [(a, b) for a, b in iter_lines(r.text, 0, main_start) if r.text[a:b].strip()]
    for a, b in reversed(lines[-TITLE_LOOKBACK:]):
        line = probe[a:b].strip()
        if any(s.start <= a < s.end for s in skip) or META_LINE.search(line) or is_chrome_line(line):
            continue
        return (a, b) if _headline(r, a, b) else None
    return None


def _doc_link(href: str | None, text: str) -> bool:
    return bool(href and DOC_HREF.search(href)) or text.lstrip().startswith(("附件", "附表", "附："))


def _link_lists(main, r: Rendered) -> list[Span]:
    """Link-dense blocks inside the main element (related articles, share bars)."""
    out: list[Span] = []
    skip_until = -1
    for el in main.iterdescendants(*LIST_BLOCKS):
        span = r.spans.get(el)
        if span is None or span[0] < skip_until:
            continue
        a, b = span
        link_chars = r.link_chars(a, b)
        if link_chars < 10:
            continue
        chars = r.chars(a, b)
        if link_chars < LINK_DENSE * chars:
            continue
        links = r.links_in(a, b)
        if len(links) < MIN_LIST_LINKS or any(_doc_link(h, r.text[s:e]) for s, e, h in links):
            continue
        out.append(Span(a, b))
        skip_until = b
    return out


def _outside(r: Rendered, probe: str, main_span: tuple[int, int], title) -> list[Span]:
    """Lines outside the main element, less the headline, metadata lines and attachment links."""
    out: list[Span] = []
    m0, m1 = main_span
    below = 0  # non-empty lines seen after the main element
    for a, b in iter_lines(r.text):
        if a >= m0 and b <= m1:
            continue
        below += a >= m1 and bool(r.text[a:b].strip())
        if a < m0 < b or a < m1 < b:  # a line straddling the main element's edge: keep the inside part
            a, b = (a, m0) if a < m0 else (m1, b)
        line = probe[a:b].strip()
        if not line:
            continue
        if title and title[0] <= a and b <= title[1] + 1:
            continue
        links = r.links_in(a, b + 1)
        linked = sum(e - s for s, e, _ in links)
        near = a < m0 or below <= META_LINES_BELOW
        if near and META_LINE.search(line) and len(line) <= MAX_META_LINE and linked * 2 < len(line):
            continue
        if a < m0 and PORTAL_DATE_LINE.fullmatch(line) and (m0 - a <= DATE_REACH or (title and title[1] <= a)):
            continue  # the page's unlabelled date by its headline (`<div class="time">2018.11.02</div>`)
        if a >= m0 and any(_doc_link(h, r.text[s:e]) for s, e, h in links) and not is_chrome_line(line):
            continue
        out.append(Span(a, min(b + 1, len(r.text))))
    return out


def layout(body, r: Rendered, probe: str, extra_chrome: list[Span]) -> Layout:
    """Main element, its span, and the chrome spans of a rendered page (rendered-text offsets)."""
    main = find_main(body, r)
    m0, m1 = r.spans.get(main, (0, len(r.text)))
    title = None
    if main is not body:
        title = _title_element(r, m0, body) or _title_line(r, probe, m0, extra_chrome)
    chrome = _outside(r, probe, (m0, m1), title)
    chrome += _link_lists(main, r)
    chrome += chrome_spans(probe, m0, m1)
    chrome += extra_chrome
    return Layout(main, Span(m0, m1), merge(chrome))


def merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and sp.start <= out[-1].end:
            if sp.end > out[-1].end:
                out[-1] = Span(out[-1].start, sp.end)
        else:
            out.append(sp)
    return out
