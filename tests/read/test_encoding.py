"""Bytes to text: BOMs, UTF-8, GB18030 beyond GBK, declared and mis-declared charsets, detection."""
from __future__ import annotations

import codecs

import pytest

from pipeline.read import read_bytes
from pipeline.read.encoding import canonical, declared_charset, decode
from pipeline.types import Source

TEXT = "关于印发医疗服务能力提升方案的通知：各市卫生局，为进一步做好工作，现印发给你们。"
BEYOND_GBK = "㐀𠀀䶮"  # CJK extension A and B: only GB18030 (4-byte sequences) encodes them


def page(charset: str, body: str) -> str:
    return f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>' \
           f"<body><p>{body}</p></body></html>"


@pytest.mark.parametrize(("data", "codec", "warning"), [
    (TEXT.encode("utf-8"), "utf-8", None),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", None),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16", None),
    ((TEXT + BEYOND_GBK).encode("gb18030"), "gb18030", None),
    (TEXT.encode("gbk"), "gb18030", None),
], ids=["utf8", "utf8-bom", "utf16-bom", "gb18030-beyond-gbk", "gbk-undeclared"])
def test_fast_path_decodes_without_detection(data, codec, warning):
    out = decode(data)
    assert out.codec == codec
    assert out.text.startswith(TEXT)
    assert [p.code for p in out.problems] == ([warning] if warning else [])


def test_gb18030_keeps_characters_outside_gbk():
    out = decode((TEXT + BEYOND_GBK).encode("gb18030"), declared="gb2312")
    assert out.text.endswith(BEYOND_GBK) and out.codec == "gb18030" and not out.problems


@pytest.mark.parametrize(("declared", "expected"), [
    ("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("big5", "big5hkscs"),
    ("UTF-8", "utf-8"), ("iso-8859-1", "cp1252"), ("no-such-charset", None), ("", None),
], ids=["gb2312", "gbk-upper", "x-gbk", "big5", "utf8", "latin1", "unknown", "empty"])
def test_declared_charsets_are_widened(declared, expected):
    assert canonical(declared) == expected


def test_declared_charset_from_meta_and_xml_prolog():
    assert declared_charset(page("gb2312", "x").encode()) == "gb18030"
    assert declared_charset(b'<?xml version="1.0" encoding="GBK"?><html/>') == "gb18030"
    assert declared_charset(b"<html><body>no charset</body></html>") is None


def test_utf8_page_declared_gbk_is_read_as_utf8():
    doc = read_bytes(page("gbk", TEXT).encode("utf-8"), Source.from_bytes("p.html", b"x"))
    assert TEXT in doc.raw_text and doc.source.encoding == "utf-8"
    assert [p.code for p in doc.problems] == ["W_CHARSET_MISDECLARED"]


def test_gbk_page_declared_utf8_is_read_as_gb18030():
    doc = read_bytes(page("utf-8", TEXT + BEYOND_GBK).encode("gb18030"), Source.from_bytes("p.html", b"x"))
    assert TEXT + BEYOND_GBK in doc.raw_text and doc.source.encoding == "gb18030"
    assert [p.code for p in doc.problems] == ["W_CHARSET_MISDECLARED"]


def test_truncated_utf8_tail_is_a_warning_not_mojibake():
    data = TEXT.encode("utf-8")[:-1]
    out = decode(data)
    assert out.codec == "utf-8" and out.text.startswith(TEXT[:-1])
    assert [p.code for p in out.problems] == ["W_INVALID_BYTES"]


def test_undeclared_big5_is_detected_not_read_as_gbk():
    trad = "醫療服務能力提升方案為鞏固黨的群眾路線教育實踐活動成果，充分展現全市衛生系統精神風貌。" * 4
    out = decode(trad.encode("big5"))
    assert out.text == trad
    assert [p.code for p in out.problems] == ["W_ENCODING_GUESSED"]


def test_binary_noise_never_raises():
    out = decode(bytes(range(256)) * 20)
    assert out.text and out.problems


def test_gb18030_html_from_dev_corpus(shared):
    f = shared / "corpus" / "dev" / "html" / "trafilatura_he_xinhuanet_GBK_news.html"
    doc = read_bytes(f.read_bytes(), Source.from_bytes(f.name, b""))
    assert doc.source.encoding == "gb18030" and "约定无期限" in doc.raw_text and not doc.problems


def test_http_charset_outranks_the_meta_charset():
    data = page("utf-8", TEXT).encode("gb18030")
    doc = read_bytes(data, Source.from_bytes("p.html", data), charset="gbk")
    assert TEXT in doc.raw_text and doc.source.encoding == "gb18030" and not doc.problems
