"""`briefing gui [FILE] [--screenshot OUT.png]`: open the composer (the default command)."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("gui", help="open the composer window (default)")
    p.add_argument("file", nargs="?", type=Path, help="article (txt, html, docx, pdf) or .briefing project")
    p.add_argument("--screenshot", type=Path, metavar="OUT.png",
                   help="load FILE, wait for the extraction, save the window as PNG and exit")
    p.set_defaults(run=run)


def run(args, on_window=None) -> int:  # noqa: ANN001
    """Open the composer; ``on_window(window)`` is called before it is shown (the bench)."""
    if args.file is not None and not args.file.is_file():
        print(f"briefing: {args.file}: no such file", file=sys.stderr)
        return 1
    if args.screenshot is not None and args.screenshot.suffix.lower() != ".png":
        print(f"briefing: {args.screenshot}: the screenshot must be a .png file", file=sys.stderr)
        return 2
    early = start_early(args.file)  # before Qt loads: spaCy loads while the window is built
    try:
        from briefing.gui.app import main
    except ImportError as exc:
        if early is not None:
            early.cancel()
        print(f"briefing: the GUI needs PySide6 ({exc}); pip install PySide6-Essentials PySide6-Pdf",
              file=sys.stderr)
        return 1
    return main(args.file, args.screenshot, early=early, on_window=on_window)


PROJECT_SUFFIX = ".briefing"  # briefing.note.project's, without importing it before the fork


def start_early(file: Path | None):  # noqa: ANN201
    """Read and extract the article the composer will most likely show first (``file``, or
    the sample article) in a child process; None for a project or when it cannot start.
    The composer stops the child if it shows something else (a recovered or last project)."""
    if os.environ.get("BRIEFING_EARLY_EXTRACTION", "1") == "0":
        return None
    from briefing.samples import sample_article

    path = file if file is not None else sample_article()
    if path is None or path.suffix.lower() == PROJECT_SUFFIX:
        return None
    from briefing.extraction_process import start

    return start(path)
