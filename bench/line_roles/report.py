"""Rules vs a line CRF for line roles: `python -m bench.line_roles.report [--rebuild]`.

Prints Markdown tables: per-role line precision/recall/F1 of the rules and of the CRF (without
and with the rules' votes as features), (a) leave-one-set-out over the training sets (seeds, dev,
wild-tune; the distant-labelled gov.cn pages always train, never test) and (b) on the held-out
wild gold, trained on every training set; then field-level title, recipients and signed_date.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from bench.gold import load_scorer
from bench.line_roles import corpus
from bench.line_roles.corpus import DISTANT, HELD_OUT, TRAIN_SETS, Doc
from bench.line_roles.crf import LineCRF
from bench.line_roles.features import doc_features
from bench.line_roles.labels import distant_gold, fold, label_lines, printed_dates
from bench.line_roles.rules import PAGE_RULE, rule_roles

ROLES = ("title", "recipients", "signature", "date", "furniture")
TITLE_OVERLAP = 0.8
_PIECES = re.compile(r"[、，,；;]")
_COLON = re.compile(r"[：:]")


def gold_roles(doc: Doc) -> list[str]:
    """Gold line roles; a distant page's 主送 lines come from the rules (its table has no 主送)."""
    pagemeta = doc.zones.get("pagemeta", [])
    if doc.gold is not None:
        return label_lines(doc.lines, doc.gold, pagemeta)
    roles = label_lines(doc.lines, distant_gold(doc.lines, pagemeta), pagemeta)
    return [r if not (r == "other" and v == "recipients") else v for r, v in zip(roles, rule_roles(doc))]


