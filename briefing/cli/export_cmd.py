"""`briefing export` and `briefing check`: article or project file(s) -> DOCX / PDF, or the pre-export check.

An article input (text, HTML, DOCX, PDF) is read, extracted and drafted into a note; a
``.briefing`` project is opened as it was saved. ``export`` writes ``-o OUT.docx|OUT.pdf``
for one input, or ``--out-dir DIR --format docx,pdf`` for many; files are written
atomically. ``-j N`` exports several inputs in N worker processes (:mod:`briefing.batch`),
each input in one worker; a summary line ends a run over several inputs. Inputs sharing
a stem get ``STEM-2.FORMAT``... so none overwrites another, and an output that would
replace its input is refused. Every input, one or many, is read in a worker process
under the batch time limit (``--task-timeout``); ``check`` too. ``check`` prints what
the export would warn about.

``--merge`` makes one note of all the inputs (several reports of one meeting): the first
gives the note and the others are added as sources (:mod:`briefing.cli.merge_sources`);
``--project OUT.briefing`` also saves the note as a project, indexed in the notes library.

A note drafted from an article gets its header from the preferences shared with the
composer (prepared by, organisation, reference number from the template's pattern);
``--analyst``, ``--organisation``, ``--reference``, ``--classification``, ``--outlet``
and ``--source-url`` override them, for projects too. ``--classification`` is read with
the template's marking scheme. A note with an empty required section is exported as a
draft; ``--final`` refuses it instead (exit 1, one line naming the empty sections).
A project's (or the preferences') template is found by name only, never as a path it
holds; ``--template`` takes a name or a folder. Errors are one line on stderr naming the
file; exit 1 for a bad input or output, 2 for bad usage.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.cli import add_batch_options, memory_limit, task_timeout
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
    p.add_argument("--final", action="store_true",
                   help="refuse a note that is still a draft (a required section empty)")
    p.add_argument("--merge", action="store_true",
                   help="one note from all the inputs: the first drafts it, the others are added as "
                        "sources (same people, agreements, quotes and events merged; conflicts kept)")
    p.add_argument("--project", type=Path, metavar="OUT.briefing",
                   help="also save the note as a project (one note: one input, or --merge), "
                        "indexed in the notes library")
    p.set_defaults(run=run_export)

    c = subparsers.add_parser("check", help="pre-export check of article(s) or project(s)",
                              description="Report what an export would warn about or refuse.")
    c.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLE_OR_PROJECT")
    c.add_argument("--format", default=None, choices=["docx", "pdf"], help="check for one format only")
    _common(c)
    c.add_argument("--final", action="store_true", help="report a draft as a problem that stops the export")
    c.set_defaults(run=run_check)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", metavar="NAME", help="template name or folder (default: the "
                   f"project's template, else {DEFAULT_TEMPLATE})")
    p.add_argument("--classification", metavar="MARKING",
                   help="the note's marking in the template's scheme, e.g. \"SECRET//REL TO USA, GBR\" "
                        "or \"OFFICIAL-SENSITIVE\"")
    p.add_argument("--analyst", metavar="NAME", help="prepared by (default: the preferences)")
    p.add_argument("--organisation", metavar="NAME", help="organisation (default: the preferences)")
    p.add_argument("--reference", metavar="REF", help="reference number (default: the next number "
                   "of the template's pattern for a new note)")
    p.add_argument("--outlet", metavar="NAME", help="the article's outlet in the source block")
    p.add_argument("--source-url", metavar="URL", help="the article's web address in the source block")
    p.add_argument("--authority", action="append", metavar="FIELD=VALUE",
                   help="a classification authority line the marking needs, e.g. "
                        "classified_by=\"J. Doe, Analyst\", derived_from=..., declassify_on=... (repeat)")


OVERRIDES = ("classification", "analyst", "organisation", "reference", "outlet", "source_url", "authority")


def note_options(args: argparse.Namespace) -> dict[str, Any]:
    """The header and source overrides given on the command line (None: not given)."""
    return {name: getattr(args, name, None) for name in OVERRIDES}


def load_project_or_draft(path: Path, template_name: str | None = None,
                          options: dict[str, str | None] | None = None):  # noqa: ANN201 - Project
    """A ``.briefing`` project as saved, or the project drafted from an article file (with
    its extraction). Only an article needs the language model."""
    from briefing.note.project import PROJECT_SUFFIX, Project, ProjectError, load_project

    if path.suffix.lower() == PROJECT_SUFFIX:
        try:
            return load_project(path)
        except ProjectError as exc:
            raise InputError(str(exc)) from None
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.ingest.errors import IngestError
    from briefing.note.header import NoteReferenceError, draft_new_note
    from briefing.preferences import Preferences

    try:
        article = read_article(path)
    except IngestError as exc:
        raise InputError(name_file(str(exc), path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{display_name(path)}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    preferences = Preferences()
    template = _template(template_name, preferences.default_template)
    given = {k: v for k, v in (options or {}).items() if k in ("analyst", "organisation", "reference")
             and v is not None}
    extraction = extract(article)
    try:
        note = draft_new_note(article, extraction, template, preferences, **given,
                              warn=lambda message: _message(options, f"warning: {message}"))
    except NoteReferenceError as exc:
        raise InputError(f"{path}: {exc}") from None
    return Project(note=note, article=article, extraction=extraction)


def load_merged(path: Path, template_name: str | None, options: dict[str, Any]):  # noqa: ANN201 - Project
    """The project of ``path`` (:func:`load_project_or_draft`) with every input of
    ``options["merge_with"]`` added to it as a source (``--merge``); the lines saying what
    each source brought are appended to ``options["messages"]``."""
    project = load_project_or_draft(path, template_name, options)
    if options.get("merge_with"):
        from briefing.cli.merge_sources import merge_inputs

        options.setdefault("messages", []).extend(
            merge_inputs(project.note, project.article, [Path(p) for p in options["merge_with"]]))
    return project


def _message(options: dict[str, Any] | None, line: str) -> None:
    """A line for the command's output (stderr), kept in ``options["messages"]``."""
    if options is not None:
        options.setdefault("messages", []).append(line)


