"""Responsible units: forms, roles and splitting (FORMAT.md, NOTES-D1/D2)."""
from __future__ import annotations

import pytest

from extractors import outline, units
from extractors.orgs import is_org
from pipeline.types import make_doc


def names(text: str) -> list[str]:
    return [f.value["name"] for f in units.extract(make_doc(text))]


@pytest.mark.parametrize(("text", "expected"), [
    # explicit labels
    pytest.param("(责任单位:区发改局、区卫生局、区建设局)(二)", ["区发改局", "区卫生局", "区建设局"], id="label_list"),
    pytest.param("（责任单位：区人社局、区卫生局，各街道办事处）", ["区人社局", "区卫生局", "各街道办事处"], id="label_comma_split"),
    pytest.param("牵头单位：市卫生局；配合单位：市财政局、市人社局\n", ["市卫生局", "市财政局", "市人社局"],
                 id="two_labels_on_one_line"),
    pytest.param("试点。〔责任单位:省发展改革委、商务厅、省大数据中心按职责分工负责。具体任务不再分工。〕",
                 ["省发展改革委", "商务厅", "省大数据中心"], id="label_list_closing_verb_left_out"),
    pytest.param("新制度。〔责任单位:省市场监管局〕\n（二）优化环境", ["省市场监管局"], id="label_in_tortoise_brackets"),
    pytest.param("【牵头单位：市卫生健康委】\n", ["市卫生健康委"], id="label_in_lenticular_brackets"),
    pytest.param("以市卫生局为主要牵头单位，宣传、工商参与", ["市卫生局"], id="yi_x_wei_lead_unit"),
    # 由 forms
    pytest.param("本办法由卫生部、国家中医药管理局负责解释。", ["卫生部", "国家中医药管理局"], id="you_fuze_split"),
    pytest.param("组织工作由国务院办公厅负责，文件和议题于会前送达。", ["国务院办公厅"], id="you_fuze_mid_sentence"),
    pytest.param("具体保障工作由局应急办总牵头，", ["局应急办"], id="you_zong_qiantou"),
    pytest.param("由规划财务科负责牵头，就业促进科、社会保险科、工伤保险科和市社保局、市人管中心参与。",
                 ["规划财务科", "就业促进科", "社会保险科", "工伤保险科", "市社保局", "市人管中心"],
                 id="you_lead_then_participants_split_on_he"),
    pytest.param("由指导老师所在单位作为带教单位，负责本单位继承工作", ["指导老师所在单位"], id="you_x_zuowei_fuze"),
    pytest.param("由上海市医药集中招标采购事务管理所承担日常工作并负责具体实施。", ["上海市医药集中招标采购事务管理所"],
                 id="you_x_chengdan_bing_fuze"),
    pytest.param("由医务部、护理部牵头开展评选", ["医务部", "护理部"], id="you_qiantou_two_units"),
    # parenthetical tags
    pytest.param("开展试点。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）",
                 ["税务总局", "财政部", "海关总署"], id="tag_with_note"),
    pytest.param("提供服务。（生态环境部牵头，国家发展改革委、农业农村部参与）",
                 ["生态环境部", "国家发展改革委", "农业农村部"], id="tag_lead_and_participants"),
    pytest.param("（商务部指导，供销合作总社参与）", ["供销合作总社"], id="tag_guidance_is_not_a_role"),
    pytest.param("（省发展改革委、卫生计生委、人力资源社会保障厅分别负责）",
                 ["省发展改革委", "卫生计生委", "人力资源社会保障厅"], id="tag_fenbie_fuze"),
    pytest.param("（人力资源社会保障部、科技部，各省级人民政府按职责分工负责）",
                 ["人力资源社会保障部", "科技部", "各省级人民政府"], id="tag_bare_names_take_next_role"),
    pytest.param("（国家发展改革委、财政部会同有关部门负责）", ["国家发展改革委", "财政部"], id="tag_huitong_generic_dropped"),
    pytest.param("（海关总署、商务部等有关部门负责）", ["海关总署", "商务部"], id="tag_deng_generic_dropped"),
    pytest.param("（商务部、农业农村部等和各有关省级人民政府负责）", ["商务部", "农业农村部", "各有关省级人民政府"],
                 id="tag_deng_he_splits"),
    pytest.param("（技工院校内由人力资源社会保障行政部门负责）", ["人力资源社会保障行政部门"], id="tag_with_you"),
    pytest.param("（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实）", ["试点城市政府"],
                 id="tag_fuze_luoshi"),
    pytest.param("加强督查。（各县（市、区）人民政府负责）", ["各县（市、区）人民政府"], id="no_split_inside_brackets"),
    pytest.param("的责任。(市监察局)\n", ["市监察局"], id="bare_tag_closing_a_task_line"),
    pytest.param("的责任。(市卫生局、科技局)\n", ["市卫生局", "科技局"], id="bare_tag_list"),
    pytest.param("序号\t工作任务\t责任单位\n1\t加强宣传\t市卫生局、市财政局\n2\t督查\t市监察局\n",
                 ["市卫生局", "市财政局", "市监察局"], id="table_column"),
    pytest.param("（责任单位：市卫生局（牵头）、市财政局）", ["市卫生局", "市财政局"], id="label_with_role_mark"),
    pytest.param("由市卫生局、市财政局按照职责分工负责。", ["市卫生局", "市财政局"], id="you_with_adverb"),
    pytest.param("（市卫生局为牵头单位，市财政局为配合单位）", ["市卫生局", "市财政局"], id="tag_wei_qiantou_danwei"),
    pytest.param("（海关总署、商务部负责，排在第一位的部门为牵头部门，下同）", ["海关总署", "商务部"],
                 id="note_about_first_department"),
    # never split inside a name
    pytest.param("（区卫生局、区人口和计生局负责）", ["区卫生局", "区人口和计生局"], id="he_inside_a_name"),
    pytest.param("（工业和信息化部、文化和旅游部负责）", ["工业和信息化部", "文化和旅游部"], id="he_inside_ministry_names"),
    pytest.param("（中央和国家机关工委负责）", ["中央和国家机关工委"], id="zhongyang_he_is_one_name"),
    pytest.param("由市容环境卫生主管部门或者镇人民政府负责。", ["市容环境卫生主管部门", "镇人民政府"],
                 id="huozhe_between_two_names"),
    pytest.param("由县或者区人民政府负责。", ["县或者区人民政府"], id="huozhe_inside_a_name"),
    pytest.param("由国家卫生健康委 国家中医药局负责。", ["国家卫生健康委", "国家中医药局"], id="two_names_side_by_side"),
    pytest.param("专用章由国家科委统一刻制 国家中医药管理局负责保管。", [], id="space_printed_for_a_comma"),
    pytest.param("鉴定由单位负责组织。", [], id="bare_danwei_is_generic"),
    pytest.param("联席会议由教育部、发展改革委等9个部门组成，教育部为牵头单位。", ["教育部"], id="clause_x_wei_qiantou_danwei"),
    pytest.param("由本院负责审查，由常务委员会负责解释。", [], id="own_court_and_bare_committee_are_generic"),
    # not units
    pytest.param("国家中医药局负责组织实施。", [], id="running_text_fuze_without_you"),
    pytest.param("指导老师所在单位由主管院领导牵头负责，", [], id="role_is_not_a_unit"),
    pytest.param("成立由主管局长负责的组织机构", [], id="person_is_not_a_unit"),
    pytest.param("成员由局应急办、医政科主要负责人组成。", [], id="group_members_are_not_units"),
    pytest.param("由外交部和总参谋部统一归口管理。", [], id="guikou_guanli_is_not_fuze"),
    pytest.param("由中央和省级人民政府各负其责。", [], id="ge_fu_qi_ze_is_not_fuze"),
    pytest.param("（信息公开形式：主动公开）", [], id="aside_is_not_a_tag"),
    pytest.param("（有关部门负责）", [], id="generic_only"),
    # a unit's whole hierarchy (NOTES-X1)
    pytest.param("退税事宜由国家税务局系统负责办理，", ["国家税务局系统"], id="you_org_xitong_fuze"),
    pytest.param("由卫生系统负责落实。", [], id="xitong_after_a_non_name_is_not_a_unit"),
    # members named by a shared head noun (NOTES-X1)
    pytest.param("或者由居民、村民较少的居民委员会、村民委员会成员分工负责公共卫生工作",
                 [], id="list_of_committee_members_is_not_units"),
    pytest.param("由市卫生局、市财政局工作人员负责登记。", [], id="list_ending_in_staff_is_not_units"),
    pytest.param("由市卫生局、市财政局分工负责。", ["市卫生局", "市财政局"], id="fengong_adverb_stripped"),
])
def test_units(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "roles"), [
    pytest.param("（生态环境部牵头，农业农村部参与）", ["lead", "cooperating"], id="lead_and_cooperating"),
    pytest.param("（海关总署负责）", ["responsible"], id="responsible"),
    pytest.param("配合单位：市财政局\n", ["cooperating"], id="label_role"),
])
def test_roles(text, roles):
    assert [f.value["role"] for f in units.extract(make_doc(text))] == roles


