"""The issuer (发文机关): who issued the document, never the portal that reposted it.

Cascade (first wins); a joint issue lists every issuer in printed order joined with 、:
  1. the page metadata (发文机关);
  2. the 发文机关标志 in the 版头 (`山西省卫生厅文件`; joint: issuers stacked over one `文件`,
     or side by side on the first line, `中共X市委 X市人民政府`);
  3. the signature block: the organisation line(s) right above the signature date;
  4. the title's `X关于…` (also `X转发/批转/印发…`, `X对…的答复`);
  4b. a law's enactment line: the 令's issuer (`国务院令第386号公布`), the body whose meeting
     adopted it (`北京市第十五届人民代表大会常务委员会第二十四次会议通过`), or the body that
     approved or issued it (`1980年5月9日 国务院批准`);
  5. the document number's 机关代字 resolved through data/issuer_abbrev.tsv (晋卫 -> 山西省卫生厅),
     when the text prints that name somewhere (a prefix alone is a hint, not the text saying);
  6. the 印发机关 of the 版记 (`阜康市卫生局 / 2009年4月7日印发`).
None when the text never says (templates, fragments).
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from extractors.base import found
from extractors.dates import enactments, printed_line, signature_dates
from extractors.doc_number import key
from extractors.doctype import region_of
from extractors.parties import recipient_line
from pipeline.structure.cover import standard_cover
from pipeline.structure.lines import ISSUER_MARK, ORG_SUFFIXES, SEAL, doc_lines, is_org, squeeze
from pipeline.types import Document, Found, Span

DATA = Path(__file__).parent / "data"
TITLE_MARKERS = re.compile(r"关于|转发|批转|印发")
ORG_YEAR = re.compile(r"(?P<org>[\u4e00-\u9fff、]{4,40}?)(?:19|20)\d\d年")
REPLY_MARKER = "对"  # `X对…的答复`: only in a reply's title (`对外委托` is a word, not a marker)
REPLY_TYPES = ("答复", "批复", "复函")
INNER_COMMITTEES = ("审判委员会", "检察委员会")
"""A court's or procuratorate's own committee adopts its texts: the issuer is the court."""
JOINT_STARTS = ("最高", "国家", "国务院", "中共", "中国", "全国", "共青团", "财政部", "教育部", "科技部", "公安部",
                "民政部", "司法部", "商务部", "审计署", "水利部", "工业和信息化部", "人力资源社会保障部", "住房城乡建设部",
                "交通运输部", "农业农村部", "文化和旅游部", "应急管理部", "海关总署", "税务总局", "市场监管总局",
                "国资委", "自然资源部", "生态环境部", "退役军人事务部", "卫生健康委", "发展改革委")
"""How the second of two issuers run together in a title may begin, besides a place name."""
VERTICAL_HEADS = ("国家税务总局", "海关总署", "国家金融监督管理总局", "中国人民银行", "国家外汇管理局", "国家统计局")
MIN_JOINT_PART = 3  # 财政部: the second part must also open like a body (JOINT_STARTS) or a place
MAX_SIGNATURE_LINES = 4
MAX_STACKED = 6  # issuers stacked over one 文件 line
JOINT_HEADER_LINES = 2  # a joint header without 文件 opens the document
# everything before the first `第N次…会议` (its `第N届` is cut out after): two lazy runs around an
# optional 届 (`.+?(?:…届)?.*?`) were cubic on a long line
MEETING = re.compile(r"(?P<org>.+?)第[一二三四五六七八九十百零\d]+次(?:全体|常务)?(?:委员)?会议")
SESSION = re.compile(r"第[一二三四五六七八九十百\d]+届")
ORDER = re.compile(r"(?P<org>.+?)(?:令|第)")
# `国务院批准`, `（经）国务院发布`: the body names itself right before the verb, with no 令 number.
BODY_VERB = re.compile(r"经?(?P<org>[^\s，,。；;]+?)(?:批准|发布|公布|通过)[）)]?$")
STATE_PREFIX = "中华人民共和国"
HEAD_OF_STATE = "主席"  # a 主席令 promulgates what a congress adopted: take the meeting instead
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def _orgs(text: str) -> list[str] | None:
    """The organisations on a signature or 标志 line, or None when it holds anything else.

    A short name letter-spaced for alignment (`纪 委`, too short for normalize to re-join)
    is read as one name when its pieces are not names on their own."""
    tokens = [t for t in re.split(r"[\s、]+", text.strip()) if re.search(r"[\u4e00-\u9fff]", t)]
    if tokens and all(is_org(t) for t in tokens):
        return tokens
    joined = re.sub(r"\s+", "", text.strip())
    return [joined] if len(tokens) > 1 and "、" not in joined and len(joined) <= 8 and is_org(joined) else None


def _stacked(ls: tuple, i: int, step: int) -> list:
    """The org-only lines next to line `i` (a joint 标志 prints one issuer a line)."""
    out, j = [], i + step
    while 0 <= j < len(ls) and len(out) < MAX_STACKED and _orgs(ls[j].text):
        out.append(ls[j])
        j += step
    return out[::-1] if step < 0 else out


def mark(doc: Document) -> list[Found]:
    """The 发文机关标志: `X文件`, issuers stacked over one `文件` line, or a joint header line.

    A joint issue prints every issuer in the header: one a line over a single `文件`
    (`国家卫生健康委员会 / 国家中医药管理局 / 文件`), or side by side on the first line without
    `文件` (`中共X市委 X市人民政府`); each is its own issuer, joined with 、."""
    rec = recipient_line(doc)
    limit = rec.start if rec else min(len(doc.text), 2000)
    ls = tuple(ln for ln in doc_lines(doc) if ln.start < limit)
    for i, ln in enumerate(ls):
        if not ISSUER_MARK.search(ln.text):
            continue
        head = ln.text[: -len("文件")]
        if not head.strip():
            block = _stacked(ls, i, -1) or _stacked(ls, i, 1)
            orgs = [o for b in block for o in _orgs(b.text)]
            if orgs:
                span = Span(min(block[0].start, ln.start), max(block[-1].end, ln.start))
                return [found("issuer", _joined(orgs), span, "mark-stacked")]
            continue
        orgs = _orgs(head)
        if orgs:
            return [found("issuer", _joined(orgs), Span(ln.start, ln.end - 2), "mark")]
    for ln in ls[:JOINT_HEADER_LINES]:
        orgs = _orgs(ln.text)
        if orgs and len(orgs) > 1:
            return [found("issuer", _joined(orgs), Span(ln.start, ln.end), "mark-joint")]
    return []


def signature(doc: Document) -> list[Found]:
    all_lines = doc_lines(doc)
    starts = {ln.start: i for i, ln in enumerate(all_lines)}
    for tier, date_ln, _value, _precision in signature_dates(doc):
        if tier != 1:
            continue
        full = next(ln for ln in all_lines if ln.start <= date_ln.start < ln.end + 1)
        if full.start < date_ln.start:  # organisation and date on one line
            span = Span(full.start, date_ln.start)
            orgs = _orgs(span.of(doc.text))
        else:
            i, block = starts[full.start], []
            while i > 0 and len(block) < MAX_SIGNATURE_LINES:
                prev = all_lines[i - 1]
                i -= 1
                if not SEAL.sub("", prev.text).strip():
                    continue  # a `（盖章）` line between the name and the date
                if _orgs(SEAL.sub("", prev.text)) is None:
                    break
                block.insert(0, prev)
            if not block:
                continue
            span = Span(block[0].start, block[-1].end)
            orgs = [o for b in block for o in (_orgs(SEAL.sub("", b.text)) or [])]
        if orgs:
            return [found("issuer", _joined(orgs), span, "signature")]
    return []


ORDER_RULES = ("order-header", "header-line")
ORDER_ISSUER = re.compile(r"(?P<org>.+?)令")
ORDER_SIGNERS = ("局长", "部长", "主任", "署长", "行长", "总理", "主席")  # 国家知识产权局局长令: the 局 issues


def from_cover(doc: Document) -> list[Found]:
    """The body a standard's cover says issues it (`中华人民共和国国家卫生和计划生育委员会发布`)."""
    cover = standard_cover(doc)
    if cover and cover.issuer:
        return [found("issuer", cover.issuer[1], cover.issuer[0], "standard-cover")]
    return []


