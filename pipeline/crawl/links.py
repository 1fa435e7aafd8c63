"""Reading fetched HTML: decode it, find its links, and tell listings from notices.

Link kinds are hints from the URL and the anchor: `attachment` (a file), `pager` (the next
or another page of a listing), `notice` (a URL shaped like a notice) or `page` (unknown).
The page itself is classified after it is fetched, from its URL, the hint it was reached
by, and its content (pagination, notice-like links, text outside links).
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from itertools import islice
from urllib.parse import parse_qsl, urlsplit

from lxml import etree
from lxml import html as lxml_html

from pipeline.crawl.disposition import usable_codec
from pipeline.crawl.profiles import Profile
from pipeline.crawl.sniff import extension
from pipeline.crawl.urls import normalize, path_and_query

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
# gb2312/gbk pages routinely hold characters only gb18030 has; gb18030 is a superset of both.
WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
         "cp936": "gb18030", "ascii": "utf-8", "us-ascii": "utf-8"}
XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
NON_LINK_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "#")
HTML_EXTENSIONS = (".htm", ".html", ".shtml")  # not .jsp/.php: download.jsp?id=7 serves files
MAX_SCRIPT_PAGES = 500  # a JS pager claiming a million pages must not flood the frontier
# Work on one page is capped, so a 13 MB listing costs what a 2 MiB one does (it took 47 s,
# lxml ignoring Ctrl-C meanwhile). The file is still saved whole; only link-finding stops.
MAX_PARSE_BYTES = 2 * 1024 * 1024
MAX_LINKS = 5000  # anchors (and script pager pages) looked at on one page
BRACKETS = "[]【】<>《》()（）「」 "
_TEXT_OUTSIDE_LINKS = etree.XPath("//body//text()[not(ancestor::a) and not(ancestor::script) "
                                  "and not(ancestor::style) and not(ancestor::noscript)]")
_TEXT_IN_LINKS = etree.XPath("//body//a//text()")
_TEXT = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style) "
                     "and not(ancestor::noscript)]")


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str
    kind: str  # attachment | pager | notice | page


@dataclass(frozen=True, slots=True)
class Page:
    kind: str  # listing | notice | page
    links: tuple[Link, ...]
    text_hash: str | None = None  # sha256 of the body text without whitespace; None when it has none
    notes: tuple[str, ...] = ()  # where the work caps cut the page short


def _codec(name: str | None) -> str | None:
    """A declared charset that can decode this page, else None (the caller falls back).

    The markup itself is ASCII, so a charset that cannot read ASCII is a lie: 'base64' is no text
    codec, 'undefined' and 'punycode' raise, utf-16 without a BOM garbles."""
    found = usable_codec(name) if name else None
    return WIDEN.get(found, found) if found else None


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """BOM, then the declared charset (header, then meta), then utf-8, then gb18030; never raises."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    header = HEADER_CHARSET.search(content_type or "")
    meta = META_CHARSET.search(data[:4096])
    declared = _codec(header.group(1) if header else None) or _codec(
        meta.group(1).decode("ascii", "replace") if meta else None)
    for codec in dict.fromkeys(c for c in (declared, "utf-8", "gb18030") if c):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode(declared or "utf-8", errors="replace")


def parse_html(text: str) -> etree._Element | None:
    """An lxml tree from decoded text (never bytes: lxml misreads GBK); None when there is no markup."""
    text = XML_DECL.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    if not text.strip():
        return None
    try:
        return lxml_html.document_fromstring(text, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return None


def _matches(patterns: tuple[re.Pattern[str], ...], url: str) -> bool:
    target = path_and_query(url)
    return any(rx.search(target) for rx in patterns)


def is_pager(url: str, text: str, profile: Profile) -> bool:
    """Pagination by anchor text (下一页), URL shape (index_1.html) or a page-number query (?page=2)."""
    label = text.strip().lower()
    if label in profile.pagination_texts or label.strip(BRACKETS) in profile.pagination_texts:
        return True
    if _matches(profile.pager_url, url):
        return True
    return any(k.lower() in profile.page_query_keys and v.strip().isdigit()
               for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True))


def link_kind(url: str, text: str, profile: Profile) -> str | None:
    """A hint for where a link leads, or None for links not worth a request (images, scripts)."""
    ext = extension(url)
    if ext in profile.skip_extensions:
        return None
    if ext in profile.attachment_extensions:
        return "attachment"
    if is_pager(url, text, profile):
        return "pager"
    if _matches(profile.notice_url, url):
        return "notice"
    label = text.strip().lower()
    if ext not in HTML_EXTENSIONS and any(rx.search(label) for rx in profile.attachment_text):
        return "attachment"
    return "page"


def _base_url(root: etree._Element, page_url: str) -> str:
    for href in root.xpath("//base/@href")[:1]:
        return normalize(str(href), base=page_url) or page_url
    return page_url


