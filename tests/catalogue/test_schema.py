"""The DDL, its documentation, the Datasette configuration and the record JSON Schema."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

from pipeline import load
from pipeline.catalogue import serve
from pipeline.record import FIELDS

DDL = load.SCHEMA_PATH.read_text(encoding="utf-8")
TABLES = re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", DDL)
VIEWS = re.findall(r"CREATE VIEW IF NOT EXISTS (\w+)", DDL)
ISSUE_TABLES = ("sources", "documents", "sections", "directives", "quotas", "organizations", "document_orgs",
                "dates", "citations", "attachments", "contacts", "extractions", "problems", "runs")


@pytest.mark.parametrize("name", [*ISSUE_TABLES, "documents_fts", "works", "same_as", "cited_by",
                                  "citation_links", "attachment_links"])
def test_schema_creates_every_table_and_view(db, name):
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", [name]).fetchone()[0] == 1


@pytest.mark.parametrize("table", TABLES)
def test_every_column_is_documented_in_the_ddl(table):
    body = DDL.split(f"CREATE TABLE IF NOT EXISTS {table} (", 1)[1].split("\n);", 1)[0]
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    undocumented = [ln for ln in lines if "--" not in ln]
    assert undocumented == []


def test_connecting_twice_keeps_the_schema_and_rows(tmp_path):
    path = tmp_path / "c.db"
    db = load.connect(path)
    db["runs"].insert({"id": "r", "started_at": "x", "status": "done", "version": "v"})
    db.conn.commit()
    db.close()
    assert load.counts(load.connect(path), ["runs"]) == {"runs": 1}


def test_outdated_schema_is_rebuilt_empty(tmp_path):
    path = tmp_path / "c.db"
    db = load.connect(path)
    db["runs"].insert({"id": "r", "started_at": "x", "status": "done", "version": "v"})
    db.execute("UPDATE catalogue_meta SET value = '0' WHERE key = 'schema_version'")
    db.conn.commit()
    db.close()
    assert load.counts(load.connect(path), ["runs"]) == {"runs": 0}


@pytest.mark.parametrize("content, message", [
    (b"this is not sqlite" * 100, "is it a catalogue"),
    (None, "newer than this code"),
], ids=["not-a-database", "newer-schema"])
def test_unusable_catalogue_raises_a_catalogue_error(tmp_path, content, message):
    path = tmp_path / "c.db"
    if content is None:
        db = load.connect(path)
        db.execute("UPDATE catalogue_meta SET value = '99' WHERE key = 'schema_version'")
        db.conn.commit()
        db.close()
    else:
        path.write_bytes(content)
    with pytest.raises(load.CatalogueError, match=message):
        load.connect(path)


def test_catalogue_is_in_wal_mode(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


META = serve.metadata("catalogue")
DB_META = META["databases"]["catalogue"]


@pytest.mark.parametrize("table", [*ISSUE_TABLES, "works", "cited_by", "citation_links", "attachment_links"])
def test_metadata_describes_every_table(table):
    assert DB_META["tables"][table]["description"]


@pytest.mark.parametrize("table", TABLES)
def test_metadata_describes_every_column(table):
    cols = re.findall(r'^\s+"?(\w+)"?\s+[A-Z]', DDL.split(f"CREATE TABLE IF NOT EXISTS {table} (", 1)[1]
                      .split("\n);", 1)[0], re.M)
    assert set(cols) <= set(DB_META["tables"][table]["columns"])


@pytest.mark.parametrize("query", ["quota_provinces", "responsible_units", "citing_documents",
                                   "problems_by_code", "evidence", "document_view"])
def test_canned_query_is_read_only_and_valid_sql(db, query):
    q = DB_META["queries"][query]
    assert not q.get("write")
    db.conn.create_function("norm_doc_number", 1, lambda x: x)
    params = dict.fromkeys(re.findall(r":(\w+)", q["sql"]), "")
    db.execute(q["sql"], params).fetchall()


@pytest.mark.parametrize("setting, value", [("allow_download", False), ("suggest_facets", False),
                                            ("allow_csv_stream", False)])
def test_public_instance_settings_are_safe(setting, value):
    assert serve.settings()[setting] is value


def test_serve_command_never_uses_immutable_mode(tmp_path):
    args = serve.serve_args(tmp_path / "c.db", tmp_path / "m.json")
    assert "-i" not in args and "--immutable" not in args and "127.0.0.1" in args


def test_record_schema_lists_the_format_fields():
    schema = json.loads((load.SCHEMA_PATH.parent / "record.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) == {"source", *FIELDS}
    assert set(schema["required"]) == {"source", *FIELDS}


def test_foreign_keys_hold_in_an_empty_catalogue(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert isinstance(db.conn, sqlite3.Connection)
