"""`make ingest` over what the crawler saved: provenance kept, attachments linked to notices."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.ingest import ingest

from .crawl_runner import FakeClock, Runner
from .crawl_server import Site
from .crawl_sites import build_trs


def test_ingest_keeps_url_fetch_time_and_links_attachments(tmp_path: Path, monkeypatch) -> None:
    site = Site()
    site.thread.start()
    try:
        urls = build_trs(site)
        runner = Runner(out=tmp_path / "raw", clock=FakeClock())
        runner([urls["start"]], [urls["scope"]])
    finally:
        site.stop()
    monkeypatch.chdir(tmp_path)
    ingest(["raw"], "cat.db", workers=1)
    db = sqlite3.connect("cat.db")
    rows = db.execute("SELECT path, url, referrer, fetched_at FROM sources").fetchall()
    assert rows and all(url and url.startswith("http://127.0.0.1") and fetched for _, url, _, fetched in rows)
    paths = {p for p, *_ in rows}
    attachments = [(p, ref) for p, _, ref, _ in rows if p.endswith((".doc", ".pdf"))]
    assert attachments and all(ref in paths for _, ref in attachments), attachments
