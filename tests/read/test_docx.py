"""`.docx`: files built with python-docx in the test, hostile zips, and the dev files in place."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from pipeline.read import read_bytes, read_file
from pipeline.types import Source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def build(paragraphs_before=("关于印发方案的通知", "各市卫生局："), rows=(("序号", "名称"), ("1", "医院")),
          paragraphs_after=("附件：统计表",), nested: bool = False) -> bytes:
    d = docx.Document()
    for p in paragraphs_before:
        d.add_paragraph(p)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    if nested:
        inner = table.cell(1, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "内表甲"
        inner.cell(0, 1).text = "内表乙"
    for p in paragraphs_after:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for info in src.infolist():
            z.writestr(info.filename, replace.pop(info.filename, src.read(info.filename)))
        for name, blob in replace.items():
            z.writestr(name, blob)
    return out.getvalue()


def read(data: bytes, name: str = "t.docx"):
    return read_bytes(data, Source.from_bytes(name, data))


def test_paragraphs_and_tables_in_reading_order():
    doc = read(build())
    assert not doc.problems
    assert doc.raw_text.split("\n") == ["关于印发方案的通知", "各市卫生局：", "序号\t名称", "1\t医院", "附件：统计表"]
    assert doc.source.format == "docx"


def test_nested_table_is_flattened_into_its_cell():
    doc = read(build(nested=True))
    rows = doc.raw_text.split("\n")
    assert rows[3].startswith("1\t医院") and "内表甲\t内表乙" in rows[3]
    assert rows[4] == "附件：统计表"


def test_footnotes_follow_the_body_as_notes_zone():
    notes = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>---</w:t>'
             f'</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注：数据截至2019年</w:t></w:r></w:p>'
             f'</w:footnote></w:footnotes>').encode()
    doc = read(rezip(build(), {"word/footnotes.xml": notes}))
    assert [z.of(doc.raw_text) for z in doc.zone("notes")] == ["注：数据截至2019年"]
    assert "---" not in doc.raw_text


def test_field_codes_and_deleted_text_are_skipped():
    body = (f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t xml:space="preserve">见第</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>'
            f'<w:ins><w:r><w:t>页</w:t></w:r></w:ins></w:p></w:body></w:document>').encode()
    doc = read(rezip(build(), {"word/document.xml": body}))
    assert doc.raw_text == "见第3页"


def test_zip_bomb_is_refused_before_opening():
    bomb = rezip(build(), {"word/media/filler.bin": b"\0" * (3 << 20)})
    doc = read(bomb)
    assert [p.code for p in doc.problems] == ["E_ZIP_BOMB"]
    assert "t.docx" in doc.problems[0].message


def test_ordinary_images_are_not_bombs():
    data = rezip(build(), {"word/media/photo.bin": bytes(range(256)) * 8000}, zipfile.ZIP_STORED)
    assert not read(data).problems


def test_doctype_in_any_part_is_refused():
    evil = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
            f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&leak;</w:t></w:r></w:p></w:body>'
            f'</w:document>').encode()
    doc = read(rezip(build(), {"word/document.xml": evil}))
    assert [p.code for p in doc.problems] == ["E_OOXML_DOCTYPE"]
    assert "root:" not in doc.raw_text


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95], ids=["first-third", "middle", "last-bytes"])
def test_truncated_docx_is_unreadable(cut):
    data = build()
    doc = read(data[: int(len(data) * cut)])
    assert doc.problems and doc.problems[0].code in ("E_DOCX_UNREADABLE", "E_FORMAT_UNSUPPORTED")


def test_missing_document_part_is_unreadable():
    data = build()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            if info.filename != "word/styles.xml":
                z.writestr(info.filename, src.read(info.filename).replace(b"word/document.xml", b"word/gone.xml"))
    doc = read(out.getvalue())
    assert [p.code for p in doc.problems] == ["E_DOCX_UNREADABLE"]


def test_real_dev_docx_files_read(shared):
    files = [f for f in sorted((shared / "corpus" / "dev" / "docx").glob("*.docx")) if "MISLABELED" not in f.name]
    assert len(files) >= 15
    for f in files:
        doc = read(f.read_bytes(), f.name)
        assert not doc.problems, (f.name, doc.problems)
        assert sum("\u4e00" <= ch <= "\u9fff" for ch in doc.raw_text) >= 20, f.name


def test_html_saved_as_docx_is_read_as_html(shared):
    f = shared / "corpus" / "dev" / "docx" / "cmde_2020-06-17_MISLABELED_html_0590.docx"
    doc = read(f.read_bytes(), f.name)
    assert doc.source.format == "html" and "网站地址已变更" in doc.raw_text


def _superscript_docx(tmp_path, base: str, sup: str, after: str):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run(base)
    p.add_run(sup).font.superscript = True
    p.add_run(after)
    path = tmp_path / "sup.docx"
    d.save(path)
    return path


@pytest.mark.parametrize(("base", "sup", "after", "expected"), [
    ("浓度为10", "6", " CFU/mL", "浓度为10^6 CFU/mL"),
    ("稀释至10", "-3", "倍", "稀释至10^-3倍"),
    ("见注释", "1", "。", "见注释1。"),
], ids=["power-of-ten", "negative-exponent", "footnote-mark-after-text-is-not-a-power"])
def test_superscript_number_after_a_digit_is_a_power(tmp_path, base, sup, after, expected):
    doc = read_file(_superscript_docx(tmp_path, base, sup, after))
    assert expected in doc.raw_text
