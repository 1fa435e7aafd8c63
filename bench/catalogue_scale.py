"""The query side at scale: a synthetic N-document catalogue, queried through Datasette.

    python -m bench.catalogue_scale --docs 200000          # or: python -m bench.run --catalogue-scale 200000

Builds the catalogue in the real schema (`pipeline.load.connect` runs schema/catalogue.sql)
with one source and one document per synthetic notice: text drawn from the bundled
notices (a run of 500-2500 characters of one notice, numbers redrawn), and facet columns
(issuer, year, doc_type, province, responsible_units) drawn from small vocabularies. The
search index gets the text the loader writes (`--index bigrams`, the default: one token
per CJK character pair, `pipeline.catalogue.fts.bigrams`; `--index spaced`: one per
character, as before), through the schema's triggers, then merged into one b-tree
(FTS5 'optimize', as the loader should after a bulk ingest: 4-character phrases ~2x
faster than over the segments the batches leave; `--no-optimize` keeps them). Only the
tables these pages read are filled. `--reuse` keeps a file built earlier with the same
documents, seed and index.

Then serves it as `make serve` does (`pipeline.catalogue.serve.background`: the real
metadata, plugins and settings) on 127.0.0.1 and times, after one warm-up each: the
search box for 2- and 4-character words (the HTML page a user gets, with the table's
configured facets and count; the same page without facets; the search alone: JSON, no
facets; the ranked `search` query with snippets), and the documents page with its facets. Rows matched are counted in the index directly (the page's own
count may stand aside on a broad search: plugins/page_budget.py); each row says when the
page came without its count or facets. The load average before and after is printed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from random import Random

from bench import chrome, corpus

BATCH = 5000
BUILD_KEY = "bench.catalogue_scale"
REPEATS = 15
WORDS_2 = ("义诊", "医保", "疫苗", "卫生", "补贴")
WORDS_4 = ("公立医院", "绩效考核", "应急预案", "中医药学", "基层医疗")
DOC_TYPES = ("通知", "意见", "方案", "决定", "公告", "办法", "批复", "函", "通报", "规定")
PROVINCES = ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
             "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
             "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省",
             "青海省", "宁夏回族自治区", "新疆维吾尔自治区")
UNITS = tuple(f"{r}{a}" for r in ("市", "县", "区", "省") for a in chrome.AGENCIES) + (
    "各级医疗机构", "疾病预防控制中心", "卫生监督所", "妇幼保健院", "中医医院", "社区卫生服务中心")
TEXT_CHARS = (500, 2500)


def index_text(index: str):
    """The documents_search text function for `index`: the loader's own (`bigrams`), or the
    per-character `spaced` it replaced (to compare query times on both)."""
    from pipeline.catalogue import fts

    if index in ("bigrams", "spaced"):
        return getattr(fts, index)
    raise ValueError(f"unknown index {index!r}: bigrams or spaced")


def synthetic_document(i: int, seed: int, pool, spaced=None) -> tuple[dict, dict, dict]:
    """The sources, documents and documents_search rows of synthetic document i (`spaced`:
    the search text function, by default the loader's)."""
    from pipeline.catalogue.keys import norm_doc_number, search_key, work_key
    from pipeline.catalogue.topics import topic_of

    spaced = spaced or index_text("bigrams")

    rng = Random(f"{seed}/catalogue/{i}")
    notice = pool[rng.randrange(len(pool))]
    start, budget, lines, used = rng.randrange(len(notice.lines)), rng.randint(*TEXT_CHARS), [], 0
    for ln in notice.lines[start:] + notice.lines[:start]:
        lines.append(corpus.NUMBER.sub(lambda m: corpus.redraw(m, rng), ln))
        used += len(ln)
        if used >= budget:
            break
    text = "\n".join(lines)
    doc_id = hashlib.sha256(f"bench-catalogue:{seed}:{i}".encode()).hexdigest()[:16]
    year = rng.randint(2005, 2024)
    number = f"{rng.choice(corpus.NUMBER_PREFIXES)}〔{year}〕{rng.randint(1, 300)}号"
    issuer, title = chrome.portal(rng), notice.title
    units = rng.sample(UNITS, rng.randint(1, 4))
    path = f"synthetic/{i:07d}.html"
    source = {"path": path, "sha256": f"{i:064x}", "format": "html", "encoding": "utf-8", "bytes": len(text) * 3,
              "documents": 1, "problems": 0, "extractors": "bench.catalogue_scale"}
    signed = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    doc = {"id": doc_id, "search_key": search_key(doc_id, signed), "source": path, "ordinal": 0,
           "work_key": work_key(number, issuer, title, signed, doc_id), "title": title, "doc_number": number,
           "doc_number_norm": norm_doc_number(number), "issuer": issuer, "signed_date": signed,
           "published_date": signed, "year": year, "doc_type": rng.choice(DOC_TYPES), "topic": topic_of(title),
           "province": rng.choice(PROVINCES), "responsible_units": json.dumps(units, ensure_ascii=False),
           "recipients": "[]", "cc": "[]", "attachments": "[]", "cited_doc_numbers": "[]", "deadlines": "[]",
           "quotas": "[]", "contacts": "[]", "chars": len(text), "text": text}
    search = {"search_key": doc["search_key"], "title": spaced(title),
              "meta": spaced(" ".join([number, issuer, *units])), "body": spaced(text)}
    return source, doc, search


def _insert(conn, table: str, rows: list[dict]) -> None:
    cols = list(rows[0])
    sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows])


