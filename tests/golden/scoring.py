"""Run the pipeline over a gold set and score it with ../shared/gold/score.py."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from bench.gold import load_scorer
from pipeline.commands import extract_records

ROOT = Path(__file__).resolve().parents[2]
GOLD_SETS = ("seeds", "dev", "extra-md", "extra-docx")
"""The shared gold sets, and the project's own gold for dev files nobody tuned on (tests/gold_extra)."""


def set_paths(shared: Path, name: str) -> tuple[Path, Path]:
    """(gold folder, corpus folder) of a gold set."""
    if name.startswith("extra-"):
        fmt = name.removeprefix("extra-")
        return ROOT / "tests" / "gold_extra" / fmt, shared / "corpus" / "dev" / fmt
    return shared / "gold" / name, shared / "corpus" / name


def gold_inputs(shared: Path, name: str) -> list[Path]:
    """The corpus files that have gold answers in this set."""
    scorer = load_scorer(shared)
    gold_dir, corpus = set_paths(shared, name)
    keys = set(scorer.load_gold(gold_dir))
    return sorted(p for p in corpus.rglob("*") if p.is_file() and scorer.source_key(p.name) in keys)


@cache
def score_set(shared: Path, name: str) -> dict:
    scorer = load_scorer(shared)
    gold = scorer.load_gold(set_paths(shared, name)[0])
    pred: dict[str, list] = {}
    for path in gold_inputs(shared, name):
        for rec in extract_records([str(path)]):
            pred.setdefault(scorer.source_key(rec["source"]), []).append(json.loads(json.dumps(rec)))
    return scorer.score(gold, pred)
