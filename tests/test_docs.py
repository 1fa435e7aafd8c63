"""Docs tests: every command, record field, problem code and extractor is in the README."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import REGISTRY
from pipeline.cli import build_parser
from pipeline.record import FIELDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE = re.compile(r"""["'`]([EW]_[A-Z0-9_]{3,})["'`]""")


def commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(sub.choices)


def problem_codes() -> list[str]:
    found = set()
    for folder in ("pipeline", "extractors"):
        for path in (ROOT / folder).rglob("*.py"):
            found.update(CODE.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


@pytest.mark.parametrize("command", commands())
def test_command_is_documented(command):
    assert f"python -m pipeline {command}" in README


@pytest.mark.parametrize("field", FIELDS)
def test_record_field_is_documented(field):
    assert f"`{field}`" in README


@pytest.mark.parametrize("code", problem_codes())
def test_problem_code_is_documented(code):
    assert f"`{code}`" in README


@pytest.mark.parametrize("name", [e.name for e in REGISTRY])
def test_extractor_is_documented(name):
    assert f"`{name}`" in README
