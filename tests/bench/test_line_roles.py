"""Line roles for the rules-vs-CRF experiment: labels from gold, features, rules' roles, a CRF."""
from __future__ import annotations

import pytest

from bench.line_roles.corpus import Doc
from bench.line_roles.features import crfsuite_items, doc_features
from bench.line_roles.labels import distant_gold, label_lines, printed_dates
from bench.line_roles.report import line_scores, prf, recipients_of, title_of
from bench.line_roles.rules import rule_roles
from pipeline.structure.lines import lines

NOTICE = """来源：某某网 2020-10-20
关于开展义诊活动的
通知
京中医科字〔2020〕172号
各区卫生健康委、各有关医疗机构：
为做好义诊工作，现将有关事项通知如下。
一、活动时间
2020年11月1日至30日。
北京市中医管理局
2020年10月20日
"""
GOLD = {"title": "关于开展义诊活动的通知", "recipients": ["各区卫生健康委", "各有关医疗机构"],
        "issuer": "北京市中医管理局", "signed_date": "2020-10-20"}
EXPECTED = ["furniture", "title", "title", "other", "recipients", "other", "other", "other",
            "signature", "date"]


def _roles(text: str, gold: dict) -> list[str]:
    return label_lines(lines(text), gold)


def test_a_notice_gets_every_role():
    assert _roles(NOTICE, GOLD) == EXPECTED


@pytest.mark.parametrize(("field", "value", "lost"), [
    ("title", None, "title"),
    ("title", "完全不同的标题文字", "title"),
    ("recipients", [], "recipients"),
    ("recipients", ["各街道办事处"], "recipients"),
    ("signed_date", None, "date"),
    ("signed_date", "2020-10-21", "date"),
], ids=["no-title", "title-not-printed", "no-recipients", "recipients-not-printed", "no-date", "other-date"])
def test_a_value_that_is_absent_or_not_printed_labels_no_line(field, value, lost):
    assert lost not in _roles(NOTICE, {**GOLD, field: value})


def test_no_date_line_means_no_signature():
    roles = _roles(NOTICE, {**GOLD, "signed_date": None})
    assert "signature" not in roles


@pytest.mark.parametrize(("text", "role"), [
    ("国家卫生健康委 国家中医药局\n2020年10月20日\n", "signature"),  # joint issuers, one line
    ("北京市中医管理局（盖章）\n2020年10月20日\n", "signature"),  # seal note beside the name
    ("本通知由北京市中医管理局负责解释。\n2020年10月20日\n", "other"),  # a sentence naming it
    ("北京市卫生健康委员会\n2020年10月20日\n", "other"),  # another body
], ids=["joint", "seal", "sentence", "other-org"])
def test_signature_lines_print_the_gold_issuer(text, role):
    gold = {"issuer": "国家卫生健康委、国家中医药局" if "国家" in text else "北京市中医管理局",
            "signed_date": "2020-10-20"}
    roles = _roles("一、为做好工作，通知如下。\n" + text, gold)
    assert roles[1] == role and roles[2] == "date"


@pytest.mark.parametrize(("last", "role"), [
    ("二〇二〇年十月二十日", "date"),
    ("2020.10.20", "date"),
    ("2020年10月20日印发", "other"),  # the 版记's printing date
    ("会议定于2020年10月20日在北京召开，请各单位按时参加。", "other"),  # a sentence
], ids=["chinese-numerals", "dotted", "printed", "sentence"])
def test_the_date_line_prints_the_signed_date_by_itself(last, role):
    roles = _roles(f"一、为做好工作，通知如下。\n{last}\n", {"signed_date": "2020-10-20"})
    assert roles[1] == role


def test_a_date_in_the_head_is_not_the_signature_date():
    text = "某某条例\n（2020年10月20日某某会议通过）\n第一条 为了规范管理，制定本条例。\n"
    assert "date" not in _roles(text, {"title": "某某条例", "signed_date": "2020-10-20"})


