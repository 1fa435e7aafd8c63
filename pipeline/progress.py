"""Progress from inside a stage to whoever runs it (a light module: the guard's workers import it at start).

`pipeline.guard`'s workers set a hook that sends each event up their pipe, where the pool
raises the file's time budget (a 40-page scan must not be killed for taking 40 pages' time)
and the ingest counts OCR pages; elsewhere (extract, tests) events go nowhere.
"""
from __future__ import annotations

from collections.abc import Callable

_hook: Callable[[str, int], None] | None = None


def set_hook(hook: Callable[[str, int], None] | None) -> None:
    global _hook
    _hook = hook


def progress(kind: str, n: int) -> None:
    """Report `n` units of `kind`: "ocr_pages" (pages announced), "ocr_done" (pages finished),
    "budget" (the next step may take up to n seconds)."""
    if _hook is not None:
        _hook(kind, n)
