"""Title: the printed heading of the 版头, joined over lines; the page's headline as a fallback."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from pipeline.types import Document, make_doc


def run(text: str) -> Document:
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
        if ext.name == "title":
            return doc
    raise AssertionError("title is not registered")


def title(text: str) -> str | None:
    found = run(text).values("title")
    return found[0].value if found else None


@pytest.mark.parametrize("text,expected", [
    ("国务院关于2018年度\n国家科学技术奖励的决定\n国发〔2018〕44号\n各省、自治区：\n现决定。",
     "国务院关于2018年度国家科学技术奖励的决定"),
    ("国务院办公厅、中央军委办公厅\n关于加强化学武器管理工作的通知\n国办发〔1996〕25号\n北京市：\n现通知。",
     "国务院办公厅、中央军委办公厅关于加强化学武器管理工作的通知"),
    ("国务院关于棉粮挂钩奖售粮\n几 个 问 题 的 通 知\n各省：\n现通知。", "国务院关于棉粮挂钩奖售粮几个问题的通知"),
    ("吉市卫办发〔2014〕53号\n\n吉林市卫生局关于印发三级医院\n中医预防保健服务进社区\n“百千万”工程实施方案的通知\n\n"
     "各县(市)区卫生局,各相关医疗机构:\n为实现资源共享。", "吉林市卫生局关于印发三级医院中医预防保健服务进社区“百千万”工程实施方案的通知"),
    ("卫生局方便群众就医工作意见.doc\n上传人:xiao 上传时间:2019-12-19\n" + "为改善群众就医环境，" * 8,
     "卫生局方便群众就医工作意见"),
    ("医学全在线 > 山西卫生人才网 > 正文\n山西省卫生厅办公室有关印发实施方案的公告\n来源:山西省卫生厅 更新:2014/3/12\n"
     "晋卫办医政〔2013〕84号\n各市卫生局、厅直医疗机构:\n为贯彻落实。", "山西省卫生厅办公室有关印发实施方案的公告"),
    ("主题词：\n体育 运动会 函\n国务院办公厅关于同意申办\n运动会的复函\n国办函〔2004〕36号\n黑龙江省人民政府：\n同意。",
     "国务院办公厅关于同意申办运动会的复函"),
    ("电子病历基本数据集\n关于发布《电子病历基本数据集第1部分：病例概要》等标准的通告（国卫通〔2014〕5号）\n"
     "- 国卫通〔2014〕5号\n" + "现发布行业标准，其编号和名称如下" * 4 + "：",
     "关于发布《电子病历基本数据集第1部分：病例概要》等标准的通告（国卫通〔2014〕5号）"),
    ("附件2\n医用X射线诊断设备（第三类）\n注册技术审查指导原则（2016年修订版）\n" + "本指导原则旨在指导注册申请人。",
     "医用X射线诊断设备（第三类）注册技术审查指导原则（2016年修订版）"),
    ("肿瘤个体化治疗相关基因突变\n检测试剂技术审查指导原则\n（第二次征求意见稿）\n二零一三年十一月\n一、前言",
     "肿瘤个体化治疗相关基因突变检测试剂技术审查指导原则（第二次征求意见稿）"),
    ("医疗服务能力提升方案1\n为巩固活动成果，制订本工作方案。\n一、指导思想", "医疗服务能力提升方案1"),
    ("标题：北京市中医管理局关于印发《工作方案》的通知\n\n京中医科字〔2020〕169号\n各区卫生健康委：\n现印发。\n"
     "北京市中医管理局\n2020年10月12日\n2021年北京市培训项目工作方案\n一、培训目标",
     "北京市中医管理局关于印发《工作方案》的通知"),
    ("各区卫生健康委：\n现将有关事项通知如下。\n一、项目分类", None),
    ("附件2：\n体外诊断试剂技术指导原则\n——发光免疫分析试剂技术指导原则\n（征求意见稿）\n本原则适用于发光免疫试剂。",
     "体外诊断试剂技术指导原则——发光免疫分析试剂技术指导原则（征求意见稿）"),
    ("指导原则编号：□□□□\n《心脏起搏器技术指导原则》\n（征求意见稿）\n二零一零年一月十八日\n目 录\n前言\n参考文献\n"
     "编制说明\n一、前言", "《心脏起搏器技术指导原则》（征求意见稿）"),
    ("指导原则编号\n流行性感冒病毒核酸检测试剂\n注册申报资料技术审评指导原则\n（征求意见稿2）\n二〇一一年七月\n一、前言",
     "流行性感冒病毒核酸检测试剂注册申报资料技术审评指导原则（征求意见稿2）"),
    ("关于《疝修补补片技术审查指导原则》\n第一次征求意见的通知\n为进一步规范注册申报，现公开征求意见。",
     "关于《疝修补补片技术审查指导原则》第一次征求意见的通知"),
    ("国务院关于在先行区\n暂时调整实施《中华人民共和国药品管理法\n实施条例》有关规定的决定\n各省：\n现决定。",
     "国务院关于在先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定"),
    ("中华人民共和国监察法\n来源: | 发布时间: 2018-05-17\n中华人民共和国监察法\n第一章 总 则", "中华人民共和国监察法"),
    ("微信题库搜索\n中国卫生人才网\n山西省卫生厅办公室有关印发义诊活动周实施方案的公告\n来源:山西省卫生厅\n各市卫生局：\n现印发。",
     "山西省卫生厅办公室有关印发义诊活动周实施方案的公告"),
    ("某某卫生网\n关于开展义诊活动的通知\n各市卫生局：\n现通知。", "关于开展义诊活动的通知"),
    ("关于印发新乡市公共卫生体系建设三年行动计划\n(2023—2025年)的通知\n各县(市)、区人民政府:\n现印发给你们。",
     "关于印发新乡市公共卫生体系建设三年行动计划(2023—2025年)的通知"),
    ("市卫生健康委关于印发健康城市建设工作方案\n的通知\n各区卫生健康委：\n现印发。",
     "市卫生健康委关于印发健康城市建设工作方案的通知"),
    ("2023年度工作计划\n（2023—2025年）的通知\n各区卫生健康委：\n现印发。", "（2023—2025年）的通知"),
    ("甘肃省卫生厅关于报送情况的通知\n(甘卫宣函[2010]154号)\n各市、州卫生局:\n现通知。", "甘肃省卫生厅关于报送情况的通知"),
    ("科技部、教育部\n科技部办公厅、教育部办公厅关于推进纲要实施工作的意见\n国科办政字〔2001〕501号\n为落实纲要。",
     "科技部办公厅、教育部办公厅关于推进纲要实施工作的意见"),
    ("2018.11.02\n国家卫生计生委办公厅关于印发能力指南的通知\n国卫办医函〔2016〕936号\n各省卫生计生委：\n现印发。",
     "国家卫生计生委办公厅关于印发能力指南的通知"),
    ("可吸收界面螺钉说明书\n（征求意见稿）\n【产品名称】可吸收界面螺钉\n【型号规格】见附表", "可吸收界面螺钉说明书（征求意见稿）"),
    ("附件2反馈意见表\n序号\t单位或个人\t页码/行号\t修改意见", "反馈意见表"),
    ("附件：\n1.实施方案\n2.报名表", None),
    ("眼科超声乳化设备及\n附件注册技术审查指导原则\n（征求意见稿）\n一、适用范围\n本指导原则适用于。",
     "眼科超声乳化设备及附件注册技术审查指导原则（征求意见稿）"),
    ("《有源医疗器械使用期限技术审查指导原则\n（征求意见稿）》意见反馈表\n序号\t页码\t修改意见",
     "《有源医疗器械使用期限技术审查指导原则（征求意见稿）》意见反馈表"),
    ("专利代理管理办法\n国家知识产权局局长令（第30号）\n为了规范管理，制定《专利代理管理办法》，现予以发布。\n局长\n"
     "二○○三年六月六日\n专利代理管理办法第一章总则\n第一条为了完善专利代理制度。", "专利代理管理办法"),
    ("河北省第十三届人民代表大会常务委员会公告（第一二六号）\n《河北省中小企业促进条例》已由河北省第十三届人民代表大会常务委员会"
     "第三十二次会议于2022年7月28日修订通过，现予公布，自2022年10月1日起施行。\n2022年7月28日河北省中小企业促进条例\n第一章总则",
     "河北省中小企业促进条例"),
], ids=["two-line-govcn", "issuer-line-above-guanyu", "layout-spaces-dropped", "three-lines-after-number",
        "file-extension-dropped", "portal-headline-above-byline", "subject-words-line-not-title",
        "colon-inside-book-title-allowed", "attachment-mark-not-title", "status-line-joined",
        "template-numbered-heading", "attached-plan-heading-is-not-title", "fragment-without-title-none",
        "subtitle-joined", "contents-headings-not-title", "form-field-label-not-joined", "line-ending-in-book-title-continues",
        "line-ending-in-law-name-continues", "law", "site-lines-above-complete-title-not-joined",
        "site-name-above-guanyu-not-joined", "bracket-line-pulls-in-line-ending-in-doc-type",
        "de-line-pulls-in-line-above", "bracket-line-under-a-line-not-starting-a-title-stays-alone", "number-in-brackets-below-not-joined",
        "joint-issuers-title-complete", "dotted-date-line-above-is-not-an-outline-marker",
        "instructions-for-use-heading", "attachment-label-before-a-form-heading", "attachment-list-is-no-title",
        "fujian-as-a-word-inside-a-title", "book-title-opened-on-the-line-above",
        "order-with-its-number-inline-and-the-title-above", "announcement-promulgating-a-regulation-by-name"])
def test_title(text, expected):
    assert title(text) == expected


def test_broken_title_span_covers_its_lines():
    text = "国务院关于2018年度\n国家科学技术奖励的决定\n各省：\n现决定。"
    f = run(text).values("title")[0]
    assert f.evidence(text) == "国务院关于2018年度\n国家科学技术奖励的决定"


def test_page_title_goes_first_when_the_heading_found_disagrees():
    text = "标题：关于申报2021年度继续教育项目的通知\n\n工作方案\n为做好申报工作，现通知如下。"
    assert title(text) == "关于申报2021年度继续教育项目的通知"
