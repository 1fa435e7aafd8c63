"""The guarded worker pool: every way a parser can fail becomes a coded problem."""
from __future__ import annotations

import json
import os
import signal
import time

import pytest

from pipeline.guard import GuardedPool


def behave(item):
    """A stand-in parser whose behaviour the item chooses."""
    kind, arg = item
    if kind == "ok":
        return arg * 2
    if kind == "hang":
        time.sleep(arg)
    if kind == "oom":
        blocks = []
        while True:
            blocks.append(bytearray(64 * 1024 * 1024))
    if kind == "recurse":
        return json.loads("[" * 200_000 + "]" * 200_000)  # a parser meeting deep nesting
    if kind == "signal":
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "raise":
        raise ValueError("bad table")
    return os.getpid()


def run(items, **kw):
    with GuardedPool(behave, workers=kw.pop("workers", 2), timeout=kw.pop("timeout", 5.0), mem_mb=kw.pop("mem_mb", 512), **kw) as pool:
        outcomes = list(pool.imap(items))
        return outcomes, pool


@pytest.mark.parametrize(("item", "code"), [
    (("hang", 30), "E_PARSE_TIMEOUT"),
    (("oom", 0), "E_PARSE_OOM"),
    (("recurse", 0), "E_PARSE_RECURSION"),
    (("signal", 0), "E_PARSE_CRASH"),
    (("raise", 0), "E_PARSE_FAILED"),
], ids=["timeout", "out-of-memory", "recursion", "killed-by-signal", "exception"])
def test_failure_becomes_problem_and_batch_goes_on(item, code):
    outcomes, _ = run([("ok", 1), item, ("ok", 2)], timeout=1.5)
    by_item = {o.item: o for o in outcomes}
    assert by_item[item].problem.code == code, by_item[item].problem.message
    assert by_item[("ok", 1)].value == 2 and by_item[("ok", 2)].value == 4


@pytest.mark.parametrize("item", [("hang", 30), ("signal", 0)], ids=["timeout", "signal"])
def test_failed_worker_is_replaced(item):
    outcomes, pool = run([item] + [("pid", i) for i in range(4)], timeout=1.0)
    assert pool.replaced == 1
    assert all(o.problem is None for o in outcomes if o.item[0] == "pid")


def test_workers_are_reused_across_items():
    outcomes, _ = run([("pid", i) for i in range(10)])
    assert len({o.value for o in outcomes}) <= 2


def test_message_names_the_item():
    outcomes, _ = run([("raise", 0)])
    assert "('raise', 0)" in outcomes[0].problem.message


@pytest.mark.parametrize("item", [("hang", 30), ("signal", 0), ("oom", 0), ("raise", 0)],
                         ids=["timeout", "signal", "out-of-memory", "exception"])
def test_every_item_gets_exactly_one_outcome(item):
    """Items already queued behind a failing one go to the replacement worker, none twice."""
    items = [("ok", i) for i in range(3)] + [item] + [("ok", i) for i in range(3, 9)]
    outcomes, _ = run(items, timeout=1.0)
    assert sorted(map(repr, (o.item for o in outcomes))) == sorted(map(repr, items))
    assert [o.value for o in outcomes if o.item[0] == "ok"] == [2 * o.item[1] for o in outcomes if o.item[0] == "ok"]


def started(item):
    return os.getpid(), time.monotonic()


def test_worker_goes_on_while_the_caller_is_busy():
    """The next item is already in the worker's pipe: it starts it without waiting for the caller."""
    seen = []
    with GuardedPool(started, workers=1, timeout=5.0, mem_mb=512) as pool:
        for out in pool.imap(range(3)):
            seen.append((out.value[1], time.monotonic()))
            time.sleep(0.3)  # the caller writing a result
    # item 1 began before the caller had finished with item 0
    assert seen[1][0] < seen[0][1] + 0.3



def test_workers_die_with_their_parent(tmp_path):
    """A parent killed with SIGKILL leaves no worker behind (each would wait on its pipe forever)."""
    import subprocess
    import sys

    script = tmp_path / "parent.py"
    script.write_text(
        "import sys, time\n"
        "from pipeline.guard import GuardedPool\n"
        "def nap(x):\n    time.sleep(x)\n    return x\n"
        "with GuardedPool(nap, workers=2, timeout=60, mem_mb=512) as pool:\n"
        "    print(' '.join(str(w.proc.pid) for w in pool.workers), flush=True)\n"
        "    list(pool.imap([30, 30, 30]))\n")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": root})
    pids = [int(p) for p in proc.stdout.readline().split()]
    time.sleep(0.5)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in pids if _alive(p)]
    assert not alive


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def starts(item):
    """Log which process starts an item, then behave as `behave`."""
    with open(item[2], "a", encoding="ascii") as fh:
        fh.write(f"{os.getpid()} {item[0]} {item[1]}\n")
    return behave(item[:2])


@pytest.mark.parametrize("bad", [("oom", 0), ("signal", 0), ("hang", 30)], ids=["out-of-memory", "signal", "timeout"])
def test_items_queued_behind_a_failing_one_start_once(tmp_path, bad):
    """A replaced worker never starts the items already in its pipe: its replacement does, once."""
    log = str(tmp_path / "starts.log")
    items = [(*bad, log)] + [("ok", i, log) for i in range(8)]
    with GuardedPool(starts, workers=1, timeout=1.5, mem_mb=512) as pool:
        outcomes = list(pool.imap(items))
    lines = (tmp_path / "starts.log").read_text(encoding="ascii").splitlines()
    assert len(outcomes) == len(items) and len(lines) == len(items), lines


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_dying_with_items_queued_never_stops_the_batch(workers):
    """The parent hands a worker its next item while that worker is dying (a send on a broken
    pipe): the item goes to the replacement, and only the file that killed it is blamed."""
    items = [x for i in range(6) for x in (("ok", i), ("signal", i))]
    outcomes, _ = run(items, timeout=5.0, workers=workers)
    assert sorted(map(repr, (o.item for o in outcomes))) == sorted(map(repr, items))
    crashed = {o.item for o in outcomes if o.problem is not None}
    assert crashed == {item for item in items if item[0] == "signal"}


def test_a_worker_killed_while_idle_is_replaced_without_blaming_a_file():
    with GuardedPool(behave, workers=1, timeout=5.0, mem_mb=512) as pool:
        assert [o.value for o in pool.imap([("ok", 1)])] == [2]
        os.kill(pool.workers[0].proc.pid, signal.SIGKILL)  # the OOM killer, an operator
        pool.workers[0].proc.join(5)
        outcomes = list(pool.imap([("ok", 2), ("ok", 3)]))
    assert [o.problem for o in outcomes] == [None, None]
    assert sorted(o.value for o in outcomes) == [4, 6]
