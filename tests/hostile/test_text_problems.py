"""Invalid bytes in any encoding: the best decoding plus a warning, never a crash."""
from __future__ import annotations

import codecs

import pytest

from pipeline.read import read_bytes
from pipeline.read.encoding import decode
from pipeline.types import Source

SIMPLIFIED = "关于印发医疗服务能力提升方案的通知。各市卫生局：现将方案印发给你们，请结合实际认真贯彻执行。" * 2
TRADITIONAL = "關於印發醫療服務能力提升方案的通知。各市衛生局：現將方案印發給你們，請結合實際認真貫徹執行。" * 2
WARNINGS = {"W_INVALID_BYTES", "W_ENCODING_GUESSED"}


def damaged(text: str, codec: str, junk: bytes, bom: bytes = b"") -> tuple[bytes, str, str]:
    """The text encoded with junk between its two halves; the halves that must survive."""
    half = len(text) // 2
    head, tail = text[:half], text[half:]
    return bom + head.encode(codec) + junk + tail.encode(codec), head, tail


@pytest.mark.parametrize(("text", "codec", "declared", "junk", "bom"), [
    (SIMPLIFIED, "utf-8", None, b"\xff", b""),
    (SIMPLIFIED, "utf-8", "utf-8", b"\xc3\x28\xa0", b""),
    (SIMPLIFIED, "utf-8", "gbk", b"\xe4\xb8", b""),
    (SIMPLIFIED, "gb18030", "gb2312", b"\x80\xff", b""),
    (SIMPLIFIED, "gb18030", None, b"\xff", b""),
    (SIMPLIFIED, "gb18030", "utf-8", b"\x80", b""),
    (TRADITIONAL, "big5hkscs", "big5", b"\xff", b""),
    (TRADITIONAL, "big5hkscs", None, b"\xff\xff", b""),
    (SIMPLIFIED, "utf-16-le", None, b"\x00\xd8", codecs.BOM_UTF16_LE),
    (SIMPLIFIED, "utf-16-be", None, b"\xdc\x00", codecs.BOM_UTF16_BE),
], ids=["utf8-undeclared", "utf8-declared", "utf8-declared-gbk", "gbk-declared-gb2312", "gbk-undeclared",
        "gbk-declared-utf8", "big5-declared", "big5-undeclared", "utf16le-lone-surrogate", "utf16be-lone-surrogate"])
def test_invalid_bytes_keep_the_text_around_them_and_warn(text, codec, declared, junk, bom):
    data, head, tail = damaged(text, codec, junk, bom)
    out = decode(data, declared)
    assert {p.code for p in out.problems} & WARNINGS, out.problems
    assert head[:-2] in out.text and tail[2:] in out.text  # a junk byte may take a neighbour with it


@pytest.mark.parametrize("charset", ["gb2312", "utf-8", "big5", "iso-8859-1", "idna", "base64", "x-user-defined", ""])
def test_a_page_with_invalid_bytes_and_any_declared_charset_reads(charset):
    page = f"<html><head><meta charset='{charset}'></head><body><p>{SIMPLIFIED}</p></body></html>"
    data, head, tail = damaged(page, "gb18030", b"\xff\x80")
    doc = read_bytes(data, Source.from_bytes("p.html", data))
    assert not [p for p in doc.problems if p.is_error]
    assert SIMPLIFIED[:20] in doc.raw_text and SIMPLIFIED[-20:] in doc.raw_text
