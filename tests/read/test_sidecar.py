"""Crawl records beside the files: their headline and date reach the extractors, ranked last."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.commands import extract_records

BODY = "<html><body><div><p>各区卫生局：</p><p>现将有关事项通知如下，请于2020年10月30日前报送。</p><p>北京市中医管理局</p><p>2020年10月9日</p></div></body></html>"
HEADER = "relative_path\tsource\tdescription\n"


def write(tmp_path: Path, description: str, body: str = BODY) -> Path:
    (tmp_path / "html").mkdir()
    page = tmp_path / "html" / "n.html"
    page.write_text(body, encoding="utf-8")
    (tmp_path / "PROVENANCE.tsv").write_text(HEADER + f"html/n.html\tcrawl\t{description}\n", encoding="utf-8")
    return page


def test_record_gives_title_and_published_date(tmp_path):
    page = write(tmp_path, "fragment; title=关于开展培训的通知; date=2020-10-09; source=北京市中医管理局; url=http://x/")
    rec = next(extract_records([str(page)], evidence=True))
    assert rec["title"] == "关于开展培训的通知" and rec["published_date"] == "2020-10-09"
    assert rec["evidence"]["published_date"][0]["text"] == "2020-10-09"


def test_page_values_outrank_the_record(tmp_path):
    body = BODY.replace("<div>", "<div><p>发布日期：2020-10-12</p>", 1)
    page = write(tmp_path, "title=关于开展培训的通知; date=2020-10-09", body)
    assert next(extract_records([str(page)]))["published_date"] == "2020-10-12"


@pytest.mark.parametrize("description", ["no pairs here", ""], ids=["no-pairs", "empty"])
def test_file_without_a_record_reads_as_before(tmp_path, description):
    page = write(tmp_path, description)
    assert next(extract_records([str(page)]))["published_date"] is None
