"""robots.txt per RFC 9309: matching rules, and what an unreadable robots.txt means."""
from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.crawl.errors import FetchError
from pipeline.crawl.robots import (
    MAX_ROBOTS_BYTES,
    RobotsResponse,
    RobotsRules,
    decode_robots,
    fetch_rules,
    product_token,
)

from .crawl_server import Site
from .crawl_sites import notice, visited

TOKEN = "notice-pipeline"
ROBOTS = """\
# comment line
User-agent: *
Disallow: /private/
Allow: /private/public/
Disallow: /*.pdf$
Disallow: /search

User-agent: Notice-Pipeline
User-agent: other-bot
Disallow: /tzgg/drafts/
Allow: /tzgg/drafts/ok
Crawl-delay: 2.5
"""


@pytest.mark.parametrize(("agent", "path", "allowed"), [
    ("somebot", "/private/x.html", False),
    ("somebot", "/private/public/x.html", True),
    ("somebot", "/files/a.pdf", False),
    ("somebot", "/files/a.pdf?dl=1", True),
    ("somebot", "/searching", False),
    ("somebot", "/tzgg/drafts/x", True),
    (TOKEN, "/private/x.html", True),
    (TOKEN, "/tzgg/drafts/x", False),
    (TOKEN, "/tzgg/drafts/ok.html", True),
    (TOKEN, "/robots.txt", True),
], ids=["star-disallow", "longer-allow-wins", "dollar-anchor", "dollar-anchor-negative", "prefix-match",
        "other-group-rules-ignored", "own-group-replaces-star", "own-group-disallow", "own-group-allow",
        "robots-txt-always"])
def test_rules_pick_group_and_longest_match(agent: str, path: str, allowed: bool) -> None:
    assert RobotsRules.parse(ROBOTS).allows(agent, path) is allowed


def test_equal_length_allow_beats_disallow() -> None:
    rules = RobotsRules.parse("User-agent: *\nDisallow: /a\nAllow: /a\n")
    assert rules.allows(TOKEN, "/a/b")


def test_empty_disallow_allows_everything() -> None:
    assert RobotsRules.parse("User-agent: *\nDisallow:\n").allows(TOKEN, "/anything")


def test_no_matching_group_allows() -> None:
    assert RobotsRules.parse("User-agent: googlebot\nDisallow: /\n").allows(TOKEN, "/x")


def test_chinese_path_rule_matches_encoded_url() -> None:
    rules = RobotsRules.parse("User-agent: *\nDisallow: /内部/\n")
    assert not rules.allows(TOKEN, "/%E5%86%85%E9%83%A8/x.html")


def test_crawl_delay_read_for_own_group() -> None:
    assert RobotsRules.parse(ROBOTS).crawl_delay(TOKEN) == 2.5


def test_decoding_is_lenient_about_bom_and_bad_bytes() -> None:
    text = decode_robots(b"\xef\xbb\xbfUser-agent: *\nDisallow: /\xff\xfe/\nDisallow: /private/\n")
    assert not RobotsRules.parse(text).allows(TOKEN, "/private/x")


def test_product_token_is_the_name_before_the_version() -> None:
    assert product_token("notice-pipeline/0.1 (+research crawler)") == TOKEN


def _getter(*responses: RobotsResponse | FetchError):
    queue = list(responses)

    def get(url: str) -> RobotsResponse:
        item = queue.pop(0)
        if isinstance(item, FetchError):
            raise item
        return item

    return get


@pytest.mark.parametrize(("response", "allowed"), [
    (RobotsResponse(200, b"User-agent: *\nDisallow: /x\n", None), False),
    (RobotsResponse(404, b"", None), True),
    (RobotsResponse(403, b"", None), True),
    (RobotsResponse(410, b"", None), True),
    (RobotsResponse(429, b"", None), False),
    (RobotsResponse(500, b"", None), False),
    (RobotsResponse(503, b"", None), False),
    (FetchError("network", "connection refused"), False),
    (FetchError("timeout", "no data"), False),
], ids=["200-parsed", "404-allow-all", "403-allow-all", "410-allow-all", "429-disallow-all", "500-disallow-all",
        "503-disallow-all", "unreachable-disallow-all", "timeout-disallow-all"])
def test_fetch_outcome_decides_access(response: RobotsResponse | FetchError, allowed: bool) -> None:
    assert fetch_rules("http://h/robots.txt", _getter(response)).allows(TOKEN, "/x") is allowed


def test_robots_redirect_is_followed() -> None:
    get = _getter(RobotsResponse(301, b"", "/real-robots.txt"), RobotsResponse(200, b"User-agent: *\nDisallow: /\n", None))
    assert not fetch_rules("http://h/robots.txt", get).allows(TOKEN, "/x")


