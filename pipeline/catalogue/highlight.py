"""A document's text as HTML with extracted values in <mark>; everything else escaped."""
from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

MARK = Markup('<mark title="{}">{}</mark>')


def highlight_html(text: str, marks: Iterable[tuple[int, int, str, str, str]]) -> Markup:
    """`text` escaped, each (start, end, field, extractor, rule) span wrapped in <mark>.

    Spans are taken outermost first in text order; one nested in or overlapping an
    earlier span is skipped (its value is still in the evidence table).
    """
    out, at = [], 0
    for start, end, field, extractor, rule in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < at or end <= start or end > len(text):
            continue
        out.append(escape(text[at:start]))
        out.append(MARK.format(f"{field} · {extractor} · {rule}", text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)
