"""Line roles derived from gold answers, by matching the gold values to the printed lines.

Roles: title, recipients, signature, date, furniture, other. The heuristics (the README's
"Rules or a learned layer" section gives the counts they yield per set):
- title: runs of consecutive lines whose text (NFKC, spaces dropped) is part of the gold title
  and that together cover at least 80% of it (the scorer's overlap rule; 、，, and spaces are
  ignored on both sides); every such run above the first body line is a title (a heading
  printed twice is one title); no run, or a run only inside the body, gives no title lines.
- recipients: the first line below the title (else anywhere) whose text before its first colon holds a piece
  of the gold recipients (split on 、，,；) and no sentence end, or a `主送` line holding one;
  lines just above it that hold pieces and end without a colon or full stop join it.
- date: the first line at or below the first body line that prints the gold signed date (Arabic, numeric or Chinese numerals)
  with at most DATE_REST other characters (a glued issuer or a seal note) and no clause
  punctuation, outside the page
  metadata lines, and not the 版记's `…印发`; the first such line with a signature line above
  it wins, else the first (a page printed twice keeps its first copy). A date printed only in
  a sentence, the metadata table or the head (a law's `（…通过）` under its title) gives none.
- signature: up to SIGNATURE_REACH lines just above the date line, without sentence
  punctuation, whose every space-separated token (seal notes dropped) is part of the gold issuer
  or holds one of its 、-separated parts.
- furniture: every line above the first title, recipients or body line (`body_start`), except
  the document's own head lines just above it (a 发文字号, `附件2`, `…文件`).
- other: the rest.
A line keeps the first role it gets in the order title, recipients, date, signature.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from extractors.dates import PRINTED  # the 版记's printing date (`2014年4月30日印发`), never the signed date
from pipeline.grammar.dates import scan
from pipeline.structure.labels import LABEL
from pipeline.structure.lines import SEAL, Line, body_start

ROLES = ("title", "recipients", "signature", "date", "furniture", "other")
TITLE_COVER = 0.8  # the scorer's title overlap threshold
DATE_REST = 30  # characters a date line may print besides the date (a glued issuer, a seal)
SIGNATURE_REACH = 4
MIN_PART = 2  # a line shorter than this (after folding) proves nothing about a value
_SPACE = re.compile(r"\s+")
_PIECES = re.compile(r"[、，,；;]")
_COLON = re.compile(r"[：:]")
_SENTENCE = re.compile(r"[。！？]")
_RECIPIENT_LABEL = re.compile(r"主\s*送")
_LIST_PUNCT = re.compile(r"[、，,]")
_ORG_PUNCT = re.compile(r"[。；，,:：《》“”]")
_CLAUSE = re.compile(r"[。；，！？]")
"""A line with a clause in it is a sentence, not a date line."""
HEADER = re.compile(r"[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号$|附件\s*\d{0,3}$|文件$")
"""Lines of the document's own head above its title or 主送: a 发文字号, an attachment's
`附件2`, a 发文机关标志 (`…文件`)."""
SIGNATURE_MAX = 60


def fold(s: str | None) -> str:
    """NFKC without spaces: how the scorer compares strings (text is already simplified)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", s or ""))


def _bare(s: str | None) -> str:
    """Folded without list punctuation: a heading may print `最高人民法院 最高人民检察院` where
    the gold title has `最高人民法院、最高人民检察院`."""
    return _LIST_PUNCT.sub("", fold(s))


def printed_dates(s: str) -> list[tuple[str, int, int]]:
    """(iso value, start, end) of every full date printed in s."""
    return [(h.value, h.start, h.end) for h in scan(s) if h.year and h.value]


def _title_runs(ls: tuple[Line, ...], title: str) -> list[tuple[int, int]]:
    """(first, end) index ranges of consecutive lines that together print most of the title."""
    t = _bare(title)
    if not t:
        return []
    runs, i = [], 0
    while i < len(ls):
        joined, j = "", i
        while j < len(ls):
            part = _bare(ls[j].text)
            if len(part) < MIN_PART or (joined + part) not in t:
                break
            joined, j = joined + part, j + 1
        if j > i and len(joined) >= TITLE_COVER * len(t):
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _recipient_line(ls, pieces: list[str], after: int) -> int | None:
    for i in range(after, len(ls)):
        s = ls[i].text
        head = _COLON.split(s, maxsplit=1)[0] if _COLON.search(s) else ""
        labelled = _RECIPIENT_LABEL.match(s) is not None
        if LABEL.match(s) or not (head or labelled):
            continue
        scope = fold(s) if labelled else fold(head)
        if not _SENTENCE.search(scope) and any(p in scope for p in pieces):
            return i
    return None


