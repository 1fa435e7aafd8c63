"""The crawler: fetch notices and their attachments politely into out/<host>/..., resumably.

Public API: `crawl(config)` runs a crawl and returns its Summary; `manifest(out_dir)` tells
the ingest side where each saved file came from; `cli.main(argv)` is the `crawl` subcommand.
Modules: urls (normalize, scope), robots (RFC 9309), fetch (streaming GET, limits, retries),
sniff (bytes vs claims), links (listing/notice/link classification), profiles (+ YAML in
profiles/), store (safe file names), state (crawl.sqlite), crawler (the loop), manifest.

The crawling names load lazily, so `from pipeline.crawl import manifest` in ingest workers
does not import httpx, lxml and tqdm.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.crawl.errors import CrawlError, FetchError
from pipeline.crawl.manifest import Manifest, SavedFile, manifest

if TYPE_CHECKING:
    from pipeline.crawl.crawler import CrawlConfig, Crawler, Summary
    from pipeline.crawl.fetch import USER_AGENT, FetchPolicy

__all__ = ["USER_AGENT", "CrawlConfig", "CrawlError", "Crawler", "FetchError", "FetchPolicy", "Manifest",
           "SavedFile", "Summary", "crawl", "manifest"]
_LAZY = {"CrawlConfig": "crawler", "Crawler": "crawler", "Summary": "crawler",
         "USER_AGENT": "fetch", "FetchPolicy": "fetch"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"pipeline.crawl.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'pipeline.crawl' has no attribute {name!r}")


def crawl(config: CrawlConfig, **kw: Any) -> Summary:
    """Run one crawl (or continue an interrupted one) and return its counts."""
    from pipeline.crawl.crawler import Crawler

    return Crawler(config, **kw).run()
