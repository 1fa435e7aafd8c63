"""File names from URLs and servers never escape the output folder."""
from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from pipeline.crawl.errors import CrawlError
from pipeline.crawl.store import (
    disposition_filename,
    relative_path,
    resolve_inside,
    sanitize_segment,
    with_counter,
)


@pytest.mark.parametrize(("name", "expected"), [
    ("..", "_"),
    (".", "_"),
    ("...", "_"),
    ("a/b", "a_b"),
    ("a\\b", "a_b"),
    ("x\x00y\n.doc", "xy.doc"),
    ("CON.txt", "_CON.txt"),
    ("附件1：名单.doc", "附件1：名单.doc"),
    ('what?*"<>|.pdf', "what______.pdf"),
    (" .hidden", "hidden"),
], ids=["dotdot", "dot", "dots", "slash", "backslash", "control-chars", "windows-reserved", "chinese-kept",
        "reserved-chars", "leading-dot"])
def test_sanitize_segment(name: str, expected: str) -> None:
    assert sanitize_segment(name) == expected


def test_long_names_are_cut_but_keep_suffix_and_stay_distinct() -> None:
    a, b = sanitize_segment("长" * 200 + "a.pdf"), sanitize_segment("长" * 200 + "b.pdf")
    assert a.endswith(".pdf") and len(a.encode()) <= 150 and a != b


@pytest.mark.parametrize(("url", "fmt", "disposition", "expected"), [
    ("http://h/tzgg/t1.html", "html", None, "h/tzgg/t1.html"),
    ("http://h:8080/tzgg/", "html", None, "h_8080/tzgg/index.html"),
    ("http://h/show.jsp?id=5", "html", None, "h/show_0d94b291.jsp.html"),
    ("http://h/tzgg/%E9%99%84%E4%BB%B6.doc", "doc", None, "h/tzgg/附件.doc"),
    ("http://h/tzgg/%2F..%2F..%2Fetc%2Fpasswd", "text", None, "h/tzgg/_.._.._etc_passwd"),
    ("http://h/tzgg/download.jsp?id=7", "doc", 'attachment; filename="../../../evil.xls"', "h/tzgg/evil.xls"),
    ("http://h/tzgg/dl?id=7", "pdf", "attachment; filename=/etc/cron.d/job", "h/tzgg/job.pdf"),
    ("http://h/tzgg/dl", "doc", "attachment; filename*=UTF-8''%E5%90%8D%E5%8D%95.doc", "h/tzgg/名单.doc"),
    ("http://h/tzgg/dl", "doc", 'attachment; filename="..\\..\\win.doc"', "h/tzgg/win.doc"),
    ("http://h/tzgg/file", "pdf", None, "h/tzgg/file.pdf"),
], ids=["plain", "port-and-index", "query-hashed", "chinese-decoded", "encoded-slashes-flattened",
        "disposition-dotdot", "disposition-absolute", "disposition-rfc5987", "disposition-backslashes",
        "suffix-from-content"])
def test_relative_path_stays_under_host(url: str, fmt: str, disposition: str | None, expected: str) -> None:
    assert relative_path(url, fmt, disposition) == PurePosixPath(expected)


def test_disposition_without_filename_is_none() -> None:
    assert disposition_filename("inline") is None


def test_with_counter_keeps_suffix() -> None:
    assert with_counter(PurePosixPath("h/a/名单.doc"), 2) == PurePosixPath("h/a/名单-2.doc")


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../x"], ids=["parent", "absolute", "nested-parent"])
def test_resolve_inside_refuses_escapes(tmp_path: Path, rel: str) -> None:
    with pytest.raises(CrawlError, match="refusing"):
        resolve_inside(tmp_path, rel)


def test_resolve_inside_refuses_symlinked_escape(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "h").symlink_to(tmp_path)
    with pytest.raises(CrawlError, match="outside"):
        resolve_inside(tmp_path / "out", "h/x.html")
