"""The bench runner, its measurements and its tables (figures are printed, never asserted)."""
from __future__ import annotations

import json

import pytest

from bench import measure, report, run


def fake_results(naive_s: float = 50.0, w2_s: float = 8.0, w1_s: float = 14.0) -> dict:
    def runs(wall, rss=150.0):
        return [{"wall_s": wall, "cpu_s": wall * 1.5, "maxrss_mb": rss}]

    return {"docs": 1000, "rounds": 1, "seed": 9, "small_docs": 250, "cores": 2, "corpus_mb": 15.0,
            "encodings": {"utf-8": 500, "gbk": 300, "gb18030": 200}, "traditional": 120, "notices": 53,
            "load_before": [0.1, 0.1, 0.1], "load_after": [1.0, 1.0, 1.0],
            "runs": {"naive": runs(naive_s), "w2": runs(w2_s), "w1": runs(w1_s), "reingest": runs(0.1),
                     "small_w2": runs(2.0, rss=148.0)},
            "startup_s": [0.5], "catalogue_mb": [80.0], "naive_db_mb": [40.0], "documents": 1000,
            "profiled_pages": 200,
            "stages": [{"stage": "read (bytes, decode, parse)", "mean_ms": 1.0, "p50_ms": 0.9, "p95_ms": 2.0,
                        "share": 0.6},
                       {"stage": "normalize", "mean_ms": 0.7, "p50_ms": 0.6, "p95_ms": 1.0, "share": 0.4},
                       {"stage": "segmentation (jieba.lcut; reference, naive path)", "mean_ms": 12.0,
                        "p50_ms": 11.0, "p95_ms": 20.0, "share": 0.0}]}


def test_report_marks_met_targets():
    text = report.render(fake_results())
    assert "| real ingest (2 workers) ÷ naive, pages/s | 6.2× | ≥ 5× | met |" in text
    assert "| re-ingest of the unchanged corpus ÷ full ingest | 1.2%" in text
    assert "**missed**" not in text  # segmentation's 12 ms is outside the per-stage target


def test_report_marks_missed_targets():
    text = report.render(fake_results(naive_s=20.0, w1_s=9.0))
    assert "| 2.5× | ≥ 5× | **missed** |" in text
    assert "| 1.12× | ≥ 1.7× | **missed** |" in text


def test_measured_child_reports_time_cpu_and_memory():
    r = measure.run(["-c", "x = bytearray(60_000_000); print(len(x))"])
    assert r.returncode == 0 and r.stdout.strip() == "60000000"
    assert r.maxrss_mb > 55 and r.wall_s > 0


def test_failed_child_raises_with_its_stderr():
    with pytest.raises(measure.RunFailed, match="boom"):
        measure.run(["-c", "import sys; sys.exit('boom')"])


def test_runner_refuses_a_corpus_too_small(capsys):
    assert run.main(["--docs", "2"]) == 2
    assert "--docs must be at least 5" in capsys.readouterr().err


@pytest.mark.slow
def test_smoke_mode_completes_and_prints_the_tables(tmp_path, capsys):
    assert run.main(["--smoke", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for heading in ("## Benchmark: 40 pages × 1 round(s)", "| naive baseline", "| `pipeline ingest --workers 2` |",
                    "| `pipeline ingest --workers 1` |", "| re-ingest of the unchanged corpus", "| peak RSS, 10 → 40",
                    "Per-stage CPU cost", "| load: write", "| segmentation"):
        assert heading in out
    saved = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert saved["documents"] > 0 and len(saved["runs"]["w2"]) == 1
    assert (tmp_path / "results.md").read_text(encoding="utf-8") == out.rstrip("\n") + "\n"
