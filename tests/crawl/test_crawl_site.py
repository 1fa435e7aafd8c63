"""A whole crawl of the TRS-style fixture site: what is saved, skipped and recorded."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.crawl import Summary

from .crawl_runner import FakeClock, Runner
from .crawl_server import Site
from .crawl_sites import DOC, PDF, TRS_SAVED, build_trs, host_dir, listing, notice, visited

Crawled = tuple[Site, Path, Summary]


@pytest.fixture(scope="module")
def trs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    """One crawl of the TRS site shared by the read-only assertions below."""
    site = Site()
    site.thread.start()
    urls = build_trs(site)
    runner = Runner(out=tmp_path_factory.mktemp("trs") / "out", clock=FakeClock())
    yield site, runner.out, runner([urls["start"]], [urls["scope"]])
    site.stop()


def test_saves_every_notice_and_attachment_under_its_host(trs: Crawled) -> None:
    site, out, _ = trs
    saved = {r["saved_path"]: r["kind"] for r in visited(out).values() if r["saved_path"]}
    assert saved == {f"{host_dir(site)}/{rel}": kind for rel, kind in TRS_SAVED.items()}


@pytest.mark.parametrize(("rel", "data"), [("tzgg/P020200930.doc", DOC), ("tzgg/P020200930.pdf", PDF)],
                         ids=["doc", "pdf"])
def test_saved_bytes_and_sha256_match_the_server(trs: Crawled, rel: str, data: bytes) -> None:
    site, out, _ = trs
    path = out / host_dir(site) / rel
    row = visited(out)["/" + rel]
    assert (path.read_bytes(), row["sha256"]) == (data, hashlib.sha256(data).hexdigest())


@pytest.mark.parametrize(("path", "kind"), [
    ("/tzgg/index.html", "listing"),
    ("/tzgg/index_1.html", "listing"),
    ("/tzgg/t20200930_123456.html", "notice"),
    ("/tzgg/P020200930.doc", "attachment"),
], ids=["first-listing", "gb18030-second-listing", "notice", "attachment"])
def test_kinds_recorded(trs: Crawled, path: str, kind: str) -> None:
    assert visited(trs[1])[path]["kind"] == kind


def test_attachment_records_headers_status_and_referring_notice(trs: Crawled) -> None:
    site, out, _ = trs
    row = visited(out)["/tzgg/P020200930.pdf"]
    assert {k: row[k] for k in ("status", "content_type", "last_modified", "content_length", "referrer",
                                "fetched_at")} == {
        "status": 200, "content_type": "application/pdf", "last_modified": "Wed, 30 Sep 2020 08:00:00 GMT",
        "content_length": len(PDF), "referrer": site.url("/tzgg/t20200930_123456.html"),
        "fetched_at": "2024-03-01T08:00:00Z"}


def test_etag_recorded(trs: Crawled) -> None:
    assert visited(trs[1])["/tzgg/P020200930.doc"]["etag"].startswith('"')


def test_robots_disallowed_path_is_never_requested(trs: Crawled) -> None:
    site, out, summary = trs
    row = visited(out)["/tzgg/private/t20200101_999999.html"]
    assert (row["outcome"], site.count("/tzgg/private/t20200101_999999.html"), summary.skipped_robots) == (
        "robots", 0, 1)


def test_out_of_scope_link_is_counted_not_requested(trs: Crawled) -> None:
    site, out, summary = trs
    assert site.count("/elsewhere/t20200101_1.html") == 0
    assert "/elsewhere/t20200101_1.html" not in visited(out)
    assert summary.out_of_scope >= 1


def test_images_are_not_requested(trs: Crawled) -> None:
    assert trs[0].count("/tzgg/logo.png") == 0


def test_gb18030_listing_links_are_followed(trs: Crawled) -> None:
    assert visited(trs[1])["/tzgg/t20200801_333333.html"]["outcome"] == "saved"


def test_chinese_file_name_is_requested_utf8_and_saved_readable(trs: Crawled) -> None:
    site, out, _ = trs
    assert site.count("/tzgg/附件3名单.docx") == 1
    assert (out / host_dir(site) / "tzgg" / "附件3名单.docx").is_file()


def test_content_disposition_with_dotdot_stays_inside(trs: Crawled) -> None:
    site, out, _ = trs
    assert (out / host_dir(site) / "tzgg" / "evil.xls").is_file()
    assert not (out.parent / "evil.xls").exists() and not (out / "evil.xls").exists()


def test_pdf_that_is_html_is_flagged_and_named_for_its_content(trs: Crawled) -> None:
    site, out, summary = trs
    row = visited(out)["/tzgg/fake.pdf"]
    assert (row["sniffed"], row["saved_path"], summary.type_mismatch) == (
        "html", f"{host_dir(site)}/tzgg/fake.pdf.html", 1)
    assert "claims pdf" in row["type_mismatch"]


def test_each_url_is_requested_once(trs: Crawled) -> None:
    paths = trs[0].paths()
    assert len(paths) == len(set(paths))


def test_summary_counts(trs: Crawled) -> None:
    s = trs[2]
    assert (s.found, s.saved, s.listings, s.skipped_robots, s.failed, s.pending) == (11, 8, 2, 1, 0, 0)


@pytest.mark.parametrize("pager", [
    '<a href="list.php?page=2">2</a>',
    '<a href="list.php?page=2">下一页</a>',
    '<script>createPageHTML(2, 0, "list", "php")</script>',
], ids=["query-page-number", "query-next-text", "script-pager"])
def test_query_string_pagination_is_followed(site: Site, crawl: Runner, pager: str) -> None:
    site.add("/news/list.php", listing([("/news/2014/123456.shtml", "第一条通知")], pager=pager))
    site.add("/news/list.php?page=2", listing([("/news/2014/123457.shtml", "第二条通知")]))
    site.add("/news/list_1.php", listing([("/news/2014/123457.shtml", "第二条通知")]))
    site.add("/news/2014/123456.shtml", notice("第一条通知"))
    site.add("/news/2014/123457.shtml", notice("第二条通知"))
    crawl([site.url("/news/list.php")], [site.url("/news/")])
    assert visited(crawl.out)["/news/2014/123457.shtml"]["outcome"] == "saved"


def test_notice_only_start_url_saves_it_and_its_attachment(site: Site, crawl: Runner) -> None:
    site.add("/zhengce/content/2019-02/13/content_5365341.htm", notice("国务院通知", [("a.pdf", "附件")]))
    site.add("/zhengce/content/2019-02/13/a.pdf", PDF)
    summary = crawl([site.url("/zhengce/content/2019-02/13/content_5365341.htm")], [site.url("/zhengce/")])
    assert (summary.saved, summary.listings) == (2, 0)


@pytest.mark.parametrize(("status", "count", "reason"), [(404, 1, "http_404"), (500, 3, "http_500")],
                         ids=["404-recorded-once", "500-retried-then-recorded"])
def test_http_errors_are_recorded_as_failed(site: Site, crawl: Runner, status: int, count: int, reason: str) -> None:
    site.add("/tzgg/index.html", listing([("./t20200930_1.html", "通知")]))
    site.add("/tzgg/t20200930_1.html", "error", status=status)
    summary = crawl([site.url("/tzgg/index.html")], [site.url("/tzgg/")], retries=2)
    row = visited(crawl.out)["/tzgg/t20200930_1.html"]
    assert (row["outcome"], row["reason"], row["last_status"], site.count("/tzgg/t20200930_1.html")) == (
        "failed", reason, status, count)
    assert (summary.failed, summary.failures[reason], summary.retried) == (1, 1, count - 1)


def test_oversized_attachment_is_recorded_and_not_saved(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/t20200930_1.html", notice("通知", [("big.zip", "附件")]))
    site.add("/tzgg/big.zip", b"PK\x03\x04" + b"0" * 50_000)
    crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")], max_bytes=20_000)
    row = visited(crawl.out)["/tzgg/big.zip"]
    assert (row["outcome"], row["reason"], row["saved_path"]) == ("failed", "too_large", None)
    assert not any(p.name.startswith("big") for p in crawl.out.rglob("*"))


def test_two_urls_mapping_to_one_name_get_unique_files(site: Site, crawl: Runner) -> None:
    site.add("/tzgg/t20200930_1.html", notice("通知", [("dl.jsp?id=1", "附件1"), ("dl.jsp?id=2", "附件2")]))
    for i in (1, 2):
        site.add(f"/tzgg/dl.jsp?id={i}", PDF + bytes([i]), headers={
            "Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="名单.pdf"'})
    crawl([site.url("/tzgg/t20200930_1.html")], [site.url("/tzgg/")])
    rows = visited(crawl.out)
    names = sorted(Path(rows[f"/tzgg/dl.jsp?id={i}"]["saved_path"]).name for i in (1, 2))
    assert names == ["名单-2.pdf", "名单.pdf"]
