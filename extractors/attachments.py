"""Attachments (附件说明): the names listed after `附件：` / `附表：` / `附：`, without numbering.

The first such block is the 附件说明 (GB/T 9704 prints it after the body); later `附件1`
headings start the attachment bodies and are not read again. An item is the label line's own
text (`附件：1.xxx 2、xxx`) or a numbered line under it (`1．xxx`, `附表2《xxx》`); an item
broken over lines is joined while it does not yet end like a document name or a file name
(one a line, unnumbered, file names are separate items). Each value drops
its numbering, a wrapping 《》 and a download's file extension (`….doc`).
"""
from __future__ import annotations

import re

from extractors.base import found, search_spans
from extractors.dates import date_line
from pipeline.structure.doctypes import doc_types
from pipeline.structure.lines import Line, doc_lines, is_org, squeeze
from pipeline.types import Document, Found, Span

LABEL = re.compile(r"附\s*(?:(?P<kind>[件表])\s*(?P<n>\d{1,2})?\s*(?P<p>[.．、:：])?|[:：])")
STYLES = {"fujian": r"附\s*[件表]\s*\d{1,2}", "arabic": r"\d{1,2}\s*[.．、]",
          "chinese": r"[一二三四五六七八九十]{1,2}\s*[.．、]", "paren": r"[（(]\d{1,2}[）)]"}
NUMBERED = re.compile("(?:" + "|".join(f"(?P<{k}>{v})" for k, v in STYLES.items()) + r")\s*[、.．:：]?\s*")
SAME_STYLE = {"fujian": "arabic"}  # `附件1.xxx` then `2.xxx` is one list
INLINE_SPLIT = re.compile(r"(?:\s+|[；;，,]\s*)(?=\d{1,2}\s*[.．、])")
FILE_EXT = re.compile(r"\.(?:docx?|wps|pdf|xlsx?|et|rar|zip)$", re.I)
SENTENCE = re.compile(r"[，。；;]")
NAME_ENDS = ("表", "书", "单", "册", "录", "图", "证明", "材料", "指标", "坐标", "汇编", "大纲", "手册")
QUALIFIER = re.compile(r"\s*(?:[（(][^（）()]{1,20}[）)]\s*)?")
MAX_NAME = 80
MAX_CONTINUATION = 30
MAX_JOINED = 2  # lines a wrapped name may add


def _label(ln: Line) -> re.Match[str] | None:
    m = LABEL.match(ln.text)
    if not m:
        return None
    rest = ln.text[m.end():].strip()
    if m.group("kind") and not (m.group("n") or m.group("p")) and rest:
        return None  # `附件所列材料…` is a sentence, not a label
    if _sentence(INLINE_SPLIT.sub("", rest)) or len(rest) > MAX_NAME:
        return None  # `附件：为方便医生操作，…` defines a word
    return m


def _sentence(text: str) -> bool:
    """Punctuation inside (not closing) the text: a sentence, not a name."""
    return bool(SENTENCE.search(text.rstrip("；;。，, ")))


def _style(text: str) -> str | None:
    m = NUMBERED.match(text)
    return SAME_STYLE.get(m.lastgroup, m.lastgroup) if m and m.lastgroup else None


def _finished(name: str) -> bool:
    return name.endswith(NAME_ENDS) or name.endswith(doc_types()) or name.endswith(("）", ")", "》", "”", '"'))


def _file_name(text: str) -> bool:
    """A download's name (`粤卫通〔2016〕4号.pdf`): complete, whatever it ends with before the extension."""
    return FILE_EXT.search(text.strip()) is not None


def _continues(ln: Line) -> bool:
    s = ln.text
    return (len(s) <= MAX_CONTINUATION and not NUMBERED.match(s) and not LABEL.match(s) and not is_org(s)
            and date_line(ln) is None and not re.search(r"[。；;:：，]", s))


def clean(text: str) -> str:
    """An attachment name without numbering, wrapping 《》, extension or trailing punctuation."""
    s = squeeze(NUMBERED.sub("", text.strip(), count=1)).strip(" ；;。，,")
    s = FILE_EXT.sub("", s)
    if s.startswith("《") and s.count("》") == 1 and QUALIFIER.fullmatch(s[s.index("》") + 1:]):
        close = s.index("》")  # a wrapping 《》, a bracketed qualifier after it or not (NOTES-D1 bjzyj_10);
        s = s[1:close] + s[close + 1:]  # one around part of a name stays (`《课题成果报告》模板`, NOTES-W1)
    return s.strip()


