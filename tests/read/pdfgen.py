"""Hand-written minimal PDFs for tests: text pages, image-only (scanned) pages, and fonts whose
ToUnicode map sends the printed bytes to chosen characters (Chinese, rare or private-use)."""
from __future__ import annotations

import zlib

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


def pdf(pages: list[bytes | str | None], to_unicode: dict[int, str] | None = None) -> bytes:
    """Pages of printed bytes (str is latin-1 text), or None for a page that is only an image."""
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
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + font_extra + b" >>")
    image = add(b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(GRAY_PIXEL)
                + GRAY_PIXEL + b"\nendstream")
    kids = []
    for page in pages:
        if page is None:
            content = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
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
