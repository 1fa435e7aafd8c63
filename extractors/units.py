"""Responsible units: who leads, is responsible for, or cooperates on a task.

Evidence forms, tried in this order (FORMAT.md responsible_units, NOTES-D1/D2):
 1. explicit labels 责任单位：/牵头单位：/配合单位：…, in any brackets, a closing "按职责分工负责"
    left out, each part of the list with its own role verb (责任单位：X牵头，Y、Z配合: X lead, Y and
    Z cooperating); a label on a portal's footer line (公开程序：… 责任部门：…) is not one (`label`);
 2. 以X为（主要）牵头单位 (`lead_as`), and a clause `X为牵头单位` (`lead_is`);
 3. 由X负责/牵头/总牵头/负责牵头, 由X作为…，负责, 由X承担…并负责, with a following
    "，Y参与" list (`by`, `by_join`);
 4. parenthetical tags （X负责） （X牵头，Y参与） （X、Y分别负责） (`tag`);
 5. bare tags (X、Y) that close a task line when every piece is an organisation (`bare_tag`);
 6. table columns headed 责任单位/牵头单位 in tab-separated rows (`table`).
Running-text "X负责…" with no 由 does not count; persons, roles and generic 有关部门 are
dropped, and a 由 list whose last piece names persons (…委员会成员) names members, not units; lists split on 、，,；, and on 会同/和/及 only between two complete names, so
区人口和计生局 stays one unit (orgs.pieces). Every value's span is the name as printed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.base import found
from extractors.orgs import SEPARATORS, names_persons, pieces, unit_words, unit_words_roles
from extractors.outline import section_at
from pipeline.types import Document, Found, Span

SEGMENTS = re.compile(r"[，,。；;]")
# how a labelled list may close: 责任单位：A、B按职责分工负责 (the units are A and B)
PORTAL_REACH = 40  # characters before a label searched for a portal footer's other labels
LIST_VERB_TAIL = re.compile(r"(?:按照?职责分工|按照?职责|分工|分别|共同)?负责[。；;]?\s*$")


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    labels = "|".join(unit_words("label"))
    verbs = "|".join(unit_words("verb"))
    return {
        "label": re.compile(rf"(?:{labels}) ?[:：] ?"),
        "lead_as": re.compile(r"以(?P<x>[^，,。；;由以]{2,30}?)为(?:主要)?(?:牵头|责任)(?:单位|部门)"),
        # `…9个部门和单位组成，教育部为牵头单位。`: a clause of its own naming the lead
        "lead_is": re.compile(r"(?:^|(?<=[，,。；;（(]))(?P<x>[^，,。；;\n以由（）()]{2,30}?)为(?:主要)?(?:牵头|责任)(?:单位|部门)(?=[。；;，,]|$)",
                              re.M),
        "by": re.compile(r"由(?P<x>[^，,。；;：:\n由（）()]{2,60}?)(?P<v>负责牵头|牵头负责|总牵头|牵头|负责(?![人同])"
                         r"|作为[^，,。；]{1,15}[，,] ?负责|承担[^，,。；]{1,30}?并负责)"),
        "join": re.compile(r"[，,](?P<x>[^，,。；;]{2,120}?)(?:参与|配合|协助|协办)(?=[。；;，,）)]|$)"),
        "anchor": re.compile(rf"(?:{verbs})(?=[）)，,。；;])"),
        "bare_tag": re.compile(r"[。；;][（(](?P<x>[^（）()\n:：]{2,80})[）)][ \t]*(?=\n|$)"),
        "verb_end": re.compile(rf"(?:{verbs})$"),
    }


def role_of(verb: str) -> str:
    for word, role in unit_words_roles("verb") + unit_words_roles("label"):
        if verb.endswith(word) or word in verb:
            return role
    return "responsible"


def _segments(text: str, a: int, b: int):
    """(start, end, role) of each "X负责"/"Y参与" segment of a tag's content.

    A segment of bare names takes the role of the next segment with a verb:
    "（A、B，各省级人民政府按职责分工负责）" makes A and B responsible too.
    """
    verb_end = patterns()["verb_end"]
    pos, waiting = a, []
    for sep in [*SEGMENTS.finditer(text, a, b), None]:
        end = sep.start() if sep else b
        seg = text[pos:end]
        m = verb_end.search(seg)
        if m:
            start = pos + seg.rfind("由") + 1 if "由" in seg else pos
            role = role_of(m.group())
            for wa, wb in waiting:
                yield wa, wb, role
            waiting = []
            yield start, pos + m.start(), role
        elif seg.strip() and len(pieces(text, pos, end)) == len([s for s in SEPARATORS.split(seg) if s.strip()]):
            waiting.append((pos, end))
        else:
            waiting = []
        pos = sep.end() if sep else b


def _label_segments(text: str, a: int, b: int, role: str):
    """(start, end, role) of a labelled list's parts: 责任单位：X牵头，Y、Z配合 gives X lead, Y and Z
    cooperating; a part with no role verb takes the label's role."""
    verb_end = patterns()["verb_end"]
    pos = a
    for sep in [*SEGMENTS.finditer(text, a, b), None]:
        end = sep.start() if sep else b
        m = verb_end.search(text, pos, end)
        if m and m.end() == end and m.start() > pos:
            yield pos, m.start(), role_of(m.group())
        else:
            yield pos, end, role
        pos = sep.end() if sep else b


