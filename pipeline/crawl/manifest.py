"""What the ingest side needs to know about each file the crawler saved."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.crawl.errors import CrawlError
from pipeline.crawl.state import STATE_FILE

_QUERY = """
SELECT v.saved_path, v.url, v.referrer, r.saved_path, v.fetched_at, v.status, v.content_type, v.etag,
       v.last_modified, v.content_length, v.sha256, v.kind, v.sniffed, v.type_mismatch
FROM visited v LEFT JOIN visited r ON r.url = v.referrer
WHERE v.saved_path IS NOT NULL ORDER BY v.saved_path
"""


@dataclass(frozen=True, slots=True)
class SavedFile:
    """One saved file: where it came from and what the server said about it.

    `path` and `referrer_path` are relative to the crawl's out dir (POSIX separators);
    `referrer_path` is the saved notice an attachment was linked from, when that notice was
    saved. `fetched_at` is ISO 8601 UTC. `type_mismatch` says how the bytes contradict the
    Content-Type or extension (a "PDF" that is HTML), else None.
    """

    path: str
    url: str
    referrer_url: str | None
    referrer_path: str | None
    fetched_at: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    content_length: int | None
    sha256: str
    kind: str  # notice | attachment
    sniffed: str | None
    type_mismatch: str | None


class Manifest(dict[str, SavedFile]):
    """Keyed by path relative to the out dir; absolute paths (str or Path) under it work too."""

    def __init__(self, root: Path, files: dict[str, SavedFile]) -> None:
        super().__init__(files)
        self.root = root.resolve()

    def _key(self, key: object) -> object:
        if isinstance(key, os.PathLike) or (isinstance(key, str) and os.path.isabs(key)):
            path = Path(key)
            if path.is_absolute():
                try:
                    return path.resolve().relative_to(self.root).as_posix()
                except ValueError:
                    return str(key)
            return PurePosixPath(path.as_posix()).as_posix()
        return key

    def __getitem__(self, key: object) -> SavedFile:
        return super().__getitem__(self._key(key))

    def __contains__(self, key: object) -> bool:
        return super().__contains__(self._key(key))

    def get(self, key: object, default: SavedFile | None = None) -> SavedFile | None:  # type: ignore[override]
        return super().get(self._key(key), default)


def manifest(out_dir: str | os.PathLike) -> Manifest:
    """Every saved file of the crawl in out_dir; empty when out_dir holds no crawl state."""
    root = Path(out_dir)
    db_path = root / STATE_FILE
    if not db_path.is_file():
        return Manifest(root, {})
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = db.execute(_QUERY).fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise CrawlError(f"cannot read crawl state {db_path} ({exc}); is it a crawl.sqlite?") from exc
    return Manifest(root, {row[0]: SavedFile(*row) for row in rows})
