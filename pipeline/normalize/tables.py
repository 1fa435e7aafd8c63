"""Flattened tables back into rows: one line per row, cells separated by a tab.

The Word and PDF readers render a table row as its cells joined by "\\t" on one line, and
extractors read columns of such rows (units.py: 责任单位/牵头单位). A page that lost its
table markup shows it in one of two shapes, rebuilt here:
- one cell per line: a header `序号`, `任务`, `责任单位`, ... then each row's cells, the
  first its number (an empty cell is an empty line);
- one row per line with cells parted by runs of two or more spaces.
Only a table whose header opens with `序号` (or `编号`) and whose rows are numbered 1, 2,
3 ... exactly where the header's cell count puts them is rebuilt, and only with at least
MIN_ROWS rows, so a signature block or an attachment list is never taken for one. A
one-line section row between numbered rows (`一、知识产权保护方面（共5项）`) stays a line.
Edits: the line break (or the first space of the run) between two cells of a row becomes
the tab, one to one, so `to_raw` points at the raw whitespace; spaces around it are deleted.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.normalize.offsets import Edit

FIRST_HEADER = ("序号", "编号")
MIN_ROWS = 2
MIN_CELLS = 3
MAX_CELLS = 12
MAX_HEADER_CELL = 20
HEADER_START = re.compile(r"^[ ]*(?:序号|编号)[ ]*$|^[ ]*(?:序号|编号) {2,}", re.M)
SECTION_ROW = re.compile(r"[一二三四五六七八九十]{1,3}、")
CELL_GAP = re.compile(r" {2,}")
CELL = "\t"


def rows(text: str) -> list[Edit]:
    """Edits that turn flattened numbered tables into tab-separated rows."""
    edits: list[Edit] = []
    if "序号" not in text and "编号" not in text:
        return edits
    starts = _line_starts(text)
    lines = text.split("\n")
    for m in HEADER_START.finditer(text):
        i = _index(starts, m.start())
        if edits and starts[i] < edits[-1][1]:
            continue
        if lines[i].strip() in FIRST_HEADER:
            edits.extend(_cell_per_line(text, lines, starts, i))
        else:
            edits.extend(_spaced(text, lines, starts, i))
    return edits


def _line_starts(text: str) -> list[int]:
    starts, i = [0], text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _index(starts: list[int], pos: int) -> int:
    return bisect_right(starts, pos) - 1


def _number(line: str) -> int:
    s = line.strip().rstrip(".．、")
    return int(s) if s.isdigit() and len(s) <= 4 else 0


def _cell_per_line(text: str, lines: list[str], starts: list[int], i: int) -> list[Edit]:
    k, skip = 1, 0
    while i + k < len(lines) and k <= MAX_CELLS and _number(lines[i + k]) != 1:
        cell = lines[i + k].strip()
        if SECTION_ROW.match(cell) and i + k + 1 < len(lines) and _number(lines[i + k + 1]) == 1:
            skip = 1  # a section row before the first numbered row
            break
        if not cell or len(cell) > MAX_HEADER_CELL or "。" in cell:
            return []
        k += 1
    if not MIN_CELLS <= k <= MAX_CELLS or i + k + skip >= len(lines):
        return []
    groups = [(i, k)]  # (first line, cell count) of the header and each row
    j, n = i + k + skip, 1
    while j + k <= len(lines) and _number(lines[j]) == n:
        groups.append((j, k))
        j, n = j + k, n + 1
        if j + 1 < len(lines) and lines[j].strip() and _number(lines[j]) != n and _number(lines[j + 1]) == n:
            j += 1  # a section row between numbered rows
    if len(groups) - 1 < MIN_ROWS:
        return []
    out: list[Edit] = []
    for first, count in groups:
        for line in range(first, first + count - 1):
            out.extend(_join(text, starts[line + 1] - 1))
    return out


def _join(text: str, nl: int) -> list[Edit]:
    """The line break at nl as a cell separator, spaces around it deleted."""
    a = nl
    while a > 0 and text[a - 1] == " ":
        a -= 1
    b = nl + 1
    while b < len(text) and text[b] == " ":
        b += 1
    out = [(a, nl, "")] if a < nl else []
    out.append((nl, nl + 1, CELL))
    if b > nl + 1:
        out.append((nl + 1, b, ""))
    return out


def _spaced(text: str, lines: list[str], starts: list[int], i: int) -> list[Edit]:
    width = len(CELL_GAP.split(lines[i].strip()))
    if not MIN_CELLS <= width <= MAX_CELLS:
        return []
    body, n = [], 1
    for line in range(i + 1, len(lines)):
        cells = CELL_GAP.split(lines[line].strip())
        if len(cells) != width or _number(cells[0]) != n:
            break
        body.append(line)
        n += 1
    if len(body) < MIN_ROWS:
        return []
    out: list[Edit] = []
    for line in (i, *body):
        s = starts[line]
        content = lines[line].rstrip()
        lead = len(content) - len(content.lstrip())
        for g in CELL_GAP.finditer(content, lead):  # the first space becomes the tab, one to one
            out.extend(((s + g.start(), s + g.start() + 1, CELL), (s + g.start() + 1, s + g.end(), "")))
    return out
