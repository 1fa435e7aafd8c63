"""Fixture builders for the spreadsheet, OFD and MHTML tests (every file made here, nothing downloaded)."""
from __future__ import annotations

import io
import quopri
import zipfile
from base64 import b64encode
from xml.sax.saxutils import escape

OFD_NS = "http://www.ofdspec.org/2016"


def ofd(pages: list[list[str]], extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal OFD package: OFD.xml → Doc_0/Document.xml → one Content.xml per page, a line a TextObject."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0">'
                              "<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
                              "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        refs = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                                         "<ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea>"
                                         "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                                         f"</ofd:CommonData><ofd:Pages>{refs}</ofd:Pages></ofd:Document>")
        for i, lines in enumerate(pages):
            objs = "".join(f'<ofd:TextObject ID="{10 + n}" Boundary="20 {20 + 8 * n} 170 6" Font="1" Size="5">'
                           f'<ofd:TextCode X="0" Y="5">{escape(line)}</ofd:TextCode></ofd:TextObject>'
                           for n, line in enumerate(lines))
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
                       f'<ofd:Layer ID="2">{objs}</ofd:Layer></ofd:Content></ofd:Page>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def mhtml(html: str, charset: str = "gb2312", encoding: str = "quoted-printable") -> bytes:
    """An IE-style single-file page: headers, then a multipart/related body with the page and an image."""
    body = html.encode(charset)
    payload = quopri.encodestring(body).decode("ascii") if encoding == "quoted-printable" else \
        b64encode(body).decode("ascii")
    return ("From: <Saved by Windows Internet Explorer 8>\r\n"
            "Subject: notice\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----=_NextPart_000"\r\n'
            "\r\nThis is a multi-part message in MIME format.\r\n\r\n"
            "------=_NextPart_000\r\n"
            f'Content-Type: text/html;\r\n\tcharset="{charset}"\r\n'
            f"Content-Transfer-Encoding: {encoding}\r\n"
            "Content-Location: http://www.example.gov.cn/notice.htm\r\n\r\n"
            f"{payload}\r\n"
            "------=_NextPart_000\r\n"
            "Content-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Location: http://www.example.gov.cn/logo.gif\r\n\r\n"
            "R0lGODlhAQABAAAAACw=\r\n"
            "------=_NextPart_000--\r\n").encode("ascii")


def _col(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def xlsx(sheets: dict[str, list[list[object]]], dimension: str | None = None) -> bytes:
    """An .xlsx written by hand (inline strings, numbers): the parts Excel needs and nothing else."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        names = list(sheets)
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                             'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(len(names))) + "</Types>")
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                                  'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
                                  '//schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                                  'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
                                      'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
                                      'openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                             for i, n in enumerate(names)) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/'
                             f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                             for i in range(len(names))) + "</Relationships>")
        for i, rows in enumerate(sheets.values()):
            xml_rows = []
            for r, row in enumerate(rows):
                cells = []
                for c, v in enumerate(row):
                    ref = f"{_col(c)}{r + 1}"
                    if v is None:
                        continue
                    if isinstance(v, (int, float)):
                        cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
                xml_rows.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                       f'spreadsheetml/2006/main">{dim}<sheetData>{"".join(xml_rows)}</sheetData></worksheet>')
    return buf.getvalue()


def rezip(data: bytes, old: bytes, new: bytes) -> bytes:
    """The same package with `old` replaced by `new` in every entry (entries are deflated)."""
    src, buf = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info).replace(old, new))
    return buf.getvalue()