def test_span_is_the_name_and_section_is_set():
    doc = make_doc("一、任务\n（一）推进试点。（海关总署负责）\n")
    doc.found.extend(outline.extract(doc))
    (u,) = units.extract(doc)
    assert (doc.text[u.span.start:u.span.end], u.value["section"]) == ("海关总署", "一/（一）")


@pytest.mark.parametrize(("name", "is_unit"), [
    pytest.param("区人口和计生局", True, id="bureau"),
    pytest.param("指导老师所在单位", True, id="danwei"),
    pytest.param("主管院领导", False, id="leader"),
    pytest.param("有关部门", False, id="generic"),
    pytest.param("国家税务局系统", True, id="org_xitong"),
    pytest.param("卫生系统", False, id="field_xitong"),
    pytest.param("村民委员会成员", False, id="committee_members"),
])
def test_is_org(name, is_unit):
    assert is_org(name) is is_unit


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("责任单位：市卫生局牵头，市财政局、市人社局配合\n",
                 [("市卫生局", "lead"), ("市财政局", "cooperating"), ("市人社局", "cooperating")],
                 id="label_lead_then_cooperating"),
    pytest.param("（责任单位：省卫生健康委牵头，省财政厅、省人社厅配合）\n",
                 [("省卫生健康委", "lead"), ("省财政厅", "cooperating"), ("省人社厅", "cooperating")],
                 id="label_in_brackets_lead_then_cooperating"),
    pytest.param("责任单位：市卫生局、市财政局\n", [("市卫生局", "responsible"), ("市财政局", "responsible")],
                 id="label_without_verbs_keeps_its_role"),
    pytest.param("责任单位：市卫生局，市财政局配合\n", [("市卫生局", "responsible"), ("市财政局", "cooperating")],
                 id="label_part_without_verb_keeps_label_role"),
    pytest.param("牵头单位：市卫生局；配合单位：市财政局\n", [("市卫生局", "lead"), ("市财政局", "cooperating")],
                 id="two_labels_each_its_role"),
])
def test_labelled_lists_keep_every_part_with_its_role(text, expected):
    assert [(f.value["name"], f.value["role"]) for f in units.extract(make_doc(text))] == expected


@pytest.mark.parametrize("text", [
    pytest.param("责任单位：建设单位\n", id="construction_party_generic"),
    pytest.param("（责任单位：本单位、有关部门）\n", id="own_unit_and_generic"),
    pytest.param("由项目单位负责组织实施。", id="project_unit_generic"),
    pytest.param("公开程序：本单位审核后公开　　责任部门：省政府办公厅秘书一处各设区市人民政府，省直有关部门：\n",
                 id="portal_footer_label"),
    pytest.param("责任编辑：张三　责任部门：办公室\n", id="portal_footer_after_editor"),
])
def test_generic_nouns_and_portal_footers_are_not_units(text):
    assert names(text) == []


def test_a_unit_label_on_its_own_line_after_a_footer_line_still_counts():
    assert names("公开程序：主动公开\n责任单位：市卫生局\n") == ["市卫生局"]
