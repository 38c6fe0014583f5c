"""The ``briefing`` command: a thin argparse front over the core.

Each subcommand lives in its own module here exposing ``add_parser(subparsers)`` and
``run(args) -> int``; modules are imported only when their command runs, so
``briefing extract`` never loads Qt and ``briefing --help`` loads nothing heavy.
Exit codes: 0 success, 1 failure of an input or output, 2 usage error.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from briefing import __version__

COMMANDS = {
    "extract": "briefing.cli.extract_cmd",
    "draft": "briefing.cli.draft_cmd",
    "export": "briefing.cli.export_cmd",
    "check": "briefing.cli.export_cmd",
    "templates": "briefing.cli.templates_cmd",
    "library": "briefing.cli.library_cmd",
    "gui": "briefing.cli.gui_cmd",
}


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("expected 0 (one per CPU) or more")
    return n


def add_batch_options(parser: argparse.ArgumentParser, noun: str) -> None:
    """``-j N`` and ``--task-timeout`` for commands that process many inputs."""
    parser.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                        help=f"worker processes for several {noun}s (default 1; 0: one per CPU)")
    parser.add_argument("--task-timeout", type=float, default=None, metavar="SECONDS",
                        help=f"stop an {noun} that takes longer than this (with -j 2 or more; "
                             "default 120; 0: no limit)")


def task_timeout(args: argparse.Namespace) -> float | None:
    """Seconds one input may take in a worker (None: no limit)."""
    from briefing.batch import DEFAULT_TASK_TIMEOUT

    value = getattr(args, "task_timeout", None)
    return DEFAULT_TASK_TIMEOUT if value is None else (value or None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Briefing Composer: news article -> briefing note.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    seen = set()
    for name, module_name in COMMANDS.items():
        if module_name in seen:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # a command not built yet
            continue
        seen.add(module_name)
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv:
        argv = ["gui"] if "gui" in parser._subparsers._group_actions[0].choices else ["--help"]  # type: ignore[union-attr]
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except UsageError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
