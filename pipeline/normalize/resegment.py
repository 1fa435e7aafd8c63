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
- `特此通知/公告`, `附件：`, `抄送：`, `主题词：`, `（此件…）`, a portal's `更多信息请关注`, and
  after an attachment's file name (`….docx`) that runs into the next line;
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

from pipeline.grammar.dates import parse_date
from pipeline.normalize.offsets import Edit

LONG_LINE = 300
RUN_ON_MEAN = 200
RUN_ON_SHARE = 0.6
MIN_BREAKS = 2
SHORT_RUN_ON = 120  # a line this long may be a short notice run together (strong marks only)
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

# every pattern starts with a literal (a class or lookbehind start scans ~30x slower); outline
# markers are found from their literal ends (、 . ． ） )) and read backwards in Python
SPACE_INDENT = re.compile(r"  +")
STOPS = "。；;：:！？!?"
MARKER_ENDS = "、.．）)"
MARKER_DIGITS = frozenset(CN + "0123456789")
CN_VALUES = {c: i + 1 for i, c in enumerate(CN)}
ARTICLE = re.compile(rf"第[{CN}百零〇\d]{{1,5}}[条章节]")
# a run of markers numbered 1, 2, 3 ... starts items even where a heading runs into the next
# one without punctuation (`一、督查对象各市政府二、督查内容`)
MIN_ITEM_GAP = 8
CLOSING = re.compile(r"特此(?:通知|公告|通告|函告|批复|报告|说明|函)")
BEFORE_MARK = re.compile(r"附[件表]\d{0,2}[：:]|抄送[：:]|主题词[：:]|联系人[：:]|此件[^）)\n]{1,12}[）)]|更多信息请关注")
# an attachment's file name ends its line: `附件：X办法.docx河北省科学技术厅…`
FILE_END = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|et|zip|rar)(?= ?[\u4e00-\u9fff（(])", re.I)
META_KEY = re.compile(r"(?:发布时间|发布日期|成文日期|索引号|信息来源|文章来源|来源|浏览次数|点击数|作者|标题|发文字号|"
                      r"发文机关|主题分类|更新|字体)[：:]")
STRONG_META = ("发布时间", "发布日期", "成文日期", "索引号", "发文字号", "发文机关", "主题分类", "标题")
"""Keys of a metadata table or byline that no sentence prints run into a word before them."""
DATE_KEYS = ("发布时间", "发布日期", "成文日期", "更新")
BYLINE_REACH = 40  # `来源:X 更新:Y`: a weak key counts when another key follows this close
NOT_AFTER_DATE = "至到起前止日号"
DOC_NUMBER = re.compile(r"〔(?:19|20)\d\d〕第?\d{1,4}号")
RECIPIENT = re.compile(rf"各[^。；;！？!?\n]{{1,{RECIPIENT_MAX}}}?[：:]")
# a full date, found from its 年: the four year digits before it are checked in `_dates`
DATE = re.compile(r"年(?:\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)")
CN_YEAR_DIGITS = set("〇○零一二三四五六七八九")
AFTER_SIGNATURE_DATE = re.compile(r" *(?:$|[（(]此件|抄送|附[件表]|更多信息|印发|主题词| )")
TEXT_OPENING = re.compile(rf"第[{CN}]{{1,3}}[章条]|为|根据|[{CN}]、|[（(]一[）)]")
# a cover notice's signature followed by the title of the document it issues
ISSUED_TITLE = re.compile(r"[^。，；;！？\n]{2,50}?(?:办法|方案|规定|细则|意见|规划|计划|目录|指南|标准|规则|要点|清单|条例|措施)"
                          r"(?:[（(][^）)\n]{1,12}[）)])?")
NO_BREAK_AFTER_NUMBER = "，,。、；;）)〕的等和及"


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def run_on(text: str, longest: int) -> bool:
    """Whether the text's lines are few for its length, or one line holds most of it."""
    lines = sum(1 for line in text.split("\n") if line.strip())
    return bool(lines) and (len(text) / lines >= RUN_ON_MEAN or longest >= RUN_ON_SHARE * len(text))


# a signature's date with the title of the document it issues run on (a CSV cell joined its
# paragraphs): `2020年9月30日关于进一步优化营商环境的若干措施` on a line of its own
DATE_THEN_TITLE = re.compile(r" *(?:19|20)\d\d年\d{1,2}月\d{1,2}日(?=关于|[\u4e00-\u9fff]{1,6}[省市区县](?!人民政府|委员会))")


# a 发文字号 with the title run on after it (`冀科人规〔2021〕1号河北省科学技术厅关于印发…的通知`)
NUMBER_THEN_TITLE = re.compile(r" *(?!根据|按照|依据|依照|参照|遵照|贯彻|落实|执行)[\u4e00-\u9fff]{1,12}〔(?:19|20)\d\d〕第?\d{1,4}号")
TITLE_REST = re.compile(r"[\u4e00-\u9fff、]{0,40}?关于[^。，；;\n]{2,80}?(?:通知|意见|决定|办法|方案|规定|批复|函|通报|公告|通告|报告|请示)")


def breaks(text: str) -> list[Edit]:
    """Insertions of "\\n" into the run-on lines of a text (none if it has no run-on line)."""
    lines = text.split("\n")
    edits: list[Edit] = []
    start = 0
    long_text = len(text) > LONG_LINE
    many = long_text and run_on(text, max(map(len, lines)))
    for line in lines:
        if long_text and len(line) > LONG_LINE:
            at = line_breaks(line, many)
            edits.extend((start + p, start + p, "\n") for p in at)
        elif len(line) > SHORT_RUN_ON:
            # a short notice run together (`冀科资规〔2020〕1号  河北省科学技术厅  关于…的通知  各市…：  为…`):
            # only two kinds of strong marks (a 发文字号 heading, a 主送, a signature…) break it
            at = line_breaks(line, False)
            edits.extend((start + p, start + p, "\n") for p in at)
        else:
            m = DATE_THEN_TITLE.match(line)
            if m and ISSUED_TITLE.fullmatch(line, m.end()):
                edits.append((start + m.end(), start + m.end(), "\n"))
            n = NUMBER_THEN_TITLE.match(line)
            if n and TITLE_REST.fullmatch(line, n.end()):
                edits.append((start + n.end(), start + n.end(), "\n"))
        start += len(line) + 1
    return edits


def line_breaks(line: str, many: bool = True) -> list[int]:
    """Sorted offsets in one long line where a new line starts ([] if it shows no lost breaks).

    Strong marks (a 发文字号 heading, a 主送, a signature, `特此通知`, a page-metadata key)
    never sit inside a paragraph of well-formed text, so MIN_STRONG kinds of them show a
    run-on line even in a short notice whose few lines hide it from `run_on` (`many`); the
    weaker marks (indents, outline items, 附件) are looked for only once the line is run-on."""
    lo, n = len(line) - len(line.lstrip()), len(line)

    def kept(points: set[int]) -> set[int]:
        return {_before_spaces(line, p) for p in points if lo < p < n and not _inside_brackets(line, p)} - {lo}

    strong = [kept(points) for points in _strong_marks(line)]
    kinds = sum(1 for points in strong if points)
    if not many and kinds < MIN_STRONG:
        return []
    keep = kept(_weak_marks(line)).union(*strong)
    return sorted(keep) if kinds >= MIN_STRONG or len(keep) >= MIN_BREAKS else []


def _strong_marks(line: str) -> list[set[int]]:
    """Breaks of each strong kind: closing formula, page metadata, 发文字号, 主送, signature."""
    closing: set[int] = set()
    for m in CLOSING.finditer(line):  # the closing formula is a line of its own
        closing.add(m.start())
        closing.add(m.end() + (line.startswith("。", m.end()) or line.startswith(".", m.end())))
    meta = {m.start() for m in META_KEY.finditer(line) if m.group().startswith(STRONG_META)}
    numbers: set[int] = set()
    heads = _doc_numbers(line, numbers)
    recipients: set[int] = set()
    _recipients(line, recipients, heads)
    signatures: set[int] = set()
    _signatures(line, signatures)
    return [closing, meta, numbers, recipients, signatures]


def _weak_marks(line: str) -> set[int]:
    """Breaks before indents, outline items, 附件/抄送 lines and metadata keys."""
    found = {m.end() for m in SPACE_INDENT.finditer(line) if m.start() and m.end() < len(line)}
    found.update(_outline_items(line))
    for m in ARTICLE.finditer(line):
        if _after(line, m.start(), STOPS):
            found.add(m.start())
    for m in BEFORE_MARK.finditer(line):
        a = m.start()
        if m.group().startswith("此件"):  # （此件公开发布）
            if not (a and line[a - 1] in "（("):
                continue
            a -= 1
        found.add(a)
    keys = list(META_KEY.finditer(line))
    for k, m in enumerate(keys):
        a = m.start()
        byline = k + 1 < len(keys) and keys[k + 1].start() - m.end() <= BYLINE_REACH
        if a and (not _han(line[a - 1]) or m.group().startswith(STRONG_META) or byline):
            found.add(a)
        if m.group().startswith(DATE_KEYS):
            found.update(_after_value_date(line, m.end()))
    found.update(m.end() for m in FILE_END.finditer(line))
    return found


def _after_value_date(line: str, at: int) -> set[int]:
    """A break after a key's date value when text runs on from it (`发布日期：2019年02月13日国务院关于…`)."""
    while at < len(line) and line[at] == " ":
        at += 1
    parsed = parse_date(line[at:at + 40])
    if not parsed:
        return set()
    end = at + parsed[2]
    while end < len(line) and (line[end].isdigit() or line[end] in ": ："):
        end += 1  # the time of day after the date
    return {end} if end < len(line) and _han(line[end]) and line[end] not in NOT_AFTER_DATE else set()


def _after(line: str, a: int, chars: str) -> bool:
    """Whether the last non-space character before a is one of chars."""
    while a > 0 and line[a - 1] == " ":
        a -= 1
    return a > 0 and line[a - 1] in chars


def _markers(line: str) -> list[tuple[int, str, int]]:
    """Outline markers (start, style, number): `一、` (cn), `（一）` (pn), `1.`/`1、` (d)."""
    out = []
    for end_char in MARKER_ENDS:
        e = line.find(end_char)
        while e >= 0:
            marker = _marker_at(line, e, end_char)
            if marker:
                out.append(marker)
            e = line.find(end_char, e + 1)
    out.sort()
    return out


def _marker_at(line: str, e: int, end_char: str) -> tuple[int, str, int] | None:
    if not e or line[e - 1] not in MARKER_DIGITS:  # most 、 and ） end words, not numbers
        return None
    s = e
    if end_char in "）)":
        while s > 0 and e - s < 3 and line[s - 1] in CN:
            s -= 1
        if s == e or s == 0 or line[s - 1] not in "（(":
            return None
        s, style = s - 1, "pn"
        n = _number(line[s + 1:e])
    else:
        while s > 0 and e - s < 3 and end_char == "、" and line[s - 1] in CN:
            s -= 1
        style = "cn"
        if s == e:
            while s > 0 and e - s < 2 and line[s - 1].isascii() and line[s - 1].isdigit():
                s -= 1
            style = "d"
            if s == e or (e + 1 < len(line) and line[e + 1].isdigit()):
                return None
        n = _number(line[s:e])
    if not n or (s and (line[s - 1] in CN or line[s - 1].isdigit() or line[s - 1] in ".．")):
        return None
    return s, style, n


def _outline_items(line: str) -> list[int]:
    """Starts of outline items: after a sentence end, or in runs numbered 1, 2, 3 ... of one style."""
    out: list[int] = []
    chains: dict[str, list[tuple[int, int]]] = {}
    for at, style, n in _markers(line):
        if _after(line, at, STOPS) or (style != "d" and _after(line, at, "）)")):
            out.append(at)
        chain = chains.setdefault(style, [])
        if n == 1:
            if len(chain) >= 2:
                out.extend(a for a, _ in chain)
            chains[style] = [(at, 1)]
        elif chain and n == chain[-1][1] + 1 and at - chain[-1][0] >= MIN_ITEM_GAP:
            chain.append((at, n))
    for chain in chains.values():
        if len(chain) >= 2:
            out.extend(a for a, _ in chain)
    return out


def _number(s: str) -> int:
    if s.isdigit():
        return int(s)
    values = CN_VALUES
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
    """Whether an opener within BRACKET_WINDOW before p is still open (《》, （）/(), 〈〉)."""
    lo = max(0, p - BRACKET_WINDOW)
    find = line.rfind
    if find("《", lo, p) > find("》", lo, p) or find("〈", lo, p) > find("〉", lo, p):
        return True
    # pages mix half- and full-width halves of one pair, `(Ⅳ级）`
    return max(find("（", lo, p), find("(", lo, p)) > max(find("）", lo, p), find(")", lo, p))


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


ORG_OPENINGS = ("北京", "天津", "河北", "山西", "内蒙", "辽宁", "吉林", "黑龙", "上海", "江苏", "浙江", "安徽", "福建",
                "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
                "陕西", "甘肃", "青海", "宁夏", "新疆", "中共", "中华", "国家", "国务", "最高", "全国", "共青")
"""How a signing body's name opens (a province, or a national body): where a signature run into
the attachment name before it (`…活动安排河北省人力资源和社会保障厅2022年…`) starts."""


SIGNER_TITLES = ("总理", "部长", "主任", "主席", "局长", "署长", "行长", "院长", "省长", "市长", "县长", "区长", "书记")
"""The office a 令 is signed with, before the signer's name (`总理温家宝二○○八年九月十八日`)."""
NAME_MAX = 4


def _official_signer(line: str, i: int, j: int) -> int | None:
    """Where `总理 温家宝` starts when the Han run line[i:j] ends with an office and a name."""
    for n in range(2, NAME_MAX + 1):
        at = j - n
        if at - 2 >= i and line[at - 2:at] in SIGNER_TITLES:
            return at - 2
    return None


def _signer_start(line: str, i: int, j: int) -> int:
    """The start of the organisation names that end the Han run line[i:j]: the run is cut where a
    body's name opens, and the signature is the longest tail of parts that each end like a body."""
    bounds = sorted({i, *(k for k in range(i + 1, j - 1) if line[k:k + 2] in ORG_OPENINGS)})
    start = j
    for a in reversed(bounds):
        if line[start - 1] not in ORG_END:
            break
        start = a
    return start if start < j else i


def _signatures(line: str, found: set[int]) -> None:
    """Breaks before an organisation name that signs with a full date, and before the date."""
    for m in DATE.finditer(line):
        a = m.start() - 4
        year = line[max(a, 0):m.start()]
        if a < 0 or not (year.isdigit() and year[:2] in ("19", "20") or set(year) <= CN_YEAR_DIGITS):
            continue
        issued = None if AFTER_SIGNATURE_DATE.match(line, m.end()) else ISSUED_TITLE.match(line, m.end())
        if issued is None and not AFTER_SIGNATURE_DATE.match(line, m.end()):
            continue
        j = a
        while j > 0 and line[j - 1] == " ":
            j -= 1
        i = j
        while i > 0 and j - i < ORG_MAX and _han(line[i - 1]):
            i -= 1
        signer = _official_signer(line, i, j)
        if signer is not None:
            i = signer
        elif j - i < 2 or line[j - 1] not in ORG_END:
            continue
        else:
            i = _signer_start(line, i, j)
        found.add(i)
        if not line[m.end():].startswith("印发"):
            found.add(a)
        if issued is not None or line.startswith(("附件", "附表"), m.end()):
            found.add(m.end())  # the issued document's title, or its attachment, after the date
            if issued is not None and TEXT_OPENING.match(line, issued.end()):
                found.add(issued.end())
