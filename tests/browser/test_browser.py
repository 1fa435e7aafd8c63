"""The pages a person sees, in headless Chromium: documents table, document page, searches, diffusion."""
from __future__ import annotations

import re
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


@pytest.fixture(scope="module")
def document_dom(site):
    base, folder, ids = site
    return dump_dom(f"{base}/documents/{ids['made/notice.txt']}", folder / "profile")


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


def test_default_documents_page_shows_research_columns_and_topic_facet(site):
    base, folder, _ = site
    dom = dump_dom(f"{base}/documents", folder / "profile")
    heads = re.findall(r'<th [^>]*data-column="([^"]+)"', dom)
    assert heads == ["title", "doc_number", "issuer", "signed_date", "province", "doc_type", "topic"]
    assert re.search(r'data-column="topic"|<strong>topic</strong>|topic</a>', dom) and "医疗服务" in dom


def test_date_range_form_filters_and_keeps_its_values(site):
    base, folder, _ = site
    dom = dump_dom(f"{base}/documents?signed_date__gte=2013-09-01&signed_date__lte=2013-09-30", folder / "profile")
    form = dom[dom.index('class="date-range"'):]
    form = form[:form.index("</form>")]
    assert 'name="signed_date__gte" value="2013-09-01"' in form and 'name="signed_date__lte" value="2013-09-30"' in form
    assert "晋卫办医政〔2013〕84号" in dom and "国卫发明电〔2013〕16号</td>" not in dom


def test_document_page_opens_with_the_card_then_legend_then_text(document_dom):
    dom = document_dom
    assert dom.index('id="record-card"') < dom.index('id="legend"') < dom.index('id="document-text"')
    assert "晋卫办医政〔2013〕84号" in dom[dom.index('id="record-card"'):dom.index('id="legend"')]


def test_every_card_value_jumps_to_a_highlight_that_jumps_back(document_dom):
    dom = document_dom
    card = dom[dom.index('id="record-card"'):dom.index('id="legend"')]
    targets = re.findall(r'id="v-(\d+-\d+)" href="#m-(\d+-\d+)"', card)
    assert len(targets) >= 8
    for own, target in targets:
        assert own == target and f'<mark id="m-{target}"' in dom
        assert f'data-back="v-{target}"' in dom


def test_legend_lists_each_colour_family_used(document_dom):
    legend = document_dom[document_dom.index('id="legend"'):document_dom.index('id="document-text"')]
    families = re.findall(r'<span class="fam-(\w+)">', legend)
    assert set(families) == {"identity", "orgs", "dates", "quotas", "references", "contacts"}


def test_stored_script_stays_inert_text_in_the_browser(document_dom):
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in document_dom
    assert "<title>PWNED" not in document_dom and 'data-pwned="1"' not in document_dom


def test_ranked_search_shows_snippets_with_marks(site):
    base, folder, ids = site
    dom = dump_dom(f"{base}/search?q=" + urllib.parse.quote("义诊"), folder / "profile")
    assert dom.count("<mark>义诊</mark>") >= 2
    assert f'href="/cat/documents/{ids["made/notice.txt"]}"' in dom


def test_diffusion_page_draws_the_timeline_and_table(site):
    base, folder, _ = site
    dom = dump_dom(base.rsplit("/", 1)[0] + "/-/diffusion/cat?number=" + urllib.parse.quote("国卫发明电〔2013〕16号"),
                   folder / "profile")
    assert "<svg" in dom and "<circle" in dom and "<td>山西省</td>" in dom


def test_screenshot_step_writes_a_png(site):
    base, folder, _ = site
    out = screenshot(f"{base}/documents", folder / "shot.png", folder / "profile")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
