"""Pages into documents: several, one (a cover notice with its plan), or none."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.normalize import normalize_doc
from pipeline.read import read_bytes, read_file
from pipeline.split import repeated_sections, split, split_page
from pipeline.types import Document, Problem, Source, Span, make_doc

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"
SECTION = "为进一步做好工作，结合实际，制定本方案。一、指导思想。坚持以人民为中心，提升服务质量，确保各项任务落到实处。" * 2


def text_doc(text: str, name: str = "p.txt") -> Document:
    data = text.encode()
    raw = read_bytes(data, Source.from_bytes(name, data))
    return normalize_doc(raw)


@pytest.fixture(scope="module")
def seed_003():
    page = normalize_doc(read_file(SEEDS / "003_b9108ce5693e2955.txt"))
    return page, split_page(page).docs


def _own(d):
    """A child's own text, after the page metadata lines it carries."""
    head = d.zone("pagemeta")
    return d.text[head[0].end:].lstrip("\n") if head and head[0].start == 0 else d.text


def test_repost_page_of_eleven_plans_is_eleven_documents(seed_003):
    _, docs = seed_003
    assert [_own(d).split("\n", 1)[0] for d in docs] == [f"医疗服务能力提升方案{i}" for i in range(1, 12)]
    assert [d.ordinal for d in docs] == list(range(11))
    assert "醫療服務能力提升方案1" in docs[0].original_text


def test_each_child_carries_the_page_byline(seed_003):
    _, docs = seed_003
    assert all(d.text.startswith("时间:2022-10-19") for d in docs)


def test_children_are_exact_slices_of_the_page(seed_003):
    page, docs = seed_003
    for d in docs:
        own = _own(d)
        a, k = page.text.index(own), len(d.text) - len(own)
        assert d.to_raw[k:] == page.to_raw[a:a + len(own) + 1]
        assert d.raw_text is page.raw_text
        assert all(0 <= z.start <= z.end <= len(d.text) for spans in d.zones.values() for z in spans)
        assert d.doc_id != page.doc_id or d.ordinal == 0


def test_page_intro_and_trailing_lists_belong_to_no_child(seed_003):
    _, docs = seed_003
    joined = "".join(_own(d) for d in docs)
    for outside in ("时间:2022-10-19", "范文(通用11篇)", "相关文章", "主站蜘蛛池模板"):
        assert outside not in joined


def test_cover_notice_with_the_plan_it_issues_is_one_document():
    text = ("山西省卫生厅办公室关于印发义诊活动周实施方案的通知\n晋卫办医政〔2013〕84号\n各市卫生局:\n"
            f"{SECTION}\n山西省卫生厅办公室\n2013年9月28日\n义诊活动周实施方案\n一、工作目标\n{SECTION}\n"
            f"二、活动时间\n{SECTION}\n附件1\n附件2\n")
    assert len(split_page(text_doc(text)).docs) == 1


def test_numbered_headings_need_one_stem_and_a_run_from_one():
    text = f"方案甲乙丙丁2\n{SECTION}\n方案甲乙丙丁3\n{SECTION}\n"
    assert repeated_sections(text) == []
    text = f"提升方案第一篇一\n{SECTION}\n提升方案第一篇二\n{SECTION}\n"
    assert len(repeated_sections(text)) == 2


def test_table_captions_are_not_document_headings():
    """A standard's tables (`WS 364.12—2011 表1`, `表 2`) number captions, not reposted documents."""
    text = f"WS 364.12—2011 表1\n{SECTION}\nWS 364.12—2011 表 2\n{SECTION}\n示意图1\n{SECTION}\n示意图2\n{SECTION}\n"
    assert repeated_sections(text) == []


def test_short_numbered_lines_are_a_list_not_documents():
    text = "".join(f"监测指标名称{i}\n" for i in range(1, 6)) + SECTION
    assert repeated_sections(text) == []


