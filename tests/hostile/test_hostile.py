"""The hostile corpus ingested in one guarded batch with the seed notices: every bad file
records its problem code, every good one loads, nothing leaks into the catalogue."""
from __future__ import annotations

import pytest

from pipeline import cli
from pipeline.load import problems_report
from tests.hostile.conftest import SEEDS, build_catalogue
from tests.hostile.make_hostile import SECRET, SPECS, secret_path

NAMES = sorted(SPECS)


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_hostile_file_records_its_code(catalogue, name):
    spec = SPECS[name]
    codes = catalogue.codes[name]
    assert set(spec.codes) <= set(codes), f"{name}: expected {spec.codes}, recorded {codes}"
    surprises = [c for c in codes if c.startswith("E_") and c not in spec.codes]
    assert not surprises, f"{name}: unexpected errors {surprises}"
    assert (catalogue.documents[name] > 0) == spec.loads, f"{name}: {catalogue.documents[name]} documents"


def test_batch_loads_every_seed_and_records_every_bad_file(catalogue):
    seeds = sorted(p.name for p in SEEDS.iterdir())
    assert seeds and all(catalogue.documents[s] >= 1 and not catalogue.codes[s] for s in seeds)
    assert set(catalogue.documents) == set(SPECS) | set(seeds)  # one source row per file, none lost
    bad = [n for n, s in SPECS.items() if not s.loads]
    assert all(catalogue.codes[n] for n in bad)
    assert catalogue.summary.files == len(SPECS) + len(seeds)
    assert catalogue.query("PRAGMA integrity_check") == [("ok",)]


def test_no_guard_run_records_the_same_codes(hostile, tmp_path):
    """In-process (`--no-guard`), the readers themselves turn every hostile file into its code:
    nothing escapes as an exception (olefile's RecursionError included)."""
    unguarded = build_catalogue(hostile, tmp_path / "unguarded.db", guard=False)
    for name, spec in SPECS.items():
        assert set(spec.codes) <= set(unguarded.codes[name]), name
        assert (unguarded.documents[name] > 0) == spec.loads, name


@pytest.mark.parametrize(("name", "fmt"), [
    ("html_saved_as.pdf", "html"), ("docx_saved_as.doc", "docx"), ("zip_saved_as.doc", "zip"),
    ("excel_saved_as.doc", "xls"), ("binary.dat", "binary"), ("truncated_early.docx", "docx"),
], ids=["html-as-pdf", "docx-as-doc", "zip-as-doc", "ole-with-workbook-stream", "binary", "cut-off-docx"])
def test_format_is_sniffed_from_the_bytes(catalogue, name, fmt):
    assert catalogue.formats[name] == fmt


def test_entity_pointing_at_a_local_file_never_reaches_the_catalogue(catalogue, hostile):
    assert secret_path(hostile).read_text(encoding="utf-8") == SECRET  # the target exists and is readable
    blob = b"".join(p.read_bytes() for p in catalogue.db.parent.iterdir() if p.name.startswith(catalogue.db.name))
    for needle in (SECRET, "HOSTILE-SECRET"):
        assert needle.encode("utf-8") not in blob and needle.encode("utf-16-le") not in blob


def test_billion_laughs_is_refused_before_expansion(catalogue):
    assert "哈哈哈哈" not in "".join(r[0] or "" for r in catalogue.query("SELECT raw_text FROM sources"))


@pytest.mark.parametrize("name", ["deep.html", "deep_inline.html"])
def test_text_after_5000_nested_elements_is_in_the_catalogue(catalogue, name):
    text = catalogue.text_of(name)
    assert "请于2013年10月8日前报送" in text and "深层之后的文字" in text


def test_markup_shown_as_text_is_stored_as_text(catalogue):
    text = catalogue.text_of("script.html")
    assert "<script>alert('x')</script>" in text and "onerror=alert(1)" in text


def test_characters_outside_gbk_survive_in_a_gb2312_page(catalogue):
    assert "关于㐀𠀀字库的通知" in catalogue.text_of("outside_gbk.html")


@pytest.mark.parametrize(("name", "expected"), [
    ("wrong_charset.html", "关于开展义诊活动的通知"),
    ("latin1_declared.html", "请于2013年10月8日前报送"),
    ("invalid_bytes.html", "各市卫生局"),
    ("invalid_utf8.txt", "现将方案印发给你们"),
    ("utf16be.txt", "现将方案印发给你们"),
    ("idna_charset.html", "请于2013年10月8日前报送"),
], ids=["gbk-declared-utf8", "gbk-declared-latin1", "stray-bytes-in-gbk", "stray-bytes-in-utf8", "utf16-big-endian",
        "charset-no-page-uses"])
def test_damaged_or_misdeclared_text_keeps_its_best_decoding(catalogue, name, expected):
    assert expected in catalogue.text_of(name)


def test_problems_command_lists_codes_with_counts_and_example_files(catalogue, capsys):
    assert cli.main(["problems", "--db", str(catalogue.db)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == problems_report(str(catalogue.db))
    lines = out.splitlines()
    total = catalogue.query("SELECT count(*) FROM problems")[0][0]
    by_code = dict(catalogue.query("SELECT code, count(*) FROM problems GROUP BY code"))
    assert lines[0] == f"{total} problems, {len(by_code)} codes"
    for name, spec in SPECS.items():
        for code in spec.codes:
            line = next(ln for ln in lines if ln.startswith(f"{code}  "))
            assert line.startswith(f"{code}  {by_code[code]} in ")
            assert name in line or "more)" in line, line
    assert all(ln.startswith("    e.g. ") for ln in lines[2::2])
