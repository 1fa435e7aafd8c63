"""Build minimal but valid Word 97 `.doc` files for tests (no Word, no fixtures copied in).

A compound file (CFB v3, 512-byte sectors, every stream padded past the 4 KB mini-stream
cutoff so no mini FAT is needed) holding a WordDocument stream (FIB + text + one
paragraph page marking table row ends) and a 1Table stream (the piece table).
Blocks are paragraphs (str) or tables (list of rows of cell strings).
"""
from __future__ import annotations

import struct

SECTOR = 512
ENDOFCHAIN, FATSECT, FREESECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF, 0xFFFFFFFF
TEXT_FC = 0x800  # where the text starts in the WordDocument stream
FKP_PN = 16  # the paragraph page (PapxFkp) sits at 16 * 512
ROW_END = "\uE0FF"  # placeholder for a row-end cell mark while the text is built


def render(blocks: list) -> str:
    """Word's character stream: paragraphs end with \\r, cells with \\x07, rows with a row-end mark."""
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(block + "\r")
        else:
            for row in block:
                out.append("".join(cell + "\x07" for cell in row) + ROW_END)
    return "".join(out)


def word97(blocks: list, footnotes: str = "", compressed: bool = False, encrypted: bool = False,
           nfib: int = 0x00C1, split_piece: bool = False) -> bytes:
    """A .doc whose main text is `blocks`; footnote text after it; flags as asked."""
    main = render(blocks)
    text = main + (footnotes + "\r" if footnotes else "")
    row_end_cps = [i for i, ch in enumerate(text) if ch == ROW_END]
    text = text.replace(ROW_END, "\x07")
    pieces = [(0, len(text), compressed)]
    if split_piece and len(text) > 2:  # two pieces: the first compressed, the second UTF-16
        half = len(text) // 2
        pieces = [(0, half, True), (half, len(text), False)]
    body, fcs = b"", []
    for start, end, comp in pieces:
        fcs.append((TEXT_FC + len(body), comp))
        chunk = text[start:end]
        body += chunk.encode("cp1252") if comp else chunk.encode("utf-16-le")
        if len(body) % 2:
            body += b"\0"

    def fc_of(cp: int) -> int:
        for (start, end, comp), (fc, _) in zip(pieces, fcs):
            if start <= cp < end or (cp == end and end == len(text)):
                return fc + (cp - start) * (1 if comp else 2)
        raise ValueError(cp)

    table = _clx(pieces, fcs)
    papx_at = len(table)
    table += struct.pack("<III", TEXT_FC, fc_of(len(text)), FKP_PN)
    fkp = _fkp([(fc_of(cp + 1), cp in row_end_cps) for cp, ch in enumerate(text) if ch in "\r\x07"])
    ccp = {"text": len(main), "ftn": len(footnotes) + 1 if footnotes else 0}
    fib = _fib(nfib, encrypted, ccp, clx=(0, papx_at), papx=(papx_at, 12))
    stream = bytearray(FKP_PN * SECTOR + SECTOR)
    stream[: len(fib)] = fib
    stream[TEXT_FC: TEXT_FC + len(body)] = body
    stream[FKP_PN * SECTOR:] = fkp
    return cfb({"WordDocument": bytes(stream), "1Table": table})


def _clx(pieces, fcs) -> bytes:
    cps = [p[0] for p in pieces] + [pieces[-1][1]]
    pcds = b"".join(struct.pack("<HIH", 0, (fc * 2) | 0x40000000 if comp else fc, 0) for fc, comp in fcs)
    plc = struct.pack(f"<{len(cps)}I", *cps) + pcds
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def _fkp(paragraphs: list[tuple[int, bool]]) -> bytes:
    """One PapxFkp page: paragraph end FCs; row ends carry sprmPFTtp."""
    crun = len(paragraphs)
    if 4 * (crun + 1) + 13 * crun > 470:
        raise ValueError("too many paragraphs for one test page")
    page = bytearray(SECTOR)
    ends = [TEXT_FC] + [fc for fc, _ in paragraphs]
    struct.pack_into(f"<{crun + 1}I", page, 0, *ends)
    ttp_at = 480  # cb=3: istd (2 bytes) + sprmPFTtp (0x2417) + operand 1
    page[ttp_at: ttp_at + 6] = bytes([3, 0, 0, 0x17, 0x24, 1])
    for i, (_, ttp) in enumerate(paragraphs):
        page[4 * (crun + 1) + 13 * i] = ttp_at // 2 if ttp else 0
    page[SECTOR - 1] = crun
    return bytes(page)


def _fib(nfib: int, encrypted: bool, ccp: dict, clx: tuple[int, int], papx: tuple[int, int]) -> bytes:
    flags = 0x0200 | (0x0100 if encrypted else 0)
    base = struct.pack("<HHHHHHHIBBHH", 0xA5EC, nfib, 0, 0x0804, 0, flags, 0x00BF, 0, 0, 0, 0, 0)
    base = base.ljust(32, b"\0")
    rgw = struct.pack("<H", 14) + b"\0" * 28
    lw = [0] * 22
    lw[3], lw[4] = ccp["text"], ccp["ftn"]
    rglw = struct.pack("<H", 22) + struct.pack("<22I", *lw)
    fclcb = [(0, 0)] * 93
    fclcb[33], fclcb[13] = clx, papx
    blob = struct.pack("<H", 93) + b"".join(struct.pack("<II", *p) for p in fclcb)
    return base + rgw + rglw + blob + struct.pack("<H", 0)


def cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file holding `streams` (each padded to whole sectors, at least 4 KB)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data, starts, fat = b"", {}, []
    for name in names:
        blob = streams[name].ljust(max(4096, -(-len(streams[name]) // SECTOR) * SECTOR), b"\0")
        first, count = len(fat), len(blob) // SECTOR
        starts[name] = (first, len(blob))  # sizes under 4 KB would mean the mini stream
        fat.extend(range(first + 1, first + count))
        fat.append(ENDOFCHAIN)
        data += blob
    dir_sector = len(fat)
    fat.append(ENDOFCHAIN)
    fat_sectors = -(-(len(fat) + 1) // (SECTOR // 4))
    fat_start = len(fat)
    fat.extend([FATSECT] * fat_sectors)
    fat.extend([FREESECT] * (fat_sectors * SECTOR // 4 - len(fat)))
    entries = [_entry("Root Entry", 5, child=1, start=ENDOFCHAIN, size=0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        entries.append(_entry(name, 2, right=right, start=starts[name][0], size=starts[name][1]))
    directory = b"".join(entries).ljust(SECTOR, b"\0")
    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 0x18, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, fat_sectors, dir_sector, 0, 0x1000, ENDOFCHAIN, 0,
                     ENDOFCHAIN, 0)
    difat = [fat_start + i for i in range(fat_sectors)] + [FREESECT] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return bytes(header) + data + directory + fat_bytes


def _entry(name: str, kind: int, left: int = NOSTREAM, right: int = NOSTREAM, child: int = NOSTREAM,
           start: int = ENDOFCHAIN, size: int = 0) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0"
    out = bytearray(128)
    out[: len(raw)] = raw
    struct.pack_into("<HBBIII", out, 64, len(raw), kind, 1, left, right, child)
    struct.pack_into("<II", out, 116, start, size)
    return bytes(out)
