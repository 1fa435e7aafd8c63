"""Our Chinese numeral reader agrees with cn2an (the reference implementation) on every
well-formed numeral; cn2an is a test dependency only, since ours also reads forms it
rejects (百名, 两千余) and costs nothing to import."""
from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.grammar.numerals import cn_int, to_number


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_cn_int_reads_what_cn2an_writes(n):
    written = cn2an.an2cn(n, "low")
    assert cn_int(written) == n, written


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_to_number_reads_daxie(n):
    written = cn2an.an2cn(n, "up")  # 壹佰壹拾壹: the amounts of receipts and contracts
    assert to_number(written) == n, written


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=9_999_999), st.integers(min_value=1, max_value=999))
def test_to_number_reads_decimals(whole, frac):
    printed = f"{whole}.{frac:03d}".rstrip("0")
    written = cn2an.an2cn(printed, "low")  # 一百点零五
    assert to_number(written) == to_number(printed), written


@pytest.mark.parametrize("n", [1010, 2012, 10015, 100010, 2005, 1001])
def test_ling_before_a_bare_ten(n):
    written = cn2an.an2cn(n, "low").replace("零一十", "零十")  # 一千零十, as notices print it
    assert cn_int(written) == n, written
