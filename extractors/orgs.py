"""Organisation names: kind, region, and one canonical form per document.

Public API for the catalogue:
    describe_org(name, context_region=None) -> {"canonical", "kind", "province", "city"}
    canonical_names(names, context_region=None) -> {name: canonical}
    describe_orgs(names, context_region=None) -> {name: describe_org(...)}, one document's names
        resolved together (省财政厅 and 河北省财政厅 are one body, its region filled in)
`context_region` is the issuer's region, e.g. {"province": "吉林省", "city": "吉林市"}; a
relative prefix (市卫生局, 省卫生厅, 区卫生局) takes it, so 市卫生局 and 吉林市卫生局 in a
Jilin-city notice are one organisation. Short forms expand by data (`org_aliases.tsv`:
卫健委 -> 卫生健康委员会, 疾控中心 -> 疾病预防控制中心); kinds come from name endings
(`org_kinds.tsv`); provinces and their short names from `regions.tsv` (its province rows).

Recognising names in printed lists also lives here (`is_org`, `pieces`, used by units.py):
a name must end like an organisation (`unit_suffixes.txt`), and lists split on 、，,； and on
会同/和/及 only where both sides are complete names (`unit_words.tsv`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SEPARATORS = re.compile(r"[、，,；;]")
STRIP = " \u3000\t\n“”\"'"
# A leading 市/省/区/县 is relative ("the city's") unless it starts a word of its own.
RELATIVE = {"省": "province", "市": "city", "区": "county", "县": "county"}
NOT_RELATIVE = ("市场", "市容", "市民", "市区", "省份", "区域", "县域", "县级", "市级", "省级", "区级")
CITY = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:市|自治州|州|地区|盟)")
COUNTY = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:区|县|旗)(?![域级])")


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _provinces() -> list[tuple[str, str, bool]]:
    """(printed form, full name, municipality), longest printed form first."""
    out = []
    for full, shorts, level, *_ in _rows("regions.tsv"):
        if level != "province":
            continue
        muni = full.endswith(("市", "特别行政区"))  # no province/city split below them
        out.append((full, full, muni))
        out += [(s, full, muni) for s in shorts.split(",") if len(s) > 1]
    return sorted(out, key=lambda t: -len(t[0]))


@lru_cache(maxsize=1)
def _kinds() -> list[tuple[str, str]]:
    return sorted(((r[0], r[1]) for r in _rows("org_kinds.tsv")), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def _aliases() -> list[tuple[str, str]]:
    return sorted(((r[0], r[1]) for r in _rows("org_aliases.tsv")), key=lambda kv: -len(kv[0]))


def kind_of(name: str) -> str | None:
    for ending, kind in _kinds():
        if name.endswith(ending):
            return kind
    return None


def expand(body: str) -> str:
    """The long form of a name's ending (卫健委 -> 卫生健康委员会)."""
    for short, long in _aliases():
        if body.endswith(short) and not body.endswith(long):
            return body[: -len(short)] + long
    return body


def split_region(name: str) -> tuple[str | None, str | None, str | None, str]:
    """(province, city, county, rest) printed at the start of `name`."""
    province = city = county = None
    rest = name
    for printed, full, muni in _provinces():
        if rest.startswith(printed):
            after = rest[len(printed):]
            if after.startswith("市") and not muni:  # 吉林市 is a city of 吉林省
                province, city, rest = full, printed + "市", after[1:]
            else:
                province = full
                rest = after[1:] if after[:1] in "省市" and not printed.endswith(("省", "市")) else after
                city = full if muni else None
            break
    if city is None:
        m = CITY.match(rest)
        if m and len(rest) > m.end() and not rest.startswith(NOT_RELATIVE):
            city, rest = m.group(), rest[m.end():]
    m = COUNTY.match(rest)
    if m and len(rest) > m.end() + 1 and m.end() > 1 and not rest.startswith(NOT_RELATIVE):
        county, rest = m.group(), rest[m.end():]
    return province, city, county, rest


