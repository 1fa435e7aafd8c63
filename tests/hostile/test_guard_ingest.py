"""The guard end to end through `ingest`: a parser that hangs, runs out of memory, dies by a
signal, recurses or raises becomes a problem row with its own code, its worker is
replaced, the batch goes on, and workers are reused across files."""
from __future__ import annotations

import functools
import os
import resource
import signal
import sqlite3
import time

import pytest

from pipeline import ingest as ingest_mod
from pipeline import read
from pipeline.guard import GuardedPool
from pipeline.read.text import read_text

TIMEOUT_S = 10.0  # a good file takes milliseconds; generous so a loaded machine never times one out
NOTICE = "关于开展全省大型义诊活动周的通知\n各市卫生局：\n每个县义诊不少于2000人次。\n山西省卫生厅办公室\n2013年9月28日\n"
BAD = {  # file -> (what its "parser" does, the code it must get)
    "a_hang.txt": (b"HANG", "E_PARSE_TIMEOUT"),
    "b_oom.txt": (b"OOM", "E_PARSE_OOM"),
    "c_segv.txt": (b"SEGV", "E_PARSE_CRASH"),
    "d_recurse.txt": (b"RECURSE", "E_PARSE_RECURSION"),
    "e_raise.txt": (b"RAISE", "E_PARSE_FAILED"),
}
N_GOOD = 12


def hostile_reader(pid_log, data, source, charset=None):
    """The text reader, unless the file asks it to misbehave; logs which process read what."""
    with open(pid_log, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {source.path}\n")
    if data.startswith(b"HANG"):
        time.sleep(60)
    elif data.startswith(b"OOM"):  # a parser that inflates a stream into one buffer larger than its cap
        hog = [bytearray(16 << 20)]
        hog.append(bytearray(resource.getrlimit(resource.RLIMIT_AS)[0]))
    elif data.startswith(b"SEGV"):
        os.kill(os.getpid(), signal.SIGSEGV)
    elif data.startswith(b"RECURSE"):
        def down(n):
            return down(n + 1) + 1
        down(0)
    elif data.startswith(b"RAISE"):
        raise IndexError("piece table entry 7 out of range")
    return read_text(data, source, charset)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("guarded")
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _ingest(tmp_path, monkeypatch)


def _ingest(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name, (content, _) in BAD.items():
        (corpus / name).write_bytes(content)
    for i in range(N_GOOD):
        (corpus / f"ok_{i:02d}.txt").write_text(f"第{i}号\n{NOTICE}", encoding="utf-8")
    pid_log = tmp_path / "pids.log"
    monkeypatch.setitem(read.READERS, "text", functools.partial(hostile_reader, pid_log))
    pools = []

    class Pool(GuardedPool):
        def __init__(self, *args, **kw):
            super().__init__(*args, **{**kw, "timeout": TIMEOUT_S, "mem_mb": 256})
            pools.append(self)

    monkeypatch.setattr(ingest_mod, "GuardedPool", Pool)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    summary = ingest_mod.ingest(["c"], str(tmp_path / "cat.db"), workers=2)
    elapsed = time.monotonic() - started
    conn = sqlite3.connect(tmp_path / "cat.db")
    problems = conn.execute("SELECT source, code, message FROM problems").fetchall()
    sources = dict(conn.execute("SELECT path, documents FROM sources").fetchall())
    conn.close()
    pids = [line.split(" ", 1) for line in pid_log.read_text(encoding="utf-8").splitlines()]
    return summary, problems, sources, pids, pools, elapsed


def test_each_failure_is_a_problem_row_with_its_own_code(run):
    summary, problems, sources, _, _, _ = run
    recorded = {src: code for src, code, _ in problems}
    assert recorded == {f"c/{name}": code for name, (_, code) in BAD.items()}
    assert all(f"c/{name}" in msg for src, _, msg in problems for name in BAD if src == f"c/{name}")
    assert all(sources[f"c/{name}"] == 0 for name in BAD)  # a source row for each failed file


def test_the_batch_goes_on_and_keeps_every_good_file(run):
    summary, _, sources, _, _, elapsed = run
    assert [sources[f"c/ok_{i:02d}.txt"] for i in range(N_GOOD)] == [1] * N_GOOD
    assert summary.documents == N_GOOD and summary.files == N_GOOD + len(BAD)
    assert elapsed < TIMEOUT_S + 30  # the hang cost its budget, not its 60 s


def test_failed_workers_are_replaced_and_workers_are_reused(run):
    _, _, _, pids, pools, _ = run
    (pool,) = pools
    assert pool.replaced == 3  # timeout, out-of-memory and the signal; a recursion or exception leaves it usable
    by_pid = {}
    for pid, _ in pids:
        by_pid[pid] = by_pid.get(pid, 0) + 1
    assert len(pids) == N_GOOD + len(BAD)
    assert len(by_pid) <= 2 + pool.replaced  # at most the first two workers and their replacements
    assert max(by_pid.values()) >= 3  # a worker read several files
    assert str(os.getpid()) not in by_pid  # nothing was parsed in the writer
