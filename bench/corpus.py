"""A deterministic synthetic corpus of notice pages, built from the bundled notices.

Each page wraps one notice's text (corpus/seeds/*.txt, plus ../shared/corpus/dev/html read
in place when present; never copied into the project) in portal chrome, with its middle
paragraphs swapped and its numbers redrawn so no two pages are alike, some reposted in
traditional characters (OpenCC s2t), encoded as UTF-8, GBK or GB18030 with a matching
meta charset. Page `i` depends only on (seed, i, the notice pool), so a corpus of 250 is
the first 250 pages of a corpus of 1000, and the same seed gives the same bytes.

    python -m bench.corpus OUT_DIR --docs 1000 --seed 9
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from random import Random

import lxml.html

from bench import chrome

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "corpus" / "seeds"
DEV_HTML = ROOT.parent / "shared" / "corpus" / "dev" / "html"
DEFAULT_SEED = 9

TITLE_WORDS = re.compile(r"(通知|方案|意见|决定|公告|办法|计划|规定|批复|通报|函|規定|辦法|意見|決定|計劃)")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号")
NUMBER = re.compile(r"\d+")
BLOCKS = ("p", "br", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "td")
NUMBER_PREFIXES = ("国办发", "国发", "晋卫办医政", "吉市卫办发", "京中医科字", "浙卫发", "豫政办", "粤府函")
# WHATWG maps the gb2312 label to the GBK decoder, and most GBK pages in the wild declare it
CHARSET_LABELS = {"utf-8": ("utf-8", "UTF-8"), "gbk": ("gbk", "GBK", "gb2312"), "gb18030": ("gb18030", "GB18030")}
HEAD_LINES, TAIL_LINES = 6, 4
BODY_CHARS = (2500, 12000)  # notice text per page, drawn per page; typical notices are 2k-10k chars
TRADITIONAL_SHARE = 0.12
LAYOUTS = ("govcn", "province", "county", "repost")


@dataclass(frozen=True)
class Page:
    """One generated file and how it was made (for the bench's corpus description)."""

    path: Path
    codec: str
    traditional: bool


@dataclass(frozen=True)
class Notice:
    """One bundled notice: where it came from, a title for chrome, and its non-empty lines."""

    name: str
    title: str
    lines: tuple[str, ...]


def lines_of_text(text: str) -> list[str]:
    return [ln.strip(" \u3000\t\r") for ln in text.splitlines() if ln.strip(" \u3000\t\r")]


def lines_of_html(data: bytes) -> list[str]:
    """Visible lines of a dev page: a line break after every block element."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    root = lxml.html.fromstring(text)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return lines_of_text(root.text_content())


def title_of(lines: list[str], fallback: str) -> str:
    near = [ln for ln in lines[:20] if 8 <= len(ln) <= 60 and TITLE_WORDS.search(ln)]
    return max(near, key=len) if near else (lines[0][:40] if lines else fallback)


@cache
def load_notices(seeds_dir: Path = SEEDS_DIR, dev_dir: Path = DEV_HTML) -> tuple[Notice, ...]:
    """The notice pool, in a fixed order (seeds, then dev pages when the folder is there)."""
    pool = []
    files = sorted(seeds_dir.glob("*.txt"))
    if dev_dir.is_dir():
        files += sorted(dev_dir.glob("*.html"))
    for f in files:
        data = f.read_bytes()
        lines = lines_of_html(data) if f.suffix == ".html" else lines_of_text(data.decode("utf-8", "replace"))
        if len(lines) >= HEAD_LINES + TAIL_LINES + 2:
            pool.append(Notice(f.name, title_of(lines, f.stem), tuple(lines)))
    if not pool:
        raise FileNotFoundError(f"no notices under {seeds_dir}; the bench needs corpus/seeds/*.txt")
    return tuple(pool)


def redraw(m: re.Match[str], rng: Random) -> str:
    """A new number of the same kind: years stay years, months months, days days."""
    digits, after = m.group(), m.string[m.end():m.end() + 1]
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(2005, 2024))
    if after == "月":
        return str(rng.randint(1, 12))
    if after == "日":
        return str(rng.randint(1, 28))
    if len(digits) > 1:
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))
    return str(rng.randint(1, 9))


def vary(lines: tuple[str, ...], rng: Random) -> list[str]:
    """Keep the head and tail (title, number, signature), swap and trim the middle, redraw numbers."""
    head, middle, tail = list(lines[:HEAD_LINES]), list(lines[HEAD_LINES:-TAIL_LINES]), list(lines[-TAIL_LINES:])
    for _ in range(max(1, len(middle) // 3)):
        a, b = rng.randrange(len(middle)), rng.randrange(len(middle))
        middle[a], middle[b] = middle[b], middle[a]
    budget, kept, used = rng.randint(*BODY_CHARS), [], 0
    for ln in middle:
        if used + len(ln) > budget and kept:
            break
        kept.append(ln)
        used += len(ln)
    return [NUMBER.sub(lambda m: redraw(m, rng), ln) if rng.random() < 0.5 else ln
            for ln in head + kept + tail]


def page_html(i: int, seed: int, pool: tuple[Notice, ...]) -> tuple[str, str, bool]:
    """Page i's markup, the codec it will be written in, and whether it is a traditional repost."""
    rng = Random(f"{seed}/{i}")
    notice = pool[rng.randrange(len(pool))]
    lines = vary(notice.lines, rng)
    site, layout = chrome.portal(rng), rng.choice(LAYOUTS)
    traditional = rng.random() < TRADITIONAL_SHARE
    codec = (rng.choice(("utf-8", "utf-8", "gb18030")) if traditional
             else rng.choices(("utf-8", "gbk", "gb18030"), weights=(5, 3, 2))[0])
    label = rng.choice(CHARSET_LABELS[codec])
    charset_meta = (f'<meta charset="{label}">' if rng.random() < 0.5 else
                    f'<meta http-equiv="Content-Type" content="text/html; charset={label}">')
    found = DOC_NUMBER.search("\n".join(lines[:HEAD_LINES + 4]))
    number = found.group() if found else f"{rng.choice(NUMBER_PREFIXES)}〔{rng.randint(2005, 2024)}〕{rng.randint(1, 200)}号"
    signed, published = chrome.date(rng), chrome.date(rng)
    others = [pool[rng.randrange(len(pool))].title for _ in range(rng.randint(5, 10))]
    article = [f'<h1 class="title">{escape(notice.title)}</h1>']
    if layout == "govcn":
        article.insert(0, chrome.meta_table(rng, notice.title, site, number, signed, published))
    elif layout != "county":
        article.append(chrome.info_line(rng, site, published))
    article.append(chrome.body(rng, lines))
    html = "\n".join((
        "<!DOCTYPE html>", '<html lang="zh-CN">',
        chrome.head(rng, notice.title, site, charset_meta, layout),
        "<body>", chrome.top(rng, site), chrome.crumbs(rng),
        '<div class="article">' + "\n".join(article) + "</div>",
        chrome.related(rng, others), chrome.footer(rng, site), "</body></html>", ""))
    if traditional:
        html = _s2t(html)
    return html, codec, traditional


@cache
def _converter():
    import opencc

    return opencc.OpenCC("s2t")


def _s2t(text: str) -> str:
    return _converter().convert(text)


def page_bytes(i: int, seed: int = DEFAULT_SEED, pool: tuple[Notice, ...] | None = None) -> tuple[bytes, str, bool]:
    """Page i as written: its bytes, codec, and whether it is a traditional repost."""
    html, codec, traditional = page_html(i, seed, pool or load_notices())
    # characters GBK lacks become numeric references, as CMS exports do
    return html.encode(codec, errors="xmlcharrefreplace"), codec, traditional


def generate(out_dir: Path, docs: int, seed: int = DEFAULT_SEED) -> list[Page]:
    """Write pages 0..docs-1 into out_dir (created); the pages in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pool = load_notices()
    pages = []
    for i in range(docs):
        path = out_dir / f"p{i:06d}.html"
        data, codec, traditional = page_bytes(i, seed, pool)
        path.write_bytes(data)
        pages.append(Page(path, codec, traditional))
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    pages = generate(args.out, args.docs, args.seed)
    size = sum(p.path.stat().st_size for p in pages)
    print(f"{len(pages)} pages, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
