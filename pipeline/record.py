"""From candidates to the FORMAT.md record: choose, order, deduplicate.

Scalar fields take the first candidate (extractors return them in priority order and
the registry order breaks ties); list fields keep every candidate in text order,
deduplicated where FORMAT.md says values are distinct.
"""
from __future__ import annotations

from typing import Any

from pipeline.structure.lines import outside_spans
from pipeline.types import Document, Found

SCALARS = ("title", "doc_number", "issuer", "signed_date", "published_date")
LISTS = ("recipients", "cc", "attachments", "cited_doc_numbers", "responsible_units",
         "quotas", "deadlines", "contacts")
FIELDS = SCALARS + LISTS
DISTINCT = ("cited_doc_numbers", "responsible_units", "deadlines", "recipients", "cc", "attachments")
QUOTA_KEYS = ("text", "min", "max", "unit", "approx")


def _public(field: str, value: Any) -> Any:
    if field == "quotas":
        return {k: value.get(k) for k in QUOTA_KEYS}
    if field == "contacts":
        return {"name": value.get("name"), "phone": value.get("phone")}
    if field == "responsible_units" and isinstance(value, dict):
        return value["name"]
    return value


PAGE_RULES = ("pagemeta", "title")
"""Rules of values taken from the page's own metadata (`page.*`), or read from a title that came
from it (the issuer in `X关于…`): they may stand in the furniture, where the page prints its
metadata table, byline or crawl record."""


def _in_document(f: Found, outside) -> bool:
    """Not in the page's furniture or tail (the structure stage's zones), or a page-level value."""
    if f.rule in PAGE_RULES:
        return True
    return not any(z.start <= f.span.start < z.end for z in outside)


def chosen(doc: Document) -> dict[str, list[Found]]:
    """The winning candidates of each record field; values printed outside the document (portal
    furniture above it, related links below it) are kept as candidates but never chosen."""
    out: dict[str, list[Found]] = {}
    outside = outside_spans(doc)
    for field in SCALARS:
        cands = [f for f in doc.found if f.field == field and f.value not in (None, "") and _in_document(f, outside)]
        out[field] = cands[:1]
    for field in LISTS:
        cands = sorted((f for f in doc.found if f.field == field and _in_document(f, outside)),
                       key=lambda f: f.span.start)
        if field in DISTINCT:
            seen, kept = set(), []
            for f in cands:
                key = repr(_public(field, f.value))
                if key not in seen:
                    seen.add(key)
                    kept.append(f)
            cands = kept
        out[field] = cands
    return out


def to_record(doc: Document, evidence: bool = False) -> dict[str, Any]:
    """One FORMAT.md record; with `evidence`, each value's span, text, rule and extractor."""
    picks = chosen(doc)
    rec: dict[str, Any] = {"source": doc.source.path}
    for field in SCALARS:
        rec[field] = _public(field, picks[field][0].value) if picks[field] else None
    for field in LISTS:
        rec[field] = [_public(field, f.value) for f in picks[field]]
    if evidence:
        rec["evidence"] = {
            field: [evidence_of(doc, f) for f in picks[field]] for field in FIELDS if picks[field]
        }
    return rec


def evidence_of(doc: Document, f: Found) -> dict[str, Any]:
    raw = doc.raw_span(f.span)
    return {"start": f.span.start, "end": f.span.end, "text": f.evidence(doc.text),
            "raw_start": raw.start, "raw_end": raw.end, "rule": f.rule, "extractor": f.extractor}
