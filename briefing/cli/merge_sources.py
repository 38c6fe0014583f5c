"""`briefing export A B C --merge`: one note from several articles about the same meeting.

The first input (an article or a ``.briefing`` project) gives the note; every further input
is added to it as a source with :func:`briefing.note.merge.add_source` — its people,
agreements, quotes, events and themes merged with those already there, disagreements kept
as conflicts. A further project contributes each of its sources' articles. ``--project
OUT.briefing`` saves the merged note (and indexes it in the notes library); a note
drafted from articles also gets its Background drafted from earlier notes of the library
(:mod:`briefing.note.background`). Errors are :class:`InputError` with one line naming
the file.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extraction import Extraction
    from briefing.note.model import Note


def source_texts(path: Path) -> list[tuple[Article, Extraction]]:
    """The articles (with their extractions) an input brings: an article file's own, or
    each source of a project."""
    from briefing.cli.export_cmd import InputError
    from briefing.note.project import PROJECT_SUFFIX, ProjectError, load_project

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == PROJECT_SUFFIX:
        try:
            project = load_project(path)
        except ProjectError as exc:
            raise InputError(str(exc)) from None
        from briefing.extract import extract

        return [(s.article, s.extraction or extract(s.article)) for s in project.note.sources
                if s.article is not None]
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.ingest.errors import IngestError

    try:
        article = read_article(path)
    except IngestError as exc:
        raise InputError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return [(article, extract(article))]


def merge_inputs(note: Note, article: Article, further: list[Path]) -> list[str]:
    """Add every further input's articles to ``note`` (whose first source is ``article``);
    returns one line per source added, for the command's output."""
    from briefing.cli.export_cmd import InputError
    from briefing.note.edits import EditError
    from briefing.note.merge import add_source, source_label
    from briefing.note.project import Project

    Project(note, article, note.source.extraction)  # the first source holds its article
    lines = []
    for path in further:
        for added_article, extraction in source_texts(path):
            try:
                add_source(note, added_article, extraction)
            except EditError as exc:
                raise InputError(f"{path}: cannot add it to the note: {exc}") from None
            source = note.sources[-1]
            supported = sum(1 for section in ("participants", "agreements", "quotes", "events")
                            for item in note.section(section)
                            if any(c.source == source.id for c in item.citations))
            conflicts = sum(1 for section in ("participants", "agreements", "quotes", "events")
                            for item in note.section(section) for c in item.conflicts
                            if source.id in c.values and not c.chosen)
            lines.append(f"added {path.name} as source [{len(note.sources)}] {source_label(source)}: "
                         f"{supported} items also in earlier sources, {conflicts} conflicts to decide")
    return lines
