"""Site profiles: YAML data in pipeline/crawl/profiles/, each extending generic.yml.

List keys of a site profile are tried before the generic ones; scalar keys replace them.
Selectors are XPath 1.0 (lxml, with EXSLT `re:`), so no CSS library is needed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from lxml import etree

from pipeline.crawl.errors import CrawlError

PROFILE_DIR = Path(__file__).parent / "profiles"
GENERIC = "generic"
XPATH_NS = {"re": "http://exslt.org/regular-expressions"}
REGEX_KEYS = ("hosts", "listing_url", "notice_url", "pager_url", "pager_script", "attachment_text")
XPATH_KEYS = ("next_page", "notice_links", "body", "metadata")
TEXT_KEYS = ("page_query_keys", "pagination_texts", "attachment_extensions", "skip_extensions",
             "metadata_labels")
INT_KEYS = ("min_notice_chars", "min_listing_links")
KNOWN_KEYS = {"name", "description", "metadata_patterns", *REGEX_KEYS, *XPATH_KEYS, *TEXT_KEYS, *INT_KEYS}


@dataclass(frozen=True)
class Profile:
    """Compiled selectors and vocabulary for one kind of site."""

    name: str
    description: str
    hosts: tuple[re.Pattern[str], ...]
    listing_url: tuple[re.Pattern[str], ...]
    notice_url: tuple[re.Pattern[str], ...]
    pager_url: tuple[re.Pattern[str], ...]
    pager_script: tuple[re.Pattern[str], ...]
    attachment_text: tuple[re.Pattern[str], ...]
    next_page: tuple[etree.XPath, ...]
    notice_links: tuple[etree.XPath, ...]
    body: tuple[etree.XPath, ...]
    metadata: tuple[etree.XPath, ...]
    page_query_keys: tuple[str, ...]
    pagination_texts: tuple[str, ...]
    attachment_extensions: tuple[str, ...]
    skip_extensions: tuple[str, ...]
    metadata_labels: tuple[str, ...]
    metadata_patterns: dict[str, str]
    min_notice_chars: int
    min_listing_links: int

    def matches_host(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(rx.search(host) for rx in self.hosts)


def available() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yml"))


def _read(name: str) -> dict:
    path = PROFILE_DIR / f"{name}.yml"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        raise CrawlError(f"no crawl profile {name!r}; choose one of: {', '.join(available())}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CrawlError(f"{path}: not valid YAML ({exc}); fix the file") from exc
    if not isinstance(data, dict):
        raise CrawlError(f"{path}: expected a mapping of keys; fix the file")
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise CrawlError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(KNOWN_KEYS))}")
    return data


def _list(data: dict, key: str, name: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise CrawlError(f"profile {name}: {key} must be a list")
    return value


def _compile(name: str, key: str, values: list[str]) -> tuple:
    out = []
    for v in values:
        try:
            out.append(re.compile(v) if key in REGEX_KEYS else etree.XPath(v, namespaces=XPATH_NS))
        except (re.error, etree.XPathSyntaxError) as exc:
            raise CrawlError(f"profile {name}: bad {key} entry {v!r} ({exc}); fix the YAML") from exc
    return tuple(out)


@cache
def load(name: str = GENERIC) -> Profile:
    """A profile merged over generic.yml; raises CrawlError naming the file and the fix."""
    generic = _read(GENERIC)
    site = _read(name) if name != GENERIC else {}
    merged: dict = {}
    for key in (*REGEX_KEYS, *XPATH_KEYS, *TEXT_KEYS):
        merged[key] = _list(site, key, name) + (_list(generic, key, GENERIC) if key != "hosts" else [])
    for key in INT_KEYS:
        merged[key] = int(site.get(key, generic.get(key, 0)))
    return Profile(
        name=name,
        description=str(site.get("description", generic.get("description", ""))),
        metadata_patterns=dict(site.get("metadata_patterns") or {}),
        **{k: _compile(name, k, merged[k]) for k in (*REGEX_KEYS, *XPATH_KEYS)},
        **{k: tuple(str(v).lower() for v in merged[k]) for k in TEXT_KEYS},
        **{k: merged[k] for k in INT_KEYS},
    )


def for_url(url: str, explicit: str | None = None) -> Profile:
    """The explicit profile, else the first whose hosts match the URL, else generic."""
    if explicit:
        return load(explicit)
    for name in available():
        if name != GENERIC and load(name).matches_host(url):
            return load(name)
    return load(GENERIC)
