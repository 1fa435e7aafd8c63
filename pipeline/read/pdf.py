"""PDF: the text layer via pypdfium2, in a guarded child process, with quality checks.

raw_text = the pages' text, pages separated by a form feed line ("\\f\\n"), which
normalize folds to a line break. Pages without any characters are scans: they are OCRed
(read/scan.py, one guarded child a page; `text_source` ocr or mixed), and when OCR is off
or finds nothing, no page with text gives E_NEEDS_OCR and some W_PAGES_NEED_OCR. A text layer made of one repeated glyph, or decoding to rare, private-use or
compatibility characters instead of common hanzi (fonts without a ToUnicode map: the
GM/T 0031 standard in the dev corpus prints 犐犆犛 for ICS), gets E_PDF_BAD_TEXT_LAYER
and no text, since wrong characters would become wrong values; with OCR on, such a file is read
from its page images instead (W_TEXT_LAYER_REPLACED).
Tables (pdf_tables.py): pdfplumber's table finder costs ~100-500 ms a page, so it runs, in the
same child, only on pages whose pdfium text looks like a task/responsibility table and that draw
paths; a table it finds replaces that region of the page text by tab-separated rows. When it fails
the page keeps its pdfium text and W_PDF_TABLES_FAILED names the pages.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from pipeline.read.guard import run_guarded
from pipeline.read.hanzi import common_ratio
from pipeline.read.ocr import enabled as ocr_enabled
from pipeline.read.pdf_tables import TableFinder, has_paths, worth_a_look
from pipeline.types import Document, Problem, Source, Span

PAGE_BREAK = "\f\n"
MIN_COMMON = 0.45  # share of common hanzi below which a Chinese-looking layer is garbage
MIN_JUDGED = 40  # non-ASCII letters needed before judging a layer
REPEAT_SHARE = 0.5  # one glyph this share of all visible characters: a broken font
EDGE_LINES = 2  # lines at the top and at the bottom of a page where running heads sit
REPEAT_PAGES = 0.5
MAX_HEAD = 30  # running heads are short; a repeated long line is text (a form's repeated clause)
PAGE_NUMBER = re.compile(r"[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–·\s]*"
                         r"|[-—–]?\s*[IVXLivxl]{1,6}\s*[-—–]?")
PAGE_DIGITS = re.compile(r"\d+")
PRIVATE = ((0xE000, 0xF8FF), (0xF900, 0xFAFF), (0xF0000, 0x10FFFF))


@dataclass(slots=True)
class PdfText:
    pages: list[str] = field(default_factory=list)
    error: str = ""  # pdfium refused the file
    encrypted: bool = False
    tabled: list[int] = field(default_factory=list)  # 1-based pages whose tables became rows
    table_failures: list[str] = field(default_factory=list)
    plumbed: bool = False  # the child needed pdfplumber


def extract_pages(data: bytes, tables: bool = True) -> PdfText:
    """Every page's text layer, tables as rows where pdfplumber finds them (runs in the guarded child)."""
    import pypdfium2 as pdfium

    out = PdfText()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        out.encrypted = "password" in str(exc).lower()
        out.error = str(exc)
        return out
    finder = TableFinder(data) if tables else None
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range() if textpage.count_chars() > 0 else ""
            if finder and worth_a_look(text) and not bad_layer(text) and has_paths(page):
                text = finder.page_text(i, page, textpage, text) or text
            out.pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        out.error = f"page {len(out.pages) + 1}: {exc}"
    finally:
        pdf.close()
        if finder:
            finder.close()
            out.plumbed = finder.plumber is not None
            out.tabled = [i + 1 for i in finder.tabled]
            out.table_failures = finder.failures
    return out


def bad_layer(text: str) -> str:
    """Why a text layer cannot be trusted, or "" when it looks like real text."""
    visible = [ch for ch in text if not ch.isspace()]
    if len(visible) >= MIN_JUDGED:
        glyph, count = Counter(visible).most_common(1)[0]
        if count >= REPEAT_SHARE * len(visible):
            return f"{count} of {len(visible)} characters are the same glyph {glyph!r}"
        private = sum(1 for ch in visible if any(lo <= ord(ch) <= hi for lo, hi in PRIVATE))
        if private >= 0.1 * len(visible):
            return f"{private} of {len(visible)} characters are private-use or compatibility glyphs"
    ratio, judged = common_ratio(text, sample=200000)
    if judged >= MIN_JUDGED and ratio < MIN_COMMON:
        return f"only {ratio:.0%} of its {judged} hanzi are common characters"
    return ""


