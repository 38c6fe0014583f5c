"""`briefing library add | search | show | rebuild`: the local library of saved notes.

``add FILE...`` indexes ``.briefing`` projects; ``search [QUERY]`` finds notes by full text
and filters (country, person, theme, date range, highest classification), newest first,
with each note's marking beside it; ``show ID_OR_PATH`` prints one note's record;
``rebuild FOLDER...`` re-indexes every project under the folders with the batch workers
and a progress bar, and the index then holds those notes. ``--json`` prints JSON instead
of text. The index lives in the per-user data folder (``$BRIEFING_DATA_DIR`` moves it);
a missing or broken index is rebuilt with a one-line warning. Errors are one line on
stderr; exit 1 for a file that cannot be read, 2 for bad usage.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.cli import UsageError, add_batch_options, memory_limit, task_timeout

if TYPE_CHECKING:
    from briefing.library.sqlite_store import SqliteLibrary

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("library", help="search and index the local library of saved notes",
                              description="The local library of saved notes (.briefing files).")
    sub = p.add_subparsers(dest="library_command", metavar="ACTION")

    add = sub.add_parser("add", help="index project files")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.set_defaults(run=run_add)

    search = sub.add_parser("search", help="find notes by text and filters, newest first")
    search.add_argument("query", nargs="*", metavar="QUERY", help="words the note must contain (word* for a prefix)")
    search.add_argument("--country", action="append", default=[], metavar="CODE_OR_NAME",
                        help="a country the note concerns (repeat for several)")
    search.add_argument("--person", action="append", default=[], metavar="NAME",
                        help="a participant's name or part of it (repeat for several)")
    search.add_argument("--theme", action="append", default=[], metavar="ID_OR_LABEL",
                        help="a security theme (repeat for several)")
    search.add_argument("--from", dest="date_from", metavar="DATE", help="notes dated on or after (YYYY[-MM[-DD]])")
    search.add_argument("--to", dest="date_to", metavar="DATE", help="notes dated on or before (YYYY[-MM[-DD]])")
    search.add_argument("--max-classification", metavar="LEVEL",
                        help="hide notes marked above LEVEL, read in each note's marking scheme (and notes "
                             "whose marking their scheme cannot read)")
    search.add_argument("--limit", type=int, default=50, metavar="N", help="at most N notes (default 50)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(run=run_search)

    show = sub.add_parser("show", help="print one note's library record")
    show.add_argument("key", metavar="ID_OR_PATH")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(run=run_show)

    rebuild = sub.add_parser("rebuild", help="re-index every project under the folders")
    rebuild.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    add_batch_options(rebuild, "project file")
    rebuild.set_defaults(run=run_rebuild)

    p.set_defaults(run=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _error(message: str) -> None:
    print(f"briefing: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"briefing: warning: {message}", file=sys.stderr)


def _open() -> SqliteLibrary:
    from briefing.library.sqlite_store import SqliteLibrary

    return SqliteLibrary(warn=_warn)


# ---------------------------------------------------------------- add

def run_add(args: argparse.Namespace) -> int:
    from briefing.library import LibraryError
    from briefing.library.files import PROJECT_SUFFIX, load_record
    from briefing.note.project import ProjectError

    status = 0
    records = []
    for path in args.files:
        if path.suffix.lower() != PROJECT_SUFFIX:
            _error(f"{path}: not a project file (the library indexes {PROJECT_SUFFIX} files)")
            status = 1
            continue
        try:
            records.append(load_record(str(path)))
        except ProjectError as exc:
            _error(str(exc))
            status = 1
    if not records:
        return status
    try:
        with _open() as library:
            for record in records:
                print(f"indexed {library.add(record)}  {record.path}")
    except LibraryError as exc:
        _error(str(exc))
        return 1
    return status


# ---------------------------------------------------------------- search

def _query(args: argparse.Namespace):  # noqa: ANN202
    from briefing.gazetteer import lookup_country
    from briefing.library import SearchQuery
    from briefing.library.ranking import RankError, max_ranks

    countries = []
    for value in args.country:
        code = value.upper() if re.fullmatch(r"[A-Za-z]{2}", value) else lookup_country(value)
        if not code:
            raise UsageError(f"--country: unknown country {value!r} (give a name or a two-letter code)")
        countries.append(code)
    for flag, value in (("--from", args.date_from), ("--to", args.date_to)):
        if value and not DATE_RE.match(value):
            raise UsageError(f"{flag}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if args.limit < 1:
        raise UsageError("--limit: expected 1 or more")
    ranks = None
    if args.max_classification is not None:
        try:
            ranks = max_ranks(args.max_classification)
        except RankError as exc:
            raise UsageError(f"--max-classification: {exc}") from None
    return SearchQuery(text=" ".join(args.query), countries=countries, people=args.person,
                       themes=args.theme, date_from=args.date_from or "", date_to=args.date_to or "",
                       max_ranks=ranks, limit=args.limit)


def run_search(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from briefing.library import LibraryError

    query = _query(args)
    try:
        with _open() as library:
            result = library.search(query)
    except LibraryError as exc:
        _error(str(exc))
        return 1
    if args.json:
        print(json.dumps({"total": result.total, "hidden": result.hidden,
                          "hits": [asdict(h) for h in result.hits]}, ensure_ascii=False, indent=1))
        return 0
    for hit in result.hits:
        marking = hit.classification or "no marking"
        line = f"{hit.id:>6}  {hit.sort_date or '----------':<10}  [{marking}]  {hit.title or '(untitled)'}"
        print(line + (f"  ({hit.reference})" if hit.reference else ""))
        print(f"        {hit.path}")
        if hit.snippet:
            print(f"        {' '.join(hit.snippet.split())}")
    shown = f"{len(result.hits)} of {result.total}" if len(result.hits) < result.total else str(result.total)
    hidden = ""
    if result.hidden:
        hidden = (f"; {result.hidden} hidden (marked above {args.max_classification} "
                  "or with a marking their scheme cannot read)")
    print(f"{shown} note{'s' if result.total != 1 else ''}{hidden}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------- show

def run_show(args: argparse.Namespace) -> int:
    from briefing.library import LibraryError

    key: int | str = int(args.key) if args.key.isdigit() and len(args.key) < 32 else args.key
    try:
        with _open() as library:
            record = library.get(key)
            note_id = library.id_of(record.path) if record else None
    except LibraryError as exc:
        _error(str(exc))
        return 1
    if record is None:
        what = f"no note {key}" if isinstance(key, int) else f"{key}: not in the library"
        _error(f"{what} (briefing library add FILE indexes a note)")
        return 1
    if args.json:
        print(json.dumps({"id": note_id, **record.to_json()}, ensure_ascii=False, indent=1))
        return 0
    print(f"{note_id}: {record.title or '(untitled)'}")
    print(f"  file:           {record.path}")
    if record.note_id:
        print(f"  note id:        {record.note_id}")
    print(f"  date:           {record.note_date or '-'}" + (f" ({record.sort_date})" if record.sort_date
                                                           and record.sort_date != record.note_date else ""))
    print(f"  reference:      {record.reference or '-'}")
    print(f"  classification: {record.classification or 'no marking'}"
          + (f" ({record.scheme} scheme)" if record.scheme else "")
          + ("" if record.classification_rank is not None else "; not a marking its scheme reads"))
    print(f"  countries:      {', '.join(record.countries) or '-'}")
    for s in record.sources:
        print(f"  source:         {' · '.join(x for x in (s.outlet, s.title, s.date, s.url) if x)}")
    for p in record.participants:
        print(f"  participant:    {p.name}" + "".join(f", {x}" for x in (p.role, p.country) if x))
    for a in record.agreements:
        detail = ", ".join(x for x in (a.status, a.date, "/".join(a.parties)) if x)
        print(f"  agreement:      {a.text}" + (f" ({detail})" if detail else ""))
    if record.themes:
        print(f"  themes:         {', '.join(t.label or t.theme_id for t in record.themes)}")
    return 0


# ---------------------------------------------------------------- rebuild

def run_rebuild(args: argparse.Namespace) -> int:
    from briefing.batch import BatchSummary, Progress, default_jobs
    from briefing.library import LibraryError
    from briefing.library.files import find_projects, records_from_files

    missing = [f for f in args.folders if not f.exists()]
    if missing:
        _error(f"{missing[0]}: no such folder")
        return 1
    paths = [str(p) for p in find_projects(args.folders)]
    jobs = max(1, min(args.jobs or default_jobs(), max(1, len(paths))))
    progress = Progress(len(paths), sys.stderr if len(paths) > 1 and sys.stderr.isatty() else None)
    summary = BatchSummary(total=len(paths), jobs=jobs)

    def done(path: str, error: str | None) -> None:
        summary.done += 1
        if error is not None:
            summary.failures.append((path, error))
            progress.message(f"briefing: {error}" if path in error else f"briefing: {path}: {error}")
        progress.advance(Path(path).name)

    try:
        with _open() as library:
            count = library.rebuild(records_from_files(paths, jobs=jobs, on_done=done,
                                                       task_timeout=task_timeout(args),
                                                       memory_limit_mb=memory_limit(args) or 0))
            folder = library.db_path
    except LibraryError as exc:
        progress.close()
        _error(str(exc))
        return 1
    progress.close()
    summary.finished = time.monotonic()
    failed = f"; failed: {summary.failure_text()}" if summary.failures else ""
    _error(f"indexed {count} of {len(paths)} note files in {summary.seconds:.1f} s "
           f"({jobs} worker process{'es' if jobs > 1 else ''}) into {folder}{failed}")
    return 1 if summary.failures else 0
