"""`briefing draft`: article file(s) -> drafted ``.briefing`` projects, exported later.

``briefing draft ARTICLE -o NOTE.briefing`` reads, extracts and drafts one note (its
header filled from the preferences as for ``export``) and saves the project;
``briefing draft A B C --out-dir DIR [-j N]`` drafts many, ``DIR/<stem>.briefing`` each,
with worker processes that load the language model once. ``briefing draft A B C --merge
-o NOTE.briefing`` drafts one note of several reports of a meeting, merged exactly as
``briefing export A B C --merge`` merges them (:func:`briefing.cli.export_cmd.load_merged`).
Every project written is indexed in the notes library, as a saved note is (a library
that cannot be written is a warning; the project is saved). The projects open in the
composer for review and export without the language model:
``briefing export NOTE.briefing -o note.pdf``. Errors are one line naming the file;
the others are still drafted; exit 1 if any failed, 2 for bad usage.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from briefing.cli import UsageError, add_batch_options, memory_limit, task_timeout

SUFFIX = ".briefing"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("draft", help="draft notes from articles and save them as projects",
                              description="Draft briefing notes from articles and save them as .briefing "
                                          "projects, to review in the composer and export later.")
    p.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLE")
    p.add_argument("-o", "--output", type=Path, metavar="NOTE.briefing", help="the project file (one article)")
    p.add_argument("--out-dir", type=Path, metavar="DIR", help="folder for many projects (INPUT_STEM.briefing)")
    p.add_argument("--template", metavar="NAME", help="template of the notes (default: the preferences')")
    p.add_argument("--analyst", metavar="NAME", help="prepared by (default: the preferences)")
    p.add_argument("--organisation", metavar="NAME", help="organisation (default: the preferences)")
    p.add_argument("--merge", action="store_true",
                   help="one project from all the articles: the first drafts the note, the others are "
                        "added as sources (as export --merge does)")
    add_batch_options(p, "article")
    p.set_defaults(run=run)


def _pairs(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    from briefing.cli.export_cmd import _unique_stems

    if args.output and args.out_dir:
        raise UsageError("give either -o NOTE.briefing or --out-dir DIR, not both")
    if args.merge and len(args.inputs) < 2:
        raise UsageError("--merge makes one note of several articles: give two or more")
    if args.output:
        if len(args.inputs) != 1 and not args.merge:
            raise UsageError("-o NOTE.briefing takes one article (or several with --merge); "
                             "use --out-dir DIR for several")
        if args.output.suffix.lower() != SUFFIX:
            raise UsageError(f"{args.output}: a project file ends in {SUFFIX}")
        return [(args.inputs[0], args.output)]
    if not args.out_dir:
        raise UsageError("give -o NOTE.briefing or --out-dir DIR")
    if args.merge:
        return [(args.inputs[0], args.out_dir / f"{args.inputs[0].stem or 'note'}{SUFFIX}")]
    return [(i, args.out_dir / f"{stem}{SUFFIX}") for i, stem in zip(args.inputs, _unique_stems(args.inputs))]


def draft_input(task: tuple[str, str, dict[str, Any]]) -> list[tuple[str, str]]:
    """Worker: draft ``task = (article, project_out, options)`` (with ``options["merge_with"]``,
    the further articles merged in as sources), save the project atomically and index it in
    the notes library.

    Returns the lines to print (``("out" | "err", text)``); raises InputError, TemplateError
    or ProjectError (one line each)."""
    from briefing.cli.export_cmd import InputError, load_merged, save_indexed_project
    from briefing.fileio import WriteError, refuse_overwrite

    source, out, options = task
    options = dict(options)  # the merge messages are added to it
    try:
        refuse_overwrite(out, [source, *options.get("merge_with", [])])
    except WriteError as exc:
        raise InputError(str(exc)) from None
    project = load_merged(Path(source), options.get("template"), options)
    lines = [("err", line) for line in options.get("messages", [])]
    if not save_indexed_project(project.note, project.article, Path(out), lines, done="drafted"):
        raise InputError(next(text for stream, text in reversed(lines) if stream == "err"))
    return lines


def run(args: argparse.Namespace) -> int:
    from briefing.batch import BatchSummary, Progress, default_jobs, run_batch
    from briefing.cli.export_cmd import InputError, _quiet_readers
    from briefing.safe_text import display_name, naming_file
    from briefing.templates import TemplateError

    pairs = _pairs(args)
    if args.out_dir is not None:
        try:
            args.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"briefing: {args.out_dir}: cannot create folder: {exc.strerror or exc}", file=sys.stderr)
            return 1
    options: dict[str, Any] = {"template": args.template, "analyst": args.analyst,
                               "organisation": args.organisation}
    if args.merge:
        options["merge_with"] = [str(p) for p in args.inputs[1:]]
    tasks = [(str(source), str(out), options) for source, out in pairs]
    jobs = min(getattr(args, "jobs", 1) or default_jobs(), len(tasks))
    several = len(tasks) > 1
    progress = Progress(len(tasks), sys.stderr if several and sys.stderr.isatty() else None)
    summary = BatchSummary(total=len(tasks), jobs=jobs)
    status = 0
    for result in run_batch(tasks, draft_input, jobs=jobs, initializer=_quiet_readers,
                            expected=(InputError, TemplateError), task_timeout=task_timeout(args),
                            memory_limit_mb=memory_limit(args)):
        source = tasks[result.index][0]
        summary.add(result, source)
        if result.error is not None:
            named = display_name(source) in result.error  # "OUT: refused: it is the input SOURCE"
            progress.message(f"briefing: {result.error if named else naming_file(result.error, source)}")
            status = 1
        else:
            for stream, line in result.value:
                if stream == "out":
                    print(line)
                else:
                    progress.message(f"briefing: {line}")
        progress.advance(Path(source).name)
    progress.close()
    if several:
        summary.finished = time.monotonic()
        failed = f"; failed: {summary.failure_text()}" if summary.failures else ""
        print(f"briefing: {summary.succeeded} of {len(tasks)} articles drafted in {summary.seconds:.1f} s "
              f"({jobs} worker process{'es' if jobs > 1 else ''}; {summary.memory_text()}){failed}",
              file=sys.stderr)
    return status
