"""HTML: rendering, pagemeta, main content versus chrome, hostile markup, dev pages in place."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_doc
from pipeline.read import read_bytes
from pipeline.types import Source

BODY = ("<p>各区卫生健康委、各有关单位：</p>"
        "<p>为进一步做好中医药继续教育工作，现将有关事项通知如下。一、项目分类。根据培训对象的层次定位，项目内容分为四个类别，"
        "各单位要认真组织申报，确保质量。</p>"
        "<p>二、申报要求。各单位应于2020年10月30日前将申报材料报送我局科教处，逾期不予受理，请各单位高度重视。</p>"
        "<p>附件：<a href='/files/P0201.docx'>申报表</a></p>"
        "<p>北京市中医管理局</p><p>2020年10月9日</p>")
NAV = "".join(f"<li><a href='/c{i}'>栏目{i}</a></li>" for i in range(12))
RELATED = "".join(f"<li><a href='/n{i}.html'>关于开展第{i}批工作的通知</a><span>2020-0{i % 9 + 1}-01</span></li>"
                  for i in range(8))
PORTAL = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知_北京市中医管理局</title>
<meta name="ArticleTitle" content="关于申报2021年度项目的通知"><meta name="PubDate" content="2020-10-09 10:00">
<script>var spam = "不应出现的脚本文字";</script><style>.x{{color:red}}</style></head>
<body><div class="header"><ul class="nav">{NAV}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg">通知公告</a></div>
<div class="main"><h1 class="title">关于申报2021年度项目的通知</h1>
<div class="info">发布时间：2020-10-09 来源：北京市中医管理局 【字体：大 中 小】</div>
<div id="zoom">{BODY}</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="related"><h3>相关文章</h3><ul>{RELATED}</ul></div></div>
<div style="display:none">无遮挡 在线观看 精品国产 隐藏的垃圾链接</div>
<div class="footer"><p>主办单位：北京市中医管理局 地址：西城区枣林前街70号</p>
<p>版权所有：北京市中医管理局 京ICP备05083208号 网站标识码：1100000022</p></div></body></html>"""
GOVCN_TABLE = """<div class="wrap"><table><tbody>
<tr><td><b>索 引 号：</b></td><td>000014349/2019-00004</td><td><b>主题分类：</b></td><td>卫生、体育\\卫生</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2019年01月16日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">国务院办公厅关于加强三级公立医院绩效考核工作的意见</td></tr>
<tr><td><b>发文字号：</b></td><td>国办发〔2019〕4号</td><td><b>发布日期：</b></td><td>2019年01月30日</td></tr>
</tbody></table><table><tr><td id="UCAP-CONTENT"><p>国务院办公厅关于加强三级公立医院绩效考核工作的意见</p>
<p>国办发〔2019〕4号</p><p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>为进一步深化公立医院改革，推进现代医院管理制度建设，经国务院同意，现就加强三级公立医院绩效考核工作提出以下意见。</p>
</td></tr></table></div>"""


def read(html: str, name: str = "p.html"):
    data = html.encode("utf-8")
    return read_bytes(data, Source.from_bytes(name, data))


@pytest.fixture(scope="module")
def portal():
    raw = read(PORTAL)
    return raw, normalize_doc(raw)


def test_raw_text_keeps_chrome_but_not_scripts_or_hidden_spam(portal):
    raw, _ = portal
    assert "栏目3" in raw.raw_text and "版权所有" in raw.raw_text
    assert "不应出现的脚本文字" not in raw.raw_text and "隐藏的垃圾链接" not in raw.raw_text


def test_cms_meta_tags_become_pagemeta_lines_at_the_top(portal):
    raw, doc = portal
    assert raw.raw_text.startswith("ArticleTitle：关于申报2021年度项目的通知\nPubDate：2020-10-09 10:00\n")
    assert [z.of(doc.text) for z in doc.zone("pagemeta")] == [
        "ArticleTitle：关于申报2021年度项目的通知\nPubDate：2020-10-09 10:00"]


@pytest.mark.parametrize("kept", ["关于申报2021年度项目的通知", "发布时间：2020-10-09 来源：北京市中医管理局",
                                  "各区卫生健康委、各有关单位：", "附件：申报表", "北京市中医管理局\n2020年10月9日",
                                  "逾期不予受理"],
                         ids=["headline", "metadata-line", "recipients", "attachment-link", "signature", "body"])
def test_main_content_and_short_metadata_lines_are_kept(portal, kept):
    assert kept in portal[1].text


@pytest.mark.parametrize("dropped", ["栏目3", "当前位置", "分享到", "微博", "相关文章", "第3批工作", "版权所有",
                                     "京ICP备", "字体：大 中 小"],
                         ids=["navigation", "breadcrumb", "share-label", "share-links", "related-heading",
                              "related-items", "copyright", "icp", "font-tool"])
def test_chrome_is_dropped(portal, dropped):
    assert dropped not in portal[1].text


def test_body_zone_is_the_main_element(portal):
    _, doc = portal
    body = doc.zone("body")[0].of(doc.text)
    assert body.startswith("各区卫生健康委") and body.rstrip().endswith("2020年10月9日")


