"""HTML pages: decode ourselves, parse with lxml, render visible text, mark the zones.

raw_text = the pagemeta lines (metadata table rows and CMS meta tags as `label：value`),
then the visible text of the whole page with block line breaks, chrome included.
Zones (raw offsets): `pagemeta` (the header lines), `body` (the main element), `chrome`
(everything html_main judges furniture, and the metadata table's own text, which the
header lines already carry).
"""
from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from pipeline.normalize.t2s import probe as t2s_probe
from pipeline.read.encoding import declared_charset, decode
from pipeline.read.html_main import layout
from pipeline.read.html_meta import read_page_meta
from pipeline.read.html_render import render
from pipeline.types import Document, Problem, Source, Span

# libxml2 stops at the first </html> and drops the rest; CMS templates that include a whole
# header page leave one mid-file (gne_govcn_gongbao). The parser closes both tags itself.
STRAY_CLOSERS = re.compile(r"</\s*(?:html|body)\s*>", re.I)
XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# the plain etree parser: lxml.html's element classes cost a Python lookup per element
PARSER = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
# libxml2 silently drops everything nested deeper than 2048 elements even with huge_tree.
# A page whose tree reaches that depth is parsed again with its layout tags flattened
# (block tags become <br>, inline ones go), so its text survives.
MAX_DEPTH = 2040
LAYOUT_TAG = re.compile(r"</?(div|span|font|center|section|article|table|tbody|thead|tr|td|th|ul|ol|li|"
                        r"p|b|i|u|strong|em|small|big|blockquote|dl|dt|dd|form|h[1-6])\b[^>]*>", re.I)
INLINE = frozenset(("span", "font", "b", "i", "u", "strong", "em", "small", "big"))


def parse(text: str):
    """An lxml root for a decoded page; raises etree.ParserError on an empty document."""
    text = STRAY_CLOSERS.sub("", XML_PROLOG.sub("", text, count=1))
    root = etree.fromstring(text, PARSER) if text.strip() else None
    if root is None:
        raise etree.ParserError("Document is empty")
    return root


def read_html(data: bytes, source: Source, charset: str | None = None) -> Document:
    dec = decode(data, charset or declared_charset(data), name=source.path)
    src = replace(source, format="html", encoding=dec.codec)
    problems = list(dec.problems)
    try:
        root = parse(dec.text)
        doc, depth = page_document(root, src, list(problems), dec.text)
        if depth >= MAX_DEPTH:
            flat = LAYOUT_TAG.sub(lambda m: "" if m.group(1).lower() in INLINE else "<br>", dec.text)
            problems.append(Problem("read", "W_HTML_TOO_DEEP", f"{source.path}: the page nests deeper than "
                                                               f"{MAX_DEPTH} elements; read with its layout flattened"))
            doc, _ = page_document(parse(flat), src, problems, flat)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        problems.append(Problem("read", "E_HTML_UNPARSABLE",
                                f"{source.path}: lxml cannot parse the page ({exc}); open it in a browser to check"))
        return Document(source=src, raw_text="", problems=problems)
    return doc


def page_document(root, src: Source, problems: list[Problem], html: str | None = None) -> tuple[Document, int]:
    """The raw Document of a parsed page, and the depth of its deepest element."""
    meta = read_page_meta(root, html)
    body = root.find("body")
    if body is None:
        body = root
    rendered = render(body)
    visible = rendered.text
    probe = t2s_probe(visible)
    table_chrome = [Span(*rendered.spans[t]) for t in meta.tables if t in rendered.spans]
    lay = layout(body, rendered, probe, table_chrome)
    head = "".join(line + "\n" for line in meta.lines)
    shift = len(head)
    zones: dict[str, list[Span]] = {"body": [lay.body.shift(shift)]}
    if head:
        zones["pagemeta"] = [Span(0, shift - 1)]
    chrome = [sp.shift(shift) for sp in lay.chrome if sp.end > sp.start]
    if chrome:
        zones["chrome"] = chrome
    if not visible.strip() and not head:
        problems.append(Problem("read", "W_EMPTY_PAGE", f"{src.path}: the page shows no text (an error page or one built by "
                                                   "script); nothing to extract, check the file"))
    return Document(source=src, raw_text=head + visible, zones=zones, problems=problems), rendered.depth
