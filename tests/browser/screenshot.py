"""Screenshot of the documents page for the README: docs/screenshot-documents.png.

    .venv/bin/python tests/browser/screenshot.py [--db catalogue.db] [--out docs/screenshot-documents.png]
        [--search 义诊]

Starts Datasette on a free local port over the catalogue (read mode) and has headless
Chromium (/usr/bin/chromium) save the page.
"""
from __future__ import annotations

import argparse
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
    chromium([f"--screenshot={out}", f"--window-size={size}", url], profile)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=str(ROOT / "catalogue.db"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshot-documents.png"))
    ap.add_argument("--search", default="义诊")
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print("error: /usr/bin/chromium is absent; apt-get install -y chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, background(args.db, tmp) as base:
        name = Path(args.db).stem
        url = f"{base}/{name}/documents?_search={urllib.parse.quote(args.search)}&_col=title&_col=doc_number" \
              "&_col=issuer&_col=signed_date&_col=province"
        print(f"wrote {screenshot(url, Path(args.out), Path(tmp) / 'profile')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
