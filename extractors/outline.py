"""Outline: numbered sections (一、 （一） 1. （1） ① 第X章/条/部分/阶段 1.1) and directives.

Levels come from marker styles in order of appearance, the way a reader sees them: a
style already open is a sibling (and closes everything deeper), a new style is a child.
A marker counts only when it continues its style's numbering (1 after nothing, n+1
after n), which keeps cross-references such as "按（三）执行" and stray list numbers out.
Markers start a line or follow a sentence end (。；）), because some pages flatten a
whole plan into one line.

`section_at(doc, span)` gives the innermost section path for other extractors.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.base import found, search_spans
from pipeline.grammar.numerals import cn_int
from pipeline.types import Document, Found, Span

CN = "一二三四五六七八九十百"
# (style, pattern); the numeral is group "n". Order matters only for overlapping forms.
STYLES = (
    ("chapter", re.compile(rf"第(?P<n>[{CN}\d]+)章")),
    ("part", re.compile(rf"第(?P<n>[{CN}\d]+)(?:部分|阶段|篇)")),
    ("section", re.compile(rf"第(?P<n>[{CN}\d]+)节")),
    ("article", re.compile(rf"第(?P<n>[{CN}\d]+)条")),
    ("cn_dun", re.compile(rf"(?P<n>[{CN}]+)[、.．]")),
    ("cn_paren", re.compile(rf"[（(](?P<n>[{CN}]+)[）)]")),
    ("dec2", re.compile(r"(?P<n>\d{1,2}\.\d{1,2}\.\d{1,2})(?=[ \u3000]|[\u4e00-\u9fff])")),
    ("dec1", re.compile(r"(?P<n>\d{1,2}\.\d{1,2})(?=[ \u3000]|[\u4e00-\u9fff])")),
    ("ar_dot", re.compile(r"(?P<n>\d{1,2})[.．](?!\d)")),
    ("ar_dun", re.compile(r"(?P<n>\d{1,2})、")),
    ("dec0", re.compile(r"(?P<n>\d{1,2}) (?=[\u4e00-\u9fff]{2,12}\n)")),
    ("ar_paren", re.compile(r"[（(](?P<n>\d{1,2})[）)]")),
    ("circled", re.compile(r"(?P<n>[①-⑳])")),
)
# Where a marker may stand: a line start, or just after a sentence or a closing bracket.
MARKER_AT = re.compile(r"(?:^|(?<=[。；;）)]))[ \u3000]*(?=[第一二三四五六七八九十（(\d①-⑳])", re.M)
HEADING_END = re.compile(r"[。；;：:\n]")
SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
MODAL = re.compile(r"必须|务必|确保|不得|严禁|须|(?<![主重需必纲摘概只首])要(?![求点素件闻害是])|(?<![相对适供反响效感呼])应(?![用急对变])")
DIRECTIVE_CUE = re.compile(
    r"必须|务必|确保|负责|组织|完成|报送|报至|不得|严禁|须"
    r"|(?<![主重需必纲摘概只首])要(?![求点素件闻害是])"
    r"|(?<![相对适供反响效感呼])应(?![用急对变])")


@dataclass
class Node:
    style: str
    number: int
    marker: str
    start: int
    body: int  # where the text after the marker starts
    path: str
    end: int = 0
    leaf: bool = True


def _number(style: str, raw: str) -> int | None:
    if style == "circled":
        return ord(raw) - ord("①") + 1
    if style.startswith("dec"):
        return int(raw.split(".")[-1])
    return int(raw) if raw.isdigit() else cn_int(raw)


def _component(style: str, marker: str) -> str:
    """The path piece: 一、 -> 一, (二) -> （二）, 2. -> 2, 第三条 stays."""
    m = marker.strip().rstrip("、.．")
    return m.replace("(", "（").replace(")", "）")


def _first_chars(style: str) -> str:
    if style in ("chapter", "part", "section", "article"):
        return "第"
    if style.startswith(("dec", "ar_dot", "ar_dun")):
        return "0123456789"
    if style.endswith("paren"):
        return "（("
    return CN if style == "cn_dun" else "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1))


BY_FIRST = {c: tuple((s, p) for s, p in STYLES if c in _first_chars(s))
            for c in "第（(0123456789" + CN + "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1))}


def _markers(text: str, start: int, end: int):
    for at in MARKER_AT.finditer(text, start, end):
        pos = at.end()
        for style, pat in BY_FIRST.get(text[pos: pos + 1], ()):
            m = pat.match(text, pos, end)
            if m:
                n = _number(style, m.group("n"))
                if n:
                    yield style, n, m
                break


def parse(text: str, start: int, end: int) -> list[Node]:
    """The sections of text[start:end], in order, with their spans and paths."""
    nodes: list[Node] = []
    stack: list[Node] = []
    last: dict[str, int] = {}  # articles number on across chapters: 第三条 may open 第二章
    for style, n, m in _markers(text, start, end):
        styles = [s.style for s in stack]
        if style in styles:
            idx = styles.index(style)
            if n == 1 and idx == 0:
                pass  # the top level starts again: the body after a table of contents, an annex
            elif n != stack[idx].number + 1:
                continue
        else:
            if n != 1 and stack and n != last.get(style, -1) + 1:
                continue
            idx = len(stack)
        last[style] = n
        for closed in stack[idx:]:
            closed.end = m.start()
        del stack[idx:]
        if stack:
            stack[-1].leaf = False
        parent = stack[-1].path + "/" if stack else ""
        node = Node(style, n, m.group(0), m.start(), m.end(), parent + _component(style, m.group(0)))
        stack.append(node)
        nodes.append(node)
    for open_node in stack:
        open_node.end = end
    for node in nodes:
        while node.end > node.start and text[node.end - 1].isspace():
            node.end -= 1
    return nodes


def heading(text: str, node: Node) -> str:
    """The heading line, or the first clause when the item runs on."""
    stop = HEADING_END.search(text, node.body, node.end)
    head = text[node.body: stop.start() if stop else node.end].strip()
    if len(head) > 40:
        head = re.split(r"[，,]", head, maxsplit=1)[0]
    return head[:80]


def directives(text: str, node: Node) -> list[tuple[Span, str]]:
    """Sentences of a leaf item that give an order (要/应/须/确保/负责/完成/报送 …)."""
    out = []
    head = heading(text, node)
    for s in SENTENCE.finditer(text, node.body, node.end):
        sent = s.group().strip()
        if len(sent) < 6 or not DIRECTIVE_CUE.search(sent):
            continue
        if s.start() == node.body and sent.rstrip("。；;") == head and not MODAL.search(sent):
            continue  # a heading such as 统一组织，统筹安排。 names the item, it orders nothing
        lead = len(s.group()) - len(s.group().lstrip())
        out.append((Span(s.start() + lead, s.start() + lead + len(sent)), sent))
    return out


def extract(doc: Document) -> list[Found]:
    out: list[Found] = []
    text = doc.text
    spans = doc.zone("body") + doc.zone("attachments") or search_spans(doc)
    for sp in sorted(spans, key=lambda s: s.start):
        for node in parse(text, sp.start, sp.end):
            value = {"path": node.path, "marker": node.marker.strip(), "level": node.path.count("/") + 1,
                     "heading": heading(text, node)}
            out.append(found("section", value, Span(node.start, node.end), f"marker:{node.style}"))
            if node.leaf:
                for span, sent in directives(text, node):
                    out.append(found("directive", {"section": node.path, "text": sent}, span, "cue"))
    return out


def section_at(doc: Document, span: Span) -> str | None:
    """The innermost section path that contains `span`, from the outline's candidates."""
    index = _sections(doc)
    best = index.innermost(span)
    return best.value["path"] if best else None


