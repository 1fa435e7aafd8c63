"""The command line, run as a user runs it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.record import FIELDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_help_lists_the_commands():
    out = run("--help").stdout
    for command in ("extract", "ingest", "text", "explain", "problems", "export", "crawl"):
        assert command in out


def test_extract_prints_one_record_per_document_with_every_field():
    res = run("extract", str(SEEDS / "000_cb340e0c62e433f2.txt"), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(records) == 1
    assert set(records[0]) == {"source", *FIELDS}


def test_extract_walks_folders_recursively(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "n.txt").write_text("关于开展义诊活动的通知\n各市卫生局：\n请认真落实。", encoding="utf-8")
    res = run("extract", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert [json.loads(x)["source"] for x in res.stdout.splitlines()] == [str(nested / "n.txt")]


def test_extract_evidence_gives_span_rule_and_version():
    res = run("extract", "--evidence", str(SEEDS / "000_cb340e0c62e433f2.txt"))
    rec = json.loads(res.stdout.splitlines()[0])
    ev = rec["evidence"]
    assert ev, "no evidence at all"
    one = next(iter(ev.values()))[0]
    assert {"start", "end", "text", "rule", "extractor", "raw_start", "raw_end"} <= set(one)
    assert ".v" in one["extractor"]


def test_extract_reads_gb18030(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("关于印发方案的通知\n晋卫办医政〔2013〕84号\n".encode("gb18030"))
    res = run("extract", str(path))
    assert res.returncode == 0
    assert json.loads(res.stdout)["doc_number"] == "晋卫办医政〔2013〕84号"


@pytest.mark.parametrize("args", [("extract", "no/such/file.txt"), ("problems", "--db", "no-such.db")],
                         ids=["extract-missing-path", "problems-missing-db"])
def test_user_errors_are_one_line(args):
    res = run(*args)
    assert res.returncode == 2
    assert res.stderr.startswith("error: ") and res.stderr.count("\n") == 1


def test_text_shows_normalized_and_raw():
    norm = run("text", str(SEEDS / "000_cb340e0c62e433f2.txt")).stdout
    raw = run("text", "--raw", str(SEEDS / "000_cb340e0c62e433f2.txt")).stdout
    assert "晋卫办医政〔2013〕84号" in norm and "晋卫办医政〔2013〕84号" in raw


def test_explain_marks_the_winner():
    res = run("explain", str(SEEDS / "000_cb340e0c62e433f2.txt"), "--field", "doc_number")
    assert res.returncode == 0
    assert "WIN " in res.stdout


def test_ingest_builds_a_catalogue_and_prints_a_summary(tmp_path):
    db = tmp_path / "c.db"
    res = run("ingest", str(SEEDS), "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert db.exists()
    assert "documents" in res.stdout
