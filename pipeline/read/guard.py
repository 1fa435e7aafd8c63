"""Run a parser in a forked child with a time budget and a memory cap.

DESIGN.md (hostile input): pdfminer loops forever on a 645-byte self-referencing PDF and
pdfium aborts the whole process on a Flate bomb. So binary parsers whose C code we do not
control run in a child (Apache Tika's forked parser): the child sets RLIMIT_AS, calls the
function, and sends the result back through a pipe; the parent waits at most `seconds`.
A timeout, an out-of-memory or a crash becomes a `Guarded` failure the reader turns into a
problem. Where fork is unavailable the function runs in-process (no isolation).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TIME_BUDGET_S = float(os.environ.get("PIPELINE_PARSE_SECONDS", "60"))
MEMORY_CAP_MB = int(os.environ.get("PIPELINE_PARSE_MEMORY_MB", "2048"))


@dataclass(frozen=True, slots=True)
class Guarded:
    ok: bool
    value: Any = None
    failure: str = ""  # "timeout", "memory", "crash"
    detail: str = ""


def _child(conn, fn: Callable[..., Any], args: tuple, memory_mb: int) -> None:
    try:
        import resource

        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError):
        pass  # no rlimit on this platform: the time budget still holds
    try:
        result = Guarded(True, fn(*args))
    except MemoryError:
        result = Guarded(False, failure="memory", detail="the parser ran out of memory")
    try:
        conn.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    except (MemoryError, pickle.PicklingError) as exc:
        conn.send_bytes(pickle.dumps(Guarded(False, failure="memory", detail=str(exc))))
    conn.close()


def run_guarded(fn: Callable[..., Any], *args: Any, seconds: float = TIME_BUDGET_S,
                memory_mb: int = MEMORY_CAP_MB) -> Guarded:
    """fn(*args) in a child process; never raises for the child's failures."""
    try:
        ctx = mp.get_context("fork")
    except ValueError:
        return Guarded(True, fn(*args))
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args, memory_mb), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(seconds):
            return Guarded(False, failure="timeout", detail=f"no result within {seconds:g} s")
        data = recv.recv_bytes()
        return pickle.loads(data)
    except (EOFError, OSError, pickle.UnpicklingError) as exc:
        proc.join(1)
        code = proc.exitcode
        failure = "memory" if code in (-9,) else "crash"
        return Guarded(False, failure=failure, detail=f"the parser process died (exit code {code}, {exc!r})")
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(1)
