"""The ``briefing`` command: a thin argparse front over the core.

Each subcommand lives in its own module here exposing ``add_parser(subparsers)`` and
``run(args) -> int``; modules are imported only when their command runs, so
``briefing extract`` never loads Qt and ``briefing --help`` loads nothing heavy.
Exit codes: 0 success, 1 failure of an input or output, 2 usage error.

:func:`main` owns the standard streams: text they cannot encode (a file name that is not
UTF-8) is written escaped instead of failing; a reader that goes away (``| head``)
ends the command quietly with status 141, as SIGPIPE ends other Unix tools; an output
that cannot be written (``> /dev/full``) is one line on stderr and status 1.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from typing import Any

from briefing import __version__
from briefing.knowledge.loader import KnowledgeError

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


def _whole_number(unit: str, zero: str):  # noqa: ANN202 - an argparse type
    """An argparse type: a whole number of ``unit`` (0 or more; ``zero`` says what 0 means)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number{unit}, not {value!r}") from None
        if n < 0:
            raise argparse.ArgumentTypeError(f"expected 0 ({zero}) or more")
        return n

    return parse


_jobs = _whole_number("", "one per CPU")
_megabytes = _whole_number(" of MB", "no limit")


def add_batch_options(parser: argparse.ArgumentParser, noun: str) -> None:
    """``-j N``, ``--task-timeout`` and ``--memory-limit`` for commands that read inputs in
    worker processes (:mod:`briefing.batch`)."""
    parser.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                        help=f"worker processes for several {noun}s (default 1; 0: one per CPU)")
    parser.add_argument("--task-timeout", type=float, default=None, metavar="SECONDS",
                        help=f"stop an {noun} that takes longer than this (each is read in a worker "
                             "process; default 120; 0: no limit, and with -j 1 no worker)")
    parser.add_argument("--memory-limit", type=_megabytes, default=None, metavar="MB",
                        help=f"stop an {noun} whose worker process needs more memory than this "
                             "(its data, on Linux; default 4096; 0: no limit)")


def task_timeout(args: argparse.Namespace) -> float | None:
    """Seconds one input may take in a worker (None: no limit)."""
    from briefing.batch import DEFAULT_TASK_TIMEOUT

    value = getattr(args, "task_timeout", None)
    return DEFAULT_TASK_TIMEOUT if value is None else (value or None)


def memory_limit(args: argparse.Namespace) -> int | None:
    """MB of memory (data) one worker process may use (None: no limit)."""
    from briefing.batch import WORKER_MEMORY_MB

    value = getattr(args, "memory_limit", None)
    return WORKER_MEMORY_MB if value is None else (value or None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Briefing Composer: news article -> briefing note.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    seen = set()
    for module_name in COMMANDS.values():
        if module_name in seen:
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # a command not built yet
            continue
        seen.add(module_name)
        module.add_parser(subparsers)
    return parser


EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a command ended by SIGPIPE


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    log_warnings()
    stdout = sys.stdout
    sys.stdout = _Output(stdout)  # type: ignore[assignment] - marks what fails on stdout
    try:
        status = _main(argv)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        _silence_stdout(stdout)
        return EXIT_BROKEN_PIPE
    except OutputError as exc:
        _silence_stdout(stdout)
        if isinstance(exc.__cause__, BrokenPipeError):
            return EXIT_BROKEN_PIPE
        with contextlib.suppress(OSError):
            print(f"briefing: cannot write to standard output: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        sys.stdout = stdout


class OutputError(OSError):
    """Standard output could not be written (a full disk, a closed pipe)."""


class _Output:
    """Standard output whose write failures are :class:`OutputError`, so the top level
    tells them from the failures of other files."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _main(argv: list[str] | None) -> int:
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
    except KnowledgeError as exc:  # a broken word list or pattern file: one line naming it
        print(f"briefing: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except (OutputError, BrokenPipeError):
        raise
    except Exception:  # noqa: BLE001 - a bug: one line, not a traceback (BRIEFING_DEBUG=1 shows it)
        return _internal_error()


def log_warnings() -> None:
    """The program's own log warnings (an unreadable preferences file) as lines
    ``briefing: warning: ...`` on the stderr of the moment; called by :func:`main` and by
    each worker process (forked workers inherit it, fresh ones call it)."""
    logger = logging.getLogger("briefing")
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        logger.addHandler(_WarningLines(logging.WARNING))


class _WarningLines(logging.Handler):
    """Writes each record as one ``briefing: warning:`` line to the current ``sys.stderr``."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(f"briefing: warning: {' '.join(record.getMessage().split())}", file=sys.stderr)
        except Exception:  # noqa: BLE001 - logging's own policy for a failing handler
            self.handleError(record)


def _internal_error() -> int:
    exc = sys.exc_info()[1]
    if os.environ.get("BRIEFING_DEBUG"):
        raise  # noqa: PLE0704 - re-raised for debugging
    from briefing.batch import one_line

    print(f"briefing: internal error ({one_line(f'{type(exc).__name__}: {exc}')})", file=sys.stderr)
    return 1


def _tolerant_streams() -> None:
    """Text the streams cannot encode is escaped (``\\udce9``) rather than an error."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _silence_stdout(stream: Any) -> None:
    """Point standard output at the null device so the interpreter's last flush of what
    is still buffered cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
