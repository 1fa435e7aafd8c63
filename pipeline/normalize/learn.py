"""Learn a site's noise vocabulary from a folder of its pages.

    python -m pipeline.normalize.learn FOLDER [--min-docs N] [--write]

Portal furniture repeats across pages about unrelated things, while a document's own
lines do not. So: a line found on at least `min_docs` pages is boilerplate (navigation,
footers, site names on their own line), and a short token of a boilerplate line (a site
name, a domain) that also turns up wedged between two CJK characters of some page's text
is a spliced site name (`服务百医学全在线姓健康`). Outline headings (一、工作目标) and
sentences are never taken as boilerplate, since two notices of one site may share them.
`--write` appends what is new to pipeline/data/noise_boilerplate.txt and noise_sites.txt.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.read import iter_files, read_file
from pipeline.read.chrome_lines import OUTLINE, SEPARATORS
from pipeline.read.vocab import DATA

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
TOKEN_SPLIT = re.compile(r"[\s|｜/／·•>＞»:：,，、()（）\[\]【】<]+|\s-\s")
SITE_TOKEN = re.compile(rf"^(?:[{HAN}A-Za-z0-9.]{{3,12}})$")
MAX_LINE = 200


@dataclass(slots=True)
class Learned:
    docs: int
    lines: list[tuple[str, int]] = field(default_factory=list)  # boilerplate line, pages it is on
    sites: list[tuple[str, int]] = field(default_factory=list)  # spliced site name, pages it is spliced in


def _lines(text: str) -> set[str]:
    return {s for s in (line.strip() for line in text.splitlines()) if s and len(s) <= MAX_LINE}


def _ordinary(line: str) -> bool:
    """A line a notice itself could share with another notice of the same site."""
    return bool(OUTLINE.match(line)) or line.endswith(("。", "：", ":")) or len(line) < 2


def learn(texts: Iterable[str], min_docs: int = 3) -> Learned:
    """Boilerplate lines and spliced site names recurring across `texts` (pages of one site)."""
    pages = list(texts)
    per_page = [_lines(t) for t in pages]
    df = Counter(line for lines in per_page for line in lines)
    boiler = sorted(((line, n) for line, n in df.items() if n >= min_docs and not _ordinary(line)),
                    key=lambda x: (-x[1], x[0]))
    tokens = {t for line, _ in boiler for t in TOKEN_SPLIT.split(line) if SITE_TOKEN.match(t or "")}
    tokens |= {t for line, _ in boiler for t in SEPARATORS.split(line) if SITE_TOKEN.match(t or "")}
    sites = []
    for token in sorted(tokens):
        wedged = re.compile(rf"(?<=[{HAN}]){re.escape(token)}(?=[{HAN}])")
        n = sum(1 for page in pages if wedged.search(page))
        if n:
            sites.append((token, n))
    sites.sort(key=lambda x: (-x[1], x[0]))
    return Learned(len(pages), boiler, sites)


def _append(name: str, entries: list[str]) -> list[str]:
    path = DATA / f"{name}.txt"
    have = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    new = [e for e in entries if e not in have]
    if new:
        with path.open("a", encoding="utf-8") as fh:
            fh.writelines(f"{e}\n" for e in new)
    return new


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.normalize.learn", description=__doc__.split("\n")[0])
    ap.add_argument("folder", help="pages of one site (any format the read stage takes)")
    ap.add_argument("--min-docs", type=int, default=0, help="pages a line must be on (default: 30%%, at least 2)")
    ap.add_argument("--write", action="store_true", help="append new entries to pipeline/data")
    args = ap.parse_args(argv)
    if not Path(args.folder).exists():
        print(f"error: no such folder: {args.folder}", file=sys.stderr)
        return 2
    texts = [read_file(p).raw_text for p in iter_files([args.folder])]
    min_docs = args.min_docs or max(2, round(0.3 * len(texts)))
    result = learn(texts, min_docs)
    print(f"# {result.docs} pages, lines on >= {min_docs} of them")
    for line, n in result.lines:
        print(f"line\t{n}\t{line}")
    for token, n in result.sites:
        print(f"site\t{n}\t{token}")
    if args.write:
        new_lines = _append("noise_boilerplate", [line for line, _ in result.lines])
        new_sites = _append("noise_sites", [token for token, _ in result.sites])
        print(f"# wrote {len(new_lines)} line(s), {len(new_sites)} site name(s) to {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
