"""GUI test fixtures: a main window with the seed loaded, settings and data in tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")


@pytest.fixture(autouse=True, scope="session")
def _extraction_child_ends_first():  # noqa: ANN202
    """The shared extraction process is stopped, and the pool threads waiting on it have
    returned, before the interpreter shuts down (as the composer does when it quits)."""
    yield
    from briefing.gui import child_extraction
    from briefing.gui.workers import wait_for_all

    child_extraction.stop()
    wait_for_all()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(folder))
    return folder


class Answers:
    """Records every QMessageBox question; answers each with ``reply``."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.asked: list[str] = []
        self.errors: list[str] = []  # texts of message boxes shown (never left blocking a test)
        self.reply = QMessageBox.StandardButton.Discard

    def question(self, parent, title, text, *args, **kwargs):  # noqa: ANN001,ANN201
        self.asked.append(title)
        return self.reply

    def show(self, box):  # noqa: ANN001,ANN201 - replaces QMessageBox.exec
        self.errors.append(f"{box.text()} {box.informativeText()}")
        return 0


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    from PySide6.QtWidgets import QMessageBox

    recorder = Answers()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(recorder.question))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.show(box))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda parent, title, text, *a, **k: recorder.errors.append(f"{title} {text}")))
    return recorder


def load(qtbot, window, path: Path) -> None:  # noqa: ANN001
    """Open ``path`` in ``window`` and wait until the extraction is displayed."""
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        assert window.open_path(path)


@pytest.fixture
def make_window(qtbot, tmp_path: Path, data_dir: Path, answers: Answers):  # noqa: ANN001,ANN201
    """Factory of main windows; on teardown they are marked saved so closing never asks."""
    from briefing.gui.main_window import MainWindow

    made = []

    def make():  # noqa: ANN202
        window = MainWindow()
        window.preferences.export_folder = str(tmp_path / "exports")
        window.ask_draft_export = lambda missing: "draft"  # tests that ask about drafts set their own
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.document.forget_changes()


@pytest.fixture
def window(qtbot, make_window, answers: Answers, seed_path: Path):  # noqa: ANN001,ANN201
    """Main window with the seed article extracted and drafted."""
    win = make_window()
    load(qtbot, win, seed_path)
    assert answers.errors == []
    return win


@pytest.fixture
def extractions_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each extraction done in this (the window's) process."""
    import briefing.extract

    calls: list[str] = []
    real = briefing.extract.extract

    def counted(article):  # noqa: ANN001,ANN202
        calls.append(article.source)
        return real(article)

    monkeypatch.setattr(briefing.extract, "extract", counted)
    return calls