def describe_org(name: str, context_region: dict | None = None) -> dict:
    """Canonical name, kind, province and city of one organisation name."""
    ctx = context_region or {}
    name = re.sub(r"\s+", "", name)
    province, city, county, rest = split_region(name)
    if not (province or city or county) and rest[:1] in RELATIVE and not rest.startswith(NOT_RELATIVE):
        level = RELATIVE[rest[0]]
        target = ctx.get(level) or (ctx.get("district") if level == "county" else None)
        if target:
            rest = rest[1:]
            province = ctx.get("province")
            if level == "city":
                city = target
            elif level == "county":
                city, county = ctx.get("city"), target
    if city and not province and city == ctx.get("city"):
        province = ctx.get("province")
    region = (city or province or "") + (county or "")
    canonical = region + expand(rest)
    return {"canonical": canonical, "kind": kind_of(canonical), "province": province, "city": city}


def canonical_names(names: list[str], context_region: dict | None = None) -> dict[str, str]:
    """One canonical name per organisation among `names`: a bare 科技局 joins 市科技局 when
    the document names exactly one regional 科技局."""
    described = {n: describe_org(n, context_region)["canonical"] for n in names}
    out = {}
    for n, canon in described.items():
        if split_region(n)[:3] == (None, None, None) and n[:1] not in RELATIVE:
            matches = {c for c in described.values() if c != canon and c.endswith(canon)}
            if len(matches) == 1:
                canon = matches.pop()
        out[n] = canon
    return out


def describe_orgs(names: list[str], context_region: dict | None = None) -> dict[str, dict]:
    """`describe_org` for the names of one document, short and full forms of a body made one.

    1. The document's own region fills in a relative prefix (省财政厅 in a Hebei notice).
    2. When that is unknown, the region its full names agree on does (河北省财政厅 beside 省卫生厅:
       both are Hebei's).
    3. A name still without a region (省财政厅, 财政厅) joins the one regional name in the
       document that ends the same way (河北省财政厅), taking its region.
    """
    ctx = dict(context_region or {})
    out = {n: describe_org(n, ctx) for n in names}
    if not ctx.get("province"):
        provinces = {d["province"] for d in out.values() if d["province"]}
        if len(provinces) == 1:
            ctx["province"] = provinces.pop()
            cities = {d["city"] for d in out.values() if d["city"]}
            if len(cities) == 1 and not ctx.get("city"):
                ctx["city"] = cities.pop()
            out = {n: describe_org(n, ctx) for n in names}
    regional = [d for d in out.values() if d["province"] or d["city"]]
    for n, d in out.items():
        if d["province"] or d["city"]:
            continue
        body = d["canonical"][1:] if d["canonical"][:1] in RELATIVE else d["canonical"]
        matches = {r["canonical"]: r for r in regional if r["canonical"].endswith(body) and len(body) >= 2}
        if len(matches) == 1:
            out[n] = dict(next(iter(matches.values())))
    return out


# Recognising and splitting printed lists of organisation names (used by units.py).

