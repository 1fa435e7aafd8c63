"""Core types: spans, documents, the offset map."""
from __future__ import annotations

import pytest

from pipeline.types import Document, Found, Problem, Source, Span, make_doc


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2)], ids=["negative-start", "end-before-start"])
def test_span_rejects_bad_offsets(start, end):
    with pytest.raises(ValueError):
        Span(start, end)


@pytest.mark.parametrize(("a", "b", "overlaps"), [
    (Span(0, 3), Span(2, 5), True),
    (Span(0, 3), Span(3, 5), False),
    (Span(2, 4), Span(0, 9), True),
], ids=["partial", "touching-is-not-overlap", "inside"])
def test_span_overlap(a, b, overlaps):
    assert a.overlaps(b) is overlaps


def test_span_of_returns_the_text():
    assert Span(2, 4).of("晋卫办医政") == "办医"


def test_doc_id_is_stable_and_depends_on_ordinal():
    a, b = make_doc("同一份文本"), make_doc("同一份文本")
    assert a.doc_id == b.doc_id
    b.ordinal = 1
    assert a.doc_id != b.doc_id


def test_doc_id_depends_on_content():
    assert make_doc("甲").doc_id != make_doc("乙").doc_id


def test_raw_span_maps_through_the_offset_map():
    src = Source.from_bytes("x.txt", b"x")
    doc = Document(source=src, raw_text="A  B", text="A B", to_raw=[0, 1, 3, 4])
    assert doc.raw_span(Span(2, 3)) == Span(3, 4)
    assert doc.raw_span(Span(0, 3)).of(doc.raw_text) == "A  B"


def test_found_evidence_is_the_span_text():
    doc = make_doc("编号晋卫办医政〔2013〕84号。")
    f = Found("doc_number", "晋卫办医政〔2013〕84号", Span(2, 16), "test")
    assert f.evidence(doc.text) == "晋卫办医政〔2013〕84号"


@pytest.mark.parametrize(("code", "is_error"), [("E_DOC_UNREADABLE", True), ("W_ENCODING_GUESSED", False)],
                         ids=["error", "warning"])
def test_problem_severity_from_code(code, is_error):
    assert Problem("read", code, "m").is_error is is_error


def test_zone_membership():
    doc = make_doc("抄送：省卫生厅", zones={"notes": [Span(0, 7)]})
    assert doc.in_zone(Span(3, 7), "notes")
    assert not doc.in_zone(Span(3, 7), "body")
