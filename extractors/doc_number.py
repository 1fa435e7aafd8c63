"""Document numbers (发文字号): every one printed (`doc_number.mention`) and the document's own.

Forms: 机关代字〔年份〕序号号 with any bracket pair (〔〕 [] () （） 【】 ［］), spaces inside, wrong or
masked years (〔201〕, 〔20xx〕, 〔二〇一五〕); 机关代字+年+号 (`京卫发2018年6号`); 令 forms
(`卫生部令第52号`, `卫生计生委第15号令`); announcement numbers 公告/通告 + 年第N号 (NOTES-X1):
`国家药品监督管理局公告2021年第122号`, `总局2014年第9号通告`, an organisation + `2015年第50号`, and
a bare `2022年第28号` right after the 公告/通告 it numbers (`…的公告(2022年第28号)`). Bracketed
values are written with 〔〕 and 号, everything else as printed. Court case numbers
(`(2024)湛仲字第2342号`: the year comes before the 代字) and standard numbers (GB 50180) do not match.

Own number cascade (first wins):
  1. the page metadata (发文字号);
  2. a line holding only a number in the 版头: before the 主送 line, or before the first
     signature date when there is no 主送 line (a forwarded notice's number comes later);
  3. the 令 number on a law's promulgation line (`2003年8月5日 国务院令第386号公布`).
"""
from __future__ import annotations

import re

from extractors.base import found
from pipeline.structure.lines import body_start, doc_lines, is_org
from pipeline.types import Document, Found, Span

OPEN, CLOSE = "〔[(（【［", "〕])）】］"
YEAR = r"\d{4}|\d{3}|\d{2}[xX*＊]{2}|[xX]{4}|[〇○零O一二三四五六七八九]{4}"
CN_NUM = "[一二三四五六七八九十百零〇]{1,6}"
BRACKETED = re.compile(rf"[{re.escape(OPEN)}] *(?P<year>{YEAR}) *[{re.escape(CLOSE)}] *(?P<di>第?) *(?P<num>\d{{1,5}}) *[号號]")
YEAR_FORM = re.compile(r"[发字函](?:19|20)\d{2}年\d{1,4}[号號]")
_LING_NUMBER = rf"(?:(?:19|20)\d{{2}} *年 *)?第 *(?:\d{{1,5}}|{CN_NUM}) *[号號]"
_SERIAL = rf"第 *(?:\d{{1,5}}|{CN_NUM}) *[号號]"
# `…常务委员会公告（第一二六号）` too; a 公告 with a year (公告2022年第28号) is an ANNOUNCE number
LING = re.compile(rf"令[ \n]*(?:{_LING_NUMBER}|[（(]{_LING_NUMBER}[）)])|公告[ \n]*(?:{_SERIAL}|[（(]{_SERIAL}[）)])")  # `卫生部令` over `第80号` too
LING_AFTER = re.compile(rf"第 *(?:\d{{1,5}}|{CN_NUM}) *[号號] *令")
ANNOUNCE = re.compile(r"(?:19|20)\d{2} *(?:年 *第?|第) *\d{1,4} *[号號](?P<after> *(?:公告|通告))?")  # 公告2017第104号 too
ANNOUNCE_WORDS = ("公告", "通告")
BARE_GAP = " 　》)）(（:：【[“\""  # between …的公告 and its bare number: `公告》（2021年第122号）`
# 原 (former) before a renamed national body is not part of the name: 原国家食品药品监督管理总局.
FORMER = "原"
FORMER_OF = ("国家", "国务院", "卫生部", "中华人民共和国")

PREFIX_CHAR = re.compile(r"[\u4e00-\u9fffxX]")
MAX_PREFIX = 16
MAX_LING_PREFIX = 40  # joint orders name two bodies: 国家食品药品监督管理总局与…委员会令第25号
# words that end a phrase before a number: `根据国办发…`, `国家中医药管理局文件卫医发…`
STOP_WORDS = ("根据", "依据", "按照", "依照", "参照", "遵照", "对照", "文件", "印发", "转发", "执行", "贯彻",
              "落实", "通知", "精神", "规定", "要求", "关于", "详见", "参见", "参考", "参照",
              # a reply names the asker's own number after a pronoun (`你市衡政〔2004〕3号`)
              "你市", "你省", "你区", "你县", "你局", "你委", "你厅", "你部", "你院", "你办", "你们", "你单位",
              "我市", "我省", "我区", "我县", "我局", "我委", "我厅", "我部", "我院", "我办", "本市", "本省")
STOP_CHARS = "的和及与或见据按将要在由从以是为即可应须并请如等"
LING_STOP_CHARS = "的以将经由为在于"  # 令 issuers are full names: 国家卫生和计划生育委员会令
SIGNER = "签发人"
LIST_MARKS = "-*•·"  # a Markdown rendering prints the number as a list item


