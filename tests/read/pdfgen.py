"""Hand-written minimal PDFs for tests: text pages, image-only (scanned) pages, fonts whose
ToUnicode map sends the printed bytes to chosen characters (Chinese, rare or private-use), and
drawn pages with ruled tables."""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

GRAY_PIXEL = zlib.compress(b"\x80" * 16)


def _to_unicode(mapping: dict[int, str]) -> bytes:
    pairs = "\n".join(f"<{code:02X}> <{''.join(f'{ord(c):04X}' for c in ch)}>" for code, ch in sorted(mapping.items()))
    return (f"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            f"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            f"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\n"
            f"endcodespacerange\n{len(mapping)} beginbfchar\n{pairs}\nendbfchar\nendcmap\n"
            f"CMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


def encode_with(text: str) -> tuple[bytes, dict[int, str]]:
    """Bytes to print and the ToUnicode map that reads them back as `text` (one byte a character)."""
    chars = sorted(set(text))
    if len(chars) > 190:
        raise ValueError("too many distinct characters for a one-byte font")
    codes = {ch: 0x21 + i for i, ch in enumerate(chars)}
    return bytes(codes[ch] for ch in text), {code: ch for ch, code in codes.items()}


def pdf(pages: list[bytes | str | Drawn | None], to_unicode: dict[int, str] | None = None,
        width: int | None = None) -> bytes:
    """Pages of printed bytes (str is latin-1 text), a Drawn page, or None for a page that is only
    an image. `width` gives every glyph that advance (1000 for full-width hanzi)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    font_extra = b""
    if to_unicode:
        cmap = _to_unicode(to_unicode)
        cmap_id = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        font_extra = b" /ToUnicode %d 0 R" % cmap_id
    base = b"Helvetica"
    if width:  # pdfminer ignores /Widths of a standard-14 font: name one it does not know
        base = b"FixedHanzi"
        descriptor = add(b"<< /Type /FontDescriptor /FontName /FixedHanzi /Flags 32 /FontBBox [0 -200 1000 800] "
                         b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
        font_extra += (b" /FirstChar 0 /LastChar 255 /Widths [" + b" ".join([b"%d" % width] * 256)
                       + b"] /FontDescriptor %d 0 R" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /" + base + font_extra + b" >>")
    image = add(b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(GRAY_PIXEL)
                + GRAY_PIXEL + b"\nendstream")
    kids = []
    for page in pages:
        if page is None:
            content = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
        elif isinstance(page, Drawn):
            content = page.content()
        else:
            raw = page.encode("latin-1") if isinstance(page, str) else page
            shows = []
            for line in raw.split(b"\n"):  # one text line each, 14 points apart
                escaped = line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                shows.append(b"(" + escaped + b") Tj")
            content = b"BT /F1 12 Tf 72 720 Td " + b" 0 -14 Td ".join(shows) + b" ET"
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                        % (pages_id, stream, font, image)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                             + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


# Drawn pages: text runs at absolute positions and ruling lines, for ruled tables.


@dataclass(frozen=True)
class Drawn:
    """A page drawn at absolute positions: text runs (x, baseline y, printed bytes) and ruling
    lines (x1, y1, x2, y2), PDF coordinates with the origin at the bottom left of a 612x792 page."""

    texts: tuple[tuple[float, float, bytes], ...] = ()
    lines: tuple[tuple[float, float, float, float], ...] = ()
    size: float = 10

    def __add__(self, other: Drawn) -> Drawn:
        return Drawn(self.texts + other.texts, self.lines + other.lines, self.size)

    def content(self) -> bytes:
        out = [b"0.5 w"]
        out += [b"%.2f %.2f m %.2f %.2f l S" % line for line in self.lines]
        for x, y, printed in self.texts:
            escaped = printed.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            out.append(b"BT /F1 %.2f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (self.size, x, y, escaped))
        return b"\n".join(out)


def _printed(text: bytes | str) -> bytes:
    return text.encode("latin-1") if isinstance(text, str) else text


def text_block(lines: list[bytes | str], x: float = 72, top: float = 740, leading: float = 14,
               size: float = 10) -> Drawn:
    """Lines of text one under the other, the first baseline at `top`."""
    return Drawn(tuple((x, top - i * leading, _printed(line)) for i, line in enumerate(lines)), size=size)


def ruled_table(rows: list[list[bytes | str]], widths: list[float], x: float = 72, top: float = 640,
                leading: float = 12, size: float = 10) -> tuple[Drawn, float]:
    """A table with a rule around every cell; a cell's text may hold line breaks (b"\\n").
    Returns the drawing and the y of the table's bottom rule."""
    texts, lines, y = [], [], top
    edges = [x]
    for w in widths:
        edges.append(edges[-1] + w)
    for row in rows:
        cells = [_printed(cell).split(b"\n") for cell in row]
        height = leading * max(len(c) for c in cells) + 6
        for left, cell in zip(edges, cells):
            for k, line in enumerate(cell):
                texts.append((left + 3, y - 3 - size - k * leading + 2, line))
        lines.append((edges[0], y, edges[-1], y))
        y -= height
    lines.append((edges[0], y, edges[-1], y))
    lines += [(e, top, e, y) for e in edges]
    return Drawn(tuple(texts), tuple(lines), size), y


def codec_for(*texts: str) -> tuple[Callable[[str], bytes], dict[int, str]]:
    """A one-byte-a-character encoding for all of `texts` (line breaks stay b"\\n") and the
    ToUnicode map that reads it back."""
    _, mapping = encode_with("".join(sorted(set("".join(texts)) - {"\n"})))
    codes = {ch: code for code, ch in mapping.items()}
    return (lambda s: b"\n".join(bytes(codes[ch] for ch in line) for line in s.split("\n"))), mapping