def _page_count(digits: str) -> int:
    """A script pager's page count, capped; a 5,000-digit count is not handed to int() (it refuses)."""
    digits = digits.lstrip("0")
    if len(digits) > len(str(MAX_SCRIPT_PAGES)):
        return MAX_SCRIPT_PAGES
    return min(int(digits or "0"), MAX_SCRIPT_PAGES)


def _script_pages(text: str, page_url: str, profile: Profile) -> list[str]:
    """Pages a JS pager would print: TRS createPageHTML(3, 0, "index", "html") -> index_1, index_2."""
    urls: list[str] = []
    for rx in profile.pager_script:
        for m in rx.finditer(text):
            count = min(_page_count(m.group("count")), MAX_SCRIPT_PAGES - len(urls))
            for i in range(1, count):
                url = normalize(f"{m.group('stem')}_{i}.{m.group('ext')}", base=page_url)
                if url:
                    urls.append(url)
            if len(urls) >= MAX_SCRIPT_PAGES - 1:
                return urls
    return urls


def extract_links(root: etree._Element, text: str, page_url: str, profile: Profile) -> list[Link]:
    """Every followable link of a page, first occurrence wins, with its kind hint."""
    base = _base_url(root, page_url)
    forced: dict[int, str] = {}
    # lxml hands out a Python proxy per element and frees it when unreferenced; a later proxy
    # may reuse a freed one's id() (a notice link then read as a pager). Holding the matched
    # elements keeps their proxies, so root.iter() below returns those same objects.
    held: list[etree._Element] = []
    selectors = [*((x, "pager") for x in profile.next_page), *((x, "notice") for x in profile.notice_links)]
    for xp, kind in selectors:
        for a in xp(root):
            if isinstance(a, etree._Element):
                held.append(a)
                forced[id(a)] = kind
    links: dict[str, Link] = {}
    for seen, a in enumerate(root.iter("a", "area")):
        if seen >= MAX_LINKS:
            break
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(NON_LINK_SCHEMES):
            continue
        url = normalize(href, base=base)
        if url is None or url in links:
            continue
        label = " ".join(a.text_content().split())
        kind = link_kind(url, label, profile)
        if kind is None:
            continue
        if kind in ("page", "notice"):  # a profile's selectors know the site better than URL shapes
            kind = forced.get(id(a), kind)
        links[url] = Link(url, label, kind)
    for url in _script_pages(text, page_url, profile):
        links.setdefault(url, Link(url, "", "pager"))
    return list(links.values())


def _chars(nodes: list) -> int:
    return sum(len("".join(str(n).split())) for n in nodes)


def classify(url: str, root: etree._Element, links: list[Link], profile: Profile, hint: str) -> str:
    """listing, notice or page (an HTML page that is neither: followed, not saved)."""
    if _matches(profile.notice_url, url):
        return "notice"
    if hint == "pager" or _matches(profile.pager_url, url):
        return "listing"
    if any(xp(root) for xp in profile.body):
        return "notice"
    noticey = sum(1 for link in links if link.kind == "notice")
    if any(link.kind == "pager" for link in links):
        return "listing"
    if _matches(profile.listing_url, url) and noticey:
        return "listing"
    outside, inside = _chars(_TEXT_OUTSIDE_LINKS(root)), _chars(_TEXT_IN_LINKS(root))
    if outside >= profile.min_notice_chars and outside > inside:
        return "notice"
    if noticey >= profile.min_listing_links:
        return "listing"
    return "page"


def _head(data: bytes) -> bytes:
    """At most MAX_PARSE_BYTES, cut before a '<' (no UTF-8 or GBK character holds that byte)."""
    if len(data) <= MAX_PARSE_BYTES:
        return data
    cut = data.rfind(b"<", 0, MAX_PARSE_BYTES)
    return data[:cut if cut > 0 else MAX_PARSE_BYTES]


def analyze(data: bytes, content_type: str | None, url: str, profile: Profile, hint: str) -> Page:
    """Decode, parse, link and classify one HTML response, within the work caps."""
    head = _head(data)
    notes = [f"links read from the first {len(head)} of {len(data)} bytes"] if len(head) < len(data) else []
    text = decode_html(head, content_type)
    root = parse_html(text)
    if root is None:
        return Page("page", (), notes=tuple(notes))
    links = extract_links(root, text, url, profile)[:MAX_LINKS]
    if len(links) >= MAX_LINKS or next(islice(root.iter("a", "area"), MAX_LINKS, None), None) is not None:
        notes.append(f"only the first {MAX_LINKS} links looked at")
    # A page read only in part has no trustworthy text hash: two giants may differ past the cut.
    digest = None if len(head) < len(data) else text_hash(root)
    return Page(classify(url, root, links, profile, hint), tuple(links), digest, tuple(notes))


def text_hash(root: etree._Element) -> str | None:
    """What two copies of one page share whatever their URL: the body text, whitespace removed."""
    text = "".join("".join(str(n).split()) for n in _TEXT(root))
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None
