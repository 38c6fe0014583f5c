"""The notes library's warning that it set aside an unusable index and rebuilt it from the
known note files reaches the analyst: in the main window's status bar, whether drafting a
note or the Library window found it, and kept in the Library window while it is open."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import load
from tests.library_helpers import make_project, save

REBUILT = "rebuilt it from 1 known note files"


@pytest.fixture
def indexed_note(data_dir: Path, tmp_path: Path) -> Path:
    """One note saved and indexed in the user's library (under ``data_dir``)."""
    from briefing.library.indexing import index_saved_note

    project = make_project("Japan and Vietnam defence talks", "2021-09-11",
                           people=[("Nobuo Kishi", "Minister of Defence", "JP")])
    path = save(tmp_path / "notes", "earlier", project)
    assert index_saved_note(path, project) is not None
    return path


def corrupt_index(data_dir: Path) -> Path:
    db = data_dir / "library" / "notes.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    return db


def test_drafting_says_the_index_was_rebuilt_in_the_status_bar(make_window, qtbot, seed_path, data_dir,  # noqa: ANN001
                                                               indexed_note, answers) -> None:
    db = corrupt_index(data_dir)
    window = make_window()
    load(qtbot, window, seed_path)  # the Background is drafted from the library: it is rebuilt
    message = window.statusBar().currentMessage()
    assert message.startswith(f"The library index {db} was unusable (") and REBUILT in message
    assert db.with_name("notes.sqlite3.unusable").is_file() and answers.errors == []


def test_the_open_library_window_keeps_the_warning(make_window, qtbot, seed_path, data_dir,  # noqa: ANN001
                                                   indexed_note) -> None:
    window = make_window()
    window.show_library()
    library = window._library_window
    assert library.table.rowCount() == 1 and not library.warning.isVisible()
    corrupt_index(data_dir)
    load(qtbot, window, seed_path)
    assert library.warning.isVisible() and REBUILT in library.warning.text()
    library.search()  # a new search says how many notes it found, and keeps the warning
    assert library.status.text().startswith("1 note") and REBUILT in library.warning.text()
    assert library.table.rowCount() == 1  # the note is back in the rebuilt index


def test_a_rebuild_found_by_the_library_window_is_said_in_both(make_window, data_dir, indexed_note) -> None:  # noqa: ANN001
    corrupt_index(data_dir)
    window = make_window()
    window.show_library()
    library = window._library_window
    assert library.warning.isVisible() and REBUILT in library.warning.text()
    assert library.status.text().startswith("1 note") and library.table.rowCount() == 1
    assert REBUILT in window.statusBar().currentMessage()