def _portal_label(text: str, at: int) -> bool:
    """A label in a portal's footer line (公开程序：本单位审核后公开　责任部门：办公厅秘书一处): the
    page's publishing desk, not a unit of the document's tasks."""
    line_start = text.rfind("\n", max(0, at - PORTAL_REACH), at) + 1
    window = text[max(line_start, at - PORTAL_REACH):at]
    return any(word in window for word in unit_words("portal"))


def _enclosing_paren(text: str, at: int) -> tuple[int, int] | None:
    """The （…） group around position `at` (nested groups skipped), if any within reach."""
    depth, i = 0, at
    while i > max(0, at - 300):
        i -= 1
        c = text[i]
        if c in "）)":
            depth += 1
        elif c in "（(":
            if depth == 0:
                break
            depth -= 1
        elif c == "\n":
            return None
    else:
        return None
    depth, j = 0, at
    while j < min(len(text), at + 200):
        c = text[j]
        if c in "（(":
            depth += 1
        elif c in "）)":
            if depth == 0:
                return i + 1, j
            depth -= 1
        elif c == "\n":
            return None
        j += 1
    return None


def _list_end(text: str, start: int, reach: int = 300) -> int:
    """Where a labelled list ends: its unmatched closing bracket, a line end or a full stop."""
    depth = 0
    for i in range(start, min(len(text), start + reach)):
        c = text[i]
        if c in "（(〔【[":
            depth += 1
        elif c in "）)〕】]":
            if depth == 0:
                return i
            depth -= 1
        elif c in "\n。":
            return i
    return min(len(text), start + reach)


def _candidates(text: str):
    """(start, end, role, rule) for every unit name the forms find."""
    p = patterns()
    heads = list(p["label"].finditer(text))
    labelled = []
    for k, m in enumerate(heads):
        if _portal_label(text, m.start()):
            continue
        end = min(_list_end(text, m.end()), heads[k + 1].start() if k + 1 < len(heads) else len(text))
        labelled.append((m.start(), end))
        tail = LIST_VERB_TAIL.search(text, m.end(), end)  # `…省大数据中心按职责分工负责`
        for sa, sb, role in _label_segments(text, m.end(), tail.start() if tail else end, role_of(m.group())):
            for a, b in pieces(text, sa, sb):
                yield a, b, role, "label"
    for name in ("lead_as", "lead_is"):
        for m in p[name].finditer(text):
            for a, b in pieces(text, m.start("x"), m.end("x")):
                yield a, b, "lead", name
    for m in p["by"].finditer(text):
        if names_persons(text, m.start("x"), m.end("x")):
            continue  # 由…居民委员会、村民委员会成员分工负责: members, not units
        for a, b in pieces(text, m.start("x"), m.end("x")):
            yield a, b, role_of(m.group("v")), "by"
        j = p["join"].match(text, m.end())
        if j:
            for a, b in pieces(text, j.start("x"), j.end("x")):
                yield a, b, "cooperating", "by_join"
    seen = set()
    for m in p["anchor"].finditer(text):
        group = _enclosing_paren(text, m.start())
        if group and any(a <= m.start() < b for a, b in labelled):
            continue  # a verb inside a labelled list: the label form read it with its role
        if group and group not in seen:
            seen.add(group)
            for sa, sb, role in _segments(text, *group):
                for a, b in pieces(text, sa, sb):
                    yield a, b, role, "tag"
    for m in p["bare_tag"].finditer(text):
        names = pieces(text, m.start("x"), m.end("x"))
        bits = [s for s in SEPARATORS.split(m.group("x")) if s.strip()]
        if names and len(names) == len(bits):
            for a, b in names:
                yield a, b, "responsible", "bare_tag"
    yield from _table(text)


def _table(text: str):
    """Rows under a header whose cell is a unit label (tab-separated, as readers render tables)."""
    labels = unit_words("label")
    col, width = None, 0
    pos = 0
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 1:
            if any(c.strip() in labels for c in cells):
                col = next(i for i, c in enumerate(cells) if c.strip() in labels)
                role, width = role_of(cells[col].strip()), len(cells)
            elif col is not None and len(cells) == width:
                start = pos + sum(len(c) + 1 for c in cells[:col])
                for a, b in pieces(text, start, start + len(cells[col])):
                    yield a, b, role, "table"
        else:
            col = None
        pos += len(line) + 1


def extract(doc: Document) -> list[Found]:
    out, seen = [], set()
    for a, b, role, rule in _candidates(doc.text):
        if (a, b) in seen:
            continue
        seen.add((a, b))
        span = Span(a, b)
        value = {"name": doc.text[a:b], "role": role, "section": section_at(doc, span)}
        out.append(found("responsible_units", value, span, rule))
    return out
