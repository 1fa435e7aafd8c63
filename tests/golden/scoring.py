"""Run the pipeline over a gold set and score it with ../shared/gold/score.py."""
from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from pipeline.commands import extract_records

GOLD_SETS = ("seeds", "dev")


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_inputs(shared: Path, name: str) -> list[Path]:
    """The corpus files that have gold answers in this set."""
    scorer = load_scorer(shared)
    keys = set(scorer.load_gold(shared / "gold" / name))
    corpus = shared / "corpus" / name
    return sorted(p for p in corpus.rglob("*") if p.is_file() and scorer.source_key(p.name) in keys)


@cache
def score_set(shared: Path, name: str) -> dict:
    scorer = load_scorer(shared)
    gold = scorer.load_gold(shared / "gold" / name)
    pred: dict[str, list] = {}
    for path in gold_inputs(shared, name):
        for rec in extract_records([str(path)]):
            pred.setdefault(scorer.source_key(rec["source"]), []).append(json.loads(json.dumps(rec)))
    return scorer.score(gold, pred)
