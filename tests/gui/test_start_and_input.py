"""Start-up choice, drag and drop, plain-text paste and formatting in the summary editor."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefing.gui.app import open_start_file, sample_article


def test_first_start_opens_the_sample_article(make_window, qtbot):  # noqa: ANN001
    window = make_window()
    assert sample_article() is not None
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        open_start_file(window, None)
    assert window.document.article.source == sample_article().name
    assert window.document.note is not None


def test_later_start_reopens_the_last_project(window, make_window, qtbot, tmp_path, monkeypatch):  # noqa: ANN001
    target = tmp_path / "last.briefing"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.save()
    second = make_window()
    with qtbot.waitSignal(second.extraction_displayed, timeout=60000):
        open_start_file(second, None)
    assert second.document.path == target and not second.isWindowModified()


def test_drop_an_article_file_onto_the_window(make_window, qtbot, seed_path):  # noqa: ANN001
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seed_path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        window.dropEvent(event)
    assert window.document.article.paragraphs[0].startswith("Japan and Vietnam")


def test_summary_paste_is_plain_text_and_bold_becomes_markup(window):  # noqa: ANN001
    summary = window.note_editor.summary
    mime = QMimeData()
    mime.setHtml("<h1 style='color:red'>Loud</h1><p><b>pasted</b> words</p>")
    mime.setText("Loud pasted words")
    summary.edit.clear()
    summary.edit.insertFromMimeData(mime)
    assert summary.markup() == "Loud pasted words"
    summary.edit.selectAll()
    summary.bold.trigger()
    summary.commit()
    assert window.document.note.summary == "**Loud pasted words**"
    assert "Edit summary" in window.undo_action.toolTip()
    window.undo_action.trigger()
    assert "**" not in window.document.note.summary


def test_summary_bullets_round_trip(window):  # noqa: ANN001
    summary = window.note_editor.summary
    summary.set_markup("First point\n\nSecond point")
    summary.edit.selectAll()
    summary.bullets.trigger()
    summary.commit()
    assert window.document.note.summary.splitlines() == ["- First point", "- Second point"]


def test_focus_loss_autosaves(window, data_dir):  # noqa: ANN001
    window.note_editor.header_edits["title"].setText("Typed, then the window lost focus")
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert window.autosaver.path.is_file() and window.autosaver.path.parent == data_dir / "autosave"


def test_untouched_draft_is_not_autosaved(window):  # noqa: ANN001
    assert window.autosaver.save_now() is None and not window.autosaver.path.exists()


def test_save_removes_the_recovery_copy(window, data_dir, tmp_path, monkeypatch):  # noqa: ANN001
    window.note_editor.header_edits["title"].setText("Worth keeping")
    copy = window.autosaver.save_now()
    assert copy.is_file()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "saved.briefing"), "")))
    assert window.save()
    assert not copy.exists()
    assert window.autosaver.save_now() is None  # nothing unsaved, nothing written


def test_clipboard_without_text_explains(make_window, answers):  # noqa: ANN001
    window = make_window()
    QGuiApplication.clipboard().clear()
    assert not window.new_from_clipboard()
    assert answers.errors and "clipboard holds no text" in answers.errors[0]
    assert QMessageBox  # message boxes are patched by the answers fixture


def test_long_summary_is_not_hard_wrapped(window):  # noqa: ANN001
    summary = window.note_editor.summary
    long_text = "Ministers met. " * 12 + "- this dash is not a bullet " + "and more words " * 6
    summary.set_markup("")
    summary.edit.setPlainText(long_text.strip())
    summary.commit()
    assert window.document.note.summary == long_text.strip()
    assert "\n" not in window.document.note.summary


def test_open_a_docx_article(make_window, qtbot, tmp_path):  # noqa: ANN001
    from docx import Document

    path = tmp_path / "pact.docx"
    document = Document()
    document.add_heading("Japan and Vietnam sign defence pact", 1)
    document.add_paragraph("Japanese Defence Minister Nobuo Kishi met his Vietnamese counterpart "
                           "Phan Van Giang in Hanoi on Saturday.")
    document.save(str(path))
    window = make_window()
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        assert window.open_path(path)
    assert window.document.note is not None
    assert "Nobuo Kishi" in window.article_view.text.toPlainText()
    assert window.windowTitle().startswith("Japan and Vietnam sign defence pact — pact.docx (not saved)")


def test_an_unreadable_preferences_file_opens_the_composer_with_the_defaults_and_says_so(qtbot, data_dir):
    from briefing.gui.main_window import MainWindow

    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "preferences.toml"
    with open(path, "wb") as fh:
        fh.write(b'[preferences]\nanalyst_name = "From The File"\n')
        fh.truncate(200 * 1024 * 1024)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.preferences.analyst_name == "" and window.preferences.default_template == "ministerial"
    message = window.statusBar().currentMessage()
    assert message == f"{path}: too large (209.7 MB; the limit is 1 MB); the preferences are the defaults"
    assert path.stat().st_size == 200 * 1024 * 1024
