"""Fuzzing sniffing, decoding and dispatch on random bytes, and the HTML reader on markup soup.

Sniffing always names one of its formats; decoding never raises, and whenever it had to
replace bytes it says so with a warning; valid UTF-8 always comes back unchanged whatever
charset is declared; read_bytes turns anything into a Document with coded problems.
"""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.read import read_bytes
from pipeline.read.encoding import declared_charset, decode
from pipeline.read.html import read_html
from pipeline.sniff import FORMATS, sniff
from pipeline.types import Source
from tests.fuzz.conftest import CODE, LONG, QUICK, assert_coded

MAGIC = [b"", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"PK\x05\x06", b"{\\rtf1",
         codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"\x84\x31\x95\x33",
         b"<html>", b"<?xml version='1.0' encoding='gbk'?>", b"<meta charset=big5>"]
NAMES = ["a.html", "a.htm", "a.txt", "a.md", "a.doc", "a.docx", "a.pdf", "a", "a.DOCX"]
LABELS = [None, "utf-8", "gb2312", "gbk", "GB18030", "big5", "iso-8859-1", "windows-1252", "shift_jis", "euc-kr",
          "utf-16", "utf-16le", "utf-32", "koi8-r", "x-gbk", "hz-gb-2312", "no-such-charset", "", "utf-7", "rot13",
          "base64", "zlib", "idna", "punycode", "cp037", "mbcs", "latin-1", "ascii"]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
SOUP = ["<html>", "</html>", "<body>", "</body>", "<head>", "<div>", "</div>", "<p>", "</p>", "<table>", "<tr>",
        "<td>", "</td>", "<span style='display:none'>", "</span>", "<script>", "</script>", "<style>", "<!--",
        "-->", "<br>", "<meta charset='gbk'>", "<meta name='ArticleTitle' content='标题'>", "<title>", "</title>",
        "<a href='x.doc'>", "</a>", "&lt;", "&#0;", "&#xD800;", "&nbsp;", "<![CDATA[", "]]>", "<?xml?>", "<o:p>",
        "\x00", "\r", "\n", "\u3000", "发布日期：2013-09-28", "关于印发方案的通知", "各市卫生局：", "<", ">", "</"]
blobs = st.tuples(st.sampled_from(MAGIC), st.binary(max_size=600)).map(lambda t: t[0] + t[1])
soup = st.lists(st.one_of(st.sampled_from(SOUP), st.text(max_size=4)), max_size=80).map("".join)


def check_decode(data: bytes, label: str | None) -> None:
    out = decode(data, label)
    assert isinstance(out.text, str) and out.codec
    assert all(CODE.match(p.code) for p in out.problems)
    try:
        data.decode(out.codec)
    except UnicodeDecodeError:  # bytes were replaced: a warning must say so
        assert {p.code for p in out.problems} & {"W_INVALID_BYTES", "W_ENCODING_GUESSED"}, out


@QUICK
@given(data=blobs, name=st.sampled_from(NAMES))
def test_sniff_always_names_a_format(data, name):
    assert sniff(data, name) in FORMATS


@QUICK
@given(data=blobs, label=st.sampled_from(LABELS))
def test_decode_never_raises_and_reports_replaced_bytes(data, label):
    check_decode(data, label)


@QUICK
@given(text=st.text(max_size=200).filter(lambda t: not t.startswith("\ufeff")), label=st.sampled_from(LABELS))
def test_valid_utf8_comes_back_unchanged_whatever_is_declared(text, label):
    out = decode(text.encode("utf-8", errors="surrogatepass"), label)
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert out.text == text and out.codec == "utf-8"


@QUICK
@given(text=st.text(CJK, min_size=8, max_size=60), junk=st.sampled_from([b"\x80", b"\xff", b"\x80\xff", b"\xff" * 3]),
       at=st.integers(0, 200))
def test_stray_bytes_in_a_declared_gbk_page_keep_the_rest_of_its_text(text, junk, at):
    """0x80 and 0xFF never start a GB18030 character, so the decoder resynchronises right after them."""
    at = at % (len(text) + 1)
    out = decode(text[:at].encode("gb18030") + junk + text[at:].encode("gb18030"), "gbk")
    assert out.codec == "gb18030" and [p.code for p in out.problems] == ["W_INVALID_BYTES"]
    assert out.text == text[:at] + "\ufffd" * len(junk) + text[at:]


@QUICK
@given(data=blobs)
def test_declared_charset_never_raises(data):
    assert declared_charset(data) is None or isinstance(declared_charset(data), str)


@QUICK
@given(data=blobs, name=st.sampled_from(NAMES))
def test_read_bytes_turns_any_bytes_into_a_coded_document(data, name):
    assert_coded(read_bytes(data, Source.from_bytes(name, data)))


@QUICK
@given(html=soup, charset=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_html_reader_never_raises_on_markup_soup(html, charset):
    data = html.encode(charset, errors="surrogatepass")
    doc = read_html(data, Source.from_bytes("soup.html", data))
    assert_coded(doc)


@pytest.mark.slow
@LONG
@given(data=blobs, name=st.sampled_from(NAMES), label=st.sampled_from(LABELS))
def test_bytes_long_run(data, name, label):
    assert sniff(data, name) in FORMATS
    check_decode(data, label)
    assert_coded(read_bytes(data, Source.from_bytes(name, data)))
