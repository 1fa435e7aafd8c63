"""The shared gold scorer (`../shared/gold/score.py`), read in place: one loader for the golden
tests, the wild report and the line-role report, so all score with the held-out rules."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_scorer(shared: Path) -> ModuleType:
    """score.py under `shared`/gold as a module (its overlap, compare, fragments, load_gold ...)."""
    path = shared / "gold" / "score.py"
    spec = importlib.util.spec_from_file_location("gold_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no gold scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