@lru_cache(maxsize=1)
def vocab() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for line in (DATA / "unit_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, word, *rest = line.split("\t")
            out.setdefault(kind, []).append((word, rest[0] if rest else ""))
    for kind in out:
        out[kind].sort(key=lambda wr: -len(wr[0]))
    return out


@lru_cache(maxsize=1)
def suffixes() -> tuple[str, ...]:
    lines = (DATA / "unit_suffixes.txt").read_text(encoding="utf-8").splitlines()
    return tuple(sorted((s for s in lines if s and not s.startswith("#")), key=len, reverse=True))


def unit_words(kind: str) -> tuple[str, ...]:
    """Words of one kind from unit_words.tsv (label, verb, generic, person, adverb, joiner)."""
    return tuple(w for w, _ in vocab().get(kind, []))


def unit_words_roles(kind: str) -> list[tuple[str, str]]:
    """(word, role) pairs of one kind, longest word first."""
    return vocab().get(kind, [])


def is_org(name: str) -> bool:
    """A complete organisation name: ends like one, and is no person, role or generic.

    A name + 系统 (国家税务局系统: the body's whole hierarchy, NOTES-X1) is one when the name is.
    """
    for word in unit_words("collective"):
        if name.endswith(word) and len(name) > len(word):
            return is_org(name[: -len(word)])
    return (len(name) >= 2 and name.endswith(suffixes()) and not name.endswith(unit_words("person"))
            and name not in unit_words("generic"))


def names_persons(text: str, a: int, b: int) -> bool:
    """The list's last piece names persons (居民委员会、村民委员会成员): its head noun is shared,
    so the whole list names members, not units (FORMAT.md: members are not units)."""
    last = SEPARATORS.split(text[a:b])[-1]
    la, lb = _trim(last, 0, len(last))
    return last[la:lb].endswith(unit_words("person"))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in STRIP:
        a += 1
    while b > a and text[b - 1] in STRIP:
        b -= 1
    head = re.match(r"(?:由|其中|并|和|及|与|以及)(?=..)", text[a:b])
    if head:
        a += head.end()
    tail = re.search(r"(?:[（(](?:牵头|负责|配合|参与)[）)]|" + "|".join(unit_words("adverb")) + ")$", text[a:b])
    if tail:
        b = a + tail.start()  # 市卫生局（牵头）, X、Y按照职责分工
    tail = re.search(r"等(?:" + "|".join(unit_words("generic")) + ")?$|等$", text[a:b])
    if tail:
        b = a + tail.start()
    return a, b


def _join_split(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a piece on 会同/和/及/与 where both sides are complete names (工伤保险科和市社保局)."""
    name = text[a:b]
    for joiner in unit_words("joiner"):
        at = name.find(joiner)
        while at > 0:
            la, lb = _trim(text, a, a + at)
            ra, rb = _trim(text, a + at + len(joiner), b)
            right = text[ra:rb]
            if is_org(text[la:lb]) and (is_org(right) or right in unit_words("generic") or "有关" in right):
                return _join_split(text, la, lb) + _join_split(text, ra, rb)
            at = name.find(joiner, at + 1)
    return [(a, b)]


def _outside_brackets(text: str, seps: list[re.Match[str]], a: int) -> list[re.Match[str]]:
    """Separators not inside （…）: 各县（市、区）人民政府 is one name (NOTES-D1 recipients)."""
    out, depth, pos = [], 0, a
    for sep in seps:
        seg = text[pos: sep.start()]
        depth = max(0, depth + seg.count("（") + seg.count("(") - seg.count("）") - seg.count(")"))
        if depth == 0:
            out.append(sep)
        pos = sep.start()
    return out


def _space_split(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A space inside a piece: two names side by side (`国家卫生健康委 国家中医药局`), or a page that
    prints spaces for commas (`由国家科委统一刻制 国家中医药管理局负责`: the 由 governs the first
    clause, and the body of the second is running text, so neither is a unit here)."""
    name = text[a:b]
    if " " not in name.strip():
        return [(a, b)]
    parts, pos = [], a
    for part in name.split(" "):
        if part:
            parts.append((pos, pos + len(part)))
        pos += len(part) + 1
    return parts if all(is_org(text[pa:pb]) for pa, pb in parts) else []


def pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The unit names in text[a:b], as spans; generic and non-organisation pieces dropped."""
    out, pos = [], a
    for sep in [*_outside_brackets(text, list(SEPARATORS.finditer(text, a, b)), a), None]:
        end = sep.start() if sep else b
        pa, pb = _trim(text, pos, end)
        for ja, jb in _join_split(text, pa, pb):
            for sa, sb in _space_split(text, ja, jb):
                if is_org(text[sa:sb]):
                    out.append((sa, sb))
        pos = sep.end() if sep else b
    return out
