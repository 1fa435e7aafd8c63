"""Organization names to canonical organizations, through `extractors.orgs` when it exists.

Imported lazily: until the organizations module lands (or if it is broken), every name
is its own canonical name with nothing else known, and loading goes on.
"""
from __future__ import annotations

import importlib
from typing import Any

from pipeline.types import Problem

Region = dict[str, Any]


def _identity(name: str) -> dict[str, Any]:
    return {"canonical": name, "kind": None, "province": None, "city": None}


def describe(names: list[str], region: Region | None) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """name -> {"canonical", "kind", "province", "city"} for each distinct name, and problems.

    The names of one document are described together when `extractors.orgs.describe_orgs`
    exists: a short and a full name of one body (省财政厅, 河北省财政厅) become one organisation.
    """
    try:
        orgs = importlib.import_module("extractors.orgs")
    except ImportError:
        orgs = None
    distinct = list(dict.fromkeys(n.strip() for n in names))
    out: dict[str, dict[str, Any]] = {name: _identity(name) for name in distinct}
    problems: list[Problem] = []
    together = getattr(orgs, "describe_orgs", None)
    one = getattr(orgs, "describe_org", None)
    got: dict[str, Any] = {}
    if together is not None:
        try:
            got = together(distinct, region)
        except Exception as exc:  # noqa: BLE001 - a canonicalizer bug must not lose the document
            problems.append(Problem("load", "W_ORG_DESCRIBE_FAILED",
                                    f"describe_orgs raised {type(exc).__name__}: {exc}; each name is described alone"))
            got = {}
    for name in distinct:
        d = got.get(name) if isinstance(got, dict) else None
        if d is None and one is not None and not got:
            try:
                d = one(name, region)
            except Exception as exc:  # noqa: BLE001 - as above
                problems.append(Problem("load", "W_ORG_DESCRIBE_FAILED",
                                        f"describe_org({name!r}) raised {type(exc).__name__}: {exc}; "
                                        "the name is kept as printed"))
        if isinstance(d, dict) and d.get("canonical"):
            out[name].update({k: d.get(k) for k in out[name]})
    return out, problems
