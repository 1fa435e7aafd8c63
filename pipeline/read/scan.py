"""Scans to text: OCR of a PDF's pages without a text layer, and of image files (.png .jpg .tif).

Each page goes through `pipeline.read.ocr` in its own guarded child (a time budget and a
memory cap a page); a page that fails keeps no text and is named in W_OCR_FAILED. The reader
reports pages announced and finished (`pipeline.progress`), which keeps an ingest worker's time
budget running per page and drives the ingest's page bar. The source records where its text
came from (`text_source`: text-layer, ocr or mixed) and the OCR confidence.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pipeline.progress import progress
from pipeline.read import ocr
from pipeline.read.guard import run_guarded
from pipeline.types import Document, Problem, Source, Span

PAGE_BREAK = "\f\n"
BUDGET_MARGIN_S = 30  # rendering, forking and the result's trip back, on top of the page's own budget


@dataclass(slots=True)
class Scanned:
    pages: dict[int, ocr.OcrPage] = field(default_factory=dict)  # 0-based page -> its OCR
    failed: list[str] = field(default_factory=list)  # "page 3: timeout ..."

    def confidence(self) -> float | None:
        """Character-weighted mean over the pages that gave text."""
        chars = sum(p.chars for p in self.pages.values() if p.confidence is not None)
        if not chars:
            return None
        return round(sum(p.chars * p.confidence for p in self.pages.values() if p.confidence is not None) / chars, 4)


def ocr_pages(fn: Callable[[bytes, int], ocr.OcrPage], data: bytes, indexes: list[int]) -> Scanned:
    """fn(data, i) for each page index, each in a guarded child; failures are listed, not raised."""
    out = Scanned()
    try:
        ocr.engine()  # loaded here once, so every forked child inherits it
    except (ImportError, OSError, RuntimeError, ValueError) as exc:  # no models, no onnxruntime: a problem, not a crash
        out.failed = [f"page {i + 1}: the OCR engine did not load ({type(exc).__name__}: {exc})" for i in indexes]
        return out
    progress("ocr_pages", len(indexes))
    for i in indexes:
        # the worker's file budget must cover this page's own (a loaded machine runs a page for minutes)
        progress("budget", int(ocr.PAGE_SECONDS) + BUDGET_MARGIN_S)
        guarded = run_guarded(fn, data, i, seconds=ocr.PAGE_SECONDS, memory_mb=ocr.MEMORY_MB)
        progress("ocr_done", 1)
        if guarded.ok:
            out.pages[i] = guarded.value
        else:
            out.failed.append(f"page {i + 1}: {guarded.failure} ({guarded.detail})")
    return out


def failed_problem(name: str, scanned: Scanned) -> Problem | None:
    if not scanned.failed:
        return None
    pages = "; ".join(scanned.failed[:3]) + (" ..." if len(scanned.failed) > 3 else "")
    return Problem("read", "W_OCR_FAILED", f"{name}: OCR failed on {len(scanned.failed)} page(s) ({pages}); "
                                           "their text is missing")


def read_image(data: bytes, source: Source) -> Document:
    """An image file: every frame OCRed, frames joined like PDF pages."""
    src = replace(source, format="image", encoding=None)
    name = source.path
    if not ocr.enabled():
        return _failed(src, "E_NEEDS_OCR", f"{name}: an image, and OCR is off (PIPELINE_OCR=0 or --no-ocr)")
    frames = run_guarded(ocr.image_frames, data)
    if not frames.ok:
        return _failed(src, "E_IMAGE_UNREADABLE", f"{name}: the image cannot be opened ({frames.detail}); "
                                                  "re-save it as PNG")
    count = min(frames.value, ocr.MAX_FRAMES)
    scanned = ocr_pages(ocr.image_frame, data, list(range(count)))
    problems = [p for p in (failed_problem(name, scanned),) if p]
    pages = [scanned.pages[i].text if i in scanned.pages else "" for i in range(count)]
    if not any(p.strip() for p in pages):
        return _failed(src, "E_NEEDS_OCR", f"{name}: OCR found no text in the image", problems)
    text = PAGE_BREAK.join(pages)
    src = replace(src, text_source="ocr", ocr_confidence=scanned.confidence())
    return Document(source=src, raw_text=text, zones={"body": [Span(0, len(text))]}, problems=problems)


def _failed(src: Source, code: str, message: str, problems: list[Problem] | None = None) -> Document:
    return Document(source=src, raw_text="", problems=[*(problems or []), Problem("read", code, message)])
