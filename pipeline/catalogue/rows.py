"""Documents to catalogue rows (pure; runs in the worker processes, the writer only inserts).

`source_rows` turns one source and the documents processed from it into a `Rows`:
a dict of table name -> list of row dicts, ready for sqlite-utils `insert_all`.
Extractor values are read defensively (`_get`): a dict field that arrives as a bare
string still loads, with the missing parts NULL.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from pipeline.catalogue.fts import spaced
from pipeline.catalogue.keys import norm_doc_number, precision_of, search_key, work_key, year_of
from pipeline.catalogue.orgs import describe
from pipeline.record import LISTS, chosen, to_record
from pipeline.types import Document, Found, Problem, Source, Span

Rows = dict[str, list[dict[str, Any]]]
CHILD_TABLES = ("documents", "documents_search", "sections", "directives", "quotas", "organizations",
                "document_orgs", "dates", "citations", "attachments", "contacts", "extractions", "problems")
FIRST_WINS = ("doc_type", "printer", "printed_date", "note", "portal_source", "region",
              "page.title", "page.issuer", "page.doc_number", "page.signed_date",
              "page.published_date", "page.source")
MAX_EVIDENCE = 200  # longer spans (whole sections) are read from documents.text by offset
STORED_LISTS = ("section", "directive", "date", "period", "relative_deadline", "doc_number.mention")
RECORD_DATE_KINDS = (("signed_date", "signed"), ("published_date", "published"), ("printed_date", "printed"),
                     ("deadlines", "deadline"))
UNIT_ROLES = ("lead", "responsible", "cooperating")


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _first(doc: Document, field: str) -> Found | None:
    return next((f for f in doc.found if f.field == field and f.value not in (None, "")), None)


def keep(doc: Document) -> bool:
    """Whether a processed document is a document (not an empty shell left by a failed read)."""
    return bool(doc.text.strip() or doc.found)


def source_row(source: Source, key: str, mtime_ns: int | None, raw_text: str, signature: str,
               documents: int, problems: int, run_id: str | None) -> dict[str, Any]:
    return {"path": key, "url": source.url, "sha256": source.sha256, "format": source.format,
            "encoding": source.encoding, "bytes": source.size, "mtime_ns": mtime_ns if source.sha256 else None,
            "fetched_at": source.fetched_at, "referrer": source.referrer, "same_content_as": None,
            "raw_text": raw_text, "documents": documents, "problems": problems, "extractors": signature,
            "run_id": run_id}


def problem_row(key: str, sha: str, ordinal: int, doc_id: str | None, p: Problem, run_id: str | None) -> dict:
    span = (p.span.start, p.span.end) if p.span else (None, None)
    digest = hashlib.sha256(_json([key, sha, ordinal, p.stage, p.code, p.message, span]).encode()).hexdigest()
    return {"id": digest[:16], "source": key, "document_id": doc_id, "stage": p.stage, "code": p.code,
            "message": p.message, "start": span[0], "end": span[1], "run_id": run_id}


def source_rows(key: str, mtime_ns: int | None, docs: list[Document], signature: str,
                run_id: str | None = None, extra: Iterable[Problem] = (), raw: Document | None = None) -> Rows:
    """Every row one source contributes; `extra` are problems met outside the documents;
    `raw` is the read stage's document (its source and text stand when no document is kept)."""
    rows: Rows = {t: [] for t in ("sources", *CHILD_TABLES)}
    seen_problems: set[str] = set()
    first = raw if raw is not None else (docs[0] if docs else None)
    source = first.source if first is not None else None
    for doc in docs:
        stored = keep(doc)
        if stored:
            _document_rows(doc, rows)
        for p in doc.problems:
            row = problem_row(key, doc.source.sha256, doc.ordinal, doc.doc_id if stored else None, p, run_id)
            if row["id"] not in seen_problems:  # a split page may share one problems list
                seen_problems.add(row["id"])
                rows["problems"].append(row)
    for p in extra:
        row = problem_row(key, source.sha256 if source else "", -1, None, p, run_id)
        if row["id"] not in seen_problems:
            seen_problems.add(row["id"])
            rows["problems"].append(row)
    if source is None:
        source = Source(path=key, sha256="", size=0)
    raw_text = first.raw_text if first is not None else ""
    rows["sources"].append(source_row(source, key, mtime_ns, raw_text, signature, len(rows["documents"]),
                                      len(rows["problems"]), run_id))
    return rows


