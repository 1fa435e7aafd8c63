"""`crawl START_URL... --scope PREFIX`: argparse in, one summary or one error line out."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.crawl import profiles
from pipeline.crawl.crawler import DEFAULT_MAX_DEPTH, DEFAULT_MAX_PER_HOST, CrawlConfig, Crawler
from pipeline.crawl.errors import CrawlError
from pipeline.crawl.fetch import USER_AGENT, FetchPolicy

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so every error is one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CrawlError(f"{message} (see {self.prog} --help)")


def build_parser(prog: str = "crawl") -> argparse.ArgumentParser:
    p = _Parser(
        prog=prog,
        description="Crawl notice listings inside a URL prefix; save notices and attachments under "
                    "OUT/<host>/ with their provenance in OUT/crawl.sqlite. Rerun to resume or re-check.")
    p.add_argument("start_urls", nargs="+", metavar="START_URL", help="listing or notice URLs to start from")
    p.add_argument("--scope", action="append", required=True, metavar="URL_PREFIX",
                   help="only URLs starting with this prefix are fetched (repeatable)")
    p.add_argument("--out", type=Path, default=Path("corpus/raw"), help="output folder (default: corpus/raw)")
    p.add_argument("--max-pages", type=int, default=None, metavar="N",
                   help="stop after N URLs in this invocation; rerun to continue")
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="pause between requests to one host (default: 1.0)")
    p.add_argument("--concurrency", type=int, default=2, help="requests in flight across hosts (default: 2)")
    p.add_argument("--profile", default=None,
                   help=f"site profile: {', '.join(profiles.available())} (default: chosen by host, else generic)")
    p.add_argument("--max-depth", type=int, default=DEFAULT_MAX_DEPTH, metavar="N",
                   help="follow links at most N deep from a start URL; pager links do not count "
                        f"(default: {DEFAULT_MAX_DEPTH})")
    p.add_argument("--max-per-host", type=int, default=DEFAULT_MAX_PER_HOST, metavar="N",
                   help=f"queue at most N URLs per host in one run (default: {DEFAULT_MAX_PER_HOST})")
    p.add_argument("--user-agent", default=USER_AGENT, help=f"User-Agent header (default: {USER_AGENT!r})")
    p.add_argument("--max-bytes", type=int, default=FetchPolicy.max_bytes,
                   help="largest response kept; bigger ones are aborted and recorded")
    p.add_argument("--timeout", type=float, default=FetchPolicy.chunk_timeout,
                   help="seconds to wait for any single read")
    p.add_argument("--deadline", type=float, default=FetchPolicy.response_deadline,
                   help="seconds allowed for a whole response")
    p.add_argument("--retries", type=int, default=FetchPolicy.retries,
                   help="retries on 5xx, 429 and timeouts, with exponential backoff")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the crawl subcommand; returns the exit code (0 ok, 2 bad input, 130 interrupted)."""
    try:
        args = build_parser().parse_args(argv)
        policy = FetchPolicy(user_agent=args.user_agent, max_bytes=args.max_bytes, chunk_timeout=args.timeout,
                             response_deadline=args.deadline, retries=max(args.retries, 0))
        config = CrawlConfig(start_urls=args.start_urls, scopes=args.scope, out_dir=args.out,
                             max_pages=args.max_pages, delay=args.delay, concurrency=args.concurrency,
                             profile=args.profile, max_depth=args.max_depth, max_per_host=args.max_per_host,
                             policy=policy)
        summary = Crawler(config).run()
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except CrawlError as exc:
        print(f"crawl: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print("\n".join(summary.lines()))
    return EXIT_INTERRUPTED if summary.interrupted else 0
