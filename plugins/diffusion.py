"""Datasette plugin: the policy-diffusion page of a cited document number.

`/-/diffusion/<database>?number=国卫发明电〔2013〕16号` (any bracket style): which provinces
and cities issued documents citing or reposting it, and when, as a table, counts by
province and an inline SVG timeline (`pipeline.catalogue.page.diffusion`;
templates/diffusion.html). Works for numbers the catalogue holds and for dangling ones.
"""
from __future__ import annotations

import sys
from pathlib import Path

from datasette import Response, hookimpl

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.catalogue.keys import norm_doc_number  # noqa: E402
from pipeline.catalogue.page import diffusion  # noqa: E402


async def diffusion_page(datasette, request):
    database = request.url_vars["database"]
    try:
        db = datasette.get_database(database)
    except KeyError:
        return Response.html("no such database", status=404)
    number = norm_doc_number(request.args.get("number", "")[:200]) or ""
    data = await db.execute_fn(lambda conn: diffusion(conn, number)) if number else None
    html = await datasette.render_template("diffusion.html", {"database": database, "typed": request.args.get(
        "number", "")[:200], "diffusion": data}, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/-/diffusion/(?P<database>[^/]+)$", diffusion_page)]
