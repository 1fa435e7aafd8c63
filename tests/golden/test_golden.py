"""Golden tests: per-field F1 over the gold sets never falls below the pinned floors.

Floors only rise: after an improvement, run `python -m tests.golden.update_floors`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.record import FIELDS
from tests.golden.scoring import GOLD_SETS, score_set

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("gold_set", GOLD_SETS)
@pytest.mark.parametrize("field", FIELDS)
def test_field_f1_not_below_floor(shared, gold_set, field):
    f1 = score_set(shared, gold_set)["fields"][field]["f1"]
    assert f1 >= FLOORS[gold_set][field] - 1e-9, f"{gold_set}/{field}: F1 {f1} fell below {FLOORS[gold_set][field]}"


@pytest.mark.slow
@pytest.mark.parametrize("gold_set", GOLD_SETS)
def test_document_count_aligned(shared, gold_set):
    docs = score_set(shared, gold_set)["documents"]
    assert docs["matched"] >= FLOORS[gold_set]["_matched"]
