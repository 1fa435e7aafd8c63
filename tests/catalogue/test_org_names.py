"""One document's names of one body become one organisation, its region filled in."""
from __future__ import annotations

import pytest

from pipeline.catalogue.orgs import describe


def canon(names, region=None):
    got, problems = describe(names, region)
    assert problems == []
    return {n: (d["canonical"], d["province"]) for n, d in got.items()}


@pytest.mark.parametrize(("names", "region", "name", "expected"), [
    pytest.param(["省财政厅", "河北省财政厅"], None, "省财政厅", ("河北省财政厅", "河北省"), id="short_joins_full"),
    pytest.param(["财政厅", "河北省财政厅"], None, "财政厅", ("河北省财政厅", "河北省"), id="bare_joins_full"),
    pytest.param(["省卫生厅", "河北省财政厅"], None, "省卫生厅", ("河北省卫生厅", "河北省"),
                 id="relative_takes_the_documents_one_province"),
    pytest.param(["省财政厅"], {"province": "河北省", "city": None}, "省财政厅", ("河北省财政厅", "河北省"),
                 id="documents_region_fills_in"),
    pytest.param(["省财政厅", "省卫生厅"], None, "省财政厅", ("省财政厅", None), id="no_region_anywhere_stays"),
    pytest.param(["财政厅", "河北省财政厅", "山西省财政厅"], None, "财政厅", ("财政厅", None),
                 id="two_provinces_ambiguous_stays"),
])
def test_names_resolve_within_a_document(names, region, name, expected):
    assert canon(names, region)[name] == expected
