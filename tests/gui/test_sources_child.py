"""Further sources read and extracted in the composer's extraction process: the source
arrives and its items merge, several files go through it in turn, spaCy never loads in
the window's process; a killed process falls back to the window's without an error box;
the memory limit and an unreadable file are one line each; closing the window stops the
source being read."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.gui import child_extraction
from tests.gui.conftest import load

REPO = Path(__file__).resolve().parent.parent.parent
PAIR = REPO / "eval" / "merge" / "turkiye-somalia-framework-2024"


@pytest.fixture(autouse=True)
def _no_child_left():  # noqa: ANN202 - each test starts and ends without a shared child
    child_extraction.stop()
    yield
    child_extraction.stop()


def wait_for_sources(qtbot, window, count: int) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.document.note is not None and len(window.document.note.sources) == count
                    and not window.busy_bar.isVisible(), timeout=60000)


@pytest.fixture
def note_window(make_window, qtbot):  # noqa: ANN001,ANN201
    """A window with a.txt's note, drafted from the extraction process's records."""
    window = make_window()
    load(qtbot, window, PAIR / "a.txt")
    assert child_extraction.current() is not None and child_extraction.current().jobs == 1
    return window


def test_the_source_is_extracted_by_the_process_and_merges(note_window, qtbot, answers,  # noqa: ANN001
                                                           extractions_here) -> None:
    window, note, child = note_window, note_window.document.note, child_extraction.current()
    assert window.add_source_files([PAIR / "b.txt"])
    wait_for_sources(qtbot, window, 2)
    assert extractions_here == [] and answers.errors == []  # nothing extracted in this process
    assert child_extraction.current() is child and child.jobs == 2 and child.alive
    guler = next(p for p in note.participants if p.name == "Yasar Guler")
    assert [c.source for c in guler.citations] == ["s2"]  # the same person, also in the new source
    assert window.note_editor.sections["participants"].cards[guler.id].sources.support.text() == "2 sources: [1] [2]"
    assert window.sources_pane.tabs.count() == 2 and window.article_view.article is note.sources[1].article
    assert "Added " in window.statusBar().currentMessage()
    window.history(-1)  # undo takes it back out
    assert len(note.sources) == 1 and all(not p.citations for p in note.participants)
    window.history(1)
    assert len(note.sources) == 2


def test_several_sources_go_through_the_process_in_turn(note_window, qtbot, answers, tmp_path,  # noqa: ANN001
                                                        extractions_here) -> None:
    window, child = note_window, child_extraction.current()
    third = tmp_path / "c.txt"
    third.write_text((PAIR / "b.txt").read_text(encoding="utf-8").replace("Somalia", "Djibouti"), encoding="utf-8")
    assert window.add_source_files([PAIR / "b.txt", third])
    assert window.busy_label.text() == "Adding 2 sources…"
    wait_for_sources(qtbot, window, 3)
    assert [Path(s.article.path).name for s in window.document.note.sources] == ["a.txt", "b.txt", "c.txt"]
    assert child.jobs == 3 and extractions_here == [] and answers.errors == []


def test_a_killed_process_falls_back_to_the_window_without_an_error(note_window, qtbot, answers,  # noqa: ANN001
                                                                    extractions_here) -> None:
    window, child = note_window, child_extraction.current()
    assert window.add_source_files([PAIR / "b.txt"])
    os.kill(child.pid, signal.SIGKILL)  # while it reads the source
    wait_for_sources(qtbot, window, 2)
    assert os.WIFSIGNALED(child.exit_status)
    assert answers.errors == [] and extractions_here == ["b.txt"]  # done here instead
    assert window.document.note.sources[1].article.path.endswith("b.txt")


def test_a_source_over_the_memory_limit_is_one_line_and_not_done_here(note_window, qtbot, answers, tmp_path,  # noqa: ANN001
                                                                      extractions_here, monkeypatch) -> None:
    import briefing.extraction_process

    window = note_window
    child_extraction.stop()  # the next process is started with a 1 MiB allowance
    monkeypatch.setattr(briefing.extraction_process, "MEMORY_LIMIT_MIB", 1)
    long = tmp_path / "long.txt"
    long.write_text((PAIR / "b.txt").read_text(encoding="utf-8") * 60, encoding="utf-8")
    assert window.add_source_files([long])
    qtbot.waitUntil(lambda: bool(answers.errors) and not window.busy_bar.isVisible(), timeout=60000)
    assert len(answers.errors) == 1 and answers.errors[0].startswith("Could not add the source")
    assert "long.txt: reading and extracting it needs more memory than allowed (1 MiB)" in answers.errors[0]
    assert "Traceback" not in answers.errors[0]
    assert extractions_here == [] and len(window.document.note.sources) == 1 and not window.document.modified


def test_an_unreadable_source_from_the_process_is_one_line(note_window, qtbot, answers, tmp_path) -> None:  # noqa: ANN001
    window = note_window
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert window.add_source_files([empty])
    qtbot.waitUntil(lambda: bool(answers.errors) and not window.busy_bar.isVisible(), timeout=60000)
    assert len(answers.errors) == 1 and "empty.txt: empty file" in answers.errors[0]
    assert child_extraction.current().alive and len(window.document.note.sources) == 1


def test_closing_the_window_stops_the_source_being_read(note_window, qtbot, answers,  # noqa: ANN001
                                                        extractions_here) -> None:
    from briefing.gui.workers import wait_for_all

    window, child = note_window, child_extraction.current()
    note = window.document.note
    assert window.add_source_files([PAIR / "b.txt"])
    window.document.forget_changes()
    assert window.close()
    assert wait_for_all(30000)
    qtbot.wait(50)  # the worker's answer is delivered, and dropped
    assert os.WIFSIGNALED(child.exit_status)  # stopped, not left extracting
    assert len(note.sources) == 1 and answers.errors == [] and extractions_here == []


def test_spacy_never_loads_in_the_window_process(tmp_path) -> None:  # noqa: ANN001
    """In a fresh process (this one may have loaded spaCy already): with the extraction
    process the window's process never imports spaCy; without it, it does."""
    script = Path(__file__).with_name("add_source_child.py")

    def run(**env: str) -> dict:
        result = subprocess.run([sys.executable, str(script), str(PAIR / "a.txt"), str(PAIR / "b.txt")],
                                env=dict(os.environ, BRIEFING_DATA_DIR=str(tmp_path / "data"), **env),
                                capture_output=True, text=True, timeout=180)
        lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
        assert lines, result.stderr
        return json.loads(lines[-1])

    with_process = run()
    assert with_process == {"sources": 2, "errors": [], "spacy": False, "jobs": 2}
    without = run(BRIEFING_EARLY_EXTRACTION="0")
    assert without["sources"] == 2 and without["spacy"] is True


def test_an_article_left_for_a_project_frees_the_process_for_sources(make_window, qtbot, seed_path, tmp_path,  # noqa: ANN001
                                                                     answers, extractions_here) -> None:
    """Opening a project while an article is being read: the article's extraction is read
    and dropped, so the process is free for the project's further sources."""
    from tests.library_helpers import make_project, save

    project = save(tmp_path / "notes", "earlier", make_project(
        "Turkiye and Somalia defence talks", "2024-02-08", people=[("Yasar Guler", "Minister of Defence", "TR")]))
    window = make_window()
    assert window.open_path(seed_path)  # the process starts reading the seed
    child = child_extraction.current()
    assert window.open_project(project)  # ... and the analyst opens a project instead
    qtbot.waitUntil(lambda: child.jobs == 1 and not child.busy, timeout=60000)
    assert window.document.path == project  # the seed, read meanwhile, did not replace it
    assert window.add_source_files([PAIR / "b.txt"])
    wait_for_sources(qtbot, window, 2)
    assert child_extraction.current() is child and child.jobs == 2
    assert extractions_here == [] and answers.errors == []
