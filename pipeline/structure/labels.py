"""The metadata label vocabulary: printed `label：value` pairs of portal pages and crawl records.

The structure stage uses it to tell a page's metadata and bylines from the document; the
page-metadata extractor maps each label to its `page.*` field.
"""
from __future__ import annotations

import re

# printed label -> field; generic labels (时间, 日期) only count with a numeric date
LABELS = {
    "标题": "page.title", "ArticleTitle": "page.title",
    "发文机关": "page.issuer", "发布机关": "page.issuer", "发布机构": "page.issuer", "发布部门": "page.issuer",
    "发文字号": "page.doc_number", "文号": "page.doc_number", "发文号": "page.doc_number",
    "发布文号": "page.doc_number",
    "成文日期": "page.signed_date",
    "发布日期": "page.published_date", "发布时间": "page.published_date", "PubDate": "page.published_date",
    "firstpublishedtime": "page.published_date", "更新": "page.published_date",
    "更新时间": "page.published_date", "上传时间": "page.published_date", "发文日期": "page.published_date",
    "时间": "page.published_date", "日期": "page.published_date",
    "来源": "page.source", "信息来源": "page.source", "文章来源": "page.source", "ContentSource": "page.source",
    "收录标题": "page.title", "收录日期": "page.published_date", "收录来源": "page.source",
    "网页标题": "page.title",
}
CRAWL_RECORD_LABELS = ("收录标题", "收录日期", "收录来源")
"""Lines a reader took from a crawl record beside the file (pipeline/read/sidecar.py): the
page's own printed values outrank them."""
FALLBACK_LABELS = (*CRAWL_RECORD_LABELS, "网页标题")
"""Labels of values the page does not print as its own: a crawl record, the HTML `<title>`.
Anything the document prints (its heading) outranks them."""
GENERIC_DATE_LABELS = ("时间", "日期")
OTHER_LABELS = ("索引号", "主题分类", "主题词", "分类", "字体", "体裁", "效力状态", "作者", "浏览次数")
"""Metadata labels whose values no field takes (they still are labels, not 主送 lines)."""

LABEL = re.compile(
    "(?<![\\w])(" + "|".join(sorted(("\\s*".join(map(re.escape, k)) for k in LABELS), key=len, reverse=True))
    + ")\\s*[:：]", re.I)
"""A label of LABELS followed by its colon (spaces allowed inside: `发 布 日 期：`)."""


def is_label(text: str) -> bool:
    """A metadata label line such as `索 引 号：` (spaces dropped, colon optional)."""
    key = re.sub(r"\s+", "", text.rstrip("：:"))
    return key in LABELS or key in OTHER_LABELS


def label_key(label: str) -> str:
    key = re.sub(r"\s+", "", label)
    return next((k for k in LABELS if k.lower() == key.lower()), key)
