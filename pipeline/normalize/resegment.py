"""Line breaks put back into run-on text: a notice whose breaks were lost on the way to us.

Text dumps and CSV exports (the hebei portal's `内容` cell) carry a whole notice on one line:
`关于开展X工作的通知各县卫生局：为……。特此通知。XX市卫生局2019年5月17日`. The structure
stage reads zones line by line, so the breaks go back here, as insertions of "\\n" (an edit
(p, p, "\\n") maps the break to the raw character after it, so `to_raw` stays non-decreasing).

Only a line longer than LONG_LINE in a document whose lines are few for its length (mean
non-empty line of at least RUN_ON_MEAN characters, or one line holding RUN_ON_SHARE of it) is touched, and only when at least
MIN_BREAKS of the marks below are found on it, so well-formed text never changes. A break
goes before:
- a paragraph indent kept as a run of two or more spaces (ideographic spaces, folded);
- an outline item (`一、` `（一）` `1.` `第X条/章`) right after a sentence end `。；：`, or
  a `（一）` item right after a closing parenthesis;
- `特此通知/公告`, `附件：`, `抄送：`, `主题词：`, `（此件…）`, a portal's `更多信息请关注`;
- a page-metadata key (`发布时间：` `来源：` `索引号：` ...) after its headline;
- a 发文字号 that opens the text or follows a title's 文种, and after it;
- a 主送 (`各…：` listing organisations) after a title's 文种 or a 发文字号, and after its `：`;
- a signature: an organisation name followed by a full date at the line's end or before
  `抄送`/`附件`/`（此件`/`印发`, and before that date; after the date too when the title
  of the document the notice issues follows it (`…2019年4月23日XX管理办法`).
Never inside 《》 or a parenthesis (an unclosed opener within BRACKET_WINDOW characters).
"""
from __future__ import annotations

import re

from pipeline.normalize.offsets import Edit

LONG_LINE = 300
RUN_ON_MEAN = 200
RUN_ON_SHARE = 0.6
MIN_BREAKS = 2
MIN_STRONG = 2
BRACKET_WINDOW = 200
ORG_MAX = 60
RECIPIENT_MAX = 150

CN = "一二三四五六七八九十"
# a title's 文种, the last word of a notice's title (longest first)
DOC_KINDS = ("实施意见", "指导意见", "通知", "意见", "办法", "方案", "决定", "批复", "复函", "函", "通报",
             "公告", "通告", "规定", "细则", "规划", "计划", "要点", "决议", "报告", "请示", "纪要", "答复")
# the last character of an organisation name (signature, 主送)
ORG_END = set("厅局委院府部办会室处司心站所社组馆校行署团队盟区县市省")
ORG_WORDS = re.compile(r"[厅局委院府部办会室处司心站所社组馆校行署团区县市省]|单位|部门|机构|企业")
# opener and closer families: pages mix half- and full-width halves of one pair, `(Ⅳ级）`
BRACKETS = (("《", "》"), ("（(", "）)"), ("〈", "〉"))

SPACE_INDENT = re.compile(r"(?<=\S) {2,}(?=\S)")
OUTLINE_AFTER_STOP = re.compile(
    rf"[。；;：:！？!?] *(?=[{CN}]{{1,3}}、|[（(][{CN}]{{1,3}}[）)]|\d{{1,2}}[.．、](?!\d)"
    rf"|第[{CN}百零〇\d]{{1,5}}[条章节])")
# outline markers anywhere in the line: a run of them numbered 1, 2, 3 ... starts items even
# where a heading runs into the next one without punctuation (`一、督查对象各市政府二、督查内容`)
OUTLINE_ITEM = re.compile(rf"(?<![{CN}\d.．])(?:(?P<cn>[{CN}]{{1,3}})、|[（(](?P<pn>[{CN}]{{1,3}})[）)]"
                          rf"|(?P<d>\d{{1,2}})[.．、](?!\d))")
MIN_ITEM_GAP = 8
OUTLINE_AFTER_PAREN = re.compile(rf"[）)] *(?=[（(][{CN}]{{1,3}}[）)]|[{CN}]{{1,3}}、)")
BEFORE_MARK = re.compile(
    r"特此(?:通知|公告|通告|函告|批复|报告|说明|函)|附件\d{0,2}[：:]|抄送[：:]|主题词[：:]"
    r"|[（(]此件[^）)\n]{1,12}[）)]|更多信息请关注")
