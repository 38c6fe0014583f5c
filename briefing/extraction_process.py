"""Reads and extracts articles in a child process, sending the records back over a pipe.

The composer's first article would otherwise wait for spaCy to load after the window is
built, in the window's own process.  :func:`start` begins the work in a child process
instead, as the very first thing ``briefing gui`` does (before Qt is imported), so
loading the language model overlaps building the window and never holds the window's
interpreter lock.  In a process with one thread (the command at start-up, on Linux and
macOS) the child is forked: nothing has to be imported again.  Elsewhere it is a new
interpreter running this module.

The child then stays, its model loaded, for the articles opened later (:meth:`submit`):
one job at a time, each under the time limit.  For each job it sends length-prefixed
pickles: ``("article", Article)`` as soon as a file is read (not for an Article it was
given), then ``("extraction", Extraction)``; or ``("unreadable", message)`` when the file
is not an article, ``("memory", message)`` when the job needed more memory than the
child may have (then it ends), ``("failed", message)`` on any other error.  It never
prints a traceback, and stops itself after a job's time limit or once its parent is gone.
Its address space may grow by :data:`MEMORY_LIMIT_MIB` at most (``setrlimit``, where
the platform has it), so a hostile article cannot take the machine's memory.

The parent (a worker thread of the composer) calls :meth:`ExtractionProcess.article`
then :meth:`ExtractionProcess.extraction`: each returns the record or a
:class:`ChildFailure` saying whether the caller should do the work itself
(``fall_back``: the child died or failed) or report the message (the file cannot be
read, the time limit passed or the memory limit was reached: doing it again would only
fail again, or take the window's memory).  No Qt here.
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
MEMORY_LIMIT_MIB = 2048
"""How much the extraction process's address space may grow, in MiB, beyond what it has
when it starts (``RLIMIT_AS``): five times what the largest article the readers accept
needs (bench/child_memory_bench.py); 0: no limit."""
MEMORY_EXIT = 75  # the exit status of a child that ran out of its memory before it could say so
_MEMORY_WORDS = ("cannot allocate memory", "failed to map segment", "out of memory")


NEEDS_MORE_MEMORY = "needs more memory than allowed"


def memory_message(limit_mib: int) -> str:
    """The one line for a job that needed more memory than the child may have."""
    return f"reading and extracting it {NEEDS_MORE_MEMORY} ({limit_mib} MiB)"


@dataclass(frozen=True)
class ChildFailure:
    """Why the child gave no record; ``fall_back``: do the work in this process instead."""

    message: str
    fall_back: bool
    reason: str = "failed"  # unreadable, timed_out, memory, failed, died or cancelled


class ExtractionProcess:
    """A child process reading and extracting articles; see the module docstring."""

    def __init__(self, path: Path | None, pid: int, fd: int, request_fd: int, timeout: float, forked: bool,
                 popen: subprocess.Popen[bytes] | None = None, memory_limit: int = 0) -> None:
        self.path, self.pid, self.forked, self.timeout = path, pid, forked, timeout
        self.memory_limit = memory_limit  # bytes of address space; 0: none
        self._fd: int | None = fd
        self._request_fd: int | None = request_fd
        self._popen = popen
        self._deadline = time.monotonic() + timeout
        self._buffer = b""
        self._lock = threading.Lock()
        self._cancelled = False
        self._reading = False  # a worker thread is waiting on the pipe
        self.busy = path is not None  # a job is under way: its answers are not all read
        self.jobs = 1 if path is not None else 0
        self.exit_status: int | None = None
        self.peak_rss = 0  # the child's peak resident memory in bytes, once it has ended

    @property
    def alive(self) -> bool:
        return self.exit_status is None and not self._cancelled and self._fd is not None

    # -- jobs --------------------------------------------------------------------------
    def submit(self, job: Path | Any) -> bool:
        """Give the idle child its next job: a file to read and extract, or an Article to
        extract; False if it is busy or gone (then start another, or do the work here)."""
        if self.busy or not self.alive or self._request_fd is None:
            return False
        request = ("path", str(job)) if isinstance(job, (str, Path)) else ("article", job)
        self.path = Path(job) if isinstance(job, (str, Path)) else None
        self.busy, self._deadline, self._buffer = True, time.monotonic() + self.timeout, b""
        self.jobs += 1
        try:
            _send(self._request_fd, *request)
        except OSError:
            self.cancel()
            return False
        return True

    def article(self) -> Any:
        """The Article, or a :class:`ChildFailure` (blocks; call on a worker thread)."""
        return self._expect("article")

    def extraction(self) -> Any:
        """The Extraction, or a :class:`ChildFailure` (blocks; call after :meth:`article`,
        or at once for an Article that was submitted)."""
        result = self._expect("extraction")
        self.busy = False  # the job is over; the child waits for the next
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
        if got in ("unreadable", "failed") and self.alive:
            self.busy = False  # the child is well and waits for the next job
        else:
            self._kill()  # of no further use
            self._finish()
        if got == "died" and self._ran_out_of_memory():
            got, value = "memory", memory_message(self.memory_limit >> 20)
        if got == "memory" and self.path is not None:
            value = f"{self.path.name}: {value}"
        if self._cancelled:  # a job stopped on purpose is not done again elsewhere
            return ChildFailure(value, fall_back=False, reason="cancelled")
        return ChildFailure(value, fall_back=got in ("failed", "died"), reason=got)

    def _ran_out_of_memory(self) -> bool:
        """The child, ended, died of its memory limit (its own exit status says so)."""
        status = self.exit_status
        return (self.memory_limit > 0 and status is not None and os.WIFEXITED(status)
                and os.WEXITSTATUS(status) == MEMORY_EXIT)

    def _next_message(self) -> tuple[str, Any]:
        while True:
            if len(self._buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(self._buffer)
                if size > MAX_MESSAGE_BYTES:
                    self._kill()
                    return "died", "the extraction process sent a message too large to read"
                if len(self._buffer) >= _HEADER.size + size:
                    data = self._buffer[_HEADER.size:_HEADER.size + size]
                    self._buffer = self._buffer[_HEADER.size + size:]
                    try:
                        kind, value = pickle.loads(data)  # noqa: S301 - written by our own child
                    except Exception as exc:  # noqa: BLE001
                        self._kill()
                        return "died", one_line(f"unreadable answer from the extraction process ({exc})")
                    return str(kind), value
            fd = self._fd
            if fd is None or self._cancelled:
                return "died", DIED
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                self._kill()
                return "timed_out", timed_out_message(self.timeout)
            try:
                ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
                chunk = os.read(fd, 1 << 16) if ready else None
            except (OSError, ValueError):
                return "died", DIED
            if chunk == b"":
                return "died", DIED
            if chunk:
                self._buffer += chunk

    # -- ending ------------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop the child (its job is no longer wanted, the composer is closing); a worker
        thread waiting on it then returns a :class:`ChildFailure`."""
        self._cancelled = True
        self.busy = False
        self._kill()
        with self._lock:
            reading = self._reading
        if not reading:  # else the reader closes the pipe when it sees it end
            self._finish()

    def _kill(self) -> None:
        with self._lock:
            if self.exit_status is None:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except OSError:
                    pass

    def _finish(self) -> None:
        """Reap the child (its peak memory, exit status) and close the pipes."""
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
            for name in ("_fd", "_request_fd"):
                fd = getattr(self, name)
                if fd is not None:
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                    setattr(self, name, None)


