"""robots.txt per RFC 9309: matching rules, and what an unreadable robots.txt means."""
from __future__ import annotations

import pytest

from pipeline.crawl.errors import FetchError
from pipeline.crawl.robots import RobotsResponse, RobotsRules, decode_robots, fetch_rules, product_token

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
