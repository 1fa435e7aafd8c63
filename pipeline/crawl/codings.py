"""Content-Encoding decoded while streaming, so the size cap counts decoded bytes.

httpx decodes a whole network chunk at once: a 1.8 KB `Content-Encoding: gzip, gzip` body
became 2.1 GB before the crawler could look at its length. Here every layer inflates at most
`STEP` bytes per call (zlib `max_length`), lazily, so the caller stops a bomb after the cap.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from pipeline.crawl.errors import FetchError

STEP = 64 * 1024  # most bytes one inflate call may produce
MAX_CODINGS = 2  # 'gzip, gzip' is the most any real server stacks; more is an attack
GZIP_CODINGS = ("gzip", "x-gzip")
DEFLATE_CODINGS = ("deflate",)
NO_CODING = ("", "identity")


def codings(header: str | None) -> list[str]:
    """The codings a Content-Encoding header lists, in the order the server applied them."""
    names = [c.strip().lower() for c in (header or "").split(",")]
    found = [c for c in names if c not in NO_CODING]
    if len(found) > MAX_CODINGS:
        raise FetchError("bad_encoding", f"Content-Encoding {header!r} stacks more than {MAX_CODINGS} codings")
    for name in found:
        if name not in GZIP_CODINGS + DEFLATE_CODINGS:
            raise FetchError("bad_encoding", f"Content-Encoding {name!r} is not one this crawler decodes")
    return found


def _inflate(chunks: Iterable[bytes], coding: str) -> Iterator[bytes]:
    """One coding undone, STEP bytes at a time; bytes after the end of the stream are ignored."""
    raw = coding in DEFLATE_CODINGS
    # gzip: header required; deflate: zlib wrapper expected, raw deflate accepted (as browsers do).
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if not raw else zlib.MAX_WBITS)
    first = True
    for chunk in chunks:
        data = chunk
        while data and not inflater.eof:
            try:
                out = inflater.decompress(data, STEP)
            except zlib.error as exc:
                if raw and first:
                    inflater, first = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise FetchError("bad_encoding", f"{coding} body does not decode ({exc})") from exc
            first = False
            data = inflater.unconsumed_tail
            if out:
                yield out
            # Output pending inside zlib with no input left: ask again with an empty input.
            while len(out) == STEP and not data and not inflater.eof:
                out = inflater.decompress(b"", STEP)
                if out:
                    yield out
        if inflater.eof:
            return
    if not inflater.eof:
        raise FetchError("bad_encoding", f"{coding} body ends before its compressed stream does")


def decoded(chunks: Iterable[bytes], header: str | None) -> Iterator[bytes]:
    """The body with every listed coding undone (the last applied is undone first)."""
    stream: Iterable[bytes] = chunks
    for coding in reversed(codings(header)):
        stream = _inflate(stream, coding)
    yield from stream