def _signature_line(s: str, issuer: str, parts: list[str]) -> bool:
    if _ORG_PUNCT.search(s) or len(fold(s)) > SIGNATURE_MAX:
        return False  # a sentence that names the issuer is not its signature
    tokens = [fold(SEAL.sub("", t)) for t in s.split()]
    tokens = [t for t in tokens if t]
    return bool(tokens) and all(len(t) >= MIN_PART and (t in issuer or any(p in t for p in parts))
                                for t in tokens)


def label_lines(ls: tuple[Line, ...], gold: dict, pagemeta: list[tuple[int, int]] = ()) -> list[str]:
    """One role per line, from the document's gold record (title, recipients, issuer, signed_date)."""
    roles = ["other"] * len(ls)
    in_meta = [any(a <= ln.start < b for a, b in pagemeta) for ln in ls]
    first_body = body_start(ls)
    first_doc = first_body
    title_end = 0
    runs = [(i, j) for i, j in _title_runs(ls, gold.get("title") or "") if not any(in_meta[i:j])]
    for i, j in runs:
        if i > first_body:
            break  # a copy of the title inside the body is a mention (or an issued plan's heading)
        roles[i:j] = ["title"] * (j - i)
        first_doc, title_end = min(first_doc, i), max(title_end, j)
    pieces = [fold(p) for r in gold.get("recipients") or [] for p in _PIECES.split(r) if len(fold(p)) >= MIN_PART]
    if pieces:
        at = _recipient_line(ls, pieces, title_end)
        if at is None and title_end:  # a 主送 printed above the title (a page's own layout)
            at = _recipient_line(ls, pieces, 0)
        if at is not None and roles[at] == "other":
            roles[at] = "recipients"
            k = at - 1
            while k >= title_end and roles[k] == "other" and not ls[k].text.endswith(("：", ":", "。")) \
                    and any(p in fold(ls[k].text) for p in pieces):
                roles[k] = "recipients"
                k -= 1
            first_doc = min(first_doc, k + 1)
    date = gold.get("signed_date")
    if date:
        issuer = fold(gold.get("issuer"))
        parts = [fold(p) for p in (gold.get("issuer") or "").split("、") if len(fold(p)) >= MIN_PART]
        found = []  # (date line, its signature lines above)
        for i, ln in enumerate(ls):
            if in_meta[i] or roles[i] != "other" or i < first_body or PRINTED.search(ln.text) \
                    or _CLAUSE.search(ln.text):
                continue
            hits = [(a, b) for v, a, b in printed_dates(ln.text) if v == date]
            if hits and len(fold(ln.text)) - sum(len(fold(ln.text[a:b])) for a, b in hits) <= DATE_REST:
                sig, k = [], i - 1
                while issuer and k >= 0 and i - k <= SIGNATURE_REACH and roles[k] == "other" \
                        and _signature_line(ls[k].text, issuer, parts):
                    sig.append(k)
                    k -= 1
                found.append((i, sig))
        # a signed date stands under its signature; a page printed twice keeps its first copy
        pick = next((f for f in found if f[1]), found[0] if found else None)
        if pick:
            roles[pick[0]] = "date"
            for k in pick[1]:
                roles[k] = "signature"
    while first_doc > 0 and not in_meta[first_doc - 1] and HEADER.search(fold(ls[first_doc - 1].text)):
        first_doc -= 1
    for i in range(min(first_doc, len(ls))):
        if roles[i] == "other":
            roles[i] = "furniture"
    return roles


def distant_gold(ls: tuple[Line, ...], pagemeta: list[tuple[int, int]]) -> dict:
    """A pseudo gold record from a gov.cn metadata table: its 标题, 发文机关 and 成文日期 lines."""
    out: dict = {}
    names = {"标题": "title", "发文机关": "issuer", "成文日期": "signed_date"}
    for ln in ls:
        if not any(a <= ln.start < b for a, b in pagemeta):
            continue
        m = LABEL.match(ln.text)
        key = names.get(fold(m.group(1))) if m else None
        value = ln.text[m.end():].strip() if m else ""
        if key == "signed_date":
            dates = printed_dates(value)
            value = dates[0][0] if dates else ""
        if key and value and key not in out:
            out[key] = value
    return out


def counts(per_doc: list[list[str]]) -> Counter:
    """Lines per role over a set."""
    return Counter(r for roles in per_doc for r in roles)
