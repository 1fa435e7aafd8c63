"""Datasette plugin: an error request logs one line, not a traceback with every local variable.

Datasette 0.65's own `handle_exception` prints a `rich` traceback with locals (18-45 KB for
one bad `?sql=` or a 404), and every handler's response is computed, so a plugin cannot
stand in front of it: `startup` turns its two printers off (the module's `rich` and its
`traceback.print_exc`; re-check datasette/handle_exception.py when upgrading), and this
hook writes `datasette error: <status> <path> <Exception>: <message>` (each part cut
short; a 500 adds its innermost frame) to stderr. Datasette still renders the error page.
"""
from __future__ import annotations

import sys
import traceback
import types

from datasette import hookimpl
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError

MAX_PART = 200  # characters of the path and of the message in the log line


def status_of(exception: BaseException) -> int:
    if isinstance(exception, (Base400, DatasetteError)):
        return exception.status
    return 500


def log_line(path: str, exception: BaseException) -> str:
    """The one line logged for an error request."""
    status = status_of(exception)
    where = ""
    if status >= 500 and exception.__traceback__ is not None:
        frame = traceback.extract_tb(exception.__traceback__)[-1]
        where = f" at {frame.filename}:{frame.lineno}"
    message = " ".join(str(exception).split())[:MAX_PART]
    return f"datasette error: {status} {path[:MAX_PART]} {type(exception).__name__}: {message}{where}"


@hookimpl
def startup(datasette):
    import datasette.handle_exception as default

    default.rich = None
    default.traceback = types.SimpleNamespace(print_exc=lambda *a, **k: None)


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    print(log_line(request.path, exception), file=sys.stderr, flush=True)
    return None  # Datasette's own handler renders the page
