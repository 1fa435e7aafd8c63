"""Invariants over the whole corpus: evidence is where the value came from, offsets map back."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from pipeline.commands import documents

ROOT = Path(__file__).resolve().parent.parent
BRACKETS = str.maketrans("[]()（）【】［］", "〔〕〔〕〔〕〔〕〔〕", "《》")  # FORMAT drops a wrapping 《》


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)).translate(BRACKETS)


def corpus_docs(shared_root: Path | None):
    paths = [str(ROOT / "corpus" / "seeds")]
    if shared_root is not None:
        paths.append(str(shared_root / "corpus" / "dev" / "html"))
    return list(documents(paths))


@pytest.fixture(scope="module")
def docs(request):
    from tests.conftest import SHARED

    return corpus_docs(SHARED if (SHARED / "corpus").is_dir() else None)


def test_every_span_lies_inside_its_text(docs):
    bad = [(d.source.path, f) for d in docs for f in d.found
           if not 0 <= f.span.start <= f.span.end <= len(d.text)]
    assert not bad


def test_every_value_has_nonempty_evidence(docs):
    bad = [(d.source.path, f.field, f.value) for d in docs for f in d.found if f.span.start == f.span.end]
    assert not bad


STRING_FIELDS = ("doc_number.mention", "recipients", "cc", "attachments", "cited_doc_numbers")


def test_printed_values_are_their_evidence(docs):
    """A value printed as-is must be found in its evidence (modulo width, spaces and brackets)."""
    bad = []
    for d in docs:
        for f in d.found:
            if f.field in STRING_FIELDS and isinstance(f.value, str):
                if squash(f.value) not in squash(f.evidence(d.text)) and not _digits_match(f.value, f.evidence(d.text)):
                    bad.append((d.source.path, f.field, f.value, f.evidence(d.text)))
            if f.field == "quotas" and f.value.get("text") != f.evidence(d.text):
                bad.append((d.source.path, f.field, f.value.get("text"), f.evidence(d.text)))
    assert not bad, bad[:5]


def _digits_match(value: str, evidence: str) -> bool:
    return re.sub(r"\D", "", value) == re.sub(r"\D", "", evidence) != ""


def test_offset_map_is_monotone_and_inside_raw(docs):
    for d in docs:
        assert len(d.to_raw) == len(d.text) + 1, d.source.path
        assert all(0 <= r <= len(d.raw_text) for r in d.to_raw), d.source.path
        assert all(a <= b for a, b in zip(d.to_raw, d.to_raw[1:])), d.source.path
