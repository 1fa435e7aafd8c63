"""Generate the hostile corpus: files that are broken or built to hurt, each with the
problem codes the pipeline must record. Never commit the output (it holds a zip bomb and
a Flate bomb of 1 GB each, made in well under a second: the compressed stream of 1 MB of
spaces is computed once and repeated, and the checksums are combined arithmetically).

    python -m tests.hostile.make_hostile OUT_DIR
"""
from __future__ import annotations

import base64
import codecs
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.read.fixtures_formats import mhtml, ofd, xlsx
from tests.read.word97 import ENDOFCHAIN, FATSECT, FREESECT, NOSTREAM, SECTOR, _entry, cfb, word97

SECRET = "root:x:0:0:HOSTILE-SECRET"  # what a leaked local file would look like in the catalogue
BOMB_BYTES = 1 << 30  # what each bomb inflates to
MIB = 1 << 20

DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              'wordprocessingml.document.main+xml"/></Types>')
DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'officeDocument" Target="word/document.xml"/></Relationships>')
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTICE = ["关于印发医疗服务能力提升方案的通知", "各市卫生局：", "现将方案印发给你们，请于2013年10月8日前报送。",
          "山西省卫生厅办公室", "2013年9月28日"]


# ---- checksums and deflate streams of a repeated chunk, without touching every byte ----

def adler32_combine(a1: int, a2: int, len2: int) -> int:
    """adler32(A + B) from adler32(A), adler32(B) and len(B) (zlib's adler32_combine)."""
    base = 65521
    rem = len2 % base
    s1 = a1 & 0xFFFF
    s2 = (rem * s1) % base
    s1 = (s1 + (a2 & 0xFFFF) + base - 1) % base
    s2 = (s2 + ((a1 >> 16) & 0xFFFF) + ((a2 >> 16) & 0xFFFF) + base - rem) % base
    return s1 | (s2 << 16)


def _gf2_times(mat: list[int], vec: int) -> int:
    out, i = 0, 0
    while vec:
        if vec & 1:
            out ^= mat[i]
        vec >>= 1
        i += 1
    return out


def crc32_combine(c1: int, c2: int, len2: int) -> int:
    """crc32(A + B) from crc32(A), crc32(B) and len(B) (zlib's crc32_combine)."""
    if len2 == 0:
        return c1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = [_gf2_times(odd, odd[n]) for n in range(32)]  # two zero bits
    odd = [_gf2_times(even, even[n]) for n in range(32)]  # four zero bits
    while True:
        even = [_gf2_times(odd, odd[n]) for n in range(32)]
        if len2 & 1:
            c1 = _gf2_times(even, c1)
        len2 >>= 1
        if not len2:
            break
        odd = [_gf2_times(even, even[n]) for n in range(32)]
        if len2 & 1:
            c1 = _gf2_times(odd, c1)
        len2 >>= 1
        if not len2:
            break
    return c1 ^ c2


def repeated_check(check: Callable[[bytes], int], combine: Callable[[int, int, int], int], chunk: bytes,
                   n: int) -> int:
    """check(chunk * n) by doubling, for a chunk whose concatenations are all alike (one repeated byte)."""
    unit, size, total = check(chunk), len(chunk), None
    while n:
        if n & 1:
            total = unit if total is None else combine(total, unit, size)
        n >>= 1
        if n:
            unit, size = combine(unit, unit, size), size * 2
    return total


