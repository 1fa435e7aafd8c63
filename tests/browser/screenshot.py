"""Screenshots of the catalogue's views, for the README and docs/.

    .venv/bin/python tests/browser/screenshot.py [--db catalogue.db] [--out docs/screenshot-documents.png]
    .venv/bin/python tests/browser/screenshot.py --db DB --views docs/   # every view below, into docs/

Starts Datasette on a free local port over the catalogue (read mode) and has headless
Chromium (/usr/bin/chromium) save the pages: the default documents page as a user first
sees it; with --views also a document page, a search narrowed by facets, the ranked
search with snippets and the diffusion page of the most cited number.
"""
from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.catalogue.serve import background  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--lang=zh-CN"]


def chromium(args: list[str], profile: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=timeout)


def dump_dom(url: str, profile: Path) -> str:
    return chromium(["--virtual-time-budget=3000", "--dump-dom", url], profile).stdout


def screenshot(url: str, out: Path, profile: Path, size: str = "1280,1500") -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    chromium(["--virtual-time-budget=3000", f"--screenshot={out}", f"--window-size={size}", url], profile)
    return out


def views(db: Path, base: str, name: str) -> dict[str, tuple[str, str]]:
    """file name -> (URL, window size) of each view worth showing from this catalogue."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        doc = conn.execute(
            "SELECT d.id FROM documents d WHERE d.doc_number IS NOT NULL "
            "ORDER BY (SELECT count(*) FROM document_orgs o WHERE o.document_id = d.id AND o.role = 'lead') > 0 DESC, "
            "(SELECT count(*) FROM quotas q WHERE q.document_id = d.id) DESC LIMIT 1").fetchone()
        cited = conn.execute("SELECT doc_number_norm FROM citations GROUP BY 1 ORDER BY count(*) DESC, 1 "
                             "LIMIT 1").fetchone()
    finally:
        conn.close()
    q = urllib.parse.quote
    out = {"screenshot-search-facets.png": (f"{base}/{name}/documents?_search={q('医疗')}", "1280,1700"),
           "screenshot-search-ranked.png": (f"{base}/{name}/search?q={q('义诊 OR 医保')}", "1280,1400")}
    if doc:
        out["screenshot-document-page.png"] = (f"{base}/{name}/documents/{doc[0]}", "1280,2200")
    if cited:
        out["screenshot-diffusion.png"] = (f"{base}/-/diffusion/{name}?number={q(cited[0])}", "1280,1100")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=str(ROOT / "catalogue.db"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshot-documents.png"))
    ap.add_argument("--views", help="also save every view into this folder")
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print("error: /usr/bin/chromium is absent; apt-get install -y chromium fonts-noto-cjk", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, background(args.db, tmp) as base:
        name = Path(args.db).stem
        profile = Path(tmp) / "profile"
        print(f"wrote {screenshot(f'{base}/{name}/documents', Path(args.out), profile, '1280,1400')}")
        if args.views:
            for file, (url, size) in views(Path(args.db), base, name).items():
                print(f"wrote {screenshot(url, Path(args.views) / file, profile, size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
