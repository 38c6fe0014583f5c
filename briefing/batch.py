"""Batch runs over many files: a pool of worker processes, bounded work in flight, a progress bar.

:func:`run_batch` calls one picklable ``work(task)`` function per task and yields a
:class:`TaskResult` for each as it finishes (in completion order). The work runs in N
worker processes (``jobs=N``; one for ``jobs=1``) started with ``spawn`` (no inherited
state), each calling ``initializer()`` once, so the language model is loaded once per
worker. A single worker of a process with no other thread (a command on one file) is
forked instead where the platform forks safely: there is nothing to inherit but the
command line already read, and no second interpreter to start. Only without a timeout
and with ``jobs=1`` does the work run in this process. :func:`run_bounded` runs one call
in a worker (a command on one file, the GUI opening an article), so every input read has
the same limits however it is read. Memory stays bounded however many tasks there are:
at most ``in_flight`` tasks are submitted at a time, the work function writes its own
output to disk and returns only something small, and each result reports the peak
resident memory of the process that ran it.

An error is data, not a crash: an exception of one of the ``expected`` types becomes its
one-line message; any other exception becomes ``internal error (Type: message)``; a
worker process that dies (killed, out of memory) fails the tasks it held with a
message saying so, and the pool is restarted for the rest.

A task that runs longer than ``task_timeout`` seconds (a hanging article) is stopped:
the pool's workers are killed, every task the pool held is retried alone in a fresh
pool, and a task that times out alone fails with ``timed out after N s`` while the
rest of the run goes on. So a hanging task costs about twice ``task_timeout``; its
clock starts when the pool hands it to its workers, and after a restart includes
starting a worker (the ``initializer``). :class:`BatchSummary`
counts it all for the final line; :class:`Progress` draws the bar on a terminal.

Each worker process also limits its own memory (``memory_limit_mb``, default
:data:`WORKER_MEMORY_MB`: its data, ``RLIMIT_DATA``, on Linux; nothing elsewhere),
so a hostile input cannot take the machine's memory: an allocation past the limit fails
in the worker, and the task fails with :func:`memory_message` (``needs more than N MB of
memory; nothing was written``) while the rest of the run goes on.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Generic, TextIO, TypeVar

__all__ = ["TaskResult", "BatchSummary", "Progress", "run_batch", "run_bounded", "BoundedError",
           "peak_rss_bytes", "default_jobs", "format_bytes", "timed_out_message",
           "DEFAULT_TASK_TIMEOUT", "WORKER_MEMORY_MB", "memory_message", "died_message",
           "worker_memory_problem", "limit_memory"]

T = TypeVar("T")
IN_FLIGHT_PER_WORKER = 2
WORKER_DIED = "a worker process died on it (killed, or out of memory)"
DEFAULT_TASK_TIMEOUT = 120.0  # seconds one task may run in a worker process
POLL_SECONDS = 0.5  # how often running tasks are checked against the timeout
# Memory one worker process may use, MB: its data (Linux's RLIMIT_DATA: heap and private
# writable mappings; not code, shared files or reserved but unused address space).
# Normal needs, language model loaded: `briefing extract` of the sample article or of the
# largest dev article about 220 MB of data (180 MB resident), `briefing export` to PDF or
# DOCX about 230 MB (200 MB resident); a refused 400,000-paragraph DOCX peaks at 540 MB
# resident. Its data is what a hostile input makes grow.
WORKER_MEMORY_MB = 4096


def memory_message(megabytes: int | None, written: str = "nothing was written") -> str:
    """The error of a task that ran out of memory (past the worker's limit, if it had one)."""
    needs = f"needs more than {megabytes} MB of memory" if megabytes else "ran out of memory"
    return f"{needs}; {written}" if written else needs


def worker_memory_problem() -> str:
    """What to say of work that ran out of memory in this process (``needs more than N MB
    of memory``), for a task that had written some of its outputs before."""
    return memory_message(_worker_memory_mb, "")


def died_message(memory_limit_mb: int | None) -> str:
    """The error of a task whose worker process died (a worker under a memory limit may be
    ended by a library that cannot allocate, not by an exception)."""
    limit = _workers_limit(memory_limit_mb)
    if limit is None:
        return WORKER_DIED
    return (f"a worker process died on it (killed, or it needs more than {limit} MB "
            "of memory); nothing was written")


def _workers_limit(memory_limit_mb: int | None) -> int | None:
    """The memory limit, MB, of the workers this process starts with ``memory_limit_mb``
    (a lower limit of this process is theirs too); None when they have none."""
    if not memory_limit_mb or not sys.platform.startswith("linux"):
        return None
    import resource

    soft = resource.getrlimit(resource.RLIMIT_DATA)[0]
    if soft != resource.RLIM_INFINITY:
        return min(memory_limit_mb, soft // (1024 * 1024))
    return memory_limit_mb


def timed_out_message(seconds: float) -> str:
    """The error of a task stopped by the timeout."""
    return f"timed out after {seconds:g} s (the worker process was stopped)"


@dataclass
class TaskResult(Generic[T]):
    """What became of one task: ``value`` if it worked, else a one-line ``error``."""

    index: int  # position of the task in the input sequence
    task: T
    value: Any = None
    error: str | None = None
    pid: int = 0  # the process that ran it
    peak_rss: int = 0  # that process's peak resident memory so far, bytes

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchSummary:
    """Counts, failures, time and memory of a batch run, for the final report line."""

    total: int
    jobs: int
    done: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (label, message)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    worker_peak_rss: dict[int, int] = field(default_factory=dict)  # pid -> bytes
    failure_index: dict[str, int] = field(default_factory=dict)  # label -> input position

    def add(self, result: TaskResult[Any], label: str) -> None:
        self.done += 1
        if result.pid:
            self.worker_peak_rss[result.pid] = max(self.worker_peak_rss.get(result.pid, 0),
                                                   result.peak_rss)
        if result.error is not None:
            self.failures.append((label, result.error))
            self.failure_index[label] = result.index

    @property
    def succeeded(self) -> int:
        return self.done - len(self.failures)

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.done / max(self.seconds, 1e-9)

    @property
    def peak_rss(self) -> int:
        """Peak memory of the whole run: this process plus the largest of each worker."""
        main = peak_rss_bytes()
        workers = sum(rss for pid, rss in self.worker_peak_rss.items() if pid != os.getpid())
        return main + workers

    def memory_text(self) -> str:
        workers = [rss for pid, rss in self.worker_peak_rss.items() if pid != os.getpid()]
        if not workers:
            return f"peak memory {format_bytes(peak_rss_bytes())}"
        return (f"peak memory {format_bytes(self.peak_rss)}: main {format_bytes(peak_rss_bytes())}"
                f" + {len(workers)} worker(s) up to {format_bytes(max(workers))} each")

    def failure_text(self, limit: int = 10) -> str:
        """``a, b, c and 4 more`` naming the failed inputs in the order they were given
        (workers finish in any order)."""
        names = sorted((label for label, _ in self.failures),
                       key=lambda label: self.failure_index.get(label, len(self.failure_index)))
        shown = ", ".join(names[:limit])
        return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def peak_rss_bytes() -> int:
    """Peak resident memory of this process in bytes (0 where the platform cannot tell)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def format_bytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def default_jobs() -> int:
    """Worker processes to use when asked for ``-j 0``: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------- running

def run_batch(tasks: Sequence[T], work: Callable[[T], Any], *, jobs: int = 1,
              initializer: Callable[[], None] | None = None,
              expected: tuple[type[BaseException], ...] = (),
              in_flight: int | None = None,
              tasks_per_worker: int | None = None,
              task_timeout: float | None = DEFAULT_TASK_TIMEOUT,
              memory_limit_mb: int | None = WORKER_MEMORY_MB) -> Iterator[TaskResult[T]]:
    """Run ``work(task)`` for every task; yield each :class:`TaskResult` as it finishes.

    ``work`` and ``initializer`` must be module-level functions (they are pickled by
    name for the workers). ``in_flight`` caps the tasks submitted but not yet finished
    (default: two per worker). ``tasks_per_worker`` replaces a worker after that many
    tasks (None: keep it for the whole run, loading the model once). ``task_timeout``
    stops a task running longer than that many seconds (None or 0: no limit; then, with
    ``jobs=1``, the work runs in this process). ``memory_limit_mb`` caps each worker's
    memory (None or 0: no limit; the work run in this process is never limited).
    """
    if jobs <= 1 and not task_timeout:
        yield from _run_here(tasks, work, initializer, expected)
        return
    jobs = max(jobs, 1)
    yield from _run_pool(tasks, work, jobs, initializer, expected,
                         in_flight or jobs * IN_FLIGHT_PER_WORKER, tasks_per_worker,
                         task_timeout or None, memory_limit_mb or None)


class BoundedError(Exception):
    """A call run by :func:`run_bounded` failed; the message is one line."""


def run_bounded(work: Callable[[T], Any], task: T, *,
                expected: tuple[type[BaseException], ...] = (),
                task_timeout: float | None = DEFAULT_TASK_TIMEOUT,
                initializer: Callable[[], None] | None = None,
                memory_limit_mb: int | None = WORKER_MEMORY_MB) -> Any:
    """``work(task)`` in a worker process under ``task_timeout`` and ``memory_limit_mb``; its
    value, or :class:`BoundedError` with the one-line message (the expected exception's
    message, ``timed out after N s``, ``needs more than N MB of memory...``, ``a worker
    process died...`` or ``internal error (...)``)."""
    for result in run_batch([task], work, jobs=1, initializer=initializer, expected=expected,
                            task_timeout=task_timeout, memory_limit_mb=memory_limit_mb):
        if result.error is not None:
            raise BoundedError(result.error)
        return result.value
    raise BoundedError("no result")  # not reached: one task gives one result


def _run_here(tasks: Sequence[T], work: Callable[[T], Any],
              initializer: Callable[[], None] | None,
              expected: tuple[type[BaseException], ...]) -> Iterator[TaskResult[T]]:
    started = False
    for index, task in enumerate(tasks):
        if not started and initializer is not None:
            initializer()
        started = True
        ok, value, pid, rss = call_work(work, task, expected)
        yield TaskResult(index, task, value if ok else None, None if ok else value, pid, rss)


def _run_pool(tasks: Sequence[T], work: Callable[[T], Any], jobs: int,
              initializer: Callable[[], None] | None,
              expected: tuple[type[BaseException], ...], in_flight: int,
              tasks_per_worker: int | None,
              task_timeout: float | None = None,
              memory_limit_mb: int | None = None) -> Iterator[TaskResult[T]]:
    """Tasks in a process pool. When a worker dies, or a task outlives ``task_timeout``
    and the pool's workers are killed, every task the pool held is retried alone in a
    fresh pool, so only the task that kills a worker (or hangs) by itself fails."""
    fresh: deque[tuple[int, T]] = deque(enumerate(tasks))
    suspects: deque[tuple[int, T]] = deque()
    running: dict[Future[Any], tuple[int, T, bool]] = {}  # -> (index, task, run alone)
    clock = _TaskClock(task_timeout)
    pool: ProcessPoolExecutor | None = None
    broken = False
    try:
        while fresh or suspects or running:
            if pool is None:
                pool, broken = _new_pool(jobs, initializer, tasks_per_worker, memory_limit_mb), False
            alone = bool(suspects)
            source, limit = (suspects, 1) if alone else (fresh, in_flight)
            while source and len(running) < limit and not broken:
                index, task = source.popleft()
                try:
                    future = pool.submit(call_work, work, task, expected)
                except BrokenProcessPool:
                    source.appendleft((index, task))
                    broken = True
                    break
                running[future] = (index, task, alone)
            if running:
                finished, _ = wait(running, timeout=clock.wait_seconds(running),
                                   return_when=FIRST_COMPLETED)
                if not finished and clock.expired(running):
                    _kill_workers(pool)  # its futures fail with BrokenProcessPool
                    broken = True
                for future in finished:
                    index, task, was_alone = running.pop(future)
                    timed_out = clock.forget(future)
                    try:
                        ok, value, pid, rss = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if was_alone:
                            error = (timed_out_message(task_timeout or 0) if timed_out
                                     else died_message(memory_limit_mb))
                            yield TaskResult(index, task, None, error)
                        else:
                            suspects.append((index, task))
                        continue
                    except Exception as exc:  # noqa: BLE001 - failed outside the work: in a worker
                        limit = _workers_limit(memory_limit_mb)  # at its limit, even while reporting
                        error = (memory_message(limit) if limit is not None
                                 else one_line(f"internal error ({type(exc).__name__}: {exc})"))
                        yield TaskResult(index, task, None, error)
                        continue
                    yield TaskResult(index, task, value if ok else None,
                                     None if ok else value, pid, rss)
            if broken and not running:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
    finally:
        for future in running:
            future.cancel()
        if pool is not None:
            if running and clock.limit is not None:
                _kill_workers(pool)  # stopped early: a hanging task would make shutdown wait
            pool.shutdown(wait=True, cancel_futures=True)


class _TaskClock:
    """When each running task was handed to the workers, and which outlived the limit."""

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.started: dict[Future[Any], float] = {}
        self.late: set[Future[Any]] = set()

    def wait_seconds(self, running: dict[Future[Any], Any]) -> float | None:
        """How long to wait for a result before checking the clocks again."""
        if self.limit is None:
            return None
        now = time.monotonic()
        for future in running:
            if future not in self.started and future.running():
                self.started[future] = now
        left = [self.started[f] + self.limit - now for f in running if f in self.started]
        return max(0.0, min([POLL_SECONDS] + left))

    def expired(self, running: dict[Future[Any], Any]) -> bool:
        """Mark the tasks running longer than the limit; whether there are any."""
        if self.limit is None:
            return False
        now = time.monotonic()
        late = {f for f in running if f in self.started and now - self.started[f] >= self.limit}
        self.late |= late
        return bool(late)

    def forget(self, future: Future[Any]) -> bool:
        """Drop a finished task's clock; whether it had outlived the limit."""
        self.started.pop(future, None)
        if future in self.late:
            self.late.discard(future)
            return True
        return False


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes (a task in one of them hangs)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.kill()


def _new_pool(jobs: int, initializer: Callable[[], None] | None,
              tasks_per_worker: int | None, memory_limit_mb: int | None = None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(
                                   _start_method(jobs, tasks_per_worker)),
                               initializer=_worker_start, initargs=(initializer, memory_limit_mb),
                               max_tasks_per_child=tasks_per_worker)


def _start_method(jobs: int, tasks_per_worker: int | None) -> str:
    """``fork`` for one worker started from a process with no other thread on Linux
    (where forking is safe and saves starting a second interpreter), else ``spawn``.
    Threads are counted by the kernel, so a GUI's native threads count too."""
    if jobs != 1 or tasks_per_worker is not None or not sys.platform.startswith("linux"):
        return "spawn"
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:
        return "spawn"
    return "fork" if threads == 1 else "spawn"


_worker_memory_mb: int | None = None  # in a worker: the memory limit in force, MB
_start_failure: str | None = None  # in a worker: why its start-up failed (out of memory)


def _worker_start(initializer: Callable[[], None] | None, memory_limit_mb: int | None = None) -> None:
    """In each worker: leave Ctrl-C to the main process, limit its memory, then load what
    the work needs. A start-up that runs out of memory fails each task given to it."""
    global _worker_memory_mb, _start_failure
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_memory_mb = limit_memory(memory_limit_mb) if memory_limit_mb else None
    if initializer is not None:
        try:
            initializer()
        except Exception as exc:
            if not (out_of_memory(exc) or _reached_memory_limit()):
                raise
            _start_failure = memory_message(_worker_memory_mb)


def limit_memory(megabytes: int) -> int | None:
    """Cap this process's data (``RLIMIT_DATA``) at ``megabytes`` MB (Linux; elsewhere
    nothing is done: macOS does not enforce it, Windows has no such limit). A lower limit
    already in force is kept. Returns the limit in force, MB, or None."""
    if not sys.platform.startswith("linux"):
        return None
    import resource

    wanted = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return soft // (1024 * 1024)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
    except (ValueError, OSError):
        return None
    return wanted // (1024 * 1024)


def call_work(work: Callable[[T], Any], task: T,
              expected: tuple[type[BaseException], ...]) -> tuple[bool, Any, int, int]:
    """``(ok, value or one-line error, pid, peak rss)`` of ``work(task)``; never raises."""
    if _start_failure is not None:
        return False, _start_failure, os.getpid(), peak_rss_bytes()
    try:
        value = work(task)
    except MemoryError:
        return False, memory_message(_worker_memory_mb), os.getpid(), peak_rss_bytes()
    except expected as exc:
        return False, one_line(str(exc)), os.getpid(), peak_rss_bytes()
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the batch
        if out_of_memory(exc) or _reached_memory_limit():  # (a library's own error for it)
            return False, memory_message(_worker_memory_mb), os.getpid(), peak_rss_bytes()
        return (False, one_line(f"internal error ({type(exc).__name__}: {exc})"),
                os.getpid(), peak_rss_bytes())
    return True, value, os.getpid(), peak_rss_bytes()


def out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` says memory could not be had: a MemoryError, or an ENOMEM from the
    system (a library that could not be mapped while the process is at its limit)."""
    import errno

    if isinstance(exc, MemoryError) or isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    text = str(exc).lower()
    return isinstance(exc, ImportError) and ("failed to map segment" in text
                                             or "cannot allocate memory" in text)


def _reached_memory_limit() -> bool:
    """Whether this worker's data (Linux's ``VmData``) is within 10% of its memory limit:
    a C library that cannot allocate may raise anything, or nothing."""
    if not _worker_memory_mb:
        return False
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            used = next((int(line.split()[1]) for line in fh if line.startswith("VmData:")), 0)
    except (OSError, ValueError, IndexError):
        return False
    return used * 1024 >= 0.9 * _worker_memory_mb * 1024 * 1024


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


# ---------------------------------------------------------------- progress

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
        """A line of its own above the bar (an error about one file)."""
        if self.stream is not None:
            self.stream.write("\r" + " " * 79 + "\r")
        print(text, file=sys.stderr)

    def close(self) -> None:
        if self.stream is not None:
            self.stream.write("\n")
            self.stream.flush()
