"""A document's text as HTML with extracted values in <mark>; everything else escaped."""
from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

MARK = Markup('<mark title="{}">{}</mark>')
# field family -> (legend label, colour); the document page's legend and marks (templates/row.html)
FAMILIES = {
    "identity": ("标题·文号 title, number", "#cfe2ff"),
    "orgs": ("机关·单位 bodies and units", "#c9f2d0"),
    "dates": ("日期·时限 dates, deadlines", "#ffe0b3"),
    "quotas": ("指标 quotas", "#ffc9d6"),
    "references": ("引用·附件 citations, attachments", "#e3d3ff"),
    "contacts": ("联系人 contacts", "#bff0f0"),
}
FIELD_FAMILY = {
    "title": "identity", "doc_number": "identity", "doc_type": "identity",
    "issuer": "orgs", "recipients": "orgs", "cc": "orgs", "responsible_units": "orgs", "printer": "orgs",
    "signed_date": "dates", "published_date": "dates", "printed_date": "dates", "deadlines": "dates",
    "quotas": "quotas",
    "cited_doc_numbers": "references", "attachments": "references",
    "contacts": "contacts",
}


def family_of(field: str) -> str | None:
    """The highlight family of a record field (None: not highlighted)."""
    return FIELD_FAMILY.get(field)


def highlight_html(text: str, marks: Iterable[tuple[int, int, str, str, str]]) -> Markup:
    """`text` escaped, each (start, end, field, extractor, rule) span wrapped in <mark>.

    Spans are taken outermost first in text order; one nested in or overlapping an
    earlier span is skipped (its value is still in the evidence table).
    """
    out, at = [], 0
    for start, end, field, extractor, rule in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < at or end <= start or end > len(text):
            continue
        out.append(escape(text[at:start]))
        out.append(MARK.format(f"{field} · {extractor} · {rule}", text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


# no <a> inside: marks nest (文种 inside the title), and anchors cannot; templates/row.html's
# script follows data-back on a click
FAMILY_OPEN = Markup('<mark id="m-{s}-{e}" class="fam-{fam}" data-field="{field}" data-back="{back}" title="{tip}">')
FAMILY_CLOSE = Markup("</mark>")


def highlight_families(text: str, marks: Iterable[tuple[int, int, str, str, str]],
                       linked: set[tuple[int, int]] = frozenset()) -> Markup:
    """`text` escaped, each (start, end, field, extractor, rule) span in a <mark> coloured by
    its field's family, with id `m-<start>-<end>`; `data-back` names where a click on it
    goes: the card's value (`v-<start>-<end>`) when the card shows one with that span, else
    the card.

    A span inside another is a mark inside that mark (文种 inside the title); one that
    overlaps another's edge, or repeats its span, is skipped (its value stays in the evidence).
    """
    kept: list[tuple[int, int, str, str, str]] = []
    stack: list[tuple[int, int]] = []
    for m in sorted(marks, key=lambda m: (m[0], -m[1])):
        start, end, field = m[0], m[1], m[2]
        if family_of(field) is None or end <= start or end > len(text):
            continue
        while stack and stack[-1][1] <= start:
            stack.pop()
        if stack and (end > stack[-1][1] or (start, end) == stack[-1]):
            continue
        kept.append(m)
        stack.append((start, end))
    out, at, open_ends = [], 0, []
    for start, end, field, extractor, rule in kept:
        while open_ends and open_ends[-1] <= start:
            close = open_ends.pop()
            out += [escape(text[at:close]), FAMILY_CLOSE]
            at = close
        out.append(escape(text[at:start]))
        back = f"v-{start}-{end}" if (start, end) in linked else "record-card"
        out.append(FAMILY_OPEN.format(s=start, e=end, fam=family_of(field), field=field, back=back,
                                      tip=" · ".join(filter(None, [field, extractor, rule]))))
        at = start
        open_ends.append(end)
    while open_ends:
        close = open_ends.pop()
        out += [escape(text[at:close]), FAMILY_CLOSE]
        at = close
    out.append(escape(text[at:]))
    return Markup("").join(out)
