"""Draw the third wild TUNING sample: 40 documents of ../shared/corpus/wild in none of the earlier sets.

Same method as ../wild/sample.py (sqrt-stratified by source, seeded) with its own seed. The first
tuning set's misses had been read and fixed, so its score stopped telling us what an unseen page
looks like; this set was annotated blind and scored once before its misses were read (the first
score is in the README). Its misses may be read: fix patterns, never single files.
`python tests/gold_extra/wild-tune3/sample.py ../shared/corpus/wild > tests/gold_extra/wild-tune3/FILES.txt`
"""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

SEED = 20261209
HERE = Path(__file__).parent


def _heldout():
    spec = importlib.util.spec_from_file_location("heldout_sample", HERE.parent / "wild" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def draw(wild: Path) -> list[str]:
    heldout = _heldout()
    taken = set()
    for earlier in ("wild", "wild-tune", "wild-tune2"):
        taken |= set((HERE.parent / earlier / "FILES.txt").read_text("utf-8").split())
    by_source: dict[str, list[str]] = {}
    for rel in sorted((wild / "PROVENANCE.tsv").read_text("utf-8").splitlines()[1:]):
        rel = rel.split("\t", 1)[0]
        if rel not in taken:
            by_source.setdefault(rel.split("/", 1)[0], []).append(rel)
    rng = random.Random(SEED)
    seats = heldout.allocation({s: len(v) for s, v in by_source.items()})
    return [rel for s in sorted(by_source) for rel in sorted(rng.sample(by_source[s], seats[s]))]


if __name__ == "__main__":
    for rel in draw(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/wild")):
        print(rel)
