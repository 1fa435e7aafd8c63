"""manifest(out_dir): provenance of every saved file, for the ingest side."""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.crawl import Manifest, SavedFile, manifest

from .crawl_runner import Runner
from .crawl_server import Site
from .crawl_sites import PDF, TRS_SAVED, build_trs, host_dir


def _crawled(site: Site, crawl: Runner) -> Manifest:
    urls = build_trs(site)
    crawl([urls["start"]], [urls["scope"]])
    return manifest(crawl.out)


def test_manifest_lists_every_saved_file_by_relative_path(site: Site, crawl: Runner) -> None:
    m = _crawled(site, crawl)
    assert set(m) == {f"{host_dir(site)}/{rel}" for rel in TRS_SAVED}
    assert all((crawl.out / rel).is_file() for rel in m)


def test_attachment_points_at_its_notice(site: Site, crawl: Runner) -> None:
    m = _crawled(site, crawl)
    entry = m[f"{host_dir(site)}/tzgg/P020200930.pdf"]
    assert entry == SavedFile(
        path=f"{host_dir(site)}/tzgg/P020200930.pdf", url=site.url("/tzgg/P020200930.pdf"),
        referrer_url=site.url("/tzgg/t20200930_123456.html"),
        referrer_path=f"{host_dir(site)}/tzgg/t20200930_123456.html", fetched_at="2024-03-01T08:00:00Z",
        status=200, content_type="application/pdf", etag=None, last_modified="Wed, 30 Sep 2020 08:00:00 GMT",
        content_length=len(PDF), sha256=hashlib.sha256(PDF).hexdigest(), kind="attachment", sniffed="pdf",
        type_mismatch=None)


def test_notice_from_a_listing_has_no_referrer_path(site: Site, crawl: Runner) -> None:
    entry = _crawled(site, crawl)[f"{host_dir(site)}/tzgg/t20200930_123456.html"]
    assert (entry.kind, entry.referrer_url, entry.referrer_path) == ("notice", site.url("/tzgg/index.html"), None)


def test_absolute_paths_and_path_objects_work_as_keys(site: Site, crawl: Runner) -> None:
    m = _crawled(site, crawl)
    absolute = crawl.out.resolve() / host_dir(site) / "tzgg" / "P020200930.doc"
    assert m[str(absolute)].url == site.url("/tzgg/P020200930.doc")
    assert absolute in m and m.get(absolute) is not None
    assert m.get(Path("/elsewhere/P020200930.doc")) is None


def test_sha256_in_manifest_matches_file_on_disk(site: Site, crawl: Runner) -> None:
    m = _crawled(site, crawl)
    assert all(hashlib.sha256((crawl.out / rel).read_bytes()).hexdigest() == e.sha256 for rel, e in m.items())


def test_manifest_of_a_folder_without_crawl_state_is_empty(tmp_path: Path) -> None:
    assert manifest(tmp_path) == {}
