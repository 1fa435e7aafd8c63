"""Documents to catalogue rows (pure; runs in the worker processes, the writer only inserts).

`source_rows` turns one source and the documents processed from it into a `Rows`:
a dict of table name -> list of tuples in the column order of
`pipeline.catalogue.columns.COLUMNS`, ready for the writer's prepared `executemany`
(a tuple pickles to the writer at a fraction of a dict's size and needs no reshaping
there). Extractor values are read defensively (`_get`): a dict field that arrives as a
bare string still loads, with the missing parts NULL.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from pipeline.catalogue.columns import CHILD_TABLES, COLUMNS, Rows, as_dicts, source_of  # noqa: F401 - re-exported
from pipeline.catalogue.fts import bigrams
from pipeline.catalogue.keys import document_id, norm_doc_number, precision_of, search_key, work_key, year_of
from pipeline.catalogue.orgs import describe
from pipeline.catalogue.topics import topic_of
from pipeline.record import LISTS, SCALARS, _public, chosen
from pipeline.types import Document, Found, Problem, Source, Span

FIRST_WINS = ("doc_type", "printer", "printed_date", "note", "portal_source", "region",
              "page.title", "page.issuer", "page.doc_number", "page.signed_date",
              "page.published_date", "page.source")
MAX_EVIDENCE = 200  # longer spans (whole sections) are read from documents.text by offset
STORED_LISTS = ("section", "directive", "date", "period", "relative_deadline", "doc_number.mention")
RECORD_DATE_KINDS = (("signed_date", "signed"), ("published_date", "published"), ("printed_date", "printed"),
                     ("deadlines", "deadline"))
UNIT_ROLES = ("lead", "responsible", "cooperating")
_PROBLEM_ID = COLUMNS["problems"].index("id")


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False), minus a new encoder a call


def _first(doc: Document, field: str) -> Found | None:
    return next((f for f in doc.found if f.field == field and f.value not in (None, "")), None)


def _firsts(doc: Document) -> dict[str, Found]:
    """field -> its first candidate with a value (what `_first` returns), in one pass."""
    out: dict[str, Found] = {}
    for f in doc.found:
        if f.field not in out and f.value not in (None, ""):
            out[f.field] = f
    return out


def keep(doc: Document) -> bool:
    """Whether a processed document is a document (not an empty shell left by a failed read)."""
    return bool(doc.text.strip() or doc.found)


def source_row(source: Source, key: str, mtime_ns: int | None, raw_text: str, signature: str,
               documents: int, problems: int, run_id: str | None) -> tuple:
    return (key, source.url, source.sha256, source.format, source.encoding, source.size,
            mtime_ns if source.sha256 else None, source.fetched_at, source.referrer, None, raw_text, documents,
            problems, signature, run_id, text_source(source))


def text_source(source: Source) -> str | None:
    """text-layer unless a reader OCRed (ocr, mixed); NULL for a file that gave no text."""
    return source.text_source or ("text-layer" if source.sha256 else None)


def problem_row(key: str, sha: str, ordinal: int, doc_id: str | None, p: Problem, run_id: str | None) -> tuple:
    span = (p.span.start, p.span.end) if p.span else (None, None)
    digest = hashlib.sha256(_json([key, sha, ordinal, p.stage, p.code, p.message, span]).encode()).hexdigest()
    return (digest[:16], key, doc_id, p.stage, p.code, p.message, span[0], span[1], run_id)


def source_rows(key: str, mtime_ns: int | None, docs: list[Document], signature: str,
                run_id: str | None = None, extra: Iterable[Problem] = (), raw: Document | None = None) -> Rows:
    """Every row one source contributes; `extra` are problems met outside the documents;
    `raw` is the read stage's document (its source and text stand when no document is kept)."""
    rows: Rows = {t: [] for t in ("sources", *CHILD_TABLES)}
    problems = rows["problems"]
    seen_problems: set[str] = set()
    first = raw if raw is not None else (docs[0] if docs else None)
    source = first.source if first is not None else None
    for doc in docs:
        stored = keep(doc)
        if stored:
            _document_rows(doc, rows)
        for p in doc.problems:
            row = problem_row(key, doc.source.sha256, doc.ordinal, document_id(key, doc.ordinal) if stored else None,
                              p, run_id)
            if row[_PROBLEM_ID] not in seen_problems:  # a split page may share one problems list
                seen_problems.add(row[_PROBLEM_ID])
                problems.append(row)
    for p in extra:
        row = problem_row(key, source.sha256 if source else "", -1, None, p, run_id)
        if row[_PROBLEM_ID] not in seen_problems:
            seen_problems.add(row[_PROBLEM_ID])
            problems.append(row)
    if source is None:
        source = Source(path=key, sha256="", size=0)
    raw_text = first.raw_text if first is not None else ""
    rows["sources"].append(source_row(source, key, mtime_ns, raw_text, signature, len(rows["documents"]),
                                      len(problems), run_id))
    return rows


