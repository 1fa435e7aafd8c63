"""The extractor registry: order, declarations, and the runner's stamping."""
from __future__ import annotations

import pytest

from extractors import REGISTRY, produced_before
from pipeline.extract import run_extractors
from pipeline.record import FIELDS
from pipeline.types import make_doc


@pytest.mark.parametrize("index", range(len(REGISTRY)), ids=[e.name for e in REGISTRY])
def test_every_requirement_is_produced_earlier(index):
    ext = REGISTRY[index]
    missing = set(ext.requires) - produced_before(index)
    assert not missing, f"{ext.id} requires {missing}, produced by nobody before it"


def test_names_are_unique():
    names = [e.name for e in REGISTRY]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("field", FIELDS)
def test_every_record_field_has_an_extractor(field):
    assert any(field in e.produces for e in REGISTRY)


def test_runner_stamps_versioned_extractor_ids():
    doc = make_doc("晋卫办医政〔2013〕84号\n各市卫生局：\n请于2013年10月8日前报送。\n山西省卫生厅\n2013年9月28日")
    found = run_extractors(doc)
    ids = {e.id for e in REGISTRY}
    assert found and all(f.extractor in ids for f in found)


@pytest.mark.parametrize("index", range(len(REGISTRY)), ids=[e.name for e in REGISTRY])
def test_each_extractor_only_produces_what_it_declares(index):
    ext = REGISTRY[index]
    doc = make_doc("晋卫办医政〔2013〕84号\n各市卫生局：\n每个点不少于2000人次。由市卫生局负责。\n"
                   "联系人：王明，电话：0351-1234567\n山西省卫生厅\n2013年9月28日")
    run_extractors(doc)
    produced = {f.field for f in doc.found if f.extractor == ext.id}
    assert produced <= set(ext.produces)
