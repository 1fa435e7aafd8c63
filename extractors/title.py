"""The document's own title (标题) as printed, joined when it is broken over lines.

Cascade (first wins):
  1. the heading of the 版头: the nearest line above the 主送 line (or, without one, above
     the first body paragraph) that ends with a 文种 (通知, 意见, 方案 ...), together with the
     short unpunctuated lines right above it that continue it (gov.cn prints
     `国务院关于2018年度` / `国家科学技术奖励的决定`);
  2. the page metadata title (标题, ArticleTitle: a crawler or CMS headline); it goes first
     when the heading found shares less than half its characters with it (another heading).
A heading printed after the body (an attached plan's own heading) is not this document's
title. Layout spaces between characters are dropped (`几 个 问 题 的 通 知`), and so is a
file extension a download page appends (`…工作意见.doc`).
"""
from __future__ import annotations

import re
from collections import Counter

from extractors.base import found
from extractors.dates import date_line
from extractors.doc_number import find_numbers
from extractors.parties import recipient_line
from pipeline.structure.cover import standard_cover
from pipeline.structure.doctypes import doc_type_of, doc_types
from pipeline.structure.labels import FALLBACK_LABELS
from pipeline.structure.lines import OUTLINE, Line, body_start, doc_lines, is_org, squeeze
from pipeline.types import Document, Found, Span

FILE_EXT = re.compile(r"\.(?:docx?|wps|pdf|xlsx?|et|txt|rar|zip)$", re.I)
QUOTED = re.compile(r"《[^》]*》|（[^）]*）|\([^)]*\)")
STATUS = re.compile(r"[（(][^（）()]{1,20}[）)]")  # `（征求意见稿）` printed on its own line under a title
CONTENTS = re.compile(r"目\s*录$")
SUBTITLE = ("——", "—", "--")
KEYWORDS = re.compile(r"\S{2,} +\S+ +\S")  # a 主题词 line: `体育 运动会 函`
LABEL_ENDS = ("编号", "序号", "文号", "索引号")  # `指导原则编号` above a title is a form field
ATTACHMENT_MARK = re.compile(r"附\s*[件表]\s*\d{0,2}$")
SITE_ENDS = ("网", "网站", "在线", "搜索", "首页", "门户", "频道")  # a portal's name or tool, not part of a title
COMPLETE = re.compile(r"^(\S{2,}?)(?:关于|有关|印发|转发)")  # issuer + 关于…: the line is a whole title
MAX_END_LINE = 90  # a one-line portal headline can be long
MAX_CONTINUATION = 40  # each line of a title broken over lines is short
MAX_LINES = 5
MIN_AGREEMENT = 0.5


BREADCRUMB = re.compile(r"^(?:首页|主页|网站首页|当前位置|您现在的位置|您的位置|位置)[：:]?(?:[^>»＞›\n]{0,30}[>»＞›])+\s*")
"""A breadcrumb a portal printed on the headline's line (`首页 > 政策文件 > 关于…的通知`)."""
ORDER_HEAD = re.compile(r"令$")
ORDER_NUMBER = re.compile(r"第\s*\d{1,5}\s*号$")
ORDER_INLINE = re.compile(r"(?:令|公告)\s*[（(]?第\s*[\d一二三四五六七八九十百零〇]{1,5}\s*号[）)]?$")
PROMULGATED = re.compile(r"《(?P<name>[^《》\n]{2,60})》(?:已|业经|经)")
"""`《河北省中小企业促进条例》已由…通过，现予公布`: the text a 令 or 公告 promulgates, by name."""
AFTER_ORDER = 8  # lines of a 令 (number, 公布 sentence, signer, date) before the heading it promulgates


LEADING_ATTACHMENT = re.compile(r"^附\s*[件表]\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[：:—\-－]?|[：:—\-－])\s*(?=\S{4})")
"""`附件2反馈意见表`: the label marks the file as a notice's attachment; the title is what follows."""


def _clean(text: str) -> str:
    return LEADING_ATTACHMENT.sub("", FILE_EXT.sub("", BREADCRUMB.sub("", squeeze(text.strip()))))


