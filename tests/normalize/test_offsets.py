"""The offset map: every normalized character comes from a raw character by a declared fold."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import normalize_doc, normalize_text, t2s
from pipeline.normalize.chars import fold_char
from pipeline.normalize.offsets import Mapped, map_spans
from pipeline.types import Document, Source, Span

# pieces a raw page is made of: hanzi (simplified and traditional), full-width digits and
# letters, Kangxi radicals, every kind of space and line break, invisible characters,
# letter-spaced words, spliced URLs and site names, spam keywords, punctuation kept as printed
PIECES = [*"关于印发方案的通知各市卫生局醫療服務著力圍繞，。：（）〔〕【】、", "０", "１", "Ａ", "ｂ", "％", "．",
          "⼀", "⽇", "\u3000", "\xa0", "\t", " ", "  ", "\n", "\n\n\n", "\r", "\r\n", "\u2028", "\u200b", "\ufeff",
          "卫生www.lindalemus.com局", "服务百医学全在线姓健康", "微 信 题 库", "2 0 1 3年", "Your company name",
          "精品一区二区中文在线,无遮挡h肉动漫在线观看,国产99视频\n", "国办发〔2019〕4号", "abc", "12",
          # a run-on notice's marks, so that re-segmentation inserts line breaks
          "关于开展检查的通知各县卫生局：", "为做好各项工作，切实保障人民群众权益，推动任务落实。" * 4, "一、", "（二）",
          "特此通知。", "邯郸市卫生局2019年5月17日", "卫(wèi)生", "（wei4）", "(WHO)",
          # a flattened table, rebuilt with tabs that take the place of raw whitespace
          "\n序号\n任务\n责任单位\n1\n检查\n市卫生局\n2\n总结\n县政府\n", "\n序号  任务  单位\n1  检查  卫生局\n2  总结  县政府\n"]
raw_texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


def declared(ch: str, raw_ch: str) -> bool:
    """An output character that is no fold: a line break re-segmentation inserted, or a table
    cell's tab in place of raw whitespace."""
    return ch == "\n" or (ch == "\t" and fold_char(raw_ch) in " \n")


def chrome_for(raw: str, cuts: list[int]) -> list[Span]:
    points = sorted(min(c, len(raw)) for c in cuts)
    return [Span(a, b) for a, b in zip(points[::2], points[1::2]) if a < b]


@settings(max_examples=300, deadline=None)
@given(raw_texts, st.lists(st.integers(0, 400), max_size=6))
def test_each_character_is_the_fold_of_the_raw_character_it_maps_to(raw, cuts):
    chrome = chrome_for(raw, cuts)
    original, folded = normalize_text(raw, chrome)
    assert len(original.map) == len(original.text)
    assert all(a <= b for a, b in zip(original.map, original.map[1:]))
    for ch, at in zip(original.text, original.map):
        assert fold_char(raw[at]) == ch or declared(ch, raw[at])
        assert not any(c.start <= at < c.end for c in chrome)
    assert folded.text == t2s.convert(original.text)
    if len(folded.text) == len(original.text):
        assert folded.map == original.map


@settings(max_examples=200, deadline=None)
@given(raw_texts, st.data())
def test_every_span_maps_back_to_the_same_characters_modulo_folds(raw, data):
    src = Source.from_bytes("p.txt", raw.encode("utf-8", "surrogatepass"))
    doc = normalize_doc(Document(source=src, raw_text=raw, zones={"body": [Span(0, len(raw))]}))
    n = len(doc.text)
    assert len(doc.to_raw) == n + 1 and all(a <= b for a, b in zip(doc.to_raw, doc.to_raw[1:]))
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    span = Span(start, end)
    where = doc.raw_span(span)
    assert 0 <= where.start <= where.end <= len(raw)
    positions = doc.to_raw[start:end]
    assert all(where.start <= p < where.end for p in positions)
    printed = doc.original_text[start:end]
    assert all(fold_char(raw[p]) == ch or declared(ch, raw[p]) for p, ch in zip(positions, printed, strict=True))


def test_zones_follow_the_text_and_chrome_disappears():
    raw = "导航 首页\n关于印发方案的通知\n各市卫生局：\n正文。\n版权所有\n"
    body = Span(raw.index("关于"), raw.index("版权"))
    doc = Document(source=Source.from_bytes("p.txt", b""), raw_text=raw,
                   zones={"chrome": [Span(0, 6), Span(raw.index("版权"), len(raw))], "body": [body]})
    out = normalize_doc(doc)
    assert out.text == "关于印发方案的通知\n各市卫生局：\n正文。"
    assert [z.of(out.text) for z in out.zone("body")] == [out.text]
    assert "chrome" not in out.zones


def test_apply_maps_replacements_inside_the_replaced_stretch():
    m = Mapped("ab  cd", [10, 11, 12, 13, 14, 15])
    out = m.apply([(2, 4, " ")])
    assert out.text == "ab cd" and out.map == [10, 11, 12, 14, 15]
    out = m.apply([(0, 2, "xyz")])  # longer replacement: proportional, never past the stretch
    assert out.text == "xyz  cd" and out.map[:3] == [10, 10, 11]


def test_map_spans_skips_zones_that_lost_all_their_characters():
    assert map_spans([Span(0, 3), Span(5, 9)], [5, 6, 7, 8, 9], 4) == [Span(0, 4)]


def test_empty_raw_text_gives_empty_text_and_one_map_entry():
    doc = normalize_doc(Document(source=Source.from_bytes("e.txt", b""), raw_text=""))
    assert doc.text == "" and doc.to_raw == [0] and doc.zones == {}
