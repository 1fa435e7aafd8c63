"""An lxml tree to visible text with block line breaks, remembering where each element went.

The renderer is the one place that decides what a page's raw text is. It follows what a
browser shows: scripts, styles, form controls and elements hidden with inline CSS are not
text (portals hide spam in `display:none` blocks); whitespace runs collapse to one space,
and a source line break between two CJK characters disappears (CSS Text 3 segment-break
rule), so a paragraph wrapped in the HTML source stays one line. Table cells on one row
are joined by a tab. Every element's span in the text is recorded; the counts the
main-content choice needs (visible characters, characters inside links, Chinese sentence
punctuation) are answered for any span afterwards, from prefix sums and str.count over the
finished text, so the tree walk itself stays cheap (no per-element counting).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr legend li listing main menu nav ol p plaintext "
    "pre section summary table tbody thead tfoot tr ul caption body html".split())
CELL_TAGS = frozenset(("td", "th"))
SKIP_TAGS = frozenset(
    "script style noscript template iframe frame object embed svg math canvas select option optgroup "
    "button textarea input head title map area audio video source track param datalist".split())
PRE_TAGS = frozenset(("pre", "listing", "plaintext"))
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
SEGMENT_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{CJK}])")
WS_RUN = re.compile(r"[ \t\n\r\f]+")
BLANKS = " \n\t\xa0\u3000"
ENTER, EXIT, TAIL = 0, 1, 2
SENTENCE_PUNCT = "，。；、！？"  # not ：, which chrome is full of (链接：, 版权所有：)
LONG_LINE = 25  # visible characters; shorter lines are menus, link lists, labels


class Rendered:
    """The text, each element's span, link spans, and counts over any span of the text."""

    def __init__(self, text: str, spans: dict, links: list, depth: int = 0) -> None:
        self.text = text
        self.depth = depth  # of the deepest element
        self.spans = spans  # element -> (start, end)
        self.links = sorted(links)  # (start, end, href) of every <a href>
        self._link_starts = [a for a, _, _ in self.links]
        self._link_sums = [0, *accumulate(b - a for a, b, _ in self.links)]
        self._punct = _positions(text, SENTENCE_PUNCT)
        long_lines = self._long_lines()
        self._long_starts = [a for a, _ in long_lines]
        self._long_sums = [0, *accumulate(n for _, n in long_lines)]

    def _long_lines(self) -> list[tuple[int, int]]:
        """(start, length) of lines long enough to be prose and mostly outside links."""
        out = []
        pos, text = 0, self.text
        for line in text.split("\n"):
            n = len(line)
            if n >= LONG_LINE:
                n = len(line.strip())
                if n >= LONG_LINE and self.link_chars(pos, pos + n + 1) * 2 < n:
                    out.append((pos, n))
            pos += len(line) + 1
        return out

    def chars(self, a: int, b: int) -> int:
        """Visible (non-blank) characters in text[a:b]."""
        text = self.text
        return (b - a) - sum(text.count(c, a, b) for c in BLANKS)

    def link_chars(self, a: int, b: int) -> int:
        lo, hi = bisect_left(self._link_starts, a), bisect_left(self._link_starts, b)
        return self._link_sums[hi] - self._link_sums[lo]

    def punct(self, a: int, b: int) -> int:
        return bisect_left(self._punct, b) - bisect_left(self._punct, a)

    def prose(self, a: int, b: int) -> int:
        """Characters of the long lines that start in text[a:b]."""
        lo, hi = bisect_left(self._long_starts, a), bisect_left(self._long_starts, b)
        return self._long_sums[hi] - self._long_sums[lo]

    def links_in(self, a: int, b: int) -> list[tuple[int, int, str]]:
        lo, hi = bisect_left(self._link_starts, a), bisect_left(self._link_starts, b)
        return [link for link in self.links[lo:hi] if link[1] <= b]

    def stats(self, el) -> tuple[int, int, int]:
        """(visible characters, characters in links, punctuation) of an element."""
        a, b = self.spans[el]
        return self.chars(a, b), self.link_chars(a, b), self.punct(a, b)


def _positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of every occurrence of any of `chars` (str.find is far faster than a regex here)."""
    out = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


class _Walker:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.last_nl = True
        self.spans: dict = {}
        self.links: list = []
        self.depth = 0

    def emit(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)
        self.last_nl = s[-1] == "\n"

    def inline(self, s: str, pre: bool) -> None:
        if pre:
            self.emit(s)
            return
        if s.isspace():
            if not self.last_nl:
                self.emit(" ")
            return
        # regexes are slow over long CJK runs: run them only when there is whitespace to fix
        if "\n" in s:
            s = WS_RUN.sub(" ", SEGMENT_BREAK.sub("", s))
        elif "\t" in s or "  " in s or "\r" in s or "\f" in s:
            s = WS_RUN.sub(" ", s)
        if self.last_nl:
            s = s.lstrip(" ")
        if s:
            self.emit(s)

    def walk(self, root) -> None:
        """Depth-first over the tree with an explicit stack: old CMS pages nest deeper than
        Python's recursion limit."""
        stack: list[tuple] = [(ENTER, root, False, 0)]
        while stack:
            item = stack.pop()
            if item[0] == TAIL:
                self.inline(item[1], item[2])
            elif item[0] == EXIT:
                self.close(*item[1:])
            else:
                self.open(item[1], item[2], item[3], stack)

    def open(self, el, pre: bool, depth: int, stack: list) -> None:
        if depth > self.depth:
            self.depth = depth
        tag = el.tag
        if tag.__class__ is not str or tag in SKIP_TAGS:
            return
        style = el.get("style")
        if style is not None and ("none" in style or "hidden" in style) and HIDDEN_STYLE.search(style):
            return
        if el.get("hidden") is not None:
            return
        if tag == "br":
            self.emit("\n")
            return
        block = tag in BLOCK_TAGS
        if block:
            if not self.last_nl:
                self.emit("\n")
        elif tag in CELL_TAGS and not self.last_nl:
            self.emit("\t")
        pre = pre or tag in PRE_TAGS
        start = self.pos
        if not len(el):  # a leaf (most elements): no need to come back for it
            text = el.text
            if text:
                self.inline(text, pre)
            self.close(el, start, block or tag == "hr", tag == "a")
            return
        stack.append((EXIT, el, start, block or tag == "hr", tag == "a"))
        for child in reversed(el):
            tail = child.tail
            if tail:
                stack.append((TAIL, tail, pre))
            stack.append((ENTER, child, pre, depth + 1))
        text = el.text
        if text:
            self.inline(text, pre)

    def close(self, el, start: int, block: bool, anchor: bool) -> None:
        if anchor:
            href = el.get("href")
            if href is not None:
                self.links.append((start, self.pos, href))
        self.spans[el] = (start, self.pos)
        if block and not self.last_nl:
            self.emit("\n")


def render(root) -> Rendered:
    """Visible text of `root` with its elements' spans."""
    w = _Walker()
    w.walk(root)
    return Rendered("".join(w.parts), w.spans, w.links, w.depth)