def _title_piece(ln: Line) -> bool:
    """A short unpunctuated line that is no outline item, number or date: a piece of a title."""
    s = squeeze(ln.text)
    return (len(s) <= MAX_CONTINUATION and not re.search(r"[:：。；，>|]", QUOTED.sub("", s))
            and not OUTLINE.match(s) and not find_numbers(s) and date_line(ln) is None)


def _loose(ln: Line) -> bool:
    """A line in the middle of a title that itself ends with a 文种 word (`…记录制度`)."""
    return _title_piece(ln) and not squeeze(ln.text).startswith(NO_TITLE_START)


def _opens(ln: Line) -> bool:
    """A line that begins a title: `关于…` or `X关于…`."""
    s = _clean(ln.text)
    return len(s) <= MAX_CONTINUATION and (s.startswith("关于") or COMPLETE.match(s) is not None)


def _order_heading(ls: tuple[Line, ...], i: int) -> int | None:
    """The heading a 令 promulgates (`中华人民共和国国务院令 / 第707号 / 现公布… / 2018年12月18日 /
    X实施条例`): the 令's own line is its 版头, the document's title is printed after its date."""
    inline = ORDER_INLINE.search(_clean(ls[i].text))  # `国家知识产权局局长令（第30号）` on one line
    if not inline and not (ORDER_HEAD.search(_clean(ls[i].text)) and i + 1 < len(ls) and ORDER_NUMBER.fullmatch(
            squeeze(ls[i + 1].text))):
        return None
    first = i + (1 if inline else 2)
    for j in range(first, min(len(ls), first + AFTER_ORDER)):
        if date_line(ls[j]) and j + 1 < len(ls) and _is_end_line(ls[j + 1]):
            return j + 1
    if i > 0 and _is_end_line(ls[i - 1]) and not ORDER_HEAD.search(_clean(ls[i - 1].text)):
        return i - 1  # no heading after the 令's date (a dump ran it into 第一章): the one printed above
    return None


def _is_end_line(ln: Line) -> bool:
    s = _clean(ln.text)
    bare = QUOTED.sub("", s)  # a colon inside 《…》 belongs to the cited name
    return (len(s) <= MAX_END_LINE and doc_type_of(s) is not None and not re.search(r"[:：。；，]", bare)
            and not OUTLINE.match(s) and "\t" not in ln.text)  # a table row (…\t修改意见) is no heading


def _continues(ln: Line) -> bool:
    s = squeeze(ln.text)
    return (_title_piece(ln) and not KEYWORDS.search(ln.text)
            and not s.endswith(tuple(w for w in doc_types() if len(w) > 1) + LABEL_ENDS)
            and not re.search(r"\d{4}[-/年]\d{1,2}", s) and not s.startswith(("（", "("))
            and not ATTACHMENT_MARK.match(s) and not re.fullmatch(r"[\d\s.\-/]+", s)
            and not s.endswith(SITE_ENDS))


# how a title's later line may begin but a title never does: `(2023—2025年)的通知`, `的通知`
NO_TITLE_START = ("（", "(", "的", "〔", "[", "》")


def _completes(line: Line, above: Line) -> bool:
    """`line` cannot begin a title and `above` begins one (`关于印发…行动计划`, `X关于…`):
    one title, although `above` ends with a document type as a whole title would."""
    up = _clean(above.text)
    return (squeeze(line.text).startswith(NO_TITLE_START) and len(up) <= MAX_CONTINUATION
            and (up.startswith("关于") or COMPLETE.match(up) is not None)
            and not re.search(r"[:：。；，]", QUOTED.sub("", up)))


def _repeats(above: Line, block: tuple[Line, ...]) -> bool:
    """`above` prints the title the block below it prints (broken over lines or not)."""
    joined = "".join(_clean(b.text) for b in block)
    return _clean(above.text).endswith(joined)


