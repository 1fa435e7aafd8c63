"""Page furniture: the lines a portal prints around a document, which are not the document.

Above it: a timestamp line, source and view-count bylines, metadata bullets, a breadcrumb, page
tools (font size, print, close, share), a download note, a portal's lead-in sentence. Below it:
related-article lists, previous/next links, a word count, comment blocks, editor and footer
lines. The words are data (`pipeline/data/furniture.tsv`, grouped by where they stand); the
shapes are the patterns here. Each test reads one stripped line.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pipeline.structure.labels import LABEL, OTHER_LABELS

DATA = Path(__file__).resolve().parent.parent / "data" / "furniture.tsv"
MAX_FURNITURE_LINE = 80  # a byline or a tool bar is short; a paragraph mentioning 来源 is not furniture
MAX_TAIL_LINE = 40  # a tail heading (相关文章, 上一篇：标题) is short

TIMESTAMP = re.compile(r"[\[【(（]?(?:发布|更新|时间|日期|[:：]|\s)*"
                       r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                       r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*[\]】)）]?")
"""A line that is only a date, with or without a time of day (`2019-06-05 10:21`)."""
BULLET = re.compile(r"[•·●◆■▪►\-*]\s*")
BREADCRUMB = re.compile(r"(?:首页|主页|网站首页|当前位置|您现在的位置|您的位置|所在位置)[^\n]{0,60}?(?:>|»|＞|→|›)")
"""A breadcrumb: the site's home and a path separator (`首页 > 政策文件 >`)."""
LEAD_IN_END = ("如下：", "如下:", "如下。", "全文如下", "原文如下", "内容如下", "通知如下：")
"""How a portal's sentence introducing the document it reposts ends."""


@cache
def words() -> dict[str, tuple[str, ...]]:
    """Furniture words by where they stand: `head`, `tail` (after the document), `both`."""
    out: dict[str, list[str]] = {"head": [], "tail": [], "both": [], "tail-strong": []}
    for row in DATA.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        where, word = row.split("\t", 1)
        out[where].append(word.strip())
    return {k: tuple(v) for k, v in out.items()}


def _squeezed(line: str) -> str:
    return re.sub(r"\s+", "", line)


def is_head_furniture(line: str) -> bool:
    """A line a portal prints above a document (byline, timestamp, tools, breadcrumb, bullet)."""
    s = line.strip()
    if not s or len(s) > MAX_FURNITURE_LINE:
        return False
    if TIMESTAMP.fullmatch(s):
        return True
    bare = BULLET.sub("", s, count=1) if BULLET.match(s) else s
    if LABEL.match(bare) or any(bare.startswith(w) for w in OTHER_LABELS):
        return True
    if BREADCRUMB.search(s):
        return True
    flat = _squeezed(s)
    w = words()
    return any(word in flat for word in w["head"] + w["both"])


def is_lead_in(line: str) -> bool:
    """A portal's sentence that introduces the document below it (`…印发通知，全文如下：`)."""
    s = _squeezed(line)
    return s.endswith(LEAD_IN_END)


def tail_marker(line: str, strong_only: bool = False) -> bool:
    """A line that starts what follows a document: related articles, links, comments, footer."""
    flat = _squeezed(line)
    if not flat or len(flat) > MAX_TAIL_LINE or flat.endswith(("。", "；", "，", ";", ",")):
        return False  # a sentence that happens to open with 相关信息 is body text
    w = words()
    if any(flat.startswith(word) for word in w["tail-strong"]):
        return True
    if strong_only:
        return False
    return any(flat.startswith(word) for word in w["tail"] + w["both"])


def tail_inside(line: str) -> int:
    """Where a strong tail marker glued to the end of a text line starts (`…执行。相关解读…`), or -1."""
    best = -1
    for word in words()["tail-strong"]:
        at = line.find(word)
        while at > 0:
            if line[at - 1] in "。！？>）)” " and (best < 0 or at < best):
                best = at
                break
            at = line.find(word, at + 1)
    return best
