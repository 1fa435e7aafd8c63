"""The distributed mode on a local two-worker Dask cluster gives the one-machine catalogue."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline import distributed
from pipeline.distributed import Shard, distribute, plan, run_shard
from pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = "corpus/seeds"
RUN_COLUMNS = ("run_id",)  # which run wrote a row: differs between any two runs by design
COMPARED = ("sources", "documents", "documents_search", "extractions", "problems", "quotas", "dates",
            "document_orgs", "sections", "citations", "attachments", "contacts", "directives")


def rows(db: Path, table: str) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        key = "search_key" if table == "documents_search" else ("path" if table == "sources" else "id")
        return [{k: r[k] for k in r.keys() if k not in RUN_COLUMNS}
                for r in conn.execute(f"SELECT * FROM [{table}] ORDER BY [{key}]")]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture(autouse=True)
def at_project_root(monkeypatch):
    # catalogue keys are paths relative to the working folder, as under `make ingest`
    monkeypatch.chdir(ROOT)


@pytest.mark.slow
def test_catalogue_equals_one_machine_ingest(tmp_path, client):
    one, dist = tmp_path / "one.db", tmp_path / "dist.db"
    ingest([SEEDS], str(one), workers=1)
    summary = distribute([SEEDS], tmp_path / "shards", db=str(dist), client=client, shard_files=2)
    assert (summary.shards, summary.skipped, summary.files) == (3, 0, 5)
    assert rows(dist, "documents"), "the seeds gave no documents"
    for table in COMPARED:
        assert rows(dist, table) == rows(one, table), table


@pytest.mark.slow
def test_rerun_skips_finished_shards_and_changes_nothing(tmp_path, client):
    shards, db = tmp_path / "shards", tmp_path / "dist.db"
    distribute([SEEDS], shards, db=str(db), client=client, shard_files=2)
    written = {p.name: p.stat().st_mtime_ns for p in shards.iterdir()}
    before = rows(db, "documents")
    again = distribute([SEEDS], shards, db=str(db), client=client, shard_files=2)
    assert (again.shards, again.skipped, again.documents) == (3, 3, 0)
    assert {p.name: p.stat().st_mtime_ns for p in shards.iterdir()} == written
    assert rows(db, "documents") == before
    assert "5 unchanged" in again.merged


@pytest.mark.slow
def test_changed_file_reruns_only_its_shard(tmp_path, client):
    inputs = tmp_path / "in"
    shutil.copytree(ROOT / SEEDS, inputs)
    first = distribute([str(inputs)], tmp_path / "shards", client=client, shard_files=2)
    last = sorted(inputs.iterdir())[-1]
    last.write_bytes(last.read_bytes() + "\n附件：补充说明\n".encode())
    second = distribute([str(inputs)], tmp_path / "shards", client=client, shard_files=2)
    assert (first.skipped, second.skipped, second.shards) == (0, 2, 3)


@pytest.mark.slow
def test_cli_runs_its_own_local_cluster(tmp_path, capsys):
    code = distributed.main([SEEDS, "--shards-dir", str(tmp_path / "s"), "--local-workers", "2",
                             "--db", str(tmp_path / "c.db"), "--shard-files", "3"])
    assert code == 0
    assert capsys.readouterr().out.startswith("5 files in 2 shards (2 run, 0 already done)")


def test_cli_names_a_missing_input(tmp_path, capsys):
    assert distributed.main(["no/such/folder", "--shards-dir", str(tmp_path)]) == 2
    assert "no such file or folder: no/such/folder" in capsys.readouterr().err


def test_failed_task_leaves_no_shard_behind(tmp_path, monkeypatch):
    shard = plan([SEEDS], shard_files=5)[0]
    calls = []

    def explode_on_second(ref):
        calls.append(ref)
        if len(calls) == 2:
            raise MemoryError("worker killed")
        return {"key": ref.key, "mtime_ns": ref.mtime_ns, "extra": [], "docs": []}

    monkeypatch.setattr(distributed, "source_record", explode_on_second)
    with pytest.raises(MemoryError):
        run_shard(shard, str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_shard_name_follows_size_mtime_and_signature(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("关于开展义诊活动的通知", encoding="utf-8")
    name = plan([tmp_path])[0].name
    assert plan([tmp_path])[0].name == name
    f.write_text("关于开展义诊活动的通知。", encoding="utf-8")
    assert plan([tmp_path])[0].name != name
    ref = plan([tmp_path])[0].files
    assert distributed.shard_name(ref, "other-signature") != distributed.shard_name(ref, distributed.signature())


def test_shard_file_round_trips_the_documents(tmp_path):
    shard: Shard = plan([SEEDS], shard_files=5)[0]
    result = run_shard(shard, str(tmp_path))
    records = list(distributed.read_shard(tmp_path / shard.name))
    assert [r["key"] for r in records] == [f.key for f in shard.files]
    assert sum(len(r["docs"]) for r in records) == result.documents
    assert run_shard(shard, str(tmp_path)).skipped


@pytest.mark.slow
def test_failed_shard_is_reported_and_the_others_are_merged(tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    real = distributed.source_record

    def fail_on_one_file(ref):
        if ref.key.endswith(sorted((ROOT / SEEDS).iterdir())[0].name):
            raise MemoryError("worker killed")
        return real(ref)

    monkeypatch.setattr(distributed, "source_record", fail_on_one_file)
    # threads, not processes: the monkeypatched function must be the one the task calls
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        summary = distribute([SEEDS], tmp_path / "shards", db=str(tmp_path / "c.db"), client=c, shard_files=2)
    assert len(summary.failed) == 1 and "MemoryError: worker killed" in summary.failed[0]
    assert "1 shard(s) FAILED" in summary.line()
    assert len(rows(tmp_path / "c.db", "sources")) == 3


def test_corrupt_shard_names_the_fix(tmp_path):
    shard = plan([SEEDS], shard_files=5)[0]
    (tmp_path / shard.name).write_bytes(b"not gzip")
    with pytest.raises(distributed.DistributeError, match="delete it and run again"):
        list(distributed.read_shard(tmp_path / shard.name))
