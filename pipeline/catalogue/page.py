"""What a document's page shows: the record card, the highlighted text, reposts and diffusion.

`document_page(conn, doc_id)` reads one document and its child rows from a catalogue
connection (Datasette runs it in a thread, plugins/document_page.py) and returns plain
data for templates/row.html. Every card value carries the span of its evidence, so the
card links to the value's highlight in the text (`#m-<start>-<end>`) and the highlight
links back (`#v-<start>-<end>`).
"""
from __future__ import annotations

import sqlite3
from typing import Any

from markupsafe import Markup

from pipeline.catalogue.highlight import FAMILIES, family_of, highlight_families

ROLE_LABELS = {"lead": "牵头 lead", "responsible": "负责 responsible", "cooperating": "配合 cooperating"}


def _rows(conn: sqlite3.Connection, sql: str, params: list) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _value(text: str, start: int | None, end: int | None, **extra) -> dict[str, Any]:
    return {"text": text, "start": start, "end": end, **extra}


def document_page(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """The card, highlighted text, reposts and diffusion of one document (None: no such id)."""
    docs = _rows(conn, "SELECT d.*, s.url AS source_url FROM documents d LEFT JOIN sources s ON s.path = d.source "
                       "WHERE d.id = ?", [doc_id])
    if not docs:
        return None
    d = docs[0]
    chosen = _rows(conn, 'SELECT field, value, start, "end", extractor, rule FROM extractions '
                         "WHERE document_id = ? AND chosen = 1 ORDER BY start", [doc_id])
    by_field: dict[str, list[dict]] = {}
    for e in chosen:
        by_field.setdefault(e["field"], []).append(e)

    def scalar(field: str, label: str) -> dict[str, Any]:
        es = by_field.get(field) or []
        shown = d.get(field)
        values = [_value(shown if shown is not None else e["value"], e["start"], e["end"]) for e in es[:1]]
        if not values and shown:
            values = [_value(shown, None, None)]
        return {"field": field, "label": label, "family": family_of(field), "values": values}

    def listed(field: str, label: str) -> dict[str, Any]:
        return {"field": field, "label": label, "family": family_of(field),
                "values": [_value(e["value"], e["start"], e["end"]) for e in by_field.get(field) or []]}

    units = _rows(conn, 'SELECT name, organization, role, section, start, "end" FROM document_orgs '
                        "WHERE document_id = ? AND role IN ('lead', 'responsible', 'cooperating') ORDER BY start",
                  [doc_id])
    quotas = _rows(conn, 'SELECT text, min, max, unit, subject, start, "end" FROM quotas WHERE document_id = ? '
                         "ORDER BY start", [doc_id])
    deadlines = _rows(conn, 'SELECT value, text, start, "end" FROM dates WHERE document_id = ? AND kind = \'deadline\' '
                            "ORDER BY start", [doc_id])
    contacts = _rows(conn, 'SELECT name, phone, start, "end" FROM contacts WHERE document_id = ? ORDER BY start',
                     [doc_id])
    cited = _rows(conn, 'SELECT c.doc_number, c.doc_number_norm, c.start, c."end", '
                        "(SELECT t.id FROM documents t WHERE t.doc_number_norm = c.doc_number_norm "
                        " ORDER BY t.id LIMIT 1) AS cited_id, "
                        "(SELECT t.title FROM documents t WHERE t.doc_number_norm = c.doc_number_norm "
                        " ORDER BY t.id LIMIT 1) AS cited_title "
                        "FROM citations c WHERE c.document_id = ? ORDER BY c.start", [doc_id])
    card = [
        scalar("title", "标题 Title"),
        scalar("doc_number", "发文字号 Number"),
        scalar("issuer", "发文机关 Issuer"),
        scalar("signed_date", "成文日期 Signed"),
        scalar("published_date", "发布日期 Published"),
        scalar("doc_type", "文种 Type"),
        listed("recipients", "主送 To"),
        listed("cc", "抄送 Cc"),
        listed("attachments", "附件 Attachments"),
        {"field": "responsible_units", "label": "责任单位 Responsible units", "family": family_of("responsible_units"),
         "values": [_value(u["name"], u["start"], u["end"], note=ROLE_LABELS.get(u["role"], u["role"]),
                           org=u["organization"] if u["organization"] != u["name"] else None) for u in units]},
        {"field": "quotas", "label": "指标 Quotas", "family": family_of("quotas"),
         "values": [_value(q["text"], q["start"], q["end"], note=q["subject"]) for q in quotas]},
        {"field": "deadlines", "label": "完成时限 Deadlines", "family": family_of("deadlines"),
         "values": [_value(x["text"] or x["value"], x["start"], x["end"], note=x["value"]) for x in deadlines]},
        {"field": "contacts", "label": "联系人 Contacts", "family": family_of("contacts"),
         "values": [_value(" ".join(filter(None, [c["name"], c["phone"]])), c["start"], c["end"]) for c in contacts]},
        {"field": "cited_doc_numbers", "label": "引用文件 Cited", "family": family_of("cited_doc_numbers"),
         "values": [_value(c["doc_number"], c["start"], c["end"], cited_id=c["cited_id"], note=c["cited_title"],
                           number=c["doc_number_norm"]) for c in cited]},
    ]
    card = [row for row in card if row["values"]]
    shown = {(v["start"], v["end"]) for row in card for v in row["values"] if v["start"] is not None}
    marks = [(e["start"], e["end"], e["field"], e["extractor"], e["rule"]) for e in chosen
             if family_of(e["field"]) is not None]
    marks += [(u["start"], u["end"], "responsible_units", "", u["role"]) for u in units if u["start"] is not None]
    text_html = highlight_families(d["text"], marks, linked=shown)
    used = {family_of(m[2]) for m in marks}
    return {
        "document": {k: d[k] for k in ("id", "title", "source", "source_url", "work_key", "doc_number",
                                        "doc_number_norm", "province", "city", "year", "topic")},
        "card": card,
        "text_html": text_html,
        "families": [(fam, label, colour) for fam, (label, colour) in FAMILIES.items()],
        "legend": [(fam, label, colour) for fam, (label, colour) in FAMILIES.items() if fam in used],
        "reposts": reposts(conn, d["id"], d["work_key"]),
        "diffusion": diffusion(conn, d["doc_number_norm"], d["work_key"], d["id"]),
    }


def reposts(conn: sqlite3.Connection, doc_id: str, work_key: str) -> list[dict[str, Any]]:
    """Other documents of the same work (the `works` view), with their sources."""
    return _rows(conn, "SELECT d.id, d.title, d.issuer, d.published_date, d.source, s.url FROM documents d "
                       "LEFT JOIN sources s ON s.path = d.source WHERE d.work_key = ? AND d.id != ? "
                       "ORDER BY d.published_date, d.id", [work_key, doc_id])


DIFFUSION_SQL = """
SELECT 'cites' AS how, d.id, d.title, d.issuer, d.province, d.city, d.doc_number,
       coalesce(d.signed_date, d.published_date) AS date
FROM citations c JOIN documents d ON d.id = c.document_id
WHERE c.doc_number_norm = :number AND :number != ''
UNION
SELECT 'reposts', d.id, d.title, d.issuer, d.province, d.city, d.doc_number,
       coalesce(d.published_date, d.signed_date)
FROM documents d WHERE d.work_key = :work AND d.id != :id
ORDER BY date, id
"""


def diffusion(conn: sqlite3.Connection, number: str | None, work_key: str | None = None,
              doc_id: str = "") -> dict[str, Any]:
    """Which provinces and cities issued documents citing or reposting this one, and when.

    `number` alone (a cited number, catalogued or not): its citing documents, and the
    reposts of the catalogued document carrying it (work_key `no:<number>`).
    """
    work = work_key if work_key is not None else (f"no:{number}" if number else "")
    rows = _rows(conn, DIFFUSION_SQL, {"number": number or "", "work": work, "id": doc_id})
    by_region: dict[str, int] = {}
    for r in rows:
        by_region[r["province"] or "（未知 unknown）"] = by_region.get(r["province"] or "（未知 unknown）", 0) + 1
    cited = _rows(conn, "SELECT id, title, issuer, signed_date FROM documents WHERE doc_number_norm = ? "
                        "ORDER BY id LIMIT 1", [number]) if number else []
    return {"number": number, "rows": rows, "chart": timeline_svg(rows), "cited": cited[0] if cited else None,
            "by_region": sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0]))}


