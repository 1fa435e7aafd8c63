"""The documents of each gold set (and the distant-labelled wild pages), run once and cached.

Gold and corpus files are read in place from ../shared and the repo's tests/gold_extra; nothing
is copied. The pipeline runs once per file and the result is pickled under .eval/ so that every
experiment reads the cache instead of re-running read -> extract (the machine is shared).
"""
from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.read import read_file
from pipeline.record import chosen
from pipeline.stages import process
from pipeline.structure.lines import lines

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"  # the report's --shared replaces it
CACHE = REPO / ".eval" / "line_roles.pkl"
CACHE_VERSION = 2

TRAIN_SETS = ("seeds", "dev", "wild-tune")
HELD_OUT = "wild"
DISTANT = "distant"
DISTANT_FOLDER = "govcn_platform1/html"
"""gov.cn policy pages: their metadata table (标题, 发文机关, 成文日期) labels the body lines."""
NOT_INPUTS = ("PROVENANCE.tsv", "README.md")
ROLE_FIELDS = ("title", "recipients", "issuer", "signed_date")


@dataclass
class Doc:
    """One processed document: its text, lines, zones, the rules' chosen values and its answers."""

    set: str
    source: str
    text: str
    lines: tuple  # of pipeline.structure.lines.Line
    zones: dict
    chosen: dict  # field -> [(value, start, end, rule)]
    cands: dict  # field -> every candidate [(value, start, end, rule)], in the extractors' order
    gold: dict | None = None  # the gold record, or for distant pages the metadata table's values
    meta: dict = field(default_factory=dict)


def _gold_files(set_name: str) -> list[tuple[Path, Path]]:
    """(input file, gold file) pairs of one set, matched the way score.py matches them."""
    if set_name in ("seeds", "dev"):
        gold_dir, corpus = SHARED / "gold" / set_name, SHARED / "corpus" / set_name
        inputs = {p.stem: p for p in corpus.rglob("*")
                  if p.is_file() and p.name not in NOT_INPUTS and not p.name.endswith(".gold.json")}
        return [(inputs[g.name[: -len(".gold.json")]], g) for g in sorted(gold_dir.glob("*.gold.json"))
                if g.name[: -len(".gold.json")] in inputs]
    gold_dir = REPO / "tests" / "gold_extra" / set_name
    out = []
    for rel in (gold_dir / "FILES.txt").read_text(encoding="utf-8").split("\n"):
        if rel.strip():
            path = SHARED / "corpus" / "wild" / rel.strip()
            gold = gold_dir / (path.stem + ".gold.json")
            if gold.exists():
                out.append((path, gold))
    return out


def _distant_files() -> list[Path]:
    """govcn pages that no gold set names (never the held-out ones)."""
    named = set()
    for set_name in ("wild", "wild-tune"):
        named |= {r.strip() for r in (REPO / "tests" / "gold_extra" / set_name / "FILES.txt")
                  .read_text(encoding="utf-8").split("\n") if r.strip()}
    folder = SHARED / "corpus" / "wild" / DISTANT_FOLDER
    return [p for p in sorted(folder.iterdir()) if f"{DISTANT_FOLDER}/{p.name}" not in named]


def _docs_of(path: Path) -> list:
    return list(process([read_file(path)]))


def _record(set_name: str, path: Path, d, gold) -> Doc:
    picked = {f: [(x.value, x.span.start, x.span.end, x.rule) for x in c]
              for f, c in chosen(d).items() if f in ROLE_FIELDS}
    cands = {f: [(x.value, x.span.start, x.span.end, x.rule) for x in d.found if x.field == f]
             for f in ROLE_FIELDS}
    zones = {k: [(s.start, s.end) for s in v] for k, v in d.zones.items()}
    return Doc(set_name, str(path), d.text, lines(d.text), zones, picked, cands, gold)


def build() -> dict:
    """Every one-document file of every set, run through the pipeline; skipped files counted."""
    sets: dict[str, list[Doc]] = {}
    skipped: dict[str, int] = {}
    for set_name in (*TRAIN_SETS, HELD_OUT):
        sets[set_name], skipped[set_name] = [], 0
        for path, gold_path in _gold_files(set_name):
            gold_docs = json.loads(gold_path.read_text(encoding="utf-8")).get("documents", [])
            docs = _docs_of(path)
            # one gold document and one pipeline document: lines then belong to one answer
            if len(gold_docs) != 1 or len(docs) != 1:
                skipped[set_name] += 1
                continue
            sets[set_name].append(_record(set_name, path, docs[0], gold_docs[0]))
    sets[DISTANT], skipped[DISTANT] = [], 0
    for path in _distant_files():
        docs = _docs_of(path)
        if len(docs) != 1:
            skipped[DISTANT] += 1
            continue
        sets[DISTANT].append(_record(DISTANT, path, docs[0], None))
    return {"version": CACHE_VERSION, "sets": sets, "skipped": skipped}


def _stale() -> bool:
    """The cache is older than the pipeline's code (or this module, which decides what it holds)."""
    built = CACHE.stat().st_mtime
    return Path(__file__).stat().st_mtime > built or any(p.stat().st_mtime > built for folder in ("pipeline", "extractors")
               for p in (REPO / folder).rglob("*") if p.suffix in (".py", ".tsv", ".txt"))


def load(rebuild: bool = False) -> dict:
    """The cached sets, built on first use and again when the pipeline's code changed."""
    if CACHE.exists() and not rebuild and not _stale():
        with CACHE.open("rb") as fh:
            data = pickle.load(fh)
        if data.get("version") == CACHE_VERSION:
            return data
    data = build()
    CACHE.parent.mkdir(exist_ok=True)
    with CACHE.open("wb") as fh:
        pickle.dump(data, fh)
    return data


if __name__ == "__main__":
    from bench.line_roles import corpus  # pickle Doc under its module name, not __main__

    d = corpus.load(rebuild=True)
    for k, v in d["sets"].items():
        print(k, len(v), "skipped", d["skipped"][k])
