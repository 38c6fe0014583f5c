"""Saving, reopening, exporting, the clipboard, autosave and recovery, closing with changes."""
from __future__ import annotations

import datetime as dt

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pypdf import PdfReader

from tests.gui.conftest import load


def set_title(window, title: str) -> None:  # noqa: ANN001
    edit = window.note_editor.header_edits["title"]
    edit.setText(title)
    edit.editingFinished.emit()


def test_save_and_reopen_project(window, make_window, qtbot, tmp_path, monkeypatch):  # noqa: ANN001
    set_title(window, "Kishi in Hanoi")
    target = tmp_path / "projects" / "kishi.briefing"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.save_action.isEnabled()
    window.save_action.trigger()
    assert target.is_file()
    assert not window.isWindowModified() and window.windowTitle().startswith("Kishi in Hanoi — kishi.briefing")
    assert str(target.resolve()) in window.window_state.recent_files
    other = make_window()
    load(qtbot, other, target)
    assert other.document.note.header.title == "Kishi in Hanoi"
    assert other.note_editor.header_edits["title"].text() == "Kishi in Hanoi"
    assert len(other.document.note.participants) == len(window.document.note.participants)
    assert other.article_view.highlight_count() > 0
    assert not other.isWindowModified()


def test_export_buttons_write_valid_files(window, tmp_path):  # noqa: ANN001
    set_title(window, "Japan and Vietnam deepen defence ties")
    asked = []
    window.ask_draft_export = lambda missing: asked.append(missing) or "draft"  # the seed is a draft
    window.export_docx_action.trigger()
    window.export_pdf_action.trigger()
    assert asked and "Issue" in asked[0]
    folder = tmp_path / "exports"
    docx_file = folder / f"{dt.date.today().isoformat()}_japan-and-vietnam-deepen-defence-ties.docx"
    pdf_file = docx_file.with_suffix(".pdf")
    assert docx_file.is_file() and pdf_file.is_file()
    text = "\n".join(p.text for p in Document(str(docx_file)).paragraphs)
    assert "Japan and Vietnam deepen defence ties" in text
    pdf_text = "".join(page.extract_text() for page in PdfReader(str(pdf_file)).pages)
    assert "Japan and Vietnam deepen defence ties" in pdf_text
    assert window.last_export == pdf_file
    assert "open folder" in window.export_links.text()


def test_export_failure_keeps_work_and_explains(window, tmp_path, monkeypatch):  # noqa: ANN001
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    window.preferences.export_folder = str(blocker)
    set_title(window, "Work to keep")
    shown = []
    monkeypatch.setattr(type(window), "show_error", lambda self, what, detail, advice: shown.append(what))
    assert window.quick_export("pdf") is None
    assert shown == ["Export failed"]
    assert window.document.note is not None and window.isWindowModified()


def test_new_from_clipboard(make_window, qtbot, seed_path):  # noqa: ANN001
    window = make_window()
    QGuiApplication.clipboard().setText(seed_path.read_text(encoding="utf-8"))
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        assert window.new_from_clipboard()
    assert window.document.article.source == "clipboard"
    assert any(p.name == "Nobuo Kishi" for p in window.document.note.participants)


def test_autosave_then_recovery(window, make_window, answers, data_dir):  # noqa: ANN001
    set_title(window, "Recover me")
    copy = window.autosaver.save_now()
    assert copy is not None and copy.is_file() and copy.parent.parent == data_dir
    # the session "crashes": a new window starts and finds the copy
    answers.reply = QMessageBox.StandardButton.Yes
    second = make_window()
    assert second.offer_recovery()
    assert answers.asked[-1] == "Recover unsaved work?"
    assert second.document.note.header.title == "Recover me"
    assert second.isWindowModified()
    assert second.article_view.article is not None


def test_declining_recovery_discards_the_copy(window, make_window, answers):  # noqa: ANN001
    set_title(window, "Lost on purpose")
    copy = window.autosaver.save_now()
    answers.reply = QMessageBox.StandardButton.No
    second = make_window()
    assert not second.offer_recovery()
    assert not copy.exists()


def test_close_with_unsaved_changes_asks(window, answers):  # noqa: ANN001
    set_title(window, "Unsaved")
    answers.reply = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert answers.asked == ["Unsaved changes"] and window.isVisible()
    answers.reply = QMessageBox.StandardButton.Discard
    assert window.close()
    assert len(answers.asked) == 2


def test_opening_another_file_asks_first(window, answers, seed_path):  # noqa: ANN001
    set_title(window, "Unsaved")
    answers.reply = QMessageBox.StandardButton.Cancel
    assert not window.open_path(seed_path)
    assert answers.asked == ["Unsaved changes"]
    assert window.document.note.header.title == "Unsaved"


