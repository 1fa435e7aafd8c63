"""Spreadsheets (.xls BIFF8/BIFF5, .xlsx, WPS .et): every sheet's rows as tab-separated lines.

Task tables (责任分工表, 任务清单) come as Excel attachments; their rows are rendered the way
the .docx and PDF readers render a table (cells joined by a tab, one row a line), so the
units extractor reads the 牵头/责任/配合 columns and the quota rules read the cells. Sheets
follow one another after a blank line; empty rows are dropped, a row with one filled cell
(a title) is that cell alone, other rows keep the sheet's width.

python-calamine reads the bytes in a guarded child (a time budget and a memory cap): it
opens by content (`from_filelike`), and one cell at XFD1048576 in a 7 KB .xlsx makes it
allocate the whole dense range (512 GB) and abort the process. So an .xlsx is checked before
calamine sees it: zip bomb and DOCTYPE guards as for .docx, then each sheet's used range
from its `<dimension ref>` and its cell references; a range over MAX_CELLS is refused with
E_SHEET_TOO_LARGE. The child's memory cap is the backstop for .xls, whose range we do not
pre-read.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field, replace
from io import BytesIO

from pipeline.read.docx import DOCX_ERRORS, check_zip
from pipeline.read.guard import run_guarded
from pipeline.types import Document, Problem, Source, Span

MAX_CELLS = 4_000_000  # a real task table has thousands of cells; this range costs ~100 MB dense
MEMORY_CAP_MB = 1024
SHEET_BREAK = "\n\n"
SHEET_PART = re.compile(r"xl/worksheets/[^/]{1,200}\.xml")
DIMENSION = re.compile(rb"<(?:\w{1,20}:)?dimension ref=\"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?\"")
CELL_REF = re.compile(rb"<(?:\w{1,20}:)?c r=\"([A-Z]{1,3})([0-9]{1,7})\"")
CHUNK = 1 << 20
FAILURES = {"timeout": "E_PARSE_TIMEOUT", "memory": "E_PARSE_OOM", "recursion": "E_PARSE_RECURSION",
            "error": "E_PARSE_FAILED"}


@dataclass(slots=True)
class SheetText:
    sheets: list[tuple[str, list[str]]] = field(default_factory=list)  # (sheet name, lines)
    error: str = ""


def read_sheet(data: bytes, source: Source) -> Document:
    """One Document for a workbook: its sheets' rows as tab-separated lines."""
    fmt = source.format if source.format in ("xls", "xlsx") else ("xlsx" if data[:2] == b"PK" else "xls")
    src = replace(source, format=fmt, encoding=None)
    name = source.path
    if fmt == "xlsx":
        problem = precheck_xlsx(data, name)
        if problem:
            return _failed(src, problem)
    guarded = run_guarded(sheet_rows, data, memory_mb=MEMORY_CAP_MB)
    if not guarded.ok:
        code = FAILURES.get(guarded.failure, "E_PARSE_CRASH")
        return _failed(src, Problem("read", code, f"{name}: the spreadsheet reader failed ({guarded.detail}); "
                                                  "open the file in Excel or WPS and re-save it"))
    result: SheetText = guarded.value
    if result.error:
        return _failed(src, Problem("read", "E_SHEET_UNREADABLE", f"{name}: calamine cannot read it "
                                                                  f"({result.error}); re-save it as .xlsx"))
    blocks = ["\n".join(lines) for _, lines in result.sheets if lines]
    text = SHEET_BREAK.join(blocks)
    problems = []
    if not text.strip():
        problems.append(Problem("read", "W_EMPTY_PAGE", f"{name}: the workbook has no filled cells"))
    return Document(source=src, raw_text=text, zones={"body": [Span(0, len(text))]}, problems=problems)


def sheet_rows(data: bytes) -> SheetText:
    """Every visible sheet's non-empty rows as lines (runs in the guarded child)."""
    import os

    from python_calamine import CalamineError, CalamineWorkbook

    os.environ["RUST_BACKTRACE"] = "0"  # a panic is reported as a problem, not a page of stack frames
    out = SheetText()
    try:
        book = CalamineWorkbook.from_filelike(BytesIO(data))
        for meta in book.sheets_metadata:
            if str(meta.visible).rsplit(".", 1)[-1] != "Visible":
                continue  # hidden sheets hold lookup lists, not the table
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=True)
            out.sheets.append((meta.name, [line for line in map(row_line, rows) if line]))
    except (CalamineError, ValueError, TypeError, OSError) as exc:
        out.error = f"{type(exc).__name__}: {exc}"
    except BaseException as exc:  # pyo3's PanicException (a Rust panic on malformed BIFF) is no Exception
        if type(exc).__name__ != "PanicException":
            raise
        out.error = f"calamine panicked: {exc}"
    return out


def row_line(row: list) -> str:
    """Cells joined by a tab; "" for an empty row. A row keeps the sheet's width (the units
    extractor reads a column only in rows as wide as its header), except a row with one filled
    cell (a table's title, a note), which is that cell alone."""
    cells = [cell_text(v) for v in row]
    filled = [c for c in cells if c]
    if len(filled) <= 1:
        return filled[0] if filled else ""
    return "\t".join(cells)


def cell_text(value) -> str:
    """A cell as printed: integral floats without `.0`, dates as ISO dates, line breaks as spaces."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = str(value)
    return " ".join(part.strip() for part in text.splitlines() if part.strip()) if "\n" in text or "\r" in text \
        else text.replace("\t", " ").strip()


def precheck_xlsx(data: bytes, name: str) -> Problem | None:
    """A problem when the package is a bomb, declares a DOCTYPE, or a sheet's range is absurd."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            problem = check_zip(zf, name)
            if problem:
                return problem
            for info in zf.infolist():
                if SHEET_PART.fullmatch(info.filename):
                    cells = used_cells(zf, info)
                    if cells > MAX_CELLS:
                        return Problem("read", "E_SHEET_TOO_LARGE", f"{name}: sheet {info.filename} spans {cells} "
                                                                    f"cells, over the {MAX_CELLS} limit "
                                                                    "(sheet.MAX_CELLS); refused")
    except DOCX_ERRORS as exc:
        return Problem("read", "E_SHEET_UNREADABLE", f"{name}: damaged .xlsx ({type(exc).__name__}: {exc}); "
                                                     "re-save it in Excel or WPS")
    return None


def used_cells(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Rows x columns from A1 to the farthest cell the sheet declares or holds."""
    rows = cols = 0
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            buf = tail + chunk
            for m in DIMENSION.finditer(buf):
                col, row = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
                rows, cols = max(rows, int(row)), max(cols, column_number(col))
            for m in CELL_REF.finditer(buf):
                rows, cols = max(rows, int(m.group(2))), max(cols, column_number(m.group(1)))
            tail = buf[-64:]
    return rows * cols


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _failed(src: Source, problem: Problem) -> Document:
    return Document(source=src, raw_text="", problems=[problem])
