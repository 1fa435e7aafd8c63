"""Text dumps and Markdown: line-level chrome rules, bylines, Markdown markup; seeds in place."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.normalize import normalize_doc
from pipeline.read import read_bytes, read_file
from pipeline.read.chrome_lines import chrome_spans, is_chrome_line, is_pagemeta_line
from pipeline.types import Source

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"


@pytest.mark.parametrize("line", [
    "浙江 重庆 河南 广东",
    "卫生部直属 | 浙江 | 河南 | 广东 | 北京 | 天津",
    "您现在的位置: 医学全在线 > 中国卫生人才网 > 山西卫生人才网 > 正文",
    "当前位置:首页 > 管理文书 > 工作总结",
    "首页 > 政务公开 > 通知公告",
    "上一篇：关于开展义诊活动的通知",
    "第1页 / 共6页",
    "卫生局方便群众就医工作意见.doc_第2页",
    "返回 下载 相关 举报",
    "点击查看更多>>",
    "【打印本页】【关闭窗口】",
    "字号：默认 大 超大 | 打印 |",
    "分享到：微信 微博",
    "关于我们 - 联系我们 - 网站地图 - 帮助",
    "医学全在线",
    "中国卫生人才网",
    "微 信 题 库 搜 索",
], ids=["places", "piped-places", "breadcrumb-lead", "breadcrumb-current", "breadcrumb-arrows", "prev-next",
        "pager", "page-image-caption", "doc-site-tools", "more-link", "print-close", "font-size-tools", "share",
        "footer-links", "learned-boilerplate", "site-name", "spaced-search-box"])
def test_furniture_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", [
    "一、工作目标",
    "各市卫生局、厅直医疗机构:",
    "山西省卫生厅办公室",
    "2013年9月28日",
    "晋卫办医政〔2013〕84号",
    "主题词:关于 卫生 通知",
    "附件:2013年“服务百姓健康行动”全省大型义诊活动",
    "序号 条款号 条款内容 反馈意见 依据",
    "北京 上海 两地的试点医院要在10月底前完成评估。",
    "关于印发 方案 的通知",
    "加强互联网医院建设",
], ids=["outline-heading", "recipients", "signature", "signature-date", "doc-number", "subject-words",
        "attachment", "table-header", "sentence-with-places", "spaced-title", "heading-ending-in-a-site-word"])
def test_document_lines_are_not_furniture(line):
    assert not is_chrome_line(line)


def test_related_block_runs_until_a_long_line():
    text = "正文最后一段。\n相关文章\n 南开区卫生网:2013年护士注册通知\n 桐城县人才网:关于做好职称工作\n" \
           "版权所有:医学全在线\n"
    spans = chrome_spans(text)
    dropped = "".join(s.of(text) for s in spans)
    assert "正文最后一段" not in dropped and "南开区卫生网" in dropped and "版权所有" in dropped


def test_related_block_stops_at_an_outline_heading():
    text = "相关链接：\n一、工作目标\n" + "具体内容，" * 20 + "\n"
    dropped = "".join(s.of(text) for s in chrome_spans(text))
    assert "一、工作目标" not in dropped


def test_footer_needs_a_copyright_line_in_the_second_half():
    body = "\n".join(["为认真贯彻落实党的精神，结合实际，现提出如下意见。"] * 10)
    text = body + "\n关于我们 - 联系我们\n医学全在线 版权所有© CopyRight 2006-2046\n浙ICP备12017320号\nBaidu\nmap\n"
    dropped = "".join(s.of(text) for s in chrome_spans(text))
    assert dropped.startswith("关于我们") and "Baidu\nmap" in dropped and "为认真贯彻" not in dropped
    top = "版权所有 2020\n" + body
    assert not any("版权所有" in s.of(top) for s in chrome_spans(top))


def test_teaser_summary_that_repeats_the_body_is_dropped():
    body = "为认真贯彻落实党的十七大精神，落实科学发展观，按照工作安排意见文件要求，结合卫生系统工作实际，现将工作做如下安排。"
    teaser = "阜康市卫生网:工作计划:各有关医疗卫生单位: " + body[:50]
    text = f"标题\n{teaser}\n\n各有关医疗卫生单位:\n{body}\n一、总体要求\n" + "具体内容。" * 30
    dropped = "".join(s.of(text) for s in chrome_spans(text))
    assert teaser in dropped and body not in dropped


@pytest.mark.parametrize(("line", "meta"), [
    ("来源:山西省卫生厅 更新:2014/3/12 字体:", True),
    ("时间:2022-10-19 09:08:29 方案 我要投稿", True),
    ("上传人:xiao****1972 文档编号:3606144 上传时间:2019-12-19 格式:DOC 页数:6 大小:92.50KB", True),
    ("时间安排：各单位要抓紧落实", False),
    ("各市卫生局、厅直医疗机构:", False),
], ids=["source-updated", "time", "doc-site-upload", "time-in-a-sentence", "recipients"])
def test_bylines(line, meta):
    assert is_pagemeta_line(line) is meta


def test_seed_000_chrome_and_byline():
    doc = read_file(SEEDS / "000_cb340e0c62e433f2.txt")
    assert doc.source.format == "text" and not doc.problems
    assert [z.of(doc.raw_text) for z in doc.zone("pagemeta")] == ["来源:山西省卫生厅 更新:2014/3/12 字体:"]
    text = normalize_doc(doc).text
    for gone in ("浙江 重庆 河南 广东", "您现在的位置", "相关文章", "南开区卫生网", "返回顶部"):
        assert gone not in text
    for kept in ("晋卫办医政〔2013〕84号", "各市卫生局、厅直医疗机构:", "山西省卫生厅办公室", "周情况统计表"):
        assert kept in text


def test_seed_001_teaser_and_spliced_url_are_gone():
    text = normalize_doc(read_file(SEEDS / "001_cd57f93c1b551f8a.txt")).text
    assert "吉林市人民卫生网:" not in text and "www.lindalemus.com" not in text
    assert text.count("吉市卫办发〔2014〕53号") == 1 and "各县(市)区卫生局,各相关医疗机构:" in text


def test_seed_002_doc_sharing_site_furniture():
    doc = read_file(SEEDS / "002_9a3f6722784d97e7.txt")
    text = normalize_doc(doc).text
    assert "上传时间:2019-12-19" in text and "第1页 / 共6页" not in text and "装配图网" not in text
    assert "返回 下载 相关 举报" not in text and "(责任单位:区卫生局、区人口和计生局)" in text


MD = """---
outline: 'deep'
---

