"""Extraction work grows linearly with a document's length (issue 17).

Every step whose work grew with the square of the length (an outline lookup per quota over
every section, a line list rebuilt from each contact label to the end of the text, a date
checked against every date before it) lost long documents (a law compilation, a 50,000
paragraph .docx) to E_PARSE_TIMEOUT. The work is counted, not timed: the Python calls that
reading, the stages and the record make for a notice repeated R and 2R times.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.read import read_file
from pipeline.record import to_record
from pipeline.stages import process

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seeds" / "000_cb340e0c62e433f2.txt"
REPEATS = 40  # ~127k characters; the doubled document ~255k
LINEAR_BOUND = 3.0  # linear work doubles (2.0); quadratic work nearly quadruples


def _calls(path: Path) -> int:
    """Python function calls made reading, processing and recording `path`."""
    calls = 0

    def count(_frame, event, _arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        for doc in process([read_file(path)]):
            to_record(doc, evidence=True)
    finally:
        sys.setprofile(None)
    return calls


def _write(tmp_path: Path, name: str, repeats: int, one_line: bool) -> Path:
    text = SEED.read_text(encoding="utf-8") * repeats
    path = tmp_path / name
    path.write_text(text.replace("\n", " ") if one_line else text, encoding="utf-8")
    return path


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one-line"])
def test_extraction_work_is_linear_in_length(tmp_path, one_line):
    small = _calls(_write(tmp_path, "n.txt", REPEATS, one_line))
    large = _calls(_write(tmp_path, "2n.txt", 2 * REPEATS, one_line))
    assert large < LINEAR_BOUND * small, f"{small} calls for R repeats, {large} for 2R"


LONG_CHARS = 2_000_000
HANG_GUARD_S = 120  # 18 s at load 10 on the 2-core machine; 263 s before the fix


@pytest.mark.slow
def test_a_two_million_character_document_is_extracted(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    path = tmp_path / "compilation.txt"
    path.write_text((seed * (LONG_CHARS // len(seed) + 1))[:LONG_CHARS], encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=HANG_GUARD_S)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.count("\n") >= 1
