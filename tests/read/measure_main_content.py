"""Measure main-content choices on the dev HTML pages (figures for the README).

    python -m tests.read.measure_main_content [SHARED_DIR]

For every dev page with gold answers, each method's kept text is checked for the gold
values printed in the page (title, doc number, issuer, recipients, cc, attachments, cited
numbers, responsible units, quota texts, contact phones), compared after NFKC, t2s and
dropping spaces, as score.py compares. Also reported: kept lines that the chrome rules call
furniture (leaked chrome), kept characters, and CPU milliseconds per page (decode + parse +
main content). Methods: ours (pipeline.read + normalize), readability-lxml, trafilatura.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

from pipeline.normalize import normalize_doc, t2s
from pipeline.read import read_bytes
from pipeline.read.chrome_lines import is_chrome_line
from pipeline.read.encoding import declared_charset, decode
from pipeline.types import Source

FIELDS = ("doc_number", "issuer", "recipients", "cc", "attachments", "cited_doc_numbers", "responsible_units")


def squash(s: str) -> str:
    return re.sub(r"\s+", "", t2s.convert(unicodedata.normalize("NFKC", s)))


def gold_values(gold: dict) -> tuple[list[str], list[str]]:
    titles, values = [], []
    for d in gold["documents"]:
        if d.get("title"):
            titles.append(d["title"])
        for field in FIELDS:
            v = d.get(field)
            values.extend([v] if isinstance(v, str) else [x for x in (v or []) if isinstance(x, str)])
        values.extend(q["text"] for q in d.get("quotas", []))
        values.extend(c["phone"] for c in d.get("contacts", []) if c.get("phone"))
    return titles, values


def ours(data: bytes, name: str) -> str:
    return normalize_doc(read_bytes(data, Source.from_bytes(name, data))).text


def readability(data: bytes, name: str) -> str:
    import lxml.html
    from readability import Document

    text = decode(data, declared_charset(data)).text
    doc = Document(text)
    body = lxml.html.fromstring(doc.summary()).text_content()
    return doc.title() + "\n" + body


def trafilatura_text(data: bytes, name: str) -> str:
    import trafilatura

    text = decode(data, declared_charset(data)).text
    return trafilatura.extract(text, include_tables=True, include_comments=False, favor_recall=True) or ""


METHODS = {"ours": ours, "readability-lxml": readability, "trafilatura": trafilatura_text}


def measure(shared: Path) -> dict:
    pages = []
    for gold_file in sorted((shared / "gold" / "dev").glob("*.gold.json")):
        html = shared / "corpus" / "dev" / "html" / gold_file.name.replace(".gold.json", ".html")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if html.exists() and gold["documents"]:
            pages.append((html, *gold_values(gold)))
    report = {}
    for name, fn in METHODS.items():
        found = total = title_hits = leaked = chars = 0
        cpu = []
        for html, titles, values in pages:
            data = html.read_bytes()
            start = time.process_time()
            text = fn(data, html.name)
            cpu.append((time.process_time() - start) * 1000)
            kept = squash(text)
            found += sum(1 for v in values if squash(v) in kept)
            total += len(values)
            title_hits += all(_title_in(t, kept) for t in titles)
            leaked += sum(1 for line in text.splitlines() if line.strip() and is_chrome_line(line.strip()))
            chars += len(kept)
        report[name] = {"pages": len(pages), "value_recall": round(found / total, 3), "values": total,
                        "title_present": f"{title_hits}/{len(pages)}", "leaked_chrome_lines": leaked,
                        "kept_chars": chars, "cpu_ms_median": round(statistics.median(cpu), 1),
                        "cpu_ms_mean": round(statistics.mean(cpu), 1)}
    return report


def _title_in(title: str, kept: str) -> bool:
    """The title, or 80% of its characters in order as a run (score.py counts 0.8 overlap)."""
    t = squash(title)
    return t in kept or any(t[i:i + int(len(t) * 0.8)] in kept for i in range(0, len(t) - int(len(t) * 0.8) + 1))


def main(argv: list[str]) -> int:
    shared = Path(argv[0]) if argv else Path(__file__).resolve().parents[3] / "shared"
    for name, row in measure(shared).items():
        print(name, json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
