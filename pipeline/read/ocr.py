"""OCR of scanned pages (PDF pages without a text layer, image files) with RapidOCR (PP-OCRv6).

Why this engine (README, dependency notes): rapidocr 3.10 ships its PP-OCR ONNX models in the
wheel, reads 〔〕 and —— right where Tesseract gives [] and garbles tables, and runs offline.
It is pinned, and the three model paths are given explicitly so it can never try a download.

Every page is OCRed in its own guarded child (`run_guarded`: a time budget and a memory cap a
page, PAGE_SECONDS and MEMORY_MB); the engine is loaded once in the process that forks them
(an ingest worker), so each child inherits it instead of loading ~100 MB of models again.
onnxruntime runs with one intra-op and one inter-op thread: the guard's workers are the
parallelism, and a thread pool per child would only fight them for the cores.

Pages are rendered at DPI (150: 300 gained nothing on notice pages, at 4x the pixels). A
page's result is cached by the hash of its rendered pixels (and the engine's version), in
`cache_dir()`, so a re-ingest (a new extractor version re-reads every file) never OCRs a page
twice. Boxes become lines in reading order: boxes whose vertical extents overlap by half the
smaller height are one line, ordered by x; a gap of two line heights or more is a cell border
and becomes a tab, as the table readers render cells. Then `fold` mends what the recogniser
confuses in notices: `[2013]` in a 发文字号 is 〔2013〕, and 一 between digits or doubled at a
line start is a dash.

PIPELINE_OCR=0 (or `--no-ocr`) turns OCR off: scans then get E_NEEDS_OCR as before.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

OCR_ENV = "PIPELINE_OCR"  # "0", "off", "no", "false": OCR off
CACHE_ENV = "PIPELINE_OCR_CACHE"  # the cache folder; default under XDG_CACHE_HOME
DPI = 150
# wall seconds a page: ~3.4 CPU-s on an idle core, but 45-80 s of wall time were measured with 8 jobs on 2 cores
PAGE_SECONDS = float(os.environ.get("PIPELINE_OCR_PAGE_SECONDS", "300"))
MEMORY_MB = int(os.environ.get("PIPELINE_OCR_MEMORY_MB", "1536"))  # what a page may add to the worker
MAX_FRAMES = 200  # a multi-page TIFF longer than this is not a notice
MAX_PIXELS = 60_000_000  # ~A0 at 200 dpi; Pillow's bomb check is at 89 M and only warns below 179 M
MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx",
          "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}
LINE_OVERLAP = 0.5  # share of the taller box's height two boxes must share to be one line
CELL_GAP = 2.0  # a horizontal gap of this many line heights separates table cells
OFF_VALUES = ("0", "off", "no", "false")
# 晋卫办医政[2013]84号: brackets the recogniser gives for 〔〕 in a document number
BRACKET_NUMBER = re.compile(r"[\[［【](\d{4})[\]］】](?=\d{1,5}号)")
DIGIT_DASH = re.compile(r"(?<=\d)一(?=\d)")  # WS 445.17一2014, 2021一2025年
LINE_DASH = re.compile(r"^一一", re.M)  # ——第1部分 list items

_ENGINE = None


@dataclass(frozen=True, slots=True)
class OcrPage:
    text: str
    confidence: float | None  # mean recogniser score, weighted by characters; None: no text
    chars: int


def enabled() -> bool:
    """Whether OCR runs (PIPELINE_OCR, read at call time so `--no-ocr` reaches forked workers)."""
    return os.environ.get(OCR_ENV, "1").strip().lower() not in OFF_VALUES


def version() -> str:
    from importlib.metadata import version as dist_version

    return f"rapidocr-{dist_version('rapidocr')}-{MODELS['Det']}-{MODELS['Rec']}-{DPI}dpi"


def engine():
    """The process's RapidOCR instance, loaded on first use with explicit model paths and one thread."""
    global _ENGINE
    if _ENGINE is None:
        import rapidocr

        models = Path(rapidocr.__file__).resolve().parent / "models"
        params = {f"{task}.model_path": str(models / name) for task, name in MODELS.items()}
        params.update({"Global.log_level": "error", "Global.use_cls": False,
                       "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                       "EngineConfig.onnxruntime.inter_op_num_threads": 1})
        for name in MODELS.values():
            if not (models / name).is_file():  # never let the library fall back to a download
                raise FileNotFoundError(f"OCR model {name} missing from {models}; reinstall rapidocr")
        _ENGINE = rapidocr.RapidOCR(params=params)
    return _ENGINE


def cache_dir() -> Path:
    """PIPELINE_OCR_CACHE, else notice-pipeline/ocr under the user's cache folder."""
    base = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "notice-pipeline", "ocr")
    return Path(base)


def ocr_image(image) -> OcrPage:
    """One page image (a PIL image) to text; the recogniser's boxes are cached, not the text, so a
    better reading order or fold applies to cached pages too.

    A page printed sideways (a landscape table in a portrait scan) shows as boxes taller than
    wide: it is read again turned a quarter each way, and the reading the recogniser is surest
    of wins (WS 445's data-element tables were 13 garbled pages of 23 before)."""
    rgb = image.convert("RGB")
    items = _items(rgb)
    page = page_of(items)
    if not sideways(items):
        return page
    for angle in (90, 270):
        turned = page_of(_items(rgb.rotate(angle, expand=True)))
        if (turned.confidence or 0) > (page.confidence or 0):
            page = turned
    return page


SIDEWAYS_SHARE = 0.5  # of a page's boxes that are over 1.5 times taller than wide
SIDEWAYS_RATIO = 1.5


def sideways(items: list) -> bool:
    """Whether most text boxes stand upright: the page's lines run top to bottom."""
    tall = sum(1 for it in items if it[3] - it[1] > SIDEWAYS_RATIO * (it[2] - it[0]))
    return len(items) >= 3 and tall > SIDEWAYS_SHARE * len(items)


def _items(rgb) -> list:
    """The recogniser's boxes for one RGB image, from the cache when it has them."""
    key = hashlib.sha256(f"{version()}:{rgb.size}".encode() + rgb.tobytes()).hexdigest()
    path = cache_dir() / key[:2] / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["items"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not cached yet (or a damaged entry): OCR it and write the entry again
    import numpy as np

    result = engine()(np.asarray(rgb))
    items = boxes_of(result.boxes, result.txts, result.scores)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"items": items}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full cache costs only the next run's time, never this page's text
    return items


def boxes_of(boxes, txts, scores) -> list[list]:
    """RapidOCR's output (None when nothing was found) as [x0, y0, x1, y1, text, score] rows."""
    if boxes is None or not txts:
        return []
    items = []
    for box, text, score in zip(boxes, txts, scores):
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        if text.strip():
            items.append([min(xs), min(ys), max(xs), max(ys), text.strip(), round(float(score), 4)])
    return items


def page_from(boxes, txts, scores) -> OcrPage:
    """RapidOCR's output as an OcrPage."""
    return page_of(boxes_of(boxes, txts, scores))


def page_of(items: list) -> OcrPage:
    """Boxes as an OcrPage: lines in reading order, folded, with the character-weighted confidence."""
    if not items:
        return OcrPage("", None, 0)
    lines = reading_order([tuple(item) for item in items])
    chars = sum(len(item[4]) for item in items)
    confidence = sum(len(item[4]) * item[5] for item in items) / chars
    return OcrPage(fold("\n".join(lines)), round(confidence, 4), chars)


def reading_order(items: list[tuple[float, float, float, float, str, float]]) -> list[str]:
    """Boxes (x0, y0, x1, y1, text, score) grouped into lines by vertical overlap, each ordered by x.

    A box joins the line above when they share half the taller one's height: measured on the
    smaller one, a cover's tall "WS" logo swallowed the small lines beside it into one."""
    lines: list[list] = []  # [y0, y1, boxes]: the band of the line's first box
    for item in sorted(items, key=lambda b: (b[1] + b[3]) / 2):
        x0, y0, x1, y1 = item[:4]
        if lines:
            ly0, ly1, members = lines[-1]
            shared = min(y1, ly1) - max(y0, ly0)
            if shared >= LINE_OVERLAP * max(y1 - y0, ly1 - ly0):
                members.append(item)
                continue
        lines.append([y0, y1, [item]])
    out = []
    for _, _, members in lines:
        members.sort(key=lambda b: b[0])
        height = max(1.0, sum(b[3] - b[1] for b in members) / len(members))
        parts = [members[0][4]]
        for before, box in zip(members, members[1:]):
            parts.append(("\t" if box[0] - before[2] >= CELL_GAP * height else "") + box[4])
        out.append("".join(parts))
    return out


def fold(text: str) -> str:
    """Mend the recogniser's usual confusions in notices (brackets in numbers, dashes)."""
    text = BRACKET_NUMBER.sub(r"〔\1〕", text)
    text = DIGIT_DASH.sub("—", text)
    return LINE_DASH.sub("——", text)


def pdf_page(data: bytes, index: int) -> OcrPage:
    """Render one PDF page at DPI and OCR it (runs in a guarded child)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        image = page.render(scale=DPI / 72).to_pil()
        page.close()
    finally:
        pdf.close()
    return ocr_image(image)


def image_frames(data: bytes) -> int:
    """How many frames (pages) an image holds (runs in a guarded child: Pillow parses the header)."""
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(data)) as im:
        if im.width * im.height > MAX_PIXELS:
            raise ValueError(f"{im.width}x{im.height} pixels is over the {MAX_PIXELS} limit (ocr.MAX_PIXELS)")
        return getattr(im, "n_frames", 1)


def image_frame(data: bytes, index: int) -> OcrPage:
    """OCR one frame of an image file (runs in a guarded child)."""
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(data)) as im:
        im.seek(index)
        return ocr_image(im)