def from_order(doc: Document) -> list[Found]:
    """The body a 令 names as its issuer (`中华人民共和国国务院令第535号` -> 国务院)."""
    for f in doc.values("doc_number"):
        if f.rule not in ORDER_RULES:
            continue
        m = ORDER_ISSUER.match(f.value)
        org = m.group("org").removeprefix(STATE_PREFIX) if m and "第" in f.value[m.end():] else ""
        org = next((org.removesuffix(t) for t in ORDER_SIGNERS if org.endswith(t) and len(org) > len(t) + 1), org)
        if org and is_org(org):
            return [found("issuer", org, Span(f.span.start, f.span.start + m.end() - 1), "order")]
    return []


def from_title(doc: Document) -> list[Found]:
    for f in doc.values("title")[:1]:
        m = TITLE_MARKERS.search(f.value)
        if not m and f.value.endswith(REPLY_TYPES):
            m = re.search(REPLY_MARKER, f.value)
        head = f.value[: m.start()] if m else ""
        if not m:  # `河北省人力资源和社会保障厅2017年政府信息公开工作年度报告`: a body's report on its year
            dated = ORG_YEAR.match(f.value)
            head = dated.group("org") if dated else ""
        if head and all(is_org(p) for p in head.split("、")):
            # the title's value joins its lines, so the evidence is the title's own span
            return [found("issuer", "、".join(p for h in head.split("、") for p in split_joint(h)), f.span, "title")]
    return []


