"""`briefing gui [FILE] [--screenshot OUT.png]`: open the composer (the default command)."""
from __future__ import annotations

import sys
from pathlib import Path


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("gui", help="open the composer window (default)")
    p.add_argument("file", nargs="?", type=Path, help="article (txt, html, docx, pdf) or .briefing project")
    p.add_argument("--screenshot", type=Path, metavar="OUT.png",
                   help="load FILE, wait for the extraction, save the window as PNG and exit")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    if args.file is not None and not args.file.is_file():
        print(f"briefing: {args.file}: no such file", file=sys.stderr)
        return 1
    if args.screenshot is not None and args.screenshot.suffix.lower() != ".png":
        print(f"briefing: {args.screenshot}: the screenshot must be a .png file", file=sys.stderr)
        return 2
    try:
        from briefing.gui.app import main
    except ImportError as exc:
        print(f"briefing: the GUI needs PySide6 ({exc}); pip install PySide6-Essentials PySide6-Pdf",
              file=sys.stderr)
        return 1
    return main(args.file, args.screenshot)
