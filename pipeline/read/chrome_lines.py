"""Line-level rules that find portal furniture in rendered or dumped page text.

Text dumps of portal pages (the seeds) and the kept part of HTML pages carry navigation
bars, breadcrumbs, pagers, "related articles" lists, footers and teaser summaries as plain
lines. Each rule looks at the shape of a line (short tokens, separators, vocabulary from
pipeline/data) rather than at one site's wording. Rules run on a traditional->simplified
probe of the text (same length), so 相關文章 and 相关文章 look alike.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate

from pipeline.read import vocab
from pipeline.types import Span

SEPARATORS = re.compile(r"[\s|｜/／·•]+|\s+[-–—]\s*|\s*[-–—]\s+")
TOOL_SPLIT = re.compile(r"[\s|｜/／·•【】\[\]()（）:：,，、>]+")
SENTENCE = re.compile(r"[，。；！？、,;]|[:：](?=\S)")
BREADCRUMB_LEAD = re.compile(r"^(?:您现在的位置|您的位置|当前位置|所在位置|现在位置|位置)\s*[:：]")
CRUMB_SEP = re.compile(r"\s*(?:>>?|＞|»|›|→)\s*")
RELATED_HEAD = re.compile(
    r"^[【\[]?[^】\]]{0,30}[】\]]?\s*(?:相关文章|相关阅读|相关链接|相关资源|相关稿件|相关新闻|相关文档|相关推荐|相关信息|"
    r"推荐阅读|延伸阅读|热门文章|热点文章|猜你喜欢|其他文章|最新文章)\s*[:：]?$")
FOOTER_ANCHOR = re.compile(r"版权所有|Copyright|COPYRIGHT|copyright|©|ICP备|ICP证|公网安备|备案号|网站标识码")
FOOTER_WORDS = re.compile(r"关于我们|联系我们|网站地图|版权申明|版权声明|法律声明|隐私|诚聘英才|帮助|网站声明|意见反馈|"
                          r"主办单位|承办单位|技术支持|网络课程|站点地图")
PAGEMETA_LABELS = re.compile(
    r"(?:来源|来自|更新|发布时间|发布日期|发表时间|发文日期|成文日期|时间|日期|上传时间|上传人|上传者|作者|编辑|责任编辑|"
    r"文号|发文字号|索引号|文档编号|浏览次数|点击数|阅读数|格式|页数|大小|字体)\s*[:：]")
OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十百\d]+[章节条])")
DATE_LIKE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}")
MAX_RELATED_LINE = 60
MAX_CHROME_LINE = 300  # longer lines are never furniture on their own
MAX_TOOL_LINE = 60
MAX_FOOTER_LINE = 300
SITE_ENDS = ("网", "网站", "在线", "频道", "搜索")  # a portal's name or search box standing on its own line
MAX_SITE_LINE = 12
MIN_TEASER = 60
HAN = re.compile(r"[\u4e00-\u9fff]")
BLANK = re.compile(r"\s+")
TEASER_PROBE = 14
SENTENCE_END = "。！？；：:”）)」』.!?"


def iter_lines(text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every line in text[lo:hi], end before the newline."""
    hi = len(text) if hi is None else hi
    pos = lo
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl < 0 else nl
        yield pos, end
        pos = end + 1


def is_nav_line(line: str) -> bool:
    """Short tokens side by side, mostly places or split by |: a navigation bar."""
    if " " not in line and "|" not in line and "｜" not in line and "/" not in line:
        return False
    if SENTENCE.search(line):
        return False
    tokens = [t for t in SEPARATORS.split(line) if t]
    if len(tokens) < 3 or any(len(t) > 8 for t in tokens):
        return False
    places = vocab.word_set("noise_places")
    if sum(t in places for t in tokens) >= 0.6 * len(tokens):
        return True
    piped = "|" in line or "｜" in line
    return piped and len(tokens) >= 4


def is_site_line(line: str) -> bool:
    """A short line that only names a site or its search box (`中国卫生人才网`, `微 信 题 库 搜 索`)."""
    compact = BLANK.sub("", line)
    return (len(compact) <= MAX_SITE_LINE and compact.endswith(SITE_ENDS) and not SENTENCE.search(compact)
            and HAN.search(compact) is not None)


def is_breadcrumb(line: str) -> bool:
    if BREADCRUMB_LEAD.match(line):
        return True
    if not any(sep in line for sep in ">＞»›→"):
        return False
    parts = CRUMB_SEP.split(line)
    return len(parts) >= 3 and all(0 < len(p) <= 20 for p in parts[:-1])


def is_tool_line(line: str) -> bool:
    """Only tool-bar words (打印, 关闭窗口, 字号 大 中 小, 分享到 微信)."""
    tools = vocab.word_set("noise_tools")
    tokens = [t for t in TOOL_SPLIT.split(line) if t]
    return bool(tokens) and all(t in tools for t in tokens)


