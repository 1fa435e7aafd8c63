"""Re-segmentation: line breaks put back into run-on notices, never into well-formed text."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text, resegment
from tests.conftest import SHARED

BODY = "为进一步做好相关工作，切实保障人民群众的合法权益，推动各项任务落到实处，现将有关事项通知如下，请各单位认真贯彻执行。" * 2
RUN_ON = ("关于开展卫生健康执法检查工作的通知各县卫生局，市直有关单位：" + BODY + "一、工作目标" + BODY
          + "二、工作任务（一）开展检查。" + BODY + "（二）总结经验。" + BODY + "特此通知。附件：检查表.xls"
          + "邯郸市卫生健康委员会2019年5月17日（此件公开发布）")


def lines(text: str) -> list[str]:
    return normalize_text(text)[1].text.split("\n")


@pytest.mark.parametrize("line", [
    "关于开展卫生健康执法检查工作的通知",
    "各县卫生局，市直有关单位：",
    "一、工作目标" + BODY,
    "（一）开展检查。" + BODY,
    "（二）总结经验。" + BODY,
    "特此通知。",
    "附件：检查表.xls",
    "邯郸市卫生健康委员会",
    "2019年5月17日",
    "（此件公开发布）",
], ids=["title", "recipients", "outline-item", "paren-item", "paren-item-after-sentence", "closing",
        "attachment", "signature-org", "signature-date", "publication-note"])
def test_a_run_on_notice_gets_its_lines_back(line):
    assert line in lines(RUN_ON)


@pytest.mark.parametrize("text, line", [
    ("国发〔2016〕76号为加强政务诚信建设。" + BODY * 3 + "国务院2016年12月22日", "国发〔2016〕76号"),
    ("关于印发方案的通知冀科综〔2022〕10号各市科技局：" + BODY * 3 + "河北省科学技术厅2022年7月28日", "冀科综〔2022〕10号"),
    ("一、督查对象各市政府及相关部门二、督查内容" + BODY * 3 + "三、督查安排" + BODY, "二、督查内容" + BODY * 3),
    ("关于某某工作的通知发布时间：2019-05-17 来源：市卫生局" + BODY * 3, "发布时间：2019-05-17"),
    ("第一章总则  第一条" + BODY + "  第二条" + BODY * 2 + "特此公告。省政府2019年5月17日", "第一条" + BODY),
    ("现将办法印发给你们，请遵照执行。人力资源社会保障部2019年4月23日职业技能等级证书管理办法（试行）为了建设"
     + BODY * 3, "职业技能等级证书管理办法（试行）"),
    ("分为四级：" + BODY + "（一）蓝色预警(Ⅳ级）：预计出现大风；（二）黄色预警(Ⅲ级)：预计出现大风。" + BODY * 2,
     "（二）黄色预警(Ⅲ级)：预计出现大风。" + BODY * 2),
    ("关于印发办法的通知各市科技局：" + BODY * 3 + "附件：研发投入若干措施.docx河北省科学技术厅河北省财政厅 2022年7月28日",
     "河北省科学技术厅河北省财政厅"),
    ("各市人民政府：\n现印发给你们。\n河北省人民政府办公厅\n2020年9月30日关于进一步优化营商环境的若干措施\n为贯彻落实。",
     "2020年9月30日"),
    ("收录日期：2021-01-03\n冀科人规〔2021〕1号河北省科学技术厅关于印发《某办法》的通知\n各市科技局：\n现印发。",
     "冀科人规〔2021〕1号"),
    ("收录日期：2020-01-21\n冀科资规〔2020〕1号  河北省科学技术厅  关于印发《河北省省级科技创新券实施细则》的通知  "
     "各市（含定州、辛集市）科技局，雄安新区管委会改革发展局，省有关部门：  为深入贯彻落实中共河北省委、河北省人民政府有关文件精神，更好发挥科技创新券的作用，现印发给你们，请认真贯彻执行。",
     "各市（含定州、辛集市）科技局，雄安新区管委会改革发展局，省有关部门："),
], ids=["doc-number-heading", "doc-number-after-title", "numbered-headings-without-punctuation",
        "byline-after-headline", "paragraph-indent", "issued-title-after-signature", "mixed-width-parentheses",
        "signature-after-attachment-file", "issued-title-after-the-date-on-a-short-line",
        "number-run-into-the-title-on-a-short-line", "short-notice-run-together-with-double-spaces"])
def test_structural_marks_start_lines(text, line):
    assert line in lines(text)


@pytest.mark.parametrize("text", [
    BODY * 4,  # one long paragraph, no structure to restore
    "关于开展检查的通知\n各县卫生局：\n" + BODY + "一、工作目标。" + BODY + "二、工作任务。" + BODY + "\n"
    + "\n".join([BODY] * 6),  # well-formed: a long paragraph with inline items among many lines
    "根据《关于开展检查工作的通知各县卫生局：一、工作》的要求，" + BODY * 3,  # marks inside 《》
    "按照（国发〔2016〕76号为准。一、二、三）执行，" + BODY * 3,  # marks inside a parenthesis
    "根据国办发〔2019〕4号文件精神，" + BODY * 3 + "于2019年5月17日起施行。",  # a cited number, a date in a sentence
    "关于开展检查的通知各县卫生局：为做好工作。",  # short
    "2020年9月30日关于做好防汛工作召开了会议。",  # a date opening a sentence that is no title
    "根据冀政发〔2015〕16号关于加强管理的通知",  # a number cited by a sentence
], ids=["long-paragraph", "well-formed-with-inline-items", "inside-book-title", "inside-parenthesis",
        "citation-and-date-in-body", "short-line", "date-opening-a-sentence", "cited-number-before-a-title"])
def test_text_without_lost_breaks_is_left_alone(text):
    assert resegment.breaks(text) == []


@pytest.mark.parametrize("text, kept", [
    ("为做好2019年度工作。1.5倍于去年。" + BODY * 3 + "特此通知。卫生局2019年5月17日", "1.5倍于去年"),
    ("会议定于2019年5月17日召开。" + BODY * 3 + "特此通知。卫生局2019年5月17日", "2019年5月17日召开"),
    ("详见《关于印发（一）方案的通知》。" + BODY * 3 + "特此通知。卫生局2019年5月17日", "《关于印发（一）方案的通知》"),
], ids=["decimal", "date-in-sentence", "book-title"])
def test_no_break_inside_numbers_dates_or_titles(text, kept):
    assert kept in normalize_text(text)[1].text


def test_inserted_breaks_map_to_the_next_raw_character():
    original, _ = normalize_text(RUN_ON)
    assert all(a <= b for a, b in zip(original.map, original.map[1:]))
    for at, ch in zip(original.map, original.text):
        assert ch == "\n" or RUN_ON[at] == ch


# every new step (re-segmentation, residue, pinyin, tables) off and on: well-formed text does not
# change. Seed 002 is a run-on document dump: its outline items get their lines back on purpose;
# bjzyj_14's procurement table was flattened to one cell per line: its rows come back on purpose
INTENDED = {"002_9a3f6722784d97e7.txt", "bjzyj_14_2021-04-08.html"}


def _corpus_files():
    roots = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev"]
    return sorted(p for r in roots if r.is_dir() for p in r.rglob("*") if p.is_file() and p.suffix != ".tsv")


@pytest.mark.slow
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name[:40])
def test_seeds_and_dev_text_is_unchanged(path, monkeypatch):
    from pipeline.normalize import pinyin, residue, tables
    from pipeline.read import read_file

    doc = read_file(str(path))
    after = normalize_text(doc.raw_text, doc.zone("chrome"))[1].text
    for module, step in ((resegment, "breaks"), (residue, "edits"), (pinyin, "annotations"), (tables, "rows")):
        monkeypatch.setattr(module, step, lambda text: [])
    before = normalize_text(doc.raw_text, doc.zone("chrome"))[1].text
    assert (after != before) == (path.name in INTENDED)


SIGNED_AFTER_ATTACHMENT = ("关于开展就业服务专项活动的通知各市人力资源社会保障局：" + BODY * 3 + "联系人：刘某联系电话：0311-66908733"
                           "附表：2023年河北省公共就业服务专项活动安排河北省人力资源和社会保障厅2022年12月15日"
                           "附表2023年河北省公共就业服务专项活动安排")


@pytest.mark.parametrize("line", [
    "联系人：刘某联系电话：0311-66908733", "附表：2023年河北省公共就业服务专项活动安排", "河北省人力资源和社会保障厅",
    "2022年12月15日", "附表2023年河北省公共就业服务专项活动安排",
], ids=["contact", "attached-table-note", "signer-cut-from-the-attachment-name", "date", "attachment-after-date"])
def test_a_signature_run_into_the_attachment_name_before_it(line):
    assert line in lines(SIGNED_AFTER_ATTACHMENT)


@pytest.mark.parametrize("run,signer", [
    ("年河北省公共就业服务专项活动安排河北省人力资源和社会保障厅", "河北省人力资源和社会保障厅"),
    ("河北省教育厅河北省财政厅", "河北省教育厅河北省财政厅"), ("北京市中医管理局", "北京市中医管理局"),
    ("某某工作领导小组办公室", "某某工作领导小组办公室"),
], ids=["attachment-name-then-signer", "two-signers", "one-signer", "no-opening-word"])
def test_signer_start(run, signer):
    assert run[resegment._signer_start(run, 0, len(run)):] == signer


@pytest.mark.parametrize("text,line", [
    ("索引号：000014349/2019-00005主题分类：教育发文机关：国务院成文日期：2019年01月24日标题：国务院关于印发方案的通知"
     "发文字号：国发〔2019〕4号发布日期：2019年02月13日国务院关于印发方案的通知国发〔2019〕4号各省人民政府：" + BODY * 3,
     "标题：国务院关于印发方案的通知"),
    ("索引号：000014349/2019-00005主题分类：教育发文机关：国务院成文日期：2019年01月24日标题：国务院关于印发方案的通知"
     "发文字号：国发〔2019〕4号发布日期：2019年02月13日国务院关于印发方案的通知国发〔2019〕4号各省人民政府：" + BODY * 3,
     "发布日期：2019年02月13日"),
    ("某某工作计划来源:某市卫生局 更新:2013/8/8 各有关医疗卫生单位:" + BODY * 3 + "一、总体要求" + BODY, "来源:某市卫生局"),
], ids=["table-key-run-into-a-value", "text-run-on-from-a-date-value", "byline-keys-close-together"])
def test_metadata_keys_start_lines(text, line):
    assert line in lines(text)


def test_a_source_word_inside_a_sentence_stays():
    text = "资金来源：省财政专项资金。" + BODY * 4
    assert "资金来源：省财政专项资金。" + BODY[:10] in lines(text)[0]
