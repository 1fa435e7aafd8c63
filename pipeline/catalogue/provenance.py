"""Where a crawled file came from: URL, the notice that linked it, when it was fetched."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.catalogue.keys import source_key
from pipeline.crawl.errors import CrawlError
from pipeline.crawl.manifest import STATE_FILE, Manifest, manifest


@dataclass(frozen=True)
class Provenance:
    url: str
    referrer: str | None  # the catalogue key of the saved notice an attachment was linked from
    fetched_at: str | None


def crawl_provenance(files: list[Path], on_error=None) -> dict[str, Provenance]:
    """Provenance of every file that lies under a crawl's out dir (one with crawl.sqlite).

    A crawl.sqlite that is not the crawler's (junk, another program's database) gives no
    provenance, and `on_error(path, message)` hears of it once; without `on_error` it raises
    CrawlError."""
    manifests: dict[Path, Manifest | None] = {}
    out: dict[str, Provenance] = {}
    for f in files:
        found = _nearest(f.absolute().parent, manifests, on_error)
        if found is None:
            continue
        saved = found.get(f.absolute())
        if saved is None:
            continue
        ref = source_key(found.root / saved.referrer_path) if saved.referrer_path else None
        out[source_key(f)] = Provenance(saved.url, ref or saved.referrer_url, saved.fetched_at)
    return out


def _nearest(folder: Path, cache: dict[Path, Manifest | None], on_error=None) -> Manifest | None:
    """The manifest of the closest enclosing crawl out dir, cached per folder."""
    if folder in cache:
        return cache[folder]
    if (folder / STATE_FILE).is_file():
        try:
            result: Manifest | None = manifest(folder)
        except CrawlError as exc:
            if on_error is None:
                raise
            on_error(folder / STATE_FILE, str(exc))
            result = None
    elif folder.parent != folder:
        result = _nearest(folder.parent, cache, on_error)
    else:
        result = None
    cache[folder] = result
    return result