def _joined(orgs: list[str]) -> str:
    """Issuers joined with 、, each run-together pair split (a dump lost the space between them)."""
    return "、".join(p for o in orgs for p in split_joint(squeeze(o)))


def split_joint(name: str) -> list[str]:
    """Issuers printed together with the space between them lost (`最高人民法院最高人民检察院`)."""
    for i in range(MIN_JOINT_PART, len(name) - MIN_JOINT_PART + 1):
        left, right = name[:i], name[i:]
        if left in VERTICAL_HEADS and region_of(right) is not None:
            continue  # 国家税务总局河北省税务局: a national body's provincial branch is one body
        if (is_org(left) and is_org(right) and left.endswith(ORG_SUFFIXES)
                and (right.startswith(JOINT_STARTS) or region_of(right) is not None)):
            return [left, *split_joint(right)]
    return [name]


def from_enactment(doc: Document) -> list[Found]:
    for verb, span, _value, ln in enactments(doc):
        at = span.end
        rest = doc.text[at:ln.end]
        lead = len(rest) - len(rest.lstrip())
        m = (MEETING if verb == "通过" else ORDER).match(rest.strip()) or BODY_VERB.match(rest.strip())
        if not m:
            continue
        if m.re is MEETING:
            org = SESSION.sub("", m.group("org")).strip()
            for inner in INNER_COMMITTEES:
                org = org.removesuffix(inner) if len(org) > len(inner) + 1 else org
        else:  # a joint 令 (`中华人民共和国国务院、中华人民共和国中央军事委员会令第547号`): each body
            org = "、".join(p.strip().removeprefix(STATE_PREFIX) for p in m.group("org").split("、"))
        if org and org != HEAD_OF_STATE and all(is_org(p) for p in org.split("、")):
            return [found("issuer", org, Span(at + lead, at + lead + m.end()), "enacted")]
    return []


@cache
def abbreviations() -> list[tuple[str, str, int, int]]:
    """(prefix, issuer, first year, last year), templates expanded, longest prefix first."""
    from extractors.doctype import regions

    provinces = regions()[2]
    rows: dict[tuple[str, int, int], str] = {}
    for row in (DATA / "issuer_abbrev.tsv").read_text(encoding="utf-8").splitlines():
        if not row or row.startswith("#"):
            continue
        prefix, issuer, years = (row.split("\t") + [""])[:3]
        lo, _, hi = years.partition("-") if "-" in years else (years, "", years)
        span = (int(lo) if lo else 0, int(hi) if hi else 9999)
        if "{}" not in prefix:
            rows[(prefix, *span)] = issuer
            continue
        for ab, province in provinces.items():
            pick = 2 if province in MUNICIPALITIES else 1
            name = re.sub(r"\{([^|}]*)\|([^}]*)\}", lambda m, pick=pick: m.group(pick), issuer)
            rows.setdefault((prefix.replace("{}", ab), *span), name.replace("{P}", province))
    return sorted(((p, i, lo, hi) for (p, lo, hi), i in rows.items()), key=lambda r: -len(r[0]))


def issuer_of_number(number: str) -> str | None:
    """The issuer a document number's 机关代字 stands for."""
    year = re.search(r"〔((?:19|20)\d{2})〕|((?:19|20)\d{2})年", key(number))
    y = int(year.group(1) or year.group(2)) if year else None
    fits = [r for r in abbreviations() if number.startswith(r[0])]
    if not fits:
        return None
    longest = [r for r in fits if len(r[0]) == len(fits[0][0])]
    dated = [r for r in longest if y is not None and r[2] <= y <= r[3]]
    return (dated or sorted(longest, key=lambda r: -r[3]))[0][1]


def from_number(doc: Document) -> list[Found]:
    """The 机关代字's issuer, only where the text prints that name (FORMAT.md: null when the text
    never says; NOTES-X1 劳社部发 notice). The printed name is the evidence."""
    for f in doc.values("doc_number")[:1]:
        got = issuer_of_number(f.value)
        at = doc.text.find(got) if got else -1
        if at >= 0:
            return [found("issuer", got, Span(at, at + len(got)), "number-prefix")]
    return []


def from_printer(doc: Document) -> list[Found]:
    got = printed_line(doc)
    return [found("issuer", squeeze(got[0].of(doc.text)), got[0], "printer")] if got else []


def extract(doc: Document) -> list[Found]:
    out = [found("issuer", f.value, f.span, "pagemeta") for f in doc.values("page.issuer")]
    for step in (from_cover, mark, signature, from_order, from_title, from_enactment, from_number, from_printer):
        out += step(doc)
    return out
