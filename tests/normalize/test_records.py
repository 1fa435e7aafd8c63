"""Multi-document dumps: one child per record; a single notice with a rule line stays one."""
from __future__ import annotations

import pytest

from pipeline.normalize import normalize_doc
from pipeline.read import read_bytes
from pipeline.records import record_sections
from pipeline.split import split_page
from pipeline.types import Document, Source

BODY = "为进一步做好相关工作，切实保障人民群众的合法权益，推动各项任务落到实处，现将有关事项通知如下。" * 5


def notice(n: int) -> str:
    return (f"关于开展第{n}批卫生健康执法检查工作的通知\n冀卫发〔2019〕{n}号\n各市卫生健康委：\n{BODY}\n"
            f"河北省卫生健康委员会\n2019年5月{n}日")


def text_doc(text: str, name: str = "dump.txt") -> Document:
    data = text.encode()
    return normalize_doc(read_bytes(data, Source.from_bytes(name, data)))


DUMPS = {
    "equals-rules": "\n=====\n".join(notice(i) for i in (1, 2, 3)),
    "dash-rules": "-----\n" + "\n-----\n".join(notice(i) for i in (1, 2)),
    "title-field-records": "\n".join(f"【标题】{notice(i)}" for i in (1, 2, 3)),
    "numbered-records": "\n".join(f"#{i}\n{notice(i)}" for i in (1, 2)),
    "record-counter": "\n".join(f"第{i}条记录\n{notice(i)}" for i in (1, 2, 3)),
    "repeated-record-header": "\n\n".join(
        f"标题：关于开展第{i}批检查的通知\n发布日期：2019-05-0{i}\n正文：{BODY}" for i in (1, 2)),
    "csv-rows": "\n".join(f'{i},"关于开展第{i}批卫生健康执法检查工作的通知",2019-05-0{i},"各市卫生健康委：{BODY}'
                          f'特此通知。河北省卫生健康委员会2019年5月{i}日"' for i in (1, 2, 3)),
}
RECORDS = {"equals-rules": 3, "dash-rules": 2, "title-field-records": 3, "numbered-records": 2,
           "record-counter": 3, "repeated-record-header": 2, "csv-rows": 3}


@pytest.mark.parametrize("name", list(DUMPS))
def test_a_dump_is_one_child_per_record(name):
    page = text_doc(DUMPS[name])
    docs = split_page(page).docs
    assert len(docs) == RECORDS[name]
    assert [d.ordinal for d in docs] == list(range(len(docs)))
    for d in docs:
        a = page.text.index(d.text)
        assert d.to_raw == page.to_raw[a:a + len(d.text) + 1]
        assert d.text.count("关于开展第") == 1


def test_each_record_holds_one_notice():
    docs = split_page(text_doc(DUMPS["equals-rules"])).docs
    assert [d.text.count("关于开展第") for d in docs] == [1, 1, 1]
    assert all("=====" not in d.text for d in docs)


@pytest.mark.parametrize("text", [
    notice(1) + "\n-----\n抄送：省委办公厅，省人大常委会办公厅。\n河北省卫生健康委员会办公室 2019年5月17日印发",
    notice(1) + "\n=====\n" + BODY,
    "目录\n第一章 总则 …… 1\n第二章 管理 …… 5\n-----\n" + notice(1),
    "\n=====\n".join([notice(1), "关于开展检查的通知\n各市：短。"]),
    "# 1 范围\n" + BODY + "\n# 2 规范性引用文件\n" + BODY,
    notice(1) + "\n" + notice(2),
], ids=["rule-before-cc-block", "rule-before-more-body", "table-of-contents", "second-record-too-small",
        "markdown-numbered-headings", "two-notices-without-a-marker"])
def test_a_single_document_is_not_split(text):
    assert record_sections(text_doc(text)) == []
