"""The fetcher against a real local server: retries, backoff, limits, deadlines, politeness."""
from __future__ import annotations

import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest

from pipeline.crawl.errors import FetchError
from pipeline.crawl.fetch import USER_AGENT, Fetcher, FetchPolicy, HostThrottle

from .crawl_runner import FakeClock
from .crawl_server import MakeSite, Site, send

TRICKLE_STEPS = 60  # the server gives up after this many slow bytes, so no thread outlives a test for long


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def fetcher(clock: FakeClock, delay: float = 0.0, **policy: object) -> Fetcher:
    options = {"chunk_timeout": 2.0, "response_deadline": 5.0, "retries": 3, "max_bytes": 100_000, **policy}
    return Fetcher(FetchPolicy(**options), HostThrottle(delay, clock=clock, sleep=clock.sleep))  # type: ignore[arg-type]


def _flaky(fail_times: int, status: int = 503):
    calls = {"n": 0}

    def handler(h: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] <= fail_times:
            send(h, status, b"busy")
        else:
            send(h, 200, b"<html>ok</html>")

    return handler


def _stall(seconds: float):
    def handler(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            send(h, 200, b"late")
        except OSError:
            return  # the client gave up, which is the point

    return handler


def _trickle_body(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    _drip(h, b"<")


def _trickle_headers(h: BaseHTTPRequestHandler) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    _drip(h, b"x")


def _drip(h: BaseHTTPRequestHandler, byte: bytes) -> None:
    h.close_connection = True
    for _ in range(TRICKLE_STEPS):
        try:
            h.wfile.write(byte)
            h.wfile.flush()
        except OSError:
            return  # the client hung up: exactly what the deadline should make it do
        time.sleep(0.05)


def _chunked_big(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/pdf")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"%PDF" + b"0" * 16_380
    try:
        for _ in range(64):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        h.wfile.write(b"0\r\n\r\n")
    except OSError:
        return  # the client stopped reading at its size limit
    h.close_connection = True


def test_5xx_is_retried_with_exponential_backoff_then_returned(site: Site, clock: FakeClock) -> None:
    site.add("/down", "error", status=500)
    f = fetcher(clock)
    resp = f.get(site.url("/down"))
    assert (resp.status, resp.attempts, site.count("/down"), clock.sleeps, f.retried) == (500, 4, 4, [1.0, 2.0, 4.0], 3)


def test_transient_503_recovers_on_retry(site: Site, clock: FakeClock) -> None:
    site.add("/flaky", handler=_flaky(2))
    resp = fetcher(clock).get(site.url("/flaky"))
    assert (resp.status, resp.body, resp.attempts) == (200, b"<html>ok</html>", 3)


@pytest.mark.parametrize("status", [404, 403, 410], ids=["404", "403", "410"])
def test_4xx_is_not_retried(site: Site, clock: FakeClock, status: int) -> None:
    site.add("/gone", "no", status=status)
    assert fetcher(clock).get(site.url("/gone")).status == status
    assert (site.count("/gone"), clock.sleeps) == (1, [])


def test_retry_after_is_honoured_up_to_the_cap(site: Site, clock: FakeClock) -> None:
    site.add("/busy", "busy", status=429, headers={"Retry-After": "7"})
    fetcher(clock, retries=2, backoff_max=5.0).get(site.url("/busy"))
    assert clock.sleeps == [5.0, 5.0]


def test_stalled_server_times_out_and_is_retried_a_bounded_number_of_times(site: Site, clock: FakeClock) -> None:
    site.add("/slow", handler=_stall(0.6))
    with pytest.raises(FetchError) as err:
        fetcher(clock, chunk_timeout=0.2, retries=1).get(site.url("/slow"))
    assert (err.value.reason, err.value.attempts, site.count("/slow")) == ("timeout", 2, 2)


@pytest.mark.parametrize("handler", [_trickle_body, _trickle_headers], ids=["trickled-body", "trickled-headers"])
def test_trickling_server_is_cut_off_by_the_response_deadline(site: Site, clock: FakeClock, handler) -> None:
    site.add("/drip", handler=handler)
    with pytest.raises(FetchError) as err:
        fetcher(clock, chunk_timeout=1.0, response_deadline=0.4).get(site.url("/drip"))
    # 'deadline', not 'timeout': each byte came in time, the whole response did not; and never retried.
    assert (err.value.reason, site.count("/drip")) == ("deadline", 1)


@pytest.mark.parametrize("route", ["declared", "chunked"], ids=["content-length-too-big", "streamed-past-limit"])
def test_oversized_response_is_aborted_not_retried(site: Site, clock: FakeClock, route: str) -> None:
    site.add("/declared", b"%PDF" + b"0" * 300_000, headers={"Content-Type": "application/pdf"})
    site.add("/chunked", handler=_chunked_big)
    with pytest.raises(FetchError) as err:
        fetcher(clock, max_bytes=100_000).get(site.url("/" + route))
    assert (err.value.reason, site.count("/" + route)) == ("too_large", 1)


def test_truncate_mode_keeps_the_first_bytes(site: Site, clock: FakeClock) -> None:
    site.add("/robots.txt", b"Disallow: /\n" * 1000)
    resp = fetcher(clock).get(site.url("/robots.txt"), max_bytes=120, truncate=True)
    assert (len(resp.body), resp.truncated) == (120, True)


def test_identifying_user_agent_and_no_compression_are_sent(site: Site, clock: FakeClock) -> None:
    site.add("/a", "ok")
    fetcher(clock).get(site.url("/a"))
    headers = site.requests("/a")[0]
    assert (headers["user-agent"], headers["accept-encoding"]) == (USER_AGENT, "identity")


def test_redirect_is_returned_not_followed(site: Site, clock: FakeClock) -> None:
    site.add("/old", status=301, headers={"Location": "/new"})
    resp = fetcher(clock).get(site.url("/old"))
    assert (resp.status, resp.location, site.count("/new")) == (301, "/new", 0)


def test_unreachable_host_is_a_network_error_after_retries(clock: FakeClock) -> None:
    with socket.socket() as s:  # a port that was just free and now has no listener
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as err:
        fetcher(clock, retries=2).get(f"http://127.0.0.1:{port}/")
    assert (err.value.reason, err.value.attempts) == ("network", 3)


def test_same_host_waits_the_delay_between_requests(site: Site, clock: FakeClock) -> None:
    site.add("/a", "ok")
    f = fetcher(clock, delay=1.5)
    for _ in range(3):
        f.get(site.url("/a"))
    assert clock.sleeps == [1.5, 1.5]


def test_different_hosts_do_not_wait_for_each_other(make_site: MakeSite, clock: FakeClock) -> None:
    a, b = make_site(), make_site()
    f = fetcher(clock, delay=1.5)
    f.get(a.url("/x"))
    f.get(b.url("/x"))
    assert clock.sleeps == []
