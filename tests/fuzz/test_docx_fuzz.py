"""Fuzzing the .docx reader: zip-level and XML-level mutations of a valid file.

Byte flips and truncations of the archive, values written into the local and central
headers (sizes, method, name length, offsets), and edits of the XML inside a part before
it is zipped again (a flipped byte, a cut, an injected DOCTYPE or deep nesting). The
reader must never raise and must turn every failure into a coded problem.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.read import read_bytes
from pipeline.read.docx import read_docx
from pipeline.types import Source
from tests.fuzz.conftest import LONG, QUICK, assert_coded
from tests.hostile.make_hostile import DOCX_RELS, DOCX_TYPES, NOTICE, document_xml, para

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W_NS}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>脚注文字</w:t></w:r></w:p></w:footnote></w:footnotes>')
TABLE = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>名称</w:t></w:r></w:p>"
         "</w:tc></w:tr></w:tbl>")
PARTS = {"[Content_Types].xml": DOCX_TYPES, "_rels/.rels": DOCX_RELS,
         "word/document.xml": document_xml("".join(para(line) for line in NOTICE) + TABLE),
         "word/footnotes.xml": FOOTNOTES}
DOCX_CODES = frozenset({"E_DOCX_UNREADABLE", "E_ZIP_BOMB", "E_OOXML_DOCTYPE", "W_EMPTY_PAGE"})
XML_EDITS = ["flip", "cut", "doctype", "nest", "drop"]


def build(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


BASE = build({k: v.encode() for k, v in PARTS.items()})


@dataclass(frozen=True)
class Case:
    xml_edits: tuple[tuple, ...]  # applied to the parts before zipping
    zip_edits: tuple[tuple, ...]  # applied to the archive bytes
    stored: bool = False

    @property
    def data(self) -> bytes:
        parts = {k: v.encode() for k, v in PARTS.items()}
        for part, kind, pos, arg in self.xml_edits:
            parts = edit_part(parts, part, kind, pos, arg)
        data = bytearray(build(parts, zipfile.ZIP_STORED if self.stored else zipfile.ZIP_DEFLATED))
        for kind, pos, arg in self.zip_edits:
            pos %= max(len(data), 1)
            if kind == "flip" and data:
                data[pos] ^= arg or 1
            elif kind == "truncate":
                del data[pos:]
            elif kind == "set" and pos + 4 <= len(data):
                data[pos:pos + 4] = arg.to_bytes(4, "little")
        return bytes(data)


def edit_part(parts: dict[str, bytes], part: str, kind: str, pos: int, arg: int) -> dict[str, bytes]:
    parts = dict(parts)
    if part not in parts:  # dropped by an earlier edit
        return parts
    xml = parts[part]
    pos %= max(len(xml), 1)
    if kind == "flip" and xml:
        xml = xml[:pos] + bytes([xml[pos] ^ (arg or 1)]) + xml[pos + 1:]
    elif kind == "cut":
        xml = xml[:pos]
    elif kind == "doctype":
        xml = xml.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "E">]>', 1)
    elif kind == "nest":
        depth = 100 + arg % 400
        xml = xml.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth, 1).replace(
            b"</w:body>", b"</w:sdtContent></w:sdt>" * depth + b"</w:body>", 1)
    elif kind == "drop":
        del parts[part]
        return parts
    parts[part] = xml
    return parts


# positions of the fields in the first local header and where the central directory starts
HEADER_FIELDS = [6, 8, 14, 18, 22, 26]


@st.composite
def cases(draw) -> Case:
    xml_edits = draw(st.lists(st.tuples(st.sampled_from(sorted(PARTS)), st.sampled_from(XML_EDITS),
                                        st.integers(0, 5000), st.integers(0, 255)), max_size=2))
    zip_edit = st.one_of(
        st.tuples(st.just("flip"), st.integers(0, len(BASE)), st.integers(1, 255)),
        st.tuples(st.just("truncate"), st.integers(0, len(BASE))),
        st.tuples(st.just("set"), st.sampled_from(HEADER_FIELDS) | st.integers(len(BASE) - 200, len(BASE)),
                  st.sampled_from([0, 1, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 1 << 30]) | st.integers(0, 0xFFFFFFFF)),
    ).map(lambda t: t if len(t) == 3 else (*t, 0))
    return Case(tuple(xml_edits), tuple(draw(st.lists(zip_edit, max_size=3))), draw(st.booleans()))


def check(data: bytes) -> None:
    assert_coded(read_docx(data, Source.from_bytes("fuzz.docx", data)), DOCX_CODES)
    assert_coded(read_bytes(data, Source.from_bytes("fuzz.docx", data)))


def test_the_unmutated_base_reads_cleanly():
    doc = read_docx(BASE, Source.from_bytes("base.docx", BASE))
    assert "各市卫生局" in doc.raw_text and "脚注文字" in doc.raw_text and not doc.problems


@QUICK
@given(case=cases())
def test_mutated_docx_never_raises_and_every_failure_is_coded(case):
    check(case.data)


@pytest.mark.slow
@LONG
@given(case=cases())
def test_mutated_docx_long_run(case):
    check(case.data)
