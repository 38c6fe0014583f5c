"""Articles read and extracted in a child process: the window shows the child's records, for
the start article and the ones opened later; a child that dies falls back to extracting in
the window's process; a child over its time limit or an unreadable file is a clear message;
opening something else stops the start article's child."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QTimer

from briefing.extraction_process import start
from briefing.gui import child_extraction
from briefing.gui.app import open_start_file


@pytest.fixture(autouse=True)
def _no_child_left():  # noqa: ANN202 - each test starts and ends without a shared child
    child_extraction.stop()
    yield
    child_extraction.stop()


def test_window_shows_the_extraction_from_the_child(make_window, qtbot, seed_path, answers,  # noqa: ANN001
                                                    extractions_here):
    window = make_window()
    early = start(seed_path, fork=False)  # the test process runs threads: a new interpreter
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        open_start_file(window, seed_path, early=early)
    assert extractions_here == []  # nothing was extracted here
    assert early.alive and child_extraction.current() is early
    assert answers.errors == []
    assert window.document.article.paragraphs[0].startswith("Japan and Vietnam")
    assert {p.name for p in window.document.extraction.participants} >= {"Nobuo Kishi", "Phan Van Giang"}
    assert len(window.document.note.participants) == len(window.document.extraction.participants)
    assert window.article_view.text.toPlainText().startswith("Japan and Vietnam")
    assert window.article_view.highlight_count() > 0  # the extraction is highlighted


def test_child_killed_before_the_article_falls_back(make_window, qtbot, seed_path, answers,  # noqa: ANN001
                                                    extractions_here):
    window = make_window()
    early = start(seed_path, fork=False)
    os.kill(early.pid, signal.SIGKILL)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        open_start_file(window, seed_path, early=early)
    assert answers.errors == []
    assert extractions_here == [seed_path.name]  # done here instead
    assert window.document.note is not None and window.document.note.participants


def test_child_killed_after_the_article_falls_back(make_window, qtbot, seed_path, answers,  # noqa: ANN001
                                                   extractions_here):
    window = make_window()
    early = start(seed_path, fork=False)
    killed: list[int] = []

    def kill() -> None:  # once the article is on screen
        if not killed:
            killed.append(early.pid)
            os.kill(early.pid, signal.SIGKILL)

    window.document.reset.connect(kill)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        open_start_file(window, seed_path, early=early)
    assert os.WIFSIGNALED(early.exit_status)  # it was killed, not finished
    assert answers.errors == []
    assert extractions_here == [seed_path.name]
    assert window.document.note is not None and window.document.note.participants


def test_child_over_its_time_limit_is_a_clear_message(make_window, qtbot, seed_path, answers,  # noqa: ANN001
                                                      extractions_here):
    window = make_window()
    early = start(seed_path, timeout=0.5, fork=False)  # a new interpreter cannot load spaCy in time
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        open_start_file(window, seed_path, early=early)
    assert len(answers.errors) == 1 and "timed out after 0.5 s" in answers.errors[0]
    assert "Traceback" not in answers.errors[0]
    assert extractions_here == []  # not tried again here: it would only hang again
    assert window.document.note is None


def test_unreadable_start_file_is_a_clear_message(make_window, qtbot, tmp_path, answers):  # noqa: ANN001
    window = make_window()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    early = start(empty, fork=False)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        open_start_file(window, empty, early=early)
    assert len(answers.errors) == 1
    assert answers.errors[0].startswith("Could not read the article") and "empty.txt: empty file" in answers.errors[0]


def other_article(seed_path: Path, folder: Path) -> Path:
    other = folder / "other.txt"
    other.write_text(seed_path.read_text(encoding="utf-8").replace("Japan and Vietnam", "Japan and Laos", 1),
                     encoding="utf-8")
    return other


def test_opening_another_article_first_stops_the_child(make_window, qtbot, seed_path, tmp_path, answers,  # noqa: ANN001
                                                       extractions_here):
    window = make_window()
    early = start(seed_path, fork=False)
    window.adopt_early(early)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        window.open_path(other_article(seed_path, tmp_path))
    assert early.exit_status is not None and os.WIFSIGNALED(early.exit_status)
    assert window.document.article.paragraphs[0].startswith("Japan and Laos")
    assert answers.errors == [] and extractions_here == []  # a new child extracted it
    assert child_extraction.current() is not early


def test_later_articles_go_to_the_same_child(make_window, qtbot, seed_path, tmp_path, answers,  # noqa: ANN001
                                             extractions_here, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    early = start(seed_path, fork=False)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        open_start_file(window, seed_path, early=early)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        window.open_path(other_article(seed_path, tmp_path))
    assert window.document.article.paragraphs[0].startswith("Japan and Laos")
    assert any(c.code == "LA" for c in window.document.extraction.countries)
    QGuiApplication.clipboard().setText(seed_path.read_text(encoding="utf-8"))
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        assert window.new_from_clipboard()
    assert window.document.article.source == "clipboard" and window.document.note.participants
    assert child_extraction.current() is early and early.jobs == 3
    assert extractions_here == [] and answers.errors == []


def test_command_with_an_unreadable_article_is_one_line(tmp_path):  # noqa: ANN001
    """``briefing gui FILE`` forks its child before Qt loads; its error is one line."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    env = dict(os.environ, BRIEFING_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "briefing", "gui", str(empty), "--screenshot",
                             str(tmp_path / "x.png")], env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("briefing:")]
    assert len(lines) == 1 and "empty.txt: empty file" in lines[0] and "Traceback" not in result.stderr


def test_article_left_before_its_extraction_is_not_extracted_here(make_window, qtbot, seed_path, tmp_path,  # noqa: ANN001
                                                                   answers, extractions_here):
    """Opening B while A is being extracted stops A's child; A is not then extracted here."""
    window = make_window()
    early = start(seed_path, fork=False)
    window.adopt_early(early)
    other = other_article(seed_path, tmp_path)
    opened: list[bool] = []

    def open_other() -> None:  # as soon as A is on screen, before its extraction (the next turn)
        if not opened:
            opened.append(False)
            QTimer.singleShot(0, lambda: opened.append(window.open_path(other)))

    window.document.reset.connect(open_other)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        window.open_path(seed_path)
    assert opened == [False, True] and os.WIFSIGNALED(early.exit_status)
    assert window.document.article.paragraphs[0].startswith("Japan and Laos")
    assert window.document.note is not None
    assert extractions_here == [] and answers.errors == []


def test_article_over_the_memory_limit_is_one_line_and_not_extracted_here(make_window, qtbot, seed_path,  # noqa: ANN001
                                                                          tmp_path, answers, extractions_here,
                                                                          monkeypatch):
    """An extraction process allowed 1 MiB more than it starts with: one line, no note, and
    the window does not take the memory instead."""
    import briefing.extraction_process

    monkeypatch.setattr(briefing.extraction_process, "MEMORY_LIMIT_MIB", 1)
    long = tmp_path / "long.txt"
    long.write_text(seed_path.read_text(encoding="utf-8") * 60, encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        window.open_path(long)
    assert len(answers.errors) == 1, answers.errors
    assert "long.txt: reading and extracting it needs more memory than allowed (1 MiB)" in answers.errors[0]
    assert "language model" not in answers.errors[0] and "Traceback" not in answers.errors[0]
    assert extractions_here == [] and window.document.note is None and not window.busy_bar.isVisible()
