"""Many sources per commit: each source still all or nothing, nothing written is lost."""
from __future__ import annotations

import sqlite3

import pytest

from pipeline import load
from pipeline.catalogue.rows import source_rows
from tests.catalogue.conftest import NOTICE, doc, notice_found


def rows_of(name: str):
    text = NOTICE.replace("卫生", name[:1] + "卫生", 1)
    return source_rows(name, 1, [doc(text, name, notice_found(text))], "sig", None)


def reader(path) -> int:
    """How many sources another connection (Datasette) sees committed."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM sources").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def writer(tmp_path):
    path = tmp_path / "c.db"
    conn = load.open_catalogue(path, writer=True)
    yield conn, path
    conn.close()


def write(conn, batch, name):
    with batch.source():
        load.write_source(conn, rows_of(name))


@pytest.mark.parametrize(("size", "written", "seen"), [(3, 2, 0), (3, 3, 3), (3, 7, 6), (1, 2, 2)])
def test_commits_every_n_sources(writer, size, written, seen):
    conn, path = writer
    with load.Batch(conn, sources=size, seconds=3600) as batch:
        for i in range(written):
            write(conn, batch, f"s{i}.txt")
        assert reader(path) == seen
    assert reader(path) == written


def test_commits_when_the_batch_is_old_enough(writer):
    conn, path = writer
    with load.Batch(conn, sources=1000, seconds=0.0) as batch:
        write(conn, batch, "a.txt")
        assert reader(path) == 1


def test_a_failing_source_is_rolled_back_alone(writer):
    conn, path = writer
    bad = rows_of("bad.txt")
    bad["documents"] = [bad["documents"][0], bad["documents"][0]]  # the same primary key twice
    with load.Batch(conn, sources=100) as batch:
        write(conn, batch, "a.txt")
        with pytest.raises(sqlite3.IntegrityError), batch.source():
            load.write_source(conn, bad)
        write(conn, batch, "b.txt")
    paths = {r[0] for r in sqlite3.connect(path).execute("SELECT path FROM sources")}
    assert paths == {"a.txt", "b.txt"}
    assert sqlite3.connect(path).execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_an_interrupted_batch_keeps_every_whole_source(writer):
    conn, path = writer
    with pytest.raises(KeyboardInterrupt), load.Batch(conn, sources=100) as batch:
        write(conn, batch, "a.txt")
        write(conn, batch, "b.txt")
        raise KeyboardInterrupt
    assert reader(path) == 2