def _items(doc: Document, first: Line, rest: list[Line]) -> list[list]:
    """[start, end, text, joined lines] of each listed name."""
    m = _label(first)
    items: list[list] = []
    inline_at = first.start + m.end()
    inline = doc.text[inline_at:first.end]
    pos = inline_at
    for part in INLINE_SPLIT.split(inline) if inline.strip() else []:
        at = doc.text.index(part, pos)
        items.append([at, at + len(part), part, 0])
        pos = at + len(part)
    if not inline.strip() and m.group("n") and not m.group("p"):
        # a bare `附件1` heads the attachment body: its next line is the name, if it reads as one
        nxt = rest[:1]
        return [[nxt[0].start, nxt[0].end, nxt[0].text, 0]] if nxt and _finished(clean(nxt[0].text)) else []
    style = (_style(items[0][2]) if items else None) or ("arabic" if m.group("n") else None)
    for ln in rest:
        again = _label(ln) if items and not m.group("n") else None
        if again and not again.group("n") and ln.text[again.end():].strip():
            # `附件：A` then `附件：B`: one label a line, as download links are listed
            at = ln.start + again.end()
            items.append([at, ln.end, doc.text[at:ln.end], 0])
            continue
        if NUMBERED.match(ln.text):
            if not clean(ln.text) or _sentence(ln.text) or (style and _style(ln.text) != style):
                break  # a bare `附件1` heading, a sentence, or the attachment's own outline
            style = style or _style(ln.text)
            items.append([ln.start, ln.end, ln.text, 0])
        elif items and _file_name(items[-1][2]) and _file_name(ln.text) and _continues(ln):
            items.append([ln.start, ln.end, ln.text, 0])  # download links listed one a line, unnumbered
        elif (items and items[-1][3] < MAX_JOINED and not _finished(clean(items[-1][2]))
              and not _file_name(items[-1][2]) and _continues(ln)):
            items[-1][1], items[-1][2], items[-1][3] = ln.end, items[-1][2] + ln.text, items[-1][3] + 1
        elif not items and not inline.strip() and _continues(ln):
            items.append([ln.start, ln.end, ln.text, 0])
        else:
            break
    return items


def _first_content_line(doc: Document, ls: tuple[Line, ...]) -> int:
    """Index of the document's first line below the page metadata (收录来源：… of a crawl)."""
    meta = doc.zone("pagemeta")
    return next((i for i, ln in enumerate(ls) if not any(z.start <= ln.start < z.end for z in meta)), len(ls))


def extract(doc: Document) -> list[Found]:
    ls = doc_lines(doc)
    # the document's own first line `附件2` / `附件：` over its title marks the file as the
    # attachment of a cover notice printed elsewhere: its title is not its attachment (NOTES-X1)
    for i in range(_first_content_line(doc, ls) + 1, len(ls)):
        if _label(ls[i]):
            out = []
            for start, end, text, _ in _items(doc, ls[i], ls[i + 1:]):
                value = clean(text)
                numbering = NUMBERED.match(text.lstrip())
                at = start + (len(text) - len(text.lstrip())) + (numbering.end() if numbering else 0)
                if value:
                    out.append(found("attachments", value, Span(min(at, end), end), "attachment-list"))
            return out
    return _inline(doc)


INLINE_REF = re.compile(r"《(?P<name>[^《》\n]{2,60})》(?:电子版|纸质版)?[（(]见?附件\s*(?P<n>\d{1,2})?[）)]")
"""`提交《验收总结报告》（附件3）`: a document whose 附件说明 was lost (a flattened page) still names
its attachments where the body cites them (NOTES-T1)."""


def _inline(doc: Document) -> list[Found]:
    seen: dict[str, Found] = {}
    for zone in doc.zone("body") or search_spans(doc):
        for m in INLINE_REF.finditer(doc.text, zone.start, zone.end):
            name = squeeze(m.group("name"))
            if name not in seen:
                seen[name] = found("attachments", name, Span(m.start("name"), m.end("name")), "inline-reference")
    return list(seen.values())
