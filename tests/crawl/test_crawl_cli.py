"""The crawl subcommand: a summary on success, one actionable line on bad input, no tracebacks."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.crawl.cli import main

from .crawl_server import Site
from .crawl_sites import listing, notice


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(("argv", "needle"), [
    (["http://127.0.0.1:9/other/", "--scope", "http://127.0.0.1:9/tzgg/"], "outside every --scope"),
    (["not-a-url", "--scope", "http://127.0.0.1:9/"], "not an http(s) URL"),
    (["http://127.0.0.1:9/tzgg/", "--scope", "tzgg"], "--scope 'tzgg' is not an http(s) URL"),
    (["http://127.0.0.1:9/tzgg/"], "--scope"),
    (["http://127.0.0.1:9/tzgg/", "--scope", "http://127.0.0.1:9/", "--profile", "nope"], "choose one of"),
    (["http://127.0.0.1:9/tzgg/", "--scope", "http://127.0.0.1:9/", "--max-pages", "0"], "--max-pages"),
    (["http://127.0.0.1:9/tzgg/", "--scope", "http://127.0.0.1:9/", "--delay", "x"], "--delay"),
    (["http://127.0.0.1:9/tzgg/", "--scope", "http://127.0.0.1:9/", "--max-depth", "-1"], "--max-depth"),
    (["http://127.0.0.1:9/tzgg/", "--scope", "http://127.0.0.1:9/", "--max-per-host", "0"], "--max-per-host"),
], ids=["start-outside-scope", "start-not-url", "scope-not-url", "scope-missing", "unknown-profile",
        "zero-max-pages", "delay-not-number", "negative-max-depth", "zero-max-per-host"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          argv: list[str], needle: str) -> None:
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    err = _one_line_error(capsys)
    assert err.startswith("crawl: error:") and needle in err


def test_unwritable_out_dir_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    argv = ["http://127.0.0.1:9/tzgg/", "--scope", "http://127.0.0.1:9/", "--out", str(blocker / "out")]
    assert main(argv) == 2
    assert "choose another --out" in _one_line_error(capsys)


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--scope" in capsys.readouterr().out


def test_successful_crawl_prints_the_summary(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site.add("/tzgg/index.html", listing([("./t20200930_1.html", "通知")]))
    site.add("/tzgg/t20200930_1.html", notice("通知"))
    rc = main([site.url("/tzgg/index.html"), "--scope", site.url("/tzgg/"), "--out", str(tmp_path / "out"),
               "--delay", "0", "--profile", "trs", "--user-agent", "notice-pipeline/0.1 (+cli test)"])
    out = capsys.readouterr().out
    assert rc == 0 and "saved 1" in out and "skipped by robots 0" in out
    assert site.requests("/tzgg/index.html")[0]["user-agent"] == "notice-pipeline/0.1 (+cli test)"
