"""Fuzzing budgets: a quick run by default, a long one under `-m slow`.

FUZZ_EXAMPLES sets the long runs' examples (300 by default; 15000 took 6 min for .doc and .docx)."""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, settings

from pipeline.types import Document

QUICK = settings(max_examples=120, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CODE = re.compile(r"^[EW]_[A-Z0-9_]+$")


def assert_coded(doc: Document, allowed: frozenset[str] | None = None) -> None:
    """A Document whose failures are all coded problems, whose zones lie inside its text, and
    which is never silently empty."""
    assert isinstance(doc, Document)
    for p in doc.problems:
        assert CODE.match(p.code) and p.message and p.stage == "read", p
        assert allowed is None or p.code in allowed, p
    for spans in doc.zones.values():
        assert all(0 <= s.start <= s.end <= len(doc.raw_text) for s in spans), doc.zones
    if not doc.raw_text.strip():
        assert doc.problems, "an empty document with no problem: the file would vanish without a trace"