class _Sections:
    """The section candidates of one document, for `section_at` in logarithmic time (a pass
    over every candidate for each quota and unit was quadratic in a long document).

    Sections nest or are disjoint (the outline is a tree), so the innermost one holding a
    span is the last one starting at or before it, or an ancestor of that one: each keeps a
    link to its innermost container. Candidates that do not nest fall back to the full pass.
    """

    def __init__(self, doc: Document) -> None:
        self.doc, self.n = doc, len(doc.found)
        secs = [f for f in doc.found if f.field == "section"]
        # the first of equal spans wins, as in a pass in found order; the longer of equal starts first
        order = sorted(range(len(secs)), key=lambda i: (secs[i].span.start, -len(secs[i].span), -i))
        self.secs = [secs[i] for i in order]
        self.starts = [f.span.start for f in self.secs]
        self.parent: list[int] = []
        self.nested = True
        stack: list[int] = []
        for k, f in enumerate(self.secs):
            while stack and not self.secs[stack[-1]].span.contains(f.span):
                if self.secs[stack[-1]].span.overlaps(f.span):
                    self.nested = False
                stack.pop()
            self.parent.append(stack[-1] if stack else -1)
            stack.append(k)

    def innermost(self, span: Span) -> Found | None:
        if not self.nested:
            return _innermost_by_pass(self.doc, span)
        k = bisect.bisect_right(self.starts, span.start) - 1
        while k >= 0 and not self.secs[k].span.contains(span):
            k = self.parent[k]
        return self.secs[k] if k >= 0 else None


def _innermost_by_pass(doc: Document, span: Span) -> Found | None:
    best = None
    for f in doc.found:
        if f.field == "section" and f.span.contains(span):
            if best is None or len(f.span) < len(best.span):
                best = f
    return best


_INDEX: list[_Sections] = []  # the last document's index: extractors ask about one document at a time


def _sections(doc: Document) -> _Sections:
    if not _INDEX or _INDEX[0].doc is not doc or _INDEX[0].n != len(doc.found):
        _INDEX[:] = [_Sections(doc)]
    return _INDEX[0]
