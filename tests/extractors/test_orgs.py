"""Organisation names: canonical form, kind and region (extractors/orgs.py)."""
from __future__ import annotations

import pytest

from extractors.orgs import canonical_names, describe_org

JILIN = {"province": "吉林省", "city": "吉林市"}


@pytest.mark.parametrize(("name", "canonical"), [
    pytest.param("市卫生局", "吉林市卫生局", id="relative_city_prefix"),
    pytest.param("吉林市卫生局", "吉林市卫生局", id="city_named_like_its_province"),
    pytest.param("省卫生厅", "吉林省卫生厅", id="relative_province_prefix"),
    pytest.param("市疾控中心", "吉林市疾病预防控制中心", id="alias_expanded"),
    pytest.param("市场监管总局", "市场监督管理总局", id="shichang_is_not_a_city_prefix"),
    pytest.param("山西卫生厅", "山西省卫生厅", id="short_province_name"),
    pytest.param("北京市中医管理局", "北京市中医管理局", id="municipality"),
    pytest.param("区人口和计生局", "区人口和计划生育局", id="no_county_in_context"),
])
def test_canonical(name, canonical):
    assert describe_org(name, JILIN)["canonical"] == canonical


@pytest.mark.parametrize(("name", "kind"), [
    pytest.param("吉林市卫生局", "卫生局", id="health_bureau"),
    pytest.param("中日友好医院", "医院", id="hospital"),
    pytest.param("市疾控中心", "疾控中心", id="cdc"),
    pytest.param("山西省人民政府", "政府", id="government"),
    pytest.param("国务院办公厅", "办公室", id="general_office"),
    pytest.param("发展改革委", "委员会", id="commission"),
    pytest.param("某某", None, id="unknown"),
])
def test_kind(name, kind):
    assert describe_org(name)["kind"] == kind


def test_region_of_a_prefixed_name():
    d = describe_org("吉林市卫生局")
    assert (d["province"], d["city"]) == ("吉林省", "吉林市")


def test_region_from_context_for_a_relative_name():
    d = describe_org("市卫生局", JILIN)
    assert (d["province"], d["city"]) == ("吉林省", "吉林市")


def test_relative_name_without_context_stays_as_printed():
    assert describe_org("市卫生局")["canonical"] == "市卫生局"


def test_aliases_within_a_document_share_one_name():
    out = canonical_names(["市卫生局", "吉林市卫生局", "科技局", "市科技局"], JILIN)
    assert out == {"市卫生局": "吉林市卫生局", "吉林市卫生局": "吉林市卫生局",
                   "科技局": "吉林市科技局", "市科技局": "吉林市科技局"}


def test_bare_name_stays_when_ambiguous():
    out = canonical_names(["科技局", "吉林市科技局", "长春市科技局"], JILIN)
    assert out["科技局"] == "科技局"
