"""Reruns: conditional requests, no re-saving identical bytes, and resuming an interrupted crawl."""
from __future__ import annotations

from pathlib import Path

import pytest

from .crawl_runner import Runner
from .crawl_server import Site
from .crawl_sites import PDF, TRS_SAVED, build_trs, frontier_size, host_dir, listing, notice, visited


def _mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()
            and p.name != "crawl.sqlite" and not p.name.startswith("crawl.sqlite")}


def test_rerun_of_unchanged_site_fetches_nothing_new(site: Site, crawl: Runner) -> None:
    urls = build_trs(site)
    crawl([urls["start"]], [urls["scope"]])
    before, first_log = _mtimes(crawl.out), len(site.log)
    summary = crawl([urls["start"]], [urls["scope"]])
    rerun = [p for p, _ in site.log[first_log:] if p != "/robots.txt"]
    assert sorted(rerun) == ["/tzgg/index.html", "/tzgg/index_1.html"]  # only the listings are re-checked
    assert (summary.found, summary.saved, summary.unchanged, summary.resumed) == (0, 0, 2, False)
    assert _mtimes(crawl.out) == before


def test_rerun_sends_validators_and_counts_304_as_unchanged(site: Site, crawl: Runner) -> None:
    urls = build_trs(site)
    crawl([urls["start"]], [urls["scope"]])
    crawl([urls["start"]], [urls["scope"]])
    first, second = site.requests("/tzgg/index.html")
    assert "if-none-match" not in first and second["if-none-match"].startswith('"')
    assert visited(crawl.out)["/tzgg/index.html"]["last_status"] == 304


def test_changed_listing_rechecks_notices_conditionally_and_saves_only_the_new_one(site: Site, crawl: Runner) -> None:
    urls = build_trs(site)
    crawl([urls["start"]], [urls["scope"]])
    old = site.routes["/tzgg/index.html"]
    site.add("/tzgg/index.html", old.body.replace(b'<ul class="list">',
                                                  '<ul class="list"><li><a href="./t20201102_444444.html">新通知</a></li>'
                                                  .encode()), etag=True)
    site.add("/tzgg/t20201102_444444.html", notice("新通知"))
    summary = crawl([urls["start"]], [urls["scope"]])
    assert summary.saved == 1 and summary.found == 1
    assert site.requests("/tzgg/t20201001_222222.html")[-1]["if-modified-since"] == "Wed, 30 Sep 2020 08:00:00 GMT"
    assert visited(crawl.out)["/tzgg/t20200930_123456.html"]["outcome"] == "unchanged"


