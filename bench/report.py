"""The bench's figures as Markdown tables, ready to paste into the README.

Every timing is a median over rounds; targets are printed beside the figures, never
asserted (a shared or slower machine must not fail a build).
"""
from __future__ import annotations

from typing import Any

from bench.measure import median

STAGE_TARGET_MS = 3.0


def _check(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _span(values: list[float]) -> str:
    return f"{min(values):.1f}–{max(values):.1f}" if values else "–"


def throughput_table(r: dict[str, Any]) -> list[str]:
    pages = r["docs"]
    lines = ["| run | pages/s (median) | wall s (median, range) | CPU cores busy | peak RSS MB |",
             "|---|---:|---:|---:|---:|"]
    names = {"naive": "naive baseline (`bench/naive.py`, 1 process)", "w2": "`pipeline ingest --workers 2`",
             "w1": "`pipeline ingest --workers 1`"}
    for key, label in names.items():
        runs = r["runs"][key]
        walls = [x["wall_s"] for x in runs]
        lines.append(f"| {label} | {pages / median(walls):.1f} | {median(walls):.1f} ({_span(walls)}) | "
                     f"{median([x['cpu_s'] / x['wall_s'] for x in runs]):.2f} | "
                     f"{median([x['maxrss_mb'] for x in runs]):.0f} |")
    return lines


def targets_table(r: dict[str, Any]) -> list[str]:
    wall = {k: median([x["wall_s"] for x in r["runs"][k]]) for k in ("naive", "w2", "w1", "reingest", "small_w2")}
    speedup, scaling = wall["naive"] / wall["w2"], wall["w1"] / wall["w2"]
    re_pct = 100 * wall["reingest"] / wall["w2"]
    startup = median(r["startup_s"])
    rss_small = median([x["maxrss_mb"] for x in r["runs"]["small_w2"]])
    rss_full = median([x["maxrss_mb"] for x in r["runs"]["w2"]])
    growth = 100 * (rss_full - rss_small) / rss_small
    cat, naive_db = median(r["catalogue_mb"]), median(r["naive_db_mb"])
    slow = [s for s in r["stages"] if s["mean_ms"] >= STAGE_TARGET_MS and not s["stage"].startswith("segmentation")]
    return [
        "| measure | figure | target | |", "|---|---|---|---|",
        f"| real ingest (2 workers) ÷ naive, pages/s | {speedup:.1f}× | ≥ 5× | {_check(speedup >= 5)} |",
        f"| 2 workers ÷ 1 worker, pages/s | {scaling:.2f}× | ≥ 1.7× | {_check(scaling >= 1.7)} |",
        f"| re-ingest of the unchanged corpus ÷ full ingest | {re_pct:.1f}% ({wall['reingest']:.2f} s of "
        f"{wall['w2']:.1f} s; interpreter start + imports alone {startup:.2f} s) | < 2% | {_check(re_pct < 2)} |",
        f"| slowest stage except segmentation | "
        f"{max((s for s in r['stages'] if not s['stage'].startswith('segmentation')), key=lambda s: s['mean_ms'])['stage']}"
        f" {max(s['mean_ms'] for s in r['stages'] if not s['stage'].startswith('segmentation')):.2f} ms/page | "
        f"< {STAGE_TARGET_MS:.0f} ms/page each | {_check(not slow)} |",
        f"| peak RSS, {r['small_docs']} → {r['docs']} pages (2 workers) | {rss_small:.0f} → {rss_full:.0f} MB "
        f"({growth:+.0f}%) | flat | {_check(abs(growth) < 15)} |",
        f"| catalogue size after a full ingest | {cat:.1f} MB ({1000 * cat / r['docs']:.0f} KB/page, "
        f"{r['documents']} documents); naive table {naive_db:.1f} MB | – | |",
    ]


def stage_table(r: dict[str, Any]) -> list[str]:
    lines = [f"Per-stage CPU cost, in process, over {r['profiled_pages']} pages (ms per page):", "",
             "| stage | mean | p50 | p95 | share of pipeline CPU |", "|---|---:|---:|---:|---:|"]
    for s in r["stages"]:
        share = f"{100 * s['share']:.1f}%" if s["share"] else "–"
        lines.append(f"| {s['stage']} | {s['mean_ms']:.2f} | {s['p50_ms']:.2f} | {s['p95_ms']:.2f} | {share} |")
    total = sum(s["mean_ms"] for s in r["stages"] if s["share"])
    lines.append(f"| **total (real pipeline, one core)** | {total:.2f} | | | 100% |")
    return lines


def query_table(q: dict[str, Any]) -> list[str]:
    built = f"built in {q['build_s']:.0f} s" if q["build_s"] else "built earlier"
    lines = [f"Query side: {q['documents']} synthetic documents ({q['db_mb']:.0f} MB, {built}), "
             f"Datasette {q['datasette']} on 127.0.0.1, {q['repeats']} requests each "
             "after one warm-up:", "", "| request | p50 ms | p95 ms | rows matched | target |", "|---|---:|---:|---:|---|"]
    for row in q["requests"]:
        lines.append(f"| {row['label']} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['rows']} | "
                     f"{row['target']} |")
    return lines


def render(r: dict[str, Any]) -> str:
    enc = ", ".join(f"{k} {v}" for k, v in sorted(r["encodings"].items()))
    load = r["load_before"]
    shared = "shared with other work" if load[0] > 0.5 else "otherwise idle"
    out = [f"## Benchmark: {r['docs']} pages × {r['rounds']} round(s), medians",
           "",
           f"Corpus: seed {r['seed']}, {r['corpus_mb']:.1f} MB ({1000 * r['corpus_mb'] / r['docs']:.0f} KB/page; "
           f"{enc}; {r['traditional']} traditional reposts), from {r['notices']} bundled notices. "
           f"Machine: {r['cores']} cores, load average {load[0]:.2f} before and {r['load_after'][0]:.2f} after "
           f"({shared}). Runs interleaved: naive, 2 workers, 1 worker, small corpus, rotated each round.",
           "", *throughput_table(r), "", *targets_table(r), "", *stage_table(r)]
    if r.get("query"):
        out += ["", *query_table(r["query"])]
    return "\n".join(out) + "\n"
