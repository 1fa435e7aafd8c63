"""A real HTTP server on 127.0.0.1 for the crawler tests.

Routes are plain data or small handler functions; every request is logged so tests can
assert what the crawler asked for (and what it never asked for).
"""
from __future__ import annotations

import hashlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = False  # answer If-None-Match with 304
    last_modified: str | None = None  # answer If-Modified-Since with 304
    handler: Handler | None = None  # full control (slow, trickling, broken responses)


class Site:
    """Routes keyed by decoded path (with '?query' when it has one); a log of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.errors: list[BaseException] = []
        self._lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", 0), _make_handler(self))
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.origin + path

    def add(self, path: str, body: bytes | str = b"", **kw: object) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **kw)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def requests(self, path: str) -> list[dict[str, str]]:
        """Headers of each request for path, in order."""
        with self._lock:
            return [h for p, h in self.log if p == path]

    def count(self, path: str) -> int:
        return len(self.requests(path))

    def paths(self) -> list[str]:
        with self._lock:
            return [p for p, _ in self.log]

    def _note(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.log.append((path, headers))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients hanging up on trickling responses is expected; keep the exception for inspection
        # instead of printing tracebacks into the test output.
        self.RequestHandlerClass.site.errors.append(sys.exc_info()[1])  # type: ignore[attr-defined]


def _make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes; Nagle would add 40 ms each

        def send_header(self, keyword: str, value: str) -> None:
            # Raw UTF-8 header bytes, as Chinese servers send file names (http.server insists on latin-1).
            if not hasattr(self, "_headers_buffer"):
                self._headers_buffer = []
            self._headers_buffer.append(f"{keyword}: {value}\r\n".encode())
            if keyword.lower() == "connection" and value.lower() == "close":
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            return  # the site's own log records requests; stderr noise helps nobody

        def do_GET(self) -> None:
            path = unquote(self.path)
            site._note(path, {k.lower(): v for k, v in self.headers.items()})
            route = site.routes.get(path) or site.routes.get(path.split("?", 1)[0])
            if route is None:
                route = Route(b"<html><body>not found</body></html>", status=404)
            if route.handler:
                route.handler(self)
                return
            headers = dict(route.headers)
            tag = f'"{hashlib.sha1(route.body).hexdigest()[:12]}"'
            if route.etag:
                headers["ETag"] = tag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            not_modified = (route.etag and self.headers.get("If-None-Match") == tag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified)
            if not_modified:
                self.send_response(304)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            send(self, route.status, route.body, headers)

    H.site = site  # type: ignore[attr-defined]
    return H


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    """A complete response with Content-Length (so keep-alive works)."""
    h.send_response(status)
    headers = dict(headers or {})
    headers.setdefault("Content-Type", "text/html; charset=utf-8")
    for k, v in headers.items():
        h.send_header(k, v)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


MakeSite = Callable[[], Site]  # the make_site fixture: start another local site
