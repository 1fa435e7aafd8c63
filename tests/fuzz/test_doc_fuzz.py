"""Fuzzing the Word 97 reader: mutations of valid files built by tests/read/word97.py.

Byte flips, truncations, splices, and values written into the fields that steer the
reader (FIB counts and offsets, the piece table, paragraph pages, the compound-file
header and directory). The reader must never raise, always return a Document, and turn
every failure into a coded problem; read_bytes (sniffing first) likewise.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.read import read_bytes
from pipeline.read.doc import read_doc
from pipeline.types import Source
from tests.fuzz.conftest import LONG, QUICK, assert_coded
from tests.read.word97 import FKP_PN, SECTOR, word97

BLOCKS = ["关于印发医疗服务能力提升方案的通知", "各市卫生局：", [["序号", "名称"], ["1", "省人民医院"]],
          "请于2013年10月8日前报送。", "山西省卫生厅办公室"]
BASES = [word97(BLOCKS), word97(["Notice No. 84 of the provincial health bureau, 2013", "关于印发方案的通知", "各市卫生局："], split_piece=True),
         word97(["Notice of the plan", "To all bureaus:", [["No", "Name"], ["1", "Hospital"]]], compressed=True),
         word97(BLOCKS, footnotes="脚注：本方案自印发之日起施行。")]
DOC_CODES = frozenset({"E_DOC_UNREADABLE", "E_DOC_ENCRYPTED", "E_DOC_WORD6", "E_FORMAT_UNSUPPORTED",
                       "E_PARSE_RECURSION", "W_EMPTY_PAGE"})
# where the FIB keeps what the reader follows: base flags, csw/cslw/cbRgFcLcb, ccpText..., fcClx, fcPlcfBtePapx
FIB_FIELDS = [2, 0x0A, 32, 62, 62 + 2 + 3 * 4, 62 + 2 + 4 * 4, 62 + 2 + 9 * 4, 152, 154 + 13 * 8, 154 + 13 * 8 + 4,
              154 + 33 * 8, 154 + 33 * 8 + 4]
HEADER_FIELDS = [0x18, 0x1A, 0x1C, 0x1E, 0x20, 0x2C, 0x30, 0x38, 0x3C, 0x40, 0x44, 0x48, 0x4C, 0x50]
VALUES = st.one_of(st.sampled_from([0, 1, 2, 0x7F, 0xFF, 0x100, 0x1000, 0x7FFF, 0xFFFF, 0x10000, 0x3FFFFFFF,
                                    0x40000000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF]),
                   st.integers(0, 0xFFFFFFFF))


def layout(data: bytes) -> dict[str, int]:
    """Where the mutable structures of a word97() file start."""
    wd = data.index(b"\xec\xa5")
    directory = (struct.unpack_from("<I", data, 0x30)[0] + 1) * SECTOR
    return {"wd": wd, "table": SECTOR, "fkp": wd + FKP_PN * SECTOR, "directory": directory}


@dataclass(frozen=True)
class Mutated:
    """A base file and the edits applied to it: a short repr when hypothesis reports a failure."""

    base: int
    edits: tuple[tuple, ...]

    @property
    def data(self) -> bytes:
        data = bytearray(BASES[self.base])
        for edit in self.edits:
            apply(data, edit)
        return bytes(data)


def apply(data: bytearray, edit: tuple) -> None:
    kind = edit[0]
    if kind == "flip":
        _, pos, mask = edit
        if pos < len(data):
            data[pos] ^= mask
    elif kind == "truncate":
        del data[edit[1]:]
    elif kind == "splice":  # a run of bytes repeated or dropped, as a bad download or copy does
        _, a, b, times = edit
        data[a:b] = data[a:b] * times
    else:  # ("set", position, width, value)
        _, pos, width, value = edit
        if pos + width <= len(data):
            data[pos:pos + width] = value.to_bytes(width, "little")


@st.composite
def edits(draw, size: int, at: dict[str, int]) -> tuple:
    kind = draw(st.sampled_from(["flip", "fib", "table", "fkp", "header", "directory", "truncate", "splice"]))
    if kind == "flip":
        return ("flip", draw(st.integers(0, size - 1)), draw(st.integers(1, 255)))
    if kind == "truncate":
        return ("truncate", draw(st.integers(0, size - 1)))
    if kind == "splice":
        a = draw(st.integers(0, size - 1))
        return ("splice", a, draw(st.integers(a, min(size, a + 2048))), draw(st.integers(0, 3)))
    if kind == "fib":
        offset = draw(st.sampled_from(FIB_FIELDS) | st.integers(0, 900))
    elif kind == "header":
        offset = draw(st.sampled_from(HEADER_FIELDS))
    elif kind == "directory":
        offset = draw(st.integers(0, 3)) * 128 + draw(st.sampled_from([0x40, 0x42, 0x43, 0x44, 0x48, 0x4C, 0x74, 0x78]))
    else:
        offset = draw(st.integers(0, 120 if kind == "table" else SECTOR - 1))
    base = {"fib": at["wd"], "table": at["table"], "fkp": at["fkp"], "header": 0, "directory": at["directory"]}
    width = draw(st.sampled_from([1, 2, 4]))
    return ("set", base[kind] + offset, width, draw(VALUES) & ((1 << (8 * width)) - 1))


@st.composite
def mutated_docs(draw) -> Mutated:
    base = draw(st.integers(0, len(BASES) - 1))
    at, size = layout(BASES[base]), len(BASES[base])  # offsets in the unmutated file
    return Mutated(base, tuple(draw(st.lists(edits(size, at), min_size=1, max_size=4))))


def check(data: bytes) -> None:
    assert_coded(read_doc(data, Source.from_bytes("fuzz.doc", data)), DOC_CODES)
    assert_coded(read_bytes(data, Source.from_bytes("fuzz.doc", data)))


def test_the_unmutated_bases_read_cleanly():
    for data in BASES:
        doc = read_doc(data, Source.from_bytes("base.doc", data))
        assert doc.raw_text and not doc.problems


@QUICK
@given(case=mutated_docs())
def test_mutated_doc_never_raises_and_every_failure_is_coded(case):
    check(case.data)


@QUICK
@given(data=st.binary(max_size=2048).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b))
def test_random_bytes_behind_the_ole_magic(data):
    check(data)


@pytest.mark.slow
@LONG
@given(case=mutated_docs())
def test_mutated_doc_long_run(case):
    check(case.data)