def build_key(docs: int, seed: int, index: str) -> str:
    """What a complete build records in catalogue_meta (older builds wrote `docs:seed`: spaced)."""
    return f"{docs}:{seed}" + ("" if index == "spaced" else f":{index}")


def built(db_path: Path) -> str | None:
    """The build_key a previous build left in the file, if any."""
    if not db_path.is_file():
        return None
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM catalogue_meta WHERE key = ?", [BUILD_KEY]).fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def build(db_path: Path, docs: int, seed: int = corpus.DEFAULT_SEED, log=print, index: str = "bigrams",
          optimize: bool = True) -> float:
    """Write the catalogue (replacing any file there); seconds taken."""
    from pipeline.load import connect

    for p in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        p.unlink(missing_ok=True)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    db = connect(db_path)
    pool = corpus.load_notices()
    spacer = index_text(index)
    conn = db.conn
    for lo in range(0, docs, BATCH):
        batch = [synthetic_document(i, seed, pool, spacer) for i in range(lo, min(docs, lo + BATCH))]
        with conn:  # one transaction a batch: the build is bulk, not the loader's per-source writes
            for table, k in (("sources", 0), ("documents", 1), ("documents_search", 2)):
                _insert(conn, table, [b[k] for b in batch])
        if lo // BATCH % 10 == 0:
            log(f"  {lo + len(batch)} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if optimize:
        with conn:
            conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
    with conn:  # marks a complete build, for --reuse
        conn.execute("INSERT OR REPLACE INTO catalogue_meta VALUES (?, ?)", [BUILD_KEY, build_key(docs, seed, index)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    db.close()
    return time.perf_counter() - t0


def timed_get(url: str) -> tuple[float, int, bytes]:
    """Milliseconds, HTTP status and body of one GET (an error status is a result, not a failure)."""
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            status, body = resp.status, resp.read()
    except urllib.error.HTTPError as exc:  # Datasette answers 400 when a query passes sql_time_limit_ms
        status, body = exc.code, exc.read()
    return 1000 * (time.perf_counter() - t0), status, body


def time_request(url: str, repeats: int) -> tuple[float, float, list[int]]:
    """p50 and p95 ms after one warm-up (page cache, Datasette's first-query costs); the statuses."""
    timed_get(url)
    got = [timed_get(url)[:2] for _ in range(repeats)]
    ms = sorted(m for m, _ in got)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], [st for _, st in got]


def page_facts(base: str, table_url: str, query: str) -> dict:
    """What the timed page held, from the JSON of the same page: its count (None when it
    stood aside), the facets it showed and whether any timed out."""
    _, status, body = timed_get(f"{base}{table_url}.json?{query}")
    if status != 200:
        return {"count": None, "facets": [], "timed_out": False}
    data = json.loads(body)
    return {"count": data.get("filtered_table_rows_count"), "facets": list(data.get("facet_results") or []),
            "timed_out": bool(data.get("facets_timed_out"))}


def matches(db_path: Path, query: str) -> int:
    """Documents the search matches, counted in the index itself (what the page would count)."""
    from pipeline.catalogue.fts import fts_query

    args = urllib.parse.parse_qs(query)
    search = args.get("_search") or args.get("q")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        if not search:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        return conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                            [fts_query(search[0])]).fetchone()[0]
    finally:
        conn.close()


def requests(db_name: str) -> list[tuple[str, str, str, str]]:
    """(label, path, query, target) of every timed request."""
    table = f"/{db_name}/documents"
    out = []
    for words, size in ((WORDS_2, 2), (WORDS_4, 4)):
        for w in words:
            q = urllib.parse.urlencode({"_search": w})
            out.append((f"search page with its facets, {size} chars: {w}", table, q, "< 300 ms"))
            out.append((f"plain search page (no facets), {size} chars: {w}", table, q + "&_nofacet=1", "< 50 ms"))
            out.append((f"search alone (JSON, no facets), {size} chars: {w}", table + ".json",
                        q + "&_nofacet=1&_size=50", "< 50 ms"))
            out.append((f"ranked search with snippets (JSON), {size} chars: {w}", f"/{db_name}/search.json",
                        urllib.parse.urlencode({"q": w}), ""))
    out.append(("documents page with its facets", table, "", "< 300 ms"))
    return out


def note(facts: dict, query: str, path: str) -> str:
    """What the timed page left out or got wrong, for its row label."""
    out = []
    if path.endswith("/search.json"):
        return ""  # a canned query: no count or facets of its own
    if facts["count"] is None:
        out.append("no count")
    if "_nofacet" not in query and not path.endswith(".json"):
        out.append("facets: " + (", ".join(facts["facets"]) or "none"))
    if facts["timed_out"] and "_nofacet" not in query:
        out.append("**a facet timed out**")
    return f" ({'; '.join(out)})" if out else ""


def measure(db_path: Path, docs: int, seed: int = corpus.DEFAULT_SEED, repeats: int = REPEATS, log=print,
            reuse: bool = False, index: str = "bigrams", optimize: bool = True) -> dict:
    """Build (unless `reuse` and the file holds this very build), serve, time; the figures."""
    import datasette

    from pipeline.catalogue.serve import background

    fresh = not (reuse and built(db_path) == build_key(docs, seed, index))
    build_s = build(db_path, docs, seed, log=log, index=index, optimize=optimize) if fresh else 0.0
    rows, load_before = [], os.getloadavg()
    with background(db_path, db_path.parent) as base:
        for label, path, query, target in requests(db_path.stem):
            url = f"{base}{path}" + (f"?{query}" if query else "")
            p50, p95, statuses = time_request(url, repeats)
            facts = page_facts(base, path.removesuffix(".json"), query)
            label += note(facts, query, path)
            bad = [st for st in statuses if st != 200]
            if bad:
                label += f" (**{len(bad)}/{len(statuses)} answered HTTP {bad[0]}**: over sql_time_limit_ms)"
            rows.append({"label": label, "p50_ms": p50, "p95_ms": p95, "rows": matches(db_path, query),
                         "target": target})
            log(f"  {label}: p50 {p50:.0f} ms", file=sys.stderr)
    return {"documents": docs, "db_mb": sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*")) / 1e6,
            "build_s": build_s, "datasette": datasette.__version__, "repeats": repeats, "requests": rows,
            "index": index, "load_before": load_before, "load_after": os.getloadavg(), "cores": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    from bench.report import query_table

    ap = argparse.ArgumentParser(prog="python -m bench.catalogue_scale", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--db", type=Path, default=Path("bench/out/scale/catalogue_scale.db"))
    ap.add_argument("--repeats", type=int, default=REPEATS)
    ap.add_argument("--reuse", action="store_true", help="keep a catalogue built earlier with the same --docs")
    ap.add_argument("--index", choices=("bigrams", "spaced"), default="bigrams",
                    help="search index text: CJK pairs (the loader's, default) or one token per character")
    ap.add_argument("--no-optimize", action="store_true", help="leave the index in the segments the batches wrote")
    args = ap.parse_args(argv)
    q = measure(args.db, args.docs, repeats=args.repeats, reuse=args.reuse, index=args.index,
                optimize=not args.no_optimize)
    print("\n".join(query_table(q)))
    print(f"\n{q['index']} index; {q['cores']} cores, load average {q['load_before'][0]:.2f} before and "
          f"{q['load_after'][0]:.2f} after.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
