"""Chinese search: the pair index and the typed-query rewrite, in SQLite directly."""
from __future__ import annotations

import sqlite3

import pytest
from datasette.utils import escape_fts

from pipeline.catalogue.fts import MAX_QUERY_CHARS, QueryTooLong, bigrams, fts_query, spaced

TEXTS = {
    1: "各地要组织开展义诊活动，每个县不少于2000人次，明确责任单位和完成时限。",
    2: "根据晋卫办医政〔2013〕84号文件，做好诊疗服务。",
    3: "义务教育阶段学生体检，由市教育局负责。",
    4: "Report on COVID-19 vaccination 接种 2021",
    5: "加强兽医，保障畜牧业发展。",
    6: "完善医保支付方式，推进疫苗接种。",
    7: "医\n保",
}


def _index(tokenize: str, transform) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE f USING fts5(body, tokenize='{tokenize}')")
    conn.executemany("INSERT INTO f(rowid, body) VALUES (?, ?)", [(k, transform(v)) for k, v in TEXTS.items()])
    return conn


def _search(conn, query: str) -> set[int]:
    return {r[0] for r in conn.execute("SELECT rowid FROM f WHERE f MATCH ?", [query])}


PAIRS = _index("unicode61", bigrams)


@pytest.mark.parametrize("typed, expected", [
    ("义诊", {1}),                          # a two-character word
    ("义诊活动", {1}),                      # a phrase typed without spaces
    ("责任单位", {1}),                      # a unit label
    ("晋卫办医政〔2013〕84号", {2}),        # a document number
    ("晋卫办医政[2013]84号", {2}),          # ... typed with ASCII brackets
    ("晋卫办医政（2013）84号", {2}),        # ... or full-width parentheses
    ("义务", {3}),                          # shares 义 with 义诊, but not the word
    ("诊疗 服务", {2}),                     # two words: both must occur
    ('"开展义诊"', {1}),                    # a quoted phrase
    ("醫療", set()),                        # traditional is folded to simplified: 医疗 is absent
    ("義診", {1}),                          # traditional 義診 -> 义诊
    ("covid", {4}),                         # latin words stay words, case-folded
    ("２０２１", {4}),                      # fullwidth digits are NFKC-folded
    ("诊义", set()),                        # order matters inside a word
    ("2000人次", {1}),
    ("000人次", set()),                     # digit runs are whole tokens
    ("义诊 OR 体检", {1, 3}),               # either word
    ("义诊 | 体检", {1, 3}),                # ... spelled |
    ("医保 OR 疫苗", {6}),
    ("医保 OR 疫苗 义诊", set()),           # OR binds its two neighbours, then AND
    ("接种 -医保", {4}),                    # -word: without it
    ("接种 NOT 医保", {4}),                 # ... spelled NOT
    ("-医保", set()),                       # negatives only: nothing (never "医保")
    ("医保", {6}),                          # pairs never cross punctuation (兽医，保障) or a line break
    ('"兽医，保障"', {5}),                  # a phrase typed across the punctuation still matches
    ("兽医保障", set()),                    # ... but not without it
    ("保障", {5}),
    ('" OR 1=1 --', set()),                 # hostile quoting stays literal text
    ("义诊*", {1}),                         # FTS5 syntax typed by a user is text
    ("body:义诊", set()),
    ("〔〕", set()),                        # punctuation only: matches nothing, no error
    ("", set()),
], ids=lambda v: repr(v) if isinstance(v, str) else None)
def test_typed_query_matches_the_pair_index(typed, expected):
    assert _search(PAIRS, fts_query(typed)) == expected


@pytest.mark.parametrize("length, refused", [(MAX_QUERY_CHARS, False), (MAX_QUERY_CHARS + 1, True)],
                         ids=["at-the-limit", "past-the-limit"])
def test_long_queries_are_refused_before_any_work(length, refused):
    if refused:
        with pytest.raises(QueryTooLong):
            fts_query("义" * length)
    else:
        assert fts_query("义" * length).startswith('"')


@pytest.mark.parametrize("text, expected", [
    ("义诊活动", "义诊 诊活 活动 动"),
    ("兽医，保障", "兽医 医 保障 障"),
    ("医\n保", "医 保"),
    ("医 保", "医 保"),
    ("84号文", "84 号文 文"),
], ids=["run", "punctuation", "line-break", "space", "digits"])
def test_pairs_never_cross_a_separator(text, expected):
    assert bigrams(text).replace(",", " ").split() == expected.split()  # NFKC folds ， to ,


@pytest.mark.parametrize("typed", ["义诊", "义诊活动", "责任单位", "晋卫办医政〔2013〕84号"])
def test_plain_unicode61_with_datasettes_escape_fails_on_chinese(typed):
    """Why the design exists: FTS5 keeps a hanzi run as one token."""
    assert _search(_index("unicode61", str), escape_fts(typed)) == set()


@pytest.mark.parametrize("typed, expected", [("义诊", set()), ("义诊活动", {1})])
def test_trigram_index_misses_two_character_words(typed, expected):
    assert _search(_index("trigram", str), escape_fts(typed)) == expected


@pytest.mark.parametrize("text, expected", [
    ("义诊2000人次", " 义  诊 2000 人  次 "),
    ("COVID-19", "COVID-19"),
    ("", ""),
    (None, ""),
])
def test_spaced_puts_each_cjk_character_apart(text, expected):
    assert spaced(text) == expected
