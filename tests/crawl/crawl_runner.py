"""A crawl runner for tests: fake clock and sleep, fixed timestamps, small limits."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from pipeline.crawl import CrawlConfig, Crawler, FetchPolicy, Summary

FIXED_NOW = "2024-03-01T08:00:00Z"


class FakeClock:
    """Monotonic time that only moves when the crawler sleeps: delays and backoff cost nothing."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.t += seconds


@dataclass
class Runner:
    out: Path
    clock: FakeClock

    def __call__(self, starts: list[str], scopes: list[str], *, out: Path | None = None, timeout: float = 2.0,
                 deadline: float = 5.0, retries: int = 2, max_bytes: int = 1_000_000, delay: float = 0.0,
                 user_agent: str | None = None, **kw: object) -> Summary:
        policy = FetchPolicy(chunk_timeout=timeout, response_deadline=deadline, retries=retries,
                             max_bytes=max_bytes, backoff=1.0)
        if user_agent:
            policy.user_agent = user_agent
        config = CrawlConfig(start_urls=starts, scopes=scopes, out_dir=out or self.out, delay=delay,
                             policy=policy, **kw)  # type: ignore[arg-type]
        return Crawler(config, sleep=self.clock.sleep, clock=self.clock, now=lambda: FIXED_NOW,
                       progress=False).run()
