"""Fixture sites written for the crawler tests: pages, attachments (magic bytes are enough)."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .crawl_server import Site

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOC = OLE + b"\x00" * 56 + b"fake word 97 document"
XLS = OLE + b"\x00" * 56 + b"fake excel 97 workbook"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
DOCX = b"PK\x03\x04\x14\x00\x00\x00word/document.xml fake docx"
PARAGRAPH = ("为做好年度项目申报工作，现将有关事项通知如下：一、申报条件；二、申报程序；三、工作要求。"
             "各单位要高度重视，认真组织，按时报送材料，逾期不予受理。联系人：张三，电话：010-12345678。")
HTML_HEAD = '<html><head><meta http-equiv="Content-Type" content="text/html; charset={cs}"><title>{t}</title></head>'


def page(title: str, inner: str, charset: str = "utf-8") -> bytes:
    """A whole HTML page encoded in charset (gb2312 is declared, gb18030 bytes are written)."""
    codec = "gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset
    html = HTML_HEAD.format(cs=charset, t=title) + f"<body>{inner}</body></html>"
    return html.encode(codec)


def notice(title: str, attachments: list[tuple[str, str]] = (), charset: str = "utf-8") -> bytes:
    """A TRS-style notice: body in .TRS_Editor, attachment links below it, some site chrome."""
    files = "".join(f'<p><a href="{href}">{text}</a></p>' for href, text in attachments)
    chrome = '<div class="nav"><a href="/">网站首页</a><a href="/tzgg/index.html">通知公告</a></div>'
    body = f'<div class="TRS_Editor"><h1>{title}</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>{files}'
    return page(title, chrome + body, charset)


def listing(items: list[tuple[str, str]], pager: str = "", charset: str = "utf-8") -> bytes:
    """A listing: a list of notice links and an optional pager fragment."""
    lis = "".join(f'<li><a href="{href}">{text}</a><span>2020-09-30</span></li>' for href, text in items)
    return page("通知公告", f'<ul class="list">{lis}</ul><div class="page">{pager}</div>', charset)


def build_trs(site: Site) -> dict[str, str]:
    """A small TRS-style section /tzgg/: two listing pages (UTF-8, then GB18030), three notices,
    attachments of every kind, a robots-forbidden notice, an out-of-scope link and traps."""
    site.add("/robots.txt", "User-agent: *\nDisallow: /tzgg/private/\n", headers={"Content-Type": "text/plain"})
    site.add("/tzgg/index.html", listing([
        ("./t20200930_123456.html", "关于申报2021年度北京市级中医药继续教育项目的通知"),
        ("./t20201001_222222.html", "关于开展中医药行业全员培训工作的通知"),
        ("./private/t20200101_999999.html", "内部通知（robots.txt 禁止）"),
        ("/elsewhere/t20200101_1.html", "范围外的通知"),
        ("./logo.png", "图片"),
    ], pager='<a href="./index_1.html">下一页</a>'), etag=True)
    site.add("/tzgg/index_1.html", listing([
        ("./t20200801_333333.html", "北京市中医管理局关于印发工作方案的通知"),
    ], pager='<a href="./index.html">上一页</a>', charset="gb2312"),
        headers={"Content-Type": "text/html"}, etag=True)
    site.add("/tzgg/t20200930_123456.html", notice("关于申报2021年度北京市级中医药继续教育项目的通知", [
        ("./P020200930.doc", "附件1：申报表.doc"),
        ("./P020200930.pdf", "附件2：项目指南.pdf"),
        ("./附件3名单.docx", "附件3：名单"),
        ("/tzgg/download.jsp?id=7", "附件4：汇总表.xls"),
    ]), etag=True)
    site.add("/tzgg/t20201001_222222.html", notice("关于开展中医药行业全员培训工作的通知", [
        ("./fake.pdf", "附件：培训方案.pdf"),
    ], charset="gb2312"), headers={"Content-Type": "text/html; charset=gb2312"}, last_modified=LAST_MODIFIED)
    site.add("/tzgg/t20200801_333333.html", notice("北京市中医管理局关于印发工作方案的通知", charset="gb2312"),
             headers={"Content-Type": "text/html"}, etag=True)
    site.add("/tzgg/private/t20200101_999999.html", notice("内部通知"))
    site.add("/elsewhere/t20200101_1.html", notice("范围外的通知"))
    site.add("/tzgg/P020200930.doc", DOC, headers={"Content-Type": "application/msword"}, etag=True)
    site.add("/tzgg/P020200930.pdf", PDF, headers={"Content-Type": "application/pdf"}, last_modified=LAST_MODIFIED)
    site.add("/tzgg/附件3名单.docx", DOCX, headers={
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}, etag=True)
    site.add("/tzgg/download.jsp?id=7", XLS, etag=True, headers={
        "Content-Type": "application/octet-stream",
        "Content-Disposition": 'attachment; filename="../../../evil.xls"'})
    site.add("/tzgg/fake.pdf", b"<html><body>\xe8\xaf\xb7\xe7\x99\xbb\xe5\xbd\x95</body></html>",
             headers={"Content-Type": "application/pdf"}, etag=True)
    return {"start": site.url("/tzgg/index.html"), "scope": site.url("/tzgg/")}


LAST_MODIFIED = "Wed, 30 Sep 2020 08:00:00 GMT"
TRS_SAVED = {
    "tzgg/t20200930_123456.html": "notice",
    "tzgg/t20201001_222222.html": "notice",
    "tzgg/t20200801_333333.html": "notice",
    "tzgg/P020200930.doc": "attachment",
    "tzgg/P020200930.pdf": "attachment",
    "tzgg/附件3名单.docx": "attachment",
    "tzgg/evil.xls": "attachment",
    "tzgg/fake.pdf.html": "attachment",  # HTML served as application/pdf: named for what it is
}


def host_dir(site: Site) -> str:
    return f"127.0.0.1_{site.port}"


def visited(out: Path) -> dict[str, dict]:
    """The crawl state's visited table keyed by URL path (+query), for assertions."""
    db = sqlite3.connect(out / "crawl.sqlite")
    db.row_factory = sqlite3.Row
    try:
        rows = db.execute("SELECT * FROM visited").fetchall()
    finally:
        db.close()
    return {_path_of(r["url"]): dict(r) for r in rows}


def frontier_size(out: Path) -> int:
    db = sqlite3.connect(out / "crawl.sqlite")
    try:
        return db.execute("SELECT COUNT(*) FROM frontier").fetchone()[0]
    finally:
        db.close()


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
