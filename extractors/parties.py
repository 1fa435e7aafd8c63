"""Parties: 主送机关 (`recipients`) and 抄送机关 (`cc`).

recipients: the 主送 line of the 版头, i.e. the first line that ends with a colon, names
organisations (no sentence punctuation, no metadata label, no outline marker) and comes
before the body starts (the first outline heading or finished sentence). A 主送 wrapped
over two lines (first ends with 、 or ，) is joined; one run into the first body line (a page
that lost the break after the colon) is cut at the colon. cc: the 版记's `抄送：` line(s).
Both are split on 、，, (FORMAT.md) but never inside brackets; filing notes such as
存档 are not units, and a URL a portal injected into a name is dropped.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.base import found
from pipeline.structure.labels import is_label
from pipeline.structure.lines import OUTLINE, SENTENCE_END, Line, doc_text_lines, is_org, outside_spans
from pipeline.types import Document, Found, Span

COLONS = ("：", ":")
SEPARATORS = "、，,"
NOT_RECIPIENT = ("如下", "以下", "下列", "要求", "包括", "通知", "附件", "附表", "联系", "电话", "地址", "邮箱",
                 "主题词", "抄送", "抄报", "根据", "按照", "为了", "签发人", "来源", "印发", "说明", "名称", "姓名",
                 "存档", "归档", "/")  # 存档： an archive link's label (its URL dropped) on a saved page
FILING_NOTES = ("存档", "存", "归档", "留存", "备案", "本局存档", "本委存档")
CC_LABEL = re.compile(r"抄\s*[送报]\s*[:：]")
URL = re.compile(r"(?:https?://|www\.)[\w./\-?=&%]+", re.I)
MAX_LINE = 400
GLUED_MIN = 40  # a line this long that opens with a 主送 and its colon is the 主送 run into the body
# a whole notice run into one line, its signature date last: `…请认真贯彻执行。二○○○年二月二十一日`
BODY_THEN_DATE = re.compile(r"[。！？][^。！？\n]{4,14}日$")


def _label_line(text: str) -> bool:
    return is_label(text) or len(re.sub(r"\s+", "", text.rstrip("：:"))) < 2


def _candidate(text: str) -> bool:
    body = text[:-1]
    if len(body.strip()) <= 2 and not is_org(body):
        return False  # 原文：, 存档：, 链接：: a saved page's labels (你局： and 市委： are recipients)
    return (text.endswith(COLONS) and len(text) <= MAX_LINE and not _label_line(text)
            and not re.search("[。；;！？:：]", body) and not OUTLINE.match(text)
            and not any(w in body for w in NOT_RECIPIENT))


def recipient_line(doc: Document) -> Line | None:
    """The 主送 line (joined span when wrapped), or None."""
    return _recipient_line(doc.text, outside_spans(doc))


@lru_cache(maxsize=8)  # doc_number, title and issuer look for the same line
def _recipient_line(text: str, outside: tuple[Span, ...] = ()) -> Line | None:
    ls = doc_text_lines(text, outside)
    for i, ln in enumerate(ls):
        if OUTLINE.match(ln.text):
            return None  # the body started without a 主送 line
        if ln.text.endswith(SENTENCE_END) or BODY_THEN_DATE.search(ln.text) or len(ln.text) > MAX_LINE:
            return _glued(ln)  # the body started: with the 主送 run into its first line, or without one
        if len(ln.text) >= GLUED_MIN and _glued(ln):
            return _glued(ln)  # `各区卫生健康委：结合…，现将有关事项通知如下：` (a 主送 before a colon-ended sentence)
        if i + 1 < len(ls) and ln.text.endswith(("、", "，")) and _candidate(ln.text + ls[i + 1].text):
            nxt = ls[i + 1]
            return Line(ln.start, nxt.end, text[ln.start:nxt.end])
        if _candidate(ln.text):
            return ln
    return None


def _glued(ln: Line) -> Line | None:
    """The 主送 at the head of the first body line, when a page's text lost the line break after
    its colon (`各省中医药管理部门，新疆生产建设兵团卫生局: 8月31日，我局…`): the part before
    the first colon must read as a 主送 and open with 各 or name only organisations."""
    m = re.search("[：:]", ln.text)
    if not m or m.end() == len(ln.text):
        return None
    head = ln.text[:m.end()]
    names = [p for p in re.split(f"[{SEPARATORS}]", head[:-1]) if p.strip()]
    if _candidate(head) and names and (head.startswith("各") or all(_addressee(p) for p in names)):
        return Line(ln.start, ln.start + m.end(), head)
    return None


ADDRESSEE_ENDS = ("市", "省", "县", "区", "州", "盟", "旗", "单位", "部门", "机构", "院校", "高校", "学校", "企业",
                  "医院", "组织", "团体")
"""How the parts of a 主送 end besides an organisation's suffix: places (`北京市、天津市…`) and
kinds of bodies (`有关单位`, `各普通高校`)."""
_BRACKETED = re.compile(r"[（(][^（）()]{0,20}[）)]")


def _addressee(piece: str) -> bool:
    """One part of a 主送 list: an organisation, a place, or a kind of body (`职业院校（含技工院校）`)."""
    p = _BRACKETED.sub("", piece.strip())
    return 2 <= len(p) <= 40 and (is_org(p) or p.endswith(ADDRESSEE_ENDS) or p.startswith(("各", "有关")))


def split_names(doc: Document, span: Span) -> list[tuple[Span, str]]:
    """Pieces of a list of organisations, split outside brackets, with their spans."""
    text, out, depth, start = doc.text, [], 0, span.start
    for i in range(span.start, span.end + 1):
        ch = text[i] if i < span.end else "、"
        if ch in "（(【〔[":
            depth += 1
        elif ch in "）)】〕]":
            depth = max(0, depth - 1)
        elif (ch in SEPARATORS or ch == "\n") and depth == 0:
            piece = text[start:i]
            value = URL.sub("", re.sub(r"\s+", "", piece)).strip("。.；; ")
            lead = len(piece) - len(piece.lstrip())
            if value:
                out.append((Span(start + lead, start + len(piece.rstrip())), value))
            start = i + 1
    return out


def recipients(doc: Document) -> list[Found]:
    ln = recipient_line(doc)
    if ln is None:
        return []
    span = Span(ln.start, ln.end - 1)  # without the colon
    return [found("recipients", v, s, "main-line") for s, v in split_names(doc, span)]


def cc(doc: Document) -> list[Found]:
    out: list[Found] = []
    for m in CC_LABEL.finditer(doc.text):
        end = doc.text.find("\n", m.end())
        end = len(doc.text) if end < 0 else end
        # a long 抄送 list wraps: keep going while a line ends with a separator
        while doc.text[end - 1:end] in SEPARATORS and end < len(doc.text):
            nxt = doc.text.find("\n", end + 1)
            end = len(doc.text) if nxt < 0 else nxt
        for s, v in split_names(doc, Span(m.end(), end)):
            if re.sub(r"[（(][^）)]*[）)]$", "", v) not in FILING_NOTES:
                out.append(found("cc", v, s, "cc-line"))
    return out


def extract(doc: Document) -> list[Found]:
    return recipients(doc) + cc(doc)