def read_pdf(data: bytes, source: Source) -> Document:
    src = replace(source, format="pdf", encoding=None)
    name = source.path
    import pypdfium2  # noqa: F401 - imported in the parent once, so forked children do not pay for it again

    guarded = run_guarded(extract_pages, data)
    if not guarded.ok:
        code = {"timeout": "E_PARSE_TIMEOUT", "memory": "E_PARSE_OOM", "recursion": "E_PARSE_RECURSION",
                "error": "E_PARSE_FAILED"}.get(guarded.failure, "E_PARSE_CRASH")
        return _failed(src, code, f"{name}: the PDF parser failed ({guarded.detail}); open the file to check it")
    result: PdfText = guarded.value
    if result.plumbed:
        import pdfplumber  # noqa: F401 - once a file needed it, later forked children inherit it loaded
    if result.encrypted:
        return _failed(src, "E_PDF_ENCRYPTED", f"{name}: the PDF is password-protected; get an unprotected copy")
    if result.error and not result.pages:
        return _failed(src, "E_PDF_UNREADABLE", f"{name}: pdfium cannot open it ({result.error}); "
                                                "the file may be truncated or not a PDF")
    problems: list[Problem] = []
    if result.error:
        problems.append(Problem("read", "W_PDF_PARTIAL", f"{name}: reading stopped at {result.error}; "
                                                         "later pages are missing"))
    if result.table_failures:
        pages = "; ".join(result.table_failures[:5]) + (" ..." if len(result.table_failures) > 5 else "")
        problems.append(Problem("read", "W_PDF_TABLES_FAILED", f"{name}: the table finder failed ({pages}); "
                                                               "those pages keep their plain text lines"))
    pages = [page.strip("\n") for page in result.pages]
    empty = [i for i, page in enumerate(pages) if not page.strip()]
    why = bad_layer(PAGE_BREAK.join(pages)) if len(empty) < len(pages) else ""
    ocred: set[int] = set()
    confidence = None
    if (empty or why) and ocr_enabled():
        from pipeline.read import ocr, scan

        todo = list(range(len(pages))) if why else empty  # a garbage layer: every page from its image
        scanned = scan.ocr_pages(ocr.pdf_page, data, todo)
        for i, page in scanned.pages.items():
            pages[i] = page.text
        ocred = set(scanned.pages)
        confidence = scanned.confidence()
        problems += [p for p in (scan.failed_problem(name, scanned),) if p]
        if why and scanned.pages:
            problems.append(Problem("read", "W_TEXT_LAYER_REPLACED", f"{name}: the text layer decodes to wrong "
                                                                     f"characters ({why}); read by OCR instead"))
            why = ""
        empty = [i for i in empty if i not in ocred]  # a page OCR read and found empty is blank
    if not any(page.strip() for page in pages):
        how = "OCR found no text either" if ocred else "OCR it first" if not ocr_enabled() else "OCR failed"
        return _failed(src, "E_NEEDS_OCR", f"{name}: no page has a text layer (a scan); {how}", problems)
    text = PAGE_BREAK.join(pages)
    if why:
        return _failed(src, "E_PDF_BAD_TEXT_LAYER", f"{name}: the text layer decodes to wrong characters ({why}); "
                                                    "OCR the rendered pages instead", problems)
    if empty:
        listed = ", ".join(str(i + 1) for i in empty[:10]) + (" ..." if len(empty) > 10 else "")
        problems.append(Problem("read", "W_PAGES_NEED_OCR", f"{name}: page(s) {listed} have no text layer; "
                                                            "their text is missing"))
    if ocred:
        layered = any(pages[i].strip() for i in range(len(pages)) if i not in ocred)
        src = replace(src, text_source="mixed" if layered else "ocr", ocr_confidence=confidence)
    else:
        src = replace(src, text_source="text-layer")
    zones = {"body": [Span(0, len(text))]}
    chrome = running_heads(pages)
    if chrome:
        zones["chrome"] = chrome
    return Document(source=src, raw_text=text, zones=zones, problems=problems)


def running_heads(pages: list[str]) -> list[Span]:
    """Page furniture: a bare page number, or a line repeated at the top or bottom of most pages
    (征求意见稿, a standard's number), among the first and last EDGE_LINES lines of each page."""
    edges: list[list[tuple[int, int, str]]] = []
    pos = 0
    for page in pages:
        lines, at = [], pos
        for line in page.split("\n"):
            lines.append((at, at + len(line), line.strip()))
            at += len(line) + 1
        edges.append(lines[:EDGE_LINES] + lines[EDGE_LINES:][-EDGE_LINES:])
        pos += len(page) + len(PAGE_BREAK)
    seen = Counter(PAGE_DIGITS.sub("#", key) for lines in edges for key in {line for _, _, line in lines if line})
    repeated = {key for key, n in seen.items()
                if len(pages) >= 3 and n >= REPEAT_PAGES * len(pages) and len(key) <= MAX_HEAD}
    spans = []
    for lines in edges:
        for a, b, line in lines:
            if line and (PAGE_NUMBER.fullmatch(line) or PAGE_DIGITS.sub("#", line) in repeated):
                spans.append(Span(a, min(b + 1, pos)))
    return spans


def _failed(src: Source, code: str, message: str, problems: list[Problem] | None = None) -> Document:
    return Document(source=src, raw_text="", problems=[*(problems or []), Problem("read", code, message)])
