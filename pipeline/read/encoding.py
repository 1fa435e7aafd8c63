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
# Python codecs that no web page is written in; some raise UnicodeError even with errors="replace"
NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "charmap"})
META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-.:]+)""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
MIN_COMMON = 0.55  # share of common hanzi below which a GB18030 decode is taken to be the wrong codec
# A declared codec that decodes strictly is overruled by GB18030 only when GB18030 gives at
# least this many hanzi, mostly common ones, and a share of common ones this much higher.
MIN_SWITCH_HAN = 4
SWITCH_MARGIN = 0.3
MAX_BAD = 0.002  # share of undecodable bytes tolerated before asking the detector
# A declared charset read with replacement is what a browser shows; a few stray bytes in a
# short page (2 in 100 characters) must not send it to the detector, which guesses a
# Cyrillic codepage for such a page and turns all of its text into mojibake.
MIN_BAD_DECLARED = 8
# Other text read as UTF-8 almost never forms a valid multibyte sequence (cp1252: none, GBK:
# ~8% of its characters), so many good ones per bad one mean UTF-8 with damaged bytes.
UTF8_GOOD_PER_BAD = 8


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
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not info._is_text_encoding or info.name in NOT_CHARSETS:
        return None  # a page declaring charset=idna or base64 would otherwise make decoding raise
    return WIDEN.get(info.name, info.name)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its XML prolog or a <meta> tag (first 4 KB only)."""
    head = data[:4096]
    m = XML_ENCODING.search(head) or META_CHARSET.search(head)
    return canonical(m.group(1)) if m else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _lenient(data: bytes, codec: str, floor: int = 1) -> str | None:
    """Decoded with replacement when only a few bytes are bad (a truncated tail, a stray byte)."""
    try:
        text = data.decode(codec, errors="replace")
    except (UnicodeError, LookupError):
        return None
    bad = text.count("\ufffd")
    if bad <= max(floor, MAX_BAD * len(text)):
        return text
    if codec == "utf-8" and _non_ascii(text) - bad >= UTF8_GOOD_PER_BAD * bad:
        return text  # mostly well-formed multibyte sequences: UTF-8 with a few damaged ones
    return None


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def decode(data: bytes, declared: str | None = None, name: str = "") -> Decoded:
    """The text, the codec used, and warnings; never raises on bad bytes."""
    label = f"{name}: " if name else ""
    for bom, codec in BOMS:
        if data.startswith(bom):
            # decoded with its BOM: the utf-16/utf-32 codecs take their byte order from it (without
            # it they assume little-endian, and a big-endian file came out as mojibake)
            text = data.decode(codec, errors="replace").removeprefix("\ufeff")
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
        if text is not None and codec != "gb18030" and _better_as_gb18030(data, text):
            continue  # a GBK page declaring iso-8859-1 or big5: its declared decode is mojibake
        if text is not None and (codec != "gb18030" or _looks_chinese(text)):
            problems = []
            if declared and codec != declared:
                problems.append(Problem("read", "W_CHARSET_MISDECLARED",
                                        f"{label}declares {declared} but decodes as {codec}; read as {codec}"))
            return Decoded(text, codec, problems)
    overruled = False  # the declared codec lost to GB18030: which then gets the declared one's tolerance
    for codec in dict.fromkeys(c for c in (declared, "utf-8", "gb18030") if c):
        floor = MIN_BAD_DECLARED if codec == declared or (overruled and codec == "gb18030") else 1
        text = _lenient(data, codec, floor)
        if text is not None and codec not in ("utf-8", "gb18030") and _better_as_gb18030(data, text):
            overruled = True
            continue
        if text is not None and (codec != "gb18030" or _looks_chinese(text)):
            problems = _invalid(text, label)
            if declared and codec != declared:
                problems.insert(0, Problem("read", "W_CHARSET_MISDECLARED",
                                           f"{label}declares {declared} but decodes as {codec}; read as {codec}"))
            return Decoded(text, codec, problems)
    return _detect(data, label)


def _better_as_gb18030(data: bytes, text: str) -> bool:
    """Whether GB18030 decodes the bytes to far more common hanzi than the declared codec did."""
    if text.isascii():
        return False
    alt = _lenient(data, "gb18030", MIN_BAD_DECLARED)
    if alt is None:
        return False
    alt_ratio, alt_counted = common_ratio(alt)
    ratio, _ = common_ratio(text)
    return alt_counted >= MIN_SWITCH_HAN and alt_ratio >= MIN_COMMON and alt_ratio - ratio >= SWITCH_MARGIN


def _net_common(text: str) -> int:
    ratio, counted = common_ratio(text)
    return round(ratio * counted) - text.count("\ufffd") if counted else -text.count("\ufffd")


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
    # the decode with the most common hanzi net of replaced bytes, then the fewest replaced
    # (Big5 with a stray byte defeats the detector, and read as GB18030 it is all mojibake)
    text, codec = max(((data.decode(c, errors="replace"), c) for c in ("gb18030", "big5hkscs", "utf-8")),
                      key=lambda tc: (_net_common(tc[0]), -tc[0].count("\ufffd")))
    return Decoded(text, codec, [Problem(
        "read", "W_INVALID_BYTES",
        f"{label}no charset decodes it; invalid bytes replaced with U+FFFD, the file may be binary or damaged")])
