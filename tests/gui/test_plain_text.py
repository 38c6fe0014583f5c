"""Article and user text is shown as text in every widget, never as markup: markup fed to
each (headline, date and source, busy and preview labels, error and question boxes,
tooltips of tables and recent files, the summary editor, the template editor's logo,
the export link) is displayed literally, so nothing loads an image or shows a link."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QMessageBox

MARKUP = ('<img src="file:///etc/hosts"><font color="red" size="7">SECURITY ALERT</font> '
          '<a href="http://127.0.0.1:9/phish">Click to re-authenticate</a>')
NAME = "<img src=x onerror=1><font color=red>ALERT"  # markup that can be a file name (no '/')


def shown_literally(text: str, markup: str) -> bool:
    """A text a widget guesses the format of shows ``markup`` literally: it is HTML whose
    plain content is the markup (escaped), or it holds no tag at all."""
    if not QtGui.mightBeRichText(text):
        return markup in text and "<" not in markup
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(text)
    return " ".join(markup.split()) in " ".join(document.toPlainText().split())


def test_labels_show_article_text_as_text(window):  # noqa: ANN001
    from briefing.ingest import article_from_text
    from hostile.inputs import GOOD_TEXT

    article = article_from_text(GOOD_TEXT, source=MARKUP, title=MARKUP)
    window.article_view.set_article(article)
    headline, meta = window.article_view.headline, window.article_view.meta
    assert headline.textFormat() == Qt.TextFormat.PlainText and headline.text() == article.title
    assert MARKUP in article.title
    assert meta.textFormat() == Qt.TextFormat.PlainText and MARKUP in meta.text()
    window.set_busy(f"Reading {MARKUP}…")
    assert window.busy_label.textFormat() == Qt.TextFormat.PlainText
    window.preview._on_failed(MARKUP)
    assert window.preview.status.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP in window.preview.status.text()
    picker = window.note_editor.portion
    picker.set_section("issue", MARKUP)  # a heading from a template
    assert picker.label.textFormat() == Qt.TextFormat.PlainText and MARKUP in picker.label.text()
    tips = [window.template_picker.itemData(i, Qt.ItemDataRole.ToolTipRole)
            for i in range(window.template_picker.count())]
    assert all(tip is None or QtGui.mightBeRichText(tip) for tip in tips)  # descriptions as text


def test_message_boxes_show_text_as_text(window, monkeypatch, tmp_path):  # noqa: ANN001
    shown, asked = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.textFormat(), box.informativeText())) or 0)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Cancel))
    window.show_error("Could not read the article", MARKUP, "Check the file.")
    assert shown == [(Qt.TextFormat.PlainText, f"{MARKUP}\n\nCheck the file.")]
    window.document.path = tmp_path / f"{NAME}.briefing"
    window.document.mark_unsaved()
    assert window.confirm_discard() is False
    assert shown_literally(asked[-1], f"{NAME}.briefing")
    window.document.forget_changes()


def test_tooltips_show_text_as_text(window, tmp_path):  # noqa: ANN001
    from briefing.note.edits import update_item

    theme = window.document.note.themes[0]
    window.document.edit(update_item, "themes", theme.id, evidence=[MARKUP, "A second sentence."])
    cards = window.note_editor.sections["themes"]
    cards.build_some(len(window.document.note.themes))
    count = cards.cards[theme.id].fields["evidence"]
    assert count.text() == "2 sentences"
    assert shown_literally(count.toolTip(), MARKUP)  # the article's sentences, as text
    recent = tmp_path / f"{NAME}.briefing"
    recent.write_text("{}")
    window.window_state.add_recent_file(recent)
    window.refresh_recent_menu()
    tip = window.recent_menu.actions()[0].toolTip()
    assert shown_literally(tip, str(recent.resolve()))


def test_the_summary_editor_shows_html_as_text(window):  # noqa: ANN001
    from briefing.note.edits import set_field

    window.document.edit(set_field, "summary", f"Before {MARKUP} after **bold**")
    editor = window.note_editor.summary.edit
    text = editor.toPlainText()
    assert MARKUP in text and "Before" in text and "after bold" in text
    assert "<img" not in editor.toHtml().replace("&lt;img", "")  # no image element made


def test_the_template_editor_and_export_link_show_names_as_text(window, tmp_path, data_dir):  # noqa: ANN001
    from briefing.gui.template_editor import TemplateEditor
    from hostile import template_inputs

    folder = template_inputs.template(data_dir / "templates", "odd-logo", {"logo.file": f"{NAME}.png"},
                                      {f"{NAME}.png": template_inputs.png()})
    dialog = TemplateEditor(folder.name, window)
    assert dialog.logo_label.textFormat() == Qt.TextFormat.PlainText and dialog.logo_label.text() == f"{NAME}.png"
    out = window.export_to(Path(tmp_path) / f"{NAME}.pdf")
    assert out is not None and out.is_file()
    label = window.export_links
    assert label.textFormat() == Qt.TextFormat.RichText  # links, with the file name escaped
    assert shown_literally(label.text(), f"{NAME}.pdf")


def test_a_save_that_fails_is_shown_and_the_work_stays_open(window, monkeypatch, tmp_path):  # noqa: ANN001
    from briefing.note import project as project_module

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()) or 0)

    def failing_save(path, project):  # noqa: ANN001, ANN202
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(project_module, "save_project", failing_save)
    window.document.mark_unsaved()
    target = tmp_path / "note.briefing"
    assert window._save_to(target) is False
    assert len(shown) == 1 and str(target) in shown[0] and "surrogates not allowed" in shown[0]
    assert window.document.modified and not target.exists()
