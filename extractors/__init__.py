"""The one ordered extractor registry.

Each entry is a pure function `Document -> list[Found]` that reads `doc.text`, `doc.zones`
and the `found` of the entries before it (its `requires`), and returns candidates in
priority order; `pipeline.record` chooses among them. Bump `version` whenever an
extractor's output can change: every stored value carries `name.vN`.
"""
from __future__ import annotations

from extractors import (
    attachments,
    citations,
    contacts,
    dates,
    doc_number,
    doctype,
    issuer,
    outline,
    pagemeta,
    parties,
    quotas,
    title,
    units,
)
from extractors import deadlines as deadlines_mod
from extractors.base import Extractor

PAGE_FIELDS = ("page.title", "page.issuer", "page.doc_number", "page.signed_date",
               "page.published_date", "page.source")

REGISTRY: tuple[Extractor, ...] = (
    Extractor("pagemeta", 7, PAGE_FIELDS, (), pagemeta.extract),
    Extractor("doc_number", 13, ("doc_number", "doc_number.mention"), ("page.doc_number",), doc_number.extract),
    Extractor("dates", 8, ("signed_date", "published_date", "date"),
              ("page.signed_date", "page.published_date", "doc_number.mention"),
              dates.extract),
    Extractor("title", 9, ("title",), ("page.title",), title.extract),
    Extractor("issuer", 11, ("issuer",), ("page.issuer", "title", "doc_number"), issuer.extract),
    Extractor("parties", 6, ("recipients", "cc"), (), parties.extract),
    Extractor("attachments", 6, ("attachments",), (), attachments.extract),
    Extractor("citations", 3, ("cited_doc_numbers",), ("doc_number", "doc_number.mention"), citations.extract),
    Extractor("contacts", 5, ("contacts",), (), contacts.extract),
    Extractor("doctype", 4, ("doc_type", "printer", "printed_date", "note", "region", "portal_source"),
              ("title", "issuer", "doc_number", "page.source"), doctype.extract),
    Extractor("outline", 3, ("section", "directive"), (), outline.extract),
    Extractor("units", 7, ("responsible_units",), ("section",), units.extract),
    Extractor("quotas", 9, ("quotas",), ("doc_number.mention", "date", "contacts", "title", "attachments", "section"),
              quotas.extract),
    Extractor("deadlines", 5, ("deadlines", "period", "relative_deadline"), ("signed_date", "published_date", "date"),
              deadlines_mod.extract),
)


def produced_before(index: int) -> set[str]:
    """Fields produced by the registry entries before `index`."""
    return {f for ext in REGISTRY[:index] for f in ext.produces}
