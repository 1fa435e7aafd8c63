"""Word 97-2003 binary structures: the FIB, the piece table, paragraph table marks.

Everything here reads from bytes with explicit bounds checks and raises `DocFormatError`
on anything out of range, so a byte-flipped file can never surface as an IndexError or
struct.error (the reader turns DocFormatError into E_DOC_UNREADABLE). References are to
[MS-DOC]: FibBase 2.5.2, FibRgLw97 2.5.5, FibRgFcLcb97 2.5.6, Clx 2.9.38, Pcd 2.9.177,
PlcBtePapx 2.8.6, PapxFkp 2.9.175.
"""
from __future__ import annotations

import struct
from bisect import bisect_right
from dataclasses import dataclass

WORD_IDENT = 0xA5EC
NFIB_WORD97 = 0x00C1
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
F_OBFUSCATED = 0x8000
CCP_NAMES = ("ccpText", "ccpFtn", "ccpHdd", "ccpMcr", "ccpAtn", "ccpEdn", "ccpTxbx", "ccpHdrTxbx")
FC_CLX = 33  # index of fcClx/lcbClx in FibRgFcLcb97
FC_PAPX = 13  # index of fcPlcfBtePapx
MAX_CHARS = 50_000_000
SPRM_TTP = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: the paragraph is a table row end
PAGE = 512


class DocFormatError(ValueError):
    """The bytes are not a well-formed Word 97-2003 document."""


def u16(buf: bytes, at: int) -> int:
    if at < 0 or at + 2 > len(buf):
        raise DocFormatError(f"offset {at} outside a {len(buf)}-byte stream")
    return struct.unpack_from("<H", buf, at)[0]


def u32(buf: bytes, at: int) -> int:
    if at < 0 or at + 4 > len(buf):
        raise DocFormatError(f"offset {at} outside a {len(buf)}-byte stream")
    return struct.unpack_from("<I", buf, at)[0]


@dataclass(frozen=True, slots=True)
class Fib:
    nfib: int
    flags: int
    ccp: dict[str, int]
    fclcb: list[tuple[int, int]]

    @property
    def encrypted(self) -> bool:
        return bool(self.flags & (F_ENCRYPTED | F_OBFUSCATED))

    @property
    def table_stream(self) -> str:
        return "1Table" if self.flags & F_WHICH_TABLE else "0Table"


def read_fib(wd: bytes) -> Fib:
    if u16(wd, 0) != WORD_IDENT:
        raise DocFormatError("no Word signature (wIdent) at the start of the WordDocument stream")
    nfib, flags = u16(wd, 2), u16(wd, 0x0A)
    pos = 32
    csw = u16(wd, pos)
    pos += 2 + 2 * csw
    cslw = u16(wd, pos)
    lw = [u32(wd, pos + 2 + 4 * i) for i in range(min(cslw, 22))]
    pos += 2 + 4 * cslw
    if len(lw) < 11:
        raise DocFormatError(f"FibRgLw has {cslw} entries, fewer than Word 97's 22")
    ccp = dict(zip(CCP_NAMES, (lw[3], lw[4], lw[5], lw[6], lw[7], lw[8], lw[9], lw[10])))
    count = u16(wd, pos)
    pos += 2
    fclcb = [(u32(wd, pos + 8 * i), u32(wd, pos + 8 * i + 4)) for i in range(min(count, 200))]
    return Fib(nfib, flags, ccp, fclcb)


@dataclass(frozen=True, slots=True)
class Piece:
    cp_start: int
    cp_end: int
    fc: int  # byte offset in the WordDocument stream
    compressed: bool  # one byte a character (cp1252) instead of UTF-16LE

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp_start) * (1 if self.compressed else 2)


