"""Site profiles: the shipped YAML loads, picks itself by host, and fits its layout."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.crawl import profiles
from pipeline.crawl.errors import CrawlError
from pipeline.crawl.links import analyze, decode_html, parse_html

from .crawl_sites import PARAGRAPH, page

GOVCN_PAGE = page("国务院关于印发方案的通知", f"""
<div class="wrap"><table class="bd1"><tbody>
<tr><td><b>索 引 号：</b></td><td>000014349/2019-00005</td><td><b>主题分类：</b></td><td>教育</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2019年01月24日</td></tr>
<tr><td><b>发文字号：</b></td><td>国发〔2019〕4号</td><td><b>发布日期：</b></td><td>2019年02月13日</td></tr>
</tbody></table>
<table><tr><td id="UCAP-CONTENT"><p>{PARAGRAPH}</p></td></tr></table></div>""")
TRS_PAGE = page("通知", f'<div class="view TRS_UEDITOR trs_paper_default"><p>{PARAGRAPH}</p></div>')
MED126_LISTING = page("新疆卫生人才网", """<ul>
<li><a href="/zhiye/2014/123456.shtml">阜康市卫生系统2009年工作计划</a></li>
<li><a href="/zhiye/2014/123457.shtml">关于招聘卫生技术人员的公告</a></li></ul>
<a href="/zhiye/list_2.shtml">下一页</a>""")


@pytest.mark.parametrize("name", profiles.available())
def test_shipped_profile_loads(name: str) -> None:
    assert profiles.load(name).name == name


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.gov.cn/zhengce/content/2019-02/13/content_5365341.htm", "govcn"),
    ("http://zyj.beijing.gov.cn/sy/tzgg/index.html", "trs"),
    ("https://www.med126.com/zhiye/2014/123456.shtml", "med126"),
    ("http://www.example.gov.cn/tzgg/", "generic"),
], ids=["govcn", "trs", "med126", "unknown-host-generic"])
def test_profile_chosen_by_host(url: str, name: str) -> None:
    assert profiles.for_url(url).name == name


def test_explicit_profile_wins_over_host() -> None:
    assert profiles.for_url("http://www.example.gov.cn/", "trs").name == "trs"


@pytest.mark.parametrize(("name", "data", "xpath_key"), [
    ("govcn", GOVCN_PAGE, "body"),
    ("govcn", GOVCN_PAGE, "metadata"),
    ("trs", TRS_PAGE, "body"),
], ids=["govcn-body", "govcn-metadata-table", "trs-body"])
def test_profile_selectors_find_their_layout(name: str, data: bytes, xpath_key: str) -> None:
    root = parse_html(decode_html(data))
    assert any(xp(root) for xp in getattr(profiles.load(name), xpath_key))


def test_govcn_page_with_unknown_url_is_a_notice_by_its_body() -> None:
    result = analyze(GOVCN_PAGE, None, "http://mirror.example/p?id=1", profiles.load("govcn"), "page")
    assert result.kind == "notice"


def test_med126_listing_links_and_next_page() -> None:
    result = analyze(MED126_LISTING, None, "https://www.med126.com/zhiye/", profiles.load("med126"), "seed")
    kinds = {link.url.rsplit("/", 1)[-1]: link.kind for link in result.links}
    assert (result.kind, kinds) == ("listing", {"123456.shtml": "notice", "123457.shtml": "notice",
                                                "list_2.shtml": "pager"})


@pytest.mark.parametrize(("name", "pattern", "xpath_key"), [
    ("govcn", "govcn_*.html", "body"),
    ("govcn", "govcn_*.html", "metadata"),
    ("trs", "bjzyj_*.html", "body"),
], ids=["govcn-body", "govcn-metadata", "trs-body"])
def test_profile_selectors_fit_real_dev_pages(shared: Path, name: str, pattern: str, xpath_key: str) -> None:
    """The real pages in ../shared (read in place, not copied) all match the profile's selectors."""
    files = sorted((shared / "corpus" / "dev" / "html").glob(pattern))
    assert files
    missing = [f.name for f in files
               if not any(xp(parse_html(decode_html(f.read_bytes()))) for xp in getattr(profiles.load(name), xpath_key))]
    assert missing == []


@pytest.mark.parametrize(("text", "message"), [
    ("name: bad\nhosts: [\n", "not valid YAML"),
    ("name: bad\nbody_selector: ['//div']\n", "unknown key"),
    ("name: bad\nbody: ['//div[']\n", "bad body entry"),
    ("name: bad\nnotice_url: ['(']\n", "bad notice_url entry"),
    ("name: bad\nbody: '//div'\n", "must be a list"),
], ids=["broken-yaml", "unknown-key", "bad-xpath", "bad-regex", "not-a-list"])
def test_broken_profile_is_a_crawl_error_naming_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        text: str, message: str) -> None:
    (tmp_path / "generic.yml").write_text((profiles.PROFILE_DIR / "generic.yml").read_text("utf-8"), "utf-8")
    (tmp_path / "bad.yml").write_text(text, "utf-8")
    monkeypatch.setattr(profiles, "PROFILE_DIR", tmp_path)
    profiles.load.cache_clear()
    try:
        with pytest.raises(CrawlError, match=message):
            profiles.load("bad")
    finally:
        profiles.load.cache_clear()


def test_unknown_profile_name_lists_the_choices() -> None:
    with pytest.raises(CrawlError, match="choose one of: generic, govcn, med126, trs"):
        profiles.load("nope")
