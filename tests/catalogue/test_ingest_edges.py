"""`ingest` on what a corpus, a file name or the machine can throw at it (issue 17)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from pipeline import ingest as ingest_mod
from pipeline.ingest import ingest
from tests.catalogue.conftest import NOTICE


def _q(db: Path, sql: str, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _notice(path: Path, head: str = "第1号通知") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{head}\n{NOTICE}", encoding="utf-8")
    return path


def test_twins_reloaded_after_a_change_are_parsed_under_the_guard(work, monkeypatch):
    """The copy of a changed file is read again in a guarded worker, never in the writer."""
    _notice(work / "c" / "a.txt")
    _notice(work / "c" / "b.txt")
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    _notice(work / "c" / "a.txt", "第2号通知")
    parsed_in, real = work / "pids.log", ingest_mod.process_one

    def logged(d, on_drop=None):
        with open(parsed_in, "a", encoding="ascii") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(d, on_drop)

    monkeypatch.setattr(ingest_mod, "process_one", logged)
    ingest(["c"], db, workers=1)
    pids = parsed_in.read_text(encoding="ascii").split()
    assert len(pids) == 2 and str(os.getpid()) not in pids
    assert _q(work / "cat.db", "SELECT count(*) FROM documents") == [(2,)]


GBK_NAME = "关于开展义诊活动的通知.txt"


@pytest.mark.parametrize(("raw", "shown"), [
    (GBK_NAME.encode("gbk"), GBK_NAME),
    (b"\xff\xfe-broken.txt", "\\xff\\xfe-broken.txt"),
], ids=["gbk-name-shown-decoded", "undecodable-name-escaped"])
def test_a_file_name_that_is_not_utf8_is_ingested_under_a_readable_name(work, raw, shown):
    folder = work / "c"
    _notice(folder / "plain.txt")
    with open(os.path.join(os.fsencode(folder), raw), "wb") as fh:
        fh.write(f"第3号通知\n{NOTICE}".encode())
    summary = ingest(["c"], str(work / "cat.db"), workers=1)
    assert summary.changed == 2 and summary.documents == 2
    assert _q(work / "cat.db", "SELECT path FROM sources ORDER BY path") == sorted([("c/plain.txt",), (f"c/{shown}",)])
    assert ingest(["c"], str(work / "cat.db"), workers=1).unchanged == 2


def _move(work: Path) -> None:
    (work / "c" / "sub").mkdir()
    (work / "c" / "a.txt").rename(work / "c" / "sub" / "a.txt")


def _delete_one_copy(work: Path) -> None:
    (work / "c" / "a.txt").unlink()


@pytest.mark.parametrize(("copies", "change", "kept"), [
    (["a.txt"], _move, ["c/sub/a.txt"]),
    (["a.txt", "b.txt"], _delete_one_copy, ["c/b.txt"]),
], ids=["file-moved-to-another-folder", "one-of-two-identical-copies-deleted"])
def test_prune_keeps_the_documents_of_files_still_on_disk(work, copies, change, kept):
    for name in copies:
        _notice(work / "c" / name)
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    change(work)
    summary = ingest(["c"], db, workers=1, prune=True)
    assert summary.pruned == 1
    assert _q(work / "cat.db", "SELECT source FROM documents") == [(k,) for k in kept]
    assert _q(work / "cat.db", "SELECT path FROM sources") == [(k,) for k in kept]


def test_prune_drops_the_documents_of_a_file_gone(work):
    _notice(work / "c" / "a.txt")
    _notice(work / "c" / "b.txt", "第2号通知")
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    _delete_one_copy(work)
    ingest(["c"], db, workers=1, prune=True)
    assert _q(work / "cat.db", "SELECT source FROM documents") == [("c/b.txt",)]
