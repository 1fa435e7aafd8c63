"""The crawl loop: workers fetch, the main thread decides, saves and records.

Workers only do network I/O (robots.txt, the GET); every database write and every file
write happens on the calling thread, one transaction per handled URL, so an interrupt at
any point leaves a state the next run can continue from.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from tqdm import tqdm

from pipeline.crawl import profiles, sniff
from pipeline.crawl.errors import CrawlError, FetchError
from pipeline.crawl.fetch import Clock, Fetcher, FetchPolicy, HostThrottle, Response, Sleep, header_int
from pipeline.crawl.links import analyze
from pipeline.crawl.robots import MAX_ROBOTS_BYTES, RobotsCache, RobotsResponse, product_token
from pipeline.crawl.state import STATE_FILE, FrontierItem, State, Stored
from pipeline.crawl.store import relative_path, resolve_inside, sha256_file, with_counter, write_atomic
from pipeline.crawl.urls import in_scope, normalize, normalize_scope, origin

HINT_KIND = {"attachment": "attachment", "pager": "listing", "listing": "listing", "notice": "notice"}
MAX_NAME_TRIES = 1000
PAGE_ERROR = "page_error"  # the crawler raised on this URL's content: a bug to fix, the crawl went on
MAX_DETAIL = 500
# Crawl-trap limits. Depth counts every link but a pager's, so a 2,000-page listing stays
# reachable; an endless pager is stopped by the per-host budget instead.
DEFAULT_MAX_DEPTH = 20
DEFAULT_MAX_PER_HOST = 50_000


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class CrawlConfig:
    """One crawl: where to start, what is in scope, where to write, how politely."""

    start_urls: list[str]
    scopes: list[str]
    out_dir: Path
    max_pages: int | None = None  # URLs taken from the frontier in this invocation
    delay: float = 1.0  # seconds between requests to one host
    concurrency: int = 2  # requests in flight across hosts
    profile: str | None = None
    max_redirects: int = 5
    max_depth: int | None = DEFAULT_MAX_DEPTH  # links from a start URL, pager links not counted
    max_per_host: int | None = DEFAULT_MAX_PER_HOST  # URLs queued per host in one run
    policy: FetchPolicy = field(default_factory=FetchPolicy)


@dataclass
class Summary:
    """Counts for one invocation; `failures` breaks `failed` down by reason."""

    found: int = 0  # URLs never seen before, queued
    fetched: int = 0  # responses received
    saved: int = 0
    unchanged: int = 0  # 304, or identical content already saved
    listings: int = 0
    redirects: int = 0
    skipped_robots: int = 0
    out_of_scope: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0  # responses that are neither pages nor documents (images, JSON...)
    type_mismatch: int = 0
    too_deep: int = 0  # new links not queued: past --max-depth
    over_budget: int = 0  # new links not queued: their host had --max-per-host URLs in this run
    duplicates: int = 0  # pages whose text another URL already had
    pending: int = 0
    resumed: bool = False
    interrupted: bool = False
    failures: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        head = "resumed an unfinished crawl" if self.resumed else "new crawl run"
        why = ", ".join(f"{k} {v}" for k, v in sorted(self.failures.items()))
        out = [
            f"crawl summary ({head}{', interrupted' if self.interrupted else ''})",
            f"  pages found {self.found}, fetched {self.fetched}, saved {self.saved}, "
            f"unchanged {self.unchanged}, listings {self.listings}, redirects {self.redirects}",
            f"  skipped by robots {self.skipped_robots}, out of scope {self.out_of_scope}, "
            f"retried {self.retried}, failed {self.failed}{f' ({why})' if why else ''}",
            f"  type mismatches {self.type_mismatch}, not documents {self.skipped}, still queued {self.pending}",
            f"  trap limits: too deep {self.too_deep}, over host budget {self.over_budget}, "
            f"duplicate pages {self.duplicates}",
        ]
        if self.pending:
            out.append("  rerun the same command to continue")
        return out


@dataclass(frozen=True, slots=True)
class _Result:
    response: Response | None = None
    error: FetchError | None = None
    robots: str | None = None  # why robots.txt said no


class Crawler:
    def __init__(self, config: CrawlConfig, *, sleep: Sleep = time.sleep, clock: Clock = time.monotonic,
                 now: Callable[[], str] = utc_now, progress: bool | None = None) -> None:
        self.config = config
        self.scopes = tuple(normalize_scope(s) for s in config.scopes)
        if not self.scopes:
            raise CrawlError("no --scope given; pass the URL prefix the crawl must stay under")
        self.starts = []
        for raw in config.start_urls:
            url = normalize(raw)
            if url is None:
                raise CrawlError(f"start URL {raw!r} is not an http(s) URL; give a full URL like https://host/path/")
            if not in_scope(url, self.scopes):
                raise CrawlError(f"start URL {raw} is outside every --scope ({', '.join(self.scopes)}); "
                                 "widen --scope or fix the URL")
            self.starts.append(url)
        if config.delay < 0 or config.concurrency < 1 or (config.max_pages is not None and config.max_pages < 1):
            raise CrawlError("--delay must be >= 0, --concurrency >= 1 and --max-pages >= 1")
        if (config.max_depth is not None and config.max_depth < 0) or (
                config.max_per_host is not None and config.max_per_host < 1):
            raise CrawlError("--max-depth must be >= 0 and --max-per-host >= 1")
        self.out = _prepare_out(config.out_dir)
        for name in [config.profile] if config.profile else profiles.available():
            profiles.load(name)  # a bad profile fails now, with the fix, not mid-crawl
        self.token = product_token(config.policy.user_agent)
        self.sleep, self.clock, self.now = sleep, clock, now
        self.progress = sys.stderr.isatty() if progress is None else progress
        self.summary = Summary()
        self._outside: set[str] = set()
        self._profile_by_origin: dict[str, profiles.Profile] = {}
        self._per_host: Counter[str] = Counter()  # URLs queued per origin in this run

    # --- the loop ---------------------------------------------------------------------------
    def run(self) -> Summary:
        state = State(self.out / STATE_FILE)
        throttle = HostThrottle(self.config.delay, clock=self.clock, sleep=self.sleep)
        policy = replace(self.config.policy, connections=max(self.config.policy.connections,
                                                             self.config.concurrency))
        fetcher = Fetcher(policy, throttle)
        robots = RobotsCache(lambda url: _robots_get(fetcher, url))
        pool = ThreadPoolExecutor(self.config.concurrency, thread_name_prefix="crawl")
        bar = tqdm(unit=" url", disable=not self.progress, file=sys.stderr, leave=False)
        in_flight: dict[Future[_Result], FrontierItem] = {}
        try:
            self._seed(state)
            dispatched = 0
            while True:
                dispatched += self._fill(state, pool, fetcher, robots, in_flight, dispatched)
                if not in_flight:
                    break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in done:
                    self._settle(state, in_flight.pop(fut), fut)
                    bar.update(1)
            self.summary.pending = state.pending()
            if not self.summary.pending:
                state.finish_run(self.now())
        except KeyboardInterrupt:
            self.summary.interrupted = True
            self.summary.pending = state.pending()
        finally:
            pool.shutdown(wait=not self.summary.interrupted, cancel_futures=True)
            bar.close()
            self.summary.retried = fetcher.retried
            fetcher.close()
            state.close()
        return self.summary

    def _seed(self, state: State) -> None:
        with state.transaction():
            self.summary.resumed = state.begin_run(self.scopes, self.now())
            self._per_host.update(origin(url) for url in state.run_urls())
            for url in self.starts:
                self._count_found(self._enqueue(state, url, "seed", None, priority=0, budget=False))
            if not self.summary.resumed:
                for url, hint, referrer, depth in state.revisit_candidates():
                    if in_scope(url, self.scopes):
                        self._enqueue(state, url, hint, referrer, depth=depth, budget=False)

    def _fill(self, state: State, pool: ThreadPoolExecutor, fetcher: Fetcher, robots: RobotsCache,
              in_flight: dict, dispatched: int) -> int:
        """Hand frontier URLs to workers up to the concurrency and --max-pages limits."""
        budget = self.config.max_pages
        added = 0
        while len(in_flight) < self.config.concurrency and (budget is None or dispatched + added < budget):
            items = state.next_items(self.config.concurrency - len(in_flight), {i.url for i in in_flight.values()})
            if not items:
                break
            for item in items:
                if budget is not None and dispatched + added >= budget:
                    break
                if not in_scope(item.url, self.scopes):  # queued by an earlier run with a wider scope
                    with state.transaction():
                        state.record(item.url, kind=HINT_KIND.get(item.hint, "unknown"), outcome="out_of_scope",
                                     reason="outside the scope of this run", checked_at=self.now(),
                                     referrer=item.referrer)
                    self.summary.out_of_scope += 1
                    continue
                stored = state.stored(item.url)
                fut = pool.submit(self._work, fetcher, robots, item, self._conditional(stored))
                in_flight[fut] = item
                added += 1
        return added

    def _conditional(self, stored: Stored | None) -> dict[str, str]:
        """If-None-Match / If-Modified-Since, only when what they vouch for is still on disk."""
        if stored is None or (stored.saved_path and not (self.out / stored.saved_path).is_file()):
            return {}
        if stored.kind not in ("listing", "notice", "attachment", "page"):
            return {}
        sent = {"If-None-Match": stored.etag, "If-Modified-Since": stored.last_modified}
        # A validator we cannot send back (non-ASCII: httpx refuses to encode it, which failed
        # the URL on every rerun) is left out: the identical-content check covers that case.
        return {k: v for k, v in sent.items() if v and v.isascii() and v.isprintable()}

    def _work(self, fetcher: Fetcher, robots: RobotsCache, item: FrontierItem, headers: dict[str, str]) -> _Result:
        """Runs on a worker thread: network only, no state."""
        try:
            rules = robots.rules_for(item.url)
            delay = rules.crawl_delay(self.token)
            if delay:
                fetcher.throttle.raise_delay(origin(item.url), delay)
            if not robots.allows(item.url, self.token):
                return _Result(robots=f"robots.txt disallows it ({rules.reason})")
            return _Result(response=fetcher.get(item.url, headers=headers))
        except FetchError as exc:
            return _Result(error=exc)

    def _settle(self, state: State, item: FrontierItem, fut: Future[_Result]) -> None:
        """Handle one finished URL; whatever a page makes the code raise becomes its recorded failure."""
        try:
            with state.transaction():
                self._handle(state, item, fut.result())
        except sqlite3.Error:
            raise  # the crawl's own state failing (disk full, locked) is not the page's fault: stop
        except Exception as exc:  # any cause at all: a page must never stop the crawl; the reason is kept
            with state.transaction():
                self._fail(state, item.url, PAGE_ERROR, {"kind": HINT_KIND.get(item.hint, "unknown"),
                           "referrer": item.referrer, "checked_at": self.now()},
                           detail=f"{type(exc).__name__}: {exc}"[:MAX_DETAIL])

    # --- deciding what a response means ------------------------------------------------------
    def _handle(self, state: State, item: FrontierItem, result: _Result) -> None:
        now = self.now()
        base = {"kind": HINT_KIND.get(item.hint, "unknown"), "referrer": item.referrer, "checked_at": now,
                "depth": item.depth}
        if result.robots:
            state.record(item.url, outcome="robots", reason=result.robots, **base)
            self.summary.skipped_robots += 1
            return
        if result.error:
            self._fail(state, item.url, result.error.reason, base, attempts=result.error.attempts)
            return
        resp = result.response
        assert resp is not None
        self.summary.fetched += 1
        base.update(last_status=resp.status, attempts=resp.attempts)
        if resp.status == 304:
            base.pop("kind")  # keep what the first fetch decided
            state.record(item.url, outcome="unchanged", reason="304 not modified", **_validators(resp), **base)
            self.summary.unchanged += 1
        elif 300 <= resp.status < 400:
            self._redirect(state, item, resp, base)
        elif not 200 <= resp.status < 300:
            self._fail(state, item.url, f"http_{resp.status}", base)
        else:
            self._content(state, item, resp, base)

    def _fail(self, state: State, url: str, code: str, base: dict, detail: str | None = None,
              **extra: object) -> None:
        state.record(url, outcome="failed", reason=f"{code}: {detail}" if detail else code, **base, **extra)
        self.summary.failed += 1
        self.summary.failures[code] += 1

    def _redirect(self, state: State, item: FrontierItem, resp: Response, base: dict) -> None:
        """Each hop is a new frontier URL, so it passes the scope, robots and visited checks again."""
        target = normalize(resp.location, base=item.url) if resp.location else None
        if target is None:
            self._fail(state, item.url, "bad_redirect", base)
        elif not in_scope(target, self.scopes):
            state.record(item.url, outcome="out_of_scope", reason="redirect leaves the scope",
                         redirect_to=target, **base)
            self.summary.out_of_scope += 1
        elif item.hops >= self.config.max_redirects:
            self._fail(state, item.url, "too_many_redirects", base, redirect_to=target)
        else:
            state.record(item.url, outcome="redirect", redirect_to=target, **base)
            self._enqueue(state, target, item.hint, item.referrer, hops=item.hops + 1, priority=0,
                          depth=item.depth)
            self.summary.redirects += 1

    def _content(self, state: State, item: FrontierItem, resp: Response, base: dict) -> None:
        data_format = sniff.sniff(resp.body)
        ctype = resp.headers.get("content-type")
        is_html = data_format == "html" or (data_format == "text" and sniff.declared_family(ctype) == "html")
        fields = {**base, **_validators(resp), "status": resp.status, "content_type": ctype,
                  "content_length": _length(resp), "sha256": hashlib.sha256(resp.body).hexdigest(),
                  "sniffed": data_format, "type_mismatch": sniff.mismatch(data_format, ctype, item.url)}
        stored = state.stored(item.url)
        if item.hint == "attachment" or (not is_html and sniff.FAMILY.get(data_format) in sniff.DOCUMENT_FAMILIES):
            # A file linked as an attachment is kept even when its bytes are HTML: sites do
            # serve notices as .doc-named HTML; the mismatch is recorded for the reader.
            self._save(state, item.url, resp, {**fields, "kind": "attachment"}, stored, data_format)
            return
        if not is_html:
            state.record(item.url, outcome="skipped", reason=f"not a page or document ({data_format})", **fields)
            self.summary.skipped += 1
            return
        if stored and stored.sha256 == fields["sha256"] and self._intact(stored):
            # A server without validators sent the same bytes as last time: the page's links are
            # already known and its file (if a notice) is on disk, so there is nothing to do.
            fields.pop("kind")
            state.record(item.url, outcome="unchanged", reason="identical content", **fields)
            self.summary.unchanged += 1
            return
        page = analyze(resp.body, ctype, item.url, self._profile(item.url), item.hint)
        fields["text_hash"] = page.text_hash
        original = state.duplicate_of(page.text_hash, item.url) if page.text_hash else None
        if original:
            # Same text under another URL (a print view, a tracking parameter, a trap's copies):
            # stored once, its links already followed from the first.
            fields.pop("kind")
            state.record(item.url, outcome="duplicate", reason=f"duplicate of {original}", **fields)
            self.summary.duplicates += 1
            return
        for link in page.links:
            self._queue_link(state, link.url, link.kind, item.url, item.depth)
        note = "; ".join(page.notes) or None  # where the work caps cut link-finding short
        if page.kind == "notice":
            self._save(state, item.url, resp, {**fields, "kind": "notice"}, stored, data_format, note=note)
            return
        state.record(item.url, outcome=page.kind, reason=note, **{**fields, "kind": page.kind})
        if page.kind == "listing":
            self.summary.listings += 1

    def _intact(self, stored: Stored) -> bool:
        """True when what a stored row vouches for still exists (its saved file, if it has one)."""
        return not stored.saved_path or sha256_file(self.out / stored.saved_path) == stored.sha256

    def _queue_link(self, state: State, url: str, hint: str, referrer: str, depth: int) -> None:
        if not in_scope(url, self.scopes):
            if url not in self._outside:
                self._outside.add(url)
                self.summary.out_of_scope += 1
            return
        depth = depth if hint == "pager" else depth + 1
        if self.config.max_depth is not None and depth > self.config.max_depth:
            if not state.known(url):  # reached before by a shorter path: nothing was held back
                self.summary.too_deep += 1
            return
        self._count_found(self._enqueue(state, url, hint, referrer, depth=depth))

    def _enqueue(self, state: State, url: str, hint: str, referrer: str | None, *, hops: int = 0,
                 priority: int = 1, depth: int = 0, budget: bool = True) -> str | None:
        """state.enqueue under the per-host budget (start URLs and re-checks are not held to it)."""
        host = origin(url)
        cap = self.config.max_per_host
        if budget and cap is not None and self._per_host[host] >= cap:
            if not state.known(url):
                self.summary.over_budget += 1
            return None
        queued = state.enqueue(url, hint, referrer, hops=hops, priority=priority, depth=depth)
        if queued:
            self._per_host[host] += 1
        return queued

    def _count_found(self, queued: str | None) -> None:
        if queued == "new":
            self.summary.found += 1

    def _profile(self, url: str) -> profiles.Profile:
        key = origin(url)
        if key not in self._profile_by_origin:
            self._profile_by_origin[key] = profiles.for_url(url, self.config.profile)
        return self._profile_by_origin[key]

    # --- saving ------------------------------------------------------------------------------
    def _save(self, state: State, url: str, resp: Response, fields: dict, stored: Stored | None,
              data_format: str, note: str | None = None) -> None:
        if stored and stored.saved_path and stored.sha256 == fields["sha256"] and self._intact(stored):
            # Same bytes already on disk (a server that ignores conditional requests): keep the
            # first fetch's fetched_at and file; only note that it was checked.
            state.record(url, outcome="unchanged", reason="identical content", **fields)
            self.summary.unchanged += 1
            return
        try:
            if stored and stored.saved_path:
                rel = stored.saved_path
            else:
                disposition = resp.headers.get("content-disposition") if fields["kind"] == "attachment" else None
                rel = self._free_path(state, relative_path(url, data_format, disposition), fields["sha256"])
            write_atomic(resolve_inside(self.out, rel), resp.body)
        except (OSError, CrawlError) as exc:
            base = {k: fields[k] for k in ("kind", "referrer", "checked_at", "last_status")}
            self._fail(state, url, "save_error", base, detail=str(exc))
            return
        state.record(url, outcome="saved", reason=note, saved_path=str(rel), fetched_at=fields["checked_at"],
                     **fields)
        self.summary.saved += 1
        if fields["type_mismatch"]:
            self.summary.type_mismatch += 1

    def _free_path(self, state: State, rel: PurePosixPath, sha: str) -> str:
        """rel, or rel-2, rel-3...: a name no other URL owns and no other file occupies."""
        for n in range(1, MAX_NAME_TRIES):
            cand = rel if n == 1 else with_counter(rel, n)
            if state.path_owner(str(cand)) is not None:
                continue
            path = resolve_inside(self.out, cand)
            if not path.exists() or (path.is_file() and sha256_file(path) == sha):
                return str(cand)  # free, or our own file from a run interrupted before it was recorded
        raise CrawlError(f"no free file name for {rel} after {MAX_NAME_TRIES} tries")


def _validators(resp: Response) -> dict[str, str]:
    return {k.replace("-", "_"): resp.headers[k] for k in ("etag", "last-modified") if resp.headers.get(k)}


def _length(resp: Response) -> int:
    declared = header_int(resp.headers.get("content-length"))
    return declared if declared is not None else len(resp.body)


def _robots_get(fetcher: Fetcher, url: str) -> RobotsResponse:
    resp = fetcher.get(url, max_bytes=MAX_ROBOTS_BYTES, truncate=True)
    return RobotsResponse(resp.status, resp.body, resp.location, resp.truncated)


def _prepare_out(out_dir: Path) -> Path:
    """The output folder, created if needed; CrawlError naming the fix if it cannot be written."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CrawlError(f"cannot create out dir {out} ({exc.strerror or exc}); choose another --out") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise CrawlError(f"out dir {out} is not writable; choose another --out or fix its permissions")
    return out.resolve()
