"""Injected noise: spliced URLs and site names, spam lines; and what must stay."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text
from pipeline.normalize.noise import is_spam_line


def norm(raw: str) -> str:
    return normalize_text(raw)[1].text


@pytest.mark.parametrize(("raw", "expected"), [
    ("各县(市)区卫生www.lindalemus.com局,各相关医疗机构", "各县(市)区卫生局,各相关医疗机构"),
    ("卫生http://spam.example.net/x?y=1局", "卫生局"),
    ("国家中医药管理局服务百医学全在线姓健康推进行动方案", "国家中医药管理局服务百姓健康推进行动方案"),
], ids=["url-in-a-word", "http-url-in-a-word", "site-name-in-a-word"])
def test_spliced_noise_is_removed(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize("raw", [
    "请登录www.nhc.gov.cn查询",
    "详见www.example.com网站",
    "访问www.chinadaily.com了解",
    "网站地址 https://www.nmpa.gov.cn/ 请访问",
    "E—mail: 573674195qq。com",
    "医学全在线 版权所有",
    "来源:吉林市卫生局 更新:2014/5/26 中国卫生人才网",
], ids=["gov-domain", "after-see", "after-visit", "url-between-spaces", "obfuscated-mail",
        "site-name-as-word", "site-name-after-space"])
def test_text_own_urls_and_standalone_names_stay(raw):
    assert norm(raw) == raw


@pytest.mark.parametrize(("line", "spam"), [
    ("精品一区二区中文在线,无遮挡h肉动漫在线观看,国产99视频精品免视看9,成全免费高清大全", True),
    ("主站蜘蛛池模板: 亚洲天堂男人影院| 国产免费视频", True),
    ("亚洲日韩精品一区二区三区| 欧美日韩不卡合集视频| 国产激情免费视频在线观看", True),
    ("加强与日本、欧美等国家和地区的合作，发展成人教育和社会福利事业，促进亚洲区域合作。", False),
    ("要结合全国大型义诊活动周工作部署视频会议精神，深入开展工作。", False),
    ("", False),
], ids=["seed-003-first-line", "spider-pool-block", "keyword-list", "policy-sentence-with-keywords",
        "one-keyword", "empty"])
def test_spam_lines(line, spam):
    assert is_spam_line(line) is spam


def test_spam_line_is_removed_with_its_line_break():
    raw = "精品一区二区中文在线,无遮挡h肉动漫在线观看,国产99视频精品免视看9\n醫療服務能力提升方案\n"
    assert norm(raw) == "医疗服务能力提升方案"
