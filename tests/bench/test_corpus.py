"""The synthetic corpus: deterministic, varied, and encoded as its meta charset says."""
from __future__ import annotations

import codecs
import re

import pytest

from bench.corpus import CHARSET_LABELS, generate, load_notices, page_bytes, page_html
from pipeline.read import read_file

META = re.compile(rb"charset=\"?([A-Za-z0-9_-]+)")
PAGES = range(40)


def test_same_seed_gives_identical_bytes(tmp_path):
    a = generate(tmp_path / "a", 12, seed=3)
    b = generate(tmp_path / "b", 12, seed=3)
    assert [p.path.read_bytes() for p in a] == [p.path.read_bytes() for p in b]


def test_another_seed_gives_other_pages():
    assert page_bytes(0, seed=3) != page_bytes(0, seed=4)


def test_a_page_does_not_depend_on_the_corpus_size(tmp_path):
    small = generate(tmp_path / "small", 3, seed=3)
    large = generate(tmp_path / "large", 8, seed=3)
    assert [p.path.read_bytes() for p in small] == [p.path.read_bytes() for p in large[:3]]


def test_pages_differ_even_from_one_notice():
    pool = load_notices()[:1]
    assert len({page_html(i, 3, pool)[0] for i in range(10)}) == 10


@pytest.mark.parametrize("i", PAGES, ids=[f"page-{i}" for i in PAGES])
def test_page_decodes_strictly_with_its_declared_charset(i):
    data, codec, _ = page_bytes(i)
    declared = META.search(data[:2048]).group(1).decode().lower()
    assert declared in {label.lower() for label in CHARSET_LABELS[codec]}
    # gb2312 is declared the way browsers read it: as GBK
    data.decode(codecs.lookup("gbk" if declared == "gb2312" else declared).name)


@pytest.mark.parametrize("i", PAGES[:15], ids=[f"page-{i}" for i in PAGES[:15]])
def test_pipeline_reads_page_on_the_fast_path(tmp_path, i):
    path = tmp_path / "p.html"
    path.write_bytes(page_bytes(i)[0])
    doc = read_file(path)
    assert "\ufffd" not in doc.raw_text
    assert not [p for p in doc.problems if p.code in ("W_ENCODING_GUESSED", "W_INVALID_BYTES")]


def test_corpus_mixes_codecs_and_traditional_reposts():
    made = [page_bytes(i)[1:] for i in range(100)]
    assert {codec for codec, _ in made} == {"utf-8", "gbk", "gb18030"}
    assert 3 <= sum(trad for _, trad in made) <= 30


def test_traditional_repost_is_in_traditional_characters():
    import opencc

    i = next(i for i in range(100) if page_bytes(i)[2])
    html = page_html(i, 9, load_notices())[0]
    assert opencc.OpenCC("t2s").convert(html) != html


@pytest.mark.parametrize("furniture", ["当前位置", "首页", "ICP备", "<script", 'class="related"'],
                         ids=["breadcrumbs", "nav", "footer", "scripts", "related-list"])
def test_pages_carry_portal_chrome(furniture):
    html = page_html(0, 9, load_notices())[0]
    assert furniture in html
