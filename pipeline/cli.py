"""The command line: thin; every command calls library code and prints one-line errors."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from pipeline import commands

DEFAULT_DB = "catalogue.db"
DEFAULT_CORPUS = "corpus"


NO_OCR_HELP = "do not OCR scanned pages and images (they get E_NEEDS_OCR); same as PIPELINE_OCR=0"


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pipeline",
                                 description="Chinese government notices to a queryable catalogue.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="print one record per document (FORMAT.md)")
    p.add_argument("paths", nargs="+", help="files or folders (folders recursively)")
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    p.add_argument("--evidence", action="store_true", help="add each value's span, rule and extractor version")
    p.add_argument("--no-ocr", dest="ocr", action="store_false", help=NO_OCR_HELP)

    p = sub.add_parser("text", help="print the normalized text of each document")
    p.add_argument("paths", nargs="+")
    p.add_argument("--raw", action="store_true", help="the decoded text before normalization")
    p.add_argument("--no-ocr", dest="ocr", action="store_false", help=NO_OCR_HELP)

    p = sub.add_parser("explain", help="every candidate for a field, with context, rule and the winner")
    p.add_argument("path")
    p.add_argument("--field", required=True)

    p = sub.add_parser("ingest", help="load notices into the SQLite catalogue (incremental)")
    p.add_argument("paths", nargs="*", default=[DEFAULT_CORPUS])
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--prune", action="store_true", help="delete sources whose files are gone")
    p.add_argument("--workers", type=int, default=0, help="worker processes (0: one per core)")
    p.add_argument("--force", action="store_true", help="re-extract files even when unchanged")
    p.add_argument("--wait", action="store_true",
                   help="when another ingest is writing the catalogue, wait for it instead of stopping")
    p.add_argument("--no-guard", dest="guard", action="store_false",
                   help="parse in this process, without time budget or memory cap (to measure the guard)")
    p.add_argument("--no-ocr", dest="ocr", action="store_false", help=NO_OCR_HELP)

    p = sub.add_parser("problems", help="problems by code with counts and example files")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--code", help="only this code, with every file it concerns")
    p.add_argument("--run", default="latest", help="a run id, latest (default) or all")

    p = sub.add_parser("export", help="export documents, quotas and directives")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="jsonl")
    p.add_argument("--out", default="export", help="output folder")

    sub.add_parser("crawl", help="collect notices and attachments from a site (see crawl --help)",
                   add_help=False)
    sub.add_parser("distribute", help="run the stages on a Dask cluster over shards; one writer loads "
                                      "(see distribute --help)", add_help=False)
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["crawl"]:
        from pipeline.crawl.cli import main as crawl_main

        return crawl_main(argv[1:])
    if argv[:1] == ["distribute"]:
        from pipeline.distributed import main as distribute_main

        return distribute_main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return dispatch(args)
    except commands.UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM during an ingest (pipeline.ingest.Interrupted)
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"error: interrupted ({signal.Signals(signum).name}); rerun the command to go on "
              "(an ingest keeps every file it loaded)", file=sys.stderr)
        return 128 + signum
    except BrokenPipeError:
        return 0


def _report_unread(unread: list, read_any: bool) -> int:
    """Say on stderr why files gave nothing (the codes ingest stores); 1 when nothing was read."""
    for p in unread:
        print(f"{'skipped' if read_any else 'error'}: {p.code}: {p.message}", file=sys.stderr)
    return 0 if read_any or not unread else 1


def dispatch(args: argparse.Namespace) -> int:
    if getattr(args, "ocr", True) is False:
        os.environ["PIPELINE_OCR"] = "0"  # the environment reaches the forked workers too
    if args.command == "extract":
        unread: list = []
        records = 0
        for rec in commands.extract_records(args.paths, evidence=args.evidence, unread=unread):
            print(json.dumps(rec, ensure_ascii=False, indent=1 if args.format == "json" else None))
            records += 1
        return _report_unread(unread, read_any=records > 0)
    if args.command == "text":
        unread = []
        read_any = False
        for header, text in commands.texts(args.paths, raw=args.raw, unread=unread):
            print(f"=== {header}\n{text}")
            read_any = read_any or bool(text.strip())
        return _report_unread(unread, read_any=read_any)
    if args.command == "explain":
        print(commands.explain(Path(args.path), args.field))
        return 0
    if args.command == "ingest":
        summary = commands.ingest(args.paths, args.db, prune=args.prune, workers=args.workers, force=args.force,
                                  guard=args.guard, wait=args.wait, on_wait=lambda pid: print(
                                      f"waiting for the ingest writing {args.db} (pid {pid})", file=sys.stderr))
        print(summary.line() + commands.stored_note(args.db, summary.run_id))
        return 0
    if args.command == "problems":
        print(commands.problems_report(args.db, code=args.code, run=args.run))
        return 0
    if args.command == "export":
        for line in commands.export(args.db, args.format, Path(args.out)):
            print(line)
        return 0
    raise AssertionError(args.command)
