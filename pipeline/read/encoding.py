"""Bytes to str: BOM, then the declared charset read leniently, then detection."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from pipeline.types import Problem

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# gb2312 and gbk pages routinely contain characters only gb18030 has; reading them as
# gb18030 loses nothing, since gb18030 is a superset of both.
WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
         "big5": "big5hkscs", "ascii": "utf-8", "us-ascii": "utf-8", "iso-8859-1": "cp1252"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def canonical(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return WIDEN.get(name, name)


def declared_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:4096])
    return canonical(m.group(1).decode("ascii", "replace")) if m else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, list[Problem]]:
    """The text, the codec used, and warnings; never raises on bad bytes."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec, []
    tried = []
    for codec in (canonical(declared), "utf-8", "gb18030"):
        if codec and codec not in tried:
            tried.append(codec)
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError:
                continue
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        codec = canonical(best.encoding) or best.encoding
        text = data.decode(codec, errors="replace")
        return text, codec, [Problem("read", "W_ENCODING_GUESSED",
                                     f"no declared charset fits; detected {codec}, check the text for mojibake")]
    text = data.decode("gb18030", errors="replace")
    return text, "gb18030", [Problem("read", "W_INVALID_BYTES",
                                     "invalid bytes replaced with U+FFFD; the file may be truncated or binary")]
