"""Datasette plugin: a documents row page opens with the record card and the highlighted text.

`extra_template_vars` gives templates/row.html `document_page`
(`pipeline.catalogue.page.document_page`: card, text with values marked by field family,
legend, reposts, diffusion), read in Datasette's thread for the database. Every stored
string is escaped (markupsafe) before it reaches the page.
"""
from __future__ import annotations

import sys
from pathlib import Path

from datasette import hookimpl

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `datasette --plugins-dir plugins` from any folder
    sys.path.insert(0, str(ROOT))

from pipeline.catalogue.page import document_page  # noqa: E402


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "documents" or request is None:
        return None

    async def inner():
        from datasette.utils import urlsafe_components

        doc_id = urlsafe_components(request.url_vars.get("pks", ""))[0]
        db = datasette.get_database(database)
        page = await db.execute_fn(lambda conn: document_page(conn, doc_id))
        return {"document_page": page} if page else {}

    return inner
