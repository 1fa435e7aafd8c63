"""Where fetched files go: out/<host>/<sanitized URL path>, never outside out/.

Every segment is percent-decoded (so Chinese names stay readable), then stripped of
separators, control characters and dot-only names; the joined path is resolved and
checked to lie under the output folder before anything is written.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from pipeline.crawl.disposition import disposition_filename
from pipeline.crawl.errors import CrawlError

MAX_SEGMENT_BYTES = 150  # ext4 allows 255; leave room for uniquifying suffixes
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)
HTML_SUFFIXES = (".htm", ".html", ".shtml")
FORMAT_SUFFIX = {"pdf": ".pdf", "doc": ".doc", "docx": ".docx", "xls": ".xls", "xlsx": ".xlsx", "ofd": ".ofd",
                 "zip": ".zip", "rtf": ".rtf",
                 "html": ".html", "text": ".txt", "binary": ".bin"}


def sanitize_segment(name: str) -> str:
    """One safe file or folder name: no separators, no control characters, never '.' or '..'."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    name = UNSAFE.sub("_", name).strip(" .")
    if not name:
        return "_"
    if WINDOWS_RESERVED.match(name):
        name = "_" + name
    return _truncate(name)


def _truncate(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_SEGMENT_BYTES:
        return name
    stem, suffix = os.path.splitext(name)
    suffix = suffix if len(suffix.encode("utf-8")) <= 16 else ""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    budget = MAX_SEGMENT_BYTES - len(suffix.encode("utf-8")) - 9
    cut = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return f"{cut}_{digest}{suffix}"


def relative_path(url: str, data_format: str, disposition: str | None = None) -> PurePosixPath:
    """host/dir/.../name for a URL; a query adds a short hash, the suffix fits the content."""
    parts = urlsplit(url)
    host = sanitize_segment(parts.netloc.replace(":", "_"))
    raw_segments = parts.path.split("/")
    dirs = [sanitize_segment(unquote(s, errors="replace")) for s in raw_segments[1:-1] if s not in ("", ".", "..")]
    name = unquote(raw_segments[-1], errors="replace") if raw_segments[-1] else ""
    proposed = disposition_filename(disposition)
    if proposed:
        # Only the last component of a proposed name counts: 'filename="../../x.pdf"' is 'x.pdf'.
        name = re.split(r"[\\/]", proposed)[-1]
    name = sanitize_segment(name) if name.strip(" .") else "index"
    stem, suffix = os.path.splitext(name)
    if parts.query and not proposed:  # a server-proposed name already tells download.jsp?id=1 from ?id=2
        stem = f"{stem}_{hashlib.sha1(parts.query.encode()).hexdigest()[:8]}"
    wanted = FORMAT_SUFFIX.get(data_format, "")
    if data_format == "html" and suffix.lower() not in HTML_SUFFIXES:
        suffix += ".html"
    elif not suffix and wanted:
        suffix = wanted
    return PurePosixPath(host, *dirs, _truncate(stem + suffix))


def with_counter(rel: PurePosixPath, n: int) -> PurePosixPath:
    """name.pdf -> name-2.pdf: a second URL that maps to a taken name gets the next free one."""
    stem, suffix = os.path.splitext(rel.name)
    return rel.with_name(f"{stem}-{n}{suffix}")


def resolve_inside(root: Path, rel: PurePosixPath | str) -> Path:
    """The absolute path of rel under root; raises CrawlError if it would land anywhere else."""
    rel = PurePosixPath(rel)
    if rel.is_absolute() or ".." in rel.parts:
        raise CrawlError(f"refusing to write {rel}: it would escape {root}")
    base = root.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base) or target == base:
        raise CrawlError(f"refusing to write {rel}: it resolves to {target}, outside {base}")
    return target


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a hidden temp file and rename, so an interrupted crawl leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def sha256_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
