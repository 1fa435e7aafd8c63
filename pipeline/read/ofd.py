"""OFD (GB/T 33190, the Chinese fixed-layout format): each page's text in reading order via ofdkit.

ofdkit (stdlib only) resolves OFD.xml → Document.xml → pages, templates and composite units,
and refuses zip bombs, DTDs and paths that leave the package (OFDLimitError: E_ZIP_BOMB). It
still parses untrusted XML, so it runs in the guarded child like the PDF reader. Pages are
joined by a form feed line as for PDF; a file whose pages carry no text (a scan wrapped in
OFD) gets E_NEEDS_OCR.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.read.guard import run_guarded
from pipeline.read.pdf import PAGE_BREAK
from pipeline.types import Document, Problem, Source, Span

FAILURES = {"timeout": "E_PARSE_TIMEOUT", "memory": "E_PARSE_OOM", "recursion": "E_PARSE_RECURSION",
            "error": "E_PARSE_FAILED"}


@dataclass(slots=True)
class OfdText:
    pages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    limit: bool = False  # ofdkit refused the package as hostile


def ofd_pages(data: bytes) -> OfdText:
    """Every page's text (runs in the guarded child)."""
    import ofdkit

    out = OfdText()
    try:
        with ofdkit.open(data) as doc:
            for page in doc.pages:
                try:
                    out.pages.append(page.text())
                except ofdkit.OFDLimitError:
                    raise
                except ofdkit.OFDError as exc:
                    out.warnings.append(f"page {page.index + 1}: {exc}")
                    out.pages.append("")
            out.warnings.extend(doc.warnings)
    except ofdkit.OFDLimitError as exc:
        out.error, out.limit = str(exc), True
    except ofdkit.OFDError as exc:
        out.error = str(exc)
    return out


def read_ofd(data: bytes, source: Source) -> Document:
    src = replace(source, format="ofd", encoding="utf-8")
    name = source.path
    guarded = run_guarded(ofd_pages, data)
    if not guarded.ok:
        code = FAILURES.get(guarded.failure, "E_PARSE_CRASH")
        return _failed(src, code, f"{name}: the OFD reader failed ({guarded.detail}); open the file to check it")
    result: OfdText = guarded.value
    if result.limit:
        return _failed(src, "E_ZIP_BOMB", f"{name}: refused as hostile ({result.error})")
    if result.error:
        return _failed(src, "E_OFD_UNREADABLE", f"{name}: not a readable OFD ({result.error}); "
                                                "open it in an OFD reader and export a PDF")
    problems = []
    if result.warnings:
        problems.append(Problem("read", "W_OFD_PARTIAL", f"{name}: parts could not be read "
                                                         f"({'; '.join(result.warnings[:3])}); their text is missing"))
    pages = [page.strip("\n") for page in result.pages]
    if not any(page.strip() for page in pages):
        return _failed(src, "E_NEEDS_OCR", f"{name}: no page carries text (a scan); OCR it first", problems)
    text = PAGE_BREAK.join(pages)
    return Document(source=src, raw_text=text, zones={"body": [Span(0, len(text))]}, problems=problems)


def _failed(src: Source, code: str, message: str, problems: list[Problem] | None = None) -> Document:
    return Document(source=src, raw_text="", problems=[*(problems or []), Problem("read", code, message)])
