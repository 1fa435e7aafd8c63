"""The naive baseline: what a researcher writes in an afternoon, kept as the yardstick.

Detect the charset of every file with charset-normalizer, parse with BeautifulSoup,
take the main text with trafilatura, segment it with jieba, pull a few fields with
regexes, and insert one row at a time with a commit per row. Deliberately not tuned:
`make bench` reports the real ingest against it.

    python -m bench.naive PATH... --db naive.db
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
from pathlib import Path

import jieba
import trafilatura
from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

PATTERNS = {
    "doc_number": re.compile(r"[\u4e00-\u9fff]{2,10}[〔\[（(]\d{4}[〕\]）)]\d+号"),
    "date": re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"),
    "phone": re.compile(r"0\d{2,3}-\d{7,8}|1[3-9]\d{9}"),
    "quota": re.compile(r"(不少于|至少|达到)\d+(\.\d+)?(万|亿)?(人|家|个|元|%|所|张)"),
    "attachment": re.compile(r"附件\d*[:：]\s*(\S+)"),
}
SCHEMA = """CREATE TABLE IF NOT EXISTS docs (path TEXT PRIMARY KEY, title TEXT, text TEXT, words TEXT,
            doc_number TEXT, dates TEXT, phones TEXT, quotas TEXT, attachments TEXT)"""


def parse(path: Path) -> dict[str, str | None]:
    """One file to one row."""
    data = path.read_bytes()
    best = from_bytes(data).best()
    html = str(best) if best is not None else data.decode("utf-8", errors="replace")
    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(strip=True) if soup.title else None
    text = trafilatura.extract(html) or soup.get_text("\n")
    words = jieba.lcut(text)
    hits = {name: [m.group() for m in rx.finditer(text)] for name, rx in PATTERNS.items()}
    return {"path": str(path), "title": title, "text": text, "words": " ".join(words),
            "doc_number": hits["doc_number"][0] if hits["doc_number"] else None,
            "dates": json.dumps(hits["date"], ensure_ascii=False),
            "phones": json.dumps(hits["phone"]), "quotas": json.dumps(hits["quota"], ensure_ascii=False),
            "attachments": json.dumps(hits["attachment"], ensure_ascii=False)}


def run(paths: list[Path], db: Path) -> int:
    """Parse and insert every file, committing after each row; the number of rows written."""
    conn = sqlite3.connect(db)
    conn.execute(SCHEMA)
    n = 0
    for path in paths:
        row = parse(path)
        conn.execute("INSERT OR REPLACE INTO docs VALUES (:path, :title, :text, :words, :doc_number, "
                     ":dates, :phones, :quotas, :attachments)", row)
        conn.commit()
        n += 1
    conn.close()
    return n


def files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.naive", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--db", type=Path, required=True)
    args = ap.parse_args(argv)
    jieba.setLogLevel(60)  # its dictionary-loading chatter would bury the bench table
    print(f"naive: {run(files(args.paths), args.db)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
