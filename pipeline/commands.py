"""What the CLI commands do, as library functions (the CLI only prints)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.files import display_name, iter_files

if TYPE_CHECKING:
    from pipeline.types import Document, Problem
# The readers, stages and extractors are imported by the commands that run them, not here:
# `ingest` of an unchanged corpus never needs them (see pipeline.ingest).


class UserError(Exception):
    """A mistake the user can fix; the CLI prints it as one line."""


def _check_db(db: str) -> None:
    if Path(db).is_dir():
        raise UserError(f"--db {db} is a folder; give the catalogue file, e.g. --db {Path(db) / 'catalogue.db'}")


def _check_paths(paths: list[str]) -> None:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UserError(f"no such file or folder: {', '.join(missing)}")


def documents(paths: list[str]) -> Iterator[Document]:
    """Every document of every file under `paths`, through all stages."""
    from pipeline.read import read_file
    from pipeline.stages import process

    _check_paths(paths)
    for path in iter_files(paths):
        yield from process([read_file(path, display=display_name(str(path)))])


def extract_records(paths: list[str], evidence: bool = False,
                    unread: list[Problem] | None = None) -> Iterator[dict[str, Any]]:
    """One record per document; a document that yields nothing adds its problems to `unread`."""
    from pipeline.record import to_record

    for doc in documents(paths):
        if doc.text.strip() or doc.found:
            yield to_record(doc, evidence=evidence)
        elif unread is not None:
            unread.extend(doc.problems or [_nothing_read(doc)])


def _nothing_read(doc: Document) -> Problem:
    from pipeline.types import Problem

    return Problem("normalize", "W_EMPTY_PAGE", f"{doc.source.path}: the file holds no text; nothing to extract")


def texts(paths: list[str], raw: bool = False, unread: list[Problem] | None = None) -> Iterator[tuple[str, str]]:
    from pipeline.read import read_file
    from pipeline.stages import process

    _check_paths(paths)
    for path in iter_files(paths):
        if raw:
            doc = read_file(path, display=display_name(str(path)))
            if unread is not None and not doc.raw_text.strip():
                unread.extend(doc.problems or [_nothing_read(doc)])
            yield f"{doc.source.path} (raw, {doc.source.format}, {doc.source.encoding})", doc.raw_text
            continue
        for doc in process([read_file(path, display=display_name(str(path)))]):
            if unread is not None and not doc.text.strip():
                unread.extend(doc.problems or [_nothing_read(doc)])
            problems = "; ".join(f"{p.code}: {p.message}" for p in doc.problems)
            head = f"{doc.source.path} #{doc.ordinal}" + (f" [{problems}]" if problems else "")
            yield head, doc.text


def known_fields() -> tuple[str, ...]:
    """Every field an extractor produces (what `explain --field` accepts)."""
    from extractors import REGISTRY

    return tuple(dict.fromkeys(f for ext in REGISTRY for f in ext.produces))


def explain(path: Path, field: str, context: int = 20) -> str:
    """Every candidate for `field` in each document of `path`, the winner marked."""
    from pipeline.record import chosen

    if field not in known_fields():
        raise UserError(f"unknown field {field!r}; one of: {', '.join(known_fields())}")
    lines = []
    for doc in documents([str(path)]):
        picks = {id(f) for f in chosen(doc).get(field, [])}
        cands = [f for f in doc.found if f.field == field]
        lines.append(f"== {doc.source.path} #{doc.ordinal}: {len(cands)} candidate(s) for {field}")
        for f in cands:
            a, b = max(0, f.span.start - context), min(len(doc.text), f.span.end + context)
            ctx = (doc.text[a:f.span.start] + "【" + f.evidence(doc.text) + "】" + doc.text[f.span.end:b])
            mark = "WIN " if id(f) in picks else "    "
            lines.append(f"{mark}{f.value!r}  rule={f.rule}  {f.extractor}  @{f.span.start}-{f.span.end}")
            lines.append("      " + ctx.replace("\n", "⏎"))
    return "\n".join(lines)


def ingest(paths: list[str], db: str, prune: bool = False, workers: int = 0, force: bool = False,
           guard: bool = True, wait: bool = False, on_wait=None):
    from pipeline.ingest import ingest as run_ingest

    _check_db(db)
    _check_paths(paths)
    return run_ingest(paths, db, prune=prune, workers=workers, force=force, guard=guard, wait=wait, on_wait=on_wait)


def problems_report(db: str, code: str | None = None, run: str = "latest") -> str:
    _check_db(db)
    if not Path(db).exists():
        raise UserError(f"no catalogue at {db}; run `make ingest` first")
    from pipeline.load import problems_report as report

    return report(db, code=code, run=run)


def stored_note(db: str, run_id: str) -> str:
    """What an ingest run stored, for the summary line: documents, and files that gave none."""
    from pipeline.load import stored_by_run

    if not run_id or not Path(db).is_file():
        return ""
    docs, empty = stored_by_run(db, run_id)
    note = f"; stored {docs} documents"
    if empty:
        note += f"; {empty} file(s) yielded no document (`problems --db {db}`)"
    return note


def export(db: str, fmt: str, out: Path) -> Iterator[str]:
    _check_db(db)
    if not Path(db).exists():
        raise UserError(f"no catalogue at {db}; run `make ingest` first")
    from pipeline.export import export as run_export

    return run_export(db, fmt, out)
