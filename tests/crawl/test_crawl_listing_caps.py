"""The work on one page is capped (bytes parsed, links looked at), with a recorded note."""
from __future__ import annotations

import pytest

from pipeline.crawl import links as links_module
from pipeline.crawl.links import MAX_LINKS, MAX_PARSE_BYTES, analyze
from pipeline.crawl.profiles import load

from .crawl_server import Site
from .crawl_sites import page, visited

TITLE = "关于申报2021年度北京市级中医药继续教育项目的通知"


def _listing(n: int, charset: str = "utf-8") -> bytes:
    items = "".join(f'<li><a href="./t20200930_{i}.html">{TITLE}{i}</a><span>2020-09-30</span></li>'
                    for i in range(n))
    return page("通知公告", f"<ul>{items}</ul>", charset)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many URLs the link finder normalizes and how many characters lxml is handed."""
    seen = {"normalize": 0, "parsed": 0}
    real_normalize, real_parse = links_module.normalize, links_module.parse_html

    def normalize(url: str, base: str | None = None) -> str | None:
        seen["normalize"] += 1
        return real_normalize(url, base)

    def parse_html(text: str):
        seen["parsed"] += len(text)
        return real_parse(text)

    monkeypatch.setattr(links_module, "normalize", normalize)
    monkeypatch.setattr(links_module, "parse_html", parse_html)
    return seen


def test_big_listing_is_read_up_to_the_caps(counted: dict[str, int]) -> None:
    data = _listing(25_000)  # ~3.3 MB, 25,000 links: the 13 MB page took 47 s
    cut = data.rfind(b"<", 0, MAX_PARSE_BYTES)
    result = analyze(data, "text/html", "http://h/tzgg/index.html", load("generic"), "seed")
    assert counted["parsed"] <= MAX_PARSE_BYTES
    assert counted["normalize"] <= MAX_LINKS
    assert (result.kind, len(result.links)) == ("listing", MAX_LINKS)
    assert result.notes == (f"links read from the first {cut} of {len(data)} bytes",
                            f"only the first {MAX_LINKS} links looked at")
    assert result.text_hash is None  # a page read in part is never called a duplicate


@pytest.mark.parametrize("charset", ["utf-8", "gbk"], ids=["utf-8", "gbk"])
def test_cut_page_still_decodes_in_its_charset(monkeypatch: pytest.MonkeyPatch, charset: str) -> None:
    monkeypatch.setattr(links_module, "MAX_PARSE_BYTES", 5_000)
    result = analyze(_listing(200, charset), f"text/html; charset={charset}", "http://h/tzgg/index.html",
                     load("generic"), "seed")
    assert result.links and all(link.text.startswith(TITLE) for link in result.links)


def test_small_listing_has_no_note() -> None:
    result = analyze(_listing(20), "text/html", "http://h/tzgg/index.html", load("generic"), "seed")
    assert (len(result.links), result.notes, result.text_hash is not None) == (20, (), True)


def test_many_links_under_the_byte_cap_are_capped_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links_module, "MAX_LINKS", 30)
    result = analyze(_listing(100), "text/html", "http://h/tzgg/index.html", load("generic"), "seed")
    assert (len(result.links), result.notes) == (30, ("only the first 30 links looked at",))


def test_crawl_records_the_cap_note_on_the_listing(site: Site, crawl, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links_module, "MAX_PARSE_BYTES", 20_000)
    data = _listing(1000)
    site.add("/s/index.html", data)
    crawl([site.url("/s/index.html")], [site.url("/s/")], max_pages=1)
    row = visited(crawl.out)["/s/index.html"]
    assert (row["outcome"], row["reason"]) == (
        "listing", f"links read from the first {data.rfind(b'<', 0, 20_000)} of {len(data)} bytes")