@pytest.mark.parametrize(("text", "name", "reason"), [
    ("政策文件：北京市中医管理局关于印发实施方案的通知\n" + SECTION, "a.html", "解读"),
    ("近日，《关于支持中医药振兴发展的意见》正式印发，现对《意见》解读如下：\n" + SECTION, "a.html", "解读"),
    ("| 发布日期 | 标题 |\n" + "".join(f"| 2024-01-{i:02d} | 第{i}号通知 |\n" for i in range(1, 30)), "i.md",
     "listing"),
    ("来源:人民日报\n本报北京10月13日电 (记者白剑峰)13日起,全国启动义诊活动周,约60万人次医务人员走进基层。\n"
     "(责任编辑:秋彤)\n", "n.txt", "news"),
    ("收录标题：【图解】河北开创县域科技创新新局面\n【图解】河北开创县域科技创新新局面\n" + SECTION, "g.txt", "解读"),
    ("一图读懂2020年《政府工作报告》\n" + SECTION, "g.html", "解读"),
], ids=["interpretation-link", "interpretation-opening", "index-table", "news-report-in-a-text-file",
        "infographic-headline", "one-picture-explainer"])
def test_pages_without_an_official_document_yield_none(text, name, reason):
    result = split_page(text_doc(text, name))
    assert result.docs == [] and reason in result.reason


def test_a_notice_whose_page_links_its_interpretation_is_a_notice():
    text = ("冀工信科〔2021〕264号\n河北省工业和信息化厅关于印发《某规划》的通知\n各市人民政府，省有关部门：\n"
            "《某规划》已经省政府同意。现印发你们。\n附件：某规划\n河北省工业和信息化厅\n2021年9月22日\n政策解读：《某规划》\n")
    assert len(split_page(text_doc(text, "a.txt")).docs) == 1


def test_html_news_without_document_marks_yields_none():
    html = ("<html><body><h1>山西品牌丝路行正式启动</h1><p>当地时间9月16日下午，活动在巴西圣保罗正式启动，"
            "并成功举办推介会。代表团介绍了山西的发展优势。</p></body></html>").encode()
    page = normalize_doc(read_bytes(html, Source.from_bytes("news.html", html)))
    dropped = []
    assert list(split([page], on_drop=lambda d, why: dropped.append(why))) == []
    assert dropped and "news" in dropped[0]


def test_a_notice_quoting_a_reporter_is_kept():
    text = ("关于开展义诊活动的通知\n各区卫生健康委：\n据报道（记者王某），群众需求大。现将有关事项通知如下。\n"
            "北京市卫生健康委员会\n2021年3月1日\n")
    assert len(split_page(text_doc(text, "n.txt")).docs) == 1


def test_html_notice_with_document_marks_is_kept():
    html = ("<html><body><p>各区卫生健康委：</p><p>现将有关事项通知如下。</p><p>北京市中医管理局</p>"
            "<p>2021年3月</p></body></html>").encode()
    page = normalize_doc(read_bytes(html, Source.from_bytes("n.html", html)))
    assert len(split_page(page).docs) == 1


def test_empty_page_with_problems_passes_through_so_problems_reach_the_catalogue():
    src = Source.from_bytes("scan.pdf", b"x")
    page = normalize_doc(Document(source=src, raw_text="", problems=[Problem("read", "E_NEEDS_OCR", "scan")]))
    assert split_page(page).docs == [page]
    assert split_page(normalize_doc(Document(source=src, raw_text=""))).docs == []


def test_page_problems_go_to_the_first_child_only():
    text = f"方案汇编\n提升方案1\n{SECTION}\n提升方案2\n{SECTION}\n"
    page = make_doc(text, problems=[Problem("read", "W_ENCODING_GUESSED", "guessed")],
                    zones={"body": [Span(0, len(text))]})
    docs = split_page(page).docs
    assert [len(d.problems) for d in docs] == [1, 0]
    assert docs[1].zones["body"] == [Span(0, len(docs[1].text))]


@pytest.mark.parametrize("seed", ["000_cb340e0c62e433f2", "001_cd57f93c1b551f8a", "002_9a3f6722784d97e7",
                                  "004_44e78957d9041d76"])
def test_other_seeds_are_one_document(seed):
    page = normalize_doc(read_file(SEEDS / f"{seed}.txt"))
    assert len(split_page(page).docs) == 1


@pytest.mark.parametrize(("name", "count"), [("bjzyj_16_2019-09-02.html", 0), ("bjzyj_17_2017-05-17.html", 0),
                                             ("bjzyj_03_2020-10-20.html", 1), ("govcn_03_国发_2019_4.html", 1),
                                             ("gne_govcn_gongbao_2007_tebieguozhai.html", 1)])
def test_dev_page_document_counts_match_gold(shared, name, count):
    page = normalize_doc(read_file(shared / "corpus" / "dev" / "html" / name))
    assert len(split_page(page).docs) == count
