"""Layouts the dev pages lack, found on the wild corpus: a 令 over the regulation it promulgates,
a title whose middle line ends like a 文种, a heading printed twice, a breadcrumb on the headline,
adoption lines of city regulations and joint judicial interpretations."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from extractors.issuer import split_joint
from pipeline.types import Document, make_doc


def run(text: str) -> Document:
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
    return doc


def first(text: str, field: str):
    got = run(text).values(field)
    return got[0].value if got else None


ORDER = ("中华人民共和国国务院令\n第707号\n现公布修订后的《某某税法实施条例》，自2019年1月1日起施行。\n"
         "总理 某某\n2018年12月18日\n某某税法实施条例\n第一条 根据某某税法，制定本条例。\n")


@pytest.mark.parametrize("text,expected", [
    (ORDER, "某某税法实施条例"),
    ("国务院办公厅关于全面推行\n行政执法公示制度执法全过程记录制度\n重大执法决定法制审核制度的指导意见\n"
     "国办发〔2018〕118号\n各省、自治区、直辖市人民政府：\n现提出如下意见。\n",
     "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"),
    ("某某银行财产豁免法\n某某银行\n财产豁免法\n2005年10月25日 第十届全国人民代表大会常务委员会第十八次会议通过\n"
     "第一条 本法适用于某某。\n", "某某银行财产豁免法"),
    ("首页 > 政策文件 > 关于开展培训工作的通知\n各县卫生局：\n现通知如下。\n", "关于开展培训工作的通知"),
    ("某某工作规则\n第一条 为规范工作，制定本规则。\n", "某某工作规则"),
    ("某某实施细则（试行）\n第一条 为规范工作，制定本细则。\n", "某某实施细则（试行）"),
], ids=["order-promulgates-regulation", "middle-line-ends-like-a-doc-type", "heading-printed-twice",
        "breadcrumb-on-headline", "rules-title", "trial-detailed-rules-title"])
def test_title_layouts(text, expected):
    assert first(text, "title") == expected


CITY = ("某市城市风貌保护条例\n"
        "2014年6月27日 某市第十五届人民代表大会常务委员会第二十次会议通过\n"
        "2014年9月26日 某省第十二届人民代表大会常务委员会第十次会议批准\n"
        "2014年9月26日 某市人民代表大会常务委员会公告公布\n"
        "第一条 为了保护城市风貌，制定本条例。\n")
JOINT = ("最高人民法院、最高人民检察院关于办理某某刑事案件适用法律若干问题的解释\n"
         "2024年1月8日 最高人民法院审判委员会第1911次会议、2024年2月22日最高人民检察院第十四届检察委员会第二十五次会议通过\n"
         "第一条 本解释适用于某某。\n")
REGULATION = ("某某条例\n2008年4月15日 国务院第6次常务会议通过\n2008年4月23日 中华人民共和国国务院令第523号公布\n"
              "第一条 为了规范某某，制定本条例。\n")
COURT = ("最高人民法院人民法院对外委托司法鉴定管理规定\n2002年2月22日 最高人民法院审判委员会第1214次会议通过\n"
         "2002年3月27日 最高人民法院公告公布\n第一条 为规范司法鉴定工作，制定本办法。\n")


@pytest.mark.parametrize("text,field,expected", [
    (CITY, "signed_date", "2014-06-27"), (JOINT, "signed_date", "2024-02-22"),
    (REGULATION, "signed_date", "2008-04-23"), (COURT, "signed_date", "2002-02-22"),
    (COURT, "issuer", "最高人民法院"), (JOINT, "issuer", "最高人民法院、最高人民检察院"),
], ids=["city-regulation-adopted-not-approved", "two-meetings-adopt-at-the-last", "order-promulgation-wins",
        "announcement-is-not-the-signature", "court-not-its-committee", "joint-interpretation"])
def test_enactment_lines(text, field, expected):
    assert first(text, field) == expected


@pytest.mark.parametrize("name,expected", [
    ("最高人民法院最高人民检察院", ["最高人民法院", "最高人民检察院"]),
    ("北京市人社局天津市人社局河北省人社厅", ["北京市人社局", "天津市人社局", "河北省人社厅"]),
    ("河北省人民政府办公厅", ["河北省人民政府办公厅"]), ("国家卫生健康委员会", ["国家卫生健康委员会"]),
    ("北京市中医管理局", ["北京市中医管理局"]),
], ids=["two-courts", "three-bureaus", "office-of-a-government", "one-commission", "one-bureau"])
def test_split_joint(name, expected):
    assert split_joint(name) == expected


@pytest.mark.parametrize("text,field,expected", [
    ("津人社局函〔2024〕38号\n北京市、天津市各区（市）人力资源和社会保障局，各普通高校、职业院校（含技工院校），有关单位："
     "2024年是协同发展十周年。为做好工作，现通知如下。\n", "recipients",
     ["北京市", "天津市各区（市）人力资源和社会保障局", "各普通高校", "职业院校（含技工院校）", "有关单位"]),
    ("关于同意收费的复函\n衡水市人民政府：\n你市衡政〔2004〕3号请示收悉。经研究，同意收费。\n", "cited_doc_numbers",
     ["衡政〔2004〕3号"]),
    ("关于开展工作的通知\n各市教育局：\n现通知如下。\n河北省教育厅河北省财政厅\n2019年5月8日\n", "issuer",
     "河北省教育厅、河北省财政厅"),
], ids=["recipients-of-places-and-kinds-glued-to-body", "pronoun-before-a-cited-number", "signature-issuers-run-together"])
def test_record_layouts(text, field, expected):
    from pipeline.record import to_record

    assert to_record(run(text))[field] == expected


@pytest.mark.parametrize("text,expected", [
    ("参照通告2016年第70号执行。", ["通告2016年第70号"]),
    ("依据《分类目录》（国家药监局国家卫生健康委公告2022年第28号）执行。", ["国家药监局国家卫生健康委公告2022年第28号"]),
    ("见《某某指导原则》（2021年第72号）。", []),
    ("刊登于公报2007年第23号。", []),
], ids=["word-printed-with-the-number", "two-issuers-before-the-word", "bare-number-after-a-title-not-own-line",
        "gazette-issue"])
def test_announcement_numbers(text, expected):
    from extractors.doc_number import find_numbers

    assert [v for _s, v, _r in find_numbers(text)] == expected


def test_recipients_run_into_a_sentence_ending_with_a_colon():
    from pipeline.record import to_record

    text = ("关于申报继续教育项目的通知\n各区卫生健康委、各有关机构：结合当前疫情防控特点，为做好项目申报工作，现将有关事项通知如下：\n"
            "一、项目分类\n")
    assert to_record(run(text))["recipients"] == ["各区卫生健康委", "各有关机构"]


ORDER_DUMP = ("中华人民共和国国务院令第535号《某某法实施条例》已经2008年9月3日国务院第25次常务会议通过，现予公布，自公布之日起施行。"
              "总理某某某二○○八年九月十八日某某法实施条例第一章总则第一条为了贯彻实施某某法，制定本条例。"
              "第二条各级人民政府应当采取措施，推动某某法的贯彻实施。" * 3)


@pytest.mark.parametrize("field,expected", [
    ("doc_number", "中华人民共和国国务院令第535号"), ("issuer", "国务院"), ("signed_date", "2008-09-18"),
], ids=["order-number-opens-the-dump", "order-issuer", "order-date-after-the-signer"])
def test_an_order_run_into_one_line(field, expected):
    from pipeline.normalize import normalize_text
    from pipeline.record import to_record

    text = normalize_text(ORDER_DUMP)[1].text
    assert to_record(run(text))[field] == expected


def test_a_cited_order_is_not_the_documents_own():
    from pipeline.record import to_record

    text = "关于做好工作的通知\n各县卫生局：\n根据中华人民共和国国务院令第535号，现通知如下。\n"
    assert to_record(run(text))["doc_number"] is None


def test_a_local_regulation_promulgated_by_a_numbered_notice():
    text = ("某市制定地方性法规条例\n2016年2月29日 某市第六届人民代表大会第八次会议通过\n"
            "2016年4月12日 某市第六届人民代表大会常务委员会公告第1号公布\n第一条 为了规范立法活动，制定本条例。\n")
    assert first(text, "doc_number") == "某市第六届人民代表大会常务委员会公告第1号"


@pytest.mark.parametrize("field,expected", [
    ("doc_number", "中华人民共和国卫生部令1992年第24号"), ("issuer", "卫生部"),
], ids=["dated-order-number", "its-issuer"])
def test_an_order_number_with_a_year(field, expected):
    text = "外国医师来华短期行医暂行管理办法\n中华人民共和国卫生部令1992年第24号\n第一条 为了加强管理，制定本办法。\n"
    assert first(text, field) == expected
