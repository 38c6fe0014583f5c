"""Runs slow core calls (spaCy loading, extraction, PDF rendering) off the GUI thread.

:func:`run_in_background` hands a plain Python callable to the global ``QThreadPool`` and
returns a :class:`Task` whose ``finished``/``failed`` signals are delivered back on the
GUI thread (queued connection), so slots can touch widgets safely.
"""
from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_live_tasks: set[Task] = set()  # keeps Python wrappers alive until their signal is delivered


class Task(QObject):
    """Handle of one background call: ``finished(result)`` or ``failed(message)``."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.done = False
        self.result: Any = None
        self.error: str | None = None

    def _finish(self, result: Any) -> None:
        self.done, self.result = True, result
        _live_tasks.discard(self)

    def _fail(self, message: str) -> None:
        self.done, self.error = True, message
        _live_tasks.discard(self)


class _Runnable(QRunnable):
    def __init__(self, task: Task, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.task, self.func, self.args = task, func, args

    def run(self) -> None:  # runs on a pool thread
        try:
            result = self.func(*self.args)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI as a message
            detail = traceback.format_exc(limit=3)
            self.task.failed.emit(f"{type(exc).__name__}: {exc}\n\n{detail}")
            return
        self.task.finished.emit(result)


def run_in_background(func: Callable[..., Any], *args: Any,
                      finished: Callable[[Any], None] | None = None,
                      failed: Callable[[str], None] | None = None) -> Task:
    """Call ``func(*args)`` on a pool thread.

    ``finished(result)`` / ``failed(message)`` are connected *before* the work starts (a
    signal only reaches slots connected when it is emitted, and fast work can finish
    before the caller gets the task back).  Pass bound methods of QObjects so the
    connection dies with its receiver."""
    task = Task()
    task.finished.connect(task._finish)
    task.failed.connect(task._fail)
    if finished is not None:
        task.finished.connect(finished)
    if failed is not None:
        task.failed.connect(failed)
    _live_tasks.add(task)
    QThreadPool.globalInstance().start(_Runnable(task, func, args))
    return task


def wait_for_all(msecs: int = 30000) -> bool:
    """Block until pool threads are idle (used before the application quits)."""
    return QThreadPool.globalInstance().waitForDone(msecs)

