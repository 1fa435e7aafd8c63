"""Shape robustness: the gold documents re-printed in the shapes held-out pages come in.

    python -m bench.perturb [--shared ../shared] [--out .eval/perturbed] [--seed 7]

Every gold document of ../shared/gold/{seeds,dev} that is one document in its file is
printed as the text the extractors see (`pipeline text`), then written again as a .txt in
several shapes, and each shape is scored against the same gold answers:
- `plain`: the text as it is (the yardstick for the others);
- `furniture`: portal furniture before the document (a timestamp line, a source and
  view-count byline, metadata bullets, a breadcrumb, a download note, a lead-in sentence) and
  after it (related-article lists, a word count, a comment block, a footer date);
- `runon`: every line break lost (a CSV cell or a text dump), the whole notice on one line;
- `pinyin`: a reposting site's pinyin readings after some characters (`卫(wèi)生`);
- `residue`: table and markup residue at line ends (` |`, `【`).
The furniture is invented here, with the shapes seen on portals (no page's text is copied).
The gap between `plain` and a shape is what that shape costs; a fixed rule makes it shrink.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

SHAPES = ("plain", "furniture", "runon", "pinyin", "residue")
STAMPS = ("{date} 10:21", "发布时间：{date} 10:21:33", "【发布日期：{date}】")
"""Timestamp lines, printed with the gold's own published date (a page's timestamp is its date)."""
HEAD_FURNITURE = (
    "来源：市卫健委  浏览次数：123",
    "信息来源：本站  作者：办公室  点击数：4567",
    "• 索引号：11130000MB0123456X/2019-00045",
    "• 主题分类：卫生、体育",
    "首页 > 政策文件 > 通知公告",
    "当前位置：首页 > 信息公开 > 规范性文件",
    "【字体：大 中 小】 打印本页 关闭窗口",
    "附件下载：",
    "分享到：",
    "近日，有关部门印发通知，全文如下：",
)
TAIL_FURNITURE = (
    "字数：1234",
    "相关文章",
    "· 关于做好全市卫生健康统计工作的通知",
    "· 市卫健委召开全体干部会议",
    "上一篇：关于开展健康知识进万家活动的通知",
    "下一篇：市卫生健康委员会2019年度部门预算公开",
    "网友评论",
    "发表评论 我要纠错",
    "责任编辑：张三",
    "主办单位：某市人民政府办公室 网站标识码：1301000001",
    "【打印本页】【关闭窗口】",
)
CRAWL_RECORD = ("收录标题：", "收录日期：", "收录来源：")
PINYIN = {"卫": "wèi", "生": "shēng", "健": "jiàn", "康": "kāng", "医": "yī", "疗": "liáo", "药": "yào"}
PINYIN_RATE = 0.15


def documents(shared: Path) -> list[tuple[Path, Path]]:
    """(input file, gold file) for every one-document gold case of the seeds and dev sets."""
    out = []
    for name in ("seeds", "dev"):
        gold_dir, corpus = shared / "gold" / name, shared / "corpus" / name
        inputs = {p.stem: p for p in corpus.rglob("*") if p.is_file()}
        for g in sorted(gold_dir.glob("*.gold.json")):
            stem = g.name[: -len(".gold.json")]
            docs = json.loads(g.read_text("utf-8")).get("documents", [])
            if stem in inputs and len(docs) == 1:
                out.append((inputs[stem], g))
    return out


def text_of(path: Path) -> str:
    """The normalized text of a one-document file, as `pipeline text` prints it (in process: one
    interpreter for all 47 files, not one each)."""
    from pipeline.commands import texts

    return next(iter(texts([str(path)])), ("", ""))[1] + "\n"


def shaped(text: str, shape: str, rng: random.Random, published: str | None = None) -> str:
    lines = text.strip("\n").split("\n")
    if shape == "furniture":
        head = rng.sample(HEAD_FURNITURE, 4)
        if published and len(published) == 10:
            head.insert(rng.randrange(len(head) + 1), rng.choice(STAMPS).format(date=published))
        tail = rng.sample(TAIL_FURNITURE, 4)
        return "\n".join(head + lines + tail) + "\n"
    if shape == "runon":  # a crawl record's lines (收录…) come from beside the file, not from the dump
        record = [ln for ln in lines if ln.startswith(CRAWL_RECORD)]
        return "\n".join(record + ["".join(ln.strip() for ln in lines if not ln.startswith(CRAWL_RECORD))]) + "\n"
    if shape == "pinyin":
        return "".join(f"{ch}({PINYIN[ch]})" if ch in PINYIN and rng.random() < PINYIN_RATE else ch
                       for ch in text)
    if shape == "residue":
        return "\n".join(ln + rng.choice((" |", "|", "", "", "")) for ln in lines) + "\n【\n"
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.perturb", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default=".eval/perturbed")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shapes", default=",".join(SHAPES))
    args = ap.parse_args(argv)
    shared, out = Path(args.shared), Path(args.out)
    cases = documents(shared)
    if not cases:
        print(f"error: no gold under {shared}/gold", file=sys.stderr)
        return 2
    texts = {src: text_of(src) for src, _ in cases}
    for shape in args.shapes.split(","):
        rng = random.Random(f"{args.seed}:{shape}")
        folder, gold = out / shape / "in", out / shape / "gold"
        folder.mkdir(parents=True, exist_ok=True)
        gold.mkdir(parents=True, exist_ok=True)
        for src, g in cases:
            published = json.loads(g.read_text("utf-8"))["documents"][0].get("published_date")
            (folder / f"{src.stem}.txt").write_text(shaped(texts[src], shape, rng, published), "utf-8")
            (gold / g.name).write_bytes(g.read_bytes())  # a scratch copy beside the shaped input
        pred = out / shape / "pred.jsonl"
        with open(pred, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, "-m", "pipeline", "extract", str(folder), "--format", "jsonl"],
                           stdout=fh, check=True)
        scored = subprocess.run([sys.executable, str(shared / "gold" / "score.py"), "--gold", str(gold),
                                 "--pred", str(pred)], capture_output=True, text=True, check=True).stdout
        micro = next((ln for ln in scored.splitlines() if ln.startswith("micro")), "micro ?")
        print(f"{shape:10s} {len(cases)} documents  {micro}")
        (out / shape / "score.txt").write_text(scored, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
