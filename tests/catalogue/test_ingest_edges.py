"""`ingest` on what a corpus, a file name or the machine can throw at it (issue 17)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from pipeline import ingest as ingest_mod
from pipeline.ingest import ingest
from tests.catalogue.conftest import NOTICE, rows_of


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
    assert rows_of(work / "cat.db", "SELECT count(*) FROM documents") == [(2,)]


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
    assert rows_of(work / "cat.db", "SELECT path FROM sources ORDER BY path") == sorted([("c/plain.txt",), (f"c/{shown}",)])
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
    assert rows_of(work / "cat.db", "SELECT source FROM documents") == [(k,) for k in kept]
    assert rows_of(work / "cat.db", "SELECT path FROM sources") == [(k,) for k in kept]


def test_prune_drops_the_documents_of_a_file_gone(work):
    _notice(work / "c" / "a.txt")
    _notice(work / "c" / "b.txt", "第2号通知")
    db = str(work / "cat.db")
    ingest(["c"], db, workers=1)
    _delete_one_copy(work)
    ingest(["c"], db, workers=1, prune=True)
    assert rows_of(work / "cat.db", "SELECT source FROM documents") == [("c/b.txt",)]


def _corpus(work: Path, n: int = 4) -> None:
    for i in range(n):
        _notice(work / "c" / f"{i:04d}.txt", f"第{i}号通知")


def _cli(*args: str) -> int:
    from pipeline.cli import main

    return main(["ingest", "c", "--db", "cat.db", "--workers", "1", *args])


def test_a_second_ingest_on_a_catalogue_being_written_says_so_in_one_line(work, capsys):
    from pipeline.load import writer_lock

    _corpus(work)
    with writer_lock("cat.db"):
        assert _cli() == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: another ingest is writing cat.db (pid {os.getpid()})") and err.count("\n") == 1


def test_wait_queues_behind_the_ingest_writing(work):
    import threading

    from pipeline.load import writer_lock

    _corpus(work)
    codes = []
    with writer_lock("cat.db"):
        waiter = threading.Thread(target=lambda: codes.append(_cli("--wait")))
        waiter.start()
    waiter.join(120)
    assert codes == [0] and rows_of(work / "cat.db", "SELECT count(*) FROM sources") == [(4,)]


def test_the_lock_is_released_when_an_ingest_ends(work):
    _corpus(work)
    assert _cli() == 0
    assert _cli() == 0


def _stop_at_third_write(monkeypatch, stop):
    real, calls = ingest_mod.write_rows, []

    def write(db, rows, summary, count=True):
        calls.append(1)
        if len(calls) == 3:
            stop()
        return real(db, rows, summary, count)

    monkeypatch.setattr(ingest_mod, "write_rows", write)


def _disk_full():
    raise sqlite3.OperationalError("database or disk is full")


def _ctrl_c():
    raise KeyboardInterrupt


def _sigterm():
    import signal

    os.kill(os.getpid(), signal.SIGTERM)


@pytest.mark.parametrize(("stop", "code", "status", "says"), [
    (_disk_full, 2, "failed", "disk is full"),
    (_ctrl_c, 130, "interrupted", "interrupted"),
    (_sigterm, 143, "interrupted", "interrupted"),
], ids=["disk-full", "ctrl-c", "sigterm"])
def test_a_stopped_ingest_prints_one_line_and_keeps_what_it_committed(work, monkeypatch, capsys, stop, code, status,
                                                                       says):
    _corpus(work)
    _stop_at_third_write(monkeypatch, stop)
    assert _cli() == code
    err = capsys.readouterr().err
    assert err.startswith("error: ") and says in err and err.count("\n") == 1, err
    loaded = rows_of(work / "cat.db", "SELECT count(*) FROM sources")[0][0]
    assert loaded >= 2
    assert rows_of(work / "cat.db", "SELECT status, changed FROM runs") == [(status, loaded)]


def test_run_counts_only_what_was_committed(work, monkeypatch):
    from pipeline import load

    _corpus(work)

    def refuse(self):
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
            _disk_full()

    monkeypatch.setattr(load.Batch, "commit", refuse)
    assert _cli() == 2
    assert rows_of(work / "cat.db", "SELECT count(*) FROM sources") == [(0,)]
    assert rows_of(work / "cat.db", "SELECT status, changed, documents FROM runs") == [("failed", 0, 0)]


def test_a_catalogue_that_is_not_one_is_one_line(work, capsys):
    _corpus(work)
    (work / "cat.db").write_bytes(b"junk" * 1000)
    assert _cli() == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "--db" in err and err.count("\n") == 1, err


def _problems(db: Path) -> list[tuple[str, str]]:
    return rows_of(db, "SELECT source, code FROM problems ORDER BY source, code")


@pytest.mark.parametrize(("folder", "read", "problems"), [
    ("outside", 0, [("c/link.txt", "W_LINK_OUTSIDE")]),
    ("c/sub", 1, []),
], ids=["link-leaving-the-corpus-not-followed", "link-inside-the-corpus-followed"])
def test_a_symlink_is_followed_only_inside_the_corpus(work, folder, read, problems):
    _notice(work / "c" / "a.txt")
    target = _notice(work / folder / "secret.txt", "第9号通知")
    (work / "c" / "link.txt").symlink_to(target)
    ingest(["c"], str(work / "cat.db"), workers=1)
    assert ("c/link.txt",) in rows_of(work / "cat.db", "SELECT path FROM sources")
    assert rows_of(work / "cat.db", "SELECT count(*) FROM documents WHERE text LIKE '%第9号%'") == [(read,)]
    assert _problems(work / "cat.db") == problems


@pytest.mark.parametrize("state", [b"junk" * 100, "sqlite"], ids=["junk-file", "another-sqlite-database"])
def test_a_crawl_state_that_is_not_the_crawlers_is_a_problem_not_a_crash(work, state):
    _notice(work / "top" / "c" / "a.txt")
    state_path = work / "top" / "crawl.sqlite"
    if state == "sqlite":
        sqlite3.connect(state_path).execute("CREATE TABLE notes (x)").connection.close()
    else:
        state_path.write_bytes(state)
    summary = ingest(["top/c"], str(work / "cat.db"), workers=1)
    assert summary.documents == 1
    assert ("top/crawl.sqlite", "W_CRAWL_STATE_UNREADABLE") in _problems(work / "cat.db")


def test_an_unreadable_folder_is_a_problem(work, monkeypatch):
    _notice(work / "c" / "a.txt")
    _notice(work / "c" / "locked" / "b.txt", "第2号通知")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = ingest(["c"], str(work / "cat.db"), workers=1)
    assert summary.documents == 1
    assert _problems(work / "cat.db") == [("c/locked", "W_FOLDER_UNREADABLE")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder")
def test_a_chmod_000_folder_is_a_problem(work):
    _notice(work / "c" / "a.txt")
    locked = work / "c" / "locked"
    _notice(locked / "b.txt")
    locked.chmod(0)
    try:
        ingest(["c"], str(work / "cat.db"), workers=1)
    finally:
        locked.chmod(0o755)
    assert _problems(work / "cat.db") == [("c/locked", "W_FOLDER_UNREADABLE")]
