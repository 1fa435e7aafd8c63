"""Reading fetched HTML: decoding, link kinds, pagination, and listing-versus-notice."""
from __future__ import annotations

import pytest

from pipeline.crawl import profiles
from pipeline.crawl.links import analyze, decode_html, is_pager, link_kind

from .crawl_sites import listing, notice, page

GENERIC = profiles.load("generic")
BASE = "http://h/tzgg/index.html"


@pytest.mark.parametrize(("text", "url", "expected"), [
    ("下一页", "http://h/tzgg/more.html", True),
    ("[下一页]", "http://h/tzgg/more.html", True),
    ("尾页", "http://h/tzgg/more.html", True),
    ("2", "http://h/tzgg/index_1.html", True),
    ("2", "http://h/news/list.php?page=2", True),
    ("3", "http://h/news/list.php?pageNo=3", True),
    ("下一篇", "http://h/tzgg/t20200930_1.html", False),
    ("首页", "http://h/index.html", False),
    ("详情", "http://h/news/show.php?id=2", False),
    ("", "http://h/news/list.php?page=last", False),
], ids=["next-text", "next-in-brackets", "last-text", "index_N", "query-page", "query-pageNo",
        "next-article-is-not-paging", "home-is-not-paging", "id-query", "non-numeric-page"])
def test_pagination_recognised(text: str, url: str, expected: bool) -> None:
    assert is_pager(url, text, GENERIC) is expected


@pytest.mark.parametrize(("url", "text", "kind"), [
    ("http://h/tzgg/P0202.doc", "附件", "attachment"),
    ("http://h/tzgg/a.XLSX", "", "attachment"),
    ("http://h/tzgg/download.jsp?id=7", "附件4：汇总表.xls", "attachment"),
    ("http://h/tzgg/t20200930_123456.html", "关于…的通知", "notice"),
    ("http://h/zhengce/content/2019-02/13/content_5365341.htm", "通知", "notice"),
    ("http://h/zhiye/2014/123456.shtml", "通知", "notice"),
    ("http://h/tzgg/about.html", "关于我们", "page"),
    ("http://h/tzgg/logo.png", "", None),
    ("http://h/js/app.js", "", None),
], ids=["doc", "upper-case-ext", "download-by-anchor-text", "trs-notice", "govcn-notice", "med126-notice",
        "unknown-page", "image-skipped", "script-skipped"])
def test_link_kind_hints(url: str, text: str, kind: str | None) -> None:
    assert link_kind(url, text, GENERIC) == kind


def test_listing_with_pager_is_listing_and_yields_links() -> None:
    data = listing([("./t20200930_1.html", "通知一"), ("./a.pdf", "附件")], pager='<a href="index_1.html">下一页</a>')
    result = analyze(data, "text/html", BASE, GENERIC, "seed")
    assert result.kind == "listing"
    assert {(link.url, link.kind) for link in result.links} >= {
        ("http://h/tzgg/t20200930_1.html", "notice"), ("http://h/tzgg/a.pdf", "attachment"),
        ("http://h/tzgg/index_1.html", "pager")}


def test_page_with_body_text_is_notice() -> None:
    result = analyze(notice("关于开展工作的通知"), "text/html", "http://h/tzgg/detail.html", GENERIC, "page")
    assert result.kind == "notice"


def test_short_chrome_page_is_neither() -> None:
    data = page("导航", '<a href="/a.html">栏目一</a><a href="/b.html">栏目二</a>')
    assert analyze(data, "text/html", "http://h/nav.html", GENERIC, "page").kind == "page"


def test_many_notice_links_without_pager_is_listing() -> None:
    items = [(f"./t2020093{i}_{i}.html", f"关于第{i}项工作的通知") for i in range(6)]
    assert analyze(listing(items), "text/html", "http://h/tzgg/", GENERIC, "page").kind == "listing"


def test_reached_by_pager_link_is_listing_even_when_empty() -> None:
    assert analyze(listing([]), "text/html", "http://h/list.php?page=9", GENERIC, "pager").kind == "listing"


def test_trs_script_pager_yields_the_pages_it_would_print() -> None:
    data = listing([("./t20200930_1.html", "通知")], pager='<script>createPageHTML(4, 0, "index", "html");</script>')
    urls = {link.url for link in analyze(data, None, BASE, GENERIC, "seed").links if link.kind == "pager"}
    assert urls == {f"http://h/tzgg/index_{i}.html" for i in (1, 2, 3)}


def test_base_href_is_honoured() -> None:
    data = page("x", '<base href="http://h/files/"><a href="a.pdf">附件</a>')
    assert [link.url for link in analyze(data, None, BASE, GENERIC, "seed").links] == ["http://h/files/a.pdf"]


def test_javascript_and_mailto_links_are_dropped() -> None:
    data = page("x", '<a href="javascript:void(0)">x</a><a href="mailto:a@b.cn">y</a><a href="#top">z</a>')
    assert analyze(data, None, BASE, GENERIC, "seed").links == ()


@pytest.mark.parametrize(("data", "content_type"), [
    (page("通知", "关于印发方案的通知", "gb2312"), None),
    (page("通知", "关于印发方案的通知", "gb2312"), "text/html; charset=GBK"),
    ("<html><body>关于印发方案的通知</body></html>".encode(), None),
    ("\ufeff<html><body>关于印发方案的通知</body></html>".encode(), "text/html; charset=gbk"),
], ids=["meta-gb2312-read-as-gb18030", "header-charset", "undeclared-utf8", "bom-beats-header"])
def test_decode_html_reads_chinese(data: bytes, content_type: str | None) -> None:
    assert "关于印发方案的通知" in decode_html(data, content_type)


def test_decode_html_never_raises_on_garbage() -> None:
    assert isinstance(decode_html(b"\xff\xfe\xfa<html>\x81", "text/html; charset=nonsense"), str)


def test_empty_or_xml_declared_html_does_not_crash() -> None:
    assert analyze(b"", None, BASE, GENERIC, "seed").kind == "page"
    xml = '<?xml version="1.0" encoding="utf-8"?><html><body><a href="a.doc">附件</a></body></html>'.encode()
    assert [link.kind for link in analyze(xml, None, BASE, GENERIC, "seed").links] == ["attachment"]