META_KEY = re.compile(r"(?:发布时间|发布日期|成文日期|索引号|信息来源|文章来源|来源|浏览次数|点击数|作者)[：:]")
STRONG_META = ("发布时间", "发布日期", "成文日期", "索引号")
DOC_NUMBER = re.compile(r"〔(?:19|20)\d\d〕第?\d{1,4}号")
RECIPIENT = re.compile(rf"各[^。；;！？!?\n]{{1,{RECIPIENT_MAX}}}?[：:]")
DATE = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
                  r"[一二三四五六七八九十]{1,3}日")
AFTER_SIGNATURE_DATE = re.compile(r" *(?:$|[（(]此件|抄送|附件|更多信息|印发|主题词| )")
TEXT_OPENING = re.compile(rf"第[{CN}]{{1,3}}[章条]|为|根据|[{CN}]、|[（(]一[）)]")
# a cover notice's signature followed by the title of the document it issues
ISSUED_TITLE = re.compile(r"[^。，；;！？\n]{2,50}?(?:办法|方案|规定|细则|意见|规划|计划|目录|指南|标准|规则|要点|清单)"
                          r"(?:[（(][^）)\n]{1,12}[）)])?")
NO_BREAK_AFTER_NUMBER = "，,。、；;）)〕的等和及"


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def run_on(text: str, longest: int) -> bool:
    """Whether the text's lines are few for its length, or one line holds most of it."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    return bool(lines) and (len(text) / lines >= RUN_ON_MEAN or longest >= RUN_ON_SHARE * len(text))


def breaks(text: str) -> list[Edit]:
    """Insertions of "\\n" into the run-on lines of a text (none if it has no run-on line)."""
    if len(text) <= LONG_LINE:
        return []
    many = run_on(text, max(map(len, text.split("\n"))))
    edits: list[Edit] = []
    start = 0
    for line in text.split("\n"):
        if len(line) > LONG_LINE:
            at, strong = line_breaks(line)
            if (many and len(at) >= MIN_BREAKS) or strong >= MIN_STRONG:
                edits.extend((start + p, start + p, "\n") for p in at)
        start += len(line) + 1
    return edits


def line_breaks(line: str) -> tuple[list[int], int]:
    """Sorted offsets in one long line where a new line starts, and how many are strong marks.

    Strong marks (a 发文字号 heading, a 主送, a signature, `特此通知`, a page-metadata key)
    never sit inside a paragraph of well-formed text, so MIN_STRONG kinds of them show a run-on
    line even in a short notice whose few lines hide it from `run_on`."""
    found: set[int] = set()
    found.update(m.end() for m in SPACE_INDENT.finditer(line))
    found.update(m.start() + 1 for m in OUTLINE_AFTER_STOP.finditer(line))
    found.update(m.start() + 1 for m in OUTLINE_AFTER_PAREN.finditer(line))
    found.update(_numbered_items(line))
    closing: set[int] = set()
    for m in BEFORE_MARK.finditer(line):
        found.add(m.start())
        if m.group().startswith("特此"):  # the closing formula is a line of its own
            closing.add(m.start())
            closing.add(m.end() + (line.startswith("。", m.end()) or line.startswith(".", m.end())))
    meta: set[int] = set()
    for m in META_KEY.finditer(line):
        a = m.start()
        if m.group().startswith(STRONG_META):
            meta.add(a)
        elif a and not _han(line[a - 1]):
            found.add(a)
    numbers: set[int] = set()
    heads = _doc_numbers(line, numbers)
    recipients: set[int] = set()
    _recipients(line, recipients, heads)
    signatures: set[int] = set()
    _signatures(line, signatures)
    lo, n = len(line) - len(line.lstrip()), len(line)

    def kept(points: set[int]) -> set[int]:
        return {_before_spaces(line, p) for p in points if lo < p < n and not _inside_brackets(line, p)} - {lo}

    strong = [kept(s) for s in (closing, meta, numbers, recipients, signatures)]
    keep = kept(found).union(*strong)
    return sorted(keep), sum(1 for s in strong if s)


def _numbered_items(line: str) -> list[int]:
    """Starts of outline items in runs numbered 1, 2, 3 ... of one marker style."""
    out: list[int] = []
    chains: dict[str, list[tuple[int, int]]] = {}
    for m in OUTLINE_ITEM.finditer(line):
        style = m.lastgroup or ""
        n = _number(m.group(style))
        chain = chains.setdefault(style, [])
        if n == 1:
            if len(chain) >= 2:
                out.extend(at for at, _ in chain)
            chains[style] = [(m.start(), 1)]
        elif chain and n == chain[-1][1] + 1 and m.start() - chain[-1][0] >= MIN_ITEM_GAP:
            chain.append((m.start(), n))
    for chain in chains.values():
        if len(chain) >= 2:
            out.extend(at for at, _ in chain)
    return out


def _number(s: str) -> int:
    if s.isdigit():
        return int(s)
    values = {c: i + 1 for i, c in enumerate(CN)}
    if len(s) == 1:
        return values.get(s, 0)
    if s[0] == "十":
        return 10 + values.get(s[1], 0) if len(s) == 2 else 0
    if len(s) >= 2 and s[1] == "十":
        return values.get(s[0], 0) * 10 + (values.get(s[2], 0) if len(s) == 3 else 0)
    return 0


def _before_spaces(line: str, p: int) -> int:
    """The start of the space run ending at p: one break per gap, the spaces go with the new line."""
    while p > 0 and line[p - 1] == " ":
        p -= 1
    return p


def _inside_brackets(line: str, p: int) -> bool:
    lo = max(0, p - BRACKET_WINDOW)
    return any(max(line.rfind(c, lo, p) for c in a) > max(line.rfind(c, lo, p) for c in b) for a, b in BRACKETS)


def _kind_end(s: str) -> bool:
    return s.endswith(DOC_KINDS)


def _doc_numbers(line: str, found: set[int]) -> set[int]:
    """Breaks around a 发文字号 heading the text or closing its title; returns the offsets after them."""
    after: set[int] = set()
    for m in DOC_NUMBER.finditer(line):
        a = m.start()
        i = a
        while i > 0 and a - i < 12 and _han(line[i - 1]):
            i -= 1
        run = line[i:a]
        # the prefix (冀科综, 国函) starts after a title's 文种 inside the run, if one ends there
        cut = next((k for k in range(len(run) - 2, 0, -1) if _kind_end(run[:k])), 0)
        if cut:
            i += cut
        elif i > 0 and not (line[i - 1].isspace() or line[i - 1] in "。；"):
            continue  # a citation inside a sentence
        if len(line[i:a]) < 2:
            continue
        found.add(i)
        b = m.end()
        if b < len(line) and line[b] not in NO_BREAK_AFTER_NUMBER:
            found.add(b)
            after.add(b)
    return after


def _recipients(line: str, found: set[int], heads: set[int]) -> None:
    """Breaks around a 主送 line after a title's 文种 or a 发文字号."""
    for m in RECIPIENT.finditer(line):
        a = m.start()
        if not (a in heads or _kind_end(line[max(0, a - 6):a].replace(" ", ""))):
            continue
        if not ORG_WORDS.search(m.group()):
            continue
        found.add(a)
        found.add(m.end())


def _signatures(line: str, found: set[int]) -> None:
    """Breaks before an organisation name that signs with a full date, and before the date."""
    for m in DATE.finditer(line):
        issued = None if AFTER_SIGNATURE_DATE.match(line, m.end()) else ISSUED_TITLE.match(line, m.end())
        if issued is None and not AFTER_SIGNATURE_DATE.match(line, m.end()):
            continue
        a = m.start()
        j = a
        while j > 0 and line[j - 1] == " ":
            j -= 1
        i = j
        while i > 0 and j - i < ORG_MAX and _han(line[i - 1]):
            i -= 1
        if j - i < 2 or line[j - 1] not in ORG_END:
            continue
        found.add(i)
        if not line[m.end():].startswith("印发"):
            found.add(a)
        if issued is not None:
            found.add(m.end())
            if TEXT_OPENING.match(line, issued.end()):
                found.add(issued.end())
