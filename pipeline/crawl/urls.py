"""URL normalization and the scope check.

Every URL is normalized before it is compared, queued or checked against robots.txt, so
`%2e%2e/`, backslashes, default ports, upper-case hosts and userinfo cannot smuggle a URL
past the scope prefix or a robots rule. Session ids (`;jsessionid=` path parameters, `sid=`
and the like in the query) are dropped, so one notice is one URL however many sessions link it.
"""
from __future__ import annotations

import re
from urllib.parse import quote, unquote_plus, urljoin, urlsplit, urlunsplit

from pipeline.crawl.errors import CrawlError

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters kept as they are when re-quoting a path or query: RFC 3986 reserved + unreserved + '%'.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"
_UNRESERVED_ESCAPE = re.compile(r"%(2[dDeE]|5[fF]|7[eE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA])")
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_STRIP = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
# Parameter names that carry a server session, not a resource (Java, PHP, ASP, ColdFusion, CMSs).
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "sessid", "sess_id",
                            "aspsessionid", "cfid", "cftoken", "oscsid", "zenid"})
# ';name=value' in a path segment (Java's ';jsessionid=...'); the name is checked against SESSION_PARAMS.
_PATH_PARAM = re.compile(r";([A-Za-z_]+)=[^/;]*")


def _unescape_unreserved(s: str) -> str:
    # RFC 3986 6.2.2.2: %2E is '.', so '%2e%2e/' must become '../' before dot segments go.
    return _UNRESERVED_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)


def _upper_escapes(s: str) -> str:
    return _ESCAPE.sub(lambda m: m.group(0).upper(), s)


def _drop_path_sessions(path: str) -> str:
    return _PATH_PARAM.sub(lambda m: "" if m.group(1).lower() in SESSION_PARAMS else m.group(0), path)


def drop_session_params(query: str) -> str:
    """The query without session-id parameters, the others kept in their order."""
    if not query:
        return query
    def name(pair: str) -> str:
        return unquote_plus(pair.split("=", 1)[0]).strip().lower()

    return "&".join(p for p in query.split("&") if name(p) not in SESSION_PARAMS)


def remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4, so '/a/../../b' is '/b' and never climbs above the root."""
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        elif seg == ".":
            if last:
                out.append("")
        else:
            out.append(seg)
    result = "/".join(out)
    return result if result.startswith("/") else "/" + result


def normalize(url: str, base: str | None = None) -> str | None:
    """The canonical absolute http(s) URL, or None when it is not one (mailto:, javascript:, junk)."""
    url = _STRIP.sub("", url).strip()
    try:
        if base is not None:
            url = urljoin(base, url)  # raises too, on a base like 'http://[::1' from a <base href>
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES or not parts.hostname:
        return None
    try:
        host = parts.hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _drop_path_sessions(_unescape_unreserved(parts.path.replace("\\", "/")))
    path = remove_dot_segments(quote(path, safe=PATH_SAFE)) if path else "/"
    query = _upper_escapes(quote(drop_session_params(parts.query), safe=QUERY_SAFE))
    return urlunsplit((scheme, netloc, _upper_escapes(path), query, ""))


def normalize_scope(prefix: str) -> str:
    """A scope prefix as a normalized URL string; a bare origin gets its '/'."""
    norm = normalize(prefix)
    if norm is None:
        raise CrawlError(f"--scope {prefix!r} is not an http(s) URL; give a prefix like https://example.gov.cn/tzgg/")
    return norm


def in_scope(url: str, scopes: tuple[str, ...]) -> bool:
    """True when the normalized URL starts with one of the normalized scope prefixes."""
    return any(url.startswith(s) for s in scopes)


def origin(url: str) -> str:
    """scheme://host[:port], the unit robots.txt and the per-host delay apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")
