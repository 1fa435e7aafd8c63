"""A command that reads nothing says why on stderr (the problem code ingest stores) and exits 1."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "关于开展义诊活动的通知\n各市卫生局：\n请认真落实。".encode()
UNREADABLE = {
    "empty.txt": (b"", "E_FILE_EMPTY"),
    "truncated.docx": (b"PK\x03\x04\x14\x00\x00\x00garbage", "E_DOCX_UNREADABLE"),
    "picture.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "E_IMAGE_UNREADABLE"),  # a broken image
    "blank.txt": (b"  \n\n  \n", "W_EMPTY_PAGE"),
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("command", ["extract", "text"])
@pytest.mark.parametrize("name", list(UNREADABLE), ids=[n.replace(".", "-") for n in UNREADABLE])
def test_an_unreadable_file_alone_is_an_error_with_its_code(tmp_path, command, name):
    data, code = UNREADABLE[name]
    (tmp_path / name).write_bytes(data)
    res = run(command, str(tmp_path / name))
    assert res.returncode == 1
    assert res.stderr.startswith(f"error: {code}: {tmp_path / name}")


@pytest.mark.parametrize("command", ["extract", "text"])
def test_an_unreadable_file_beside_a_readable_one_is_reported_and_the_run_succeeds(tmp_path, command):
    (tmp_path / "a.txt").write_bytes(NOTICE)
    (tmp_path / "b.docx").write_bytes(UNREADABLE["truncated.docx"][0])
    res = run(command, str(tmp_path))
    assert res.returncode == 0
    assert res.stderr == f"skipped: E_DOCX_UNREADABLE: {tmp_path / 'b.docx'}: damaged .docx " \
                         "(BadZipFile: File is not a zip file); re-save it in Word or get a new copy\n"
    assert "义诊" in res.stdout


def test_a_readable_file_prints_nothing_on_stderr(tmp_path):
    (tmp_path / "a.txt").write_bytes(NOTICE)
    res = run("extract", str(tmp_path / "a.txt"))
    assert (res.returncode, res.stderr) == (0, "")
