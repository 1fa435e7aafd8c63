"""Text a portal injected into the page: spliced site names and URLs, spam keyword lines.

All three are deletions, so the offset map stays exact:
- a URL (with www. or http) or a known site name wedged between two CJK characters
  (`卫生www.lindalemus.com局`, `服务百医学全在线姓健康`); a URL after an access verb
  (登录, 访问, 详见 ...) or on a gov/edu/org domain is the text's own and stays;
- a line carrying several spam keywords that cover a good part of it (seed 003's first
  line), or opening with a spam block marker (主站蜘蛛池模板).
Vocabularies: pipeline/data/noise_sites.txt, noise_spam.txt, noise_spam_lines.txt.
"""
from __future__ import annotations

import re

from pipeline.normalize.offsets import Edit
from pipeline.read import vocab

URL = re.compile(r"(?:https?://(?:www\.)?|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[\x21-\x7e]*)?")
OWN_DOMAIN = re.compile(r"\.(?:gov|edu|org|mil)(?:\.cn)?(?:/|$)|\.gov\.cn", re.I)
ACCESS_VERB = re.compile(r"(?:登录|登陆|访问|浏览|网址|网站|详见|进入|查询|参见|见|至|在|通过|点击)$")
SPAM_MIN_WORDS = 3
SPAM_MIN_COVER = 0.25


def _wedged(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] sits between two CJK characters with no space."""
    return a > 0 and b < len(text) and _han(text[a - 1]) and _han(text[b])


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def spliced(text: str) -> list[Edit]:
    """Deletions of URLs and site names wedged inside words."""
    edits: list[Edit] = []
    for m in URL.finditer(text):
        a, b = m.start(), m.end()
        if not _wedged(text, a, b) or OWN_DOMAIN.search(m.group()) or ACCESS_VERB.search(text[max(0, a - 4):a]):
            continue
        edits.append((a, b, ""))
    edits.extend((m.start(), m.end(), "") for m in vocab.alternation("noise_sites").finditer(text)
                 if _wedged(text, m.start(), m.end()))
    return sorted(edits)


def is_spam_line(line: str) -> bool:
    """Several spam keywords that together cover a good share of the line."""
    stripped = line.strip()
    if not stripped:
        return False
    if vocab.line_pattern("noise_spam_lines").match(stripped):
        return True
    hits = vocab.alternation("noise_spam").findall(stripped)
    if len(set(hits)) < SPAM_MIN_WORDS:
        return False
    visible = len(stripped.replace(" ", ""))
    return sum(map(len, hits)) >= SPAM_MIN_COVER * visible


def spam_lines(text: str) -> list[Edit]:
    """Deletions of whole spam lines (with their newline); only lines with keyword hits are judged."""
    starts = {text.rfind("\n", 0, m.start()) + 1 for m in vocab.alternation("noise_spam").finditer(text)}
    starts |= {m.start() for m in vocab.line_pattern("noise_spam_lines").finditer(text) if m.start() == 0 or
               text[m.start() - 1] == "\n"}
    edits: list[Edit] = []
    for pos in sorted(starts):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if is_spam_line(text[pos:end]):
            edits.append((pos, min(end + 1, len(text)), ""))
    return edits
