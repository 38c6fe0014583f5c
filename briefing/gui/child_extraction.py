"""The composer's extraction process: one child process per composer, shared by its windows.

``briefing gui`` starts it before Qt loads, already reading the start article
(:func:`briefing.extraction_process.start`); :func:`adopt` hands it to the composer.
Every article opened afterwards (a file or the clipboard's text) goes to it too
(:func:`claim`), and so does each further source added to a note (:func:`claim_idle`,
one at a time, never stopping another article's job), so the language model is loaded
once, in the child, and the window's event loop never waits for it.  A child that is
busy with an article no longer wanted, or gone, is replaced by a new one (a new
interpreter: the composer's process runs threads).
``BRIEFING_EARLY_EXTRACTION=0`` turns the child off: everything then runs in the window's
process, as it does for a job whose child failed.  No Qt here.
"""
from __future__ import annotations

import atexit
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extraction_process import ExtractionProcess

_child: ExtractionProcess | None = None
_start_job_claimed = True  # the child's start article has been taken by a window (or there is none)


def enabled() -> bool:
    """False when ``BRIEFING_EARLY_EXTRACTION=0``: no child process at all."""
    return os.environ.get("BRIEFING_EARLY_EXTRACTION", "1") != "0"


def adopt(child: ExtractionProcess) -> None:
    """Use ``child`` (started with the start article) from now on."""
    global _child, _start_job_claimed
    if _child is not None and _child is not child:
        _child.cancel()
    _child, _start_job_claimed = child, child.path is None


def current() -> ExtractionProcess | None:
    return _child


def claim(job: Path | Article) -> ExtractionProcess | None:
    """The child that reads and extracts ``job`` (a file, or an Article to extract): the one
    already reading it since start-up, else the idle child given it, else a new child;
    None when there can be none (then do the work here)."""
    global _child, _start_job_claimed
    from briefing.extraction_process import start

    child = _child
    if child is not None and not _start_job_claimed:
        _start_job_claimed = True
        if isinstance(job, Path) and child.path is not None and _same_file(child.path, job):
            return child
        child.cancel()  # its start article is not the one wanted
    elif child is not None and child.submit(job):
        return child
    elif child is not None:
        child.cancel()  # busy with an article no longer wanted, or gone
    _child = None
    if not enabled():
        return None
    child = start(job if isinstance(job, Path) else None, fork=False)
    if child is not None and not isinstance(job, Path) and not child.submit(job):
        child.cancel()
        child = None
    _child = child
    return child


def claim_idle(job: Path) -> ExtractionProcess | None:
    """The child for a job that must not stop another one (a further source of an open
    note): the idle child given it, else a new child when there is none or it is gone;
    None when the child is busy with another article, or its start article is not yet
    taken, or there can be none (then do the work here)."""
    child = _child
    if child is not None and child.alive and (child.busy or not _start_job_claimed):
        return None
    return claim(job)


def release_start_job() -> None:
    """Something other than the start article is shown first: stop reading it."""
    global _child, _start_job_claimed
    if _child is not None and not _start_job_claimed:
        _child.cancel()
        _child = None
    _start_job_claimed = True


@atexit.register
def stop() -> None:
    """End the child (the composer is quitting; at the latest when Python exits)."""
    global _child, _start_job_claimed
    if _child is not None:
        _child.cancel()
    _child, _start_job_claimed = None, True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
