"""`python -m pipeline export`: documents, quotas and directives in three formats."""
from __future__ import annotations

import csv
import json

import pytest

from pipeline import load
from pipeline.export import export
from tests.catalogue.conftest import NOTICE, doc, notice_found, put


@pytest.fixture
def catalogue(tmp_path):
    path = tmp_path / "cat.db"
    db = load.connect(path)
    put(db, doc(NOTICE, "a.txt", notice_found(NOTICE)))
    db.close()
    return path


def _read(path, fmt):
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_writes_documents_quotas_and_directives(catalogue, tmp_path, fmt):
    lines = list(export(catalogue, fmt, tmp_path / "out"))
    assert lines == [f"wrote {tmp_path / 'out' / t}.{fmt} (1 rows)" for t in ("documents", "quotas", "directives")]
    docs = _read(tmp_path / "out" / f"documents.{fmt}", fmt)
    quotas = _read(tmp_path / "out" / f"quotas.{fmt}", fmt)
    assert docs[0]["doc_number"] == "晋卫办医政〔2013〕84号"
    assert float(quotas[0]["min"]) == 2000 and quotas[0]["unit"] == "人次"


@pytest.mark.parametrize("fmt, expected", [("csv", '["各市卫生局"]'), ("jsonl", ["各市卫生局"]),
                                           ("parquet", ["各市卫生局"])])
def test_list_columns_are_lists_except_in_csv(catalogue, tmp_path, fmt, expected):
    list(export(catalogue, fmt, tmp_path / "out"))
    assert _read(tmp_path / "out" / f"documents.{fmt}", fmt)[0]["recipients"] == expected


def test_unknown_format_is_a_user_error(catalogue, tmp_path):
    from pipeline.commands import UserError

    with pytest.raises(UserError, match="unknown format"):
        list(export(catalogue, "xlsx", tmp_path / "out"))
