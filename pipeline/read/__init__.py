"""The read stage: files to raw Documents, by sniffed format (never by extension alone).

`read_file(path)` and `read_bytes(data, source)` return one raw Document per source:
`raw_text` is the decoded text of the whole source (for HTML, the pagemeta header lines
and then the page's visible text), `zones` are in raw offsets (pagemeta, body, chrome,
notes), and `source.format` / `source.encoding` are filled. A reader never raises for
bad input: failures are Problems with stable codes (E_*: the text is lost, W_*: it is
not) and a one-line message naming the file and what to do.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from pipeline.files import SKIP_NAMES, iter_files  # noqa: F401 - re-exported; the ingest plan imports it alone
from pipeline.read.html import read_html
from pipeline.read.sidecar import record_for, with_record
from pipeline.read.text import read_text
from pipeline.sniff import sniff
from pipeline.types import Document, Problem, Source


def _on_first_use(module: str, name: str) -> Callable[..., Document]:
    """A reader imported when the first file of its format comes: python-docx, pypdfium2 and
    olefile cost ~100 ms to import, a tenth of the start of an ingest of HTML pages."""
    def reader(*args, **kwargs) -> Document:
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    reader.__name__ = reader.__qualname__ = name
    return reader


READERS: dict[str, Callable[[bytes, Source], Document]] = {
    "html": read_html,
    "text": read_text,
    "doc": _on_first_use("pipeline.read.doc", "read_doc"),
    "docx": _on_first_use("pipeline.read.docx", "read_docx"),
    "pdf": _on_first_use("pipeline.read.pdf", "read_pdf"),
    "xls": _on_first_use("pipeline.read.sheet", "read_sheet"),
    "xlsx": _on_first_use("pipeline.read.sheet", "read_sheet"),
    "ofd": _on_first_use("pipeline.read.ofd", "read_ofd"),
    "mhtml": _on_first_use("pipeline.read.mhtml", "read_mhtml"),
    "image": _on_first_use("pipeline.read.scan", "read_image"),
}
MAX_BYTES = 200 * 1024 * 1024  # any file: checked on its size before it is read
# per sniffed format, checked before parsing: a page or a Word file this big is not a notice
# but a dump or an attack, and its parse would cost ~10x its size in memory
FORMAT_MAX_BYTES = {"html": 64 << 20, "text": 64 << 20, "doc": 128 << 20, "docx": 128 << 20, "pdf": MAX_BYTES,
                    "xls": 64 << 20, "xlsx": 64 << 20, "ofd": 128 << 20, "mhtml": 64 << 20, "image": 64 << 20}
# a notice page is tens of KB; one this big is read in full but flagged (W_HTML_LARGE with its size)
HTML_WARN_BYTES = 8 << 20
# what an extension promises, for W_EXTENSION_MISMATCH: only office formats, whose names users trust
# (HTML error pages saved as .doc are common and read fine; WPS saves .wps/.et as Word 97/BIFF8)
EXTENSION_FORMATS = {".doc": ("doc",), ".docx": ("docx",), ".xls": ("xls",), ".xlsx": ("xlsx",),
                     ".pdf": ("pdf",), ".ofd": ("ofd",), ".wps": ("doc", "docx"), ".et": ("xls", "xlsx")}
OFFICE_FORMATS = ("doc", "docx", "xls", "xlsx", "pdf", "ofd")
UNSUPPORTED_HINT = {
    "zip": "an archive (or an OOXML file other than .docx/.xlsx); unpack it or convert it to .docx/PDF",
    "rtf": "RTF; save it as .docx",
    "binary": "binary data of no known document format",
}


def read_file(path: Path | str, display: str | None = None) -> Document:
    """One raw Document for one file; failures become problems on an empty document."""
    path = Path(path)
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            src = Source(path=name, sha256="", size=size)
            return _failed(src, "E_FILE_TOO_LARGE", f"{name}: {size} bytes is over the {_size(MAX_BYTES)} limit; "
                                                    "split the file or raise read.MAX_BYTES")
        data = path.read_bytes()
    except OSError as exc:
        src = Source(path=name, sha256="", size=0)
        return _failed(src, "E_FILE_UNREADABLE", f"{name}: cannot read ({exc.strerror}); check the path and permissions")
    doc = read_bytes(data, Source.from_bytes(name, data))
    return with_record(doc, record_for(Path(path)))


def read_bytes(data: bytes, source: Source, charset: str | None = None) -> Document:
    """One raw Document for bytes, dispatching on the sniffed format. `charset` is an HTTP
    Content-Type charset when the bytes were fetched; it outranks a page's <meta> charset."""
    fmt = sniff(data, source.path)
    reader = READERS.get(fmt)
    if reader is None:
        hint = UNSUPPORTED_HINT.get(fmt, fmt)
        return _failed(replace(source, format=fmt), "E_FORMAT_UNSUPPORTED", f"{source.path}: {hint}")
    if not data:
        return _failed(replace(source, format=fmt), "E_FILE_EMPTY", f"{source.path}: the file is empty")
    limit = FORMAT_MAX_BYTES.get(fmt, MAX_BYTES)
    if len(data) > limit:
        return _failed(replace(source, format=fmt), "E_FILE_TOO_LARGE",
                       f"{source.path}: {len(data)} bytes is over the {_size(limit)} limit for {fmt} files; "
                       "split the file or raise read.FORMAT_MAX_BYTES")
    if charset and fmt in ("html", "text"):
        doc = reader(data, source, charset)
    else:
        doc = reader(data, source)
    warning = _size_warning(fmt, len(data), source.path) or _extension_warning(fmt, source.path)
    if warning:
        doc.problems.append(warning)
    return doc


def read(paths: Iterable[str | os.PathLike]) -> Iterator[Document]:
    for path in iter_files(paths):
        yield read_file(path)


def _extension_warning(fmt: str, path: str) -> Problem | None:
    """W_EXTENSION_MISMATCH when an office file's name promises another office format (a .docx saved as .doc)."""
    ext = os.path.splitext(path)[1].lower()
    expected = EXTENSION_FORMATS.get(ext)
    if not expected or fmt in expected or fmt not in OFFICE_FORMATS:
        return None
    return Problem("read", "W_EXTENSION_MISMATCH", f"{path}: named {ext} but the bytes are {fmt}; read as {fmt} "
                                                   "(rename the file to stop other tools misreading it)")


def _size_warning(fmt: str, size: int, path: str) -> Problem | None:
    if fmt not in ("html", "mhtml") or size <= HTML_WARN_BYTES:
        return None
    return Problem("read", "W_HTML_LARGE", f"{path}: a {size}-byte page, over {_size(HTML_WARN_BYTES)}; read in full, "
                                           "check it is one notice and not a dump")


def _failed(source: Source, code: str, message: str) -> Document:
    return Document(source=source, raw_text="", problems=[Problem("read", code, message)])


def _size(n: int) -> str:
    return f"{n >> 20} MB" if n >= 1 << 20 else f"{n} bytes"
