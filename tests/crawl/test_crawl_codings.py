"""Content-Encoding is undone while streaming: the size cap counts decoded bytes, bombs stop early."""
from __future__ import annotations

import gzip
import zlib
from functools import cache

import pytest

from pipeline.crawl.errors import FetchError
from pipeline.crawl.fetch import Fetcher, FetchPolicy, HostThrottle

from .crawl_runner import FakeClock
from .crawl_server import Site
from .crawl_sites import host_dir, notice, visited

BOMB_BYTES = 50 * 1024 * 1024  # what the bomb inflates to; the cap below is 500 times smaller
LIMIT = 100_000
HTML = b"<html><body>" + "正文".encode() * 2000 + b"</body></html>"


@cache
def _bomb() -> bytes:
    """50 MB of zeros gzipped twice: a few hundred bytes on the wire."""
    return gzip.compress(gzip.compress(b"\0" * BOMB_BYTES, 9), 9)


class _CountingInflater:
    """zlib's decompressobj, counting every byte it hands out (to bound the work, not the time)."""

    produced = 0

    def __init__(self, *args: object) -> None:
        self._inner = zlib_decompressobj(*args)

    def decompress(self, data: bytes, *args: int) -> bytes:
        out = self._inner.decompress(data, *args)
        _CountingInflater.produced += len(out)
        return out

    def flush(self, *args: int) -> bytes:
        out = self._inner.flush(*args)
        _CountingInflater.produced += len(out)
        return out

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


zlib_decompressobj = zlib.decompressobj


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> type[_CountingInflater]:
    _CountingInflater.produced = 0
    monkeypatch.setattr(zlib, "decompressobj", _CountingInflater)
    return _CountingInflater


def fetcher() -> Fetcher:
    clock = FakeClock()
    return Fetcher(FetchPolicy(chunk_timeout=5.0, response_deadline=30.0, retries=0, max_bytes=LIMIT),
                   HostThrottle(0.0, clock=clock, sleep=clock.sleep))


def _deflate_raw(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


@pytest.mark.parametrize(("coding", "body"), [
    ("gzip", gzip.compress(HTML)),
    ("gzip, gzip", gzip.compress(gzip.compress(HTML))),
    ("x-gzip", gzip.compress(HTML)),
    ("deflate", zlib.compress(HTML)),
    ("deflate", _deflate_raw(HTML)),
    ("identity", HTML),
    ("gzip, identity", gzip.compress(HTML)),
], ids=["gzip", "gzip-twice", "x-gzip", "deflate-zlib", "deflate-raw", "identity", "gzip-then-identity"])
def test_encoded_body_is_decoded(site: Site, coding: str, body: bytes) -> None:
    site.add("/p", body, headers={"Content-Encoding": coding})
    assert fetcher().get(site.url("/p")).body == HTML


def test_stacked_gzip_bomb_stops_at_the_cap_of_decoded_bytes(site: Site, inflated) -> None:
    site.add("/bomb", _bomb(), headers={"Content-Encoding": "gzip, gzip"})
    with pytest.raises(FetchError) as err:
        fetcher().get(site.url("/bomb"))
    # Before: httpx inflated the whole 50 MB (2 GB in the attack) before the cap was checked.
    assert err.value.reason == "too_large"
    assert inflated.produced < 10 * LIMIT


@pytest.mark.parametrize(("coding", "body"), [
    ("gzip, gzip, gzip", gzip.compress(gzip.compress(gzip.compress(HTML)))),
    ("br", b"\x0b\x02\x80hello\x03"),
    ("compress", b"\x1f\x9d\x90"),
    ("gzip", b"not gzip at all"),
    ("gzip", gzip.compress(HTML)[:40]),
    ("deflate", b"\xff\xfe\xfd junk"),
], ids=["three-codings", "brotli-unknown", "compress-unknown", "not-gzip", "cut-short-gzip", "not-deflate"])
def test_refused_or_broken_coding_is_a_fetch_error(site: Site, coding: str, body: bytes) -> None:
    site.add("/p", body, headers={"Content-Encoding": coding})
    with pytest.raises(FetchError) as err:
        fetcher().get(site.url("/p"))
    assert err.value.reason == "bad_encoding"


def test_crawl_records_a_bad_coding_and_goes_on(site: Site, crawl) -> None:
    site.add("/s/index.html", '<a href="a.html">甲</a> <a href="t20200101_1.html">乙</a>')
    site.add("/s/a.html", b"junk", headers={"Content-Encoding": "zstd"})
    site.add("/s/t20200101_1.html", notice("乙通知"))
    summary = crawl([site.url("/s/index.html")], [site.url("/s/")])
    rows = visited(crawl.out)
    assert (rows["/s/a.html"]["outcome"], rows["/s/a.html"]["reason"]) == ("failed", "bad_encoding")
    assert rows["/s/t20200101_1.html"]["outcome"] == "saved"
    assert summary.failures["bad_encoding"] == 1
    assert (crawl.out / host_dir(site) / "s" / "t20200101_1.html").is_file()