def _document_rows(doc: Document, rows: Rows) -> None:
    rec = to_record(doc)
    picks = chosen(doc)
    won = {id(f) for fs in picks.values() for f in fs}
    won |= {id(f) for f in (_first(doc, name) for name in FIRST_WINS) if f is not None}
    won |= {id(f) for f in doc.found if f.field in STORED_LISTS}
    did = doc.doc_id
    region = _first(doc, "region")
    province, city = _get(region.value if region else None, "province"), _get(region.value if region else None, "city")
    raw = doc.raw_span(_whole(doc)) if doc.to_raw else None
    rows["documents"].append({
        "id": did, "search_key": search_key(did), "source": doc.source.path, "ordinal": doc.ordinal,
        "work_key": work_key(rec["doc_number"], rec["issuer"], rec["title"], rec["signed_date"], did),
        "title": rec["title"], "doc_number": rec["doc_number"], "doc_number_norm": norm_doc_number(rec["doc_number"]),
        "issuer": rec["issuer"], "signed_date": rec["signed_date"], "published_date": rec["published_date"],
        "year": year_of(rec["signed_date"], rec["published_date"]),
        "doc_type": _scalar(doc, "doc_type"), "province": province, "city": city,
        "portal_source": _scalar(doc, "portal_source"), "printer": _scalar(doc, "printer"),
        "printed_date": _scalar(doc, "printed_date"), "note": _scalar(doc, "note"),
        **{field: _json(rec[field]) for field in LISTS},
        "chars": len(doc.text), "text": doc.text, "original_text": doc.original_text if doc.original_text != doc.text else None,
        "raw_start": raw.start if raw else None, "raw_end": raw.end if raw else None,
    })
    meta = " ".join(filter(None, [rec["doc_number"], rec["issuer"], *rec["recipients"], *rec["cc"],
                                  *rec["responsible_units"], *rec["attachments"]]))
    rows["documents_search"].append({"search_key": search_key(did), "title": spaced(rec["title"]),
                                     "meta": spaced(meta), "body": spaced(doc.text)})
    _outline_rows(doc, did, rows)
    _quota_rows(doc, did, picks["quotas"], rows)
    _org_rows(doc, did, rec, picks, province, city, rows)
    _date_rows(doc, did, picks, rows)
    for n, f in enumerate(picks["cited_doc_numbers"]):
        rows["citations"].append({"id": f"{did}:{n}", "document_id": did, "doc_number": str(f.value),
                                  "doc_number_norm": norm_doc_number(str(f.value)) or "", **_span(f)})
    for n, f in enumerate(picks["attachments"]):
        rows["attachments"].append({"id": f"{did}:{n}", "document_id": did, "position": n + 1,
                                    "name": str(f.value), **_span(f)})
    for n, f in enumerate(picks["contacts"]):
        rows["contacts"].append({"id": f"{did}:{n}", "document_id": did, "name": _get(f.value, "name"),
                                 "phone": _get(f.value, "phone"), "kind": _get(f.value, "kind"), **_span(f)})
    for n, f in enumerate(doc.found):
        rows["extractions"].append(_extraction_row(doc, did, n, f, id(f) in won))


def _whole(doc: Document) -> Span:
    return Span(0, len(doc.text))


def _scalar(doc: Document, field: str) -> str | None:
    f = _first(doc, field)
    return None if f is None else (f.value if isinstance(f.value, str) else _json(f.value))


def _span(f: Found) -> dict[str, int]:
    return {"start": f.span.start, "end": f.span.end}


def _raw(doc: Document, f: Found) -> dict[str, int | None]:
    try:
        raw = doc.raw_span(f.span)
    except IndexError:  # a span past the offset map: keep the value, flag nothing here
        return {"raw_start": None, "raw_end": None}
    return {"raw_start": raw.start, "raw_end": raw.end}


def _extraction_row(doc: Document, did: str, n: int, f: Found, won: bool) -> dict[str, Any]:
    return {"id": f"{did}:{n}", "document_id": did, "field": f.field,
            "value": f.value if isinstance(f.value, str) else _json(f.value),
            "evidence": f.evidence(doc.text) if len(f.span) <= MAX_EVIDENCE else None, **_span(f), **_raw(doc, f), "rule": f.rule,
            "extractor": f.extractor, "chosen": int(won), "attrs": _json(dict(f.attrs)) if f.attrs else None}


