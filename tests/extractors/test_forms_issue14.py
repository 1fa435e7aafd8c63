"""Numbers, dates, phones and issuers the way notices write them (issue 14): one case list per
category, positives and their neighbours (negatives), run end to end through the registry."""
from __future__ import annotations

import pytest

from extractors import REGISTRY
from pipeline.types import Document, make_doc

MAGNITUDE = {"万": 10_000, "亿": 100_000_000}


def run(text: str, upto: str) -> Document:
    doc = make_doc(text)
    for ext in REGISTRY:
        doc.found.extend(ext.run(doc))
        if ext.name == upto:
            return doc
    raise AssertionError(upto)


def _fold(lo, hi, unit):
    """The scorer's rule: a leading 万/亿 of the unit is folded into the numbers."""
    k = 1
    while unit and unit[0] in MAGNITUDE and len(unit) > 1:
        k, unit = k * MAGNITUDE[unit[0]], unit[1:]
    return (None if lo is None else round(lo * k, 6)), (None if hi is None else round(hi * k, 6)), unit


def quotas(text: str) -> list[tuple]:
    return [_fold(f.value["min"], f.value["max"], f.value["unit"]) for f in run(text, "quotas").values("quotas")]


def dates(text: str) -> list[str]:
    return [f.value["value"] for f in run(text, "dates").values("date")]


def deadlines(text: str) -> list[str]:
    return [f.value for f in run(text, "deadlines").values("deadlines")]


def contacts(text: str) -> list[tuple]:
    return [(f.value["name"], f.value["phone"]) for f in run(text, "contacts").values("contacts")]


def issuer(text: str) -> str | None:
    found = run(text, "issuer").values("issuer")
    return found[0].value if found else None


CN_DECIMALS = [
    pytest.param("费用增长一点五倍。", [(1.5, 1.5, "倍")], id="yidianwu_bei"),
    pytest.param("总投资三点五亿元。", [(350_000_000, 350_000_000, "元")], id="sandianwu_yiyuan"),
    pytest.param("占比百分之二点一五。", [(2.15, 2.15, "%")], id="baifenzhi_decimal"),
    pytest.param("床位使用率达到百分之八十五点五。", [(85.5, None, "%")], id="baifenzhi_85_5_min"),
    pytest.param("共计零点五亿元。", [(50_000_000, 50_000_000, "元")], id="lingdianwu"),
    pytest.param("人均十二点五平方米。", [(12.5, 12.5, "平方米")], id="shierdianwu"),
    pytest.param("覆盖两点三万人。", [(23_000, 23_000, "人")], id="liangdiansan_wanren"),
    pytest.param("资金一百点五万元。", [(1_005_000, 1_005_000, "元")], id="yibai_dian_wu"),
    pytest.param("比例为百分之零点五。", [(0.5, 0.5, "%")], id="baifenzhi_lingdianwu"),
    pytest.param("提高三点二个百分点。", [(3.2, 3.2, "个百分点")], id="ge_baifendian"),
    pytest.param("下午三点开会。", [], id="neg_clock_dian"),
    pytest.param("下午三点五十分召开。", [], id="neg_clock_dian_fen"),
    pytest.param("要点一：培训30人。", [(30, 30, "人")], id="neg_yaodian"),
]

SHARED_MAGNITUDE = [
    pytest.param("补助三至五万元。", [(30_000, 50_000, "元")], id="san_zhi_wu_wan"),
    pytest.param("培训两到三万人。", [(20_000, 30_000, "人")], id="liang_dao_san_wan"),
    pytest.param("投入一百二十到一百五十万元。", [(1_200_000, 1_500_000, "元")], id="yibaiershi_wan"),
    pytest.param("补助3-5万元。", [(30_000, 50_000, "元")], id="arabic_shared_wan"),
    pytest.param("投资1至2亿元。", [(100_000_000, 200_000_000, "元")], id="arabic_shared_yi"),
    pytest.param("资助3万至5万元。", [(30_000, 50_000, "元")], id="both_printed_wan"),
    pytest.param("资助三万至五万元。", [(30_000, 50_000, "元")], id="cn_both_printed_wan"),
    pytest.param("奖励五千至一万元。", [(5_000, 10_000, "元")], id="qian_to_wan"),
    pytest.param("补助二至三千元。", [(2_000, 3_000, "元")], id="shared_qian"),
    pytest.param("组织2-3场讲座。", [(2, 3, "场")], id="neg_plain_range"),
]

