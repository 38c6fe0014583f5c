"""The writing-tool habits: keys that work while typing, one undo history, find, print, zoom, names."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pypdf import PdfReader

from tests.gui.test_richtext_roundtrip import type_text


def docx_text(path: Path) -> str:
    """Paragraphs and table cells of a DOCX file."""
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_export_keys_work_while_typing_and_export_what_is_on_screen(window, tmp_path):  # noqa: ANN001
    folder = tmp_path / "exports"
    field = window.note_editor.sections["agreements"].cards[window.document.note.agreements[0].id].fields["text"]
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "Typed and never confirmed")
    QTest.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E, the cursor in the box
    docx_files = sorted(folder.glob("*.docx"))
    assert len(docx_files) == 1 and "Typed and never confirmed" in docx_text(docx_files[0])
    summary = window.note_editor.summary.edit
    summary.setFocus()
    QTest.keyClicks(summary, " Still typing")
    QTest.keyClick(summary, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    pdf_files = sorted(folder.glob("*.pdf"))
    assert len(pdf_files) == 1
    assert "Still typing" in "".join(p.extract_text() for p in PdfReader(str(pdf_files[0])).pages)
    title = window.note_editor.header_edits["title"]
    title.setFocus()
    title.selectAll()
    QTest.keyClicks(title, "Typed title")
    QTest.keyClick(title, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    docx_files = sorted(folder.glob("*.docx"), key=lambda p: p.stat().st_mtime)
    assert len(docx_files) == 2 and "Typed title" in docx_text(docx_files[-1])


def test_one_click_export_never_replaces_an_earlier_file(window, tmp_path):  # noqa: ANN001
    first = window.quick_export("pdf")
    second = window.quick_export("pdf")
    assert first != second and first.is_file() and second.is_file()
    assert second.name == first.stem + "-2.pdf"


def test_save_dialog_proposes_a_name_windows_accepts(window, monkeypatch):  # noqa: ANN001
    proposed = []

    def dialog(parent, caption, start, *args, **kwargs):  # noqa: ANN001,ANN202
        proposed.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    window.note_editor.header_edits["title"].setText("Japan–Vietnam: talks / pact?")
    window.save_as()
    name = Path(proposed[0]).name
    assert name == "Japan–Vietnam - talks - pact.briefing"
    assert not set('<>:"/\\|?*') & set(name)


def test_ctrl_z_in_a_text_box_undoes_in_the_note_and_keeps_redo(window):  # noqa: ANN001
    summary = window.note_editor.summary
    before = window.document.note.summary
    summary.edit.setFocus()
    summary.edit.moveCursor(summary.edit.textCursor().MoveOperation.End)
    QTest.keyClicks(summary.edit, " Added words")
    QTest.keyClick(summary.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.note.summary == before
    assert summary.markup() == before
    assert window.document.undo_stack.canRedo()  # undo did not record a new step
    QTest.keyClick(summary.edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.document.note.summary.endswith("Added words")
    assert summary.markup().endswith("Added words")
    QTest.keyClick(summary.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.redo_action.trigger()  # the toolbar and the keys act on the same history
    assert window.document.note.summary.endswith("Added words")


def test_typing_bursts_are_one_undo_step_each(window, monkeypatch):  # noqa: ANN001
    import briefing.gui.commands as commands

    field = window.note_editor.header_edits["title"]
    clock = [1000.0]
    monkeypatch.setattr(commands.time, "monotonic", lambda: clock[0])
    for text in ("A", "AB", "ABC"):  # one burst: commits 1 s apart
        field.setText(text)
        field.commit()
        clock[0] += 1
    clock[0] += 10  # a pause
    field.setText("ABC D")
    field.commit()
    window.undo_action.trigger()
    assert window.document.note.header.title == "ABC"
    window.undo_action.trigger()
    assert window.document.note.header.title not in ("A", "AB", "ABC")


def test_toolbar_does_not_shift_when_undo_text_changes(window):  # noqa: ANN001
    toolbar = window.findChild(type(window.addToolBar("probe")), "main-toolbar")
    export = toolbar.widgetForAction(window.export_docx_action)
    x = export.x()
    window.note_editor.header_edits["title"].setText("A much longer title for the undo text to name")
    window.note_editor.flush()
    assert window.undo_action.isEnabled() and "Edit title" in window.undo_action.toolTip()
    assert export.x() == x


def test_find_goes_through_article_and_note_with_f3(window):  # noqa: ANN001
    window.note_editor.summary.set_markup("Kishi met his counterpart.")
    QTest.keyClick(window.article_view.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    QTest.keyClicks(bar.field, "kishi")
    matches = bar.matches
    in_article = [m for m in matches if m.widget is window.article_view.text]
    in_note = [m for m in matches if m.widget is not window.article_view.text]
    assert in_article and in_note and bar.count.text() == f"1 of {len(matches)}"
    assert any(m.widget is window.note_editor.summary.edit for m in in_note)
    assert any(window.note_editor.sections["participants"].isAncestorOf(m.widget) for m in in_note)
    for _ in range(len(in_article)):
        QTest.keyClick(bar.field, Qt.Key.Key_F3)
    current = bar.matches[bar.current]
    assert current.widget is not window.article_view.text  # F3 went on into the note
    QTest.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current == len(in_article) - 1
    selected = window.article_view.text.textCursor().selectedText()
    assert selected.lower() == "kishi"
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_in_a_card_makes_its_item_current(window):  # noqa: ANN001
    cards = window.note_editor.sections["agreements"]
    agreement = window.document.note.agreements[1]
    cards.cards[agreement.id].fields["text"].setPlainText("Xylophone accord on ports")
    window.find_bar.start()
    window.find_bar.field.setText("xylophone")
    assert len(window.find_bar.matches) == 1
    assert cards.cards[agreement.id].isAncestorOf(window.find_bar.matches[0].widget)
    assert cards.current_item_id() == agreement.id
    assert window.article_view.focus_spans == [tuple(s) for s in agreement.source_spans]


def test_print_sends_every_page_of_the_exported_pdf(window, tmp_path):  # noqa: ANN001
    from PySide6.QtPrintSupport import QPrinter

    exported = window.export_to(tmp_path / "note.pdf")
    pages = len(PdfReader(str(exported)).pages)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert window.print_note(printer)
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == pages
    assert window.print_action.shortcut().toString() == "Ctrl+P"


def test_preview_zoom_and_fit_width(window, qtbot):  # noqa: ANN001
    from PySide6.QtPdfWidgets import QPdfView

    window.preview_action.setChecked(True)
    window.toggle_preview()
    preview = window.preview
    qtbot.waitUntil(lambda: preview.renders > 0, timeout=30000)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fit = preview.shown_zoom()
    preview.zoom_in_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert abs(preview.view.zoomFactor() - fit * 1.25) < 0.01
    assert preview.zoom_label.text().strip().endswith("%")
    preview.zoom_out_button.click()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() < fit
    preview.fit_width_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    preview.fit_page_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitInView


def test_preview_shows_what_is_being_typed(window, qtbot):  # noqa: ANN001
    from pypdf import PdfReader as Reader

    window.preview_action.setChecked(True)
    window.toggle_preview()
    qtbot.waitUntil(lambda: window.preview.renders > 0, timeout=30000)
    summary = window.note_editor.summary.edit
    summary.setFocus()
    type_text(summary, " Zanzibar words")
    renders = window.preview.renders
    window.preview.render_now()
    qtbot.waitUntil(lambda: window.preview.renders > renders, timeout=30000)
    path = window.preview._folder / f"preview-{window.preview._turn}.pdf"
    assert "Zanzibar words" in "".join(p.extract_text() for p in Reader(str(path)).pages)


def test_preview_files_live_only_while_a_preview_is_shown(window, qtbot):  # noqa: ANN001
    """A window that never previews makes no temporary folder; closing removes the one made."""
    assert window.preview._folder is None
    window.preview_action.setChecked(True)
    window.toggle_preview()
    qtbot.waitUntil(lambda: window.preview.renders > 0, timeout=30000)
    folder = window.preview._folder
    assert folder is not None and any(folder.glob("preview-*.pdf"))
    window.preview.cleanup()
    assert not folder.exists()


def test_open_dialog_offers_only_readable_formats():
    from briefing.gui.file_actions import article_filter

    assert article_filter() == "Articles (*.txt *.text *.html *.htm *.docx *.pdf)"
