"""Bytes to str: BOM, then UTF-8 and the declared charset read leniently, then detection.

The fast path never runs a detector: a BOM, strict UTF-8 (which practically never
succeeds on GBK or Big5 bytes), the declared charset widened to a superset (gb2312 and
gbk read as gb18030), then gb18030. A GB18030 decode is accepted only when it looks like
Chinese (`hanzi.common_ratio`), since it happily decodes Big5 or Latin-1 into nonsense.
Only when all of that fails does charset-normalizer guess.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from pipeline.read.hanzi import common_ratio
from pipeline.types import Problem

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"), (b"\x84\x31\x95\x33", "gb18030"))
# gb2312 and gbk pages routinely contain characters only gb18030 has; reading them as
# gb18030 loses nothing, since gb18030 is a superset of both. Likewise big5 -> big5hkscs.
WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
         "euc_cn": "gb18030", "hz": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs", "ascii": "utf-8",
         "latin_1": "cp1252", "iso8859-1": "cp1252", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}
# WHATWG labels that Python's codec registry does not know
WEB_LABELS = {"x-gbk": "gb18030", "chinese": "gb18030", "csgb2312": "gb18030", "csiso58gb231280": "gb18030",
              "iso-ir-58": "gb18030", "gb_2312": "gb18030", "x-gb18030": "gb18030", "windows-936": "gb18030",
              "x-euc-cn": "gb18030", "cn-big5": "big5hkscs", "x-x-big5": "big5hkscs", "csbig5": "big5hkscs",
              "big5-hkscs": "big5hkscs", "x-sjis": "shift_jis", "unicode-1-1-utf-8": "utf-8"}
META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-.:]+)""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
MIN_COMMON = 0.55  # share of common hanzi below which a GB18030 decode is taken to be the wrong codec
MAX_BAD = 0.002  # share of undecodable bytes tolerated before asking the detector


@dataclass(slots=True)
class Decoded:
    text: str
    codec: str
    problems: list[Problem] = field(default_factory=list)


def canonical(name: str | bytes | None) -> str | None:
    """A Python codec name for a declared charset, widened to its superset; None if unknown."""
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    name = name.strip().lower()
    name = WEB_LABELS.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return WIDEN.get(codec, codec)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its XML prolog or a <meta> tag (first 4 KB only)."""
    head = data[:4096]
    m = XML_ENCODING.search(head) or META_CHARSET.search(head)
    return canonical(m.group(1)) if m else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _lenient(data: bytes, codec: str) -> str | None:
    """Decoded with replacement when only a few bytes are bad (a truncated tail, a stray byte)."""
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return None
    bad = text.count("\ufffd")
    return text if bad <= max(1, MAX_BAD * len(text)) else None


def decode(data: bytes, declared: str | None = None, name: str = "") -> Decoded:
    """The text, the codec used, and warnings; never raises on bad bytes."""
    label = f"{name}: " if name else ""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec.replace("-sig", ""), errors="replace")
            return Decoded(text, codec, _invalid(text, label))
    declared = canonical(declared)
    text = _strict(data, "utf-8")
    if text is not None:
        problems = []
        if declared and declared != "utf-8" and not text.isascii():
            problems.append(Problem("read", "W_CHARSET_MISDECLARED",
                                    f"{label}declares {declared} but is valid UTF-8; read as UTF-8"))
        return Decoded(text, "utf-8", problems)
    for codec in dict.fromkeys(c for c in (declared, "gb18030") if c and c != "utf-8"):
        text = _strict(data, codec)
        if text is not None and (codec != "gb18030" or _looks_chinese(text)):
            problems = []
            if declared and codec != declared:
                problems.append(Problem("read", "W_CHARSET_MISDECLARED",
                                        f"{label}declares {declared} but decodes as {codec}; read as {codec}"))
            return Decoded(text, codec, problems)
    for codec in dict.fromkeys(c for c in (declared, "utf-8", "gb18030") if c):
        text = _lenient(data, codec)
        if text is not None and (codec != "gb18030" or _looks_chinese(text)):
            return Decoded(text, codec, _invalid(text, label))
    return _detect(data, label)


def _looks_chinese(text: str) -> bool:
    ratio, counted = common_ratio(text)
    return counted < 20 or ratio >= MIN_COMMON


def _invalid(text: str, label: str) -> list[Problem]:
    bad = text.count("\ufffd")
    if not bad:
        return []
    return [Problem("read", "W_INVALID_BYTES",
                    f"{label}{bad} invalid byte sequence(s) replaced with U+FFFD; the file may be truncated")]


def _detect(data: bytes, label: str) -> Decoded:
    from charset_normalizer import from_bytes  # ~30 ms to import, and needed only off the fast path

    best = from_bytes(data[:262144]).best()
    codec = canonical(best.encoding) if best is not None else None
    if codec:
        text = data.decode(codec, errors="replace")
        return Decoded(text, codec, [Problem(
            "read", "W_ENCODING_GUESSED",
            f"{label}no declared charset fits; detected {codec}, check the text for mojibake")] + _invalid(text, label))
    text = data.decode("gb18030", errors="replace")
    return Decoded(text, "gb18030", [Problem(
        "read", "W_INVALID_BYTES",
        f"{label}no charset decodes it; invalid bytes replaced with U+FFFD, the file may be binary or damaged")])
