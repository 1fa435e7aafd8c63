"""`.docx`: checked as a zip first, then opened with python-docx and read in reading order.

Before python-docx sees the file: every entry's size and compression ratio are checked
(DESIGN.md: a 1 MB zip bomb cost python-docx 260 s and 2.7 GB; refuse ratio > 100 on
entries over 1 MB: E_ZIP_BOMB) and no XML part may carry a DOCTYPE (XXE and billion-laughs
attacks: E_OOXML_DOCTYPE). The body's children are read in order: paragraphs as lines,
tables as one line per row with cells joined by a tab (nested tables flattened into their
cell), content controls opened; text boxes follow their paragraph; field codes, deleted
text and the VML fallback copies of drawings are skipped. Footnotes and endnotes follow
the body after a blank line as the `notes` zone; headers and footers are dropped (running
heads repeat on every page), as for .doc.
"""
from __future__ import annotations

import zipfile
import zlib
from dataclasses import replace
from io import BytesIO

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from pipeline.types import Document, Problem, Source, Span

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
BOMB_RATIO = 100
BOMB_MIN_BYTES = 1 << 20
MAX_TOTAL_BYTES = 512 << 20
NOTE_PARTS = ("word/footnotes.xml", "word/endnotes.xml")
# how an XML part can begin: markup, a BOM, UTF-16/32 without one, white space
XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<", b"\x00\x00\x00<", b"\x00\x00\xfe\xff",
              b" ", b"\t", b"\r", b"\n")
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
# zlib.error: a corrupt deflate stream; AttributeError, TypeError, IndexError: python-docx on a
# package whose parts parse but have the wrong shape ([Content_Types].xml without its namespace)
DOCX_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError,
               etree.XMLSyntaxError, PackageNotFoundError, NotImplementedError, zlib.error, AttributeError,
               TypeError, IndexError)


def check_zip(zf: zipfile.ZipFile, name: str) -> Problem | None:
    """A problem when an entry is a bomb or an XML part declares a DOCTYPE."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > BOMB_MIN_BYTES and ratio > BOMB_RATIO:
            return Problem("read", "E_ZIP_BOMB", f"{name}: entry {info.filename} inflates {ratio:.0f}x to "
                                                 f"{info.file_size} bytes; refused as a zip bomb")
        if total > MAX_TOTAL_BYTES:
            return Problem("read", "E_ZIP_BOMB", f"{name}: its entries inflate to more than {total} bytes, over the "
                                                 f"{MAX_TOTAL_BYTES >> 20} MB limit (docx.MAX_TOTAL_BYTES); refused "
                                                 "as a zip bomb")
    for info in zf.infolist():
        if info.flag_bits & 0x1:  # zipfile raises RuntimeError on opening it
            return Problem("read", "E_DOCX_UNREADABLE", f"{name}: entry {info.filename} is zip-encrypted, which "
                                                        "Word never writes; get an unprotected copy")
        if _declares_doctype(zf, info):
            return Problem("read", "E_OOXML_DOCTYPE", f"{name}: {info.filename} declares a DOCTYPE, which Word "
                                                      "never writes; refused (possible XXE)")
    return None


def _declares_doctype(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether an XML part (any name: [Content_Types].xml can map any part name to XML) has a
    DOCTYPE. libxml2 reads the prolog itself, so neither UTF-16 nor a megabyte of comment
    ahead of the DOCTYPE hides it from this check, as they did from a byte search."""
    with zf.open(info) as fh:
        if not fh.peek(4)[:4].startswith(XML_STARTS):
            return False  # media and other binary parts
        try:
            for _, el in etree.iterparse(fh, events=("start",), resolve_entities=False, load_dtd=False,
                                         no_network=True, huge_tree=False):
                # stop at the root element, the prolog is read; an SVG image may carry its DTD
                return bool(el.getroottree().docinfo.doctype) and etree.QName(el).localname != "svg"
        except etree.XMLSyntaxError:
            return False  # not XML after all; python-docx refuses it in turn if it is a part it reads
    return False


