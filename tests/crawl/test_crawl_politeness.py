"""Politeness: robots.txt per host, a per-host delay, a concurrency limit, an honest User-Agent."""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest

from .crawl_runner import Runner
from .crawl_server import MakeSite, Site, send
from .crawl_sites import listing, notice, visited


@pytest.mark.parametrize(("robots_status", "fetched"), [(500, False), (503, False), (404, True)],
                         ids=["500-disallows-host", "503-disallows-host", "404-allows-host"])
def test_robots_status_on_another_host_decides(make_site: MakeSite, crawl: Runner, robots_status: int, fetched: bool) -> None:
    home, other = make_site(), make_site()
    home.add("/tzgg/index.html", listing([(other.url("/tzgg/t20200930_1.html"), "关于工作的通知")]))
    other.add("/robots.txt", "oops", status=robots_status)
    other.add("/tzgg/t20200930_1.html", notice("通知"))
    summary = crawl([home.url("/tzgg/index.html")], [home.url("/tzgg/"), other.url("/tzgg/")], retries=1)
    assert (other.count("/tzgg/t20200930_1.html") == 1) is fetched
    assert (summary.skipped_robots == 1) is not fetched


def test_unreachable_robots_disallows_the_host(site: Site, crawl: Runner) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    site.add("/tzgg/index.html", listing([(dead + "/tzgg/t20200930_1.html", "通知")]))
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/"), dead + "/tzgg/"], retries=0)
    row = visited(crawl.out)["/tzgg/t20200930_1.html"]
    assert (row["outcome"], "unreachable" in row["reason"]) == ("robots", True)


def test_per_host_delay_is_slept_between_requests(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/index.html", listing([(f"./t2020093{i}_{i}.html", "通知") for i in range(3)]))
    for i in range(3):
        site.add(f"/tzgg/t2020093{i}_{i}.html", notice("通知"))
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")], delay=1.5)
    requests = len(site.paths())
    assert crawl.clock.sleeps == [1.5] * (requests - 1)


def test_robots_crawl_delay_slows_the_host_down(site: Site, crawl: Runner) -> None:
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 4\n")
    site.add("/tzgg/index.html", listing([("./t20200930_1.html", "通知")]))
    site.add("/tzgg/t20200930_1.html", notice("通知"))
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")], delay=0.5)
    assert crawl.clock.sleeps[1:] and set(crawl.clock.sleeps[1:]) == {4.0}


def _counting(active: dict, lock: threading.Lock):
    def handler(h: BaseHTTPRequestHandler) -> None:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
            active["hosts"].add(h.server.server_address[1])
        time.sleep(0.03)  # long enough for overlapping requests to overlap
        with lock:
            active["now"] -= 1
        send(h, 200, notice("通知"))

    return handler


@pytest.mark.parametrize("limit", [1, 2], ids=["one", "two"])
def test_requests_in_flight_never_exceed_the_concurrency_limit(make_site: MakeSite, crawl: Runner, limit: int) -> None:
    active, lock = {"now": 0, "max": 0, "hosts": set()}, threading.Lock()
    sites = [make_site() for _ in range(3)]
    for s in sites:
        for i in range(3):
            s.add(f"/tzgg/t2020093{i}_{i}.html", handler=_counting(active, lock))
    starts = [s.url(f"/tzgg/t2020093{i}_{i}.html") for s in sites for i in range(3)]
    crawl(starts, [s.url("/tzgg/") for s in sites], concurrency=limit)
    assert active["max"] <= limit and len(active["hosts"]) == 3


def test_one_host_gets_one_request_at_a_time(site: Site, crawl: Runner) -> None:
    active, lock = {"now": 0, "max": 0, "hosts": set()}, threading.Lock()
    for i in range(4):
        site.add(f"/tzgg/t2020093{i}_{i}.html", handler=_counting(active, lock))
    crawl([site.url(f"/tzgg/t2020093{i}_{i}.html") for i in range(4)], [site.url("/tzgg/")], concurrency=4)
    assert active["max"] == 1


def test_user_agent_is_sent_everywhere_including_robots(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/index.html", listing([]))
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")], user_agent="notice-pipeline/0.1 (+test)")
    assert {h["user-agent"] for _, h in site.log} == {"notice-pipeline/0.1 (+test)"}
