"""How extraction generalises: a report over the wild corpus (no gold), one command.

    python -m bench.wild_report [../shared/corpus/wild] [--workers 2] [--limit N] [--out .eval/wild]

For each source folder: files, documents, files with no document, problems by code, and the
share of documents with each record field. Then two checks that need no annotation:
- title agreement: the extracted title against the crawl record's title (PROVENANCE.tsv),
  by the scorer's rule (character overlap >= 0.8); a title that only came from the crawl
  record itself (`收录标题`, the fallback) is counted apart, since it agrees by construction;
- masked metadata: on every page that carries a metadata table (索引号/发文机关/发文字号/
  成文日期), the table is hidden (its zone becomes page chrome, which normalize drops), the
  document is extracted from the body alone, and title, doc_number, issuer and signed_date
  are scored against the table's own values.
Writes `summary.json` and `records.jsonl` under --out, prints the tables as Markdown.
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench.gold import load_scorer

FIELDS = ("title", "doc_number", "issuer", "signed_date", "published_date", "recipients", "cc",
          "attachments", "cited_doc_numbers", "responsible_units", "quotas", "deadlines", "contacts")
MASKED_FIELDS = ("title", "doc_number", "issuer", "signed_date")
TABLE_FIELDS = {"page.title": "title", "page.doc_number": "doc_number", "page.issuer": "issuer",
                "page.signed_date": "signed_date"}
CRAWL_TITLE_RULE = "label:收录标题"
TABLE_RULES = ("label:标题", "label:发文字号", "label:发文机关", "label:成文日期")


def _provenance(wild: Path) -> dict[str, dict[str, str]]:
    with open(wild / "PROVENANCE.tsv", encoding="utf-8", newline="") as fh:
        return {row["relative_path"]: row for row in csv.DictReader(fh, delimiter="\t")}


def _masked(raw):
    """The raw page with its metadata table turned into chrome (hidden from every extractor)."""
    zones = dict(raw.zones)
    table = zones.pop("pagemeta", [])
    zones["chrome"] = [*zones.get("chrome", []), *table]
    return replace(raw, zones=zones)


def _table_values(doc) -> dict[str, str]:
    """The metadata table's own values (page.* candidates from its labels)."""
    out: dict[str, str] = {}
    for f in doc.found:
        name = TABLE_FIELDS.get(f.field)
        if name and f.rule in TABLE_RULES and name not in out:
            out[name] = f.value
    return out


def _title_origin(doc, picked) -> str | None:
    """The rule of the page-level candidate a chosen title came from, else its own rule."""
    if not picked:
        return None
    for f in doc.found:
        if f.field == "page.title" and f.span == picked[0].span:
            return f.rule
    return picked[0].rule


def one_file(job: tuple[str, str, bool]) -> dict[str, Any]:
    """Everything the report needs of one file (runs in a worker)."""
    from pipeline.read import read_file
    from pipeline.record import chosen, to_record
    from pipeline.stages import process_one

    path, rel, has_table = job
    drops: list[str] = []
    try:
        raw = read_file(path)
        docs = process_one(raw, on_drop=lambda _page, reason: drops.append(reason))
    except Exception as exc:  # noqa: BLE001 - the report records a crash as data, the run goes on
        return {"rel": rel, "crash": f"{type(exc).__name__}: {exc}", "records": [], "problems": [], "drops": []}
    records = []
    for doc in docs:
        rec = to_record(doc)
        rec["title_rule"] = _title_origin(doc, chosen(doc)["title"])
        records.append(rec)
    out: dict[str, Any] = {
        "rel": rel, "records": records, "drops": drops,
        "problems": sorted({p.code for d in [raw, *docs] for p in d.problems}),
    }
    if has_table and docs:
        table = _table_values(docs[0])
        if table:
            masked = process_one(_masked(raw))
            out["table"] = table
            out["masked"] = [to_record(d) for d in masked][:1]
    return out


