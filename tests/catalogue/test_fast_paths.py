"""The ingest's fast paths give what the plain definitions give.

Search spacing without a regex substitution per character, NFKC by folding the usual
characters first, extractor ids read from the registry's source, the file walk on
os.scandir, source keys on strings, rows as tuples for one prepared statement per
table; and a re-ingest of an unchanged corpus that imports no reader or extractor.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import ingest as ingest_mod
from pipeline import load
from pipeline.catalogue.columns import CHILD_TABLES, COLUMNS, as_dicts
from pipeline.catalogue.fts import nfkc, spaced, spaced_reference
from pipeline.catalogue.keys import source_key
from pipeline.catalogue.rows import source_rows
from pipeline.files import _skipped, iter_files
from tests.catalogue.conftest import NOTICE, ROOT, SEEDS, count, doc, found, notice_found

SHARED_DEV = ROOT.parent / "shared" / "corpus" / "dev"
TRICKY = [
    "", "各地要组织开展义诊活动，每个县不少于2000人次。", "ＡＢＣ１２３　（全角）：；！？", "①②⑳⑴⒈㈠㈩Ⅻⅻ…",
    "ｶﾞｷﾞ ﾊﾟ", "ㄱㅏ ᄀ\u1161 가\u11a8", "e\u0301 a\u0323\u0302 \u00e9\u0327", "\u00a0nbsp\u2002en", "𠀀𪚥 豈 ︵︶ ﹝﹞",
    "⼀⺠ 〔2013〕84号", "Report on COVID-19 接种 2021", "\ufb01 ﬃ ℃ ㎡ ㍻", "\u3099\u309a か\u3099",
    "x\u0308\u0301\uff41\u0301", "\ud7a3\u11a8 \u1100\u1161\u11a8",
]


def _corpus_texts() -> list[str]:
    """Raw and normalized texts of the bundled seeds (and up to 40 shared dev files when present)."""
    from pipeline.read import read_file
    from pipeline.stages import process

    paths = list(iter_files([SEEDS]))
    if SHARED_DEV.is_dir():
        paths += list(iter_files([SHARED_DEV]))[:40]
    texts = []
    for path in paths:
        raw = read_file(path)
        texts.append(raw.raw_text)
        for d in process([raw]):
            texts += [d.text, d.original_text, *(str(f.value) for f in d.found)]
    return texts


def test_spacing_is_the_reference_spacing_on_the_corpus():
    texts = _corpus_texts() + TRICKY
    assert len(texts) > 50
    for text in texts:
        assert spaced(text) == spaced_reference(text)
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("".join(TRICKY) + "\u0300\u0327\u3000\uff0c\n\t 0aZ"), max_size=40)
       | st.text(max_size=40))
def test_spacing_is_the_reference_spacing_on_any_text(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
    assert spaced(text) == spaced_reference(text)


def test_extractor_ids_read_from_the_registry_source_are_the_registry():
    from extractors import REGISTRY

    assert ingest_mod._declared_ids(ingest_mod.EXTRACTORS_DIR / "__init__.py") == [e.id for e in REGISTRY]
    assert ingest_mod.signature() == ";".join([load.LOADER_VERSION, *(e.id for e in REGISTRY)])


def test_a_registry_entry_written_otherwise_falls_back_to_importing(tmp_path):
    init = tmp_path / "__init__.py"
    init.write_text('R = (Extractor("a", 1, (), (), f), Extractor(NAME, VERSION, (), (), g))\n', encoding="utf-8")
    assert ingest_mod._declared_ids(init) is None
    init.write_text('R = (Extractor("a", 1, (), (), f), Extractor("b", 12, (), (), g))\n', encoding="utf-8")
    assert ingest_mod._declared_ids(init) == ["a.v1", "b.v12"]
    assert ingest_mod._declared_ids(tmp_path / "missing.py") is None


def _rglob_files(paths) -> list[Path]:
    """What iter_files gave before it walked with os.scandir."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) and not _skipped(f):
                    out.append(f)
        else:
            out.append(p)
    return out


def test_the_file_walk_is_the_sorted_rglob_walk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "c"
    names = ["a/x.html", "a/.hidden.html", "a-b.txt", "a.txt", "B.txt", "b/c/d.pdf", ".git/x.txt", "a/b/.h/y.txt",
             "notes.README.md", "PROVENANCE.tsv", "x.json", "x.jsonl", "data.db", "ok.", "dot.json.txt", "z/crawl.sqlite",
             "中文/通知.html", "b/c/e", "Z.HTML"]
    for n in names:
        (root / n).parent.mkdir(parents=True, exist_ok=True)
        (root / n).write_text("x", encoding="utf-8")
    (root / "link-to-a").symlink_to(root / "a", target_is_directory=True)
    (root / "link.txt").symlink_to(root / "a.txt")
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    for given_paths in (["c"], [str(root)], ["c/a", "c/a.txt", "c"], ["c/b/"]):
        assert list(iter_files(given_paths)) == _rglob_files(given_paths)
    assert "c/link.txt" in map(str, iter_files(["c"])) and "c/link-to-a/x.html" not in map(str, iter_files(["c"]))