def line_scores(pairs: list[tuple[list[str], list[str]]]) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per role over (gold, predicted) role sequences."""
    out = {r: [0, 0, 0] for r in ROLES}
    for gold, pred in pairs:
        for g, p in zip(gold, pred):
            if g == p and g in out:
                out[g][0] += 1
            else:
                if p in out:
                    out[p][1] += 1
                if g in out:
                    out[g][2] += 1
    return {r: tuple(v) for r, v in out.items()}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if not fp else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _train(docs: list[Doc], votes: bool) -> LineCRF:
    feats = [doc_features(d.lines, rule_roles(d) if votes else None, d.zones.get("pagemeta", [])) for d in docs]
    return LineCRF().fit(feats, [gold_roles(d) for d in docs])


def _predict(model: LineCRF, doc: Doc, votes: bool) -> list[str]:
    return model.predict(doc_features(doc.lines, rule_roles(doc) if votes else None, doc.zones.get("pagemeta", [])))


SYSTEMS = ("rules", "crf", "crf+votes", "crf-distant")
"""crf: line features only; crf+votes: and the rules' roles as features; crf-distant: as crf,
without the distant-labelled gov.cn pages in training (does the distant data help?)."""


def run_fold(train: list[Doc], test: list[Doc]) -> dict[str, list[list[str]]]:
    """Predicted roles of every test document by each system."""
    out = {"rules": [rule_roles(d) for d in test]}
    gold_only = [d for d in train if d.set != DISTANT]
    for name, votes, docs in (("crf", False, train), ("crf+votes", True, train), ("crf-distant", False, gold_only)):
        model = _train(docs, votes)
        out[name] = [_predict(model, d, votes) for d in test]
        model.close()
    return out


def discordant(gold: list[list[str]], a: list[list[str]], b: list[list[str]]) -> dict[str, tuple[int, int]]:
    """Per role, (lines only a gets right, lines only b gets right), among lines where a or b
    says the role or the gold does: the pairs a sign (McNemar) test would count."""
    out = {r: [0, 0] for r in ROLES}
    for g_doc, a_doc, b_doc in zip(gold, a, b):
        for g, x, y in zip(g_doc, a_doc, b_doc):
            for r in ROLES:
                if r not in (g, x, y):
                    continue
                ok_a, ok_b = (x == r) == (g == r), (y == r) == (g == r)
                if ok_a != ok_b:
                    out[r][0 if ok_a else 1] += 1
    return {r: tuple(v) for r, v in out.items()}


# field level -----------------------------------------------------------------------------------

def _page_value(doc: Doc, field: str):
    return next((v for v, _a, _b, r in doc.cands[field] if r == PAGE_RULE), None)


def title_of(doc: Doc, roles: list[str]) -> str | None:
    """The first run of title lines joined; the page's own headline when there is none."""
    idx = [i for i, r in enumerate(roles) if r == "title"]
    if not idx:
        return _page_value(doc, "title")
    run = [idx[0]]
    for i in idx[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    return "".join(fold(doc.lines[i].text) for i in run)


def recipients_of(doc: Doc, roles: list[str]) -> list[str]:
    """The names on the recipients lines, before a line's colon, split on 、，,；."""
    text = "".join(doc.lines[i].text for i, r in enumerate(roles) if r == "recipients")
    text = re.sub(r"^主\s*送(?:机关)?\s*[：:]?", "", text)
    head = _COLON.split(text, maxsplit=1)[0]
    return [p for p in (fold(x) for x in _PIECES.split(head)) if p]


def date_of(doc: Doc, roles: list[str]) -> str | None:
    """The metadata table's 成文日期 first (as the cascade ranks it), else the date line's date."""
    page = _page_value(doc, "signed_date")
    if page:
        return page
    for i, r in enumerate(roles):
        if r == "date":
            dates = printed_dates(doc.lines[i].text)
            if dates:
                return dates[-1][0]
    return None


def _tally(out: dict[str, list[int]], gold: dict, title, date, recipients: list[str], score) -> None:
    """Add one document's title, signed date and 主送 pieces to (tp, fp, fn) per field."""
    for field, value in (("title", title), ("signed_date", date)):
        gv = gold.get(field)
        hit = bool(gv and value) and (score.overlap(gv, value) >= TITLE_OVERLAP if field == "title" else gv == value)
        t = out[field]
        t[0] += hit
        t[1] += bool(value) and not hit
        t[2] += bool(gv) and not hit
    gold_pieces = Counter(score.key("recipients", p) for p in score.fragments("recipients", gold.get("recipients")))
    pred_pieces = Counter(score.key("recipients", p) for p in recipients)
    tp = sum((gold_pieces & pred_pieces).values())
    t = out["recipients"]
    t[0] += tp
    t[1] += sum(pred_pieces.values()) - tp
    t[2] += sum(gold_pieces.values()) - tp


def field_scores(docs: list[Doc], preds: list[list[str]], score) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) of title, recipients and signed_date read from predicted lines."""
    out = {"title": [0, 0, 0], "recipients": [0, 0, 0], "signed_date": [0, 0, 0]}
    for doc, roles in zip(docs, preds):
        _tally(out, doc.gold, title_of(doc, roles), date_of(doc, roles), recipients_of(doc, roles), score)
    return {k: tuple(v) for k, v in out.items()}


def rules_field_scores(docs: list[Doc], score) -> dict[str, tuple[int, int, int]]:
    """The same fields as the pipeline chose them (its whole cascade, not only line roles)."""
    out = {"title": [0, 0, 0], "recipients": [0, 0, 0], "signed_date": [0, 0, 0]}
    for doc in docs:
        chosen = {f: next((v for v, *_ in doc.chosen.get(f, [])), None) for f in ("title", "signed_date")}
        recipients = score.fragments("recipients", [v for v, *_ in doc.chosen.get("recipients", [])])
        _tally(out, doc.gold, chosen["title"], chosen["signed_date"], recipients, score)
    return {k: tuple(v) for k, v in out.items()}


# tables ----------------------------------------------------------------------------------------

def _add(acc: dict, scores: dict) -> None:
    for k, v in scores.items():
        acc[k] = tuple(a + b for a, b in zip(acc.get(k, (0, 0, 0)), v))


def _table(title: str, rows: dict[str, dict[str, tuple[int, int, int]]], keys) -> str:
    head = f"**{title}**\n\n| role | n (gold) | " + " | ".join(f"{s} P / R / F1" for s in rows) + " |\n"
    head += "|---|---:|" + "---:|" * len(rows) + "\n"
    body = ""
    for k in keys:
        first = next(iter(rows.values()))[k]
        cells = []
        for scores in rows.values():
            p, r, f = prf(*scores[k])
            cells.append(f"{p:.3f} / {r:.3f} / **{f:.3f}**")
        body += f"| {k} | {first[0] + first[2]} | " + " | ".join(cells) + " |\n"
    return head + body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rebuild", action="store_true", help="re-run the pipeline over every set first")
    ap.add_argument("--cv-only", action="store_true", help="cross-validation only (while designing features)")
    ap.add_argument("--shared", default=str(corpus.SHARED), help="the shared gold and corpus folder")
    args = ap.parse_args(argv)
    corpus.SHARED = Path(args.shared).resolve()
    data = corpus.load(rebuild=args.rebuild)
    sets = data["sets"]
    score = load_scorer(corpus.SHARED)
    print("**Documents and gold line labels per set** (one-document files; skipped: several documents)\n")
    print("| set | docs | skipped | lines | " + " | ".join(ROLES) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(ROLES))
    for name in (*TRAIN_SETS, DISTANT, HELD_OUT):
        c = Counter(r for d in sets[name] for r in gold_roles(d))
        print(f"| {name} | {len(sets[name])} | {data['skipped'][name]} | {sum(c.values())} | "
              + " | ".join(str(c[r]) for r in ROLES) + " |")
    print()

    cv_lines: dict[str, dict] = {s: {} for s in SYSTEMS}
    cv_fields: dict[str, dict] = {s: {} for s in (*SYSTEMS, "pipeline")}
    for held in TRAIN_SETS:
        train = [d for name in (*TRAIN_SETS, DISTANT) if name != held for d in sets[name]]
        test = sets[held]
        preds = run_fold(train, test)
        gold = [gold_roles(d) for d in test]
        for s in SYSTEMS:
            _add(cv_lines[s], line_scores(list(zip(gold, preds[s]))))
            _add(cv_fields[s], field_scores(test, preds[s], score))
        _add(cv_fields["pipeline"], rules_field_scores(test, score))
    print(_table("(a) leave-one-set-out over seeds, dev, wild-tune: line roles", cv_lines, ROLES))
    print(_table("(a) leave-one-set-out: fields read from the lines", cv_fields,
                 ("title", "recipients", "signed_date")))

    if args.cv_only:
        return 0
    train = [d for name in (*TRAIN_SETS, DISTANT) for d in sets[name]]
    test = sets[HELD_OUT]
    preds = run_fold(train, test)
    gold = [gold_roles(d) for d in test]
    held_lines = {s: line_scores(list(zip(gold, preds[s]))) for s in SYSTEMS}
    held_fields = {s: field_scores(test, preds[s], score) for s in SYSTEMS}
    held_fields["pipeline"] = rules_field_scores(test, score)
    print(_table("(b) held-out wild gold: line roles", held_lines, ROLES))
    print("**(b) held-out: lines where the rules and a CRF disagree** (rules right / CRF right)\n")
    print("| role | " + " | ".join(f"rules vs {s}" for s in SYSTEMS[1:]) + " |")
    print("|---|" + "---:|" * (len(SYSTEMS) - 1))
    pairs = {s: discordant(gold, preds["rules"], preds[s]) for s in SYSTEMS[1:]}
    for r in ROLES:
        print(f"| {r} | " + " | ".join(f"{pairs[s][r][0]} / {pairs[s][r][1]}" for s in SYSTEMS[1:]) + " |")
    print()
    print(_table("(b) held-out wild gold: fields read from the lines", held_fields,
                 ("title", "recipients", "signed_date")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
