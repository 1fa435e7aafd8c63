"""PDF tables: pdfplumber's table finder, only on pages whose pypdfium2 text looks like a table.

pdfplumber (pdfminer's layout) costs 100-500 ms a page against pypdfium2's ~5 ms, so it runs on a
page only when (1) its pdfium text reads like a task/responsibility table: a header word
(`TABLE_WORDS`) or mostly short, cell-like lines; (2) its text layer is not garbage; (3) the page
has vector paths, which ruling lines need. A table found there (at least 2 rows and 2 columns)
replaces its region of the page text by its rows, one a line, cells joined by tabs, a cell's own
line breaks joined (without a space between hanzi): the form extractors/units.py reads.

Placing the rows: pdfium's characters whose boxes lie in the table's bbox are dropped and the rows
go where the first of them was, so the rest of the page keeps pdfium's text. That needs the two
libraries' coordinates to agree; it is checked (the dropped characters must be the cells'
characters) and when they do not (a rotated page, an unusual MediaBox) the page is rebuilt from
pdfplumber: its text outside the tables, cut at each table, with the rows in between. Either way a
table's text appears once.

Runs inside the guarded child (pdf.extract_pages), with its own time budget (`TABLE_SECONDS`, a
SIGALRM) so a slow or looping pdfminer costs the tables, not the page text. Any failure leaves
the page's pdfium text and is reported back as a message.
"""
from __future__ import annotations

import io
import os
import signal
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pipeline.read.guard import TIME_BUDGET_S

TABLE_WORDS = ("责任单位", "牵头单位", "配合单位", "责任部门", "完成时限", "时间节点")
SHORT_CELL = 12  # a line of at most this many visible characters may be one table cell
MIN_SHORT_LINES = 12
SHORT_SHARE = 0.6  # share of a page's lines that must be short for a page without a header word
MIN_ROWS, MIN_COLUMNS = 2, 2
EDGE = 1.0  # points of slack around a table's bbox when placing pdfium's characters
MISMATCH = 0.05  # share of a table's characters pdfium and pdfplumber may disagree on
TABLE_SECONDS = min(float(os.environ.get("PIPELINE_TABLE_SECONDS", "15")), TIME_BUDGET_S / 4)


class TableTimeout(Exception):
    pass


def worth_a_look(text: str) -> bool:
    """Does a page's pdfium text look like a table worth its structure?"""
    if any(word in text for word in TABLE_WORDS):
        return True
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    short = sum(1 for line in lines if len(line.replace(" ", "")) <= SHORT_CELL)
    return short >= MIN_SHORT_LINES and short >= SHORT_SHARE * len(lines)


def has_paths(page: Any) -> bool:
    """Does a pypdfium2 page draw anything a ruling line could be (a path, or a form that may hold one)?"""
    import pypdfium2.raw as pdfium_c

    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        kind = pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i))
        if kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            return True
    return False


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def cell_text(text: str | None) -> str:
    """One line for a cell: its wrapped lines joined, with a space only between narrow characters."""
    parts = [" ".join(p.split()) for p in (text or "").split("\n")]
    out = ""
    for part in filter(None, parts):
        out += part if not out or _wide(out[-1]) or _wide(part[0]) else " " + part
    return out


