"""`briefing extract`: article file(s) -> extraction JSON (schema briefing.extraction/1).

One file prints its JSON on stdout. Many files need ``--out-dir``: each is written there
as ``<stem>.json`` by one process that loads the language model once; a progress bar
goes to stderr when it is a terminal. A file that cannot be read gets a one-line
message naming it; the others are still processed and the run exits 1 at the end.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from briefing.cli import UsageError

EXIT_OK, EXIT_FAILED = 0, 1


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "extract", help="extract participants, agreements, themes, quotes and events as JSON",
        description="Extract the facts of news articles (.txt, .html, .docx, .pdf) as JSON.")
    p.add_argument("files", nargs="+", type=Path, metavar="ARTICLE")
    p.add_argument("--out-dir", type=Path, metavar="DIR",
                   help="write DIR/<stem>.json for each article (required for several articles)")
    p.add_argument("--compact", action="store_true", help="JSON on one line instead of indented")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(run=run)


def extract_file(path: Path) -> dict[str, Any]:
    """Read, clean and extract one article; raises IngestError for unreadable input."""
    from briefing.extract import extract
    from briefing.ingest import read_article

    article = read_article(path)
    data = extract(article).to_json()
    if article.warnings:
        data["warnings"] = list(article.warnings)
    return data


def run(args: Any) -> int:
    files: list[Path] = args.files
    if len(files) > 1 and args.out_dir is None:
        raise UsageError("several articles need --out-dir DIR (one JSON file each)")
    indent = None if args.compact else 2
    if args.out_dir is None:
        return _extract_one(files[0], indent)
    return _extract_many(files, args.out_dir, indent, show_progress=not args.no_progress)


def _extract_one(path: Path, indent: int | None) -> int:
    from briefing.ingest import IngestError

    try:
        data = extract_file(path)
    except IngestError as exc:
        print(f"briefing extract: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for warning in data.get("warnings", []):
        print(f"briefing extract: warning: {path}: {warning}", file=sys.stderr)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=indent)
    sys.stdout.write("\n")
    return EXIT_OK


def _extract_many(files: list[Path], out_dir: Path, indent: int | None, *, show_progress: bool) -> int:
    from briefing.fileio import WriteError, atomic_write_text
    from briefing.ingest import IngestError

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"briefing extract: {out_dir}: cannot create folder ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAILED
    progress = Progress(len(files), sys.stderr if show_progress and sys.stderr.isatty() else None)
    failed: list[str] = []
    for path in files:
        try:
            data = extract_file(path)
            atomic_write_text(out_dir / f"{path.stem}.json",
                              json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
        except (IngestError, WriteError) as exc:
            failed.append(str(path))
            progress.message(f"briefing extract: {exc}")
        progress.advance(path.name)
    progress.close()
    done = len(files) - len(failed)
    if failed:
        print(f"briefing extract: {done} of {len(files)} articles extracted; failed: {', '.join(failed)}",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


class Progress:
    """A one-line progress bar on a terminal; silent when ``stream`` is None."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.started = time.monotonic()

    def advance(self, label: str) -> None:
        self.done += 1
        if self.stream is None:
            return
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{rate:5.1f}/s {label[:30]:<30}")
        self.stream.flush()

    def message(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write("\r" + " " * 79 + "\r")
        print(text, file=sys.stderr)

    def close(self) -> None:
        if self.stream is not None:
            self.stream.write("\n")
            self.stream.flush()
