"""The library keeps notes by their stable id as well as their path, is updated on every
save, and loses nothing when a composer and a command-line batch write at once."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.library import SearchQuery, record_from_project
from briefing.library.indexing import index_saved_note
from briefing.library.sqlite_store import SqliteLibrary
from briefing.note.project import load_project, save_project

sys.path.insert(0, str(Path(__file__).resolve().parent))
from library_helpers import make_project, sample_notes, save  # noqa: E402


@pytest.fixture
def library(tmp_path: Path):  # noqa: ANN201
    with SqliteLibrary(tmp_path / "lib") as lib:
        yield lib


def test_a_moved_note_stays_one_note_and_a_copy_is_another(tmp_path: Path, library: SqliteLibrary) -> None:
    path = save(tmp_path / "notes", "talks", make_project("Talks", "2024-01-02", people=[("A B", "", "JP")]))
    project = load_project(path)
    first = library.add(record_from_project(project, path))
    moved = tmp_path / "archive" / "renamed.briefing"
    moved.parent.mkdir()
    shutil.move(path, moved)
    assert library.add(record_from_project(load_project(moved), moved)) == first  # same row, new path
    assert library.count() == 1 and library.get(first).path == str(moved.resolve())
    assert library.get(project.note.note_id).path == str(moved.resolve())  # found by the note's own id
    copy = tmp_path / "copy.briefing"
    shutil.copy(moved, copy)  # the original is still there: the copy is a note of its own
    assert library.add(record_from_project(load_project(copy), copy)) != first
    assert library.count() == 2
    assert str(path.resolve()) not in library.known_paths()  # the old path is forgotten


def test_saving_updates_the_library_and_a_broken_library_only_warns(tmp_path: Path, library: SqliteLibrary) -> None:
    project = make_project("Japan–Vietnam talks", "2024-03-01", people=[("Nobuo Kishi", "Minister", "JP")])
    path = tmp_path / "n.briefing"
    save_project(path, project)
    assert index_saved_note(path, project, library=library) is not None
    assert library.search(SearchQuery(people=["Kishi"])).total == 1
    library.close()  # a library that cannot be written: a warning, the note stays saved
    warnings: list[str] = []
    assert index_saved_note(path, project, library=library, warn=warnings.append) is None
    assert len(warnings) == 1 and "not updated" in warnings[0] and path.is_file()


def test_facets_list_what_the_notes_can_be_filtered_by(tmp_path: Path, library: SqliteLibrary) -> None:
    for path in sample_notes(tmp_path / "notes").values():
        library.add(record_from_project(load_project(path), path))
    facets = library.facets()
    assert facets.countries[0] == ("JP", 2) and ("KE", 1) in facets.countries
    assert facets.themes[0] == ("maritime-security", "Maritime security", 2)
    assert facets.schemes == ["uk", "us"]


def test_a_note_with_two_sources_is_indexed_with_both(tmp_path: Path, library: SqliteLibrary) -> None:
    from briefing.note.merge import add_source
    from briefing.note.project import Project
    from test_merge import first_note, second_source

    note, article = first_note()
    add_source(note, *second_source())
    path = tmp_path / "two.briefing"
    project = Project(note, article, note.source.extraction)
    save_project(path, project)
    record = record_from_project(load_project(path), path)
    assert [s.title for s in record.sources] == ["Japan, Australia sign memorandum",
                                                 "Japan, Australia ink defence research deal"]
    assert "KP" in record.countries  # named only by the second source's extraction
    assert record.article_dates == ["2023-06-04", "2023-06-05"] and record.meeting_date == "2023-06-04"
    library.add(record)
    assert library.search(SearchQuery(text="ink")).total == 1  # the second headline is searchable


ADDER = """
import sys
from briefing.cli import main
sys.exit(main(["library", "add", *sys.argv[1:]]))
"""


def test_a_composer_and_a_command_line_batch_writing_at_once_lose_nothing(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Two processes: ``briefing library add`` of 40 notes, and this process saving 40 others
    through the composer's save path, at the same time."""
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    batch = [save(tmp_path / "batch", f"b{i}", make_project(f"Batch note {i}", "2024-01-01",
                                                            people=[(f"Batch Person {i}", "", "JP")]))
             for i in range(40)]
    mine = [make_project(f"Composer note {i}", "2024-02-01", people=[(f"Composer Person {i}", "", "VN")])
            for i in range(40)]
    SqliteLibrary(tmp_path / "data" / "library").close()
    other = subprocess.Popen([sys.executable, "-c", ADDER, *map(str, batch)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    warnings: list[str] = []
    for i, project in enumerate(mine):
        path = tmp_path / "composer" / f"c{i}.briefing"
        path.parent.mkdir(exist_ok=True)
        save_project(path, project)
        index_saved_note(path, project, warn=warnings.append)
    out, err = other.communicate(timeout=120)
    assert other.returncode == 0, err
    assert warnings == [] and out.count("indexed ") == 40
    with SqliteLibrary(tmp_path / "data" / "library") as lib:
        assert lib.count() == 80
        assert lib.search(SearchQuery(text="Batch")).total == 40
        assert lib.search(SearchQuery(text="Composer")).total == 40
        assert len(lib.known_paths()) == 80
