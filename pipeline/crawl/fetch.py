"""HTTP fetching: one GET at a time per host, streamed under a size cap and a deadline.

A plain `timeout=` bounds each socket read, so a server that trickles one byte a second
never trips it. Every read and write here is also bounded by a per-response deadline, set
per thread and enforced inside the socket layer (`_DeadlineBackend`), so trickled headers
are cut off as well as trickled bodies. Redirects are not followed here: the crawler
re-checks every hop against the scope and robots.txt.
"""
from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from pipeline.crawl.codings import decoded
from pipeline.crawl.errors import FetchError
from pipeline.crawl.urls import origin

USER_AGENT = "notice-pipeline/0.1 (+research crawler)"
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-length", "location",
                "content-disposition", "retry-after")
RAW_HEADERS = ("content-disposition",)
RETRY_REASONS = ("timeout", "network")  # a trickler ('deadline') or a giant ('too_large') would do it again
MAX_HEADER_DIGITS = 18  # a Content-Length or Retry-After longer than this is junk, not a number
ACCEPT = "text/html,application/xhtml+xml,application/pdf,application/msword,application/*;q=0.8,*/*;q=0.5"

Clock = Callable[[], float]
Sleep = Callable[[float], None]

_local = threading.local()


def _bounded(timeout: float | None) -> float | None:
    """The socket timeout cut down to what is left of this thread's response deadline."""
    deadline = getattr(_local, "deadline", None)
    if deadline is None:
        return timeout
    # Real monotonic time on purpose: this bounds real socket waits, not crawl logic.
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpcore.ReadTimeout("response deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_tcp(host, port, _bounded(timeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_unix_socket(path, _bounded(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport with a connection pool on the deadline backend (httpx has no public hook)."""

    def __init__(self, connections: int) -> None:
        # No super().__init__(): all it does is build the pool replaced here, and its SSL
        # context costs ~80 ms. ssl_context=None makes httpcore build one per TLS
        # connection (certifi), only when a crawl actually uses https.
        self._pool = httpcore.ConnectionPool(
            ssl_context=None, max_connections=connections, max_keepalive_connections=connections,
            network_backend=_DeadlineBackend(),
        )


@dataclass(slots=True)
class Response:
    """What the crawler keeps of one HTTP response."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    truncated: bool = False
    attempts: int = 1

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


def _decode_header(value: bytes) -> str:
    # Raw UTF-8 (or GBK) bytes in a Location header are a URL in that encoding.
    for codec in ("utf-8", "gb18030"):
        try:
            return value.decode(codec)
        except UnicodeDecodeError:
            continue
    return value.decode("latin-1")


def kept_headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        if key in KEPT_HEADERS and key not in out:
            # Content-Disposition stays latin-1, byte for byte: its file name is decoded by
            # pipeline.crawl.disposition, which tells GBK from UTF-8 better than a first-fit.
            text = value.decode("latin-1") if key in RAW_HEADERS else _decode_header(value)
            out[key] = text.strip()
    return out


def header_int(value: str | None, digits: int = MAX_HEADER_DIGITS) -> int | None:
    """A non-negative decimal header value, None unless it is 1 to `digits` ASCII digits."""
    text = (value or "").strip()
    # ASCII only: '²'.isdigit() is True and int() refuses it; a 5,000-digit value int() refuses too.
    if not text or len(text) > digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


@dataclass
class HostThrottle:
    """At most one request in flight per host, and `delay` seconds between the end of one and the next."""

    delay: float
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    _next: dict[str, float] = field(default_factory=dict)
    _extra: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def delay_for(self, host: str) -> float:
        return max(self.delay, self._extra.get(host, 0.0))

    def raise_delay(self, host: str, seconds: float) -> None:
        """A robots.txt Crawl-delay can slow a host down, never speed it up."""
        self._extra[host] = max(self._extra.get(host, 0.0), seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._next.get(host, float("-inf")) - self.clock()
            if wait > 0:
                self.sleep(wait)
            try:
                yield
            finally:
                self._next[host] = self.clock() + self.delay_for(host)


@dataclass
class FetchPolicy:
    """Limits for one crawl; defaults suit government sites on a slow link."""

    user_agent: str = USER_AGENT
    max_bytes: int = 50 * 1024 * 1024
    chunk_timeout: float = 20.0  # longest wait for any single read
    response_deadline: float = 120.0  # longest time for a whole response, headers to last byte
    retries: int = 3
    backoff: float = 1.0  # first retry waits this long, then doubles
    backoff_max: float = 60.0
    connections: int = 4


class Fetcher:
    """GET with retries and exponential backoff on 5xx/429/timeouts; sleep and clock injectable."""

    def __init__(self, policy: FetchPolicy, throttle: HostThrottle) -> None:
        self.policy = policy
        self.throttle = throttle
        self.retried = 0
        self._count_lock = threading.Lock()
        self._client = httpx.Client(
            transport=_DeadlineTransport(policy.connections),
            headers={"User-Agent": policy.user_agent, "Accept": ACCEPT, "Accept-Encoding": "identity"},
            timeout=httpx.Timeout(policy.chunk_timeout),
            follow_redirects=False,
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, headers: dict[str, str] | None = None,
            max_bytes: int | None = None, truncate: bool = False) -> Response:
        """One response (never a redirect followed); raises FetchError when no response came."""
        limit = max_bytes or self.policy.max_bytes
        host = origin(url)
        with self.throttle.slot(host):
            attempt = 0
            while True:
                attempt += 1
                try:
                    resp = self._once(url, headers or {}, limit, truncate)
                except FetchError as exc:
                    if exc.reason in RETRY_REASONS and attempt <= self.policy.retries:
                        self._wait_before_retry(host, attempt, None)
                        continue
                    exc.attempts = attempt
                    raise
                if (resp.status >= 500 or resp.status == 429) and attempt <= self.policy.retries:
                    self._wait_before_retry(host, attempt, resp.headers.get("retry-after"))
                    continue
                resp.attempts = attempt
                return resp

    def _wait_before_retry(self, host: str, attempt: int, retry_after: str | None) -> None:
        wait = self.policy.backoff * 2 ** (attempt - 1)
        seconds = header_int(retry_after)
        if seconds is not None:
            wait = max(wait, float(seconds))
        with self._count_lock:
            self.retried += 1
        self.throttle.sleep(min(max(wait, self.throttle.delay_for(host)), self.policy.backoff_max))

    def _once(self, url: str, headers: dict[str, str], limit: int, truncate: bool) -> Response:
        deadline = time.monotonic() + self.policy.response_deadline
        _local.deadline = deadline
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                resp = Response(url=url, status=r.status_code, headers=kept_headers(r.headers.raw))
                if not 200 <= r.status_code < 300:
                    return resp  # redirects, 304 and errors: the status and headers are all we use
                declared = header_int(resp.headers.get("content-length"))
                if declared is not None and declared > limit and not truncate:
                    raise FetchError("too_large", f"Content-Length {declared} exceeds the {limit}-byte limit")
                buf = bytearray()
                # Raw bytes, decoded here: httpx's own decoding inflates a whole chunk before
                # anything can count it. The cap counts decoded bytes.
                for chunk in decoded(r.iter_raw(), r.headers.get("content-encoding")):
                    buf += chunk
                    if len(buf) > limit:
                        if not truncate:
                            raise FetchError("too_large", f"body passed the {limit}-byte limit while streaming")
                        del buf[limit:]
                        resp.truncated = True
                        break
                    if time.monotonic() > deadline:
                        raise FetchError("deadline", f"body not complete within {self.policy.response_deadline:g} s")
                resp.body = bytes(buf)
                return resp
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FetchError("deadline", f"response not complete within {self.policy.response_deadline:g} s") from exc
            raise FetchError("timeout", f"no data for {self.policy.chunk_timeout:g} s ({type(exc).__name__})") from exc
        except httpx.InvalidURL as exc:
            raise FetchError("bad_url", f"unusable URL: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FetchError("network", f"{type(exc).__name__}: {exc}") from exc
        finally:
            _local.deadline = None