def test_plan_keys_are_source_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = [Path("c/x.txt"), Path("x"), Path("."), tmp_path / "c" / "y.txt", tmp_path, Path("/elsewhere/z.txt"),
             Path("../up/z.txt"), Path(str(tmp_path) + "/../t/x"), Path("//net/x"), Path("c/./d//e.txt")]
    key = ingest_mod._keyer()
    assert [key(p) for p in paths] == [source_key(p) for p in paths]


def test_columns_are_the_schema_columns(db):
    for table, cols in COLUMNS.items():
        schema = [r[1] for r in db.execute(f"PRAGMA table_info([{table}])")]
        assert sorted(cols) == sorted(schema), table
    assert set(CHILD_TABLES) | {"sources"} == set(COLUMNS)


def test_rows_are_tuples_in_column_order():
    d = doc(NOTICE, "a.txt", notice_found(NOTICE))
    rows = source_rows("a.txt", 1, [d], "sig")
    for table, rs in rows.items():
        assert all(isinstance(r, tuple) and len(r) == len(COLUMNS[table]) for r in rs), table
    documents = as_dicts(rows, "documents")
    assert documents[0]["title"] == NOTICE.split("\n")[0] and documents[0]["source"] == "a.txt"
    assert as_dicts(rows, "sources")[0]["documents"] == 1


def test_a_value_sqlite_cannot_bind_is_stored_as_json_in_one_transaction(db):
    text = "一、总体要求\n各地要开展义诊。"
    sections = [found(text, "section", {"path": {"odd": 1}, "marker": "一、", "level": 1, "heading": "总体要求"},
                      "一、总体要求")]
    d = doc(text, "odd.txt", sections + [found(text, "title", "总体要求")])
    load.write_source(db, source_rows("odd.txt", 1, [d], "sig"))
    assert db.execute("SELECT path, heading FROM sections").fetchall() == [('{"odd": 1}', "总体要求")]
    assert count(db, "documents") == 1 and count(db, "sources") == 1


def test_a_failed_write_leaves_the_source_as_it_was(tmp_path):
    conn = load.open_catalogue(tmp_path / "w.db", writer=True)
    d = doc(NOTICE, "a.txt", notice_found(NOTICE))
    rows = source_rows("a.txt", 1, [d], "sig")
    load.write_source(conn, rows)
    before = {t: count(conn, t) for t in ("sources", *CHILD_TABLES)}
    bad = dict(rows, extractions=rows["extractions"] + rows["extractions"][:1])  # a duplicate id
    with pytest.raises(sqlite3.IntegrityError):
        load.write_source(conn, bad)
    assert not conn.in_transaction
    assert {t: count(conn, t) for t in ("sources", *CHILD_TABLES)} == before
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == load.WRITER_WAL_PAGES
    load.close(conn)


def test_the_plan_reads_sources_through_the_covering_index(db):
    plan = db.execute("EXPLAIN QUERY PLAN SELECT path, sha256, bytes, mtime_ns, extractors FROM sources").fetchall()
    assert "COVERING INDEX sources_plan" in plan[0][-1]


HEAVY = ("lxml", "extractors", "pipeline.read", "pipeline.stages", "pipeline.extract", "sqlite_utils", "opencc",
         "pipeline.catalogue.rows", "pipeline.guard", "tqdm")


def test_reingest_of_an_unchanged_corpus_imports_no_reader_or_extractor(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.txt").write_text(f"第{i}号通知\n" + NOTICE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["ingest", "c", "--db", "cat.db", "--workers", "1"]
    script = ("import sys; from pipeline.cli import main; code = main(sys.argv[1:]); "
              f"print(sorted(m for m in sys.modules if m.split('.')[0] in {{'lxml', 'extractors', 'sqlite_utils', "
              f"'opencc', 'tqdm'}} or m in {HEAVY!r}))")
    first = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "3 new/changed" in first.stdout and "'extractors'" in first.stdout  # a real ingest does import them
    again = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, env=env, capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "(0 new/changed, 3 unchanged)" in again.stdout
    assert again.stdout.strip().splitlines()[-1] == "[]"


def test_the_stages_load_without_the_word_and_pdf_stacks(tmp_path):
    """`_load_stages` (what each worker inherits) leaves python-docx, pypdfium2 and olefile to the
    first file of their format; such a file is then read as before."""
    import docx

    path = tmp_path / "notice.docx"
    d = docx.Document()
    d.add_paragraph("关于开展义诊活动的通知")
    d.save(path)
    script = ("import sys\nfrom pipeline import ingest\ningest._load_stages()\n"
              "heavy = ('docx', 'pypdfium2', 'pdfplumber', 'olefile')\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
              "from pipeline.read import read_file\n"
              f"doc = read_file({str(path)!r})\n"
              "print(doc.source.format, '义诊' in doc.raw_text, 'docx' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["[]", "docx True True"]
