"""Run a parser in a forked child with a time budget and a memory cap.

DESIGN.md (hostile input): pdfminer loops forever on a 645-byte self-referencing PDF and
pdfium aborts the whole process on a Flate bomb. So binary parsers whose C code we do not
control run in a child (Apache Tika's forked parser): the child sets RLIMIT_AS, calls the
function, and sends the result back through a pipe; the parent waits at most `seconds`.
A timeout, an out-of-memory or a crash becomes a `Guarded` failure the reader turns into a
problem. Where fork is unavailable the function runs in-process (no isolation).

The child is made with a bare `os.fork`, not `multiprocessing.Process`: readers run inside
`pipeline.guard.GuardedPool` workers (and Dask workers), which are daemonic, and
multiprocessing refuses to start children from a daemonic process (every PDF of a guarded
ingest used to fail with "daemonic processes are not allowed to have children"). The
child also gets a CPU-time limit, so a looping parser whose parent was killed dies by itself.

The memory cap is what the parser may add to the address space the child starts with (a
child of a long-lived process inherits gigabytes of mappings that cost nothing; an absolute
RLIMIT_AS below them made every PDF an E_PARSE_OOM). pdfium does not raise on a failed
allocation, it aborts: a child killed by a signal after its resident size grew by a good part
of the cap counts as out of memory, which is what a Flate bomb does.
"""
from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import pickle
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TIME_BUDGET_S = float(os.environ.get("PIPELINE_PARSE_SECONDS", "60"))
MEMORY_CAP_MB = int(os.environ.get("PIPELINE_PARSE_MEMORY_MB", "2048"))
OOM_SHARE = 0.4  # growth of the resident size, as a share of the cap, that makes a death by signal an OOM


@dataclass(frozen=True, slots=True)
class Guarded:
    ok: bool
    value: Any = None
    failure: str = ""  # "timeout", "memory", "crash", "recursion", "error"
    detail: str = ""


def _child(conn, fn: Callable[..., Any], args: tuple, memory_mb: int, seconds: float) -> None:
    faulthandler.disable()  # a crash is reported by the parent as a problem, not a stack dump
    _die_with_parent()
    start_vm, start_rss = _memory_mb()
    conn.send_bytes(pickle.dumps(start_rss))  # the parent judges a death by signal from the growth
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = (start_vm + memory_mb) << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
        cpu = int(seconds) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, ValueError, OSError):
        pass  # no rlimit on this platform: the time budget still holds
    try:
        result = Guarded(True, fn(*args))
    except MemoryError:
        result = Guarded(False, failure="memory", detail="the parser ran out of memory")
    except RecursionError:
        result = Guarded(False, failure="recursion", detail="the parser nested too deeply (RecursionError)")
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which makes it a problem
        result = Guarded(False, failure="error", detail=f"{type(exc).__name__}: {exc}")
    try:
        conn.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    except (MemoryError, pickle.PicklingError) as exc:
        conn.send_bytes(pickle.dumps(Guarded(False, failure="memory", detail=str(exc))))
    conn.close()


def _die_with_parent() -> None:
    """SIGKILL this child when its parent dies (prctl PR_SET_PDEATHSIG): an ingest worker replaced
    for a timeout must not leave a page's OCR running on until its CPU limit."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the CPU-time limit still ends an orphan


def _memory_mb() -> tuple[int, int]:
    """This process's virtual and resident size in MB (0, 0 where /proc is missing)."""
    try:
        status = open("/proc/self/status", encoding="ascii").read()
    except OSError:
        return 0, 0
    sizes = dict(line.split(":", 1) for line in status.splitlines() if line.startswith(("VmSize", "VmRSS")))
    return tuple(int(sizes.get(k, "0 kB").split()[0]) >> 10 for k in ("VmSize", "VmRSS"))


def run_guarded(fn: Callable[..., Any], *args: Any, seconds: float | None = None,
                memory_mb: int | None = None) -> Guarded:
    """fn(*args) in a child process; never raises for the child's failures. The budget and
    the cap default to TIME_BUDGET_S and MEMORY_CAP_MB as they are at call time."""
    seconds = TIME_BUDGET_S if seconds is None else seconds
    memory_mb = MEMORY_CAP_MB if memory_mb is None else memory_mb
    if not hasattr(os, "fork"):
        return Guarded(True, fn(*args))
    recv, send = mp.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            recv.close()
            _child(send, fn, args, memory_mb, seconds)
        except BaseException:  # noqa: BLE001 - the parent sees the exit status
            status = 70
        finally:
            os._exit(status)
    send.close()
    reaped, start_rss = False, 0
    deadline = time.monotonic() + seconds
    timeout = Guarded(False, failure="timeout", detail=f"no result within {seconds:g} s")
    try:
        if not recv.poll(seconds):
            return timeout
        start_rss = pickle.loads(recv.recv_bytes())  # first the child's starting resident size
        if not recv.poll(max(0.0, deadline - time.monotonic())):
            return timeout
        return pickle.loads(recv.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError) as exc:
        _, status, usage = os.wait4(pid, 0)
        reaped = True
        code = os.waitstatus_to_exitcode(status)
        grew = usage.ru_maxrss // 1024 - start_rss
        failure = "memory" if code < 0 and (code == -9 or grew >= memory_mb * OOM_SHARE) else "crash"
        return Guarded(False, failure=failure, detail=f"the parser process died (exit code {code}, grew {grew} MB "
                                                      f"under a {memory_mb} MB cap, {exc!r})")
    finally:
        recv.close()
        if not reaped:
            try:
                os.kill(pid, signal.SIGKILL)  # a zombie is still killable; this one is done or hung
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)

