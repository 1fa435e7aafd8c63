"""Our Chinese numeral reader agrees with cn2an (the reference implementation) on every
well-formed numeral; cn2an is a test dependency only, since ours also reads forms it
rejects (百名, 两千余) and costs nothing to import."""
from __future__ import annotations

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.grammar.numerals import cn_int


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_cn_int_reads_what_cn2an_writes(n):
    written = cn2an.an2cn(n, "low")
    assert cn_int(written) == n, written
