"""Word 97-2003 `.doc`: text read natively from the OLE streams (no LibreOffice).

The piece table maps character positions to bytes of the WordDocument stream (cp1252 or
UTF-16LE pieces, doc_fib.py). Within the text: field codes (between 0x13 and 0x14) are
dropped and field results (up to 0x15) kept; table cell marks 0x07 become tabs and a row
end (a paragraph with fTtp) a line break; paragraph and line marks become line breaks.
Subdocuments: the main text is the `body`; footnotes, endnotes and text boxes follow it
after a blank line as the `notes` zone (they carry real content: 发文机关标志 sometimes
sits in a text box); headers, footers and comments are dropped (running heads repeat on
every page and comments are reviewers' remarks, not the document).
Encrypted files give E_DOC_ENCRYPTED, Word 6/95 files E_DOC_WORD6 (read through antiword
when it is installed), anything malformed E_DOC_UNREADABLE.
"""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
from dataclasses import replace
from io import BytesIO

import olefile

from pipeline.read.doc_fib import (
    NFIB_WORD97,
    DocFormatError,
    Fib,
    Piece,
    is_row_end,
    read_fib,
    read_pieces,
    row_ends,
)
from pipeline.read.hanzi import common_ratio
from pipeline.types import Document, Problem, Source, Span

_CP1252_HIGH = {cp: bytes([cp]).decode("cp1252", errors="ignore") or chr(cp) for cp in range(0x80, 0xA0)}
SPECIAL = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": None,
                         "\x01": None, "\x02": None, "\x03": None, "\x04": None, "\x05": None, "\x08": None,
                         "\x00": None})
FIELD_MARK = re.compile("[\x13\x14\x15]")
NOTE_PARTS = ("ccpFtn", "ccpEdn", "ccpTxbx")
PART_ORDER = ("ccpText", "ccpFtn", "ccpHdd", "ccpMcr", "ccpAtn", "ccpEdn", "ccpTxbx", "ccpHdrTxbx")
MIN_COMMON = 0.4
ANTIWORD_SECONDS = 30
OLE_ERRORS = (OSError, ValueError, struct.error, IndexError, KeyError, EOFError, DocFormatError)


def read_doc(data: bytes, source: Source) -> Document:
    src = replace(source, format="doc", encoding="cp1252/utf-16le")
    name = source.path
    try:
        ole = olefile.OleFileIO(BytesIO(data))
    except OLE_ERRORS as exc:
        return _failed(src, "E_DOC_UNREADABLE", f"{name}: not a readable OLE file ({exc}); it may be truncated")
    except RecursionError:  # olefile walks the directory tree recursively: a 3000-entry chain exhausts the stack
        return _failed(src, "E_PARSE_RECURSION", f"{name}: the OLE directory nests too deeply to read "
                                                 "(RecursionError); the file is malformed or built to crash parsers")
    try:
        return _read_ole(ole, data, src)
    except OLE_ERRORS as exc:
        return _failed(src, "E_DOC_UNREADABLE",
                       f"{name}: damaged Word file ({type(exc).__name__}: {exc}); re-save it in Word or get a new copy")
    finally:
        ole.close()


def _read_ole(ole: olefile.OleFileIO, data: bytes, src: Source) -> Document:
    name = src.path
    if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
        return _failed(src, "E_DOC_ENCRYPTED", f"{name}: password-protected Office file; get an unprotected copy")
    if not ole.exists("WordDocument"):
        kind = "Excel" if ole.exists("Workbook") or ole.exists("Book") else "non-Word"
        return _failed(src, "E_FORMAT_UNSUPPORTED", f"{name}: an OLE file without a WordDocument stream ({kind}); "
                                                    "convert it to .docx or PDF")
    wd = ole.openstream("WordDocument").read()
    fib = read_fib(wd)
    if fib.encrypted:
        return _failed(src, "E_DOC_ENCRYPTED", f"{name}: the Word file is password-protected; get an unprotected copy")
    if fib.nfib < NFIB_WORD97:
        return _word6(data, src, fib.nfib)
    if not ole.exists(fib.table_stream):
        raise DocFormatError(f"the {fib.table_stream} stream is missing")
    table = ole.openstream(fib.table_stream).read()
    pieces = read_pieces(table, fib, len(wd))
    ends, ttp = row_ends(wd, table, fib)
    full = _piece_text(wd, pieces, ends, ttp)
    parts = _split_parts(full, fib)
    body = clean(parts.get("ccpText", full))
    notes = "\n\n".join(t for t in (clean(parts.get(p, "")) for p in NOTE_PARTS) if t.strip())
    raw = body + ("\n\n" + notes if notes else "")
    zones = {"body": [Span(0, len(body))]}
    if notes:
        zones["notes"] = [Span(len(body) + 2, len(raw))]
    if not raw.strip():  # never an empty document without a word: the file would vanish silently
        if full.strip() and not any(fib.ccp.values()):
            return _failed(src, "E_DOC_UNREADABLE", f"{name}: the FIB counts no characters but the piece table "
                                                    f"holds {len(full)}; the file is damaged, get a new copy")
        return Document(source=src, raw_text=raw, zones=zones, problems=[Problem(
            "read", "W_EMPTY_PAGE", f"{name}: the document holds no text; nothing to extract, check the file")])
    ratio, judged = common_ratio(raw)
    if judged >= 40 and ratio < MIN_COMMON:
        return _failed(src, "E_DOC_UNREADABLE", f"{name}: the text decodes to wrong characters (only {ratio:.0%} "
                                                "common hanzi); the file is damaged, get a new copy")
    return Document(source=src, raw_text=raw, zones=zones)


