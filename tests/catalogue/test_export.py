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
    counts = {"documents": 1, "quotas": 1, "directives": 1, "units": 2, "citations": 1, "dates": 1}
    assert lines == [f"wrote {tmp_path / 'out' / t}.{fmt} ({n} rows)" for t, n in counts.items()]
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


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_units_citations_and_dates_are_exported(catalogue, tmp_path, fmt):
    list(export(catalogue, fmt, tmp_path / "out"))
    units = _read(tmp_path / "out" / f"units.{fmt}", fmt)
    assert {(u["name"], u["role"]) for u in units} == {("省卫生厅医政处", "lead"), ("市卫生局", "cooperating")}
    (cite,) = _read(tmp_path / "out" / f"citations.{fmt}", fmt)
    assert cite["doc_number"] == "国卫发明电〔2013〕16号" and not cite["cited_id"]
    dates = _read(tmp_path / "out" / f"dates.{fmt}", fmt)
    assert [(d["kind"], d["value"]) for d in dates] == [("signed", "2013-09-28")]


def test_parquet_quotas_and_contacts_are_typed_lists_of_structs(catalogue, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    list(export(catalogue, "parquet", tmp_path / "out"))
    table = pq.read_table(tmp_path / "out" / "documents.parquet")
    assert table.schema.field("quotas").type == pa.list_(pa.struct([
        ("text", pa.string()), ("min", pa.float64()), ("max", pa.float64()), ("unit", pa.string()),
        ("approx", pa.bool_())]))
    assert table.schema.field("contacts").type == pa.list_(pa.struct([("name", pa.string()), ("phone", pa.string())]))
    row = table.to_pylist()[0]
    assert row["quotas"] == [{"text": "不少于2000人次", "min": 2000.0, "max": None, "unit": "人次", "approx": False}]
    assert row["contacts"] == [{"name": "郝小强", "phone": "0351-3580457"}]
