"""Shared fixtures: where ../shared is, and a skip when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the checkout (CI has it); tests that need it skip without it."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
