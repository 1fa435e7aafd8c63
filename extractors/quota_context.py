"""What makes a numeral-with-unit NOT a quota (FORMAT.md "Not quotas", NOTES-D1/D2/X1).

`blocked_spans(text)` finds regions whose numbers never count (dates, document numbers,
phones, URLs, cited titles, short quoted names); `reject(text, m, left)` names the
context rule that drops one match, or returns None: codes, calendar words, numerals inside
words (红十字会), counts that restate a list (高、低两个浓度), … and lets formula operands
(365天-104天) through. Word lists live in `data/quota_words.tsv`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from extractors.quota_grammar import POST_MAX, POST_MIN, Match, left_marker
from pipeline.grammar.dates import scan as scan_dates
from pipeline.grammar.numerals import DIGITS, is_round_magnitude, is_year_numeral

DATA = Path(__file__).parent / "data"
_D = r"\d{1,2} ?"
_SEP = "[至到\\-—–～~]"
# Patterns led by a literal or a rare character, one pass each.
BLOCK_PATTERNS = tuple(re.compile(p) for p in (
    r"《[^《》\n]{0,100}》",
    r"“[^“”\n，。；]{1,15}”",
    r"\"[^\"\n，。；]{1,15}\"",
    r"「[^「」\n]{1,15}」",
    r"〔[^〔〕\n]{1,12}〕 ?第? ?\d+ ?号",
    r"[\[【(（［](?:\d{4}|20[xX]{2})[\]】)）］] ?第? ?\d+ ?号",
    r"一带一路|两学一做|三严三实|四个意识|四个自信|两个维护|五位一体|四个全面|三去一降一补|冬季两项"
    r"|十[一二三四五]五|八项规定",
    # a cited title printed without 《》 (关于发布…等5项指导原则的通告, 关于修改…等十件地方性法规的决定):
    # its numbers are part of the name, like a title in 《》 (FORMAT.md)
    r"关于(?:发布|印发|修改|废止|公布)[^。；;\n]{0,80}?的(?:通告|公告|通知|决定)",
    # a standard's number (GB/T 16886.7, YY 0505—2012, ISO 10993-1): never an amount, whatever follows
    r"(?:GB|YY|WS|GBZ|HJ|JJF|JJG|ISO|IEC|EN|ASTM|DB)(?:/[TZ])? ?\d{1,6}(?:\.\d{1,3})*(?: ?[-—–] ?\d{1,4})?",
    r"https?://[\w./?=&%-]+",
    r"www\.[\w./?=&%-]+",
    r"@[A-Za-z0-9-]+(?:[.。][A-Za-z0-9-]+)+",  # the domain of an e-mail; digits before @ are caught below
))
# Everything led by a digit that the date grammar does not read as a date (clock times,
# phones, 旬/底, a year we cannot read) in one alternation: one scan. The leading lookahead
# lets sre skip to digits (4x faster than the bare alternation, measured). Dates themselves
# are the date grammar's hits (`blocked_spans`).
DIGIT_BLOCK = re.compile("(?=\\d)(?:" + "|".join((
    rf"\d{{2,3}} ?年 ?{_D}[月曰](?: ?{_D}[日号])?",  # 13年5月8日: a year the date grammar cannot read
    rf"\d{{1,2}} ?[日号] ?{_SEP} ?\d{{1,2}}(?!\d)(?! ?[日号])",  # 8日-10: a day range whose end lost its 日
    r"\d{1,2} ?月(?:上旬|中旬|下旬|底|初|末|中)",
    rf"\d{{1,2}} ?日 ?起 ?{_SEP} ?\d{{1,2}} ?日",  # days of the month, from the 13th: 13日起至19日
    r"\d{4} ?年 ?第? ?\d{1,3} ?期",  # a periodical's issue: 山东省人民政府公报 2000年4期
    r"\d{1,2}[:：]\d{2}",
    r"0\d{2,3} ?[-—]? ?\d{7,8}",
    r"1[3-9]\d{9}",
    r"\d{7,8}",
    r"\d{5,}(?=@|qq)",
)) + ")")


class Blocked:
    """Sorted, possibly overlapping (start, end) regions; `hits` asks if a span touches one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach = []  # the furthest end among spans[:i+1], so a lookup can stop early
        far = -1
        for _, b in self.spans:
            far = max(far, b)
            self.reach.append(far)

    def hits(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, b - 1) - 1
        while i >= 0 and self.reach[i] > a:
            if self.spans[i][1] > a:
                return True
            i -= 1
        return False


