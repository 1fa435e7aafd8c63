"""Organization names to canonical organizations, through `extractors.orgs` when it exists.

Imported lazily: until the organizations module lands (or if it is broken), every name
is its own canonical name with nothing else known, and loading goes on.
"""
from __future__ import annotations

from typing import Any

from pipeline.types import Problem

Region = dict[str, Any]


def _identity(name: str) -> dict[str, Any]:
    return {"canonical": name, "kind": None, "province": None, "city": None}


def describe(names: list[str], region: Region | None) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """name -> {"canonical", "kind", "province", "city"} for each distinct name, and problems."""
    try:
        from extractors.orgs import describe_org
    except ImportError:
        describe_org = None
    out: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for name in dict.fromkeys(n.strip() for n in names):
        info = _identity(name)
        if describe_org is not None:
            try:
                got = describe_org(name, region)
            except Exception as exc:  # noqa: BLE001 - a canonicalizer bug must not lose the document
                problems.append(Problem("load", "W_ORG_DESCRIBE_FAILED",
                                        f"describe_org({name!r}) raised {type(exc).__name__}: {exc}; "
                                        "the name is kept as printed"))
                got = None
            if isinstance(got, dict) and got.get("canonical"):
                info.update({k: got.get(k) for k in info})
        out[name] = info
    return out, problems