def _reach_opening(ls: tuple[Line, ...], first: int, end: int, whole: bool) -> int:
    """Join up to the line that opens the title when the lines between only end like a 文种
    (`国务院办公厅关于全面推行 / 行政执法公示制度执法全过程记录制度 / 重大执法…的指导意见`)."""
    if whole or _opens(ls[first]):
        return first
    j = first - 1
    while j >= 0 and end - j < MAX_LINES:
        if not _loose(ls[j]):
            return first
        if _opens(ls[j]):
            return j
        j -= 1
    return first


def heading(doc: Document) -> tuple[Span, str] | None:
    """The printed title block above the 主送 line or the first body paragraph."""
    ls = doc_lines(doc)
    rec = recipient_line(doc)
    stop = next((i for i, ln in enumerate(ls) if ln.start >= rec.start), len(ls)) if rec else body_start(ls)
    # a table of contents lists headings that end like titles: look above it only
    stop = next((i for i, ln in enumerate(ls[:stop]) if CONTENTS.fullmatch(ln.text.replace(" ", ""))), stop)
    for i in range(stop - 1, -1, -1):
        if not _is_end_line(ls[i]):
            continue
        promulgated = _order_heading(ls, i)
        if promulgated is not None:
            ln = ls[promulgated]
            return Span(ln.start, ln.end), _clean(ln.text)
        named = PROMULGATED.match(ls[i + 1].text) if ORDER_INLINE.search(_clean(ls[i].text)) and i + 1 < len(ls) else None
        if named:  # no heading printed after the 公告's date: the name it promulgates
            a = ls[i + 1].start + named.start("name")
            return Span(a, a + len(named.group("name"))), named.group("name")
        first = i
        if ls[i].text.startswith(SUBTITLE) and i > 0 and _is_end_line(ls[i - 1]):
            first = i - 1  # `——副题` under the main title
        lead = COMPLETE.match(_clean(ls[i].text))
        whole = lead is not None and all(is_org(p) for p in lead.group(1).split("、"))  # joint issuers too
        while not whole and first > 0 and i - first < MAX_LINES - 1 and (
                _continues(ls[first - 1]) or _completes(ls[first], ls[first - 1])):
            if _repeats(ls[first - 1], ls[first:i + 1]):
                break  # the same title printed once more above (a page heading over the document's own)
            if _clean(ls[first].text).startswith("关于"):
                # above `关于…` only the issuer's name belongs to the title (not a site heading)
                if all(is_org(p) for p in _clean(ls[first - 1].text).split("、")):
                    first -= 1
                break
            first -= 1
        first = _reach_opening(ls, first, i, whole)
        while first > 0 and _unopened(ls[first:i + 1]) and "《" in ls[first - 1].text:
            first -= 1  # `《…指导原则` over `（征求意见稿）》意见反馈表`: the 《 opens on the line above
        below = _clean(ls[i + 1].text) if i + 1 < stop else ""
        # a status line (（征求意见稿）) completes the title; the document number in brackets does not
        last = i + 1 if STATUS.fullmatch(below) and not find_numbers(below) else i
        block = ls[first:last + 1]
        ext = FILE_EXT.search(ls[last].text)
        end = ls[last].end - (len(ext.group()) if ext else 0)
        return Span(block[0].start, end), "".join(_clean(b.text) for b in block)
    return None


def _unopened(block) -> bool:
    """The block closes a 《 it does not open."""
    text = "".join(ln.text for ln in block)
    return text.count("》") > text.count("《")


def _overlap(a: str, b: str) -> float:
    """Character-multiset F1 of two titles (a truncated or reworded headline still agrees)."""
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b)) if a and b else 0.0


def extract(doc: Document) -> list[Found]:
    page = [found("title", f.value, f.span, "pagemeta") for f in doc.values("page.title")]
    cover = standard_cover(doc)
    if cover and cover.title:
        return [found("title", cover.title[1], cover.title[0], "standard-cover"), *page]
    got = heading(doc)
    if not got:
        return page
    printed = found("title", got[1], got[0], "heading")
    own = [f for f in doc.values("page.title") if f.rule.removeprefix("label:") not in FALLBACK_LABELS]
    if own and _overlap(got[1], own[0].value) < MIN_AGREEMENT:
        return page + [printed]  # the heading found is some other heading: trust the page's title
    return [printed] + page
