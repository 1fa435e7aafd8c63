"""The read stage: files to raw Documents, by sniffed format (never by extension alone)."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.read.html import read_html
from pipeline.read.sniff import sniff
from pipeline.read.text import read_text
from pipeline.types import Document, Problem, Source

READERS: dict[str, Callable[[bytes, Source], Document]] = {
    "html": read_html,
    "text": read_text,
}
SKIP_NAMES = ("PROVENANCE", "README", ".gold.json", "crawl.sqlite")
MAX_BYTES = 200 * 1024 * 1024


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files given and files under folders given (recursively, sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) and not _skipped(f):
                    yield f
        else:
            yield p


def _skipped(path: Path) -> bool:
    return any(s in path.name for s in SKIP_NAMES) or path.suffix in (".tsv", ".sqlite", ".db", ".json", ".jsonl")


def read_file(path: Path, display: str | None = None) -> Document:
    """One raw Document for one file; failures become problems on an empty document."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        src = Source(path=name, sha256="", size=0)
        return Document(source=src, raw_text="", problems=[
            Problem("read", "E_FILE_UNREADABLE", f"{name}: cannot read ({exc.strerror}); check the path and permissions")])
    return read_bytes(data, Source.from_bytes(name, data))


def read_bytes(data: bytes, source: Source) -> Document:
    fmt = sniff(data, source.path)
    reader = READERS.get(fmt)
    if reader is None:
        return Document(source=source, raw_text="", problems=[
            Problem("read", "E_FORMAT_UNSUPPORTED", f"{source.path}: {fmt} files are not read yet")])
    return reader(data, source)


def read(paths: Iterable[str | os.PathLike]) -> Iterator[Document]:
    for path in iter_files(paths):
        yield read_file(path)