def _prefix_start(text: str, at: int, limit: int, chars: str) -> int:
    """Where the 机关代字 before `at` starts (== at when there is none)."""
    start = at
    while start > 0 and at - start < limit and PREFIX_CHAR.match(text, start - 1):
        start -= 1
    if start > 0 and text[start - 1].isdigit() and text[start] in "年月日号":
        start += 1  # `2023年8月16日中华人民共和国国务院令…`: the date's 日 is not the 代字's
    prefix = text[start:at]
    cut = max((prefix.rfind(w) + len(w) for w in STOP_WORDS if w in prefix), default=0)
    cut = max([cut] + [prefix.rfind(c) + 1 for c in chars if c in prefix])
    return start + cut


def _value(text: str, start: int, m: re.Match[str]) -> str:
    if m.re is BRACKETED:
        return f"{text[start:m.start()]}〔{m.group('year')}〕{m.group('di')}{m.group('num')}号"
    value = re.sub(r"\s+", "", text[start:m.end()]).replace("號", "号")
    if m.re is LING:  # `局长令（第30号）` is written 局长令第30号
        value = re.sub(r"(令|公告)[（(](.*号)[）)]$", r"\1\2", value)
    return value


def _joint_start(text: str, start: int) -> int:
    """A joint order's first issuer before a 、 or a space (`国家食品药品监督管理总局、…委员会令第25号`)."""
    while start > 1 and text[start - 1] in "、 ":  # `国家食品药品监督管理总局 中华人民共和国…委员会令第25号` too
        before = _prefix_start(text, start - 1, MAX_LING_PREFIX, LING_STOP_CHARS)
        if before >= start - 1 or not is_org(text[before:start - 1]):
            break
        start = before
    return start


def _org_before(text: str, at: int) -> int | None:
    """Start of the organisation name that ends at `at` (spaces skipped), or None."""
    while at > 0 and text[at - 1] == " ":
        at -= 1
    start = _prefix_start(text, at, MAX_LING_PREFIX, LING_STOP_CHARS)
    if text.startswith(FORMER, start) and text.startswith(FORMER_OF, start + 1):
        start += 1
    return start if start < at and is_org(text[start:at]) else None


def announcements(text: str, lo: int, hi: int) -> list[tuple[Span, str]]:
    """(span, value) of every 公告/通告 number: with its issuer when printed, else bare."""
    out = []
    for m in ANNOUNCE.finditer(text, lo, hi):
        y = m.start()
        word = text[max(0, y - 2): y] in ANNOUNCE_WORDS
        org = _org_before(text, y - 2 if word else y)
        if "第" not in m.group() and not word:
            continue  # `通告2009年16号` lacks its 第 only right after its word
        gap = y
        while gap > 0 and text[gap - 1] in BARE_GAP:
            gap -= 1
        if org is not None:
            span = Span(_joint_start(text, org), m.end())
        elif word:
            span = Span(y - 2, m.end())  # `通告2016年第70号`: printed with its word, kept with it
        elif m.group("after") or text[max(0, gap - 2): gap] in ANNOUNCE_WORDS:
            span = Span(y, m.start("after") if m.group("after") else m.end())  # the number alone
        else:
            continue  # 2007年第23号 alone is an issue of a gazette, not a document
        out.append((span, re.sub(r"\s+", "", span.of(text)).replace("號", "号")))
    return out


def find_numbers(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[Span, str, str]]:
    """(span, value, rule) of every document number in text[lo:hi], in text order."""
    hi = len(text) if hi is None else hi
    out: list[tuple[Span, str, str]] = []
    for pattern, rule in ((BRACKETED, "bracketed"), (YEAR_FORM, "year-form"), (LING, "ling"),
                          (LING_AFTER, "ling-after")):
        ling = pattern in (LING, LING_AFTER)
        for m in pattern.finditer(text, lo, hi):
            at = m.start() + 1 if pattern is YEAR_FORM else m.start()
            start = _prefix_start(text, at, MAX_LING_PREFIX if ling else MAX_PREFIX,
                                  LING_STOP_CHARS if ling else STOP_CHARS)
            if start >= m.start():
                continue  # no 机关代字: a bracketed year or `第5号` alone is not a number
            if ling:
                start = _joint_start(text, start)
            span = Span(start, m.end())
            if not any(span.overlaps(s) for s, _, _ in out):
                out.append((span, _value(text, start, m), rule))
    for span, value in announcements(text, lo, hi):
        if not any(span.overlaps(s) for s, _, _ in out):
            out.append((span, value, "announcement"))
    return sorted(out, key=lambda t: t[0].start)


