"""The hostile corpus, generated once per session into tmp (never committed: it holds bombs),
and one guarded ingest of it together with the seed notices."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.ingest import Summary, ingest
from pipeline.read import guard as read_guard
from tests.hostile.make_hostile import make

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"
PDF_CAP_MB = 384  # what pdfium may allocate in a test (the Flate bomb wants 1 GB)


@dataclass
class Catalogue:
    """A catalogue built from the hostile corpus and the seeds in one batch."""

    db: Path
    summary: Summary
    codes: dict[str, list[str]] = field(default_factory=dict)  # file name -> problem codes
    documents: dict[str, int] = field(default_factory=dict)  # file name -> documents loaded
    formats: dict[str, str] = field(default_factory=dict)  # file name -> sniffed format

    def query(self, sql: str, params=()) -> list[tuple]:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def text_of(self, name: str) -> str:
        rows = self.query("SELECT d.text FROM documents d JOIN sources s ON s.path = d.source "
                          "WHERE s.path LIKE ? ORDER BY d.ordinal", [f"%/{name}"])
        return "\n".join(r[0] for r in rows)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Path:
    """The folder of hostile files (the XXE target file lies beside it, outside the corpus)."""
    out = tmp_path_factory.mktemp("hostile") / "corpus"
    make(out)
    return out


def build_catalogue(corpus: Path, db: Path, guard: bool = True, workers: int = 2) -> Catalogue:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(corpus.parent)
        # the Flate bomb then aborts pdfium within a few hundred MB instead of 2 GB
        mp.setattr(read_guard, "MEMORY_CAP_MB", PDF_CAP_MB)
        summary = ingest([corpus.name, str(SEEDS)], str(db), workers=workers, guard=guard)
    cat = Catalogue(db, summary)
    for path, fmt, docs in cat.query("SELECT path, format, documents FROM sources"):
        name = Path(path).name
        cat.documents[name], cat.formats[name], cat.codes[name] = docs, fmt, []
    for path, code in cat.query("SELECT source, code FROM problems ORDER BY source, code"):
        cat.codes[Path(path).name].append(code)
    return cat


@pytest.fixture(scope="session")
def catalogue(hostile, tmp_path_factory) -> Catalogue:
    return build_catalogue(hostile, tmp_path_factory.mktemp("catalogue") / "catalogue.db")