def test_the_signed_date_under_its_signature_beats_an_earlier_copy():
    text = "一、通知如下。\n2020年10月20日\n二、另有规定。\n北京市中医管理局\n2020年10月20日\n"
    roles = _roles(text, {"issuer": "北京市中医管理局", "signed_date": "2020-10-20"})
    assert roles[1:] == ["other", "other", "signature", "date"]


@pytest.mark.parametrize(("head", "role"), [
    ("京中医科字〔2020〕172号", "other"),
    ("附件2", "other"),
    ("首页 > 通知公告", "furniture"),
], ids=["doc-number", "attachment-label", "breadcrumb"])
def test_lines_above_the_document_are_furniture_but_its_own_head_is_not(head, role):
    roles = _roles(f"{head}\n各区卫生健康委：\n为做好义诊工作，通知如下。\n", {"recipients": ["各区卫生健康委"]})
    assert roles[:2] == [role, "recipients"]


def test_a_title_copy_inside_the_body_is_not_the_title():
    text = "各区卫生健康委：\n为做好工作，通知如下。\n关于开展义诊活动的通知\n"
    assert _roles(text, {"title": "关于开展义诊活动的通知", "recipients": ["各区卫生健康委"]})[2] == "other"


def test_the_title_matches_without_list_punctuation():
    text = "最高人民法院 最高人民检察院\n关于办理案件的解释\n第一条 为了依法惩治犯罪，制定本解释。\n"
    roles = _roles(text, {"title": "最高人民法院、最高人民检察院关于办理案件的解释"})
    assert roles[:2] == ["title", "title"]


@pytest.mark.parametrize(("line", "key", "value"), [
    ("标题：关于开展义诊活动的通知", "title", "关于开展义诊活动的通知"),
    ("发文机关：国务院办公厅", "issuer", "国务院办公厅"),
    ("成文日期：2018年12月07日", "signed_date", "2018-12-07"),
], ids=["title", "issuer", "date"])
def test_distant_gold_reads_the_metadata_table(line, key, value):
    text = line + "\n正文。\n"
    ls = lines(text)
    assert distant_gold(ls, [(0, len(line))]) == {key: value}


def test_distant_gold_ignores_the_same_label_in_the_body():
    text = "正文。\n标题：别的\n"
    assert distant_gold(lines(text), [(0, 3)]) == {}


@pytest.mark.parametrize(("text", "dates"), [
    ("2020年10月20日", ["2020-10-20"]),
    ("二〇〇九年四月七日", ["2009-04-07"]),
    ("2020-13-01", []),
    ("第2020号", []),
], ids=["arabic", "chinese", "bad-month", "not-a-date"])
def test_printed_dates(text, dates):
    assert [v for v, *_ in printed_dates(text)] == dates


# features ---------------------------------------------------------------------------------------

def _features(text: str, votes=None):
    return doc_features(lines(text), votes)


@pytest.mark.parametrize(("i", "key", "value"), [
    (3, "docnum", "yes"),
    (4, "colon_end", "yes"),
    (5, "sentences", "<=1"),
    (8, "org", "yes"),
    (9, "date_only", "yes"),
    (2, "doctype", "通知"),
    (0, "label", "yes"),
    (0, "top", "<=0"),
    (9, "bottom", "<=0"),
], ids=["doc-number", "colon-end", "sentence", "org", "date-only", "doctype", "label", "top", "bottom"])
def test_line_features(i, key, value):
    assert _features(NOTICE)[i][key] == value


@pytest.mark.parametrize(("i", "key", "value"), [
    (4, "docnum", "no"),
    (3, "colon_end", "no"),
    (5, "org", "no"),
    (8, "date_only", "no"),
    (1, "doctype", "none"),
], ids=["no-doc-number", "no-colon", "sentence-no-org", "org-no-date", "no-doctype"])
def test_line_features_negatives(i, key, value):
    assert _features(NOTICE)[i][key] == value


