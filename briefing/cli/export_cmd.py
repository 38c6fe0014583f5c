"""`briefing export` and `briefing check`: article or project file(s) -> DOCX / PDF, or the pre-export check.

An article input (text, HTML, DOCX, PDF) is read, extracted and drafted into a note; a
``.briefing`` project is opened as it was saved. ``export`` writes ``-o OUT.docx|OUT.pdf``
for one input, or ``--out-dir DIR --format docx,pdf`` for many; files are written
atomically. ``-j N`` exports several inputs in N worker processes (:mod:`briefing.batch`),
each input in one worker; a summary line ends a run over several inputs. Inputs sharing
a stem get ``STEM-2.FORMAT``... so none overwrites another, and an output that would
replace its input is refused. Every input, one or many, is read in a worker process
under the batch time limit (``--task-timeout``); ``check`` too. ``check`` prints what
the export would warn about. A project's template is found by name only (never a path
it holds); ``--template`` takes a name or a folder. Errors are one line on stderr naming
the file; exit 1 for a bad input or output, 2 for bad usage.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.cli import add_batch_options, task_timeout
from briefing.safe_text import display_name
from briefing.safe_text import naming_file as name_file

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.note.model import Note

DEFAULT_TEMPLATE = "ministerial"


class InputError(Exception):
    """An input that cannot be turned into a note (one-line message naming the file)."""


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("export", help="export article(s) or project(s) to DOCX or PDF",
                              description="Export a briefing note to DOCX or PDF from a template.")
    p.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLE_OR_PROJECT")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="output file: OUT.docx or OUT.pdf")
    p.add_argument("--out-dir", type=Path, metavar="DIR", help="folder for many outputs (INPUT_STEM.FORMAT)")
    p.add_argument("--format", default="pdf", metavar="docx,pdf",
                   help="formats written with --out-dir (default: pdf)")
    add_batch_options(p, "input")
    _common(p)
    p.set_defaults(run=run_export)

    c = subparsers.add_parser("check", help="pre-export check of article(s) or project(s)",
                              description="Report what an export would warn about or refuse.")
    c.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLE_OR_PROJECT")
    c.add_argument("--format", default=None, choices=["docx", "pdf"], help="check for one format only")
    _common(c)
    c.set_defaults(run=run_check)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", metavar="NAME", help="template name or folder (default: the "
                   f"project's template, else {DEFAULT_TEMPLATE})")
    p.add_argument("--classification", metavar="TEXT", help="classification marking for the note")


def load_input(path: Path) -> tuple[Note, Article]:
    """The note and article of a ``.briefing`` project or an article file."""
    from briefing.note.project import PROJECT_SUFFIX, ProjectError, load_project

    if path.suffix.lower() == PROJECT_SUFFIX:
        try:
            project = load_project(path)
        except ProjectError as exc:
            raise InputError(str(exc)) from None
        return project.note, project.article
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.ingest.errors import IngestError
    from briefing.note.draft import draft_note

    try:
        article = read_article(path)
    except IngestError as exc:
        raise InputError(name_file(str(exc), path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{display_name(path)}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return draft_note(article, extract(article)), article


def _prepare_note(path: Path, template_name: str | None, classification: str | None):  # noqa: ANN202
    from briefing.note.edits import set_field
    from briefing.templates import load_named_template, load_template

    note, article = load_input(path)
    if classification is not None:
        set_field(note, "header.classification", classification)
    if template_name:
        template = load_template(template_name)
    else:  # a project's template is a name, never a path
        template = load_named_template(note.template or DEFAULT_TEMPLATE)
    return note, article, template


def _outputs(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    """(input, output) pairs from -o or --out-dir/--format; raises UsageError."""
    from briefing.cli import UsageError
    from briefing.export import FORMATS

    if args.output and args.out_dir:
        raise UsageError("give either -o OUT or --out-dir DIR, not both")
    if args.output:
        if len(args.inputs) != 1:
            raise UsageError("-o OUT takes one input; use --out-dir DIR for several")
        if args.output.suffix.lower() not in (".docx", ".pdf"):
            raise UsageError(f"{args.output}: the output must end in .docx or .pdf")
        return [(args.inputs[0], args.output)]
    if not args.out_dir:
        raise UsageError("give -o OUT.docx|OUT.pdf or --out-dir DIR")
    formats = [f.strip().lower().lstrip(".") for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--format: unknown format {', '.join(bad) or '(none)'} (use docx,pdf)")
    stems = _unique_stems(args.inputs)
    return [(i, args.out_dir / f"{stem}.{f}") for i, stem in zip(args.inputs, stems) for f in formats]


def _unique_stems(inputs: list[Path]) -> list[str]:
    """Each input's stem; a stem met again gets ``-2``, ``-3``... so no output overwrites another."""
    taken: set[str] = set()
    stems = []
    for path in inputs:
        stem, n = path.stem or "note", 1
        while (stem if n == 1 else f"{stem}-{n}").casefold() in taken:
            n += 1
        chosen = stem if n == 1 else f"{stem}-{n}"
        taken.add(chosen.casefold())
        stems.append(chosen)
    return stems