NON_QUOTA_LEFT = set("第届+×*/÷=xX-")
# An operator after a word or a closing bracket joins amounts in a formula (365天-104天,
# 月计薪天数×8小时, 250天÷12月): the operand is an amount (NOTES-X1). After a Latin letter or a
# digit it is a code or algebra (a*100%, 1+X), and ×100% converts to a percentage (NOTES-D1).
FORMULA_OPS = set("-－×÷=＝")
CONVERSION = ("100%", "100％")
TERM_END = re.compile(r" ?(?:[-－×÷=＝+＋（()）]|[，,。；;\n]|$)")
CLAUSE_OPEN = re.compile(r"[，,。；;：:\n（(！!？?]")
LIST_CLOSERS = set("】》」』”")
PROVISIONS = ("项", "条", "款", "章", "节")
ORDINAL_LIST = re.compile(r"第[一二三四五六七八九十百零\d]{1,4}(?:[、，,和及][一二三四五六七八九十百零\d]{1,4}){0,8}[、，,和及]$")
PLACE_TAIL = re.compile(r"[子户]?[村屯庄]")
PER_UNIT_RIGHT = ("罚", "加", "收", "扣", "计", "按", "每", "处", "缴", "补", "付")
INSTITUTE = re.compile(r"(?:中电科|中国电科|中船重工|中国船舶|航天科工|航天科技|中核|兵器工业|中航工业)"
                       r"(?:\d{1,4}所[、和与及])*$")
CAPTION_BEFORE = "\n\t （(，,。；;：:"
PHASE_LEFT = ("中心", "港", "工程", "项目", "园", "园区", "基地", "厂", "电站", "机场", "馆", "大楼", "线", "隧道", "大桥")
SCORE_VERBS = ("加", "扣", "减", "得", "计", "记", "满", "记分", "积分", "扣分")
REFERENCE_VERBS = ("述", "列", "示", "载", "规定", "要求", "指", "称", "附", "涉及", "包括", "确定")
BOUNDARY = set("，,。；;：:）)\n！!？?")
ARTICLE_UNITS = ("批", "种", "系列")
PRIVATE_USE = ("\ue000", "\uf8ff")
ONE_DURATIONS = ("小时", "个小时", "分钟", "周", "个月", "天", "日")  # 每天有一小时的活动时间: a duration, never an article
KILO = "千"  # 一千米 is the numeral 一 before 千米 (a distance), never the article 一  # 一批, 一种: never a count without a comparator (NOTES-D1/D2)


KIND_CLASSIFIERS = ("种", "種", "类", "類")
LIST_AND = re.compile("[和与及或]")
MAX_LIST_TAIL = 6  # the last list item before its count: 低 in 高、低两个, >60岁 in …、>60岁七个组
ONE_SCOPE = re.compile(r"[仅只][^，。；、,;]{0,3}$")
IDIOM_TAIL = re.compile(r"[一二两三四五六七八九十百千万][\u4e00-\u9fff](?=[，。；、,;\s”\"的]|$)")


