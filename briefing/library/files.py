"""From ``.briefing`` files to library records: find the projects under folders, load each
into a :class:`~briefing.library.record.NoteRecord`, many at once with the batch workers.

The workers only read files and build records; the caller (one process) writes them to the
index, so a re-index of thousands of notes is one writer and N readers.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from briefing.library.record import NoteRecord, record_from_project

PROJECT_SUFFIX = ".briefing"


def find_projects(folders: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every ``*.briefing`` file under the folders (recursively), sorted, each once."""
    found: dict[str, Path] = {}
    for folder in map(Path, folders):
        if folder.is_file() and folder.suffix.lower() == PROJECT_SUFFIX:
            found.setdefault(str(folder.resolve()), folder.resolve())
            continue
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if name.lower().endswith(PROJECT_SUFFIX) and not name.startswith("."):
                    path = Path(root, name).resolve()
                    found.setdefault(str(path), path)
    return [found[k] for k in sorted(found)]


def load_record(path: str) -> NoteRecord:
    """The record of the project at ``path``; raises ProjectError if unreadable."""
    from briefing.note.project import load_project

    return record_from_project(load_project(path), path)


def load_records(paths: list[str]) -> list[tuple[str, NoteRecord | None, str | None]]:
    """Worker: ``(path, record, None)`` or ``(path, None, one-line error)`` for each path.

    Files go to the workers in small groups: one task per file would cost more in
    hand-overs between processes than reading a project does."""
    from briefing.batch import one_line
    from briefing.note.project import ProjectError

    done: list[tuple[str, NoteRecord | None, str | None]] = []
    for path in paths:
        try:
            done.append((path, load_record(path), None))
        except ProjectError as exc:
            done.append((path, None, one_line(str(exc))))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            done.append((path, None, one_line(f"internal error ({type(exc).__name__}: {exc})")))
    return done


def records_from_files(paths: Sequence[str], *, jobs: int = 1,
                       on_done: Callable[[str, str | None], None] | None = None,
                       task_timeout: float | None = None, group: int = 25,
                       memory_limit_mb: int | None = None) -> Iterator[NoteRecord]:
    """Records of the projects at ``paths``, read by ``jobs`` worker processes in groups of
    ``group`` files (one file at a time with one job).

    ``on_done(path, error)`` is called for every file as it finishes (error is None when it
    was read), for a progress bar and error lines; unreadable files yield nothing.
    ``memory_limit_mb``: each worker's memory limit (None: the batch default).
    """
    from briefing.batch import DEFAULT_TASK_TIMEOUT, WORKER_MEMORY_MB, run_batch

    timeout = DEFAULT_TASK_TIMEOUT if task_timeout is None else task_timeout
    size = 1 if jobs <= 1 else max(1, group)
    tasks = [list(paths[i:i + size]) for i in range(0, len(paths), size)]
    memory = WORKER_MEMORY_MB if memory_limit_mb is None else memory_limit_mb
    for result in run_batch(tasks, load_records, jobs=max(1, jobs), task_timeout=timeout,
                            memory_limit_mb=memory):
        if result.ok:
            outcomes = result.value
        else:  # the whole group failed (a worker died or timed out on it)
            outcomes = [(path, None, result.error) for path in result.task]
        for path, record, error in outcomes:
            if on_done is not None:
                on_done(path, error)
            if record is not None:
                yield record
