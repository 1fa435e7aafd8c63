"""Nothing a page contains stops a crawl: each known cause is fixed, and any other becomes a failure."""
from __future__ import annotations

import pytest

from pipeline.crawl import crawler as crawler_module
from pipeline.crawl.links import MAX_SCRIPT_PAGES, decode_html

from .crawl_server import Site
from .crawl_sites import DOC, PARAGRAPH, frontier_size, host_dir, notice, visited

HUGE_COUNT = "7" * 5000


def _script_pager(count: str) -> str:
    return f'<ul><li>x</li></ul><script>createPageHTML({count}, 0, "index", "html");</script>'


# path -> (body, headers) of one crafted page, each of which used to raise out of the crawler.
CRAFTED = {
    "meta-charset-base64": (f"<html><head><meta charset='base64'></head><body><p>{PARAGRAPH}</p></body></html>",
                            {"Content-Type": "text/html"}),
    "header-charset-undefined": (f"<html><body><p>{PARAGRAPH}</p></body></html>",
                                 {"Content-Type": "text/html; charset=undefined"}),
    "script-pager-5000-digits": (f"<html><body>{_script_pager(HUGE_COUNT)}</body></html>", {}),
}


def _site_with(site: Site, path: str, body: str | bytes, headers: dict[str, str]) -> None:
    site.add("/s/index.html", f'<a href="{path}">坏页</a> <a href="t20200101_1.html">好通知</a>')
    site.add("/s/" + path, body, headers=headers)
    site.add("/s/t20200101_1.html", notice("好通知"))


@pytest.mark.parametrize("case", list(CRAFTED), ids=list(CRAFTED))
def test_crafted_page_is_recorded_and_the_crawl_goes_on(site: Site, crawl, case: str) -> None:
    body, headers = CRAFTED[case]
    _site_with(site, "bad.html", body, headers)
    summary = crawl([site.url("/s/index.html")], [site.url("/s/")])
    rows = visited(crawl.out)
    assert rows["/s/bad.html"]["outcome"] != "failed", rows["/s/bad.html"]["reason"]
    assert rows["/s/t20200101_1.html"]["outcome"] == "saved"
    assert (summary.pending, frontier_size(crawl.out)) == (0, 0)


def test_attachment_named_in_undefined_charset_is_saved(site: Site, crawl) -> None:
    site.add("/s/index.html", '<a href="t20200101_1.html">好通知</a>')
    site.add("/s/t20200101_1.html", notice("好通知", [("dl.jsp?id=1", "附件1.doc")]))
    site.add("/s/dl.jsp?id=1", DOC, headers={"Content-Type": "application/msword",
                                             "Content-Disposition": "attachment; filename*=undefined''a%E9.doc"})
    crawl([site.url("/s/index.html")], [site.url("/s/")])
    row = visited(crawl.out)["/s/dl.jsp?id=1"]
    assert row["outcome"] == "saved"
    assert (crawl.out / row["saved_path"]).read_bytes() == DOC


@pytest.mark.parametrize(("declared", "expected"), [
    ("text/html; charset=undefined", "中文"),
    ("text/html; charset=base64", "中文"),
    ("text/html; charset=punycode", "中文"),
    ("text/html; charset=rot13", "中文"),
    ("text/html; charset=gbk", "中文"),
], ids=["undefined", "base64", "punycode", "rot13-not-text", "gbk-still-honoured"])
def test_declared_charset_that_cannot_read_ascii_is_ignored(declared: str, expected: str) -> None:
    data = "<p>中文</p>".encode("gbk" if declared.endswith("gbk") else "utf-8")
    assert expected in decode_html(data, declared)


@pytest.mark.parametrize("meta", ["<meta charset='base64'>", "<meta charset=undefined>", '<meta charset="utf-16">'],
                         ids=["meta-base64", "meta-undefined", "meta-utf16-no-bom"])
def test_meta_charset_that_cannot_read_ascii_is_ignored(meta: str) -> None:
    assert "中文" in decode_html(f"<html><head>{meta}</head><body>中文</body></html>".encode())


@pytest.mark.parametrize(("count", "pages"), [
    (HUGE_COUNT, MAX_SCRIPT_PAGES - 1), ("0" * 5000 + "3", 2), ("3", 2), ("0", 0),
], ids=["5000-digits-capped", "leading-zeros", "small", "zero"])
def test_script_pager_count_is_capped_before_int(count: str, pages: int) -> None:
    from pipeline.crawl.links import _script_pages
    from pipeline.crawl.profiles import load

    urls = _script_pages(_script_pager(count), "http://h/s/index.html", load("generic"))
    assert len(urls) == pages


def test_any_exception_on_a_page_is_a_recorded_failure(site: Site, crawl, monkeypatch) -> None:
    _site_with(site, "bad.html", f"<html><body><p>{PARAGRAPH}</p></body></html>", {})
    real = crawler_module.analyze

    def analyze(data: bytes, *args: object):
        if b"<p>" + PARAGRAPH.encode() in data and b"TRS_Editor" not in data:
            raise ZeroDivisionError("a bug this page found")
        return real(data, *args)

    monkeypatch.setattr(crawler_module, "analyze", analyze)
    summary = crawl([site.url("/s/index.html")], [site.url("/s/")])
    rows = visited(crawl.out)
    assert (rows["/s/bad.html"]["outcome"], rows["/s/bad.html"]["reason"]) == (
        "failed", "page_error: ZeroDivisionError: a bug this page found")
    assert (summary.failures["page_error"], summary.pending) == (1, 0)
    assert (crawl.out / host_dir(site) / "s" / "t20200101_1.html").is_file()
    again = crawl([site.url("/s/index.html")], [site.url("/s/")])  # the rerun does not stall on it either
    assert again.pending == 0


@pytest.mark.parametrize("base", ['<base href="http://[::1">', '<base href="http://h:99999/">'],
                         ids=["base-broken-ipv6", "base-port-out-of-range"])
def test_broken_base_href_does_not_lose_the_page(site: Site, crawl, base: str) -> None:
    site.add("/s/index.html", f'<html><head>{base}</head><body><a href="t20200101_1.html">通知</a></body></html>')
    crawl([site.url("/s/index.html")], [site.url("/s/")])
    assert visited(crawl.out)["/s/index.html"]["outcome"] != "failed"


@pytest.mark.parametrize("header", ["ETag", "Last-Modified"], ids=["etag", "last-modified"])
def test_non_ascii_validator_does_not_fail_the_rerun(site: Site, crawl, header: str) -> None:
    site.add("/s/index.html", f'<ul><li><a href="t20200101_1.html">通知</a></li></ul><p>{PARAGRAPH}</p>',
             headers={header: '"版本1"'})
    site.add("/s/t20200101_1.html", notice("通知"))
    crawl([site.url("/s/index.html")], [site.url("/s/")])
    again = crawl([site.url("/s/index.html")], [site.url("/s/")])
    row = visited(crawl.out)["/s/index.html"]
    assert (row["outcome"], again.failed) == ("unchanged", 0)
    assert "if-none-match" not in site.requests("/s/index.html")[-1]
