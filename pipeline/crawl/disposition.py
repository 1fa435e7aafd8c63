"""The file name a Content-Disposition header proposes, decoded as the server meant it.

`filename*=charset'lang'%XX...` (RFC 6266 / RFC 5987) is decoded in its charset. A raw
`filename="..."` arrives as bytes (kept as latin-1 text, which maps each byte to one
character): Chinese servers put UTF-8 or GBK there. GBK byte pairs are often valid UTF-8
too (通知 in GBK reads as '֪ͨ' in UTF-8), so UTF-8 wins only when it yields something
beyond the two-byte range (U+0080-U+07FF) that such pairs land in, or GB18030 cannot
read the bytes at all.
"""
from __future__ import annotations

import codecs
import re
from urllib.parse import unquote_to_bytes

CD_FILENAME_STAR = re.compile(r"filename\*\s*=\s*\"?([\w!#$%&+^`{}~-]+)'[^']*'([^;\"]+)", re.I)
CD_FILENAME = re.compile(r'filename\s*=\s*(?:"([^"]*)"|([^;]+))', re.I)
ASCII_PROBE = b"attachment.pdf"
TWO_BYTE_UTF8 = range(0x80, 0x800)  # where a GBK pair read as UTF-8 lands


def usable_codec(name: str) -> str | None:
    """A charset that decodes text and reads ASCII as ASCII ('undefined' and 'base64' do neither)."""
    try:
        found = codecs.lookup(name.strip().lower()).name
        if ASCII_PROBE.decode(found) != ASCII_PROBE.decode("ascii"):
            return None
    except (LookupError, UnicodeError):
        return None
    return found


def decode_name_bytes(raw: bytes) -> str:
    """Raw file-name bytes as text: UTF-8 unless they read better as GB18030; never raises."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and (raw.isascii() or any(ord(ch) >= TWO_BYTE_UTF8.stop for ch in text)):
        return text
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return text if text is not None else raw.decode("utf-8", errors="replace")


def _decode_as(raw: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _as_bytes(value: str) -> bytes | None:
    """The bytes a header value was received as (kept as latin-1), None if it is already text."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return None


def disposition_filename(header: str | None) -> str | None:
    """The file name a Content-Disposition header proposes (RFC 6266 filename* first), unsanitized."""
    if not header:
        return None
    star = CD_FILENAME_STAR.search(header)
    if star:
        raw = unquote_to_bytes(star.group(2).strip())
        # A charset that is no charset ('undefined') or that the bytes are not in: read them raw.
        return _decode_as(raw, usable_codec(star.group(1))) or decode_name_bytes(raw)
    plain = CD_FILENAME.search(header)
    if plain:
        value = (plain.group(1) if plain.group(1) is not None else plain.group(2)).strip()
        raw = _as_bytes(value)
        return decode_name_bytes(raw) if raw is not None else value
    return None
