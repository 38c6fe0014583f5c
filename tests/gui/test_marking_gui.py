"""The composer's marking, header, source and draft-export controls, driven like an analyst would."""
from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt


def pick_level(widget, name: str) -> None:  # noqa: ANN001
    widget.level.setCurrentIndex(widget.level.findData(name))


def test_classification_is_chosen_from_the_scheme_and_undoable(window):  # noqa: ANN001
    header = window.note_editor.header_fields
    widget = header.classification
    assert [widget.level.itemText(i) for i in range(widget.level.count())] == [
        "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"]  # the UK scheme of the template
    pick_level(widget, "SECRET")
    assert window.document.note.header.classification == "SECRET"
    widget.actions["UK EYES ONLY"].setChecked(True)
    assert window.document.note.header.classification == "SECRET \u2013 UK EYES ONLY"
    assert "SECRET \u2013 UK EYES ONLY" in widget.preview.text()
    window.undo_action.trigger()
    assert window.document.note.header.classification == "SECRET"
    assert not widget.actions["UK EYES ONLY"].isChecked()


def test_release_list_must_follow_the_scheme(window):  # noqa: ANN001
    window.document.edit(__import__("briefing.note.edits", fromlist=["set_field"]).set_field, "template", "intsum")
    widget = window.note_editor.header_fields.classification
    assert widget.level.itemText(0) == "UNCLASSIFIED"
    pick_level(widget, "SECRET")
    widget.actions["REL TO"].setChecked(True)
    assert widget.countries.isVisible() and widget.countries.text() == "USA"
    widget.countries.setText("GBR, USA")
    widget.countries.editingFinished.emit()
    assert widget.error.isVisible() and "USA first" in widget.error.text()
    assert window.document.note.header.classification == "SECRET//REL TO USA"
    widget.countries.setText("USA, AUS, GBR")
    widget.countries.editingFinished.emit()
    assert not widget.error.isVisible()
    assert window.document.note.header.classification == "SECRET//REL TO USA, AUS, GBR"
    authority = window.note_editor.header_fields.authority_edits
    assert authority["classified_by"].isVisible() and not authority["poc"].isVisible()


def test_portion_level_of_the_selected_item(window):  # noqa: ANN001
    from briefing.export.outline import build_outline

    table = window.note_editor.sections["participants"]
    item = window.document.note.participants[0]
    table.select_item(item.id)
    picker = window.note_editor.portion
    assert picker.isEnabled() and "participant" in picker.label.text()
    picker.combo.setCurrentIndex(picker.combo.findData("SECRET"))
    assert window.document.note.participants[0].portion == "SECRET"
    outline = build_outline(window.document.note, window.current_template())
    assert outline.classification == "SECRET"  # the banner shows the highest level present
    window.undo_action.trigger()
    assert window.document.note.participants[0].portion == ""


def test_source_fields_edit_the_source_block(window):  # noqa: ANN001
    fields = window.note_editor.source_fields
    assert fields.edits["date"].text() == "2021-09-13"
    fields.edits["outlet"].setText("Republic World")
    fields.edits["outlet"].editingFinished.emit()
    assert window.document.note.source.outlet == "Republic World"
    fields.edits["url"].setText("C:\\articles\\a.txt")
    fields.edits["url"].editingFinished.emit()
    assert fields.problem.isVisible() and "not a web address" in fields.problem.text()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.document.note.source.outlet == ""


def test_one_click_export_of_a_draft_asks_and_can_go_to_the_section(window, tmp_path):  # noqa: ANN001
    asked = []
    window.ask_draft_export = lambda missing: asked.append(list(missing)) or "go"
    assert window.quick_export("docx") is None
    assert asked == [["Issue", "Considerations", "Recommendation"]]
    assert window.check_dock.isVisible() and window.check_list.count() >= 3
    assert window.note_editor.extra_editors["issue"].edit.hasFocus() or \
        window.focusWidget() is window.note_editor.extra_editors["issue"].edit
    assert not (tmp_path / "exports").exists() or not list((tmp_path / "exports").iterdir())
    window.ask_draft_export = lambda missing: "draft"
    path = window.quick_export("docx")
    assert path is not None and docx.Document(str(path)).core_properties.content_status == "Draft"


def test_template_picker_shows_your_templates_apart(window, data_dir: Path):  # noqa: ANN001
    from briefing.templates import new_user_template

    new_user_template("desk-note", "one-page")
    window.reload_template_list()
    picker = window.template_picker
    texts = [picker.itemText(i) for i in range(picker.count())]
    assert texts.index("Your templates") < texts.index("Shipped templates")
    heading = picker.model().item(texts.index("Your templates"))
    assert not heading.isEnabled()
    names = [picker.itemData(i) for i in range(picker.count())]
    assert names.index("desk-note") < texts.index("Shipped templates") < names.index("ministerial")


def test_template_editor_takes_the_marking_from_a_scheme(window, data_dir: Path):  # noqa: ANN001
    from briefing.gui.template_editor import TemplateEditor
    from briefing.templates import load_template

    dialog = TemplateEditor("one-page", window)
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("nato"))
    pick_level(dialog.default_marking, "NATO RESTRICTED")
    dialog.portion_default.setCurrentIndex(dialog.portion_default.findData("NATO UNCLASSIFIED"))
    dialog.name_edit.setText("nato-brief")
    dialog.save()
    saved = load_template("nato-brief")
    assert (saved.scheme, saved.classification, saved.portion_default) == (
        "nato", "NATO RESTRICTED", "NATO UNCLASSIFIED")
    assert not hasattr(dialog, "banner_text")  # no free-text banner


def test_header_date_is_the_notes_and_reference_is_numbered(window):  # noqa: ANN001
    header = window.note_editor.header_fields
    first = header.edits["reference"].text()
    assert first.startswith("MIN-")
    header.new_reference.click()
    assert window.document.note.header.reference != first
    assert header.edits["reference"].text() == window.document.note.header.reference
    assert header.edits["analyst"].accessibleName() == "Note prepared by"
    assert window.note_editor.header_edits is header.edits
    assert Qt.ItemDataRole.UserRole  # the picker and the dock keep using item data


def test_template_editor_edits_the_style_sheet_both_formats_use(window, data_dir: Path):  # noqa: ANN001
    from briefing.gui.template_editor import TemplateEditor
    from briefing.templates import load_template

    dialog = TemplateEditor("ministerial", window)
    styles = dialog.styles
    styles.select("heading1")
    styles.size.setValue(15)
    styles.colour.edit.setText("#7a1f2b")
    styles.select("body")  # switching keeps what was typed for Heading 1
    styles.space_after.setValue(8)
    styles.header_fill.edit.setText("#EEEEEE")
    dialog.name_edit.setText("styled")
    dialog.save()
    saved = load_template("styled")
    sheet = saved.stylesheet
    assert (sheet["heading1"].size, sheet["heading1"].colour) == (15.0, "#7A1F2B")
    assert sheet["body"].space_after == 8.0 and sheet.table.header_fill == "#EEEEEE"
    assert saved.style_overrides["heading1"] == {"size": 15.0, "colour": "#7A1F2B"}
    assert "body" in saved.style_overrides and "title" not in saved.style_overrides  # only what changed