def test_identical_bytes_without_validators_are_not_saved_again(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/index.html", listing([("./t20200930_1.html", "通知")]))
    site.add("/tzgg/t20200930_1.html", notice("通知", [("a.pdf", "附件")]))
    site.add("/tzgg/a.pdf", PDF)
    crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    before = _mtimes(crawl.out)
    summary = crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    # No validators: the start notice and the listing it links come back with 200, byte-identical,
    # so nothing is written and the notice's attachment is not downloaded again.
    assert (site.count("/tzgg/t20200930_1.html"), site.count("/tzgg/a.pdf")) == (2, 1)
    assert (summary.saved, summary.unchanged, _mtimes(crawl.out)) == (0, 2, before)


def test_changed_notice_is_saved_again_in_place(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/t20200930_1.html", notice("通知"))
    crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    site.add("/tzgg/t20200930_1.html", notice("通知（更正）"))
    summary = crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    path = crawl.out / host_dir(site) / "tzgg" / "t20200930_1.html"
    assert summary.saved == 1 and "更正" in path.read_bytes().decode()
    assert [p.name for p in path.parent.iterdir()] == ["t20200930_1.html"]


def test_deleted_file_is_downloaded_again_without_validators(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/t20200930_1.html", notice("通知"), etag=True)
    crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    (crawl.out / host_dir(site) / "tzgg" / "t20200930_1.html").unlink()
    summary = crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    assert "if-none-match" not in site.requests("/tzgg/t20200930_1.html")[-1]
    assert summary.saved == 1 and (crawl.out / host_dir(site) / "tzgg" / "t20200930_1.html").is_file()


@pytest.mark.parametrize("first_batch", [1, 3, 6], ids=["stop-after-1", "stop-after-3", "stop-after-6"])
def test_interrupted_crawl_resumes_and_completes_without_refetching(site: Site, crawl: Runner, first_batch: int) -> None:
    urls = build_trs(site)
    first = crawl([urls["start"]], [urls["scope"]], max_pages=first_batch)
    assert first.pending > 0 and frontier_size(crawl.out) == first.pending
    second = crawl([urls["start"]], [urls["scope"]])
    saved = {r["saved_path"] for r in visited(crawl.out).values() if r["saved_path"]}
    assert saved == {f"{host_dir(site)}/{rel}" for rel in TRS_SAVED}
    assert (second.resumed, second.pending, frontier_size(crawl.out)) == (True, 0, 0)
    pages = [p for p in site.paths() if p != "/robots.txt"]
    assert len(pages) == len(set(pages))  # nothing fetched twice across the interruption


def test_run_after_a_resumed_one_finishes_is_a_new_run(site: Site, crawl: Runner) -> None:
    urls = build_trs(site)
    crawl([urls["start"]], [urls["scope"]], max_pages=2)
    crawl([urls["start"]], [urls["scope"]])
    assert crawl([urls["start"]], [urls["scope"]]).resumed is False


def test_transient_failure_is_retried_by_the_next_run(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/index.html", listing([("./t20200930_1.html", "通知")]), etag=True)
    site.add("/tzgg/t20200930_1.html", "down", status=503)
    crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")], retries=0)
    site.add("/tzgg/t20200930_1.html", notice("通知"))
    summary = crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")], retries=0)
    assert summary.saved == 1 and visited(crawl.out)["/tzgg/t20200930_1.html"]["outcome"] == "saved"


def test_file_left_by_a_crash_before_recording_is_reused_not_duplicated(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/t20200930_1.html", notice("通知"))
    target = crawl.out / host_dir(site) / "tzgg" / "t20200930_1.html"
    target.parent.mkdir(parents=True)
    target.write_bytes(notice("通知"))  # as if written, then killed before the state commit
    crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    assert sorted(p.name for p in target.parent.iterdir()) == ["t20200930_1.html"]


def test_foreign_file_in_the_way_is_not_overwritten(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/t20200930_1.html", notice("通知"))
    target = crawl.out / host_dir(site) / "tzgg" / "t20200930_1.html"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"someone else's file")
    crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    assert target.read_bytes() == b"someone else's file"
    assert visited(crawl.out)["/tzgg/t20200930_1.html"]["saved_path"].endswith("t20200930_1-2.html")


def test_ctrl_c_mid_crawl_keeps_state_and_the_rerun_completes(site: Site, crawl: Runner) -> None:
    urls = build_trs(site)
    calls = {"n": 0}
    real_sleep = crawl.clock.sleep

    def interrupting_sleep(seconds: float) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # the user presses Ctrl-C during the fourth politeness pause
            raise KeyboardInterrupt
        real_sleep(seconds)

    crawl.clock.sleep = interrupting_sleep  # type: ignore[method-assign]
    first = crawl([urls["start"]], [urls["scope"]], delay=1.0)
    assert first.interrupted and first.pending > 0
    crawl.clock.sleep = real_sleep  # type: ignore[method-assign]
    second = crawl([urls["start"]], [urls["scope"]])
    saved = {r["saved_path"] for r in visited(crawl.out).values() if r["saved_path"]}
    assert second.resumed and saved == {f"{host_dir(site)}/{rel}" for rel in TRS_SAVED}
