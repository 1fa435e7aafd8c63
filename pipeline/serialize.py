"""Document <-> JSON-able dict, lossless for everything the loader reads.

Used to carry processed documents between processes and machines (the distributed
mode's shard files). `to_raw` is stored as runs of consecutive raw offsets, since
normalization keeps long stretches of text in place: a 30 KB page's map shrinks from
tens of thousands of ints to a few hundred pairs. Values that JSON would silently
change (tuples, non-str dict keys, sets) are tagged so they come back as they went in.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.types import Document, Found, Problem, Source, Span

FORMAT_VERSION = 1
SOURCE_FIELDS = ("path", "sha256", "size", "format", "encoding", "url", "referrer", "fetched_at", "text_source",
                 "ocr_confidence")
TAG = "__t"  # marks a tagged value: {"__t": "tuple", "v": [...]}


class SerializeError(ValueError):
    """A dict that is not a serialized Document of a version this code reads."""


def to_dict(doc: Document) -> dict[str, Any]:
    """One document as a dict of JSON types (str, int, float, bool, None, list, dict)."""
    return {
        "v": FORMAT_VERSION,
        "source": {k: getattr(doc.source, k) for k in SOURCE_FIELDS},
        "ordinal": doc.ordinal,
        "raw_text": doc.raw_text,
        "text": doc.text,
        # the common case (no traditional characters folded) costs nothing to store
        "original_text": None if doc.original_text == doc.text else doc.original_text,
        "to_raw": runs(doc.to_raw),
        "zones": {name: [[s.start, s.end] for s in spans] for name, spans in doc.zones.items()},
        "found": [_found(f) for f in doc.found],
        "problems": [problem_to_dict(p) for p in doc.problems],
    }


def from_dict(d: Mapping[str, Any]) -> Document:
    """The Document `to_dict` was given; raises SerializeError on another format version."""
    if d.get("v") != FORMAT_VERSION:
        raise SerializeError(f"serialized document has format version {d.get('v')!r}, "
                             f"this code reads {FORMAT_VERSION}; re-run the shards that wrote it")
    text = d["text"]
    original = d["original_text"]
    return Document(
        source=Source(**d["source"]),
        raw_text=d["raw_text"],
        text=text,
        to_raw=unruns(d["to_raw"]),
        ordinal=d["ordinal"],
        zones={name: [Span(s, e) for s, e in spans] for name, spans in d["zones"].items()},
        found=[_unfound(f) for f in d["found"]],
        problems=[problem_from_dict(p) for p in d["problems"]],
        original_text=text if original is None else original,
    )


def runs(offsets: list[int]) -> list[list[int]]:
    """[[first, length], ...] for each run of consecutive integers."""
    out: list[list[int]] = []
    for x in offsets:
        if out and out[-1][0] + out[-1][1] == x:
            out[-1][1] += 1
        else:
            out.append([x, 1])
    return out


def unruns(pairs: list[list[int]]) -> list[int]:
    out: list[int] = []
    for first, length in pairs:
        out.extend(range(first, first + length))
    return out


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _unspan(pair: list[int] | None) -> Span | None:
    return None if pair is None else Span(pair[0], pair[1])


def _found(f: Found) -> dict[str, Any]:
    return {"field": f.field, "value": encode(f.value), "span": _span(f.span), "rule": f.rule,
            "extractor": f.extractor, "attrs": encode(dict(f.attrs))}


def _unfound(d: Mapping[str, Any]) -> Found:
    return Found(field=d["field"], value=decode(d["value"]), span=_unspan(d["span"]), rule=d["rule"],
                 extractor=d["extractor"], attrs=decode(d["attrs"]))


def problem_to_dict(p: Problem) -> dict[str, Any]:
    return {"stage": p.stage, "code": p.code, "message": p.message, "span": _span(p.span)}


def problem_from_dict(d: Mapping[str, Any]) -> Problem:
    return Problem(stage=d["stage"], code=d["code"], message=d["message"], span=_unspan(d["span"]))


def encode(value: Any) -> Any:
    """A value from a Found as JSON types; tuples, sets, Spans and non-str keys are tagged."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": [encode(v) for v in value]}
    if isinstance(value, set | frozenset):
        # sorted by repr so the same set always serializes to the same bytes
        kind = "frozenset" if isinstance(value, frozenset) else "set"
        return {TAG: kind, "v": [encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, Span):
        return {TAG: "span", "v": [value.start, value.end]}
    if isinstance(value, Mapping):
        if all(isinstance(k, str) for k in value) and TAG not in value:
            return {k: encode(v) for k, v in value.items()}
        return {TAG: "map", "v": [[encode(k), encode(v)] for k, v in value.items()]}
    raise SerializeError(f"cannot serialize a {type(value).__name__} in a Found value; "
                         "extractors should return str, numbers, lists or dicts")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        tag = value.get(TAG)
        if tag is None:
            return {k: decode(v) for k, v in value.items()}
        items = value["v"]
        if tag == "tuple":
            return tuple(decode(v) for v in items)
        if tag == "set":
            return {decode(v) for v in items}
        if tag == "frozenset":
            return frozenset(decode(v) for v in items)
        if tag == "span":
            return Span(items[0], items[1])
        if tag == "map":
            return {decode(k): decode(v) for k, v in items}
        raise SerializeError(f"unknown tag {tag!r} in a serialized value")
    return value