def jobs(wild: Path, prov: dict[str, dict[str, str]], limit: int | None) -> Iterator[tuple[str, str, bool]]:
    rels = sorted(prov)
    if limit:
        step = max(1, len(rels) // limit)  # an even spread over every source, not the first N
        rels = rels[::step][:limit]
    for rel in rels:
        yield str(wild / rel), rel, prov[rel].get("has_metadata_table") == "yes"


def summarise(results: list[dict[str, Any]], prov: dict[str, dict[str, str]], score) -> dict[str, Any]:
    by_source: dict[str, dict[str, Any]] = {}
    titles = collections.Counter()
    masked = {f: [0, 0] for f in MASKED_FIELDS}  # right, total
    masked_misses: dict[str, list[str]] = collections.defaultdict(list)
    for r in results:
        source = r["rel"].split("/", 1)[0]
        s = by_source.setdefault(source, {"files": 0, "documents": 0, "no_document": 0, "crashes": 0,
                                          "problems": collections.Counter(),
                                          "fields": collections.Counter()})
        s["files"] += 1
        s["documents"] += len(r["records"])
        s["no_document"] += not r["records"]
        s["crashes"] += "crash" in r
        s["problems"].update(r["problems"])
        for rec in r["records"]:
            s["fields"].update(f for f in FIELDS if rec.get(f) not in (None, "", []))
        want = prov[r["rel"]].get("title", "")
        if r["records"] and want and not want.endswith(("...", "…")):
            rec = r["records"][0]
            if rec.get("title_rule") == CRAWL_TITLE_RULE:
                titles["from crawl record"] += 1
            elif rec.get("title") and score.overlap(want, rec["title"]) >= 0.8:
                titles["agree"] += 1
            else:
                titles["disagree"] += 1
        if "masked" in r:
            got = r["masked"][0] if r["masked"] else {}
            for f in MASKED_FIELDS:
                if f not in r["table"]:
                    continue
                ok = score.compare(f, {f: r["table"][f]}, {f: got.get(f)})[0] == 1
                masked[f][0] += ok
                masked[f][1] += 1
                if not ok:
                    masked_misses[f].append(f"{r['rel']}: table {r['table'][f]!r} body {got.get(f)!r}")
    return {"sources": by_source, "titles": dict(titles), "masked": masked, "masked_misses": masked_misses}


def markdown(summary: dict[str, Any]) -> str:
    out = ["| source | files | documents | files without a document | crashes | "
           + " | ".join(FIELDS) + " |", "|---|---:|---:|---:|---:|" + "---:|" * len(FIELDS)]
    for name, s in sorted(summary["sources"].items()):
        n = s["documents"] or 1
        shares = " | ".join(f"{s['fields'][f] / n:.2f}" for f in FIELDS)
        out.append(f"| {name} | {s['files']} | {s['documents']} | {s['no_document']} | {s['crashes']} | {shares} |")
    out.append("")
    out.append("| source | problems (code: files) |")
    out.append("|---|---|")
    for name, s in sorted(summary["sources"].items()):
        probs = ", ".join(f"{c}: {k}" for c, k in s["problems"].most_common()) or "none"
        out.append(f"| {name} | {probs} |")
    t = summary["titles"]
    judged = t.get("agree", 0) + t.get("disagree", 0)
    out.append("")
    out.append(f"Titles against the crawl records: {t.get('agree', 0)}/{judged} agree "
               f"({t.get('agree', 0) / (judged or 1):.3f}); {t.get('from crawl record', 0)} more came from the "
               "crawl record itself (the fallback when a page prints no title).")
    out.append("")
    out.append("| masked metadata check | right | pages | share |")
    out.append("|---|---:|---:|---:|")
    for f, (ok, total) in summary["masked"].items():
        out.append(f"| {f} | {ok} | {total} | {ok / (total or 1):.3f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.wild_report", description=__doc__.splitlines()[0])
    ap.add_argument("wild", nargs="?", default="../shared/corpus/wild")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, help="an even sample of N files instead of all")
    ap.add_argument("--out", default=".eval/wild")
    ap.add_argument("--misses", action="store_true", help="list every masked-metadata miss")
    args = ap.parse_args(argv)
    wild = Path(args.wild)
    if not (wild / "PROVENANCE.tsv").is_file():
        print(f"error: {wild} has no PROVENANCE.tsv (the wild corpus lives in ../shared/corpus/wild)", file=sys.stderr)
        return 2
    prov = _provenance(wild)
    try:
        score = load_scorer(wild.parent.parent)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    todo = list(jobs(wild, prov, args.limit))
    with Pool(args.workers) as pool:
        results = list(pool.imap_unordered(one_file, todo, chunksize=4))
    results.sort(key=lambda r: r["rel"])
    summary = summarise(results, prov, score)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "records.jsonl", "w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=dict), "utf-8")
    print(markdown(summary))
    if args.misses:
        for f, misses in summary["masked_misses"].items():
            print(f"\n{f}:\n" + "\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