def read_pieces(table: bytes, fib: Fib, wd_len: int) -> list[Piece]:
    """The piece table (Clx -> Pcdt -> PlcPcd), every piece checked against the stream."""
    if len(fib.fclcb) <= FC_CLX:
        raise DocFormatError("FIB too short to hold fcClx")
    fc, lcb = fib.fclcb[FC_CLX]
    if lcb == 0 or fc + lcb > len(table):
        raise DocFormatError(f"CLX at {fc}+{lcb} outside the {len(table)}-byte table stream")
    pos, end = fc, fc + lcb
    while pos < end and table[pos] == 0x01:  # Prc: property modifiers, skipped
        cb = struct.unpack_from("<h", table, pos + 1)[0] if pos + 3 <= end else -1
        if cb < 0:
            raise DocFormatError("bad property modifier (Prc) in the CLX")
        pos += 3 + cb
    if pos >= end or table[pos] != 0x02:
        raise DocFormatError("CLX has no piece table (Pcdt)")
    size = u32(table, pos + 1)
    start = pos + 5
    if size < 16 or start + size > len(table) or (size - 4) % 12:
        raise DocFormatError(f"piece table of {size} bytes does not fit")
    n = (size - 4) // 12
    cps = [u32(table, start + 4 * i) for i in range(n + 1)]
    if any(b <= a for a, b in zip(cps, cps[1:])):
        raise DocFormatError("piece boundaries are not increasing")
    if cps[-1] > MAX_CHARS:
        raise DocFormatError(f"the piece table claims {cps[-1]} characters, over the {MAX_CHARS} limit")
    pieces = []
    for i in range(n):
        raw_fc = u32(table, start + 4 * (n + 1) + 8 * i + 2)
        compressed = bool(raw_fc & 0x40000000)
        fc = (raw_fc & 0x3FFFFFFF) // 2 if compressed else raw_fc & 0x3FFFFFFF
        piece = Piece(cps[i], cps[i + 1], fc, compressed)
        if piece.fc_of(piece.cp_end) > wd_len:
            raise DocFormatError(f"piece {i} points past the end of the WordDocument stream")
        pieces.append(piece)
    return pieces


def row_ends(wd: bytes, table: bytes, fib: Fib) -> tuple[list[int], list[bool]]:
    """Paragraph end FCs (sorted) and whether each paragraph is a table row end (fTtp)."""
    if len(fib.fclcb) <= FC_PAPX:
        return [], []
    fc, lcb = fib.fclcb[FC_PAPX]
    if lcb < 8 or fc + lcb > len(table) or (lcb - 4) % 8:
        return [], []
    n = (lcb - 4) // 8
    runs: list[tuple[int, bool]] = []
    for i in range(n):
        pn = u32(table, fc + 4 * (n + 1) + 4 * i) & 0x3FFFFF
        runs.extend(_fkp(wd, pn * PAGE))
    runs.sort()
    return [end for end, _ in runs], [ttp for _, ttp in runs]


def _fkp(wd: bytes, base: int) -> list[tuple[int, bool]]:
    if base + PAGE > len(wd):
        raise DocFormatError(f"paragraph page at {base} outside the stream")
    crun = wd[base + PAGE - 1]
    if 4 * (crun + 1) + 13 * crun > PAGE - 1:
        raise DocFormatError(f"paragraph page at {base} claims {crun} runs")
    out = []
    for i in range(crun):
        end_fc = u32(wd, base + 4 * (i + 1))
        b_offset = wd[base + 4 * (crun + 1) + 13 * i] * 2
        ttp = False
        if b_offset:
            cb = wd[base + b_offset]
            at, size = (base + b_offset + 1, 2 * cb - 1) if cb else (base + b_offset + 2, 2 * wd[base + b_offset + 1])
            ttp = _has_ttp(wd, at + 2, at + size, base + PAGE)
        out.append((end_fc, ttp))
    return out


def _has_ttp(wd: bytes, pos: int, end: int, limit: int) -> bool:
    """Whether a paragraph's sprms set fTtp (skipping the istd already)."""
    end = min(end, limit)
    while pos + 2 <= end:
        op = u16(wd, pos)
        pos += 2
        spra = op >> 13
        size = (1, 1, 2, 4, 2, 2, 0, 3)[spra]
        if spra == 6:
            if pos >= end:
                break
            size = wd[pos] + 1
        if op in SPRM_TTP and pos < end and wd[pos]:
            return True
        pos += size
    return False


def is_row_end(fc: int, ends: list[int], ttp: list[bool]) -> bool:
    """Whether the paragraph holding the character at `fc` is a table row end."""
    i = bisect_right(ends, fc)
    return i < len(ttp) and ttp[i]
