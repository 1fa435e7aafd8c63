"""Contacts: {"name", "phone", "kind"} from 联系人 / 联系电话 / 电话 / 传真 / 手机 blocks.

A block starts at a line with a contact label and runs over the lines after it that still
hold a label, a phone number or an address/e-mail line (skipped). Names and numbers are read
in printed order and paired group by group (a run of names, then a run of numbers): equal
counts pair in order (`联系人：申文、刘骅萱；联系电话：83970028、83970016`); one number serves
every name of its group (two people sharing a fax); one name keeps every number of its group.
A unit heading a group (`北京中医协会 杨燕伟、蔡海燕`) yields to the people named with it;
names spaced out for layout (`李 萌 刘 刚`) are rejoined in pairs.
"""
from __future__ import annotations

import re

from extractors.base import found
from pipeline.structure.lines import is_org, iter_lines
from pipeline.types import Document, Found, Span

# A mobile, whole or grouped 3-4-4 (187-0281-2943, 187 0281 2943); a 400 number; a landline
# with its area code and an extension (-8012, 转8012, 分机8012).
MOBILE = r"(?<!\d)1[3-9]\d(?:\d{8}|(?P<g>[- ])\d{4}(?P=g)\d{4})(?!\d)"
EXTENSION = r"(?:(?:-|转|分机) ?\d{1,5}(?!\d))?"
PHONE = (MOBILE + r"|(?<!\d)400[-\s]?\d{3}[-\s]?\d{4}(?!\d)"
         r"|(?<![\d-])(?:[(（]?0\d{2,3}[)）]?\s?[-－—]?\s?)?\d{7,8}(?!\d)" + EXTENSION)
LABEL = re.compile(r"联\s*系\s*(?:人\s*(?:及\s*(?:联\s*系\s*)?(?:电\s*话|方\s*式))?|电\s*话|方\s*式)\s*[:：]?"
                   r"|(?:电\s*话|传\s*真|手\s*机)\s*[:：]")
TOKEN = re.compile(
    r"(?P<label>" + LABEL.pattern + r")"
    r"|(?P<skip>(?:通讯|通信|联系)?地\s*址|(?:电子)?邮\s*箱|邮\s*编|邮政编码|网\s*址|E-?mail|QQ)\s*[:：]"
    r"|(?P<doubled>(?<![\d-])(?:0\d{2,3} ?[-－—] ?)?(?:\d{16}|\d{14})(?!\d))"
    r"|(?P<phone>" + PHONE + ")"
    r"|(?P<fax>[(（]\s*(?:传真|fax|FAX|Fax)\s*[)）])"
    r"|(?P<word>(?:(?!联\s*系|电\s*话|传\s*真|手\s*机|地\s*址|邮\s*[箱编])[\u4e00-\u9fff])+)", re.I)
NON_NAMES = ("传真", "电话", "手机", "座机", "分机", "转", "联系方式", "联系人", "及", "和")
MAX_BLOCK_LINES = 12
UNIT_ENDS = tuple("厅局委会院部办室处科中心站所")
MAX_HEADING = 30


def _kind(label: str) -> str:
    return "传真" if "传" in label else "手机" if "手" in label else "电话"


def _person(name: str) -> bool:
    return 2 <= len(name) <= 4 and not is_org(name)


def _tokens(doc: Document, start: int) -> tuple[list[tuple[str, str, Span]], int]:
    """(type, value, span) of names and phones in the block starting at `start`, and its end."""
    out: list[tuple[str, str, Span]] = []
    kind, end = "电话", start
    for n, ln in enumerate(iter_lines(doc.text, start)):
        matches = list(TOKEN.finditer(doc.text, ln.start, ln.end))
        heading = ln.text.endswith(("：", ":")) and len(ln.text) <= MAX_HEADING  # `某某办公室：`
        if n and not heading and not any(m.lastgroup in ("label", "skip", "phone", "doubled") for m in matches):
            break
        if n >= MAX_BLOCK_LINES:
            break
        end = ln.end
        first_label = next((i for i, m in enumerate(matches) if m.lastgroup == "label"), 0)
        skipping = False
        for i, m in enumerate(matches[first_label:], first_label):
            if m.lastgroup == "skip":
                skipping = True  # an address or e-mail follows: its words are no names
                continue
            if skipping:
                nxt = matches[i + 1].lastgroup if i + 1 < len(matches) else None
                if m.lastgroup != "label" and (m.lastgroup != "word" or nxt != "label"):
                    continue  # still the address or e-mail (jyt87042261@126.com); a label, or a word right before one, ends it
                skipping = False
            if m.lastgroup == "label":
                kind = _kind(m.group()) if re.search("电|传|手", m.group()) else kind
            elif m.lastgroup == "doubled":  # 6690801966908067: two local numbers printed together
                run = len(m.group()) - len(m.group().rstrip("0123456789"))  # 16 or 14 digits
                cut = m.end() - run // 2
                out.append(("phone", kind, Span(m.start(), cut)))
                out.append(("phone", kind, Span(cut, m.end())))
            elif m.lastgroup == "phone":
                ptype = "手机" if re.fullmatch(r"1[3-9]\d{9}", re.sub(r"[- ]", "", m.group())) else kind
                out.append(("phone", ptype, Span(m.start(), m.end())))
            elif m.lastgroup == "fax" and out and out[-1][0] == "phone":
                out[-1] = ("phone", "传真", out[-1][2])
            elif m.lastgroup == "word" and m.group() not in NON_NAMES:
                a = m.start() + _person_after_unit(m.group())
                out.append(("name", doc.text[a:m.end()], Span(a, m.end())))
    return _join_singles(doc, out), end


