"""The guarded worker pool: every way a parser can fail becomes a coded problem.

No test here depends on the machine's speed: every failure but a hang happens at once (the
out-of-memory case asks for far more than its cap in one allocation), so those run under a
generous GENEROUS_S budget; a hang sleeps for an hour against HANG_BUDGET_S, which a good item
(microseconds of work) never comes near even on a loaded machine.
"""
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
    if kind == "oom":  # one allocation far past the cap fails at once, however busy the machine
        return bytearray(OOM_ASK)
    if kind == "recurse":
        return json.loads("[" * 200_000 + "]" * 200_000)  # a parser meeting deep nesting
    if kind == "signal":
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "raise":
        raise ValueError("bad table")
    return os.getpid()


HANG_S = 3600
HANG_BUDGET_S = 10.0  # what a test with a hanging item waits
GENEROUS_S = 60.0  # the budget where nothing should time out
MEM_MB = 512
OOM_ASK = 64 << 30  # bytes: 128 times the cap


def budget(*items) -> float:
    """The time budget for a batch: short only when an item hangs (the test waits that long)."""
    return HANG_BUDGET_S if any(item[0] == "hang" for item in items) else GENEROUS_S


def run(items, **kw):
    timeout = kw.pop("timeout", budget(*items))
    with GuardedPool(behave, workers=kw.pop("workers", 2), timeout=timeout, mem_mb=kw.pop("mem_mb", MEM_MB), **kw) as pool:
        outcomes = list(pool.imap(items))
        return outcomes, pool


@pytest.mark.parametrize(("item", "code"), [
    (("hang", HANG_S), "E_PARSE_TIMEOUT"),
    (("oom", 0), "E_PARSE_OOM"),
    (("recurse", 0), "E_PARSE_RECURSION"),
    (("signal", 0), "E_PARSE_CRASH"),
    (("raise", 0), "E_PARSE_FAILED"),
], ids=["timeout", "out-of-memory", "recursion", "killed-by-signal", "exception"])
def test_failure_becomes_problem_and_batch_goes_on(item, code):
    outcomes, _ = run([("ok", 1), item, ("ok", 2)])
    by_item = {o.item: o for o in outcomes}
    assert by_item[item].problem.code == code, by_item[item].problem.message
    assert by_item[("ok", 1)].value == 2 and by_item[("ok", 2)].value == 4


@pytest.mark.parametrize("item", [("hang", HANG_S), ("signal", 0)], ids=["timeout", "signal"])
def test_failed_worker_is_replaced(item):
    outcomes, pool = run([item] + [("pid", i) for i in range(4)])
    assert pool.replaced == 1
    assert all(o.problem is None for o in outcomes if o.item[0] == "pid")


def test_workers_are_reused_across_items():
    outcomes, _ = run([("pid", i) for i in range(10)])
    assert len({o.value for o in outcomes}) <= 2


def test_message_names_the_item():
    outcomes, _ = run([("raise", 0)])
    assert "('raise', 0)" in outcomes[0].problem.message


@pytest.mark.parametrize("item", [("hang", HANG_S), ("signal", 0), ("oom", 0), ("raise", 0)],
                         ids=["timeout", "signal", "out-of-memory", "exception"])
def test_every_item_gets_exactly_one_outcome(item):
    """Items already queued behind a failing one go to the replacement worker, none twice."""
    items = [("ok", i) for i in range(3)] + [item] + [("ok", i) for i in range(3, 9)]
    outcomes, _ = run(items)
    assert sorted(map(repr, (o.item for o in outcomes))) == sorted(map(repr, items))
    assert [o.value for o in outcomes if o.item[0] == "ok"] == [2 * o.item[1] for o in outcomes if o.item[0] == "ok"]


def started(item):
    log, n = item
    with open(log, "a", encoding="ascii") as fh:
        fh.write(f"{n}\n")
    return n


def test_worker_goes_on_while_the_caller_is_busy(tmp_path):
    """The next item is already in the worker's pipe: it starts it while the caller still holds
    the first result (the caller waits for that, under a generous hang guard)."""
    log = tmp_path / "started.log"
    with GuardedPool(started, workers=1, timeout=GENEROUS_S, mem_mb=MEM_MB) as pool:
        for out in pool.imap([(str(log), n) for n in range(3)]):
            if out.value == 0:
                deadline = time.monotonic() + GENEROUS_S
                while len(log.read_text(encoding="ascii").split()) < 2 and time.monotonic() < deadline:
                    time.sleep(0.01)
                assert log.read_text(encoding="ascii").split()[:2] == ["0", "1"]


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


@pytest.mark.parametrize("bad", [("oom", 0), ("signal", 0), ("hang", HANG_S)], ids=["out-of-memory", "signal", "timeout"])
def test_items_queued_behind_a_failing_one_start_once(tmp_path, bad):
    """A replaced worker never starts the items already in its pipe: its replacement does, once."""
    log = str(tmp_path / "starts.log")
    items = [(*bad, log)] + [("ok", i, log) for i in range(8)]
    with GuardedPool(starts, workers=1, timeout=budget(bad), mem_mb=MEM_MB) as pool:
        outcomes = list(pool.imap(items))
    lines = (tmp_path / "starts.log").read_text(encoding="ascii").splitlines()
    assert len(outcomes) == len(items) and len(lines) == len(items), lines


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_dying_with_items_queued_never_stops_the_batch(workers):
    """The parent hands a worker its next item while that worker is dying (a send on a broken
    pipe): the item goes to the replacement, and only the file that killed it is blamed."""
    items = [x for i in range(6) for x in (("ok", i), ("signal", i))]
    outcomes, _ = run(items, workers=workers)
    assert sorted(map(repr, (o.item for o in outcomes))) == sorted(map(repr, items))
    crashed = {o.item for o in outcomes if o.problem is not None}
    assert crashed == {item for item in items if item[0] == "signal"}


def test_a_worker_killed_while_idle_is_replaced_without_blaming_a_file():
    with GuardedPool(behave, workers=1, timeout=GENEROUS_S, mem_mb=MEM_MB) as pool:
        assert [o.value for o in pool.imap([("ok", 1)])] == [2]
        os.kill(pool.workers[0].proc.pid, signal.SIGKILL)  # the OOM killer, an operator
        pool.workers[0].proc.join(5)
        outcomes = list(pool.imap([("ok", 2), ("ok", 3)]))
    assert [o.problem for o in outcomes] == [None, None]
    assert sorted(o.value for o in outcomes) == [4, 6]
