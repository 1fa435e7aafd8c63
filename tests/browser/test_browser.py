"""The page a person sees: headless Chromium on the documents page and a search."""
from __future__ import annotations

import urllib.parse

import pytest

from pipeline.catalogue.serve import background
from tests.browser.screenshot import CHROMIUM, dump_dom, screenshot
from tests.catalogue.test_datasette import build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    path, ids = build(folder)
    with background(path, folder) as base:
        yield base + "/cat", folder, ids


@pytest.mark.parametrize("query, expected, absent", [
    (None, ["晋卫办医政〔2013〕84号", "国卫发明电〔2013〕16号"], []),
    ("义诊活动", ["晋卫办医政〔2013〕84号", "国卫发明电〔2013〕16号"], []),
    ("晋卫办医政〔2013〕84号", ["晋卫办医政〔2013〕84号"], ["国卫发明电〔2013〕16号"]),
], ids=["all-documents", "search-phrase", "search-doc-number"])
def test_documents_page_renders_rows_in_the_browser(site, query, expected, absent):
    base, folder, _ = site
    url = f"{base}/documents?_col=title&_col=doc_number"
    if query is not None:
        url += "&_search=" + urllib.parse.quote(query)
    dom = dump_dom(url, folder / "profile")
    assert "<table" in dom and all(e in dom for e in expected)
    assert not any(a in dom for a in absent)


def test_stored_script_stays_inert_text_in_the_browser(site):
    base, folder, ids = site
    dom = dump_dom(f"{base}/documents/{ids['made/notice.txt']}", folder / "profile")
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert "<title>PWNED" not in dom and 'data-pwned="1"' not in dom
    assert "<mark" in dom


def test_screenshot_step_writes_a_png(site):
    base, folder, _ = site
    out = screenshot(f"{base}/documents?_search=" + urllib.parse.quote("义诊"), folder / "shot.png",
                     folder / "profile")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
