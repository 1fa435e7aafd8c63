"""HTML: BeautifulSoup's lenient parser only for pages lxml refuses or reads as empty."""
from __future__ import annotations

import pytest
from lxml import etree

import pipeline.read.html as html_reader
from pipeline.read.html import parse, read_html
from pipeline.read.html_render import render
from pipeline.types import Source

CDATA_ONLY = "<!-- 导出 --><![CDATA[关于做好2024年医疗服务工作的通知]]>"
UNCLOSED_TITLE = ("<html><head><title>通知</head><body><p>各区卫生健康委：</p>"
                  "<p>现将有关事项通知如下。</p></body></html>")
ODD_MARKUP = ("<html><head><title>通知</head><body><o:p 1a='x'>各区卫生健康委：</o:p>"
              "<div style='display:none'>隐藏的垃圾链接</div><p class='a b'>正文\x00第二段</p></body></html>")


def read(page: str):
    data = page.encode("utf-8")
    return read_html(data, Source.from_bytes("p.html", data))


def codes(doc) -> list[str]:
    return [p.code for p in doc.problems]


def lxml_body_text(page: str) -> str:
    root = parse(page)
    body = root.find("body")
    return render(body if body is not None else root).text


def test_lxml_refuses_a_cdata_document():
    with pytest.raises(etree.ParserError):
        parse(CDATA_ONLY)


def test_lxml_reads_an_unclosed_title_as_an_empty_body():
    assert lxml_body_text(UNCLOSED_TITLE).strip() == ""


@pytest.mark.parametrize(("page", "text"), [
    (CDATA_ONLY, "关于做好2024年医疗服务工作的通知\n"),
    (UNCLOSED_TITLE, "各区卫生健康委：\n现将有关事项通知如下。\n"),
    (ODD_MARKUP, "各区卫生健康委：\n正文\ufffd第二段\n"),
], ids=["lxml-refuses-cdata", "unclosed-title-swallows-body", "odd-tags-attributes-hidden-and-nul"])
def test_lenient_parse_keeps_the_visible_text_with_a_warning(page, text):
    doc = read(page)
    assert doc.raw_text == text and codes(doc) == ["W_HTML_LENIENT_PARSE"]
    assert doc.zones["body"][0].end <= len(doc.raw_text)


def _no_soup(*args, **kwargs):
    raise AssertionError("BeautifulSoup must not run on a page lxml reads")


def test_a_page_lxml_reads_is_untouched(monkeypatch):
    monkeypatch.setattr(html_reader, "lenient_document", _no_soup)
    doc = read("<html><head><title>通知</title></head><body><p>各区卫生健康委：</p><p>正文。</p></body></html>")
    assert doc.raw_text == "各区卫生健康委：\n正文。\n" and not doc.problems


@pytest.mark.parametrize(("page", "code"), [
    ("<!-- only a comment -->", "E_HTML_UNPARSABLE"),
    ("<?php echo $body; ?>", "E_HTML_UNPARSABLE"),
    ("<html><body><script>render()</script></body></html>", "W_EMPTY_PAGE"),
], ids=["comment-only", "processing-instruction-only", "script-only"])
def test_pages_without_text_keep_their_problem(page, code):
    doc = read(page)
    assert codes(doc) == [code] and doc.raw_text == ""