def test_more_than_five_robots_redirects_means_unavailable() -> None:
    get = _getter(*[RobotsResponse(302, b"", f"/r{i}") for i in range(6)])
    assert fetch_rules("http://h/robots.txt", get).allows(TOKEN, "/x")


def test_backtracking_wildcards_match_in_linear_time() -> None:
    """A hang guard only (30 s): the old regex matcher ran for hours on this rule, Protego returns at once."""
    code = ("from pipeline.crawl.robots import RobotsRules\n"
            "rules = RobotsRules.parse('User-agent: *\\nDisallow: /' + '*a' * 40 + '*b\\n')\n"
            "print(rules.allows('bot', '/' + 'a' * 5000), rules.allows('bot', '/' + 'a' * 50 + 'b'))\n")
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail("robots.txt wildcard matching did not finish within 30 s")
    assert done.stdout.split() == ["True", "False"]


@pytest.mark.parametrize(("body", "truncated", "allowed"), [
    (b"User-agent: *\nDisallow: /private/\nDisallow: /", True, True),
    (b"User-agent: *\nDisallow: /private/\nDisallow: /", False, False),
    (b"User-agent: *\nDisallow: /\n", True, False),
    (b"User-agent: *\nDisallow: /", True, True),
], ids=["cut-line-dropped", "uncut-last-line-kept", "cut-after-newline-keeps-all", "only-a-cut-line"])
def test_partial_last_line_of_a_cut_robots_txt_is_not_a_rule(body: bytes, truncated: bool, allowed: bool) -> None:
    get = _getter(RobotsResponse(200, body, None, truncated))
    assert fetch_rules("http://h/robots.txt", get).allows(TOKEN, "/public/x.html") is allowed


@pytest.mark.parametrize(("location", "allowed", "calls"), [
    ("http://other.example/robots.txt", True, 1),
    ("http://h:8080/robots.txt", True, 1),
    ("/robots-real.txt", False, 2),
    ("https://h/robots.txt", False, 2),
], ids=["other-host-not-followed", "other-port-not-followed", "same-host-followed", "https-upgrade-followed"])
def test_robots_redirect_is_followed_only_on_its_own_host(location: str, allowed: bool, calls: int) -> None:
    """Never to another host or port; an https upgrade of the same host is the same server."""
    asked: list[str] = []
    responses = [RobotsResponse(301, b"", location), RobotsResponse(200, b"User-agent: *\nDisallow: /\n", None)]

    def get(url: str) -> RobotsResponse:
        asked.append(url)
        return responses[len(asked) - 1]

    rules = fetch_rules("http://h/robots.txt", get)
    assert (rules.allows(TOKEN, "/x"), len(asked)) == (allowed, calls)


def test_crawl_reads_a_robots_txt_cut_at_the_cap_without_its_partial_line(site: Site, crawl) -> None:
    head = b"User-agent: *\nDisallow: /private/\n"
    filler = b"#" * (MAX_ROBOTS_BYTES - len(head) - len(b"Disallow: /") - 1) + b"\n"
    body = head + filler + b"Disallow: /s/secret/" + b"\n" + b"# more\n" * 100
    assert body[:MAX_ROBOTS_BYTES].endswith(b"Disallow: /")
    site.add("/robots.txt", body, headers={"Content-Type": "text/plain"})
    site.add("/s/index.html", '<a href="t20200101_1.html">通知</a>')
    site.add("/s/t20200101_1.html", notice("通知"))
    summary = crawl([site.url("/s/index.html")], [site.url("/s/")])
    assert (summary.skipped_robots, visited(crawl.out)["/s/t20200101_1.html"]["outcome"]) == (0, "saved")


def test_crawl_does_not_follow_a_robots_redirect_to_another_host(make_site, crawl) -> None:
    home, elsewhere = make_site(), make_site()
    home.add("/robots.txt", status=302, headers={"Location": elsewhere.url("/robots.txt")})
    elsewhere.add("/robots.txt", "User-agent: *\nDisallow: /\n", headers={"Content-Type": "text/plain"})
    home.add("/s/index.html", '<a href="t20200101_1.html">通知</a>')
    home.add("/s/t20200101_1.html", notice("通知"))
    summary = crawl([home.url("/s/index.html")], [home.url("/s/")])
    assert (elsewhere.count("/robots.txt"), summary.skipped_robots, summary.saved) == (0, 0, 1)


def test_robots_redirect_from_https_down_to_http_is_not_followed() -> None:
    get = _getter(RobotsResponse(301, b"", "http://h/robots.txt"), RobotsResponse(200, b"User-agent: *\nDisallow: /\n", None))
    rules = fetch_rules("https://h/robots.txt", get)
    assert (rules.allows(TOKEN, "/x"), rules.reason) == (True, "robots.txt redirected off its host to http://h/robots.txt; not followed")
