"""Draw the wild held-out sample: 40 documents of ../shared/corpus/wild, stratified by source.

Allocation is proportional to the square root of each source's size (at least one each), so the
small hand-made sources are represented without the 3,409 law texts taking two thirds of the set;
inside a source the files are drawn uniformly with `random.Random(SEED)`. Run it to reproduce
FILES.txt: `python tests/gold_extra/wild/sample.py ../shared/corpus/wild > tests/gold_extra/wild/FILES.txt`.
"""
from __future__ import annotations

import csv
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261206
SIZE = 40


def allocation(counts: dict[str, int], size: int = SIZE) -> dict[str, int]:
    """Seats per source: sqrt-proportional, largest remainders, at least one each."""
    weights = {s: math.sqrt(n) for s, n in counts.items()}
    total = sum(weights.values())
    raw = {s: max(1.0, size * w / total) for s, w in weights.items()}
    seats = {s: int(v) for s, v in raw.items()}
    for s in sorted(raw, key=lambda s: raw[s] - seats[s], reverse=True):
        if sum(seats.values()) >= size:
            break
        seats[s] += 1
    return seats


def draw(wild: Path) -> list[str]:
    by_source: dict[str, list[str]] = defaultdict(list)
    with open(wild / "PROVENANCE.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            by_source[row["relative_path"].split("/", 1)[0]].append(row["relative_path"])
    rng = random.Random(SEED)
    seats = allocation({s: len(v) for s, v in by_source.items()})
    picked = []
    for source in sorted(by_source):
        picked += sorted(rng.sample(sorted(by_source[source]), seats[source]))
    return picked


if __name__ == "__main__":
    for rel in draw(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/wild")):
        print(rel)
