"""Structured page data of an HTML page, rendered as `label：value` lines (the pagemeta zone).

Two sources: gov.cn-style metadata tables (label cells such as `索 引 号：` followed by a
value cell) and CMS `<meta>` tags (ArticleTitle, PubDate, ContentSource,
firstpublishedtime). Labels are printed without their layout spaces (`标　　题` -> `标题`),
since the metadata extractors look lines up by label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

TABLE_LABELS = frozenset((
    "索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词", "文号", "发布机构",
    "生成日期", "公开日期", "公开方式", "公开范围", "信息来源", "体裁分类", "组配分类", "服务对象", "有效性",
    "名称", "时效", "发布时间", "实施日期", "废止日期", "所属机构", "信息分类", "文件编号", "主题", "发文单位"))
TABLE_HINTS = ("索引号", "索 引 号", "发文机关", "发文字号", "成文日期", "主题分类", "发布机构", "文　　号", "文 号")
MIN_TABLE_LABELS = 3  # a table with fewer known labels is page text, not a metadata table
META_NAMES = {"articletitle": "ArticleTitle", "pubdate": "PubDate", "contentsource": "ContentSource",
              "firstpublishedtime": "firstpublishedtime", "publishdate": "PubDate", "publish_date": "PubDate",
              "publishtime": "PubDate", "pub_date": "PubDate", "article:published_time": "PubDate",
              "dc.date": "PubDate", "dcterms.created": "PubDate", "dc.date.issued": "PubDate",
              "og:title": "ArticleTitle", "dc.title": "ArticleTitle", "source": "ContentSource"}
"""CMS meta tags (by `name`, or `property` for Open Graph) and the label their value gets."""
DATE_ATTR_LABELS = ("发布时间", "发布日期", "发文日期", "更新时间", "日期", "时间")
"""A label printed only in markup: `<span title="发布时间">2019-06-05</span>`."""
TIME_TAG_LABEL = "发布时间"
HEADLINE_LABEL = "网页标题"
"""The page's `<title>`: a portal headline, used only when the document prints no title."""
SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|--|——|-\s)[^_|｜]{0,40}$")
"""A site name after the headline in `<title>` (`关于…的通知_某市卫健委`)."""
MAX_HEADLINE = 120
LABEL_SPACES = re.compile(r"[\s\u3000\xa0]+")
LABEL_CELL = re.compile(r"^(.{2,8}?)[:：]$")


@dataclass(slots=True)
class PageMeta:
    lines: list[str] = field(default_factory=list)
    tables: list = field(default_factory=list)  # the metadata tables (their own text becomes chrome)


def _cell_text(el) -> str:
    return LABEL_SPACES.sub(" ", "".join(el.itertext())).strip()


def _label(el) -> str | None:
    text = LABEL_SPACES.sub("", "".join(el.itertext()))
    m = LABEL_CELL.match(text)
    if m and m.group(1) in TABLE_LABELS:
        return m.group(1)
    return None


# short cells holding a colon: candidate labels, found in C rather than by visiting every cell
LABEL_CELLS = etree.XPath("//*[self::td or self::th][string-length(normalize-space(.)) <= 14]"
                          "[contains(., '：') or contains(., ':')]")


def _pairs_by_table(root) -> dict:
    """{table: [(label, value), ...]} reading each label cell's next cell as its value."""
    tables: dict = {}
    for cell in LABEL_CELLS(root):
        label = _label(cell)
        value_cell = cell.getnext()
        while value_cell is not None and value_cell.tag not in ("td", "th"):
            value_cell = value_cell.getnext()
        if label is None or value_cell is None or _label(value_cell) is not None:
            continue
        table = next(cell.iterancestors("table"), None)
        if table is not None:
            tables.setdefault(table, []).append((label, _cell_text(value_cell)))
    return tables


def read_page_meta(root, html: str | None = None) -> PageMeta:
    """Metadata tables and CMS meta tags of a parsed page (`html`, when given, lets pages
    without any table label skip the table scan)."""
    meta = PageMeta()
    tables = _pairs_by_table(root) if html is None or any(h in html for h in TABLE_HINTS) else {}
    for table, pairs in tables.items():
        if len({label for label, _ in pairs}) >= MIN_TABLE_LABELS or (pairs and meta.tables):
            meta.tables.append(table)
            meta.lines.extend(f"{label}：{value}" for label, value in pairs if value)
    for el in root.iter("meta"):
        label = META_NAMES.get((el.get("name") or el.get("property") or "").strip().lower())
        content = LABEL_SPACES.sub(" ", el.get("content") or "").strip()
        if label and content:
            meta.lines.append(f"{label}：{content}")
    meta.lines.extend(_markup_dates(root))
    headline = _headline(root)
    if headline:
        meta.lines.append(f"{HEADLINE_LABEL}：{headline}")
    return meta


def _markup_dates(root) -> list[str]:
    """Dates labelled only in markup: `<time datetime>`, an element whose `title` names a date."""
    out = []
    for el in root.iter("time"):
        value = (el.get("datetime") or _cell_text(el)).strip()
        if value:
            out.append(f"{TIME_TAG_LABEL}：{value}")
            break
    for el in root.xpath("//*[@title]"):
        label = LABEL_SPACES.sub("", el.get("title") or "").rstrip("：:")
        if label in DATE_ATTR_LABELS:
            value = _cell_text(el)
            if value and len(value) <= 40:
                out.append(f"{label}：{value}")
                break
    return out


def _headline(root) -> str | None:
    """The `<title>` text without the site name a portal appends."""
    el = next(root.iter("title"), None)
    if el is None:
        return None
    text = LABEL_SPACES.sub(" ", "".join(el.itertext())).strip()
    text = SITE_SUFFIX.sub("", text).strip()
    return text if 4 <= len(text) <= MAX_HEADLINE else None
