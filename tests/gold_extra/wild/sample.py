"""Draw the wild gold samples: 40 documents of ../shared/corpus/wild each, stratified by source.

Allocation is proportional to the square root of each source's size (at least one each), so the
small hand-made sources are represented without the 3,409 law texts taking two thirds of the set;
inside a source the files are drawn uniformly with `random.Random(seed)`. Each later set draws only
from files no earlier set drew (`draw_after`). Run it to reproduce a set's FILES.txt:

| set | seed | command (from the repo root) | its misses |
|---|---|---|---|
| wild (held out) | 20261206 | `python tests/gold_extra/wild/sample.py ../shared/corpus/wild` | never read |
| wild-tune | 20261207 | `… --seed 20261207 --after wild` | read and fixed |
| wild-tune2 | 20261208 | `… --seed 20261208 --after wild wild-tune` | first scored blind, then read |
| wild-tune3 | 20261209 | `… --seed 20261209 --after wild wild-tune wild-tune2` | first scored blind, then read |

Fixing what a tuning set's misses show is allowed (patterns, never single files), so only the first,
blind score of wild-tune2 and wild-tune3 (in the README) says what an unseen page costs.
"""
from __future__ import annotations

import csv
import math
import random
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


def draw_after(wild: Path, seed: int, earlier: tuple[str, ...]) -> list[str]:
    """A later sample (the tuning sets): the same allocation over the files no earlier set drew.

    `earlier` names sibling folders whose FILES.txt lists files already drawn."""
    here = Path(__file__).resolve().parent.parent
    taken: set[str] = set()
    for name in earlier:
        taken |= set((here / name / "FILES.txt").read_text("utf-8").split())
    by_source: dict[str, list[str]] = {}
    for rel in sorted((wild / "PROVENANCE.tsv").read_text("utf-8").splitlines()[1:]):
        rel = rel.split("\t", 1)[0]
        if rel not in taken:
            by_source.setdefault(rel.split("/", 1)[0], []).append(rel)
    rng = random.Random(seed)
    seats = allocation({s: len(v) for s, v in by_source.items()})
    return [rel for s in sorted(by_source) for rel in sorted(rng.sample(by_source[s], seats[s]))]


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("wild", nargs="?", default="../shared/corpus/wild")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--after", nargs="*", default=[], help="earlier sets whose files are not drawn again")
    args = parser.parse_args()
    wild = Path(args.wild)
    for rel in draw_after(wild, args.seed, tuple(args.after)) if args.after else draw(wild):
        print(rel)
