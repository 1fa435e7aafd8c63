"""Property tests over every registered extractor: any string is safe, spans stay honest."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import REGISTRY
from pipeline.extract import run_extractors
from pipeline.types import make_doc

# Pieces real notices are made of, so generated strings reach deep into every grammar.
PIECES = ["晋卫办医政", "〔", "〕", "[", "]", "（", "）", "(", ")", "2013", "84", "号", "年", "月", "日", "前", "底",
          "二〇〇九", "十", "百", "千", "万", "亿", "两", "不少于", "不超过", "以上", "以内", "左右", "约", "余", "人次", "名",
          "%", "百分之", "-", "～", "至", "、", "，", "：", ":", "。", "；", "\n", " ", "附件", "1.", "2、", "抄送",
          "联系人", "电话", "0351-1234567", "13800138000", "由", "负责", "牵头", "责任单位", "配合单位", "一、", "（一）",
          "第三条", "关于", "印发", "通知", "方案", "卫生局", "人民政府", "办公室", "《", "》", "“", "”", "20xx", "〔20**〕",
          "发文机关", "成文日期", "发布日期", "标题", "来源", "更新", "岁", "级", "第", "批", "\u3000", "\x00", "\ud7ff"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@SETTINGS
@given(text=texts)
def test_no_extractor_raises_and_spans_stay_inside(text):
    doc = make_doc(text)
    found = run_extractors(doc)
    assert not [p for p in doc.problems if p.code == "E_EXTRACTOR_FAILED"], doc.problems
    for f in found:
        assert 0 <= f.span.start < f.span.end <= len(text), f


@pytest.mark.slow
@pytest.mark.parametrize("ext", REGISTRY, ids=[e.name for e in REGISTRY])
@SETTINGS
@given(text=texts)
def test_extractor_is_pure(ext, text):
    """Running an extractor twice on the same document gives the same candidates and leaves it unchanged."""
    doc = make_doc(text)
    before = (doc.text, dict(doc.zones), list(doc.found))
    first = ext.run(doc)
    second = ext.run(doc)
    assert first == second
    assert (doc.text, dict(doc.zones), list(doc.found)) == before