@lru_cache(maxsize=1 << 16)
def is_chrome_line(line: str) -> bool:
    """One stripped line that is furniture on its own.

    Cached: a portal's furniture repeats on every page of it (a few thousand distinct
    lines per site), and a miss is ~14 us of regexes."""
    if not line or len(line) > MAX_CHROME_LINE:
        return False
    if line in vocab.word_set("noise_boilerplate") or vocab.line_pattern("noise_lines").fullmatch(line):
        return True
    if len(line) <= MAX_TOOL_LINE and is_tool_line(line):
        return True
    if is_site_line(line):
        return True
    if len(line) <= 120 and len(FOOTER_WORDS.findall(line)) >= 2:
        return True
    return is_nav_line(line) or is_breadcrumb(line)


def is_pagemeta_line(line: str) -> bool:
    """A short `label: value` line a portal prints above an article (来源, 更新, 时间, 上传人...)."""
    if len(line) > 160:
        return False
    labels = PAGEMETA_LABELS.findall(line)
    return bool(labels) and (len(labels) >= 2 or bool(DATE_LIKE.search(line))) and PAGEMETA_LABELS.match(line) is not None


def chrome_spans(probe: str, lo: int = 0, hi: int | None = None) -> list[Span]:
    """Spans of text[lo:hi] that are furniture, whole lines with their newline."""
    hi = len(probe) if hi is None else hi
    lines = list(iter_lines(probe, lo, hi))
    drop = [False] * len(lines)
    for i, (a, b) in enumerate(lines):
        drop[i] = is_chrome_line(probe[a:b].strip())
    _related_blocks(probe, lines, drop)
    _footer(probe, lines, drop, lo, hi)
    _teasers(probe, lines, drop, lo, hi)
    return _merge(probe, lines, drop)


def _related_blocks(text: str, lines: list[tuple[int, int]], drop: list[bool]) -> None:
    """A 相关文章 heading and the short lines under it."""
    i = 0
    while i < len(lines):
        a, b = lines[i]
        if RELATED_HEAD.match(text[a:b].strip()):
            drop[i] = True
            j = i + 1
            while j < len(lines) and _related_item(text[lines[j][0]:lines[j][1]].strip()):
                drop[j] = True
                j += 1
            i = j
        else:
            i += 1


def _related_item(line: str) -> bool:
    """A line of a related-articles list: short, not a heading of the text, not a sentence."""
    return len(line) <= MAX_RELATED_LINE and not OUTLINE.match(line) and not line.endswith("。")


def _footer(text: str, lines: list[tuple[int, int]], drop: list[bool], lo: int, hi: int) -> None:
    """From a copyright/ICP line in the second half to the end, when nothing long follows."""
    half = lo + (hi - lo) // 2
    for i, (a, b) in enumerate(lines):
        if a < half or not FOOTER_ANCHOR.search(text[a:b]) or b - a > 150:
            continue
        tail = range(i, len(lines))
        if all(lines[k][1] - lines[k][0] <= MAX_FOOTER_LINE for k in tail):
            for k in tail:
                drop[k] = True
            return


def _teasers(text: str, lines: list[tuple[int, int]], drop: list[bool], lo: int, hi: int) -> None:
    """A long line near the top, cut mid-sentence, whose words come again below: a portal summary."""
    limit = lo + (hi - lo) * 2 // 5
    squeezed = None
    for i, (a, b) in enumerate(lines):
        if a > limit:
            break
        line = text[a:b].strip()
        if drop[i] or len(line) < MIN_TEASER or line[-1] in SENTENCE_END:
            continue
        tight = BLANK.sub("", line)
        n = len(tight)
        probes = [tight[k:k + TEASER_PROBE] for k in (n // 3, 2 * n // 3, n - TEASER_PROBE)]
        if not all(len(HAN.findall(p)) >= TEASER_PROBE // 2 for p in probes):
            continue
        if squeezed is None:
            squeezed = _Squeezed(text, lo, hi)
        after = squeezed.offset(b)
        if all(squeezed.text.find(p, after) >= 0 for p in probes):
            drop[i] = True


class _Squeezed:
    """text[lo:hi] without whitespace, and where an original offset lands in it."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        runs = [(m.start(), m.end()) for m in BLANK.finditer(text, lo, hi)]
        self.text = BLANK.sub("", text[lo:hi])
        self.lo = lo
        self.starts = [a for a, _ in runs]
        self.removed = [0, *accumulate(b - a for a, b in runs)]

    def offset(self, pos: int) -> int:
        k = bisect_left(self.starts, pos)
        return pos - self.lo - self.removed[k]


def _merge(text: str, lines: list[tuple[int, int]], drop: list[bool]) -> list[Span]:
    spans: list[Span] = []
    for (a, b), d in zip(lines, drop):
        if not d:
            continue
        end = min(b + 1, len(text))
        if spans and spans[-1].end >= a:
            spans[-1] = Span(spans[-1].start, end)
        else:
            spans.append(Span(a, end))
    return spans
