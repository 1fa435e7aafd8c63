"""主题分类 from titles by the keyword scheme in pipeline/catalogue/data/topics.tsv."""
from __future__ import annotations

import pytest

from pipeline.catalogue.topics import OTHER, scheme, topic_of, topics


@pytest.mark.parametrize(("title", "expected"), [
    pytest.param("关于开展全省大型义诊活动周的通知", "医疗服务", id="yizhen_medical_service"),
    pytest.param("关于做好2019年城乡居民基本医疗保险工作的通知", "医保", id="insurance"),
    pytest.param("关于开展药品集中采购工作的通知", "药品", id="drug_procurement_before_service"),
    pytest.param("关于加强中医医院建设的意见", "中医药", id="tcm_before_hospital"),
    pytest.param("关于做好传染病疫情报告的通知", "公共卫生", id="public_health"),
    pytest.param("关于下达2020年专项补助资金的通知", "财税", id="funds"),
    pytest.param("关于召开工作会议的通知", OTHER, id="none_is_other"),
    pytest.param(None, None, id="no_title"),
])
def test_topic_of_title(title, expected):
    assert topic_of(title) == expected


def test_every_topic_has_keywords_and_other_closes_the_list():
    assert all(words for _, words in scheme()) and topics()[-1] == OTHER
    assert len(set(topics())) == len(topics())