def _record(picks: dict[str, list[Found]]) -> dict[str, Any]:
    """`pipeline.record.to_record` from picks already made (chosen once per document)."""
    rec: dict[str, Any] = {}
    for field in SCALARS:
        rec[field] = _public(field, picks[field][0].value) if picks[field] else None
    for field in LISTS:
        rec[field] = [_public(field, f.value) for f in picks[field]]
    return rec


def _document_rows(doc: Document, rows: Rows) -> None:
    picks = chosen(doc)
    rec = _record(picks)
    firsts = _firsts(doc)
    won = {id(f) for fs in picks.values() for f in fs}
    won |= {id(firsts[name]) for name in FIRST_WINS if name in firsts}
    won |= {id(f) for f in doc.found if f.field in STORED_LISTS}
    did = document_id(doc.source.path, doc.ordinal)
    skey = search_key(did, rec["signed_date"] or rec["published_date"])
    region = firsts.get("region")
    province, city = _get(region.value if region else None, "province"), _get(region.value if region else None, "city")
    raw = doc.raw_span(_whole(doc)) if doc.to_raw else None
    text = doc.text
    rows["documents"].append((
        did, skey, doc.source.path, doc.ordinal,
        work_key(rec["doc_number"], rec["issuer"], rec["title"], rec["signed_date"], did),
        rec["title"], rec["doc_number"], norm_doc_number(rec["doc_number"]), rec["issuer"], rec["signed_date"],
        rec["published_date"], year_of(rec["signed_date"], rec["published_date"]),
        _scalar(firsts, "doc_type"), topic_of(rec["title"]), province, city, _scalar(firsts, "portal_source"), _scalar(firsts, "printer"),
        _scalar(firsts, "printed_date"), _scalar(firsts, "note"),
        *[_json(rec[field]) for field in LISTS],
        len(text), text, doc.original_text if doc.original_text != text else None,
        raw.start if raw else None, raw.end if raw else None, text_source(doc.source), doc.source.ocr_confidence,
    ))
    meta = " ".join(filter(None, [rec["doc_number"], rec["issuer"], *rec["recipients"], *rec["cc"],
                                  *rec["responsible_units"], *rec["attachments"]]))
    rows["documents_search"].append((skey, bigrams(rec["title"]), bigrams(meta), bigrams(text)))
    to_raw = doc.to_raw
    _outline_rows(doc, did, to_raw, rows)
    _quota_rows(doc, did, picks["quotas"], to_raw, rows)
    _org_rows(doc, did, rec, picks, firsts, province, city, rows)
    _date_rows(doc, did, picks, firsts, rows)
    rows["citations"].extend(
        (f"{did}:{n}", did, str(f.value), norm_doc_number(str(f.value)) or "", f.span.start, f.span.end)
        for n, f in enumerate(picks["cited_doc_numbers"]))
    rows["attachments"].extend(
        (f"{did}:{n}", did, n + 1, str(f.value), f.span.start, f.span.end) for n, f in enumerate(picks["attachments"]))
    rows["contacts"].extend(
        (f"{did}:{n}", did, _get(f.value, "name"), _get(f.value, "phone"), _get(f.value, "kind"), f.span.start,
         f.span.end) for n, f in enumerate(picks["contacts"]))
    rows["extractions"].extend(_extraction_row(text, to_raw, did, n, f, id(f) in won) for n, f in enumerate(doc.found))


