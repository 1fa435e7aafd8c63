"""Features of one line in its document, for the line-role CRF.

Shape only, no words learned from the text beyond a few marker vocabularies: where the line
stands (from the top, from the bottom, before or after the first body line), how long it is,
how it begins and ends, and whether it prints a date, a document number, an organisation name,
a colon ending, a metadata label. The rules' own votes (`rule=title`) are optional, so that the
report can measure the CRF with and without them. Each line also sees a few features of its
neighbours (prefixed -1: and +1:).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from bench.line_roles.labels import fold, printed_dates
from pipeline.structure.labels import LABEL
from pipeline.structure.lines import ORG_SUFFIXES, OUTLINE, Line, body_start, is_org

DOC_TYPES = ("通知", "意见", "办法", "规定", "方案", "决定", "公告", "通告", "通报", "批复", "复函", "函",
             "规划", "细则", "条例", "报告", "请示", "纪要", "要点", "原则", "目录", "标准", "计划", "指南")
"""Endings of a title (文种), and of the regulation a notice issues."""
MARKERS = {"about": "关于", "issue": "印发", "forward": "转发", "end": "特此", "cc": "抄送", "att": "附件",
           "main": "主送", "seal": "盖章", "each": "各", "office": "办公"}
DOC_NUMBER = re.compile(r"[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号")
_PUNCT = re.compile(r"[，。；、]")
NEIGHBOUR_KEYS = ("len", "last", "date_only", "org", "colon_end", "outline", "label", "doctype", "sentences",
                  "meta")


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def line_features(ls: Sequence[Line], i: int, first_body: int) -> dict[str, str | float]:
    """The line's own features (strings are one-hot, floats are weights)."""
    s = ls[i].text
    f = fold(s)
    n = len(ls)
    dates = printed_dates(s)
    dated = sum(b - a for _v, a, b in dates)
    out: dict[str, str | float] = {
        "bias": 1.0,
        "top": _bucket(i, (0, 1, 2, 3, 5, 8, 12, 20)),
        "bottom": _bucket(n - 1 - i, (0, 1, 2, 3, 5, 8, 12, 20)),
        "rel": str(min(9, int(10 * i / max(n, 1)))),
        "body": "before" if i < first_body else ("first" if i == first_body else "after"),
        "len": _bucket(len(f), (2, 5, 10, 15, 20, 30, 45, 60, 100)),
        "last": f[-1:] if f[-1:] in "。：:，；、）)号日文知见法定告函" else "x",
        "first": f[:1] if f[:1] in "各（(《附抄主第一" else "x",
        "date": "yes" if dates else "no",
        "date_only": "yes" if dates and len(f) - dated <= 2 else "no",
        "date_rest": _bucket(len(f) - dated, (0, 5, 15, 30)) if dates else "none",
        "docnum": "yes" if DOC_NUMBER.search(s) else "no",
        "org": "yes" if is_org(s) else "no",
        "org_end": "yes" if f.endswith(ORG_SUFFIXES) else "no",
        "colon_end": "yes" if f.endswith(("：", ":")) else "no",
        "colon": "yes" if "：" in f or ":" in f else "no",
        "outline": "yes" if OUTLINE.match(f) else "no",
        "label": "yes" if LABEL.match(s) else "no",
        "doctype": next((t for t in DOC_TYPES if f.endswith(t)), "none"),
        "sentences": _bucket(len(_PUNCT.findall(f)), (0, 1, 3)),
        "spaced": "yes" if " " in s.strip() else "no",
    }
    for name, word in MARKERS.items():
        if word in f:
            out["has_" + name] = 1.0
    return out


def doc_features(ls: Sequence[Line], votes: Sequence[str] | None = None,
                 pagemeta: Sequence[tuple[int, int]] = ()) -> list[dict[str, str | float]]:
    """Features of every line of a document, with its neighbours' and optionally the rules' votes;
    `pagemeta` is the reader's metadata zone (lines it took from a table, meta tags, a crawl record)."""
    first_body = body_start(ls)
    own = [line_features(ls, i, first_body) for i in range(len(ls))]
    in_meta = [any(a <= ln.start < b for a, b in pagemeta) for ln in ls]
    first_own = next((i for i, m in enumerate(in_meta) if not m), len(ls))
    for i, f in enumerate(own):
        f["meta"] = "yes" if in_meta[i] else "no"
        # where the page's own text starts: a heading is near it, whatever the metadata above
        f["top_own"] = "meta" if in_meta[i] else _bucket(i - first_own, (0, 1, 2, 3, 5, 8))
    out = []
    for i, f in enumerate(own):
        feats = dict(f)
        for off in (-1, 1):
            j = i + off
            prefix = f"{off:+d}:"
            if 0 <= j < len(own):
                for k in NEIGHBOUR_KEYS:
                    feats[prefix + k] = own[j][k]
            else:
                feats[prefix + "edge"] = 1.0
        if votes is not None:
            feats["rule"] = votes[i]
            for off in (-1, 1):
                if 0 <= i + off < len(votes):
                    feats[f"{off:+d}:rule"] = votes[i + off]
        out.append(feats)
    return out


def crfsuite_items(feats: dict[str, str | float]) -> dict[str, float]:
    """python-crfsuite's form: one-hot strings become `key=value` with weight 1."""
    return {(k if isinstance(v, float) else f"{k}={v}"): (v if isinstance(v, float) else 1.0)
            for k, v in feats.items()}
