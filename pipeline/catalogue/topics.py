"""主题分类: one topic per document from its title, by the keyword scheme in data/topics.tsv."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TOPICS_FILE = Path(__file__).parent / "data" / "topics.tsv"
OTHER = "其他"


@lru_cache(maxsize=1)
def scheme() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(topic, keywords) in priority order, as data/topics.tsv lists them."""
    out = []
    for line in TOPICS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            topic, words = line.split("\t")
            out.append((topic, tuple(w for w in words.split(",") if w)))
    return tuple(out)


def topic_of(title: str | None) -> str | None:
    """The first topic with a keyword in `title`; 其他 when none; None without a title."""
    if not title:
        return None
    for topic, words in scheme():
        if any(w in title for w in words):
            return topic
    return OTHER


def topics() -> tuple[str, ...]:
    return (*(t for t, _ in scheme()), OTHER)