def _piece_text(wd: bytes, pieces: list[Piece], ends: list[int], ttp: list[bool]) -> str:
    """The document's characters in CP order, with row-end cell marks turned into line breaks."""
    out = []
    for piece in pieces:
        start, stop = piece.fc, piece.fc_of(piece.cp_end)
        chunk = wd[start:stop]
        text = chunk.decode("latin-1").translate(_CP1252_HIGH) if piece.compressed else chunk.decode(
            "utf-16-le", errors="replace")
        if "\x07" in text and ends:
            chars = list(text)
            for k, ch in enumerate(chars):
                if ch == "\x07":
                    chars[k] = "\x0d" if is_row_end(piece.fc_of(piece.cp_start + k), ends, ttp) else "\t"
            text = "".join(chars)
        out.append(text.replace("\x07", "\t"))
    return "".join(out)


def _split_parts(full: str, fib: Fib) -> dict[str, str]:
    """The subdocuments (main text, footnotes, headers, ...) by their character counts."""
    parts, pos = {}, 0
    for part in PART_ORDER:
        n = fib.ccp.get(part, 0)
        if n < 0 or pos + n > len(full) + 1:
            raise DocFormatError(f"{part}={n} runs past the {len(full)} characters of the text")
        parts[part] = full[pos:pos + n]
        pos += n
    return parts


def clean(text: str) -> str:
    """Field codes out, field results in, Word's control characters to text."""
    if "\x13" in text:
        out, stack, pos = [], [], 0  # stack of "code"/"result" for nested fields
        for m in FIELD_MARK.finditer(text):
            if all(s == "result" for s in stack):
                out.append(text[pos:m.start()])
            mark = m.group()
            if mark == "\x13":
                stack.append("code")
            elif mark == "\x14" and stack:
                stack[-1] = "result"
            elif mark == "\x15" and stack:
                stack.pop()
            pos = m.end()
        if all(s == "result" for s in stack):
            out.append(text[pos:])
        text = "".join(out)
    return text.translate(SPECIAL)


def _word6(data: bytes, src: Source, nfib: int) -> Document:
    """Word 6/95: antiword when installed, else a clear problem."""
    exe = shutil.which("antiword")
    message = (f"{src.path}: Word 6/95 file (nFib {nfib:#x}), which this reader does not decode; "
               "install antiword or re-save it as .docx")
    if exe is None:
        return _failed(src, "E_DOC_WORD6", message)
    try:
        proc = subprocess.run([exe, "-m", "UTF-8.txt", "-"], input=data, capture_output=True,
                              timeout=ANTIWORD_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _failed(src, "E_DOC_WORD6", f"{message} (antiword failed: {exc})")
    text = proc.stdout.decode("utf-8", errors="replace")
    if proc.returncode != 0 or not text.strip():
        return _failed(src, "E_DOC_WORD6", f"{message} (antiword exit code {proc.returncode})")
    return Document(source=replace(src, encoding="antiword"), raw_text=text, zones={"body": [Span(0, len(text))]})


def _failed(src: Source, code: str, message: str) -> Document:
    return Document(source=src, raw_text="", problems=[Problem("read", code, message)])
