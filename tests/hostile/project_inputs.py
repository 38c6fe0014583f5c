"""Hostile ``.briefing`` projects, generated on demand without the language model.

``project(folder, name, **changes)`` writes a valid project of the sample text (an
empty extraction, a note drafted by hand) and then applies ``changes`` to the JSON:
a summary of megabytes, padding of hundreds of megabytes, lone surrogates, or a
template given as a folder path or a name longer than any file system allows.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hostile.inputs import GOOD_TEXT

PROSE = ("The ministers agreed to expand maritime security cooperation, hold joint exercises "
         "and share information on regional threats. ")


def project_data() -> dict[str, Any]:
    """The JSON of a small valid project (no spaCy: the note is made by hand)."""
    from briefing.ingest import article_from_text
    from briefing.note.model import Note, NoteHeader, ParticipantItem
    from briefing.note.project import Project, project_to_json

    article = article_from_text(GOOD_TEXT, source="sample.txt")
    note = Note(header=NoteHeader(title="Japan and Vietnam sign defence pact", date="2021-09-11"),
                summary="Japan and Vietnam signed a defence equipment transfer pact.",
                participants=[ParticipantItem(name="Nobuo Kishi", role="Defence Minister", country="JP")])
    return project_to_json(Project(note=note, article=article))


def project(folder: Path, name: str = "hostile.briefing", *, summary: str | None = None,
            template: str | None = None, padding_mb: int = 0, raw_summary: str | None = None) -> Path:
    """Write a project; ``raw_summary`` is JSON text put in as is (lone surrogate escapes)."""
    data = project_data()
    if summary is not None:
        data["note"]["summary"] = summary
    if template is not None:
        data["note"]["template"] = template
    path = folder / name
    text = json.dumps(data, ensure_ascii=True)
    if raw_summary is not None:
        text = text.replace(json.dumps(data["note"]["summary"]), raw_summary, 1)
    if padding_mb:
        with open(path, "w", encoding="ascii") as fh:
            fh.write(text[:-1] + ', "padding": "')
            block = "x" * (1024 * 1024)
            for _ in range(padding_mb):
                fh.write(block)
            fh.write('"}')
        return path
    path.write_text(text, encoding="ascii")
    return path


def long_summary(folder: Path, megabytes: float = 2) -> Path:
    """A project whose summary is one paragraph of ``megabytes`` MB."""
    count = int(megabytes * 1024 * 1024 / len(PROSE))
    return project(folder, "long-summary.briefing", summary=PROSE * count)


def long_cell(folder: Path, megabytes: float = 2) -> Path:
    """A project whose participant's role, one table cell, is ``megabytes`` MB of prose."""
    data = project_data()
    count = int(megabytes * 1024 * 1024 / len(PROSE))
    data["note"]["participants"][0]["role"] = PROSE * count
    path = folder / "long-cell.briefing"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")
    return path


def huge(folder: Path, megabytes: int = 300) -> Path:
    return project(folder, "huge.briefing", padding_mb=megabytes)


def lone_surrogates(folder: Path) -> Path:
    """A summary holding lone UTF-16 surrogates (valid JSON, not encodable as UTF-8)."""
    return project(folder, "surrogates.briefing", raw_summary='"Kishi \\ud800 met \\udfff Giang"')


def template_path(folder: Path, template_folder: Path) -> Path:
    """A project whose ``note.template`` names a folder instead of a template."""
    return project(folder, "template-path.briefing", template=str(template_folder))


def long_template_name(folder: Path, length: int = 300) -> Path:
    return project(folder, "long-name.briefing", template="t" * length)
