"""The codec yardstick: the per-distinct-character count equals the per-character definition."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.read.hanzi import common_ratio, common_ratio_reference

PAGE_CHARS = st.sampled_from(list("卫生健康委员会关於開展义诊活动。，、“”（）0123456789abc \n\t\u3000！ＡＢ￥$ぁァΩ─\ue000\ufffd"))


@given(st.text(PAGE_CHARS, max_size=400) | st.text(max_size=200))
def test_common_ratio_equals_its_definition(text):
    assert common_ratio(text) == common_ratio_reference(text)


def test_common_ratio_respects_the_sample():
    text = "卫" * 10 + "ぁ" * 10
    assert common_ratio(text, sample=10) == (1.0, 10)
    assert common_ratio(text) == (0.5, 20)
