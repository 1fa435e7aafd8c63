"""Run untrusted parsing in reusable child processes with a time budget and a memory cap.

Apache Tika's forked-parser pattern: workers are reused across files (so the guard
costs little on good input), and a file that makes its worker hang, run out of
memory, recurse too deep or die by a signal becomes a `Problem` for that file while
the worker is replaced and the batch goes on.
"""
from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from pipeline.types import Problem

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEM_MB = 3072
IDLE_CHECK_S = 1.0  # how often an idle worker checks that its parent is alive


@dataclass
class Outcome:
    """What happened to one item: its value, or the problem that replaced it."""

    item: Any
    value: Any = None
    problem: Problem | None = None


def _address_space() -> int:
    """This process's virtual size in bytes (a forked worker starts with its parent's)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(mem_mb: int) -> None:
    """Cap what parsing may add on top of what the worker inherited: a fixed cap would leave
    a worker forked from a large parent no room to grow its stack at all."""
    if mem_mb:
        cap = _address_space() + mem_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _die_with(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (prctl PR_SET_PDEATHSIG).

    A forked worker inherits the parent's end of its own pipe and of its siblings' pipes,
    so when the parent is killed (SIGKILL, OOM killer) the pipe never reports EOF and the
    worker would wait forever; `_serve` also checks the parent while idle, elsewhere."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _serve(conn: Connection, func: Callable[[Any], Any], mem_mb: int, parent: int) -> None:
    """A worker's loop: receive an item, send back ("ok", value) or a failure kind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when work stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the ingest's handler it was forked with: just end
    faulthandler.disable()  # a crash is reported by the parent as a problem, not a stack dump
    _die_with(parent)
    _limit_memory(mem_mb)
    from pipeline.progress import set_hook

    set_hook(lambda kind, n: conn.send(("tick", (kind, n))))  # OCR pages: see GuardedPool.on_tick
    while True:
        try:
            while not conn.poll(IDLE_CHECK_S):
                if os.getppid() != parent:
                    return
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        try:
            reply = ("ok", func(msg))
        except MemoryError:
            reply = ("oom", "ran out of its memory cap")
        except RecursionError:
            reply = ("recursion", "nested too deeply (RecursionError)")
        except Exception as exc:  # noqa: BLE001 - any parser bug becomes a problem for this file
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except MemoryError:
            reply = ("oom", "result too large for its memory cap")
            conn.send(reply)
        if reply[0] == "oom":
            # the parent replaces this worker (its memory may be fragmented): stop before
            # starting the items already in the pipe, which the replacement gets instead
            return


CODES = {"oom": "E_PARSE_OOM", "recursion": "E_PARSE_RECURSION", "error": "E_PARSE_FAILED"}