def timeline_svg(rows: list[dict[str, Any]], width: int = 640) -> Markup | None:
    """A dot per citing/reposting document: one line per province, x = its date (inline SVG,
    no script or network: the page works offline and in the headless browser test)."""
    dated = [r for r in rows if r.get("date") and r["date"][:4].isdigit()]
    if not dated:
        return None
    regions = list(dict.fromkeys(r["province"] or "（未知 unknown）" for r in dated))
    years = [int(r["date"][:4]) + (int(r["date"][5:7]) - 1) / 12 if len(r["date"]) >= 7 else int(r["date"][:4])
             for r in dated]
    lo, hi = min(years), max(years)
    span = (hi - lo) or 1
    left, top, row_h = 150, 24, 22
    height = top + row_h * len(regions) + 10
    out = [f'<svg class="diffusion-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'role="img" aria-label="timeline of citing and reposting documents by province">']
    step = 1 if hi - lo <= 12 else 5
    for y0 in range(int(lo), int(hi) + 1, step):
        x = left + (y0 - lo) / span * (width - left - 20)
        out.append(f'<text x="{x:.0f}" y="14" font-size="11" text-anchor="middle">{y0}</text>')
    for i, region in enumerate(regions):
        y = top + row_h * i + row_h / 2
        out.append(f'<text x="{left - 8}" y="{y + 4:.0f}" font-size="12" text-anchor="end">{Markup.escape(region)}</text>')
        out.append(f'<line x1="{left}" x2="{width - 20}" y1="{y:.0f}" y2="{y:.0f}" stroke="#ddd"/>')
    for r, yv in zip(dated, years):
        x = left + (yv - lo) / span * (width - left - 20)
        y = top + row_h * regions.index(r["province"] or "（未知 unknown）") + row_h / 2
        colour = "#1f77b4" if r["how"] == "cites" else "#d62728"
        tip = Markup.escape(f"{r['date']} {r['issuer'] or ''} {r['title'] or ''}")
        out.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5" fill="{colour}"><title>{tip}</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))

