"""Project files of notes with several sources (schema 3), and older files opening as before."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.note.merge import add_source
from briefing.note.model import Citation, Conflict
from briefing.note.project import SCHEMA_VERSION, Project, ProjectError, load_project, save_project

from test_merge import first_note, second_source  # noqa: E402 - real two-source notes


@pytest.fixture
def merged() -> Project:
    note, art = first_note()
    added, extraction = second_source()
    extraction.participants[0].role = "President-elect"
    add_source(note, added, extraction)
    note.source_conflicts = [Conflict("date", {"s1": "2023-06-04", "s2": "2021-03-11"}, chosen="s1")]
    return Project(note, art, note.source.extraction)


def test_a_note_with_two_sources_round_trips(tmp_path: Path, merged: Project) -> None:
    path = tmp_path / "two.briefing"
    save_project(path, merged)
    loaded = load_project(path)
    assert loaded == merged
    second = loaded.note.sources[1]
    assert second.id == "s2" and second.article.text == merged.note.sources[1].article.text
    assert second.extraction.participants[2].name == "Kim Jong Un"
    hamada = loaded.note.participants[0]
    assert hamada.citations[0].source == "s2" and hamada.conflicts[0].values["s2"] == "President-elect"
    assert loaded.article is loaded.note.sources[0].article  # the first source's article is the project's
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION == 3
    assert [s["id"] for s in data["note"]["sources"]] == ["s1", "s2"]
    assert "article" not in data["note"]["sources"][1]  # texts are kept apart from the source block
    assert [t["id"] for t in data["source_texts"]] == ["s2"]
    assert data["note"]["note_id"] and len(data["note"]["note_id"]) == 32  # given on the first save


def test_the_note_id_stays_when_saved_again_or_elsewhere(tmp_path: Path, merged: Project) -> None:
    save_project(tmp_path / "a.briefing", merged)
    first_id = merged.note.note_id
    save_project(tmp_path / "moved.briefing", load_project(tmp_path / "a.briefing"))
    assert load_project(tmp_path / "moved.briefing").note.note_id == first_id


def version_2_document() -> dict:
    return {
        "format": "briefing-composer-project", "schema_version": 2, "app_version": "0.1.0",
        "note": {"header": {"title": "Old note", "classification": "OFFICIAL"},
                 "participants": [{"id": "p1", "name": "Nobuo Kishi", "source_spans": [[0, 11]],
                                   "portion": ""}],
                 "source": {"headline": "H", "outlet": "Kyodo", "url": "https://example.org/a",
                            "date": "2021-09-13", "accessed": "2021-09-14"},
                 "template": "ministerial"},
        "article": {"original": "Nobuo Kishi met Phan Van Giang.", "paragraphs": ["Nobuo Kishi met Phan Van Giang."]},
        "extraction": None,
    }


def test_a_version_2_project_opens_with_its_source_first(tmp_path: Path) -> None:
    path = tmp_path / "v2.briefing"
    path.write_text(json.dumps(version_2_document()), encoding="utf-8")
    project = load_project(path)
    note = project.note
    assert len(note.sources) == 1 and note.source.id == "s1" and note.source.outlet == "Kyodo"
    assert note.participants[0].spans_in("s1", note.first_source_id) == [(0, 11)]
    assert note.note_id == "" and note.source.article is project.article
    save_project(path, project)  # saved again: schema 3, with an id of its own
    again = load_project(path)
    assert again.note.sources[0].outlet == "Kyodo" and len(again.note.note_id) == 32


def test_a_version_1_project_opens(tmp_path: Path) -> None:
    doc = version_2_document()
    doc["schema_version"] = 1
    doc["note"]["source"] = {"headline": "H", "outlet": "Kyodo", "date": "2021-09-13",
                             "location": "https://example.org/story"}
    path = tmp_path / "v1.briefing"
    path.write_text(json.dumps(doc), encoding="utf-8")
    note = load_project(path).note
    assert note.source.url == "https://example.org/story" and note.sources[0].id == "s1"


@pytest.mark.parametrize("change, message", [
    (lambda d: d["note"]["participants"][0].update(citations=[{"source": "s7", "spans": []}]),
     "cites source 's7', which the note does not have"),
    (lambda d: d["note"]["sources"].append(dict(d["note"]["sources"][0])), "'s1' is used twice"),
    (lambda d: d.update(source_texts=[{"id": "s1", "article": d["article"]}]), "is not a further source"),
    (lambda d: d.update(source_texts="many"), "source_texts: expected a list"),
    (lambda d: d["note"]["participants"][0].update(conflicts=[{"field": "role", "values": {"s1": 3}}]),
     "expected text"),
])
def test_bad_source_data_is_a_clear_error(tmp_path: Path, merged: Project, change, message) -> None:  # noqa: ANN001
    path = tmp_path / "bad.briefing"
    save_project(path, merged)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectError) as err:
        load_project(path)
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_citations_and_conflicts_survive_edits_and_undo(merged: Project) -> None:
    from briefing.note.edits import apply_edit, update_item

    item = merged.note.participants[1]
    undo = update_item(merged.note, "participants", item.id, citations=[Citation("s2", [(1, 2)], "M")])
    assert item.citations == [Citation("s2", [(1, 2)], "M")]
    apply_edit(merged.note, undo)
    assert item.citations[0].source == "s2" and item.citations[0].text == "Richard Marles"


def test_a_copy_of_a_note_keeps_its_sources() -> None:
    import dataclasses

    from briefing.note.model import Note, NoteHeader, SourceInfo

    note = Note(source=SourceInfo(outlet="Kyodo"))
    copy = dataclasses.replace(note, header=NoteHeader(title="Copy"))
    again = dataclasses.replace(copy, header=NoteHeader(title="Again"))
    assert [s.outlet for s in again.sources] == ["Kyodo"] and len(note.sources) == 1