def test_bad_article_file_shows_clear_error(make_window, tmp_path, monkeypatch, qtbot):  # noqa: ANN001
    window = make_window()
    shown = []
    monkeypatch.setattr(type(window), "show_error", lambda self, what, detail, advice: shown.append((what, detail)))
    assert not window.open_path(tmp_path / "missing.txt")
    assert shown and "missing.txt" in shown[0][1]
    unreadable = tmp_path / "scan.pdf"
    unreadable.write_bytes(b"%PDF-1.4 this is not really a PDF")
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        assert window.open_path(unreadable)  # read in the background; the error follows
    assert shown[-1][0] == "Could not read the article" and "scan.pdf" in shown[-1][1]
    assert window.document.note is None and not window.busy_bar.isVisible()


@pytest.mark.parametrize("name", ["broken.briefing"])
def test_damaged_project_shows_clear_error(make_window, tmp_path, monkeypatch, name):  # noqa: ANN001
    window = make_window()
    path = tmp_path / name
    path.write_text("{not json")
    shown = []
    monkeypatch.setattr(type(window), "show_error", lambda self, what, detail, advice: shown.append((what, detail)))
    assert not window.open_path(path)
    assert shown[0][0] == "Could not open the project" and name in shown[0][1]


def test_preferences_are_typed_and_apart_from_window_state(data_dir):  # noqa: ANN001
    from briefing.gui.settings import Preferences, WindowState

    prefs = Preferences()
    assert prefs.autosave_seconds == 60 and prefs.export_folder.endswith(str(Path("Documents") / "Briefings"))
    prefs.autosave_seconds = 30
    prefs.analyst_name = "A. Analyst"
    again = Preferences()
    assert again.autosave_seconds == 30 and isinstance(again.autosave_seconds, int)
    assert again.analyst_name == "A. Analyst"
    state = WindowState()
    state.add_recent_file(data_dir / "x.briefing")
    assert (data_dir / "preferences.toml").is_file() and (data_dir / "window.ini").is_file()
    assert "recent" not in (data_dir / "preferences.toml").read_text()


def test_preferences_dialog_writes_typed_values(make_window, tmp_path):  # noqa: ANN001
    from briefing.gui.preferences_dialog import PreferencesDialog

    window = make_window()
    dialog = PreferencesDialog(window.preferences, window)
    dialog.fields["analyst_name"].setText("J. Smith")
    dialog.fields["autosave_seconds"].setValue(45)
    dialog.fields["export_folder"].setText(str(tmp_path / "out"))
    dialog.accept()
    assert window.preferences.analyst_name == "J. Smith"
    assert window.preferences.autosave_seconds == 45
    assert window.preferences.export_folder == str(tmp_path / "out")


def test_window_state_is_restored(make_window):  # noqa: ANN001
    first = make_window()
    first.resize(701, 555)  # the offscreen screen is small: stay inside it
    first.splitter.setSizes([250, 450, 0])
    first.save_window_state()
    second = make_window()
    assert second.size().width() == 701
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0]


def test_failed_save_explains_and_keeps_work(window, tmp_path, answers, monkeypatch):  # noqa: ANN001
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    target = blocker / "note.briefing"  # a folder that cannot exist
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    set_title(window, "Work to keep")
    assert not window.save()
    assert answers.errors and "Could not save the project" in answers.errors[-1]
    assert window.document.note is not None and window.isWindowModified()
    assert window.document.path is None


def test_export_file_names_are_safe():
    from briefing.gui.export_actions import export_file_name

    assert export_file_name("2021-09-13", "Japan & Vietnam: defence/pact?", "pdf") == \
        "2021-09-13_japan-vietnam-defence-pact.pdf"
    assert export_file_name("", "", "docx") == "briefing.docx"
    assert export_file_name("13/09/2021", "Ünïcode title", "docx") == "13-09-2021_ünïcode-title.docx"


def test_a_note_named_in_bytes_opens_from_its_shown_name_and_saves_in_place(make_window, tmp_path, seed_path):
    import os

    from briefing.cli import main

    real = os.fsdecode(os.fsencode(str(tmp_path)) + b"/r\xe9port.briefing")
    assert main(["draft", str(seed_path), "-o", real]) == 0
    window = make_window()
    assert window.open_project(Path(f"{tmp_path}/r\ufffdport.briefing"), ask=False)  # as the library lists it
    assert window.document.path == Path(real)
    assert window.save()
    assert not (tmp_path / "r\ufffdport.briefing").exists()  # saved in place, not beside it as shown