def repeated_deflate(chunk: bytes, n: int, wbits: int) -> bytes:
    """The deflate stream (zlib-wrapped when wbits > 0, raw when < 0) of chunk * n: after a full
    flush the compressor forgets its history, so every later chunk compresses to the same bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    first = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    same = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    end = comp.flush()
    if wbits < 0:
        return first + same * (n - 1) + end
    adler = repeated_check(zlib.adler32, adler32_combine, chunk, n)
    return first + same * (n - 1) + end[:-4] + struct.pack(">I", adler)


def zip_bytes(entries: list[tuple[str, bytes]], big: tuple[str, bytes, int] | None = None) -> bytes:
    """A zip of small (name, data) entries, plus optionally (name, chunk, n): chunk * n deflated."""
    out, central = io.BytesIO(), []
    items = [(name, zlib.compress(data, 9)[2:-4], zlib.crc32(data), len(data)) for name, data in entries]
    if big is not None:
        name, chunk, n = big
        items.append((name, repeated_deflate(chunk, n, -15),
                      repeated_check(zlib.crc32, crc32_combine, chunk, n), len(chunk) * n))
    for name, comp, crc, size in items:
        raw = name.encode()
        central.append((raw, crc, len(comp), size, out.tell()))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp), size, len(raw), 0))
        out.write(raw + comp)
    start = out.tell()
    for raw, crc, csize, size, offset in central:
        out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, csize, size,
                              len(raw), 0, 0, 0, 0, 0, offset) + raw)
    end = out.tell()
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), end - start, start, 0))
    return out.getvalue()


# ---- OOXML ----

def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body_xml: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>')


def docx_bytes(body_xml: str, prolog: str = "", document: bytes | None = None) -> bytes:
    doc = document if document is not None else document_xml(body_xml, prolog).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        z.writestr("_rels/.rels", DOCX_RELS)
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def notice_docx() -> bytes:
    return docx_bytes("".join(para(line) for line in NOTICE))


def zip_bomb_docx(path: Path) -> None:
    """A docx whose document.xml inflates 1000x to 1 GB of spaces."""
    path.write_bytes(zip_bytes([("[Content_Types].xml", DOCX_TYPES.encode()), ("_rels/.rels", DOCX_RELS.encode())],
                               big=("word/document.xml", b" " * MIB, BOMB_BYTES // MIB)))


def _xxe_dtd(secret_file: Path) -> str:
    return f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "file://{secret_file}">]>'


def xxe_docx(path: Path, secret_file: Path) -> None:
    path.write_bytes(docx_bytes(para("关于印发方案的通知") + para("&leak;"), _xxe_dtd(secret_file)))


def xxe_utf16_docx(path: Path, secret_file: Path) -> None:
    """The same entity in a UTF-16 part, where a byte search for b"<!DOCTYPE" finds nothing."""
    xml = document_xml(para("关于印发方案的通知") + para("&leak;"), _xxe_dtd(secret_file))
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(docx_bytes("", document=xml.encode("utf-16")))


def xxe_padded_docx(path: Path, secret_file: Path) -> None:
    """The DOCTYPE after a 1.2 MB comment of random text (too random to look like a zip bomb)."""
    pad = base64.b64encode(random.Random(8).randbytes(900_000)).decode()
    xml = document_xml(para("关于印发方案的通知") + para("&leak;"), f"<!--{pad}-->{_xxe_dtd(secret_file)}")
    path.write_bytes(docx_bytes("", document=xml.encode()))


def billion_laughs_docx(path: Path) -> None:
    ents = '<!ENTITY l0 "哈哈">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path.write_bytes(docx_bytes(para("&l9;"), f"<!DOCTYPE w:document [{ents}]>"))


# ---- PDF ----

def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF with a correct xref table from numbered object bodies (1-based)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def flate_bomb_pdf(path: Path) -> None:
    """A page whose content stream inflates to 1 GB of spaces (pdfium aborts when it hits the cap)."""
    data = repeated_deflate(b" " * MIB, BOMB_BYTES // MIB, 15)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream,
    ]))


def loop_pdf(path: Path) -> None:
    """Pages that are their own parent and kid: a reference cycle."""
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
    ]))


def scanned_pdf(path: Path) -> None:
    """A page with no text layer (a scan)."""
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]))


# ---- Word 97 ----

def good_doc() -> bytes:
    return word97(NOTICE[:3] + [[["序号", "名称"], ["1", "省人民医院"]]] + NOTICE[3:])


def flipped_doc(path: Path) -> None:
    """fcClx (where the piece table is) pointed far past the table stream, as a flipped byte does."""
    data = bytearray(good_doc())
    fib = data.index(b"\xec\xa5")  # wIdent: the WordDocument stream starts here
    clx = fib + 32 + 2 + 28 + 2 + 22 * 4 + 2 + 33 * 8  # FibBase, rgW, rgLw, cbRgFcLcb, fcClx
    data[clx + 3] ^= 0x40
    path.write_bytes(bytes(data))


def deep_directory_doc(path: Path, entries: int = 3000) -> None:
    """A compound file whose directory chains 3000 entries by their right siblings: a reader that
    walks the red-black tree recursively (olefile) recurses 3000 deep."""
    valid = good_doc()
    # rebuild: the valid file's streams, then a directory of many sectors chained in the FAT
    streams = _streams(valid)
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data, fat, starts = b"", [], {}
    for name in names:
        blob = streams[name].ljust(max(4096, -(-len(streams[name]) // SECTOR) * SECTOR), b"\0")
        starts[name] = (len(fat), len(streams[name]) if len(streams[name]) >= 4096 else 4096)
        fat.extend(range(len(fat) + 1, len(fat) + len(blob) // SECTOR))
        fat.append(ENDOFCHAIN)
        data += blob
    dir_entries = [_entry("Root Entry", 5, child=1, start=ENDOFCHAIN, size=0)]
    for i, name in enumerate(names):
        dir_entries.append(_entry(name, 2, right=i + 2, start=starts[name][0], size=starts[name][1]))
    for k in range(entries):
        right = len(dir_entries) + 1 if k + 1 < entries else NOSTREAM
        dir_entries.append(_entry(f"s{k:05d}", 1, right=right, start=0, size=0))
    directory = b"".join(dir_entries)
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0")
    dir_start, dir_sectors = len(fat), len(directory) // SECTOR
    fat.extend(range(dir_start + 1, dir_start + dir_sectors))
    fat.append(ENDOFCHAIN)
    fat_sectors = 1
    while len(fat) + fat_sectors > fat_sectors * SECTOR // 4:  # the FAT maps its own sectors too
        fat_sectors += 1
    fat_start = len(fat)
    fat.extend([FATSECT] * fat_sectors)
    fat.extend([FREESECT] * (fat_sectors * SECTOR // 4 - len(fat)))
    if fat_sectors > 109:
        raise ValueError("too many FAT sectors for the header's DIFAT")
    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 0x18, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, fat_sectors, dir_start, 0, 0x1000, ENDOFCHAIN, 0,
                     ENDOFCHAIN, 0)
    struct.pack_into("<109I", header, 0x4C, *([fat_start + i for i in range(fat_sectors)]
                                              + [FREESECT] * (109 - fat_sectors)))
    path.write_bytes(bytes(header) + data + directory + struct.pack(f"<{len(fat)}I", *fat))


def _streams(doc: bytes) -> dict[str, bytes]:
    import olefile

    with olefile.OleFileIO(io.BytesIO(doc)) as ole:
        return {name[0]: ole.openstream(name).read() for name in ole.listdir()}


def excel_as_doc(path: Path) -> None:
    path.write_bytes(cfb({"Workbook": b"\x09\x08" + b"\0" * 4000}))


# ---- HTML and text ----

def deep_html(path: Path) -> None:
    depth = 5000
    path.write_text("<html><body>" + "<div>" * depth + "<p>关于深层嵌套页面的通知</p><p>各市卫生局：请于2013年10月8日前报送。</p>"
                    + "</div>" * depth + "<p>深层之后的文字</p></body></html>", encoding="utf-8")


def deep_inline_html(path: Path) -> None:
    """Word-exported pages nest <o:p> and <sup>; libxml2 stops at depth 2048 whatever the tag."""
    depth = 5000
    path.write_text("<html><body><p>关于深层嵌套页面的通知</p>" + "<sup><o:p>" * (depth // 2)
                    + "<p>各市卫生局：请于2013年10月8日前报送。</p>" + "</o:p></sup>" * (depth // 2)
                    + "<p>深层之后的文字</p></body></html>", encoding="utf-8")


def script_html(path: Path) -> None:
    path.write_text('<html><head><meta charset="utf-8"><title>关于防范脚本的通知</title></head><body>'
                    "<h1>关于防范脚本的通知</h1><p>各单位：页面文字 &lt;script&gt;alert('x')&lt;/script&gt; 与 "
                    "&lt;img src=x onerror=alert(1)&gt; 应原样保存。</p></body></html>", encoding="utf-8")


def wrong_charset_html(path: Path) -> None:
    body = "<html><head><meta charset='utf-8'></head><body><p>关于开展义诊活动的通知</p><p>各市卫生局：</p></body></html>"
    path.write_bytes(body.encode("gb18030"))


def latin1_declared_html(path: Path) -> None:
    """A GBK page whose server template declares iso-8859-1: the declared decode is mojibake."""
    body = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'></head><body>"
            "<p>关于开展义诊活动的通知</p><p>各市卫生局：请于2013年10月8日前报送。</p></body></html>")
    path.write_bytes(body.encode("gb18030"))


def outside_gbk_html(path: Path) -> None:
    body = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head><body>"
            "<p>关于㐀𠀀字库的通知</p><p>各市卫生局：</p></body></html>")
    path.write_bytes(body.encode("gb18030"))


def invalid_bytes_html(path: Path) -> None:
    good = "<html><head><meta charset='gbk'></head><body><p>关于义诊的通知</p>".encode("gb18030")
    path.write_bytes(good + b"\xff\xfe\x81\x20\x80" + "<p>各市卫生局：</p></body></html>".encode("gb18030"))


def utf16be_text(path: Path) -> None:
    """UTF-16 big-endian with its BOM (a Java or Mac export): the BOM alone tells the byte order."""
    path.write_bytes(codecs.BOM_UTF16_BE + "\n".join(NOTICE).encode("utf-16-be"))


def idna_charset_html(path: Path) -> None:
    """A charset Python knows but no page is written in (decoding with it raises UnicodeError)."""
    body = ("<html><head><meta charset='idna'></head><body><p>关于开展义诊活动的通知</p>"
            "<p>各市卫生局：请于2013年10月8日前报送。</p></body></html>")
    path.write_bytes(body.encode("gb18030"))


def invalid_utf8_text(path: Path) -> None:
    text = "\n".join(NOTICE).encode("utf-8")
    path.write_bytes(text[:40] + b"\xc3\x28\xa0\xa1" + text[40:] + b"\xe4\xb8")  # bad pairs and a cut tail


@dataclass(frozen=True)
class Spec:
    """A hostile file: its maker, the codes that must all be recorded for it, and whether
    it must still load at least one document."""

    maker: Callable[..., None]
    codes: tuple[str, ...] = ()
    loads: bool = False
    secret: bool = False  # the maker takes the path of the local file an entity points at


def _bytes(data: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data())


def blank_png() -> bytes:
    """A blank page image: OCR finds nothing on it."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buf, "PNG")
    return buf.getvalue()


