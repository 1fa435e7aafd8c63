"""robots.txt by RFC 9309: parsing, matching, and what a failed fetch means.

Written out rather than using urllib.robotparser because RFC 9309 needs the longest
match to win (robotparser takes the first), `*`/`$` wildcards, and lenient decoding.
Fetch outcomes (RFC 9309 2.3.1): 2xx parse; 3xx follow up to five hops; 4xx allow all
(429 excepted, treated like 5xx since it asks us to back off); 5xx or unreachable
disallow all.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from pipeline.crawl.errors import FetchError
from pipeline.crawl.urls import normalize, origin, path_and_query

MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 2.5: parse at least 500 KiB, ignore the rest
MAX_ROBOTS_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0  # a hostile Crawl-delay must not stall the crawl for hours
_PATTERN_SAFE = "/%:@!$&'()*+,;=-._~?*"
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


@dataclass(frozen=True, slots=True)
class Rule:
    allow: bool
    pattern: str
    regex: re.Pattern[str]


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    rx = ".*".join(re.escape(part) for part in body.split("*"))
    return re.compile(rx + (r"\Z" if anchored else ""), re.S)


def _canonical_pattern(raw: str) -> str:
    # Percent-encode non-ASCII (UTF-8) and upper-case escapes, as normalize() does for URLs.
    return _ESCAPE.sub(lambda m: m.group(0).upper(), quote(raw, safe=_PATTERN_SAFE + "$"))


@dataclass(slots=True)
class RobotsRules:
    """The rules of one robots.txt; `verdict` short-circuits when the file could not be read."""

    groups: dict[str, list[Rule]] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
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
        """Groups keyed by lower-cased user-agent; lines before any user-agent are ignored."""
        rules = cls()
        agents: list[str] = []
        in_rules = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            key, sep, value = line.partition(":")
            if not sep:
                continue
            key, value = key.strip().lower(), value.strip()
            if key in ("user-agent", "useragent", "user agent"):
                if in_rules:
                    agents, in_rules = [], False
                agents.append(value.lower())
                rules.groups.setdefault(value.lower(), [])
            elif key in ("allow", "disallow") and agents:
                in_rules = True
                if not value:
                    continue  # "Disallow:" with no path allows everything; no rule needed
                pattern = _canonical_pattern(value)
                for agent in agents:
                    rules.groups[agent].append(Rule(key == "allow", pattern, _compile(pattern)))
            elif key == "crawl-delay" and agents:
                in_rules = True
                try:
                    delay = float(value)
                except ValueError:
                    continue
                for agent in agents:
                    rules.delays[agent] = min(max(delay, 0.0), MAX_CRAWL_DELAY)
        return rules

    def _group(self, token: str) -> str | None:
        token = token.lower()
        if token in self.groups:
            return token
        return "*" if "*" in self.groups else None

    def allows(self, token: str, path: str) -> bool:
        """Longest matching pattern wins; allow wins a tie (RFC 9309 2.2.2)."""
        if self.verdict is not None:
            return self.verdict
        if path == "/robots.txt":
            return True
        group = self._group(token)
        if group is None:
            return True
        best: Rule | None = None
        for rule in self.groups[group]:
            if rule.regex.match(path) and (
                best is None or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow

    def crawl_delay(self, token: str) -> float | None:
        group = self._group(token)
        return self.delays.get(group) if group else None


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


Getter = Callable[[str], RobotsResponse]


def fetch_rules(robots_url: str, get: Getter) -> RobotsRules:
    """Fetch and interpret one robots.txt; never raises for network trouble (that means disallow)."""
    url = robots_url
    for _hop in range(MAX_ROBOTS_REDIRECTS + 1):
        try:
            resp = get(url)
        except FetchError as exc:
            return RobotsRules.disallow_all(f"robots.txt unreachable ({exc.reason})")
        if 200 <= resp.status < 300:
            return RobotsRules.parse(decode_robots(resp.body))
        if 300 <= resp.status < 400 and resp.location:
            nxt = normalize(resp.location, base=url)
            if nxt is None:
                return RobotsRules.allow_all(f"robots.txt redirected to unusable {resp.location!r}")
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