@lru_cache(maxsize=1)
def name_tail() -> re.Pattern[str]:
    """A programme or plan name within a few characters (三年滚动计划, 百人医学领军人才计划)."""
    return re.compile(r"[^的，。；、,;\s]{0,10}?(?:" + "|".join(words()["name_tail"]) + ")")


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for line in (DATA / "quota_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, word = line.split("\t")[:2]
            out.setdefault(kind, []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for p in BLOCK_PATTERNS for m in p.finditer(text)]
    spans += [(h.start, h.end) for h in scan_dates(text)]
    return spans + [m.span() for m in DIGIT_BLOCK.finditer(text)]


def _is_cn(num: str) -> bool:
    return not any(c.isdigit() for c in num)


def _operand(text: str, m: Match) -> bool:
    """An Arabic amount between formula operators, after a word or a bracket (see FORMULA_OPS).

    It must end the term too (an operator, a bracket or the clause end follows): in
    "÷两次检测到的息肉总数" the number is part of a variable's name.
    """
    head = text[max(0, m.num_start - 3): m.num_start].rstrip(" ")
    if len(head) < 2 or head[-1] not in FORMULA_OPS or _is_cn(m.num):
        return False
    if not TERM_END.match(text, m.end):
        return False
    if head[-1] in "×" and text[m.num_start: m.end].startswith(CONVERSION):
        return False
    prev = head[:-1].rstrip(" ")[-1:]
    return bool(prev) and (prev in "）)" or "\u4e00" <= prev <= "\u9fff")


def _in_word(text: str, m: Match) -> bool:
    """The numeral is a character of a word (红十字会, 十字路口, 一起): data `numeral_word`."""
    for w in words()["numeral_word"]:
        for i, c in enumerate(w):
            if c == text[m.num_start] and text.startswith(w, m.num_start - i):
                return True
    return False


def _restates_list(text: str, m: Match, before: str) -> bool:
    """A Chinese count right after a list it restates: 高、低两个浓度, 【A】和【B】两项 (NOTES-X1)."""
    if m.unit not in words()["list_classifier"] or m.post in POST_MIN + POST_MAX:
        return False  # 每周一次、每月一次 lists frequencies; only 个/种/项… restate items; 两个以上 is a bound
    if before in LIST_CLOSERS:
        return True
    clause = CLAUSE_OPEN.split(text[max(0, m.num_start - 60): m.num_start])[-1]
    last = clause.rsplit("、", 1)
    if len(last) == 1 and m.unit in KIND_CLASSIFIERS:
        # 气导和骨传导两种机制: two kinds named, then counted; only 种/类, where the items are
        # kinds (建设和改造两所学校 counts schools)
        last = LIST_AND.split(clause)[-2:] if LIST_AND.search(clause) else last
        if len(last) == 2 and len(last[0].split("有")[-1]) > MAX_LIST_TAIL:
            return False
    return (len(last) == 2 and 0 < len(last[1]) <= MAX_LIST_TAIL and left_marker(last[1]) is None
            and "每" not in last[1])


def _one_is_article(text: str, m: Match, left: str, right: str) -> bool:
    """一 + classifier is a count only with a comparator, a scope, or at a clause end (NOTES-D1)."""
    if left.endswith(words()["one_bad_left"]):
        return True
    if m.unit == "年" and left.endswith("的"):
        return True  # 是不平凡的一年: a calendar year described, not a duration
    if m.unit in ONE_DURATIONS and (not right or right[:1] == "的" or right[:1] in BOUNDARY):
        return False  # 每天有一小时的活动时间, 为期一日的教育: a duration (一日清单制度 is a name)
    marker = left_marker(left)
    if marker and marker[0] in ("min", "max"):
        return False
    if m.post in POST_MIN + POST_MAX:
        return False  # 一个以上: a bounded count
    if m.unit in ARTICLE_UNITS:
        return True
    if right.startswith("或") or ONE_SCOPE.search(left):
        return False  # 一个或一个以上, 仅可纳入一例: a count, not an article
    if left.endswith(words()["one_left"]):
        return False
    clause = re.split(r"[，。；：,;:\n]", text[max(0, m.num_start - 12): m.num_start])[-1]
    if m.unit == "名" or (m.unit == "次" and "每" in clause):
        return False  # 一名 is always a head count; 每5年进行一次评估 is a frequency
    return not (right[:1] in BOUNDARY or not right)


def _concept(right: str) -> bool:
    """The counted noun is a concept (三个阶段); 不同 before it is looked through (两种不同教育类型)."""
    if right.startswith(words()["concept"]):
        return True
    for last in words().get("concept_last", ()):
        if right.startswith(last):
            return re.split(r"[的，。；：、,;:\s和与及]", right)[0] == last
    for mod in words()["concept_modifier"]:
        if right.startswith(mod):
            noun = re.split(r"[的，。；、,;\s]", right[len(mod):])[0]
            return noun.endswith(words()["concept"])
    return False


SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+ ?")
"""A dotted section number (`2.6`, `4.1.2`) that opens a line of a technical document."""


def _section_number(text: str, m: Match) -> bool:
    """The number opens a line, is dotted, and its unit runs on into the heading's words."""
    line_start = m.num_start == 0 or text[m.num_start - 1] in "\n\t"
    if not line_start or "." not in m.num or not SECTION_NUMBER.fullmatch(text[m.num_start:m.end - len(m.unit)]):
        return False
    follower = text[m.end: m.end + 1]
    return "\u4e00" <= follower <= "\u9fff" and m.unit[:1] >= "\u4e00"


def reject(text: str, m: Match, left: str) -> str | None:
    """The reason this match is not a quota, or None when it is one."""
    before = text[max(0, m.num_start - 2): m.num_start].rstrip(" ")[-1:]
    right = text[m.end: m.end + 12]
    num, unit, w = m.num, m.unit, words()
    operand = before in FORMULA_OPS and _operand(text, m)
    touching = text[m.num_start - 1: m.num_start] if m.num_start else ""
    if (before in NON_QUOTA_LEFT and not operand) or (touching.isascii() and touching.isalnum()):
        return "ordinal_or_code"  # 第3, a*100%, IL4; but "IgE 0.35IU/ml" is a word, then an amount
    if PRIVATE_USE[0] <= touching <= PRIVATE_USE[1]:
        return "digit_group"  # 5\ue0106平方千米: a font's private glyph (a point) inside the number
    if m.kind == "period" and not operand:
        return "calendar_word"  # 12月 is December unless it divides a formula (NOTES-X1)
    if _section_number(text, m):
        return "section_number"  # `4.1批内精密度`: a heading's number, not 4.1 batches
    near = text[max(0, m.num_start - 3): m.num_start]
    if re.search(r"\d、$", near) or (m.num2 is None and re.search(r"\d ?[-—～~]$", near)):
        return "item_list"  # 上述2、3项 cites items; 3-4 after a digit is a code or a broken range
    cn = _is_cn(num)
    if cn and before in ("数", "几"):
        return "vague"  # 数十家, 数百名: no number is stated
    if re.search(r"\d[ \u2009]$", text[max(0, m.num_start - 2): m.num_start]):
        return "digit_group"  # 20 000 IU/ml: the tail of a number grouped with a space
    if cn and _in_word(text, m):
        return "numeral_word"  # 红十字会 is no 10 字
    if cn and (m.min == 0 or m.max == 0):
        return "zero"  # 零部件, 零增长
    if cn and unit == "角":
        return "name"  # 长三角, 三角形: 角 counts money only after figures (5角) or 元 (5元5角)
    if cn and len(num) > 1 and all(c in DIGITS for c in num) and m.rule != "approx_range":
        return "digit_string"  # 一二三产业, 二〇一三 without 年
    if unit == "年" and (is_year_numeral(num) or re.fullmatch(r"\d{1,2}\.\d{3,4}", num)):
        return "year"  # 2013年; 1.2018年 is a list marker glued to a year
    if re.fullmatch(r"\d+\.\d+", num) and (m.num_start == 0 or text[m.num_start - 1] == "\n") and \
            text[m.num_start + len(num): m.num_start + len(num) + 1] == " ":
        return "section_number"  # 7.2 本预案…
    if unit in PROVISIONS and ("." in num or left.endswith(w["provision_left"])):
        return "clause_reference"  # 见4.7项, 前两款: numbered or preceding clauses, not counts
    marker = left_marker(left)  # the comparator before the number, asked by the rules below
    if unit in KIND_CLASSIFIERS and m.rule == "bare" and marker is None:
        return "kind_count"  # 两种试剂, 三种方式: the kinds compared or listed, counted only when bounded
    if ORDINAL_LIST.search(text, max(0, m.num_start - 24), m.num_start):
        return "ordinal_list"  # 第五、六、七项: items cited by number
    if unit == "家" and PLACE_TAIL.match(right):
        return "place_name"  # 五家子村, 八家户村
    if num in ("1", "一") and "每" in left[-4:] and right.startswith(PER_UNIT_RIGHT):
        return "per_unit"  # 每倾倒1吨罚款1000元, 每超过1天每吨加罚: the base of a rate
    if unit == "分" and ((cn and not left.endswith(SCORE_VERBS) and marker is None) or touching in "时点"):
        return "not_points"  # 十分重要 is "very"; 8时30分 a clock time; 加五分 counts points
    if unit == "分" and touching in ("", "\n", "；", ";", "：", ":") \
            and "\u4e00" <= right[:1] <= "\u9fff":
        return "scale_level"  # `0分未出现漏光；1分漏光轻微`: the levels of a rating scale, each described
    if m.kind == "money" and text[max(0, m.num_start - 6):m.num_start].rstrip(" ：:").endswith(w["price_left"]):
        return "price"  # 定价：16.00元: what the printed book costs
    if before and before in "图表" and (m.num_start < 2 or text[m.num_start - 2] in CAPTION_BEFORE):
        return "caption_number"  # `图2分体式视野计`, `表3门(急)诊`: a figure's or table's number
    if unit == "所" and INSTITUTE.search(text, max(0, m.num_start - 30), m.num_start):
        return "institute"  # 中电科54所、13所: research institutes named by number
    if unit == "期" and left.endswith(PHASE_LEFT):
        return "phase"  # 数据中心二期、信息港三期: a project's phase is part of its name
    if num in ("万", "亿", "千", "百") and before in ("多", "余"):
        return "magnitude_tail"  # 50多万台: the magnitude of an approximate number, not a count
    if unit == "所" and right.startswith(REFERENCE_VERBS):
        return "reference"  # 附2所列举的项目, 表1所示: 所 is the pronoun, not schools
    if num in ("万", "亿") and unit.startswith(("元", "万")):
        return "unit_header"  # 预算金额（万元）
    if num == "二" and unit in ("次", "代") and m.min is not None and m.max is not None:
        return "ordinal"  # 二次预约, 二代身份证: a count says 两次 (but 二次以上处罚 is a count, open-ended)
    if unit == "日" and left.rstrip().endswith(("月", "曰", "月的", "月份的")):
        return "date"  # 每年3月、6月的1日至15日: days of the month
    if left.endswith("每") and is_round_magnitude(num) and m.kind != "time":
        return "rate_denominator"  # 每千名儿童, 每百张病床
    if m.kind == "time":
        if right.startswith(w["time_right"]) or re.match(r"[（(][^）)\n]{0,12}[）)]内|[）)]内", right):
            return "time_limit"
        if left.endswith(w["time_left"]) or "最迟" in left:
            return "time_offset"
    if left.endswith(w["enum_left"]) and m.kind != "time":
        return "enumeration"
    if m.kind == "count" and _concept(right):
        return "concept_count"
    if cn and m.kind == "count" and m.num2 is None and _restates_list(text, m, before):
        return "restated_list"
    if cn and len(num) == 1 and IDIOM_TAIL.match(right):
        return "idiom"  # 一人一码, 千家万户
    bounded = m.post in POST_MIN + POST_MAX or marker is not None
    if cn and (is_round_magnitude(num) or m.kind == "time") and not bounded and name_tail().match(right):
        return "name"  # 百人计划, 三年滚动计划; but 存续二年以上并…开展活动 is a bound
    if num == "一" and m.num2 is None and not unit.startswith(KILO) and _one_is_article(text, m, left, right):
        return "article"
    return None
