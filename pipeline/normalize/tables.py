"""Flattened tables back into rows: one line per row, cells separated by a tab.

The Word and PDF readers render a table row as its cells joined by "\\t" on one line, and
extractors read columns of such rows (units.py: 责任单位/牵头单位). A page that lost its
table markup shows it in one of two shapes, rebuilt here:
- one cell per line: a header `序号`, `任务`, `责任单位`, ... then each row's cells, the
  first its number (an empty cell is an empty line, unless every cell is followed by one);
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
MAX_SCAN = 5000  # lines a table may span
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
    """Rows of a table with a line per cell; cells double-spaced by blank lines are tried second."""
    cells = list(range(i, min(len(lines), i + MAX_SCAN)))
    groups = _groups(lines, cells)
    spaced = not groups
    if spaced:  # every cell followed by a blank line: blank lines are no cells then
        groups = _groups(lines, [c for c in cells if lines[c].strip()])

    def end(x: int) -> int:
        return starts[x] + len(lines[x].rstrip(" "))

    def begin(y: int) -> int:
        return starts[y] + len(lines[y]) - len(lines[y].lstrip(" "))

    out: list[Edit] = []
    for g, group in enumerate(groups):
        out.extend(e for x, y in zip(group, group[1:]) for e in _join(text, end(x), begin(y)))
        if spaced and g + 1 < len(groups):  # the blank lines between two rows go too
            nl, b = text.index("\n", end(group[-1])), begin(groups[g + 1][0])
            if b > nl + 1 and text[nl + 1:b].isspace():  # not over a section row
                out.append((nl + 1, b, ""))
    return out


def _groups(lines: list[str], cells: list[int]) -> list[list[int]]:
    """The line numbers of the header's cells and of each numbered row's, or [] if not a table."""
    def at(p: int) -> str:
        return lines[cells[p]] if p < len(cells) else ""

    k, skip = 1, 0
    while k < len(cells) and k <= MAX_CELLS and _number(at(k)) != 1:
        cell = at(k).strip()
        if SECTION_ROW.match(cell) and _number(at(k + 1)) == 1:
            skip = 1  # a section row before the first numbered row
            break
        if not cell or len(cell) > MAX_HEADER_CELL or "。" in cell:
            return []
        k += 1
    if not MIN_CELLS <= k <= MAX_CELLS or k + skip >= len(cells):
        return []
    groups = [cells[:k]]
    j, n = k + skip, 1
    while j + k <= len(cells) and _number(at(j)) == n:
        groups.append(cells[j:j + k])
        j, n = j + k, n + 1
        if at(j).strip() and _number(at(j)) != n and _number(at(j + 1)) == n:
            j += 1  # a section row between numbered rows
    return groups if len(groups) - 1 >= MIN_ROWS else []


def _join(text: str, a: int, b: int) -> list[Edit]:
    """The whitespace text[a:b] between two cells as one tab: its first line break becomes the tab."""
    nl = text.index("\n", a, b)
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
