"""The rule cascade's line roles: the lines that hold the values the extractors chose.

- title: the lines under the chosen title when it is the printed heading (a page-level
  fallback, 收录标题 or 标题：, prints no body line);
- recipients: the lines under the chosen 主送 values;
- date: the line of the first signed-date candidate in the document that a signature rule found
  (`signature`, `date-line`): the metadata table's 成文日期 outranks it as a value, but the
  line role asks which body line is the signed date;
- signature: the lines of the first issuer candidate with rule `signature`;
- furniture: the lines above the structure stage's `document` zone.
One role per line, in the same order of precedence as the gold labels.
"""
from __future__ import annotations

from bench.line_roles.corpus import Doc

DATE_RULES = ("signature", "date-line")
PAGE_RULE = "pagemeta"


def _outside(doc: Doc, start: int) -> bool:
    return any(a <= start < b for name in ("furniture", "tail") for a, b in doc.zones.get(name, []))


def _first(doc: Doc, field: str, rules: tuple[str, ...]) -> list[tuple[int, int]]:
    for _value, a, b, rule in doc.cands[field]:
        if rule in rules and not _outside(doc, a):
            return [(a, b)]
    return []


def _mark(doc: Doc, roles: list[str], spans, role: str) -> None:
    for i, ln in enumerate(doc.lines):
        if roles[i] == "other" and any(a < ln.end and ln.start < b for a, b in spans):
            roles[i] = role


def rule_roles(doc: Doc) -> list[str]:
    """One role per line of the document, as the rule cascade decided it."""
    roles = ["other"] * len(doc.lines)
    _mark(doc, roles, [(a, b) for _v, a, b, r in doc.chosen.get("title", []) if r != PAGE_RULE], "title")
    _mark(doc, roles, [(a, b) for _v, a, b, _r in doc.chosen.get("recipients", [])], "recipients")
    _mark(doc, roles, _first(doc, "signed_date", DATE_RULES), "date")
    _mark(doc, roles, _first(doc, "issuer", ("signature",)), "signature")
    starts = [a for a, _b in doc.zones.get("document", [])]
    if starts:
        for i, ln in enumerate(doc.lines):
            if ln.start < starts[0] and roles[i] == "other":
                roles[i] = "furniture"
    return roles
