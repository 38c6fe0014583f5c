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
    """Worker: the record of the project at ``path``; raises ProjectError if unreadable."""
    from briefing.note.project import load_project

    return record_from_project(load_project(path), path)


def records_from_files(paths: Sequence[str], *, jobs: int = 1,
                       on_done: Callable[[str, str | None], None] | None = None,
                       task_timeout: float | None = None) -> Iterator[NoteRecord]:
    """Records of the projects at ``paths``, loaded by ``jobs`` worker processes.

    ``on_done(path, error)`` is called for every file as it finishes (error is None when it
    was read), for a progress bar and error lines; unreadable files yield nothing.
    """
    from briefing.batch import DEFAULT_TASK_TIMEOUT, run_batch
    from briefing.note.project import ProjectError

    timeout = DEFAULT_TASK_TIMEOUT if task_timeout is None else task_timeout
    for result in run_batch(list(paths), load_record, jobs=max(1, jobs), expected=(ProjectError,),
                            task_timeout=timeout, in_flight=max(1, jobs) * 16):
        if on_done is not None:
            on_done(str(result.task), result.error)
        if result.ok:
            yield result.value
