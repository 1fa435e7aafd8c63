"""`ingest` over real files: incremental, idempotent, pruning, workers, broken files, kill -9."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import ingest as ingest_mod
from pipeline.ingest import ingest
from tests.catalogue.conftest import NOTICE, ROOT, SEEDS, rows_of

N_KILL = 150


def _corpus(folder: Path, n: int = 4, size: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(f"第{i}号通知\n" + NOTICE * size, encoding="utf-8")
    return folder


def _state(db: Path) -> dict[str, list]:
    return {t: rows_of(db, f"SELECT id FROM {t} ORDER BY id") for t in ("documents", "extractions", "problems")} | {
        "sources": rows_of(db, "SELECT path, sha256 FROM sources ORDER BY path")}


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_ingest_twice_changes_nothing(work):
    corpus, db = _corpus(work / "c"), work / "cat.db"
    first = ingest(["c"], str(db), workers=1)
    before = _state(db)
    second = ingest(["c"], str(db), workers=1)
    assert (first.changed, first.unchanged, second.changed, second.unchanged) == (4, 0, 0, 4)
    assert _state(db) == before and len(before["documents"]) == 4
    runs = rows_of(db, "SELECT changed, unchanged, status FROM runs ORDER BY started_at")
    assert runs == [(4, 0, "done"), (0, 4, "done")]
    assert corpus.is_dir()


def test_a_touched_but_unchanged_file_is_recognised_by_hash(work, monkeypatch):
    _corpus(work / "c")
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    os.utime(work / "c" / "0001.txt", ns=(1, 1))
    calls = []
    monkeypatch.setattr(ingest_mod, "process_one", lambda d, on_drop=None: calls.append(d) or [])
    summary = ingest(["c"], db, workers=1)
    assert (summary.changed, summary.unchanged, calls) == (0, 4, [])
    assert rows_of(work / "cat.db", "SELECT mtime_ns FROM sources WHERE path = 'c/0001.txt'") == [(1,)]


def test_a_changed_file_replaces_its_rows(work):
    _corpus(work / "c")
    db = work / "cat.db"
    ingest(["c"], str(db), workers=1)
    old = rows_of(db, "SELECT id, sha256 FROM documents JOIN sources ON path = source WHERE source = 'c/0002.txt'")
    (work / "c" / "0002.txt").write_text("全新的通知内容\n" + NOTICE, encoding="utf-8")
    summary = ingest(["c"], str(db), workers=1)
    new = rows_of(db, "SELECT id, sha256 FROM documents JOIN sources ON path = source WHERE source = 'c/0002.txt'")
    assert summary.changed == 1 and len(new) == 1
    assert new[0][0] == old[0][0] and new[0][1] != old[0][1]  # the page stays; the hash shows the change
    assert rows_of(db, "SELECT count(*) FROM documents")[0][0] == 4
    assert rows_of(db, "SELECT count(*) FROM documents WHERE text LIKE '全新的通知内容%'") == [(1,)]


@pytest.mark.parametrize("prune, expected", [(True, 3), (False, 4)], ids=["pruned", "kept-without-prune"])
def test_removed_files_are_pruned_only_when_asked(work, prune, expected):
    _corpus(work / "c")
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    (work / "c" / "0003.txt").unlink()
    summary = ingest(["c"], db, workers=1, prune=prune)
    assert rows_of(work / "cat.db", "SELECT count(*) FROM sources")[0][0] == expected
    assert summary.pruned == 4 - expected


def test_prune_leaves_sources_outside_the_given_paths(work):
    _corpus(work / "a")
    _corpus(work / "b")
    db = str(work / "cat.db")
    ingest(["a", "b"], db, workers=1)
    assert ingest(["a"], db, workers=1, prune=True).pruned == 0
    assert rows_of(work / "cat.db", "SELECT count(*) FROM sources")[0][0] == 8


def test_absolute_and_relative_paths_name_the_same_source(work):
    _corpus(work / "c")
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    assert ingest([str(work / "c")], db, workers=1).unchanged == 4


def test_worker_processes_build_the_same_catalogue(work):
    _corpus(work / "c", n=6)
    ingest(["c"], str(work / "one.db"), workers=1)
    ingest(["c"], str(work / "two.db"), workers=2)
    assert _state(work / "one.db") == _state(work / "two.db")


def test_extractor_versions_changing_reextracts_unchanged_files(work, monkeypatch):
    _corpus(work / "c")
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    monkeypatch.setattr(ingest_mod, "signature", lambda: "load.v1;quotas.v99")
    assert ingest(["c"], db, workers=1).changed == 4


def test_a_stage_failure_is_a_problem_and_the_batch_goes_on(work, monkeypatch):
    _corpus(work / "c")
    real = ingest_mod.process_one

    def flaky(d, on_drop=None):
        if d.source.path.endswith("0001.txt"):
            raise RuntimeError("boom")
        return real(d, on_drop)

    monkeypatch.setattr(ingest_mod, "process_one", flaky)
    summary = ingest(["c"], str(work / "cat.db"), workers=1)
    assert summary.problems["E_PIPELINE_FAILED"] == 1 and summary.documents == 3
    assert rows_of(work / "cat.db", "SELECT source FROM problems WHERE code = 'E_PIPELINE_FAILED'") == [("c/0001.txt",)]


def test_a_crashing_worker_is_recorded_and_the_batch_goes_on(work, monkeypatch):
    _corpus(work / "c", n=5)
    real = ingest_mod.process_one

    def crash(d, on_drop=None):
        if d.source.path.endswith("0002.txt"):
            os._exit(3)  # like a parser segfault: the whole worker process dies
        return real(d, on_drop)

    monkeypatch.setattr(ingest_mod, "process_one", crash)  # inherited by the forked workers
    summary = ingest(["c"], str(work / "cat.db"), workers=2)
    assert summary.problems["E_PARSE_CRASH"] == 1 and summary.documents == 4
    assert rows_of(work / "cat.db", "SELECT source FROM problems WHERE code = 'E_PARSE_CRASH'") == [("c/0002.txt",)]


def test_a_broken_file_keeps_what_is_loaded(work):
    _corpus(work / "c")
    (work / "c" / "0009.bin").write_bytes(bytes(range(256)) * 20)
    summary = ingest(["c"], str(work / "cat.db"), workers=1)
    assert summary.documents == 4 and summary.files == 5
    assert rows_of(work / "cat.db", "SELECT count(*) FROM problems WHERE source = 'c/0009.bin'")[0][0] >= 1


def test_summary_line_names_files_documents_problems_and_time(work):
    _corpus(work / "c")
    (work / "c" / "0009.bin").write_bytes(bytes(range(256)) * 20)
    line = ingest(["c"], str(work / "cat.db"), workers=1).line()
    assert line.startswith("5 files (5 new/changed, 0 unchanged), 4 documents, ") and line.endswith(" s")
    assert "problems (" in line


def test_seeds_load_with_one_document_per_file(work):
    summary = ingest([str(SEEDS)], str(work / "cat.db"), workers=2)
    assert summary.files == 5 and summary.documents >= 5


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_killing_the_writer_mid_batch_leaves_a_consistent_catalogue(work, workers):
    _corpus(work / "c", n=N_KILL, size=2)
    db = work / "cat.db"
    cmd = [sys.executable, "-m", "pipeline", "ingest", "c", "--db", str(db), "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    loaded = 0
    while loaded < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
        try:
            loaded = rows_of(db, "SELECT count(*) FROM sources")[0][0]
        except sqlite3.OperationalError:
            continue
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert rows_of(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows_of(db, "PRAGMA foreign_key_check") == []
    assert rows_of(db, "SELECT count(*) FROM sources s WHERE s.documents != "
                  "(SELECT count(*) FROM documents d WHERE d.source = s.path)") == [(0,)]
    assert rows_of(db, "SELECT status FROM runs") == [("running",)]  # the killed run says so
    partial = rows_of(db, "SELECT count(*) FROM sources")[0][0]
    assert 0 < partial < N_KILL
    rerun = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({N_KILL - partial} new/changed, {partial} unchanged)" in rerun.stdout
    assert rows_of(db, "SELECT count(*), count(DISTINCT id) FROM documents") == [(N_KILL, N_KILL)]
    assert rows_of(db, "SELECT count(*) FROM documents_search") == [(N_KILL,)]
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    conn.close()
    assert json.loads(rows_of(db, "SELECT problems_by_code FROM runs WHERE status = 'done'")[0][0]) == {}


def test_a_file_holding_no_document_is_unchanged_on_rerun(work, monkeypatch):
    _corpus(work / "c", n=2)
    monkeypatch.setattr(ingest_mod, "process_one", lambda d, on_drop=None: [])  # a portal index: zero documents
    db = str(work / "cat.db")
    first = ingest(["c"], db, workers=1)
    second = ingest(["c"], db, workers=1)
    assert (first.documents, second.changed, second.unchanged) == (0, 0, 2)
    assert rows_of(work / "cat.db", "SELECT count(*) FROM sources WHERE sha256 != '' AND mtime_ns IS NOT NULL") == [(2,)]
