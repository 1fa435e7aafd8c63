"""The catalogue commands as a user runs them: problems filters, the ingest summary, clear errors."""
from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pipeline.catalogue import serve

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"


def run(*args: str, module: str = "pipeline") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04garbage")
    db = folder / "c.db"
    first = run("ingest", str(SEEDS), str(folder / "empty.txt"), str(folder / "broken.docx"), "--db", str(db))
    return db, first


def test_the_ingest_summary_says_what_was_stored_and_which_files_gave_nothing(catalogue):
    _, first = catalogue
    assert first.returncode == 0, first.stderr
    assert "; stored 15 documents; 2 file(s) yielded no document" in first.stdout


@pytest.mark.parametrize("args, present, absent", [
    ((), ["E_FILE_EMPTY", "E_DOCX_UNREADABLE", "the latest"], []),
    (("--code", "E_FILE_EMPTY"), ["E_FILE_EMPTY  1 in 1 file(s):", "empty.txt"], ["E_DOCX_UNREADABLE"]),
    (("--code", "E_NOPE"), ["no problems with code E_NOPE", "codes recorded in the catalogue: E_DOCX_UNREADABLE"], []),
    (("--run", "all"), ["every run", "E_FILE_EMPTY"], []),
], ids=["latest-run", "one-code-every-file", "unknown-code", "every-run"])
def test_problems_filters_by_code_and_run(catalogue, args, present, absent):
    db, _ = catalogue
    res = run("problems", "--db", str(db), *args)
    assert res.returncode == 0, res.stderr
    assert all(p in res.stdout for p in present) and not any(a in res.stdout for a in absent)


def test_problems_of_an_unknown_run_is_a_user_error(catalogue):
    db, _ = catalogue
    res = run("problems", "--db", str(db), "--run", "1999")
    assert res.returncode == 2 and res.stderr.startswith("error: no run '1999'")


@pytest.mark.parametrize("args", [
    ("ingest", str(SEEDS), "--db", "corpus"),
    ("problems", "--db", "corpus"),
    ("export", "--db", "corpus"),
], ids=["ingest", "problems", "export"])
def test_a_folder_as_db_says_so(args):
    res = run(*args)
    assert res.returncode == 2
    assert res.stderr == "error: --db corpus is a folder; give the catalogue file, e.g. --db corpus/catalogue.db\n"


@pytest.mark.parametrize("field, ok", [("doc_number", True), ("responsible_units", True), ("nosuch", False)])
def test_explain_names_the_fields_it_knows(field, ok):
    res = run("explain", str(SEEDS / "000_cb340e0c62e433f2.txt"), "--field", field)
    assert (res.returncode == 0) is ok
    if not ok:
        assert res.stderr.startswith("error: unknown field 'nosuch'; one of: ") and "quotas" in res.stderr


def test_serve_a_folder_says_so():
    res = run("--db", "corpus", module="pipeline.catalogue.serve")
    assert res.returncode == 2 and res.stderr.startswith("error: corpus is a folder")


def test_serve_on_a_port_in_use_says_so(catalogue):
    db, _ = catalogue
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        res = run("--db", str(db), "--port", str(port), module="pipeline.catalogue.serve")
    assert res.returncode == 2 and f"error: port {port} on 127.0.0.1 is in use" in res.stderr


@pytest.mark.parametrize("read_only, flag", [(True, True), (False, False)], ids=["read-only-immutable", "writable-plain"])
def test_a_catalogue_nobody_can_write_is_served_immutable(catalogue, monkeypatch, capsys, read_only, flag):
    db, _ = catalogue
    monkeypatch.setattr(serve, "read_only", lambda _db: read_only)
    assert serve.main(["--db", str(db), "--print"]) == 0
    assert ("-i " + str(db) in capsys.readouterr().out) is flag


def test_serving_immutable_shows_the_documents(catalogue, tmp_path):
    import urllib.request

    db, _ = catalogue
    with serve.background(db, tmp_path, immutable=True) as base, \
            urllib.request.urlopen(f"{base}/{db.stem}/documents.json?_shape=array&_col=title", timeout=20) as resp:
        assert resp.status == 200


def test_serve_removes_its_metadata_file_when_datasette_exits(tmp_path):
    meta = tmp_path / "m.json"
    meta.write_text("{}")
    assert serve.run_until_stopped([sys.executable, "-c", "pass"], cleanup=meta) == 0
    assert not meta.exists()


def test_serve_writes_its_metadata_to_the_temp_folder_and_removes_it(catalogue, monkeypatch, tmp_path):
    db, _ = catalogue
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(serve, "port_in_use", lambda *_: False)
    real_popen = subprocess.Popen
    monkeypatch.setattr(serve.subprocess, "Popen", lambda cmd: real_popen([sys.executable, "-c", "pass"]))
    assert serve.main(["--db", str(db)]) == 0
    assert list(tmp_path.glob("catalogue-metadata-*")) == []
