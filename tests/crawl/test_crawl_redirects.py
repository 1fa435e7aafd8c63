"""Redirects are followed by hand, one hop at a time, each hop re-checked against scope and robots."""
from __future__ import annotations

from .crawl_runner import Runner
from .crawl_server import MakeSite, Site
from .crawl_sites import listing, notice, visited


def _site_with_link(site: Site, target: str) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /tzgg/private/\n")
    site.add("/tzgg/index.html", listing([(target, "关于开展工作的通知")]))


def test_redirect_inside_scope_is_followed_and_saved(site: Site, crawl: Runner) -> None:
    _site_with_link(site, "/tzgg/old.html")
    site.add("/tzgg/old.html", status=301, headers={"Location": "t20200930_1.html"})
    site.add("/tzgg/t20200930_1.html", notice("通知"))
    summary = crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")])
    rows = visited(crawl.out)
    assert (rows["/tzgg/old.html"]["outcome"], rows["/tzgg/old.html"]["redirect_to"]) == (
        "redirect", site.url("/tzgg/t20200930_1.html"))
    assert (rows["/tzgg/t20200930_1.html"]["outcome"], summary.redirects) == ("saved", 1)
    assert rows["/tzgg/t20200930_1.html"]["referrer"] == site.url("/tzgg/index.html")


def test_redirect_out_of_scope_is_not_followed(make_site: MakeSite, crawl: Runner) -> None:
    site, other = make_site(), make_site()
    _site_with_link(site, "/tzgg/away.html")
    site.add("/tzgg/away.html", status=302, headers={"Location": other.url("/tzgg/t20200930_1.html")})
    summary = crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")])
    row = visited(crawl.out)["/tzgg/away.html"]
    assert (row["outcome"], other.paths(), summary.out_of_scope) == ("out_of_scope", [], 1)


def test_redirect_to_robots_disallowed_path_is_not_fetched(site: Site, crawl: Runner) -> None:
    _site_with_link(site, "/tzgg/go.html")
    site.add("/tzgg/go.html", status=307, headers={"Location": "/tzgg/private/t20200930_1.html"})
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")])
    assert site.count("/tzgg/private/t20200930_1.html") == 0
    assert visited(crawl.out)["/tzgg/private/t20200930_1.html"]["outcome"] == "robots"


def test_redirect_chain_longer_than_the_limit_fails(site: Site, crawl: Runner) -> None:
    _site_with_link(site, "/tzgg/r0.html")
    for i in range(8):
        site.add(f"/tzgg/r{i}.html", status=302, headers={"Location": f"r{i + 1}.html"})
    summary = crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")], max_redirects=3)
    assert visited(crawl.out)["/tzgg/r3.html"]["reason"] == "too_many_redirects"
    assert (site.count("/tzgg/r4.html"), summary.failures["too_many_redirects"]) == (0, 1)


def test_redirect_loop_ends(site: Site, crawl: Runner) -> None:
    _site_with_link(site, "/tzgg/a.html")
    site.add("/tzgg/a.html", status=302, headers={"Location": "b.html"})
    site.add("/tzgg/b.html", status=302, headers={"Location": "a.html"})
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")])
    assert (site.count("/tzgg/a.html"), site.count("/tzgg/b.html")) == (1, 1)


def test_redirect_without_location_fails(site: Site, crawl: Runner) -> None:
    _site_with_link(site, "/tzgg/bad.html")
    site.add("/tzgg/bad.html", status=301)
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")])
    assert visited(crawl.out)["/tzgg/bad.html"]["reason"] == "bad_redirect"