def parse_number(text: str) -> str | None:
    """The normalized number that `text` starts with."""
    got = find_numbers(text.strip())
    return got[0][1] if got and got[0][0].start == 0 else None


def key(value: str) -> str:
    """Comparable form: brackets unified, spaces dropped."""
    return re.sub(r"\s+", "", value).translate(str.maketrans(OPEN + CLOSE, "〔" * 6 + "〕" * 6)).replace("號", "号")


def _header_end(doc: Document) -> int:
    from extractors.dates import signature_dates  # dates reads this module's mentions
    from extractors.parties import recipient_line

    rec = recipient_line(doc)
    if rec is not None:
        return rec.start
    ls = doc_lines(doc)
    start = body_start(ls)
    body = ls[start].start if start < len(ls) else len(doc.text)
    return min([body] + [ln.start for _, ln, _, _ in signature_dates(doc)])


def header_numbers(doc: Document, numbers: list[tuple[Span, str, str]]) -> list[Found]:
    """Numbers printed alone on a line in the 版头."""
    end = _header_end(doc)
    out = []
    for ln in (ln for ln in doc_lines(doc) if ln.end <= end):
        inner = [n for n in numbers if ln.start <= n[0].start and n[0].end <= ln.end]
        if len(inner) != 1:
            continue
        span, value, _ = inner[0]
        before = doc.text[ln.start:span.start].replace(" ", "").lstrip(LIST_MARKS)
        rest = before + doc.text[span.end:ln.end].replace(" ", "")
        if rest.strip(OPEN + CLOSE) == "" or rest.startswith(SIGNER):
            out.append(found("doc_number", value, span, "header-line"))
    return out


def promulgation(doc: Document, numbers: list[tuple[Span, str, str]]) -> list[Found]:
    """A 令 number on a law's `2003年8月5日 国务院令第386号公布` line is the law's own number."""
    from extractors.dates import enactments

    out = []
    for verb, _span, _value, ln in enactments(doc):
        inner = [n for n in numbers if ln.start <= n[0].start and n[0].end <= ln.end and n[2].startswith("ling")]
        if verb != "通过" and inner:
            out.append(found("doc_number", inner[0][1], inner[0][0], "promulgation"))
        by_notice = ISSUED_WITH.search(ln.text) if verb in ("印发", "发布", "公布") else None
        if by_notice:  # `最高人民法院以法发〔1993〕15号通知印发`: the issuing notice's number
            at = ln.start + by_notice.start("number")
            for span, value, rule in numbers:
                if span.start >= at and span.end <= ln.end and rule == "bracketed":
                    out.append(found("doc_number", value, span, "issued-with"))
                    break
        notice = ANNOUNCED_BY.search(ln.text) if verb == "公布" else None
        if notice and is_org(notice.group("org")):
            at = ln.start + notice.start()
            out.append(found("doc_number", notice.group("number"), Span(at, at + len(notice.group("number"))),
                             "promulgation"))
    return out


ISSUED_WITH = re.compile(r"以(?P<number>[^，。；\n以]{2,30}?[号號])(?:通知|文件|令)?(?:印发|发布|公布)[）)]?$")
"""A header line saying which notice issued the text (`…以法发〔1993〕15号通知印发`): its number is the
document's own (the notice and the text it issues are one document, FORMAT.md)."""

ANNOUNCED_BY = re.compile(r"(?:(?<=日)|(?<![\u4e00-\u9fff]))(?P<number>(?P<org>(?![年月日])[\u4e00-\u9fff]{4,40}?)公告第[一二三四五六七八九十百零〇\d]{1,5}号)公布")
"""A local regulation promulgated by its standing committee's 公告 (`…常务委员会公告第1号公布`):
the 公告's number is the regulation's own (NOTES-W2)."""


ORDER_LINES = 3  # a 令's number heads the page: `中华人民共和国国务院令第535号《…》已经…通过`


def order_header(doc: Document, numbers: list[tuple[Span, str, str]]) -> list[Found]:
    """A 令 number that opens one of the document's first lines is the 令's own number, even when
    the text of the 令 runs on after it on that line (a text dump)."""
    starts = {ln.start for ln in doc_lines(doc)[:ORDER_LINES]}
    for span, value, rule in numbers:
        if rule.startswith("ling") and span.start in starts:
            return [found("doc_number", value, span, "order-header")]
    return []


def extract(doc: Document) -> list[Found]:
    numbers = find_numbers(doc.text)
    own = [found("doc_number", f.value, f.span, "pagemeta") for f in doc.values("page.doc_number")]
    own += order_header(doc, numbers) + header_numbers(doc, numbers) + promulgation(doc, numbers)
    return own + [found("doc_number.mention", value, span, rule) for span, value, rule in numbers]