def can_fork() -> bool:
    """Forking is safe: the platform has it and this process runs one thread."""
    return hasattr(os, "fork") and threading.active_count() == 1


def start(path: str | Path | None, timeout: float = DEFAULT_TASK_TIMEOUT, *,
          fork: bool | None = None, memory_limit: int | None = None) -> ExtractionProcess | None:
    """Begin reading and extracting ``path`` in a child process (None if one cannot start;
    ``path`` None: an idle child waiting for :meth:`ExtractionProcess.submit`); forked when
    ``fork`` (default: when :func:`can_fork`), else a new interpreter.  ``memory_limit``:
    the child's address space in bytes (default :data:`MEMORY_LIMIT_MIB`; 0: no limit)."""
    path = Path(path) if path is not None else None
    if fork is None:
        fork = can_fork()
    if memory_limit is None:
        memory_limit = MEMORY_LIMIT_MIB << 20
    answers_read, answers_write = os.pipe()
    requests_read, requests_write = os.pipe()
    child_ends, parent_ends = (answers_write, requests_read), (answers_read, requests_write)
    try:
        if fork:
            pid = _fork(path, child_ends, parent_ends, timeout, memory_limit)
            popen = None
        else:
            popen = subprocess.Popen(  # noqa: S603 - this interpreter running this module
                [sys.executable, "-m", "briefing.extraction_process", str(path or ""), str(answers_write),
                 str(requests_read), repr(timeout), str(memory_limit)],
                stdin=subprocess.DEVNULL, pass_fds=child_ends, close_fds=True)
            pid = popen.pid
    except OSError:
        for fd in (*child_ends, *parent_ends):
            os.close(fd)
        return None
    for fd in child_ends:
        os.close(fd)
    return ExtractionProcess(path, pid, answers_read, requests_write, timeout, forked=fork, popen=popen,
                             memory_limit=memory_limit)


