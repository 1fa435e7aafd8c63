"""Document numbers: every printed 发文字号 (`doc_number.mention`) and the document's own."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from pipeline.types import Document, make_doc


def run(text: str, upto: str = "doc_number") -> Document:
    """The meta extractors up to `upto`, in registry order, on a test document."""
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
        if ext.name == upto:
            return doc
    raise AssertionError(f"{upto} is not registered")


def mentions(text: str) -> list[str]:
    return [f.value for f in run(text).values("doc_number.mention")]


def own(text: str) -> str | None:
    found = run(text).values("doc_number")
    return found[0].value if found else None


@pytest.mark.parametrize("text,expected", [
    ("根据国办发〔2015〕13号文件要求", ["国办发〔2015〕13号"]),
    ("卫医发[2004]269号", ["卫医发〔2004〕269号"]),
    ("（国发（2016）15号）", ["国发〔2016〕15号"]),
    ("京卫发【2019】3号", ["京卫发〔2019〕3号"]),
    ("晋卫办医政〔2012〕20 号", ["晋卫办医政〔2012〕20号"]),
    ("(连卫办医政〔201〕1号)", ["连卫办医政〔201〕1号"]),
    ("(连卫办〔20xx〕22号)", ["连卫办〔20xx〕22号"]),
    ("京卫〔20**〕5号", ["京卫〔20**〕5号"]),
    ("鲁卫发〔二〇一五〕3号", ["鲁卫发〔二〇一五〕3号"]),
    ("〔京卫发2018年6号〕", ["京卫发2018年6号"]),
    ("（卫生部令第52号）", ["卫生部令第52号"]),
    ("（中华人民共和国主席令第五十九号）", ["中华人民共和国主席令第五十九号"]),
    ("（卫生计生委第15号令）", ["卫生计生委第15号令"]),
    ("（中华人民共和国卫生和计划生育委员会令第15号）", ["中华人民共和国卫生和计划生育委员会令第15号"]),
    ("国家中医药管理局文件卫医发[2004]269号", ["卫医发〔2004〕269号"]),
    ("制造商可参考国食药监械〔2007〕345号", ["国食药监械〔2007〕345号"]),
    ("依据国家食品药品监督管理总局与中华人民共和国国家卫生和计划生育委员会令第25号",
     ["国家食品药品监督管理总局与中华人民共和国国家卫生和计划生育委员会令第25号"]),
    ("(2024)湛仲字第2342号", []),
    ("执行GB 50180标准", []),
    ("规划（2018—2035年）的批复", []),
    ("按国务院一九八〇年223号文件执行", []),
    ("根据第5号令执行", []),
    ("印发2018年6号", []),
    ("格式的公告》（国家药品监督管理局公告2021年第122号）[Z].", ["国家药品监督管理局公告2021年第122号"]),
    ("指导原则》（国家药品监督管理局医疗器械技术审评中心通告2022年第36号）",
     ["国家药品监督管理局医疗器械技术审评中心通告2022年第36号"]),
    ("（原国家食品药品监督管理总局公告2018年第13号）", ["国家食品药品监督管理总局公告2018年第13号"]),
    ("应按照总局2014年第43号公告执行", ["总局2014年第43号公告"]),
    ("（国家食品药品监督管理总局 2014 年第 43 号）", ["国家食品药品监督管理总局2014年第43号"]),
    ("关于发布《医疗器械临床试验质量管理规范》的公告(2022年第28号)[Z].", ["2022年第28号"]),
    ("技术指南（试行）》的通告：2020年第33号[Z].", ["2020年第33号"]),
    ("中华人民共和国国务院公报2007年第23号", []),
    ("《医疗器械产品技术要求编写指导原则（2022年第8号）》", []),
    ("2022年第3季度", []),
], ids=["hexagonal", "square-normalized", "fullwidth-round", "lenticular", "space-before-hao",
        "three-digit-year", "masked-xx-year", "masked-star-year", "chinese-year", "year-form-as-printed",
        "order-before", "order-chinese-numeral", "order-after", "order-issuer-with-he", "stop-word-trimmed",
        "modal-verb-trimmed", "joint-order",
        "court-case-not-number", "standard-not-number", "year-range-not-number", "chinese-year-reference-not-number",
        "order-without-issuer-not-number", "verb-is-not-issuer",
        "announcement-issuer-gonggao-number", "announcement-centre-tonggao", "announcement-former-name-dropped",
        "announcement-number-before-gonggao", "announcement-issuer-spaced-number",
        "announcement-bare-after-gonggao", "announcement-bare-after-colon", "gazette-issue-not-number",
        "announcement-word-missing-not-number", "year-quarter-not-number"])
def test_mentions(text, expected):
    assert mentions(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("晋卫办医政〔2013〕84号\n各市卫生局：\n现印发给你们。\n山西省卫生厅\n2013年9月28日", "晋卫办医政〔2013〕84号"),
    ("吉林市卫生局关于印发方案的通知\n吉市卫办发〔2014〕53号\n各县(市)区卫生局:\n现印发。", "吉市卫办发〔2014〕53号"),
    ("发文字号：国办发〔2019〕4号\n\n国办发〔2019〕5号\n各省：\n现印发。", "国办发〔2019〕4号"),
    ("晋卫发〔2013〕1号 签发人：张三\n山西省人民政府：\n现请示如下。", "晋卫发〔2013〕1号"),
    ("- 国卫通〔2014〕5号\n\n现发布如下标准。", "国卫通〔2014〕5号"),
    ("医疗机构管理条例\n1994年2月26日 中华人民共和国国务院令第149号发布\n第一章 总则\n第一条 为了加强管理。",
     "中华人民共和国国务院令第149号"),
    ("各市卫生局：\n根据国办发〔2015〕13号文件要求，现通知如下。\n山西省卫生厅\n2013年9月28日", None),
    ("各区县卫生局：\n现转发给你们。\n北京市中医管理局\n二○○四年九月十日\n关于印发办法的通知\n卫医发〔2004〕269号",
     None),
    ("乡村医生从业管理条例\n2003年7月30日 国务院第16次常务会议通过\n第一条 为了提高素质。", None),
    ("最高人民法院关于审理名誉权案件若干问题的解答\n1993年6月15日 最高人民法院审判委员会第579次会议讨论通过\n"
     "1993年8月7日 最高人民法院以法发〔1993〕15号通知印发）\n各地人民法院：\n一、问：如何审查？", "法发〔1993〕15号"),
    ("某某规定\n1993年6月15日 某某委员会通过\n第一条 依照法发〔1993〕15号通知印发的解答执行。", None),
    ("杭州市某条例\n2001年12月26日 杭州市人民代表大会常务委员会第三十九次会议通过\n2013年11月22日 浙江省人民代表大会常务委员会"
     "第六次会议批准2013年12月9日杭州市第十二届人民代表大会常务委员会公告第14号公布\n第一条 为了。",
     "杭州市第十二届人民代表大会常务委员会公告第14号"),
    ("社会保险经办条例\n(2023年7月21日国务院第11次常务会议通过　2023年8月16日中华人民共和国国务院令第765号公布　"
     "自2023年12月1日起施行)\n第一章 总则", "中华人民共和国国务院令第765号"),
    ("公共场所卫生管理条例实施细则\n中华人民共和国卫生部令\n第80号\n《细则》已经部务会议审议通过，现予以发布。\n部长陈竺\n"
     "二○一一年三月十日\n第一章 总 则", "中华人民共和国卫生部令第80号"),
    ("社会力量办学条例\n1997年7月31日中华人民共和国国务院令第226号\n第一章 总 则\n第一条 为了鼓励。",
     "中华人民共和国国务院令第226号"),
    ("专利代理管理办法\n国家知识产权局局长令（第30号）\n为了规范管理，现予以发布。\n局长\n二○○三年六月六日\n第一章总则",
     "国家知识产权局局长令第30号"),
    ("河北省第十三届人民代表大会常务委员会公告（第一二六号）\n《河北省中小企业促进条例》已由会议修订通过，现予公布。\n第一章总则",
     "河北省第十三届人民代表大会常务委员会公告第一二六号"),
], ids=["header-line-before-recipients", "header-line-after-number-and-title", "pagemeta-first",
        "signer-on-number-line", "markdown-list-item", "promulgation-order",
        "cited-in-body-not-own", "forwarded-number-after-signature-not-own", "adoption-without-order-none",
        "issued-with-a-notice-in-the-header", "issuing-notice-cited-in-the-body",
        "announcement-number-run-on-after-its-date", "order-number-run-on-after-its-date",
        "order-heading-over-its-number-line", "dated-order-number-without-a-verb", "order-number-in-brackets",
        "standing-committee-announcement-heading"])
def test_own_number(text, expected):
    assert own(text) == expected
