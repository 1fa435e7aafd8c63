"""The document text with values marked per field family: nesting, escaping, links back."""
from __future__ import annotations

import pytest

from pipeline.catalogue.highlight import family_of, highlight_families

TEXT = "关于开展义诊的通知<b>"


def marks(html: str) -> list[str]:
    import re

    return re.findall(r'<mark id="m-(\d+-\d+)"', html)


@pytest.mark.parametrize(("spans", "expected"), [
    pytest.param([(0, 9, "title"), (7, 9, "doc_type")], ["0-9", "7-9"], id="nested_inside_title"),
    pytest.param([(0, 4, "title"), (2, 6, "issuer")], ["0-4"], id="edge_overlap_skipped"),
    pytest.param([(0, 4, "title"), (0, 4, "doc_number")], ["0-4"], id="same_span_once"),
    pytest.param([(0, 4, "section")], [], id="unhighlighted_field"),
    pytest.param([(5, 99, "title")], [], id="past_the_text"),
])
def test_marks_nest_and_never_overlap(spans, expected):
    html = highlight_families(TEXT, [(a, b, f, "x.v1", "r") for a, b, f in spans])
    assert marks(html) == expected
    assert html.count("<mark") == html.count("</mark>")


def test_text_is_escaped_and_marks_link_back_to_their_card_value():
    html = highlight_families(TEXT, [(7, 9, "doc_type", "x.v1", "r"), (0, 2, "title", "x.v1", "r")], {(7, 9)})
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert 'data-back="v-7-9"' in html and 'data-back="record-card"' in html


@pytest.mark.parametrize(("field", "family"), [("quotas", "quotas"), ("responsible_units", "orgs"),
                                               ("deadlines", "dates"), ("directive", None)])
def test_fields_belong_to_families(field, family):
    assert family_of(field) == family