def _template(given: str | None, named: str | None):  # noqa: ANN202 - briefing.templates.Template
    """``--template`` (a name or a folder), else the template a project or the preferences
    name (a name only: never a path they hold)."""
    from briefing.templates import load_named_template, load_template

    return load_template(given) if given else load_named_template(named or DEFAULT_TEMPLATE)


def _prepare_note(path: Path, template_name: str | None,  # noqa: ANN202
                  options: dict[str, str | None] | str | None = None):
    from briefing.markings import MarkingError
    from briefing.note.edits import EditError, set_field
    from briefing.note.source import apply_source_overrides
    from briefing.templates import template_name_problem

    if options is None or isinstance(options, str):  # a classification alone
        options = {"classification": options}
    project = load_merged(path, template_name, options)
    note, article = project.note, project.article
    template = _template(template_name, note.template)
    if template_name and template_name_problem(template.name) is None:  # a folder may be named anything
        set_field(note, "template", template.name)
    if options.get("classification") is not None:
        try:
            marking = template.marking_scheme().parse(options["classification"])
        except MarkingError as exc:
            raise InputError(f"{path}: --classification: {exc}") from None
        set_field(note, "header.classification", marking.text)
    for name in ("analyst", "organisation", "reference"):
        if options.get(name) is not None:
            set_field(note, f"header.{name}", options[name])
    for entry in options.get("authority") or []:
        field, sep, value = str(entry).partition("=")
        known = template.marking_scheme().authority
        if not sep or field.strip() not in known:
            raise InputError(f"{path}: --authority: '{entry}' is not FIELD=VALUE with FIELD one of "
                             f"{', '.join(known) or 'none (the scheme has no authority block)'}")
        set_field(note, f"header.authority.{field.strip()}", value.strip())
    try:
        apply_source_overrides(note, outlet=options.get("outlet"), url=options.get("source_url"))
    except EditError as exc:
        raise InputError(f"{path}: {exc}") from None
    return note, article, template