def _person_after_unit(word: str) -> int:
    """Where a person's name starts in a unit + name run together (`省乡村振兴局靳砚召联系电话`), or 0."""
    if len(word) <= 4:
        return 0
    for k in (2, 3):
        head = word[:-k]
        if head.endswith(UNIT_ENDS) and is_org(head):
            return len(head)
    return 0


def _join_singles(doc: Document, tokens: list[tuple[str, str, Span]]) -> list[tuple[str, str, Span]]:
    """`李 萌` printed with a layout space is one name: join one-character names in pairs."""
    out: list[tuple[str, str, Span]] = []
    for t in tokens:
        prev = out[-1] if out else None
        if (t[0] == "name" and len(t[1]) == 1 and prev and prev[0] == "name" and len(prev[1]) == 1
                and doc.text[prev[2].end:t[2].start].strip() == ""):
            out[-1] = ("paired", prev[1] + t[1], Span(prev[2].start, t[2].end))
            continue
        out.append(t)
    return [("name" if k == "paired" else k, v, s) for k, v, s in out if not (k == "name" and len(v) == 1)]


def _split_pairs(names: list[tuple[str, Span]], wanted: int) -> list[tuple[str, Span]]:
    """`李萌刘刚`: two two-character names run together; split while names are fewer than numbers."""
    out: list[tuple[str, Span]] = []
    spare = wanted - len(names)
    for name, span in names:
        if spare > 0 and len(name) == 4:
            out += [(name[:2], Span(span.start, span.start + 2)), (name[2:], Span(span.start + 2, span.end))]
            spare -= 1
        else:
            out.append((name, span))
    return out


def _pairs(tokens: list[tuple[str, str, Span]]) -> list[tuple[tuple[str, Span] | None, tuple[str, Span]]]:
    groups: list[tuple[list, list]] = []
    for k, v, s in tokens:
        if k == "name":
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append((v, s))
        elif k == "phone":
            if not groups:
                groups.append(([], []))
            groups[-1][1].append((v, s))
    out = []
    for names, phones in groups:
        people = [n for n in names if _person(n[0])]
        # one name keeps all its numbers; a list of names shorter than its numbers hides a pair
        names = (_split_pairs(people, len(phones)) if len(people) > 1 else people) or names
        if not names:
            out += [(None, p) for p in phones]
        elif len(phones) == 1 or len(names) == len(phones):
            out += [(n, phones[0] if len(phones) == 1 else phones[i]) for i, n in enumerate(names)]
        elif len(names) == 1:
            out += [(names[0], p) for p in phones]
        else:
            out += list(zip(names, phones))
    return out


PHONE_COLUMN = re.compile(r"(?:联系|咨询|举报|监督|服务|值班|投诉|办公){0,3}(?:电话|热线)")
"""A table's header cell over a column of numbers (`监督举报电话`)."""
MAX_HEADER_CELL = 12
COLUMN_REACH = 200  # lines below a header where its column's rows may stand
ROW_NAME_REACH = 4  # lines above a number where its row's unit stands (a cell a line)


def column_contacts(doc: Document, taken: set[int]) -> list[Found]:
    """Numbers in a table's 电话 column, each named by its row's unit: a table printed one cell a
    line or a row a line (`石家庄市教育局 / 0311-86036697`), with no 联系人 label to open a block."""
    ls = list(iter_lines(doc.text))
    out: list[Found] = []
    header = None
    for i, ln in enumerate(ls):
        cells = ln.text.split("\t")
        if any(len(c) <= MAX_HEADER_CELL and PHONE_COLUMN.fullmatch(c.strip()) for c in cells):
            header = i
            continue
        if header is None or i - header > COLUMN_REACH:
            continue
        for cell_start, cell in _cells(ln):
            m = TOKEN.fullmatch(cell)
            if not m or m.lastgroup != "phone" or ln.start + cell_start in taken:
                continue
            name = _row_name(ls, i, cells)
            phone = Span(ln.start + cell_start, ln.start + cell_start + len(cell))
            value = {"name": name, "phone": re.sub(r"\s+", "", cell), "kind": "电话"}
            out.append(found("contacts", value, phone, "phone-column"))
    return out


def _cells(ln) -> list[tuple[int, str]]:
    out, at = [], 0
    for cell in ln.text.split("\t"):
        lead = len(cell) - len(cell.lstrip())
        if cell.strip():
            out.append((at + lead, cell.strip()))
        at += len(cell) + 1
    return out


def _row_name(ls, i: int, cells: list[str]) -> str | None:
    """The unit in the same row (an earlier cell), or on a line just above (a cell a line)."""
    for c in cells:
        if is_org(c.strip()):
            return c.strip()
    for ln in reversed(ls[max(0, i - ROW_NAME_REACH):i]):
        if is_org(ln.text):
            return ln.text
    return None


def extract(doc: Document) -> list[Found]:
    out = _blocks(doc)
    taken = {f.span.start for f in out} | {f.span.end - len(f.value["phone"]) for f in out}
    return out + column_contacts(doc, taken)


def _blocks(doc: Document) -> list[Found]:
    out: list[Found] = []
    pos = 0
    while True:
        m = LABEL.search(doc.text, pos)
        if not m:
            return out
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        tokens, end = _tokens(doc, line_start)
        for name, (kind, span) in _pairs(tokens):
            phone = span.of(doc.text)
            value = {"name": name[0] if name else None, "phone": re.sub(r"\s+", "", phone), "kind": kind}
            evidence = Span(min(name[1].start, span.start), max(name[1].end, span.end)) if name else span
            out.append(found("contacts", value, evidence, "contact-block"))
        pos = max(end, m.end())
