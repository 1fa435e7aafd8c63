"""Run a command as a child process and measure it: wall time, CPU time, peak memory.

`os.wait4` returns the rusage of that one child including the grandchildren it reaped
(ingest's worker processes), so each run's figures are its own, not the running
maximum that `getrusage(RUSAGE_CHILDREN)` would give across every run so far.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 3600.0


@dataclass(frozen=True)
class Run:
    """One measured child process."""

    argv: tuple[str, ...]
    wall_s: float
    cpu_s: float  # user + system, of the child and the children it waited for
    maxrss_mb: float  # the largest resident set of any single process in the tree
    returncode: int
    stdout: str
    stderr: str

    @property
    def cores_busy(self) -> float:
        return self.cpu_s / self.wall_s if self.wall_s else 0.0


class RunFailed(RuntimeError):
    """A measured command exited non-zero; the message carries its stderr's tail."""


def run(args: list[str], timeout_s: float = TIMEOUT_S, check: bool = True) -> Run:
    """Run `python args...` from the project root and measure it."""
    argv = [sys.executable, *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        killer = threading.Timer(timeout_s, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        out.seek(0)
        err.seek(0)
        result = Run(tuple(argv), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                     proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
    if check and result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise RunFailed(f"`{' '.join(args)}` exited {result.returncode}:\n{tail}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def db_size_mb(db: Path) -> float:
    """The catalogue on disk: the database and any WAL or shared-memory file beside it."""
    parts = (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
    return sum(p.stat().st_size for p in parts if p.exists()) / 1e6
