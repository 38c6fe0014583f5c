"""Reads and extracts one article in a child process, sending the records back over a pipe.

The composer's first article would otherwise wait for spaCy to load after the window is
built, in the window's own process.  :func:`start` begins the work in a child process
instead, as the very first thing ``briefing gui`` does (before Qt is imported), so
loading the language model overlaps building the window and never holds the window's
interpreter lock.  In a process with one thread (the command at start-up, on Linux and
macOS) the child is forked: nothing has to be imported again.  Elsewhere it is a new
interpreter running this module.

The child sends length-prefixed pickles on the pipe: ``("article", Article)`` as soon as
the file is read, then ``("extraction", Extraction)``; or ``("unreadable", message)``
when the file is not an article, ``("failed", message)`` on any other error.  It never
prints a traceback and stops itself after its time limit, or when its parent is gone.

The parent (a worker thread of the composer) calls :meth:`ExtractionProcess.article`
then :meth:`ExtractionProcess.extraction`: each returns the record or a
:class:`ChildFailure` saying whether the caller should do the work itself
(``fall_back``: the child died or failed) or report the message (the file cannot be
read, or the time limit passed: doing it again would only fail again).  No Qt here.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.batch import DEFAULT_TASK_TIMEOUT, one_line, timed_out_message

_HEADER = struct.Struct(">Q")
MAX_MESSAGE_BYTES = 256 * 1024 * 1024  # an article is at most 400,000 characters
DIED = "the extraction process stopped without an answer (killed, or out of memory)"


@dataclass(frozen=True)
class ChildFailure:
    """Why the child gave no record; ``fall_back``: do the work in this process instead."""

    message: str
    fall_back: bool


class ExtractionProcess:
    """A child process reading and extracting ``path``; see the module docstring."""

    def __init__(self, path: Path, pid: int, fd: int, timeout: float, forked: bool,
                 popen: subprocess.Popen[bytes] | None = None) -> None:
        self.path, self.pid, self.forked, self.timeout = path, pid, forked, timeout
        self._fd: int | None = fd
        self._popen = popen
        self._deadline = time.monotonic() + timeout
        self._buffer = b""
        self._lock = threading.Lock()
        self._cancelled = False
        self._reading = False  # a worker thread is waiting on the pipe
        self.exit_status: int | None = None
        self.peak_rss = 0  # the child's peak resident memory in bytes, once it has ended

    # -- the records -------------------------------------------------------------------
    def article(self) -> Any:
        """The Article, or a :class:`ChildFailure` (blocks; call on a worker thread)."""
        return self._expect("article")

    def extraction(self) -> Any:
        """The Extraction, or a :class:`ChildFailure` (blocks; call after :meth:`article`)."""
        result = self._expect("extraction")
        self._finish()
        return result

    def _expect(self, kind: str) -> Any:
        with self._lock:
            self._reading = True
        try:
            got, value = self._next_message()
        finally:
            with self._lock:
                self._reading = False
        if got == kind:
            return value
        self._kill()  # of no further use
        self._finish()
        return ChildFailure(value, fall_back=got not in ("unreadable", "timed_out"))

    def _next_message(self) -> tuple[str, Any]:
        while True:
            if len(self._buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(self._buffer)
                if size > MAX_MESSAGE_BYTES:
                    self._kill()
                    return "failed", "the extraction process sent a message too large to read"
                if len(self._buffer) >= _HEADER.size + size:
                    data = self._buffer[_HEADER.size:_HEADER.size + size]
                    self._buffer = self._buffer[_HEADER.size + size:]
                    try:
                        kind, value = pickle.loads(data)  # noqa: S301 - written by our own child
                    except Exception as exc:  # noqa: BLE001
                        return "failed", one_line(f"unreadable answer from the extraction process ({exc})")
                    return str(kind), value
            fd = self._fd
            if fd is None or self._cancelled:
                return "failed", DIED
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                self._kill()
                return "timed_out", timed_out_message(self.timeout)
            try:
                ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
                chunk = os.read(fd, 1 << 16) if ready else None
            except (OSError, ValueError):
                return "failed", DIED
            if chunk == b"":
                return "failed", DIED
            if chunk:
                self._buffer += chunk

    # -- ending ------------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop the child (another article was opened, the composer is closing); a worker
        thread waiting on it then returns a :class:`ChildFailure`."""
        self._cancelled = True
        self._kill()
        with self._lock:
            reading = self._reading
        if not reading:  # else the reader closes the pipe when it sees it end
            self._finish()

    def _kill(self) -> None:
        if self.exit_status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass

    def _finish(self) -> None:
        """Reap the child (its peak memory, exit status) and close the pipe."""
        with self._lock:
            if self.exit_status is None:
                try:
                    _, status, usage = os.wait4(self.pid, 0)
                    self.exit_status = status
                    self.peak_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
                except ChildProcessError:
                    self.exit_status = 0
                if self._popen is not None:
                    self._popen.returncode = self.exit_status
            if self._fd is not None:
                try:
                    os.close(self._fd)
                except OSError:
                    pass
                self._fd = None


