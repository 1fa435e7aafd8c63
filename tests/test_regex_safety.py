"""Every compiled pattern of the project runs in bounded time on adversarial strings.

A pattern with nested or overlapping quantifiers (`(?:\\d{1,3}|\\s+)+$`) backtracks
exponentially: `'1'*24+'x'` took a second in doctype's TRAILER, 40 digits never finished,
and one 索引号 above a 主送 lost its document to E_PARSE_TIMEOUT. This module finds every
module-level `re.Pattern` under pipeline/ and extractors/ (also inside tuples, lists,
dicts and named tuples) and matches each over long runs of digits, CJK, alternating
characters, list markers and blanks, each ending in a character that makes it fail.

No timing is asserted: each pattern runs in a forked child (`pipeline.read.guard`) under a
hang guard of HANG_GUARD_S. At LENGTH characters a linear pattern needs microseconds and a
quadratic one a few milliseconds per string (~0.1 s for all of them on a loaded machine),
far under the guard; an exponential one needs 1.7**LENGTH steps and never finishes.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from pipeline.read.guard import run_guarded

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "extractors")
SKIP_MODULES = ("pipeline.__main__", "pipeline.crawl.__main__")
LENGTH = 256
HANG_GUARD_S = 60.0  # the slowest (quadratic) pattern here takes ~0.3 s over all the strings
UNITS = ("1", "一", "1a", "一、", "（1）", " ", "\n", "　", "1 ", "1\n", "《", "）", "号", "年", "第",
         "〔", "附件", "a", ".", "-", "1.", "、", "：", "\t")
TAILS = ("x", "", "\x00", "。")


def _adversarial() -> list[str]:
    return [unit * (LENGTH // len(unit)) + tail for unit in UNITS for tail in TAILS]


def _patterns_in(value, name: str, seen: set[int], depth: int = 0):
    if isinstance(value, re.Pattern):
        if id(value) not in seen:
            seen.add(id(value))
            yield name, value
        return
    if depth > 2:
        return
    if isinstance(value, dict):
        items = [(f"{name}[{k!r}]", v) for k, v in value.items()]
    elif isinstance(value, (tuple, list, frozenset, set)):
        items = [(f"{name}[{i}]", v) for i, v in enumerate(value)]
    else:
        return
    for sub, v in items:
        yield from _patterns_in(v, sub, seen, depth + 1)


def project_patterns() -> dict[str, re.Pattern]:
    """`module.NAME` (with `[key]` inside containers) -> every compiled pattern of the project."""
    found: dict[str, re.Pattern] = {}
    seen: set[int] = set()
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        names = [package] + [m.name for m in pkgutil.walk_packages(pkg.__path__, package + ".")]
        for modname in sorted(names):
            if modname in SKIP_MODULES:
                continue
            module = importlib.import_module(modname)
            for attr, value in sorted(vars(module).items()):
                if getattr(value, "__module__", modname) != modname and not isinstance(value, (re.Pattern, tuple,
                                                                                                  list, dict)):
                    continue
                for name, pattern in _patterns_in(value, f"{modname}.{attr}", seen):
                    found.setdefault(name, pattern)
    return found


PATTERNS = project_patterns()


def _run_all(pattern: re.Pattern, texts: list[str]) -> int:
    hits = 0
    if isinstance(pattern.pattern, bytes):
        texts = [t.encode("utf-8") for t in texts]
    for text in texts:
        hits += pattern.search(text) is not None
        hits += sum(1 for _ in pattern.finditer(text))
    return hits


def test_patterns_are_found():
    assert "pipeline.structure.doctypes.PAREN_END" in PATTERNS and "pipeline.structure.furniture.TIMESTAMP" in PATTERNS
    assert len(PATTERNS) > 50


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_runs_in_bounded_time(name):
    out = run_guarded(_run_all, PATTERNS[name], _adversarial(), seconds=HANG_GUARD_S, memory_mb=1024)
    assert out.ok, f"{name} ({PATTERNS[name].pattern!r}): {out.failure} {out.detail}"