def _outputs(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    """(input, output) pairs from -o or --out-dir/--format; raises UsageError."""
    from briefing.cli import UsageError
    from briefing.export import FORMATS

    if args.output and args.out_dir:
        raise UsageError("give either -o OUT or --out-dir DIR, not both")
    merge = getattr(args, "merge", False)
    if merge and len(args.inputs) < 2:
        raise UsageError("--merge makes one note of several inputs: give two or more")
    if getattr(args, "project", None) is not None:
        if len(args.inputs) != 1 and not merge:
            raise UsageError("--project saves one note: give one input, or --merge")
        if args.project.suffix.lower() != ".briefing":
            raise UsageError(f"{args.project}: the project must end in .briefing")
    if args.output:
        if len(args.inputs) != 1 and not merge:
            raise UsageError("-o OUT takes one input (or several with --merge); use --out-dir DIR for several")
        if args.output.suffix.lower() not in (".docx", ".pdf"):
            raise UsageError(f"{args.output}: the output must end in .docx or .pdf")
        return [(args.inputs[0], args.output)]
    if not args.out_dir:
        raise UsageError("give -o OUT.docx|OUT.pdf or --out-dir DIR")
    formats = [f.strip().lower().lstrip(".") for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--format: unknown format {', '.join(bad) or '(none)'} (use docx,pdf)")
    if merge:
        return [(args.inputs[0], args.out_dir / f"{args.inputs[0].stem or 'note'}.{f}") for f in formats]
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
    options = dict(note_options(args), final=args.final)
    if getattr(args, "merge", False):
        options["merge_with"] = [str(p) for p in args.inputs[1:]]
    if getattr(args, "project", None) is not None:
        options["project"] = str(args.project)
    tasks = [(str(source), [str(o) for o in outs], args.template, options)
             for source, outs in by_source.items()]
    jobs = min(getattr(args, "jobs", 1) or default_jobs(), len(tasks))
    several = len(tasks) > 1
    progress = Progress(len(tasks), sys.stderr if several and sys.stderr.isatty() else None)
    summary = BatchSummary(total=len(tasks), jobs=jobs)
    status = 0
    for result in run_batch(tasks, export_input, jobs=jobs, initializer=_quiet_readers,
                            expected=(InputError, TemplateError), task_timeout=task_timeout(args),
                            memory_limit_mb=memory_limit(args)):
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


def export_input(task: tuple[str, list[str], str | None, dict | str | None]) -> tuple[list[tuple[str, str]], bool]:
    """Worker: export one input ``(source, outputs, template, options)`` to each output
    (``options``: the header and source overrides of :func:`note_options` and ``final``).

    Returns the lines to print (``("out" | "err", text)``) and whether an output failed;
    raises InputError or TemplateError when the input itself cannot be used.
    """
    from briefing.export import ExportError, export_note
    from briefing.fileio import WriteError, refuse_overwrite

    source, outputs, template_name, options = task
    options = dict(options) if isinstance(options, dict) else {"classification": options}  # own messages
    final = bool(options.get("final"))
    lines: list[tuple[str, str]] = []
    failed = False
    writable = []
    inputs = [source, *options.get("merge_with", [])]
    for out in map(Path, outputs):  # refused before the input is even read
        try:
            refuse_overwrite(out, inputs)
            writable.append(out)
        except WriteError as exc:
            lines.append(("err", str(exc)))
            failed = True
    project = Path(options["project"]) if options.get("project") else None
    if project is not None:
        try:
            refuse_overwrite(project, inputs)
        except WriteError as exc:
            lines.append(("err", str(exc)))
            failed, project = True, None
    if not writable and project is None:
        return lines, failed
    note, article, template = _prepare_note(Path(source), template_name, options)
    lines += [("err", line) for line in options.get("messages", [])]
    written = False  # whether an output (or the project) is already on disk
    if project is not None:
        written = save_indexed_project(note, article, project, lines)
        failed = not written or failed
    for out in writable:
        try:
            problems = export_note(note, template, out, article=article, final=final, inputs=inputs)
        except ExportError as exc:
            lines.append(("err", str(exc)))
            failed = True
            continue
        except MemoryError:
            if not written:
                raise  # the worker's one line: "needs more than N MB of memory; nothing was written"
            from briefing.batch import worker_memory_problem

            lines.append(("err", f"{out}: not written: {worker_memory_problem()}"))
            failed = True
            continue
        fatal = [p for p in problems if p.fatal]
        lines += [("err", f"{out}: {p}") for p in problems if not p.fatal]
        if len(fatal) == 1:
            lines.append(("err", f"{out}: not written: {fatal[0].message}"))
            failed = True
        elif fatal:
            lines += [("err", f"{out}: {p}") for p in fatal]
            lines.append(("err", f"{out}: not written (fatal problems above)"))
            failed = True
        else:
            lines.append(("out", f"wrote {display_name(out)}"))
            written = True
    return lines, failed


def save_indexed_project(note: Note, article: Article, path: Path, lines: list[tuple[str, str]], *,
                         done: str = "wrote") -> bool:
    """Save the note as a project and index it in the notes library (a library problem is
    a warning: the project is saved). ``export --project`` and ``draft`` save through it;
    ``lines`` gets ``("out", f"{done} {path}")`` or the error."""
    from briefing.library.indexing import index_saved_note
    from briefing.note.project import Project, ProjectError, save_project

    project = Project(note, article, note.source.extraction)
    try:
        save_project(path, project)
    except ProjectError as exc:
        lines.append(("err", str(exc)))
        return False
    lines.append(("out", f"{done} {display_name(path)}"))
    index_saved_note(path, project, warn=lambda message: lines.append(("err", f"warning: {message}")))
    return True


def _quiet_readers() -> None:
    """Keep library log lines (pypdf's "EOF marker not found") off stderr; the program's
    own warnings are ``briefing: warning:`` lines (a fresh worker process sets that up)."""
    import logging

    from briefing.cli import log_warnings

    log_warnings()

    for name in ("pypdf", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def run_check(args: argparse.Namespace) -> int:
    from briefing.batch import run_batch
    from briefing.templates import TemplateError

    status = 0
    tasks = [(str(source), args.template, note_options(args), args.format, args.final)
             for source in args.inputs]
    results = {r.index: r for r in run_batch(tasks, check_input, jobs=1, initializer=_quiet_readers,
                                             expected=(InputError, TemplateError),
                                             task_timeout=task_timeout(args),
                                             memory_limit_mb=memory_limit(args))}
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


def check_input(task: tuple[str, str | None, dict[str, Any], str | None, bool]) -> tuple[list[str], bool]:
    """Worker: the check of one input ``(source, template, options, format, final)``:
    the lines to print and whether a problem is fatal."""
    from briefing.export import check_note

    source, template_name, options, fmt, final = task
    note, article, template = _prepare_note(Path(source), template_name, options)
    problems = check_note(note, template, article=article, fmt=fmt, final=final)
    lines = [str(p) for p in problems]
    if not [p for p in problems if p.severity != "note"]:  # notes alone are no problems
        lines.append(f"no problems (template {template.name})")
    return lines, any(p.fatal for p in problems)


def _error(message: str) -> None:
    print(f"briefing: {message}", file=sys.stderr)
