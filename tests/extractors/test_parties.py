"""Parties: the 主送 line (`recipients`) and the 抄送 line (`cc`)."""
from __future__ import annotations

import pytest

from extractors import parties
from pipeline.types import make_doc


def values(text: str, field: str) -> list[str]:
    return [f.value for f in parties.extract(make_doc(text)) if f.field == field]


@pytest.mark.parametrize("text,expected", [
    ("国发〔2019〕4号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现印发。",
     ["各省", "自治区", "直辖市人民政府", "国务院各部委", "各直属机构"]),
    ("北京、天津、陕西省（自治区、直辖市）人民政府：\n现转发。", ["北京", "天津", "陕西省（自治区、直辖市）人民政府"]),
    ("各县(市)区卫生局,各相关医疗机构:\n为实现资源共享。", ["各县(市)区卫生局", "各相关医疗机构"]),
    ("王超斌委员：\n您的提案收悉。", ["王超斌委员"]),
    ("各中医高等院校及中医住院医师规范化培训基地：\n现通知。", ["各中医高等院校及中医住院医师规范化培训基地"]),
    ("北京市、天津市、\n河北省人民政府：\n现通知。", ["北京市", "天津市", "河北省人民政府"]),
    ("来源:阜康市卫生局 更新:2013/8/8\n阜康市卫生网:工作计划:各有关医疗卫生单位: 为认真贯彻、\n各有关医疗卫生单位:\n为认真贯彻。",
     ["各有关医疗卫生单位"]),
    ("根据有关规定，现将有关事项通知如下：\n一、报名条件", []),
    ("为做好工作，现通知如下。\n一、总体要求\n（一）申报材料：\n各单位：", []),
    ("索引号：\n000014349/2019-00004\n标题：\n某通知", []),
    ("关于报送情况的通知\n各省、自治区中医药管理部门,新疆生产建设兵团卫生局: 8月31日,我局印发了通知。",
     ["各省", "自治区中医药管理部门", "新疆生产建设兵团卫生局"]),
    ("关于报送情况的通知\n国家卫生健康委、国家中医药局：现将有关事项通知如下。", ["国家卫生健康委", "国家中医药局"]),
    ("关于报送情况的通知\n会议时间定于：明天上午召开。", []),
    ("关于报送情况的通知\n各单位要求：按时报送材料。", []),
    ("关于报送情况的通知\n为做好工作，各单位：请按时报送。", []),
    ("某通知\n各省人民政府,国务院各部委:现转发给你们,请认真贯彻执行。二○○○年二月二十一日\n某公报",
     ["各省人民政府", "国务院各部委"]),
    ("# 某通知\n来源：\n存档：\n各省卫生健康委：\n现印发。", ["各省卫生健康委"]),
    ("# 某答复的函\n原文：\n链接：\n你局：\n来函收悉。", ["你局"]),
], ids=["split-on-both-commas", "no-split-inside-brackets", "ascii-punctuation", "person", "no-split-on-ji",
        "wrapped-over-two-lines", "portal-preview-line-skipped", "sentence-ending-in-colon-not-recipients",
        "colon-line-after-body-start-not-recipients", "metadata-label-not-recipients",
        "run-into-first-body-line", "run-in-organisations-without-ge", "run-in-sentence-not-recipients",
        "run-in-requirement-not-recipients", "run-in-after-clause-not-recipients", "whole-notice-on-one-line",
        "archive-label-not-recipients", "short-labels-skipped-short-org-kept"])
def test_recipients(text, expected):
    assert values(text, "recipients") == expected


@pytest.mark.parametrize("text,expected", [
    ("抄送:州卫生局,市党办,人大办,存档(二)。", ["州卫生局", "市党办", "人大办"]),
    ("抄送：市委办公厅、\n市人大办公厅。\n市卫生局办公室 2013年9月30日印发", ["市委办公厅", "市人大办公厅"]),
    ("抄 送：国家卫生健康委办公厅，存档。", ["国家卫生健康委办公厅"]),
    ("请将结果同时抄送市卫生局。", []),
], ids=["split-and-filing-note-dropped", "wrapped-list", "spaced-label", "sentence-mention-not-cc"])
def test_cc(text, expected):
    assert values(text, "cc") == expected