# 电子病历基本数据集

<!-- INFO END -->
- [国卫通〔2014〕5号](http://www.nhc.gov.cn/x.htm?id=1)

| 发布日期 | 标题 |
| -------- | ---- |
| 2014-05-30 | <a href='x'>关于发布标准的通告</a> |

**上述标准**自2014年10月1日起施行。
"""


def test_markdown_markup_is_chrome_text_is_kept():
    data = MD.encode()
    text = normalize_doc(read_bytes(data, Source.from_bytes("x.md", data))).text
    assert text.startswith("电子病历基本数据集")
    for gone in ("outline", "INFO END", "http://", "](", "<a", "----", "**", "# "):
        assert gone not in text
    for kept in ("- 国卫通〔2014〕5号", "| 2014-05-30 | 关于发布标准的通告 |", "上述标准自2014年10月1日起施行。"):
        assert kept in text


def test_plain_text_is_not_treated_as_markdown():
    data = "# 不是标题的井号行\n正文 [1](2)".encode()
    doc = read_bytes(data, Source.from_bytes("x.txt", data))
    assert "chrome" in doc.zones  # starts with "# ", so Markdown rules apply even to .txt
    data = "正文 [1](2) 保留".encode()
    doc = read_bytes(data, Source.from_bytes("x.txt", data))
    assert normalize_doc(doc).text == "正文 [1](2) 保留"