def read_docx(data: bytes, source: Source) -> Document:
    src = replace(source, format="docx", encoding="utf-8")
    name = source.path
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            problem = check_zip(zf, name)
            if problem:
                return Document(source=src, raw_text="", problems=[problem])
            notes = [_notes_text(zf.read(p)) for p in NOTE_PARTS if p in zf.namelist()]
        body = docx.Document(BytesIO(data)).element.body
        lines = list(_block_lines(body))
    except DOCX_ERRORS as exc:
        return Document(source=src, raw_text="", problems=[Problem(
            "read", "E_DOCX_UNREADABLE", f"{name}: damaged .docx ({type(exc).__name__}: {exc}); "
                                         "re-save it in Word or get a new copy")])
    text = "\n".join(lines)
    note_text = "\n".join(n for n in notes if n.strip())
    raw = text + ("\n\n" + note_text if note_text else "")
    zones = {"body": [Span(0, len(text))]}
    if note_text:
        zones["notes"] = [Span(len(text) + 2, len(raw))]
    return Document(source=src, raw_text=raw, zones=zones)


def _block_lines(parent):
    """Lines of the block-level children of a body, cell or content control, in order."""
    for child in parent:
        tag = child.tag
        if tag == f"{W}p":
            boxes: list[str] = []
            yield _run_text(child, boxes)
            yield from boxes
        elif tag == f"{W}tbl":
            yield from _table_lines(child)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _block_lines(content)
        elif tag in (f"{W}customXml", f"{W}ins", f"{W}smartTag"):
            yield from _block_lines(child)


def _table_lines(tbl):
    for tr in tbl.iter(f"{W}tr"):
        if tr.getparent() is not tbl:  # rows of nested tables are read inside their cell
            continue
        cells = []
        for tc in tr.findall(f"{W}tc"):
            cells.append(" ".join(line for line in _block_lines(tc) if line.strip()))
        yield "\t".join(cells)


TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen")
SKIPPED = (f"{W}del", MC_FALLBACK, f"{W}txbxContent")
TEXT_OF = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def _run_text(p, boxes: list[str]) -> str:
    """A paragraph's visible text; text-box paragraphs go to `boxes`. Field codes live in
    w:instrText and deleted text in w:delText, neither of which is a text tag here."""
    skip: set = set()
    for excluded in p.iter(*SKIPPED):  # rare: only then pay for the bookkeeping
        if excluded.tag == f"{W}txbxContent" and excluded not in skip:
            boxes.extend(_block_lines(excluded))
        skip.update(excluded.iter(*TEXT_TAGS, f"{W}txbxContent"))
    out: list[str] = []
    for el in p.iter(*TEXT_TAGS):
        if skip and el in skip:
            continue
        text = el.text or "" if el.tag == f"{W}t" else TEXT_OF[el.tag]
        if text and out and _is_exponent(el, text, out[-1]):
            text = "^" + text
        out.append(text)
    return "".join(out)


def _is_exponent(el, text: str, before: str) -> bool:
    """A superscript number right after a digit is a power (10⁶ CFU/mL printed as 10 + superscript 6);
    without the caret it would read as the number 106."""
    if not before[-1:].isdigit() or not (text[0].isdigit() or text[0] in "-−"):
        return False
    align = el.getparent().find(f"{W}rPr/{W}vertAlign")
    return align is not None and align.get(f"{W}val") == "superscript"


def _notes_text(xml: bytes) -> str:
    """Footnote or endnote paragraphs, skipping the separator notes Word always writes."""
    root = etree.fromstring(xml, XML_PARSER)
    lines = []
    for note in root:
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        boxes: list[str] = []
        lines.extend(_run_text(p, boxes) for p in note.iter(f"{W}p"))
        lines.extend(boxes)
    return "\n".join(line for line in lines if line.strip())
