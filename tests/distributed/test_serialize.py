"""pipeline.serialize: Document -> dict -> JSON -> Document gives the same Document."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.serialize import SerializeError, from_dict, runs, to_dict, unruns
from pipeline.types import ZONES, Document, Found, Problem, Source, Span, make_doc

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"


def through_json(doc: Document) -> Document:
    return from_dict(json.loads(json.dumps(to_dict(doc), ensure_ascii=False)))


def rich_doc() -> Document:
    """Chrome cut out of the text (to_raw jumps), several zones, structured values, problems."""
    raw = "导航 首页\n关于开展义诊活动的通知\n晋卫办医政〔2013〕84号\n各市：不少于2000人次。\n"
    text = "关于开展义诊活动的通知\n晋卫办医政〔2013〕84号\n各市：不少于2000人次。"
    start = raw.index("关于")
    src = Source(path="corpus/x.html", sha256="ab" * 32, size=99, format="html", encoding="gb18030",
                 url="http://example.gov.cn/a.html", referrer="corpus/list.html", fetched_at="2024-01-02T03:04:05Z")
    n = text.index("晋")
    q = text.index("不少于")
    found = [
        Found("doc_number", "晋卫办医政〔2013〕84号", Span(n, n + 15), "bracket", "doc_number.v1"),
        Found("quotas", {"text": "不少于2000人次", "min": 2000.0, "max": None, "unit": "人次", "approx": False},
              Span(q, q + 10), "min_marker", "quotas.v2", attrs={"claimed": ("date", "phone"), "score": 0.5}),
        Found("section", ["一", "（三）"], Span(0, 4), "outline", "outline.v1", attrs={"level": 2, "ids": {1, 2}}),
    ]
    problems = [Problem("read", "W_ENCODING_GUESSED", "detected gb18030"),
                Problem("extract", "E_NO_BODY", "no body", Span(0, 3))]
    return Document(source=src, raw_text=raw, text=text, to_raw=[start + i for i in range(len(text) + 1)],
                    ordinal=2, zones={"header": [Span(0, 11)], "body": [Span(12, len(text))],
                                      "chrome": [Span(0, 5)]},
                    found=found, problems=problems, original_text=text.replace("关于", "關於"))


def empty_doc() -> Document:
    src = Source(path="broken.pdf", sha256="", size=0)
    return Document(source=src, raw_text="", problems=[Problem("read", "E_FILE_UNREADABLE", "cannot read")])


def seed_doc() -> Document:
    """A real document from the bundled corpus through every stage."""
    from pipeline.read import read_file
    from pipeline.stages import process

    return list(process([read_file(sorted(SEEDS.glob("*.txt"))[0])]))[0]


CASES = {
    "plain": lambda: make_doc("关于开展义诊活动的通知"),
    "zones-found-problems": rich_doc,
    "empty-with-problem": empty_doc,
    "bundled-seed-through-stages": seed_doc,
}


@pytest.mark.parametrize("make", CASES.values(), ids=CASES.keys())
def test_round_trip_through_json_is_equal(make):
    doc = make()
    back = through_json(doc)
    assert back == doc
    assert back.doc_id == doc.doc_id


def test_tagged_values_come_back_with_their_types():
    back = through_json(rich_doc())
    assert back.found[1].attrs["claimed"] == ("date", "phone")
    assert back.found[2].attrs["ids"] == {1, 2}


def test_same_document_serializes_to_the_same_bytes():
    assert json.dumps(to_dict(rich_doc())) == json.dumps(to_dict(rich_doc()))


def test_unknown_format_version_is_refused():
    d = to_dict(make_doc("文本"))
    d["v"] = 999
    with pytest.raises(SerializeError, match="format version 999"):
        from_dict(d)


def test_unserializable_value_names_its_type():
    doc = make_doc("文本", found=[Found("x", object(), Span(0, 1), "r")])
    with pytest.raises(SerializeError, match="object"):
        to_dict(doc)


@pytest.mark.parametrize(("offsets", "pairs"), [
    ([], []), ([5], [[5, 1]]), ([0, 1, 2, 7, 8, 8], [[0, 3], [7, 2], [8, 1]]),
], ids=["empty", "one", "runs-and-repeat"])
def test_to_raw_runs(offsets, pairs):
    assert runs(offsets) == pairs
    assert unruns(pairs) == offsets


# --- property: any document built from these parts survives the trip ---------------------

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(allow_nan=False)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=3)
                      | st.frozensets(st.integers(), max_size=3), max_leaves=8)


@st.composite
def documents(draw) -> Document:
    text = draw(st.text(max_size=40))
    n = len(text)
    spans = st.builds(lambda a, b: Span(min(a, b), max(a, b)), st.integers(0, n), st.integers(0, n))
    to_raw = sorted(draw(st.lists(st.integers(0, 200), min_size=n + 1, max_size=n + 1)))
    src = Source(path=draw(st.text(min_size=1, max_size=10)), sha256=draw(st.text(max_size=64)),
                 size=draw(st.integers(0, 10**9)), format=draw(st.none() | st.sampled_from(["html", "text"])),
                 encoding=draw(st.none() | st.text(max_size=8)), url=draw(st.none() | st.text(max_size=10)))
    found = draw(st.lists(st.builds(Found, st.text(max_size=8), values, spans, st.text(max_size=6),
                                    st.text(max_size=6), st.dictionaries(st.text(max_size=4), values, max_size=2)),
                          max_size=4))
    problems = draw(st.lists(st.builds(Problem, st.text(max_size=6), st.text(max_size=6), st.text(max_size=10),
                                       st.none() | spans), max_size=3))
    zones = draw(st.dictionaries(st.sampled_from(ZONES), st.lists(spans, max_size=3), max_size=3))
    return Document(source=src, raw_text=draw(st.text(max_size=60)), text=text, to_raw=to_raw,
                    ordinal=draw(st.integers(0, 50)), zones=zones, found=found, problems=problems,
                    original_text=draw(st.sampled_from([text, ""]) | st.text(max_size=20)))


@settings(max_examples=200, deadline=None)
@given(documents())
def test_any_document_round_trips(doc):
    assert through_json(doc) == doc