def test_neighbours_and_edges():
    feats = _features(NOTICE)
    assert feats[0]["-1:edge"] == 1.0 and feats[-1]["+1:edge"] == 1.0
    assert feats[8]["+1:date_only"] == "yes" and feats[5]["-1:colon_end"] == "yes"


def test_rule_votes_are_features_only_when_given():
    ls = lines(NOTICE)
    assert "rule" not in _features(NOTICE)[0]
    with_votes = _features(NOTICE, ["furniture"] + ["other"] * (len(ls) - 1))
    assert with_votes[0]["rule"] == "furniture" and with_votes[1]["-1:rule"] == "furniture"


def test_crfsuite_items_one_hot():
    assert crfsuite_items({"len": "<=5", "bias": 1.0}) == {"len=<=5": 1.0, "bias": 1.0}


# rules' roles and scores ------------------------------------------------------------------------

def _doc(text: str, chosen: dict, cands: dict | None = None, zones: dict | None = None) -> Doc:
    return Doc("t", "t.txt", text, lines(text), zones or {}, chosen,
               {f: (cands or {}).get(f, []) for f in ("title", "recipients", "issuer", "signed_date")}, GOLD)


def test_rule_roles_map_chosen_spans_to_lines():
    ls = lines(NOTICE)
    title = ("关于开展义诊活动的通知", ls[1].start, ls[2].end, "heading")
    rec = ("各区卫生健康委", ls[4].start, ls[4].start + 7, "main-line")
    sig = ("北京市中医管理局", ls[8].start, ls[8].end, "signature")
    date = ("2020-10-20", ls[9].start, ls[9].end, "signature")
    page_title = ("某页标题", 0, 3, "pagemeta")
    doc = _doc(NOTICE, {"title": [title], "recipients": [rec]},
               {"issuer": [("某", 0, 1, "pagemeta"), sig], "signed_date": [date]},
               {"document": [(ls[1].start, len(NOTICE))]})
    assert rule_roles(doc) == EXPECTED
    assert "title" not in rule_roles(_doc(NOTICE, {"title": [page_title]}))


def test_line_scores_and_prf():
    scores = line_scores([(["title", "other", "date"], ["title", "date", "other"])])
    assert scores["title"] == (1, 0, 0) and scores["date"] == (0, 1, 1)
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)


def test_fields_read_from_lines():
    doc = _doc(NOTICE, {})
    assert title_of(doc, EXPECTED) == "关于开展义诊活动的通知"
    assert recipients_of(doc, EXPECTED) == ["各区卫生健康委", "各有关医疗机构"]


@pytest.mark.slow
def test_the_crf_learns_roles_from_labelled_notices():
    from bench.line_roles.crf import LineCRF

    docs = [NOTICE.replace("义诊", word) for word in ("义诊", "培训", "考核", "评审", "检查")]
    feats = [doc_features(lines(d)) for d in docs]
    model = LineCRF().fit(feats, [EXPECTED] * len(docs))
    try:
        got = model.predict(doc_features(lines(NOTICE.replace("义诊", "督导"))))
    finally:
        model.close()
    assert got == EXPECTED


def test_discordant_counts_lines_only_one_system_gets_right():
    from bench.line_roles.report import discordant

    gold = [["title", "other", "date"]]
    rules = [["title", "date", "other"]]
    crf = [["other", "other", "date"]]
    got = discordant(gold, rules, crf)
    assert got["title"] == (1, 0) and got["date"] == (0, 2)


@pytest.mark.parametrize(("i", "meta", "top_own"), [
    (0, "yes", "meta"),
    (1, "no", "<=0"),
    (2, "no", "<=1"),
], ids=["metadata-line", "first-own-line", "second-own-line"])
def test_pagemeta_features(i, meta, top_own):
    feats = doc_features(lines(NOTICE), pagemeta=[(0, len(NOTICE.split("\n")[0]))])
    assert (feats[i]["meta"], feats[i]["top_own"]) == (meta, top_own)
