"""robots.txt by RFC 9309: what a fetch means, and the rules read by Protego.

Matching is Protego's (Scrapy's RFC 9309 parser): longest match wins, allow wins a tie,
`*`/`$` wildcards matched in linear time. The hand-written matcher it replaces turned
`Disallow: /*a*a*a...*b` into a backtracking regex that pinned a core on a long path.
Fetch outcomes (RFC 9309 2.3.1): 2xx parse; 3xx follow up to five hops on the same
authority (or its https upgrade); 4xx allow all (429 excepted, treated like 5xx since it asks us to back off);
5xx or unreachable disallow all. A redirect to another authority is not followed: the
crawler sends no request outside the hosts it crawls, and robots.txt counts as unavailable
(allow all, as RFC 9309 2.3.1.3 says for an unavailable file); the reason is recorded.
"""
from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from protego import Protego

from pipeline.crawl.errors import FetchError
from pipeline.crawl.urls import normalize, origin, path_and_query

MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 2.5: parse at least 500 KiB, ignore the rest
MAX_ROBOTS_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0  # a hostile Crawl-delay must not stall the crawl for hours


@dataclass(slots=True)
class RobotsRules:
    """The rules of one robots.txt; `verdict` short-circuits when the file could not be read."""

    parser: Protego | None = None
    verdict: bool | None = None  # True allow all, False disallow all, None use the rules
    reason: str = "parsed"

    @classmethod
    def allow_all(cls, reason: str) -> RobotsRules:
        return cls(verdict=True, reason=reason)

    @classmethod
    def disallow_all(cls, reason: str) -> RobotsRules:
        return cls(verdict=False, reason=reason)

    @classmethod
    def parse(cls, text: str) -> RobotsRules:
        return cls(parser=Protego.parse(text))

    def allows(self, token: str, path: str) -> bool:
        """Longest matching pattern wins; allow wins a tie (RFC 9309 2.2.2)."""
        if self.verdict is not None:
            return self.verdict
        return self.parser is None or self.parser.can_fetch(path, token)

    def crawl_delay(self, token: str) -> float | None:
        delay = self.parser.crawl_delay(token) if self.parser else None
        if delay is None or math.isnan(delay):
            return None
        return min(max(delay, 0.0), MAX_CRAWL_DELAY)


def decode_robots(data: bytes) -> str:
    """UTF-8 with a BOM tolerated and bad bytes replaced: a broken byte must not void the file."""
    return data.decode("utf-8-sig", errors="replace")


def product_token(user_agent: str) -> str:
    """'notice-pipeline/0.1 (+...)' -> 'notice-pipeline', the name robots.txt groups match."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0].lower()


@dataclass(frozen=True, slots=True)
class RobotsResponse:
    status: int
    body: bytes
    location: str | None
    truncated: bool = False  # cut at MAX_ROBOTS_BYTES: the last line may be half a rule


def complete_lines(body: bytes, truncated: bool) -> bytes:
    """The body without its partial last line when it was cut: 'Disallow: /private' cut to 'Disallow: /'."""
    if not truncated:
        return body
    return body[: body.rfind(b"\n") + 1]


Getter = Callable[[str], RobotsResponse]


def same_authority(url: str, robots_url: str) -> bool:
    """True for the robots.txt's own scheme, host and port, or its https upgrade (http://h -> https://h)."""
    home = origin(robots_url)
    return origin(url) in (home, home.replace("http://", "https://", 1))


def fetch_rules(robots_url: str, get: Getter) -> RobotsRules:
    """Fetch and interpret one robots.txt; never raises for network trouble (that means disallow)."""
    url = robots_url
    for _hop in range(MAX_ROBOTS_REDIRECTS + 1):
        try:
            resp = get(url)
        except FetchError as exc:
            return RobotsRules.disallow_all(f"robots.txt unreachable ({exc.reason})")
        if 200 <= resp.status < 300:
            return RobotsRules.parse(decode_robots(complete_lines(resp.body, resp.truncated)))
        if 300 <= resp.status < 400 and resp.location:
            nxt = normalize(resp.location, base=url)
            if nxt is None:
                return RobotsRules.allow_all(f"robots.txt redirected to unusable {resp.location!r}")
            if not same_authority(nxt, robots_url):
                return RobotsRules.allow_all(f"robots.txt redirected off its host to {nxt}; not followed")
            url = nxt
            continue
        if resp.status == 429 or resp.status >= 500:
            return RobotsRules.disallow_all(f"robots.txt answered {resp.status}")
        return RobotsRules.allow_all(f"robots.txt answered {resp.status}")
    # RFC 9309 2.3.1.2: past five redirects, treat robots.txt as unavailable (4xx), i.e. allow.
    return RobotsRules.allow_all("robots.txt redirected more than five times")


class RobotsCache:
    """One RobotsRules per origin per crawl; threads asking for the same origin wait for one fetch."""

    def __init__(self, get: Getter) -> None:
        self._get = get
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        key = origin(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._rules:
                self._rules[key] = fetch_rules(key + "/robots.txt", self._get)
            return self._rules[key]

    def allows(self, url: str, token: str) -> bool:
        return self.rules_for(url).allows(token, path_and_query(url))