KILO_UNITS = [
    pytest.param("步行十千米。", [(10, 10, "千米")], id="shi_qianmi"),
    pytest.param("每袋20千克。", [(20, 20, "千克")], id="arabic_qianke"),
    pytest.param("半径3千米以内。", [(None, 3, "千米")], id="arabic_qianmi_yinei"),
    pytest.param("装机容量500千瓦。", [(500, 500, "千瓦")], id="qianwa"),
    pytest.param("重五十千克左右。", [(50, 50, "千克")], id="wushi_qianke"),
    pytest.param("两千米长跑。", [(2, 2, "千米")], id="liang_qianmi"),
    pytest.param("周边一千米范围内，不得建设。", [(1, 1, "千米")], id="yi_qianmi_not_an_article"),
    pytest.param("包括56平方千米范围的水域。", [(56, 56, "平方千米")], id="pingfang_qianmi"),
    pytest.param("北里湖等5\ue0106平方千米的水域。", [], id="neg_private_glyph_inside_number"),
    pytest.param("种植三千亩。", [(3_000, 3_000, "亩")], id="neg_qian_mu_is_thousand"),
    pytest.param("培训两千人。", [(2_000, 2_000, "人")], id="neg_qian_ren_is_thousand"),
]

LING_SHI = [
    pytest.param("资助一千零十元。", [(1010, 1010, "元")], id="yiqian_ling_shi"),
    pytest.param("共两千零十二人。", [(2012, 2012, "人")], id="liangqian_ling_shier"),
    pytest.param("一万零十五人。", [(10015, 10015, "人")], id="yiwan_ling_shiwu"),
    pytest.param("一百零五人。", [(105, 105, "人")], id="neg_yibai_ling_wu"),
    pytest.param("一千零五十人。", [(1050, 1050, "人")], id="neg_yiqian_ling_wushi"),
]

FULLWIDTH_COMMA = [
    pytest.param("合计82，225.00元。", [(82225, 82225, "元")], id="fullwidth_thousands"),
    pytest.param("共1，234，567元。", [(1234567, 1234567, "元")], id="fullwidth_two_groups"),
    pytest.param("共1,234元。", [(1234, 1234, "元")], id="ascii_thousands"),
    pytest.param("分别为3，5人。", [(5, 5, "人")], id="neg_list_one_digit"),
    pytest.param("分别为30，5000人。", [(5000, 5000, "人")], id="neg_list_four_digits"),
]

CN_YEAR_BY_DATE = [
    pytest.param("请于两千零五年八月五号前报送。", ["2005-08-05"], id="liangqian_lingwu_nian"),
    pytest.param("请于二〇一九年五月八日前报送。", ["2019-05-08"], id="digit_by_digit_year"),
    pytest.param("请于二零二零年十二月三十一日前完成。", ["2020-12-31"], id="erling_erling"),
    pytest.param("请于两千零二十年六月底前完成。", ["2020-06-30"], id="liangqian_ershi_month_end"),
    pytest.param("请于两千年三月一日前完成。", ["2000-03-01"], id="liangqian_nian"),
    pytest.param("请于两千零五年前完成。", [], id="neg_year_alone_is_no_day"),
    pytest.param("共两千零五人于八月前到岗。", [], id="neg_count_is_no_year"),
]

DATE_FORMS = [
    pytest.param("于八月二十八号召开", ["--08-28"], id="cn_month_day_hao"),
    pytest.param("于十二月20号召开", ["--12-20"], id="mixed_month_day"),
    pytest.param("二〇一九年5月8日", ["2019-05-08"], id="cn_year_arabic_month"),
    pytest.param("十月一日起施行", ["--10-01"], id="cn_month_day_ri"),
    pytest.param("2019年4月12-19日", ["2019-04-12", "2019-04-19"], id="day_range_after_year"),
    pytest.param("2018年1－9月份", ["2018-01", "2018-09"], id="month_range_after_year"),
    pytest.param("2018年1月至9月", ["2018-01", "2018-09"], id="month_range_zhi"),
    pytest.param("时间：2008.08", ["2008-08"], id="dotted_year_month"),
    pytest.param("时间：2008-08", ["2008-08"], id="dashed_year_month"),
    pytest.param("1999.08-2002.02 任科长", ["1999-08", "2002-02"], id="year_month_range"),
    pytest.param("发布时间：2018-12-1209:03", ["2018-12-12"], id="date_glued_to_time"),
    pytest.param("2018-12-12", ["2018-12-12"], id="plain_iso"),
    pytest.param("版本1.2.3", [], id="neg_version"),
    pytest.param("电话2008-0812", [], id="neg_phone_like"),
    pytest.param("共2008.50元", [], id="neg_money_decimal"),
    pytest.param("第13.08条", [], id="neg_clause"),
    pytest.param("三十一号楼", [], id="neg_building_number"),
]

MONEY = [
    pytest.param("奖励500圆。", [(500, 500, "圆")], id="yuan_round_char"),
    pytest.param("计人民币壹佰壹拾壹圆整。", [(111, 111, "圆")], id="daxie_yuan_zheng"),
    pytest.param("金额：叁仟伍佰元整", [(3500, 3500, "元")], id="daxie_yuan"),
    pytest.param("每人5元5角。", [(5.5, 5.5, "元")], id="yuan_jiao"),
    pytest.param("单价3角。", [(3, 3, "角")], id="jiao_only"),
    pytest.param("共计12元3角4分。", [(12.34, 12.34, "元")], id="yuan_jiao_fen"),
    pytest.param("满分100分。", [(100, 100, "分")], id="score_fen_is_points_not_cents"),  # points count (NOTES-W1 1295, T1, U2)
]