def test_govcn_metadata_table_becomes_pagemeta_lines():
    raw = read(GOVCN_TABLE)
    doc = normalize_doc(raw)
    head = doc.zone("pagemeta")[0].of(doc.text).split("\n")
    assert head == ["索引号：000014349/2019-00004", "主题分类：卫生、体育\\卫生", "发文机关：国务院办公厅",
                    "成文日期：2019年01月16日", "标题：国务院办公厅关于加强三级公立医院绩效考核工作的意见",
                    "发文字号：国办发〔2019〕4号", "发布日期：2019年01月30日"]
    assert doc.text.count("000014349/2019-00004") == 1  # the table's own text is chrome


def test_source_line_breaks_inside_chinese_disappear():
    raw = read("<p>第十届全国人民代表大会常务委员会\n    第二十八次会议，听取了 report\n of the day</p>")
    assert "常务委员会第二十八次会议" in raw.raw_text and "report of the day" in raw.raw_text


def test_table_cells_on_a_row_are_joined_by_tabs():
    raw = read("<table><tr><td>序号</td><td>名称</td></tr><tr><td>1</td><td>医院</td></tr></table>")
    assert "序号\t名称\n1\t医院" in raw.raw_text


def test_content_after_a_stray_html_close_is_kept():
    raw = read("<html><body><div>页头</div></html><div><p>正文在这里，继续。</p></div></body></html>")
    assert "正文在这里" in raw.raw_text


def test_pages_nested_past_the_parser_limit_are_flattened():
    html = "<html><body>" + "<div>" * 3000 + "<p>深层正文，内容。</p>" * 40 + "</div>" * 3000 + "</body></html>"
    raw = read(html)
    assert "深层正文" in raw.raw_text and [p.code for p in raw.problems] == ["W_HTML_TOO_DEEP"]


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<html><body><script>x()</script></body></html>"],
                         ids=["empty", "blank", "no-body", "script-only"])
def test_pages_without_text_are_a_warning_not_an_error(html):
    raw = read(html) if html else read_bytes(b"<html>", Source.from_bytes("p.html", b"<html>"))
    assert all(not p.is_error for p in raw.problems)


def test_xml_prolog_with_encoding_is_accepted():
    raw = read('<?xml version="1.0" encoding="utf-8"?><html><body><p>正文</p></body></html>')
    assert "正文" in raw.raw_text and not raw.problems


def test_govcn_dev_page_pagemeta_and_title(shared):
    f = shared / "corpus" / "dev" / "html" / "govcn_04_国办发_2019_4.html"
    doc = normalize_doc(read_bytes(f.read_bytes(), Source.from_bytes(f.name, b"")))
    assert doc.text.startswith("索引号：000014349/2019-00004\n")
    assert "发文字号：国办发〔2019〕4号" in doc.text and "国务院办公厅关于加强\n三级公立医院绩效考核工作的意见" in doc.text


@pytest.mark.parametrize(("name", "kept", "dropped"), [
    ("gne_govcn_gongbao_2007_tebieguozhai.html", "调整2007年末国债余额限额的决议", "国务院部门网站"),
    ("trafilatura_he_xinhuanet_GBK_news.html", "话剧《约定无期限》河北各市巡演结束", "更多图片"),
    ("gne_deqing_gov_tongji_news.html", "发布日期：2016-11-22", "网站地图"),
], ids=["gongbao-after-stray-close", "xinhua-headline-table-layout", "county-portal"])
def test_dev_portal_pages_keep_article_drop_chrome(shared, name, kept, dropped):
    f = shared / "corpus" / "dev" / "html" / name
    doc = normalize_doc(read_bytes(f.read_bytes(), Source.from_bytes(f.name, b"")))
    assert kept in doc.text and dropped not in doc.text


PAGE_WITH_DATE = """<html><head><meta charset="utf-8"><title>t</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<div class="article">{above}<h1>关于开展义诊活动的通知</h1>{below}
<div class="content"><p>各区卫生健康委：</p><p>为做好义诊工作，现将有关事项通知如下。请各区认真组织，确保活动取得实效。</p>
<p>一、工作要求</p><p>各区每个社区卫生服务中心开展义诊不少于2次，并做好记录和总结工作。</p>
<p>市卫生健康委员会</p><p>2021年3月4日</p></div></div>
<div class="footer">版权所有：某市卫生健康委员会</div></body></html>"""


@pytest.mark.parametrize(("above", "below", "kept"), [
    ("", '<div class="time">2021-03-05</div>', True),
    ('<div class="time">2018.11.02</div>', "", True),
    ("", '<div class="time">2021-03-05 09:30</div>', True),
    ("", '<div class="time">浏览量 2021</div>', False),
], ids=["date-under-headline", "dotted-date-above-headline", "date-and-time", "not-a-date"])
def test_an_unlabelled_date_by_the_headline_is_kept_for_the_record(above, below, kept):
    """A CMS template's `<div class="time">` date is the page's published date (pagemeta)."""
    doc = normalize_doc(read(PAGE_WITH_DATE.format(above=above, below=below)))
    head = doc.text.split("各区卫生健康委")[0]
    assert (("2021-03-05" in head) or ("2018.11.02" in head)) is kept