def _fork(path: Path | None, child_ends: tuple[int, int], parent_ends: tuple[int, int], timeout: float,
          memory_limit: int) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # nothing buffered is written twice
        except (OSError, ValueError, AttributeError):
            pass
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            for fd in parent_ends:
                os.close(fd)
            serve(path, child_ends[0], child_ends[1], timeout, memory_limit)
            code = 0
        except MemoryError:
            code = MEMORY_EXIT
        finally:
            os._exit(code)
    return pid


# -- the child ---------------------------------------------------------------------------
def serve(path: Path | None, fd: int, request_fd: int, timeout: float, memory_limit: int = 0) -> None:
    """In the child: the first job (``path``), then each job the parent sends, until the
    parent closes the request pipe or a job runs out of memory."""
    _watch_parent()
    limit_memory(memory_limit)
    job: tuple[str, Any] | None = ("path", str(path)) if path is not None else _receive(request_fd)
    while job is not None:
        if hasattr(signal, "alarm"):
            signal.alarm(int(timeout) + 5)  # SIGALRM's default action ends the process
        try:
            if not _run_job(job, fd, memory_limit):
                return  # out of memory: a new child starts clean
        except (BrokenPipeError, OSError):
            return  # the parent no longer listens
        if hasattr(signal, "alarm"):
            signal.alarm(0)  # idle: no limit while waiting for the next job
        job = _receive(request_fd)


def limit_memory(limit: int) -> None:
    """Let this process's address space grow by at most ``limit`` bytes beyond what it has
    now (a forked child starts with its parent's); quietly nothing where the platform
    cannot, or when a lower limit is already set."""
    try:
        import resource
    except ImportError:
        return
    if limit <= 0 or not hasattr(resource, "RLIMIT_AS"):
        return
    try:
        limit += address_space()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def address_space() -> int:
    """This process's address space in bytes (0 where /proc cannot say)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _short_of_memory(exc: BaseException) -> bool:
    """``exc`` says an allocation failed (a library or a language-model file could not be
    mapped counts too)."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError) and exc.errno == 12:  # ENOMEM
        return True
    return any(words in str(exc).lower() for words in _MEMORY_WORDS)


def _run_job(job: tuple[str, Any], fd: int, memory_limit: int = 0) -> bool:
    """Run one job and send its answers; False when it ran out of memory (``"memory"``
    sent; the child then ends)."""
    kind, value = job
    try:
        from briefing.ingest import IngestError, quiet_reader_loggers, read_article

        if kind == "path":
            quiet_reader_loggers()
            try:
                article = read_article(Path(value))
            except IngestError as exc:
                if memory_limit and _short_of_memory(exc):
                    raise MemoryError(str(exc)) from None
                _send(fd, "unreadable", one_line(str(exc)))
                return True
            _send(fd, "article", article)
        else:
            article = value
        from briefing.extract import extract

        extraction = extract(article)
    except Exception as exc:  # noqa: BLE001 - a message for the parent, never a traceback
        if memory_limit and _short_of_memory(exc):
            article = extraction = exc.__traceback__ = None  # noqa: F841 - what the job held is freed first
            _send(fd, "memory", memory_message(memory_limit >> 20))
            return False
        if isinstance(exc, OSError):
            raise  # the pipe is gone: the parent sees the child end
        _send(fd, "failed", one_line(f"{type(exc).__name__}: {exc}"))
        return True
    _send(fd, "extraction", extraction)
    return True


def _watch_parent() -> None:
    """Ctrl-C in the terminal is left to the parent; the child ends once its parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
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


def _receive(fd: int) -> tuple[str, Any] | None:
    """The parent's next request; None when it closed the pipe (or wrote nonsense)."""
    def read_exactly(n: int) -> bytes | None:
        data = b""
        while len(data) < n:
            chunk = os.read(fd, n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    try:
        header = read_exactly(_HEADER.size)
        if header is None:
            return None
        (size,) = _HEADER.unpack(header)
        data = read_exactly(size) if size <= MAX_MESSAGE_BYTES else None
        if data is None:
            return None
        kind, value = pickle.loads(data)  # noqa: S301 - written by our own parent
        return str(kind), value
    except Exception:  # noqa: BLE001
        return None


if __name__ == "__main__":  # the child started as a new interpreter: PATH FD REQUEST_FD TIMEOUT LIMIT
    code = 0
    try:
        serve(Path(sys.argv[1]) if sys.argv[1] else None, int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]),
              int(sys.argv[5]))
    except MemoryError:
        code = MEMORY_EXIT
    finally:
        os._exit(code)
