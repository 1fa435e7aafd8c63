"""Crawl traps end: calendars and endless depth by the depth limit, endless pagers by the per-host
budget, session-id URLs by canonicalisation, copies of one page by the near-duplicate check."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.crawl.urls import normalize

from .crawl_server import Site, send
from .crawl_sites import PARAGRAPH, frontier_size, notice, page, visited

TRAP_END = 200  # the trap gives up here, so a crawler without the limits fails the test instead of hanging


def _calendar(h: BaseHTTPRequestHandler) -> None:
    month = int(parse_qs(urlsplit(h.path).query).get("m", ["0"])[0])
    if abs(month) > TRAP_END:
        send(h, 404, b"end of the trap")
        return
    send(h, 200, page(f"日历 {month}", f'<p>{month} 月没有活动</p><a href="cal.html?m={month - 1}">上个月</a>'
                                      f'<a href="cal.html?m={month + 1}">下个月</a>'))


def _deeper(h: BaseHTTPRequestHandler) -> None:
    level = h.path.count("/a")
    if level > TRAP_END:
        send(h, 404, b"end of the trap")
        return
    send(h, 200, page(f"层 {level}", f'<p>第 {level} 层</p><a href="a/">更深</a>'))


def _endless_pager(h: BaseHTTPRequestHandler) -> None:
    n = int(parse_qs(urlsplit(h.path).query).get("page", ["1"])[0])
    if n > TRAP_END:
        send(h, 404, b"end of the trap")
        return
    send(h, 200, page(f"列表 {n}", f'<ul><li>第 {n} 页</li></ul><a href="list.html?page={n + 1}">下一页</a>'))


def _handler_for_every_path(site: Site, prefix: str, handler) -> None:
    """Route every /s/a/a/.../ path to handler (the test server matches exact paths)."""
    path = prefix
    for _ in range(TRAP_END + 2):
        site.add(path, handler=handler)
        path += "a/"


@pytest.mark.parametrize(("max_depth", "fetched"), [(3, 7), (0, 1)], ids=["depth-3", "depth-0-start-only"])
def test_calendar_trap_ends_at_the_depth_limit(site: Site, crawl, max_depth: int, fetched: int) -> None:
    site.add("/s/cal.html", handler=_calendar)
    summary = crawl([site.url("/s/cal.html?m=0")], [site.url("/s/")], max_depth=max_depth)
    # Month 0, then up to max_depth months either way.
    assert (site.count("/s/cal.html?m=0"), len(site.paths()) - 1, summary.pending) == (1, fetched, 0)
    assert summary.too_deep == 2  # the months just past the limit, each counted once


def test_endless_depth_ends_at_the_depth_limit(site: Site, crawl) -> None:
    _handler_for_every_path(site, "/s/", _deeper)
    summary = crawl([site.url("/s/")], [site.url("/s/")], max_depth=5)
    pages = [p for p in site.paths() if p != "/robots.txt"]
    assert (len(pages), max(p.count("a/") for p in pages), summary.too_deep, summary.pending) == (6, 5, 1, 0)


def test_endless_pager_ends_at_the_host_budget(site: Site, crawl) -> None:
    site.add("/s/list.html", handler=_endless_pager)
    summary = crawl([site.url("/s/list.html?page=1")], [site.url("/s/")], max_per_host=10)
    pages = [p for p in site.paths() if p != "/robots.txt"]
    assert (len(pages), summary.over_budget, summary.pending, frontier_size(crawl.out)) == (10, 1, 0, 0)


def test_pager_links_do_not_use_up_the_depth(site: Site, crawl) -> None:
    site.add("/s/list.html", handler=_endless_pager)
    summary = crawl([site.url("/s/list.html?page=1")], [site.url("/s/")], max_depth=2, max_per_host=30)
    assert (summary.too_deep, summary.over_budget, len([p for p in site.paths() if p != "/robots.txt"])) == (0, 1, 30)


SESSION_VARIANTS = (
    [f"t20200101_1.html;jsessionid={i:032X}" for i in range(30)]
    + [f"t20200101_1.html?sid={i}" for i in range(20)]
    + [f"t20200101_1.html?PHPSESSID=a{i}" for i in range(18)]
    + [f"t20200101_1.html;JSESSIONID=b{i}?sessionid=c{i}" for i in range(18)]
)


def test_one_notice_under_86_session_id_urls_is_fetched_once(site: Site, crawl) -> None:
    assert len(SESSION_VARIANTS) == 86
    links = "".join(f'<li><a href="{href}">通知</a></li>' for href in SESSION_VARIANTS)
    site.add("/s/index.html", page("通知公告", f"<ul>{links}</ul>"))
    site.add("/s/t20200101_1.html", notice("通知"))
    summary = crawl([site.url("/s/index.html")], [site.url("/s/")])
    assert (site.count("/s/t20200101_1.html"), summary.saved) == (1, 1)


@pytest.mark.parametrize(("url", "expected"), [
    ("http://h/a/x.html;jsessionid=0A1B?id=7", "http://h/a/x.html?id=7"),
    ("http://h/a;JSESSIONID=1/b.html", "http://h/a/b.html"),
    ("http://h/x?sid=3&id=7&PHPSESSID=z", "http://h/x?id=7"),
    ("http://h/x?SessionId=1", "http://h/x"),
    ("http://h/x?%73id=2", "http://h/x"),
    ("http://h/x?sidebar=1&side=2", "http://h/x?sidebar=1&side=2"),
    ("http://h/a;v=1/b?id=1", "http://h/a;v=1/b?id=1"),
], ids=["jsessionid-path-param", "jsessionid-mid-path", "sid-and-phpsessid-query", "sessionid-any-case",
        "escaped-name", "look-alike-names-kept", "other-path-params-kept"])
def test_session_ids_are_dropped_from_urls(url: str, expected: str) -> None:
    assert normalize(url) == expected


def test_same_text_under_another_url_is_stored_once_and_recorded_duplicate(site: Site, crawl) -> None:
    site.add("/s/index.html", page("通知公告", '<a href="t20200101_1.html">通知</a> <a href="print.jsp?id=1">打印</a>'
                                             ' <a href="t20200102_2.html">另一通知</a>'))
    body = notice("通知", [("f.doc", "附件.doc")])
    site.add("/s/t20200101_1.html", body)
    site.add("/s/print.jsp?id=1", body.replace(b"<p>", b"<p>\n  "))  # the same text, other whitespace
    site.add("/s/t20200102_2.html", notice("另一通知"))
    summary = crawl([site.url("/s/index.html")], [site.url("/s/")], concurrency=1)
    rows = visited(crawl.out)
    assert (rows["/s/t20200101_1.html"]["outcome"], rows["/s/t20200102_2.html"]["outcome"]) == ("saved", "saved")
    assert (rows["/s/print.jsp?id=1"]["outcome"], rows["/s/print.jsp?id=1"]["reason"]) == (
        "duplicate", f"duplicate of {site.url('/s/t20200101_1.html')}")
    assert (rows["/s/print.jsp?id=1"]["saved_path"], summary.duplicates, summary.saved) == (None, 1, 2)


def test_pages_without_text_are_not_duplicates_of_each_other(site: Site, crawl) -> None:
    site.add("/s/index.html", page("通知公告", '<a href="a.html">甲</a> <a href="b.html">乙</a>'))
    site.add("/s/a.html", "<html><body><img src=x.png></body></html>")
    site.add("/s/b.html", "<html><body><img src=y.png></body></html>")
    summary = crawl([site.url("/s/index.html")], [site.url("/s/")])
    assert summary.duplicates == 0
    assert {visited(crawl.out)[p]["outcome"] for p in ("/s/a.html", "/s/b.html")} == {"page"}


def test_rerun_of_an_unchanged_page_is_not_its_own_duplicate(site: Site, crawl) -> None:
    site.add("/s/index.html", page("通知公告", f'<p>{PARAGRAPH}</p><a href="t20200101_1.html">通知</a>'))
    site.add("/s/t20200101_1.html", notice("通知"))
    crawl([site.url("/s/index.html")], [site.url("/s/")])
    again = crawl([site.url("/s/index.html")], [site.url("/s/")])
    assert again.duplicates == 0


def test_state_file_from_before_the_trap_limits_gains_their_columns(tmp_path) -> None:
    import sqlite3

    from pipeline.crawl.state import VISITED_COLUMNS, State

    path = tmp_path / "crawl.sqlite"
    old_columns = ", ".join(c for c in VISITED_COLUMNS if c not in ("depth", "text_hash"))
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE frontier (url TEXT PRIMARY KEY, hint TEXT NOT NULL, referrer TEXT, "
                     "hops INTEGER NOT NULL DEFAULT 0, priority INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL); "
                     f"CREATE TABLE visited (url TEXT PRIMARY KEY, {old_columns}); "
                     "INSERT INTO frontier VALUES ('http://h/s/', 'seed', NULL, 0, 0, 1);")
    db.close()
    state = State(path)
    cols = {t: {r[1] for r in state.db.execute(f"PRAGMA table_info({t})")} for t in ("frontier", "visited")}
    items = state.next_items(5, set())
    state.close()
    assert "depth" in cols["frontier"] and {"depth", "text_hash"} <= cols["visited"]
    assert [(i.url, i.depth) for i in items] == [("http://h/s/", 0)]