def render_rows(rows: list[list[str | None]]) -> str:
    """A table as lines of tab-separated cells; rows with no text are left out."""
    lines = ["\t".join(cell_text(cell) for cell in row) for row in rows]
    return "\n".join(line for line in lines if line.strip("\t"))


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise TableTimeout after `seconds` (only in a main thread, where signals can be set)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum: int, frame: Any) -> None:
        raise TableTimeout(f"the table finder ran out of its time budget ({seconds:.3g} s were left)")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class TableFinder:
    """pdfplumber over one PDF, opened on first need; `failures` says which pages it could not do."""

    def __init__(self, data: bytes, seconds: float | None = None) -> None:
        self.data = data
        self.left = TABLE_SECONDS if seconds is None else seconds
        self.plumber: Any = None
        self.failures: list[str] = []
        self.tabled: list[int] = []  # 0-based pages whose text now carries table rows

    def page_text(self, index: int, page: Any, textpage: Any, raw: str) -> str | None:
        """The page's text with its tables as rows, or None to keep pdfium's `raw`."""
        if self.left <= 0:
            self.failures.append(f"page {index + 1}: skipped, the table budget is spent")
            return None
        started = time.monotonic()
        try:
            with _alarm(self.left):
                text = self._page_text(index, page, textpage, raw)
        except TableTimeout as exc:
            self.left = 0
            self.failures.append(f"page {index + 1}: {exc}")
            return None
        except Exception as exc:  # pdfminer raises anything on a hostile file; the pdfium text stands
            self.failures.append(f"page {index + 1}: {type(exc).__name__}: {exc}")
            return None
        finally:
            self.left -= time.monotonic() - started
        if text is not None:
            self.tabled.append(index)
        return text

    def _page_text(self, index: int, page: Any, textpage: Any, raw: str) -> str | None:
        if self.plumber is None:
            import pdfplumber

            self.plumber = pdfplumber.open(io.BytesIO(self.data))
        pages = self.plumber.pages
        if len(pages) <= index:
            raise IndexError(f"pdfplumber sees {len(pages)} pages")
        plumbed = pages[index]
        tables = [t for t in plumbed.find_tables()
                  if len(t.rows) >= MIN_ROWS and max(len(r.cells) for r in t.rows) >= MIN_COLUMNS]
        if not tables:
            return None
        tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
        rows = [t.extract() for t in tables]
        if plumbed.rotation == 0:
            spliced = splice(textpage, raw, [t.bbox for t in tables], rows, plumbed.height)
            if spliced is not None:
                return spliced
        return rebuild(plumbed, [t.bbox for t in tables], rows)

    def close(self) -> None:
        if self.plumber is not None:
            self.plumber.close()


def _owners(textpage: Any, raw: str, boxes: list[tuple[float, float, float, float]]) -> list[int | None]:
    """For each character of `raw`: the table whose box holds it, -1 outside, None for whitespace."""
    import pypdfium2.raw as pdfium_c

    owner: list[int | None] = [None] * len(raw)
    for t, ch in enumerate(raw):
        if ch.isspace():
            continue
        owner[t] = -1
        c = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, t)
        if c < 0:
            continue
        left, bottom, right, top = textpage.get_charbox(c)
        x, y = (left + right) / 2, (bottom + top) / 2
        for k, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 <= x <= x1 and y0 <= y <= y1:
                owner[t] = k
                break
    # whitespace between two characters of one table belongs to it
    last = None
    pending: list[int] = []
    for t, o in enumerate(owner):
        if o is None:
            pending.append(t)
            continue
        if pending and last is not None and last == o and o >= 0:
            for p in pending:
                owner[p] = o
        pending, last = [], o
    return owner


def splice(textpage: Any, raw: str, bboxes: list[tuple[float, float, float, float]],
           rows: list[list[list[str | None]]], height: float) -> str | None:
    """pdfium's page text with each table's characters replaced by its rows; None when the
    characters pdfium places in a table's bbox are not that table's cells."""
    boxes = [(x0 - EDGE, height - bottom - EDGE, x1 + EDGE, height - top + EDGE) for x0, top, x1, bottom in bboxes]
    owner = _owners(textpage, raw, boxes)
    for k, table in enumerate(rows):
        ours = Counter(ch for ch, o in zip(raw, owner) if o == k and not ch.isspace())
        theirs = Counter(ch for row in table for cell in row for ch in (cell or "") if not ch.isspace())
        total = max(sum(theirs.values()), 1)
        if not ours or sum(((ours - theirs) + (theirs - ours)).values()) > MISMATCH * total:
            return None
    out: list[str] = []
    done: set[int] = set()
    need_break = False
    for ch, o in zip(raw, owner):
        if o is None or o < 0:
            if need_break and ch not in "\r\n":
                out.append("\n")
            need_break = False
            out.append(ch)
        elif o not in done:
            done.add(o)
            while out and out[-1] in " \t":
                out.pop()
            if out and out[-1] not in "\r\n":
                out.append("\n")
            out.append(render_rows(rows[o]))
            need_break = True
    return "".join(out)


def rebuild(plumbed: Any, bboxes: list[tuple[float, float, float, float]],
            rows: list[list[list[str | None]]]) -> str:
    """The page from pdfplumber: text outside the tables, cut at each table's top, and the rows."""
    def segment(obj: dict) -> int:
        """Which gap between tables a character sits in, or -1 when it is inside a table."""
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        if any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes):
            return -1
        return sum(1 for _, top, _, _ in bboxes if top < y)

    parts = []
    for k in range(len(bboxes) + 1):
        gap = plumbed.filter(lambda obj, k=k: obj.get("object_type") != "char" or segment(obj) == k)
        text = gap.extract_text().strip("\n")
        if text:
            parts.append(text)
        if k < len(rows):
            parts.append(render_rows(rows[k]))
    return "\n".join(parts)
