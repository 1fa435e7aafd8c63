"""URL normalization and scope: nothing may sneak past the prefix by spelling."""
from __future__ import annotations

import pytest

from pipeline.crawl.errors import CrawlError
from pipeline.crawl.urls import in_scope, normalize, normalize_scope

SCOPE = ("http://h.gov.cn/tzgg/",)


@pytest.mark.parametrize(("raw", "expected"), [
    ("http://H.gov.cn:80/tzgg/a.html", "http://h.gov.cn/tzgg/a.html"),
    ("http://h.gov.cn/tzgg/a.html#top", "http://h.gov.cn/tzgg/a.html"),
    ("http://user:pw@h.gov.cn/tzgg/", "http://h.gov.cn/tzgg/"),
    ("http://h.gov.cn/tzgg/%2e%2e/private/x", "http://h.gov.cn/private/x"),
    ("http://h.gov.cn/tzgg\\..\\private", "http://h.gov.cn/private"),
    ("http://h.gov.cn/../../etc/passwd", "http://h.gov.cn/etc/passwd"),
    ("http://h.gov.cn/tzgg/附件 1.doc", "http://h.gov.cn/tzgg/%E9%99%84%E4%BB%B6%201.doc"),
    ("http://h.gov.cn/tzgg/%e9%99%84.doc", "http://h.gov.cn/tzgg/%E9%99%84.doc"),
    ("http://h.gov.cn/list?page=2", "http://h.gov.cn/list?page=2"),
    ("HTTP://h.gov.cn", "http://h.gov.cn/"),
    ("http://h.gov.cn/tz\ngg/", "http://h.gov.cn/tzgg/"),
], ids=["case-and-default-port", "fragment", "userinfo", "encoded-dots", "backslashes", "dots-above-root",
        "chinese-path", "lower-escapes", "query-kept", "bare-origin", "newline-in-href"])
def test_normalize_canonical_form(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", ["mailto:a@b.cn", "javascript:void(0)", "ftp://h/x", "http://h:99999/", "http:///x"],
                         ids=["mailto", "javascript", "ftp", "bad-port", "no-host"])
def test_normalize_rejects_non_http(raw: str) -> None:
    assert normalize(raw) is None


def test_normalize_resolves_relative_to_base() -> None:
    assert normalize("./t20200930_1.html", base="http://h/tzgg/index.html") == "http://h/tzgg/t20200930_1.html"


@pytest.mark.parametrize(("url", "inside"), [
    ("http://h.gov.cn/tzgg/t1.html", True),
    ("http://h.gov.cn/tzgg/", True),
    ("http://h.gov.cn/tzggx/t1.html", False),
    ("http://h.gov.cn/other/", False),
    ("https://h.gov.cn/tzgg/t1.html", False),
    ("http://evil.cn/tzgg/t1.html", False),
], ids=["inside", "prefix-itself", "sibling-prefix", "other-path", "other-scheme", "other-host"])
def test_in_scope_is_a_normalized_prefix(url: str, inside: bool) -> None:
    assert in_scope(normalize(url), SCOPE) is inside


@pytest.mark.parametrize("url", ["http://h.gov.cn/tzgg/%2e%2e/private/", "http://h.gov.cn@evil.cn/tzgg/"],
                         ids=["dot-segments", "userinfo-host-swap"])
def test_scope_cannot_be_escaped_by_spelling(url: str) -> None:
    assert not in_scope(normalize(url), SCOPE)


def test_scope_that_is_not_a_url_is_an_error() -> None:
    with pytest.raises(CrawlError, match="--scope"):
        normalize_scope("h.gov.cn/tzgg")