class _Worker:
    def __init__(self, ctx, func, mem_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func, mem_mb, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.queue: deque[Any] = deque()  # items sent, oldest (the one being worked on) first
        self.deadline = 0.0  # for the oldest item

    def send(self, item: Any, timeout: float) -> bool:
        """Queue `item` and write it to the pipe; False when the worker has died (a broken pipe)."""
        if not self.queue:
            self.deadline = time.monotonic() + timeout
        self.queue.append(item)
        try:
            self.conn.send(item)
        except OSError:  # BrokenPipeError, ConnectionResetError: reading its EOF tells the rest
            return False
        return True

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                self.proc.kill()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class GuardedPool:
    """Map `func` over items in `workers` reusable children; yields Outcomes as they finish.

    Each worker holds up to `depth` items: the one it works on and the next ones, already
    in its pipe, so it goes straight on while the parent is busy with a result (writing
    it, in ingest, where a commit can take tens of ms). With one item each a worker sat
    idle until the parent came back for more; depth 4 ingested 1000 bench pages ~4% faster
    than depth 2, and 8 no faster. A timed-out or dead worker's queued items go to its
    replacement; the timeout counts from when an item reaches the head.
    """

    def __init__(self, func: Callable[[Any], Any], workers: int = 2, timeout: float = DEFAULT_TIMEOUT,
                 mem_mb: int = DEFAULT_MEM_MB, stage: str = "read", start_method: str = "fork",
                 depth: int = 4) -> None:
        self.func, self.size, self.timeout, self.mem_mb, self.stage = func, max(1, workers), timeout, mem_mb, stage
        self.depth = max(1, depth)
        self.ctx = mp.get_context(start_method)
        self.workers: list[_Worker] = []
        self.replaced = 0
        # a reader's progress event (kind, n) from a worker (OCR pages); each one also restarts
        # the time budget of the item under way, so a long scan is budgeted per page
        self.on_tick: Callable[[str, int], None] | None = None

    def __enter__(self) -> GuardedPool:
        self.workers = [_Worker(self.ctx, self.func, self.mem_mb) for _ in range(self.size)]
        return self

    def __exit__(self, *exc: object) -> None:
        for w in self.workers:
            w.stop(kill=bool(exc[0]))
        self.workers = []

    def _replace(self, w: _Worker) -> None:
        """A new worker in `w`'s place, given every item `w` still holds (the caller has
        taken out the one that failed, if one did: an idle worker found dead has none)."""
        w.stop(kill=True)
        fresh = _Worker(self.ctx, self.func, self.mem_mb)
        self.workers[self.workers.index(w)] = fresh
        self.replaced += 1
        for item in w.queue:
            fresh.send(item, self.timeout)

    def _fill(self, source: Iterator[Any]) -> bool:
        """Top every worker up to `depth` items, least loaded first; False once `source` is empty."""
        for level in range(self.depth):
            for w in self.workers:
                if len(w.queue) <= level:
                    nxt = next(source, _END)
                    if nxt is _END:
                        return False
                    if not w.send(nxt, self.timeout) and len(w.queue) == 1:
                        # it died idle (killed from outside): nothing of its own to blame, and
                        # its replacement takes the item; a busy one is reported when read
                        self._replace(w)
        return True

    def imap(self, items: Iterable[Any], label: Callable[[Any], str] = str) -> Iterator[Outcome]:
        source = iter(items)
        more = True
        while True:
            if more:
                more = self._fill(source)
            busy = [w for w in self.workers if w.queue]
            if not busy:
                return
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=wait_for)
            done = []
            for w in busy:
                if w.conn in ready:
                    out = self._collect(w, label)
                    if out is not None:
                        done.append(out)
                elif time.monotonic() >= w.deadline:
                    item = w.queue.popleft()
                    self._replace(w)
                    done.append(Outcome(item, problem=Problem(
                        self.stage, "E_PARSE_TIMEOUT",
                        f"{label(item)}: parsing took longer than {self.timeout:g} s and was stopped; "
                        "the file may be malformed or built to hang parsers")))
            if more:  # hand out the next items before the caller spends time on these results
                more = self._fill(source)
            yield from done

    def _collect(self, w: _Worker, label: Callable[[Any], str]) -> Outcome | None:
        try:
            kind, value = w.conn.recv()
        except (EOFError, OSError):
            item = w.queue.popleft()
            w.proc.join(5)
            code = w.proc.exitcode
            self._replace(w)
            how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
            return Outcome(item, problem=Problem(
                self.stage, "E_PARSE_CRASH", f"{label(item)}: the parser process died ({how}); "
                "the file is probably malformed"))
        if kind == "tick":  # ("budget", s): the next step may take s seconds, more than the file's budget
            extra = value[1] if value[0] == "budget" else 0
            w.deadline = time.monotonic() + max(self.timeout, extra)
            if self.on_tick is not None:
                self.on_tick(*value)
            return None
        item = w.queue.popleft()
        if w.queue:
            w.deadline = time.monotonic() + self.timeout  # the next item is under way from now
        if kind == "ok":
            return Outcome(item, value=value)
        if kind == "oom":
            self._replace(w)  # a worker that hit its cap may hold fragmented memory
            msg = f"{label(item)}: {value} ({self.mem_mb} MB); the file may be a decompression bomb"
        else:
            msg = f"{label(item)}: {value}"
        return Outcome(item, problem=Problem(self.stage, CODES[kind], msg))


_END = object()