TASKS = {"分工": [["序号", "工作任务", "牵头单位"], [1, "开展义诊不少于2000人次", "省卫生健康委"]]}
NOTICE_PAGE = "<html><body><h1>关于开展义诊活动的通知</h1><p>各市卫生局：请于2013年10月8日前报送。</p></body></html>"

SPECS: dict[str, Spec] = {
    # bombs and parser traps
    "zip_bomb.docx": Spec(zip_bomb_docx, ("E_ZIP_BOMB",)),
    "flate_bomb.pdf": Spec(flate_bomb_pdf, ("E_PARSE_OOM",)),
    "loop.pdf": Spec(loop_pdf, ("E_PDF_UNREADABLE",)),
    "scanned.pdf": Spec(scanned_pdf, ("E_NEEDS_OCR",)),
    "truncated.pdf": Spec(_bytes(lambda: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"), ("E_PDF_UNREADABLE",)),
    "deep_directory.doc": Spec(deep_directory_doc, ("E_PARSE_RECURSION",)),
    # content sniffing: the bytes decide, not the extension
    "html_saved_as.pdf": Spec(_bytes(lambda: "<html><body><p>关于印发方案的通知</p></body></html>".encode()),
                              loads=True),
    "docx_saved_as.doc": Spec(_bytes(notice_docx), loads=True),
    "zip_saved_as.doc": Spec(_bytes(lambda: zip_bytes([("readme.txt", b"not a word file")])),
                             ("E_FORMAT_UNSUPPORTED",)),
    "excel_saved_as.doc": Spec(excel_as_doc, ("E_SHEET_UNREADABLE", "W_EXTENSION_MISMATCH")),
    # spreadsheets, OFD, MHTML, images (issue 15)
    "tasks.xlsx": Spec(_bytes(lambda: xlsx(TASKS)), loads=True),
    "far_cell.xlsx": Spec(_bytes(lambda: xlsx(TASKS, dimension="A1:XFD1048576")), ("E_SHEET_TOO_LARGE",)),
    "notice.ofd": Spec(_bytes(lambda: ofd([["关于开展义诊活动的通知", "各市卫生局："]])), loads=True),
    "notice.mht": Spec(_bytes(lambda: mhtml(NOTICE_PAGE)), loads=True),
    "blank.png": Spec(_bytes(blank_png), ("E_NEEDS_OCR",)),
    "binary.dat": Spec(_bytes(lambda: bytes(range(256)) * 16), ("E_FORMAT_UNSUPPORTED",)),
    "empty.txt": Spec(_bytes(lambda: b""), ("E_FILE_EMPTY",)),
    # Word 97: bounds-checked, never an IndexError
    "good.doc": Spec(_bytes(good_doc), loads=True),
    "garbage.bin.doc": Spec(_bytes(lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8),
                            ("E_DOC_UNREADABLE",)),
    "flipped.doc": Spec(flipped_doc, ("E_DOC_UNREADABLE",)),
    "truncated.doc": Spec(_bytes(lambda: good_doc()[:6000]), ("E_DOC_UNREADABLE",)),
    "encrypted.doc": Spec(_bytes(lambda: word97(NOTICE, encrypted=True)), ("E_DOC_ENCRYPTED",)),
    "word6.doc": Spec(_bytes(lambda: word97(NOTICE, nfib=0x0065)), ("E_DOC_WORD6",)),
    # OOXML: no DOCTYPE, however it is hidden
    "xxe.docx": Spec(xxe_docx, ("E_OOXML_DOCTYPE",), secret=True),
    "xxe_utf16.docx": Spec(xxe_utf16_docx, ("E_OOXML_DOCTYPE",), secret=True),
    "xxe_padded.docx": Spec(xxe_padded_docx, ("E_OOXML_DOCTYPE",), secret=True),
    "billion_laughs.docx": Spec(billion_laughs_docx, ("E_OOXML_DOCTYPE",)),
    "truncated.docx": Spec(_bytes(lambda: notice_docx()[:-300]), ("E_DOCX_UNREADABLE",)),
    "truncated_early.docx": Spec(_bytes(lambda: notice_docx()[:400]), ("E_DOCX_UNREADABLE",)),
    # HTML read in full, text stored as text
    "deep.html": Spec(deep_html, ("W_HTML_TOO_DEEP",), loads=True),
    "deep_inline.html": Spec(deep_inline_html, ("W_HTML_TOO_DEEP",), loads=True),
    "script.html": Spec(script_html, loads=True),
    # encodings
    "wrong_charset.html": Spec(wrong_charset_html, ("W_CHARSET_MISDECLARED",), loads=True),
    "latin1_declared.html": Spec(latin1_declared_html, ("W_CHARSET_MISDECLARED",), loads=True),
    "outside_gbk.html": Spec(outside_gbk_html, loads=True),
    "invalid_bytes.html": Spec(invalid_bytes_html, ("W_INVALID_BYTES",), loads=True),
    "invalid_utf8.txt": Spec(invalid_utf8_text, ("W_INVALID_BYTES",), loads=True),
    "utf16be.txt": Spec(utf16be_text, loads=True),
    "idna_charset.html": Spec(idna_charset_html, loads=True),
}


def make(out: Path) -> dict[str, Spec]:
    """Write every hostile file under `out` (the XXE target beside it); return name -> Spec."""
    out.mkdir(parents=True, exist_ok=True)
    secret = secret_path(out)
    secret.write_text(SECRET, encoding="utf-8")
    for name, spec in SPECS.items():
        if spec.secret:
            spec.maker(out / name, secret)
        else:
            spec.maker(out / name)
    return SPECS


def secret_path(out: Path) -> Path:
    return out.parent / f"{out.name}-secret.txt"


if __name__ == "__main__":
    for name, spec in make(Path(sys.argv[1])).items():
        print(f"{name:24} {' '.join(spec.codes) or '-':24} {'loads' if spec.loads else ''}")