PERCENT_RANGES = [
    pytest.param("增长5%-8%。", [(5, 8, "%")], id="pct_pct_range"),
    pytest.param("增长5-8%。", [(5, 8, "%")], id="shared_pct_range"),
    pytest.param("增长百分之五到八。", [(5, 8, "%")], id="baifenzhi_range"),
    pytest.param("增长百分之五到百分之八。", [(5, 8, "%")], id="baifenzhi_both"),
    pytest.param("占百分之十五。", [(15, 15, "%")], id="neg_single_baifenzhi"),
    pytest.param("提高百分之五十到六十。", [(50, 60, "%")], id="baifenzhi_tens_range"),
    pytest.param("由百分之八降到百分之五。", [(8, 8, "%"), (5, 5, "%")], id="neg_falling_pair_is_no_range"),
]

APPROX_RANGES = [
    pytest.param("体重减轻七八公斤。", [(7, 8, "公斤")], id="qiba_gongjin"),
    pytest.param("每天三四次。", [(3, 4, "次")], id="sansi_ci"),
    pytest.param("十五六人。", [(15, 16, "人")], id="shiwuliu_ren"),
    pytest.param("两三天。", [(2, 3, "天")], id="liangsan_tian"),
    pytest.param("三五个人", [], id="neg_sanwu_idiom"),
    pytest.param("一二级医院", [], id="neg_yi_er_ji"),
]

PHONES = [
    pytest.param("联系人：张三，电话：187-0281-2943", [("张三", "187-0281-2943")], id="mobile_dashes"),
    pytest.param("联系人：张三，电话：187 0281 2943", [("张三", "18702812943")], id="mobile_spaces"),
    pytest.param("联系人：李四，电话：0311-87654321转8012", [("李四", "0311-87654321转8012")], id="extension_zhuan"),
    pytest.param("联系人：李四，电话：0311-87654321-8012", [("李四", "0311-87654321-8012")], id="extension_dash"),
    pytest.param("联系人：王五 电话：13812345678、0311-87654321",
                 [("王五", "13812345678"), ("王五", "0311-87654321")], id="two_numbers_one_name"),
    pytest.param("联系人：王五 18702812943 0311-87654321",
                 [("王五", "18702812943"), ("王五", "0311-87654321")], id="two_numbers_no_label"),
    pytest.param("联系人：王五，电话：2019-2020", [], id="neg_year_range"),
    pytest.param("联系人：赵六，电话：0311-8765432", [("赵六", "0311-8765432")], id="neg_seven_digit_landline_kept"),
    pytest.param("联系人：赵六，手机：187-0281-294", [], id="neg_short_grouped_mobile"),
]

JOINT_ISSUERS = [
    pytest.param("国家卫生健康委员会\n国家中医药管理局\n文件\n\n国卫医发〔2019〕1号\n\n关于做好某工作的通知\n\n各省卫生健康委：\n",
                 "国家卫生健康委员会、国家中医药管理局", id="two_lines_over_wenjian"),
    pytest.param("中共石家庄市委 石家庄市人民政府\n\n关于做好某工作的通知\n\n各县（市、区）：\n",
                 "中共石家庄市委、石家庄市人民政府", id="one_header_line"),
    pytest.param("国家卫生健康委员会 国家中医药管理局文件\n\n关于做好某工作的通知\n\n各省卫生健康委：\n",
                 "国家卫生健康委员会、国家中医药管理局", id="one_line_with_wenjian"),
    pytest.param("山西省卫生厅文件\n\n关于做好某工作的通知\n\n各市卫生局：\n", "山西省卫生厅", id="neg_single_mark"),
]


@pytest.mark.parametrize(("text", "expected"), CN_DECIMALS + SHARED_MAGNITUDE + KILO_UNITS + LING_SHI
                         + FULLWIDTH_COMMA + MONEY + PERCENT_RANGES + APPROX_RANGES)
def test_quota_value(text, expected):
    assert quotas(text) == expected


@pytest.mark.parametrize(("text", "expected"), CN_YEAR_BY_DATE)
def test_deadline_value(text, expected):
    assert deadlines(text) == expected


@pytest.mark.parametrize(("text", "expected"), DATE_FORMS)
def test_date_value(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "expected"), PHONES)
def test_contact_value(text, expected):
    assert contacts(text) == expected


@pytest.mark.parametrize(("text", "expected"), JOINT_ISSUERS)
def test_joint_issuer(text, expected):
    assert issuer(text) == expected
