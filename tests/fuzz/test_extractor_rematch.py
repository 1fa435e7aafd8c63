"""The re-match property tests/test_properties.py lacked: every Found of a generated text is
found again, at the same span, when the registry runs on a fresh document of the same text
(the evidence stands on the text alone: no state carried between documents, no order or
identity effects). never-raises, spans-inside and purity are in tests/test_properties.py."""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from pipeline.extract import run_extractors
from pipeline.types import make_doc
from tests.fuzz.conftest import LONG, QUICK
from tests.test_properties import texts


def key(f) -> tuple:
    return f.extractor, f.field, f.span, f.rule, repr(f.value)


def check(text: str, other: str) -> None:
    first = run_extractors(make_doc(text))
    run_extractors(make_doc(other))  # another document in between: nothing may leak into the next
    again = {key(f) for f in run_extractors(make_doc(text))}
    for f in first:
        assert key(f) in again, f"{f.extractor}: {f.field} at {f.span} ({f.span.of(text)!r}) not found again"
        assert f.span.of(text), f


@settings(QUICK, max_examples=60)
@given(text=texts, other=texts)
def test_every_found_is_found_again_at_the_same_span(text, other):
    check(text, other)


@pytest.mark.slow
@LONG
@given(text=texts, other=texts)
def test_rematch_long_run(text, other):
    check(text, other)