def can_fork() -> bool:
    """Forking is safe: the platform has it and this process runs one thread."""
    return hasattr(os, "fork") and threading.active_count() == 1


def start(path: str | Path, timeout: float = DEFAULT_TASK_TIMEOUT, *,
          fork: bool | None = None) -> ExtractionProcess | None:
    """Begin reading and extracting ``path`` in a child process (None if one cannot start);
    forked when ``fork`` (default: when :func:`can_fork`), else a new interpreter."""
    path = Path(path)
    if fork is None:
        fork = can_fork()
    read_end, write_end = os.pipe()
    try:
        if fork:
            return _fork(path, read_end, write_end, timeout)
        popen = subprocess.Popen(  # noqa: S603 - this interpreter running this module
            [sys.executable, "-m", "briefing.extraction_process", str(path), str(write_end), repr(timeout)],
            stdin=subprocess.DEVNULL, pass_fds=(write_end,), close_fds=True)
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    os.close(write_end)
    return ExtractionProcess(path, popen.pid, read_end, timeout, forked=False, popen=popen)


def _fork(path: Path, read_end: int, write_end: int, timeout: float) -> ExtractionProcess:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # nothing buffered is written twice
        except (OSError, ValueError, AttributeError):
            pass
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.close(read_end)
            serve(path, write_end, timeout)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return ExtractionProcess(path, pid, read_end, timeout, forked=True)


# -- the child ---------------------------------------------------------------------------
def serve(path: Path, fd: int, timeout: float) -> None:
    """In the child: read ``path``, send the Article, extract, send the Extraction."""
    _bound(timeout)
    try:
        from briefing.ingest import IngestError, quiet_reader_loggers, read_article

        quiet_reader_loggers()
        try:
            article = read_article(path)
        except IngestError as exc:
            _send(fd, "unreadable", one_line(str(exc)))
            return
        _send(fd, "article", article)
        from briefing.extract import extract

        _send(fd, "extraction", extract(article))
    except BrokenPipeError:
        pass  # the parent no longer listens
    except Exception as exc:  # noqa: BLE001 - a message for the parent, never a traceback
        try:
            _send(fd, "failed", one_line(f"{type(exc).__name__}: {exc}"))
        except OSError:
            pass


def _bound(timeout: float) -> None:
    """The child ends itself after its time limit, on Ctrl-C in the terminal it leaves
    to the parent, and once its parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if hasattr(signal, "alarm"):
        signal.alarm(int(timeout) + 5)  # SIGALRM's default action ends the process
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _send(fd: int, kind: str, value: Any) -> None:
    data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


if __name__ == "__main__":  # the child started as a new interpreter: PATH FD TIMEOUT
    try:
        serve(Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))
    finally:
        os._exit(0)
