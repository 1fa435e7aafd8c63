"""Progress from inside a reader reaches the pool: OCR pages counted, the file's budget raised per page."""
from __future__ import annotations

import time

import pytest

from pipeline.guard import GuardedPool
from pipeline.progress import progress


def _pages(n: int) -> int:
    progress("ocr_pages", n)
    for _ in range(n):
        progress("ocr_done", 1)
    return n


def _slow_page(budget: int) -> str:
    if budget:
        progress("budget", budget)
    time.sleep(3)
    return "read"


def test_pool_counts_pages_reported_by_its_workers():
    events = []
    with GuardedPool(_pages, workers=1, timeout=60) as pool:
        pool.on_tick = lambda kind, n: events.append((kind, n))
        outs = list(pool.imap([2, 3]))
    assert [o.value for o in outs] == [2, 3]
    assert sum(n for kind, n in events if kind == "ocr_pages") == 5
    assert sum(n for kind, n in events if kind == "ocr_done") == 5


@pytest.mark.parametrize(("budget", "code"), [(120, None), (0, "E_PARSE_TIMEOUT")],
                         ids=["page-budget-raises-the-file-budget", "without-it-the-file-times-out"])
def test_a_page_budget_outlasts_the_file_budget(budget, code):
    with GuardedPool(_slow_page, workers=1, timeout=1) as pool:
        (out,) = list(pool.imap([budget]))
    assert (out.problem.code if out.problem else None) == code
