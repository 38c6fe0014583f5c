"""Export a briefing note to DOCX or PDF from a template: the one entry point the GUI and CLI call.

:func:`export_note` checks the note (:mod:`briefing.export.check`), builds the
format-neutral outline (:mod:`briefing.export.outline`), renders it with the writer the
file suffix asks for (:mod:`briefing.export.docx`, :mod:`briefing.export.pdf`) and writes
the file atomically with :mod:`briefing.fileio` (a temporary file in the same folder,
fsync, then rename), so the target is either the old file or the complete new one,
never a partial file. An output that is one of the inputs it was made from (the same
file, also through a link or a hard link) is refused before anything is rendered.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.export.check import Problem, check_note

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.note.model import Note
    from briefing.templates import Template

__all__ = ["FORMATS", "ExportError", "Problem", "check_note", "export_note", "render_note",
           "write_atomic"]

FORMATS = ("docx", "pdf")


class ExportError(Exception):
    """The export could not be written; the message is one line naming the file."""


def format_of(path: str | Path) -> str:
    """``docx`` or ``pdf`` from the file suffix, else ExportError."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ExportError(f"{path}: unknown output format '.{suffix}' (use .docx or .pdf)")
    return suffix


@contextmanager
def old_objects_left_alone() -> Iterator[None]:
    """Within the block the garbage collector looks only at objects made inside it.

    Laying out a note makes tens of thousands of short-lived objects, enough to set off
    full collections, and a full collection walks every object of the process (over
    100,000 with the language model loaded): 2-4 ms of a 15 ms PDF export in
    ``bench/export_bench.py``. The objects made before are set aside for the block
    (``gc.freeze``) and returned after it; what the block makes is collected as usual.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def render_note(note: Note, template: Template, fmt: str, *,
                article: Article | None = None, fit=None) -> tuple[bytes, list[str]]:  # noqa: ANN001
    """The file bytes of ``note`` in ``fmt`` and the writer's warnings (nothing written).
    ``fit``: the note's fitted outline (:func:`briefing.export.fit.fit_outline`) if known."""
    with old_objects_left_alone():
        return _render(note, template, fmt, article=article, fit=fit)


def _render(note: Note, template: Template, fmt: str, *,
            article: Article | None = None, fit=None) -> tuple[bytes, list[str]]:  # noqa: ANN001
    from briefing.export.fit import fit_outline

    fit = fit or fit_outline(note, template, article=article)
    if fmt == "docx":
        from briefing.export.docx import render_docx

        pages = fit.pages
        if not pages:  # the PDF's layout is the DOCX's: it gives the document statistics
            from briefing.export.pdf import layout_of

            pages = layout_of(fit.outline).pages
        return render_docx(fit.outline, pages=pages)
    if fmt == "pdf":
        if fit.pdf is not None:  # laid out to fit the page limit: that run made the file
            return fit.pdf, []
        from briefing.export.pdf import render_pdf

        return render_pdf(fit.outline), []
    raise ExportError(f"unknown output format '{fmt}' (use docx or pdf)")


def export_note(note: Note, template: Template, path: str | Path, *,
                article: Article | None = None, final: bool = False,
                inputs: list[str | Path | None] | None = None) -> list[Problem]:
    """Check, render and atomically write ``note`` to ``path`` (.docx or .pdf).

    ``inputs`` are the files the note came from (the article file, the project); the
    article's own file (``article.path``) always counts. Returns the problems found;
    when any is fatal nothing is written (``final``: a draft, a note with a required
    section empty, is fatal). Raises :class:`ExportError` when the file cannot be
    written, or would replace an input.
    """
    from briefing.export.check import template_problems
    from briefing.export.fit import fit_outline
    from briefing.fileio import WriteError, refuse_overwrite

    path = Path(path)
    fmt = format_of(path)
    sources = [p for p in [*(inputs or []), getattr(article, "path", None)] if p]
    try:
        refuse_overwrite(path, sources)
    except WriteError as exc:
        raise ExportError(str(exc)) from None
    problems = template_problems(template)
    if problems:
        return problems
    with old_objects_left_alone():
        fit = fit_outline(note, template, article=article)  # laid out once for the check and the file
        problems = check_note(note, template, article=article, fmt=fmt, final=final, fit=fit,
                              template_checked=True)
        if any(p.fatal for p in problems):
            return problems
        data, warnings = _render(note, template, fmt, article=article, fit=fit)
    reported = {name for p in problems for name in re.findall(r"'([^']+)'", p.message)}
    problems += [Problem("warning", w) for w in warnings
                 if not set(re.findall(r"'([^']+)'", w)) & reported]
    write_atomic(path, data)
    return problems


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (:func:`briefing.fileio.atomic_write_bytes`);
    :class:`ExportError` naming the file when it cannot be written."""
    from briefing.fileio import WriteError, atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except WriteError as exc:
        raise ExportError(str(exc)) from None
