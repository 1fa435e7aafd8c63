"""HTML pages: decode ourselves, then render visible text with block line breaks."""
from __future__ import annotations

from dataclasses import replace

import lxml.html
from lxml import etree

from pipeline.read.encoding import decode, declared_charset
from pipeline.types import Document, Problem, Source, Span

BLOCK_TAGS = frozenset("p div br li tr h1 h2 h3 h4 h5 h6 table ul ol section article header footer "
                       "title dd dt blockquote pre form center".split())
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg")
META_NAMES = {"articletitle": "ArticleTitle", "pubdate": "PubDate", "contentsource": "ContentSource",
              "firstpublishedtime": "firstpublishedtime", "description": None, "keywords": None}


def render(root) -> str:
    """Visible text with a line break around every block element."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in DROP_TAGS:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    return "".join(parts)


def meta_lines(root) -> list[str]:
    lines = []
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip().lower()
        label = META_NAMES.get(name)
        content = (meta.get("content") or "").strip()
        if label and content:
            lines.append(f"{label}：{content}")
    return lines


def read_html(data: bytes, source: Source) -> Document:
    text, codec, problems = decode(data, declared_charset(data))
    try:
        parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        problems.append(Problem("read", "E_HTML_UNPARSABLE", f"lxml could not parse the page: {exc}"))
        return Document(source=replace(source, format="html", encoding=codec), raw_text="", problems=problems)
    head = "\n".join(meta_lines(root))
    body = root.find("body")
    visible = render(body if body is not None else root)
    raw = head + "\n" + visible if head else visible
    zones = {"body": [Span(len(raw) - len(visible), len(raw))]}
    if head:
        zones["pagemeta"] = [Span(0, len(head))]
    return Document(source=replace(source, format="html", encoding=codec), raw_text=raw, zones=zones,
                    problems=problems)
