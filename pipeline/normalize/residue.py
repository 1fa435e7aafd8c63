"""Layout residue left at line ends when a table or a page was flattened.

Deleted, since extractors would keep it in values (`河北省卫生健康委员会 |`):
- a line that is only residue marks (`|`, `｜`, `【`), with its line break;
- a `|` that opens or closes a line holding no other pipe (a flattened Markdown row's edge);
- a `【` dangling at a line's end with no `】` after it;
- the break before a lone `。` line, which joins the full stop to the sentence it ends.
A line with two or more pipes is a real Markdown table row (lawrefbook tables) and stays.
"""
from __future__ import annotations

import re

from pipeline.normalize.offsets import Edit

PIPES = "|｜"
MARKS = re.compile(r"[|｜【]")
ONLY_MARKS = frozenset("|｜【 ")
LONE_STOP = re.compile(r"\n *。 *(?=\n|$)")


def edits(text: str) -> list[Edit]:
    """Deletions of residue marks and of the breaks before lone full stops."""
    out: list[Edit] = []
    seen: set[int] = set()
    for m in MARKS.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if start in seen:
            continue
        seen.add(start)
        end = text.find("\n", m.start())
        out.extend(_line(text, start, len(text) if end < 0 else end))
    out.extend((m.start(), m.start() + m.group().index("。"), "") for m in LONE_STOP.finditer(text)
               if m.start() > 0 and text[m.start() - 1] != "\n")
    return sorted(out)


def _line(text: str, start: int, end: int) -> list[Edit]:
    line = text[start:end]
    body = line.strip(" ")
    if not body:
        return []
    a = start + line.index(body[0])
    b = a + len(body)
    if set(body) <= ONLY_MARKS:  # the whole line goes, with the break before it
        return [(start - 1 if start else a, b, "")]
    if sum(body.count(p) for p in PIPES) == 1:
        if body[-1] in PIPES:
            return [(a + len(body[:-1].rstrip(" ")), b, "")]
        if body[0] in PIPES:
            return [(a, b - len(body[1:].lstrip(" ")), "")]
    if body[-1] == "【":
        return [(b - 1, b, "")]
    return []
