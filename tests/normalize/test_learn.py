"""Learning a site's noise vocabulary from pages about unrelated things."""
from __future__ import annotations

import pytest

from pipeline.normalize.learn import learn, main

NAV = "首页 | 机构概况 | 政务公开 | 通知公告 | 政策解读"
FOOTER = "版权所有：某某卫生网 京ICP备12345678号"
TOPICS = ["关于开展义诊活动的通知", "关于做好职称评审工作的通知", "关于印发护理质量方案的通知",
          "关于公布继续教育项目的通知", "关于加强疫苗管理的意见"]


def page(i: int, splice: bool = False) -> str:
    body = f"为做好{TOPICS[i][2:8]}工作，现将有关事项通知如下。"
    if splice:
        body = body.replace("有关", "有某某卫生网关")
    return f"某某卫生网\n{NAV}\n{TOPICS[i]}\n一、工作目标\n{body}\n二、工作要求\n各单位要认真落实。\n{FOOTER}\n"


@pytest.fixture()
def pages() -> list[str]:
    return [page(i, splice=(i == 2)) for i in range(5)]


def test_recurring_lines_are_boilerplate(pages):
    lines = dict(learn(pages, min_docs=3).lines)
    assert lines[NAV] == 5 and lines[FOOTER] == 5 and lines["某某卫生网"] == 5


@pytest.mark.parametrize("line", ["一、工作目标", "二、工作要求", "各单位要认真落实。", TOPICS[0]],
                         ids=["outline-heading", "second-heading", "shared-sentence", "a-title"])
def test_document_lines_are_not_learned(pages, line):
    assert line not in dict(learn(pages, min_docs=3).lines)


def test_site_name_spliced_into_a_word_is_learned(pages):
    sites = dict(learn(pages, min_docs=3).sites)
    assert sites == {"某某卫生网": 1}


def test_nothing_recurs_on_unrelated_sites():
    result = learn(["甲网站\n第一篇文章。", "乙网站\n第二篇文章。", "丙网站\n第三篇文章。"], min_docs=2)
    assert result.lines == [] and result.sites == []


def test_cli_prints_learned_lines_and_sites(tmp_path, pages, capsys):
    for i, text in enumerate(pages):
        (tmp_path / f"p{i}.txt").write_text(text, encoding="utf-8")
    assert main([str(tmp_path), "--min-docs", "3"]) == 0
    out = capsys.readouterr().out
    assert f"line\t5\t{NAV}" in out and "site\t1\t某某卫生网" in out


def test_cli_refuses_a_missing_folder(tmp_path, capsys):
    assert main([str(tmp_path / "gone")]) == 2
    assert "no such folder" in capsys.readouterr().err
