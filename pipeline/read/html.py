"""HTML pages: decode ourselves, parse with lxml, render visible text, mark the zones.

raw_text = the pagemeta lines (metadata table rows and CMS meta tags as `label：value`),
then the visible text of the whole page with block line breaks, chrome included.
Zones (raw offsets): `pagemeta` (the header lines), `body` (the main element), `chrome`
(everything html_main judges furniture, and the metadata table's own text, which the
header lines already carry).
BeautifulSoup only where its leniency is needed (DESIGN.md: it is 20-50x slower): when lxml
refuses a page (a document of a CDATA section) or finds no text in its body while there is some
(an unclosed <title> swallows the page), html.parser's tree is copied into an lxml tree and read
the same way, with W_HTML_LENIENT_PARSE.
"""
from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from pipeline.normalize.t2s import probe as t2s_probe
from pipeline.read.encoding import declared_charset, decode
from pipeline.read.html_main import layout
from pipeline.read.html_meta import read_page_meta
from pipeline.read.html_render import BLOCK_TAGS, CELL_TAGS, SKIP_TAGS, render
from pipeline.types import Document, Problem, Source, Span

# libxml2 stops at the first </html> and drops the rest; CMS templates that include a whole
# header page leave one mid-file (gne_govcn_gongbao). The parser closes both tags itself.
STRAY_CLOSERS = re.compile(r"</\s*(?:html|body)\s*>", re.I)
XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# the plain etree parser: lxml.html's element classes cost a Python lookup per element
PARSER = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
# libxml2 silently drops everything nested deeper than 2048 elements even with huge_tree
# (and stops parsing there: the rest of the page is lost too). A page whose tree reaches
# that depth, or whose parse reports it, is parsed again with its tags flattened (block
# tags become <br>, inline and unknown ones go), so its text survives. Any tag can be the
# one nested (<sup>, <nav>, Word's <o:p>), so only the tags rendering needs are kept.
MAX_DEPTH = 2040
ANY_TAG = re.compile(r"</?([A-Za-z][\w:.-]*)[^>]*>")
FLAT_KEEP = SKIP_TAGS | {"html", "head", "body", "meta", "title", "link", "base", "a", "img", "br", "hr", "pre",
                         "listing", "plaintext"}
FLAT_KEEP_LAST = frozenset(("html", "head", "body", "meta", "title", "script", "style", "textarea", "a", "br", "pre"))
FLAT_BREAK = BLOCK_TAGS | CELL_TAGS


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
        deep = _depth_cut(PARSER.error_log)
        if not deep:
            doc, depth = page_document(root, src, list(problems), dec.text)
            deep = depth >= MAX_DEPTH
        if deep:
            problems.append(Problem("read", "W_HTML_TOO_DEEP", f"{source.path}: the page nests deeper than "
                                                               f"{MAX_DEPTH} elements; read with its layout flattened"))
            for keep in (FLAT_KEEP, FLAT_KEEP_LAST):  # the second pass when skipped tags (<object>) nest too
                flat = ANY_TAG.sub(lambda m, keep=keep: _flatten_tag(m, keep), dec.text)
                root = parse(flat)
                if not _depth_cut(PARSER.error_log):
                    break
            doc, _ = page_document(root, src, problems, flat)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        lenient = lenient_document(dec.text, src, problems, f"lxml cannot parse the page ({exc})")
        if lenient is not None:
            return lenient
        problems.append(Problem("read", "E_HTML_UNPARSABLE",
                                f"{source.path}: lxml cannot parse the page ({exc}) and BeautifulSoup finds no "
                                "text in it; open it in a browser to check"))
        return Document(source=src, raw_text="", problems=problems)
    if not body_text(doc):
        lenient = lenient_document(dec.text, src, problems, "lxml finds no text in its body")
        if lenient is not None:
            return lenient
    return doc


def body_text(doc: Document) -> str:
    """The rendered page text below the pagemeta lines."""
    head = doc.zones.get("pagemeta")
    return doc.raw_text[head[0].end + 1:] if head else doc.raw_text


def lenient_document(text: str, src: Source, problems: list[Problem], why: str) -> Document | None:
    """The page read through BeautifulSoup's html.parser, or None when that shows no text either."""
    from bs4.exceptions import ParserRejectedMarkup

    try:
        root = lenient_root(text)
    except (ParserRejectedMarkup, AssertionError, ValueError, RecursionError):
        return None
    note = Problem("read", "W_HTML_LENIENT_PARSE", f"{src.path}: {why}; read with BeautifulSoup's lenient "
                                                   "parser instead, check the page's markup")
    doc, _ = page_document(root, src, [*problems, note], text)
    return doc if body_text(doc).strip() else None


def lenient_root(text: str):
    """BeautifulSoup(html.parser)'s tree as an lxml tree (text and CDATA kept; comments, doctypes
    and processing instructions dropped), so one renderer decides what is visible."""
    from bs4 import BeautifulSoup, CData, NavigableString, Tag

    soup = BeautifulSoup(text, "html.parser")
    top = soup.find("html", recursive=False) or soup
    root = etree.Element("html")
    stack = [(root, child) for child in reversed(top.contents)]  # explicit stack: pages nest deep
    while stack:
        parent, node = stack.pop()
        if isinstance(node, Tag):
            el = etree.SubElement(parent, _tag_name(node.name))
            for name, value in node.attrs.items():
                try:
                    el.set(name, " ".join(value) if isinstance(value, list) else str(value))
                except ValueError:  # a name lxml refuses (quotes, a leading digit): the attribute goes
                    continue
            stack.extend((el, child) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            _append_text(parent, str(node))
    return root


def _tag_name(name: str) -> str:
    try:
        etree.Element(name)
    except ValueError:  # a tag lxml refuses (<p:foo>, <1a>): keep its content as inline text
        return "span"
    return name.lower()


def _append_text(parent, s: str) -> None:
    """Add text after the parent's last child (its tail) or to the parent itself."""
    s = s.replace("\x00", "\ufffd")  # lxml refuses NUL in text; a browser shows U+FFFD
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + s
    else:
        parent.text = (parent.text or "") + s


def _depth_cut(log) -> bool:
    """Whether libxml2 stopped at its nesting limit (the rest of the page is missing)."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in log)


def _flatten_tag(m: re.Match, keep: frozenset[str]) -> str:
    tag = m.group(1).lower()
    if tag in keep:
        return m.group()
    return "<br>" if tag in FLAT_BREAK else ""


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
