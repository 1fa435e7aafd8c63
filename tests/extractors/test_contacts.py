"""Contacts: names paired with phone numbers in printed order."""
from __future__ import annotations

import pytest

from extractors import contacts
from pipeline.types import make_doc


def pairs(text: str) -> list[tuple[str | None, str]]:
    return [(f.value["name"], f.value["phone"]) for f in contacts.extract(make_doc(text))]


def kinds(text: str) -> list[str]:
    return [f.value["kind"] for f in contacts.extract(make_doc(text))]


@pytest.mark.parametrize("text,expected", [
    ("联系人：申文、刘骅萱；联系电话：83970028、83970016", [("申文", "83970028"), ("刘骅萱", "83970016")]),
    ("联系人：王娅楠 刘骅萱\n联系电话：85694771 83970028", [("王娅楠", "85694771"), ("刘骅萱", "83970028")]),
    ("联系方式：刘骅萱 李盈澈 83970030（fax）\n李 萌 65250460",
     [("刘骅萱", "83970030"), ("李盈澈", "83970030"), ("李萌", "65250460")]),
    ("联系人：北京中医协会 杨燕伟、蔡海燕；\n联系电话： 64010910。", [("杨燕伟", "64010910"), ("蔡海燕", "64010910")]),
    ("联 系 人：徐 跃 岳松涛\n联系电话：52177372 83970027", [("徐跃", "52177372"), ("岳松涛", "83970027")]),
    ("联系人： 李萌刘刚 刘骅萱\n联系电话：65250460 65594125 83970028",
     [("李萌", "65250460"), ("刘刚", "65594125"), ("刘骅萱", "83970028")]),
    ("（联系人及电话：市卫生健康委科技教育处，83970661;技术支持：82093072，4008105790）",
     [("市卫生健康委科技教育处", "83970661"), ("技术支持", "82093072"), ("技术支持", "4008105790")]),
    ("联系人及电话：\n北京市中医药继续教育办公室：\n徐跃 64036790\n北京市中医管理局科教处：\n岳松涛 83970027",
     [("徐跃", "64036790"), ("岳松涛", "83970027")]),
    ("省卫生厅医政(医管)处联系人: 郝小强\n联系电话:0351-3580457(传真)", [("郝小强", "0351-3580457")]),
    ("联 系 人：蔡海燕\n通讯地址：北京市西城区枣林前街70号B座607\n联系电话：64010910\n邮政编码：100010",
     [("蔡海燕", "64010910")]),
    ("咨询电话：010-12345678", [(None, "010-12345678")]),
    ("设立总理热线电话的提案收悉。", []),
    ("联系人及联系方式省人社厅王琳联系电话：0311-66908747电子邮箱：ab1@163.com省乡村振兴局靳砚召联系电话："
     "0311-89906872电子邮箱：cd2@163.com", [("王琳", "0311-66908747"), ("靳砚召", "0311-89906872")]),
    ("联系人：张三，邮箱：a@b.com，传真：010-87654321，地址：北京市西城区某某路1号院，邮编：100000",
     [("张三", "010-87654321")]),
    ("联系人：崔海鹏\n联系电话：0311-66005160\n邮箱：jyt87042261@126.com\n邮寄地址：某某路449号江舢（手机18832110230）收",
     [("崔海鹏", "0311-66005160")]),
    ("联系人：廖小菲、付幸\n联系电话：6690801966908067", [("廖小菲", "66908019"), ("付幸", "66908067")]),
    ("联系人：崔海鹏、李根\n联系电话：0311—6600516066005162", [("崔海鹏", "0311—66005160"), ("李根", "66005162")]),
], ids=["names-then-numbers-in-order", "two-lines", "shared-fax-then-second-line", "organisation-yields-to-people",
        "layout-spaced-names-joined", "run-together-names-split-when-numbers-outnumber",
        "organisations-as-contact-names", "organisation-headings-dropped", "organisation-before-label-ignored",
        "address-and-postcode-skipped", "number-without-name", "phone-word-in-prose-not-contact",
        "units-and-people-run-on-after-e-mails", "number-after-an-e-mail-kept-address-words-dropped",
        "digits-of-an-e-mail-and-numbers-inside-an-address-are-no-contacts",
        "two-local-numbers-printed-together", "two-numbers-together-after-an-area-code"])
def test_contacts(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("联系人：郝小强\n联系电话:0351-3580457(传真)", ["传真"]),
    ("联系人：郝小强 手机：13912345678", ["手机"]),
    ("联系人：郝小强 电话：0351-3580457", ["电话"]),
], ids=["fax-annotation", "mobile", "landline"])
def test_contact_kind(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("监督举报电话和邮箱\n单位\n监督举报电话\n监督举报邮箱\n石家庄市教育局\n0311-86036697\nsjz@163.com\n承德市教育局\n0314-2131595\n",
     [("石家庄市教育局", "0311-86036697"), ("承德市教育局", "0314-2131595")]),
    ("单位\t咨询电话\n某市卫生健康委员会\t0311-86036697\n", [("某市卫生健康委员会", "0311-86036697")]),
    ("单位\t人数\n某市卫生健康委员会\t12345678\n", []),
], ids=["cell-a-line-table", "row-a-line-table", "number-column-that-is-no-phone-column"])
def test_phone_column_of_a_table(text, expected):
    from extractors import contacts
    from pipeline.types import make_doc

    got = [(f.value["name"], f.value["phone"]) for f in contacts.extract(make_doc(text))]
    assert got == expected
