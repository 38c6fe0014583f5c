"""Template editor dialog, template picker, check panel and PDF preview."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_template_editor_saves_user_template(window, data_dir):  # noqa: ANN001
    from briefing.gui.template_editor import TemplateEditor
    from briefing.templates import list_templates, load_template

    dialog = TemplateEditor(window.document.note.template, window)
    first = dialog.sections.item(0, 0)
    first.setText("Bottom line up front")
    marking = dialog.default_marking
    marking.level.setCurrentIndex(marking.level.findData("SECRET"))  # the scheme's levels, not free text
    dialog.band_edits[("footer", "left")].setText("Briefing {date}")
    dialog.page_size.setCurrentText("Letter")
    dialog.name_edit.setText("my-ministerial")
    dialog.save()
    assert dialog.saved_name == "my-ministerial"
    saved = load_template("my-ministerial")
    assert saved.origin == "user" and saved.classification == "SECRET"
    assert saved.sections[0].heading == "Bottom line up front"
    assert saved.page_size == "Letter" and saved.footer.left == "Briefing {date}"
    assert (data_dir / "templates" / "my-ministerial" / "template.toml").is_file()
    assert "my-ministerial" in {t.name for t in list_templates()}


def test_unticked_section_is_left_out(window):  # noqa: ANN001
    from briefing.gui.template_editor import TemplateEditor

    dialog = TemplateEditor(window.document.note.template, window)
    count = len(dialog.section_specs())
    dialog.sections.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert len(dialog.section_specs()) == count - 1


def test_template_picker_changes_note_template_undoably(window):  # noqa: ANN001
    picker = window.template_picker
    names = [picker.itemData(i) for i in range(picker.count())]
    assert window.document.note.template in names and len(names) >= 2
    other = next(n for n in names if n and n != window.document.note.template)
    before = window.document.note.template
    picker.setCurrentIndex(names.index(other))
    picker.activated.emit(names.index(other))
    assert window.document.note.template == other
    window.document.undo_stack.undo()
    assert window.document.note.template == before
    assert picker.currentData() == before


def test_check_panel_lists_problems_and_goes_to_item(window):  # noqa: ANN001
    from briefing.note.edits import update_item

    quote = window.document.note.quotes[0]
    window.document.edit(update_item, "quotes", quote.id, text="The Kremlin 𓀀 said")
    problems = window.run_check()
    assert window.check_dock.isVisible()
    assert window.check_list.count() == max(1, len(problems))
    with_item = [i for i in range(window.check_list.count())
                 if (window.check_list.item(i).data(Qt.ItemDataRole.UserRole) or ("", ""))[1]]
    if with_item:
        entry = window.check_list.item(with_item[0])
        window.go_to_problem(entry)
        section, item_id = entry.data(Qt.ItemDataRole.UserRole)
        found = window.document.note.find_item(item_id)
        assert window.note_editor.sections[found[0]].current_item_id() == item_id


def test_preview_renders_pdf_after_edit(window, qtbot):  # noqa: ANN001
    window.preview_action.setChecked(True)
    window.toggle_preview()
    qtbot.waitUntil(lambda: window.preview.renders >= 1, timeout=60000)
    assert window.preview.pdf.pageCount() >= 1
    edit = window.note_editor.header_edits["title"]
    edit.setText("Preview follows edits")
    edit.editingFinished.emit()
    assert window.preview.timer.isActive()  # debounced, not rendered while typing
    qtbot.waitUntil(lambda: window.preview.renders >= 2, timeout=60000)
    assert window.preview.pdf.pageCount() >= 1


def test_template_text_sections_get_editors_and_clear_check_problems(window):  # noqa: ANN001
    editors = window.note_editor.extra_editors
    assert "issue" in editors  # the ministerial template asks the analyst for an Issue
    before = [p.message for p in window.run_check()]
    assert any("Issue" in m for m in before)
    editors["issue"].edit.setPlainText("Whether Japan's equipment transfers change the regional balance.")
    editors["issue"].commit()
    assert window.document.note.extra("issue").startswith("Whether Japan")
    after = [p.message for p in window.run_check()]
    assert not any("'Issue'" in m for m in after)
    entry = window.check_list.item(0)
    window.go_to_problem(entry)  # focuses the editor of the section still empty
    window.document.undo_stack.undo()
    assert window.document.note.extra("issue") == ""
    assert editors["issue"].markup() == ""


def test_template_editor_copies_a_new_logo(window, tmp_path, monkeypatch):  # noqa: ANN001
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QFileDialog

    from briefing.gui.template_editor import TemplateEditor
    from briefing.templates import load_template

    logo = tmp_path / "crest.png"
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f3864"))
    assert image.save(str(logo))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(logo), "")))
    dialog = TemplateEditor("one-page", window)
    dialog._pick_logo()
    dialog.name_edit.setText("with-crest")
    dialog.save()
    saved = load_template("with-crest")
    assert saved.logo == "crest.png" and saved.logo_path.is_file()
    assert saved.logo_path.read_bytes() == logo.read_bytes()


def test_template_editor_reports_bad_name_and_stays_open(window, answers):  # noqa: ANN001
    from briefing.gui.template_editor import TemplateEditor

    dialog = TemplateEditor("ministerial", window)
    dialog.name_edit.setText("no spaces allowed!")
    dialog.save()
    assert dialog.saved_name is None and answers.errors
    assert "invalid template name" in answers.errors[-1]
