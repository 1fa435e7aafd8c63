"""Fixtures: local HTTP sites on 127.0.0.1 and a crawl runner with a fake clock.

Each test builds its own site, so tests never share server state, and nothing ever leaves
the loopback interface.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .crawl_runner import FakeClock, Runner
from .crawl_server import MakeSite, Site


@pytest.fixture
def make_site() -> Iterator[MakeSite]:
    """Start as many local sites as a test needs; all are shut down afterwards."""
    sites: list[Site] = []

    def start() -> Site:
        site = Site()
        site.thread.start()
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.stop()


@pytest.fixture
def site(make_site: MakeSite) -> Site:
    return make_site()


@pytest.fixture
def crawl(tmp_path: Path) -> Runner:
    """crawl([start], [scope], **options) -> Summary, writing to tmp_path/out."""
    return Runner(out=tmp_path / "out", clock=FakeClock())