def _whole(doc: Document) -> Span:
    return Span(0, len(doc.text))


def _scalar(firsts: dict[str, Found], field: str) -> str | None:
    f = firsts.get(field)
    return None if f is None else (f.value if isinstance(f.value, str) else _json(f.value))


def _raw(to_raw: list[int], span: Span) -> tuple[int | None, int | None]:
    """`Document.raw_span` of a span as (raw_start, raw_end); (None, None) past the offset map."""
    try:
        if span.start == span.end:
            start = end = to_raw[span.start]
        else:
            start, end = to_raw[span.start], to_raw[span.end - 1] + 1
    except IndexError:  # a span past the offset map: keep the value, flag nothing here
        return None, None
    if not 0 <= start <= end:  # as Span() would: a broken offset map fails the rows (E_ROWS_FAILED)
        raise ValueError(f"bad span {start}..{end}")
    return start, end


def _extraction_row(text: str, to_raw: list[int], did: str, n: int, f: Found, won: bool) -> tuple:
    span = f.span
    value = f.value
    return (f"{did}:{n}", did, f.field, value if isinstance(value, str) else _json(value),
            text[span.start:span.end] if span.end - span.start <= MAX_EVIDENCE else None, span.start, span.end,
            *_raw(to_raw, span), f.rule, f.extractor, 1 if won else 0, _json(dict(f.attrs)) if f.attrs else None)


def _outline_rows(doc: Document, did: str, to_raw: list[int], rows: Rows) -> None:
    for n, f in enumerate(doc.values("section")):
        v = f.value
        rows["sections"].append((f"{did}:{n}", did, _get(v, "path"), _get(v, "marker"), _get(v, "level"),
                                 _get(v, "heading") if isinstance(v, dict) else str(v), f.span.start, f.span.end,
                                 *_raw(to_raw, f.span)))
    for n, f in enumerate(doc.values("directive")):
        v = f.value
        rows["directives"].append((f"{did}:{n}", did, _get(v, "section"), _get(v, "text") or f.evidence(doc.text),
                                   f.span.start, f.span.end, *_raw(to_raw, f.span)))


def _quota_rows(doc: Document, did: str, picks: list[Found], to_raw: list[int], rows: Rows) -> None:
    for n, f in enumerate(picks):
        v = f.value
        approx = _get(v, "approx")
        rows["quotas"].append((
            f"{did}:{n}", did, _get(v, "text") or f.evidence(doc.text), _get(v, "min"), _get(v, "max"),
            _get(v, "unit"), None if approx is None else int(bool(approx)), _get(v, "subject"),
            _get(v, "frequency"), _get(v, "scope"), _get(v, "section"), f.span.start, f.span.end,
            *_raw(to_raw, f.span)))


def _org_rows(doc: Document, did: str, rec: dict, picks: dict[str, list[Found]], firsts: dict[str, Found],
              province, city, rows: Rows) -> None:
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
    printer = firsts.get("printer")
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
            rows["organizations"].append((info["canonical"], info.get("kind"), info.get("province"),
                                          info.get("city")))
        n = counts[role] = counts.get(role, -1) + 1
        rows["document_orgs"].append((f"{did}:{role}:{n}", did, info["canonical"], name, role, section,
                                      f.span.start if f else None, f.span.end if f else None))


def _date_rows(doc: Document, did: str, picks: dict[str, list[Found]], firsts: dict[str, Found],
               rows: Rows) -> None:
    out = rows["dates"]
    start = len(out)

    def add(kind: str, f: Found, value=None, end_value=None, precision=None, text=None, anchor=None,
            limit_text=None) -> None:
        out.append((f"{did}:{len(out) - start}", did, kind, value, end_value, precision or precision_of(value),
                    text or f.evidence(doc.text), anchor, limit_text, f.span.start, f.span.end))

    for field, kind in RECORD_DATE_KINDS:
        fs = picks.get(field) or ([firsts[field]] if field in firsts else [])
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
