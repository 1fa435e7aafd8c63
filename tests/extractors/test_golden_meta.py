"""Golden cases for the meta fields: every gold file x field must match exactly.

Known misses are the rows of LEDGER-meta.md, run as strict xfails: a fix makes its row
XPASS and fail, so the ledger can only shrink.
"""
from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import SHARED

FIELDS = ("title", "doc_number", "issuer", "signed_date", "published_date", "recipients", "cc",
          "attachments", "cited_doc_numbers", "contacts")
LEDGER = Path(__file__).parent / "LEDGER-meta.md"
ROW = re.compile(r"^\|\s*(?P<source>[^|`]+?)\s*\|\s*`?(?P<field>\w+)`?\s*\|")


def ledger() -> set[tuple[str, str]]:
    rows = (ROW.match(line) for line in LEDGER.read_text(encoding="utf-8").splitlines())
    return {(m["source"], m["field"]) for m in rows if m and m["field"] in FIELDS}


@cache
def scorer():
    spec = importlib.util.spec_from_file_location("gold_score", SHARED / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases() -> list[tuple[str, str, str]]:
    if not (SHARED / "gold").is_dir():
        return []
    return [(gold_set, p.name.removesuffix(".gold.json"), field)
            for gold_set in ("dev", "seeds") for p in sorted((SHARED / "gold" / gold_set).glob("*.gold.json"))
            for field in FIELDS]


@cache
def predicted(gold_set: str, key: str) -> tuple:
    from pipeline.commands import extract_records

    corpus = SHARED / "corpus" / gold_set
    paths = [p for p in corpus.rglob("*") if p.is_file() and scorer().source_key(p.name) == key]
    return tuple(json.loads(json.dumps(r)) for p in paths for r in extract_records([str(p)]))


def misses(gold_set: str, key: str, field: str) -> list:
    gold = json.loads((SHARED / "gold" / gold_set / f"{key}.gold.json").read_text(encoding="utf-8"))["documents"]
    out = []
    for g, p in scorer().align(gold, list(predicted(gold_set, key))):
        _tp, fp, fn, missed, spurious = scorer().compare(field, g, p)
        if fp or fn:
            out.append((missed, spurious))
    return out


def params():
    known = ledger()
    return [pytest.param(s, k, f, id=f"{k}-{f}",
                         marks=[pytest.mark.xfail(strict=True, reason="LEDGER-meta.md")] if (k, f) in known else [])
            for s, k, f in cases()]


@pytest.mark.slow
@pytest.mark.parametrize("gold_set,key,field", params())
def test_golden_meta(shared, gold_set, key, field):
    assert misses(gold_set, key, field) == []