def _outline_rows(doc: Document, did: str, rows: Rows) -> None:
    for n, f in enumerate(doc.values("section")):
        v = f.value
        rows["sections"].append({"id": f"{did}:{n}", "document_id": did, "path": _get(v, "path"),
                                 "marker": _get(v, "marker"), "level": _get(v, "level"),
                                 "heading": _get(v, "heading") if isinstance(v, dict) else str(v),
                                 **_span(f), **_raw(doc, f)})
    for n, f in enumerate(doc.values("directive")):
        v = f.value
        rows["directives"].append({"id": f"{did}:{n}", "document_id": did, "section": _get(v, "section"),
                                   "text": _get(v, "text") or f.evidence(doc.text), **_span(f), **_raw(doc, f)})


def _quota_rows(doc: Document, did: str, picks: list[Found], rows: Rows) -> None:
    for n, f in enumerate(picks):
        v = f.value
        approx = _get(v, "approx")
        rows["quotas"].append({
            "id": f"{did}:{n}", "document_id": did, "text": _get(v, "text") or f.evidence(doc.text),
            "min": _get(v, "min"), "max": _get(v, "max"), "unit": _get(v, "unit"),
            "approx": None if approx is None else int(bool(approx)), "subject": _get(v, "subject"),
            "frequency": _get(v, "frequency"), "scope": _get(v, "scope"), "section": _get(v, "section"),
            **_span(f), **_raw(doc, f)})


def _org_rows(doc: Document, did: str, rec: dict, picks: dict[str, list[Found]], province, city,
              rows: Rows) -> None:
    region = {"province": province, "city": city}
    named: list[tuple[str, str, str | None, Found | None]] = []  # (name, role, section, found)
    if rec["issuer"]:
        f = picks["issuer"][0]
        named += [(part, "issuer", None, f) for part in rec["issuer"].split("、") if part.strip()]
    named += [(str(f.value), "recipient", None, f) for f in picks["recipients"]]
    named += [(str(f.value), "cc", None, f) for f in picks["cc"]]
    for f in picks["responsible_units"]:
        name = _get(f.value, "name") or (f.value if isinstance(f.value, str) else None)
        role = _get(f.value, "role")
        if name:
            named.append((name, role if role in UNIT_ROLES else "responsible", _get(f.value, "section"), f))
    printer = _first(doc, "printer")
    if printer is not None and isinstance(printer.value, str):
        named.append((printer.value, "printer", None, printer))
    canon, problems = describe([n for n, *_ in named], region)
    doc.problems.extend(problems)
    counts: dict[str, int] = {}
    seen_orgs = set()
    for name, role, section, f in named:
        name = name.strip()
        info = canon[name]
        if info["canonical"] not in seen_orgs:
            seen_orgs.add(info["canonical"])
            rows["organizations"].append({"name": info["canonical"], "kind": info.get("kind"),
                                          "province": info.get("province"), "city": info.get("city")})
        n = counts[role] = counts.get(role, -1) + 1
        rows["document_orgs"].append({
            "id": f"{did}:{role}:{n}", "document_id": did, "organization": info["canonical"], "name": name,
            "role": role, "section": section, "start": f.span.start if f else None,
            "end": f.span.end if f else None})


def _date_rows(doc: Document, did: str, picks: dict[str, list[Found]], rows: Rows) -> None:
    out = rows["dates"]

    def add(kind: str, f: Found, value=None, end_value=None, precision=None, text=None, anchor=None,
            limit_text=None) -> None:
        out.append({"id": f"{did}:{len(out) - start}", "document_id": did, "kind": kind, "value": value,
                    "end_value": end_value, "precision": precision or precision_of(value),
                    "text": text or f.evidence(doc.text), "anchor": anchor, "limit_text": limit_text,
                    **_span(f)})

    start = len(out)
    for field, kind in RECORD_DATE_KINDS:
        fs = picks.get(field) or ([_first(doc, field)] if _first(doc, field) else [])
        for f in fs:
            add(kind, f, value=str(f.value))
    for f in doc.values("date"):
        add("mention", f, value=_get(f.value, "value"), precision=_get(f.value, "precision"),
            text=_get(f.value, "text"))
    for f in doc.values("period"):
        add("period", f, value=_get(f.value, "start"), end_value=_get(f.value, "end"), text=_get(f.value, "text"))
    for f in doc.values("relative_deadline"):
        add("relative_deadline", f, text=_get(f.value, "text"), anchor=_get(f.value, "anchor"),
            limit_text=_get(f.value, "limit"))