def run_export(args: argparse.Namespace) -> int:
    from briefing.batch import BatchSummary, Progress, default_jobs, run_batch
    from briefing.templates import TemplateError

    pairs = _outputs(args)
    if args.out_dir and not args.out_dir.is_dir():
        try:
            args.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _error(f"{args.out_dir}: cannot create folder: {exc.strerror or exc}")
            return 1
    by_source: dict[Path, list[Path]] = {}
    for source, out in pairs:
        by_source.setdefault(source, []).append(out)
    tasks = [(str(source), [str(o) for o in outs], args.template, args.classification)
             for source, outs in by_source.items()]
    jobs = min(getattr(args, "jobs", 1) or default_jobs(), len(tasks))
    several = len(tasks) > 1
    progress = Progress(len(tasks), sys.stderr if several and sys.stderr.isatty() else None)
    summary = BatchSummary(total=len(tasks), jobs=jobs)
    status = 0
    for result in run_batch(tasks, export_input, jobs=jobs, initializer=_quiet_readers,
                            expected=(InputError, TemplateError), task_timeout=task_timeout(args)):
        source = tasks[result.index][0]
        summary.add(result, source)
        if result.error is not None:
            progress.message(f"briefing: {name_file(result.error, Path(source))}")
            status = 1
        else:
            lines, failed = result.value
            for stream, line in lines:
                if stream == "out":
                    print(line)
                else:
                    progress.message(f"briefing: {line}")
            if failed:
                status = 1
                summary.failures.append((source, "output not written"))
        progress.advance(Path(source).name)
    progress.close()
    if several:
        summary.finished = time.monotonic()
        failed = f"; failed: {summary.failure_text()}" if summary.failures else ""
        _error(f"{summary.succeeded} of {len(tasks)} inputs exported in {summary.seconds:.1f} s "
               f"({jobs} worker process{'es' if jobs > 1 else ''}; {summary.memory_text()}){failed}")
    return status


def export_input(task: tuple[str, list[str], str | None, str | None]) -> tuple[list[tuple[str, str]], bool]:
    """Worker: export one input ``(source, outputs, template, classification)`` to each output.

    Returns the lines to print (``("out" | "err", text)``) and whether an output failed;
    raises InputError or TemplateError when the input itself cannot be used.
    """
    from briefing.export import ExportError, export_note
    from briefing.fileio import WriteError, refuse_overwrite

    source, outputs, template_name, classification = task
    lines: list[tuple[str, str]] = []
    failed = False
    writable = []
    for out in map(Path, outputs):  # refused before the input is even read
        try:
            refuse_overwrite(out, [source])
            writable.append(out)
        except WriteError as exc:
            lines.append(("err", str(exc)))
            failed = True
    if not writable:
        return lines, failed
    note, article, template = _prepare_note(Path(source), template_name, classification)
    for out in writable:
        try:
            problems = export_note(note, template, out, article=article, inputs=[source])
        except ExportError as exc:
            lines.append(("err", str(exc)))
            failed = True
            continue
        lines += [("err", f"{out}: {p}") for p in problems]
        if any(p.fatal for p in problems):
            lines.append(("err", f"{out}: not written (fatal problems above)"))
            failed = True
        else:
            lines.append(("out", f"wrote {out}"))
    return lines, failed


def _quiet_readers() -> None:
    """Keep library log lines (pypdf's "EOF marker not found") off stderr."""
    import logging

    for name in ("pypdf", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def run_check(args: argparse.Namespace) -> int:
    from briefing.batch import run_batch
    from briefing.templates import TemplateError

    status = 0
    tasks = [(str(source), args.template, args.classification, args.format) for source in args.inputs]
    results = {r.index: r for r in run_batch(tasks, check_input, jobs=1, initializer=_quiet_readers,
                                             expected=(InputError, TemplateError),
                                             task_timeout=task_timeout(args))}
    for index, source in enumerate(args.inputs):
        result = results[index]
        if result.error is not None:
            _error(name_file(result.error, source))
            status = 1
            continue
        lines, fatal = result.value
        for line in lines:
            print(f"{display_name(source)}: {line}")
        status = 1 if fatal else status
    return status


def check_input(task: tuple[str, str | None, str | None, str | None]) -> tuple[list[str], bool]:
    """Worker: the check of one input ``(source, template, classification, format)``:
    the lines to print and whether a problem is fatal."""
    from briefing.export import check_note

    source, template_name, classification, fmt = task
    note, article, template = _prepare_note(Path(source), template_name, classification)
    problems = check_note(note, template, article=article, fmt=fmt)
    lines = [str(p) for p in problems] or [f"no problems (template {template.name})"]
    return lines, any(p.fatal for p in problems)


def _error(message: str) -> None:
    print(f"briefing: {message}", file=sys.stderr)
