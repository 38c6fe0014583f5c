"""The composer loads the seed, edits through the undo stack and links items to the article."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

SECTIONS = ("participants", "agreements", "themes", "quotes", "events")


def test_seed_loads_and_every_section_fills(window, seed_article):
    note = window.document.note
    assert note is not None and window.document.extraction is not None
    assert window.article_view.article.paragraphs == seed_article.paragraphs
    assert window.article_view.highlight_count() > 0
    assert window.note_editor.header_edits["title"].text() == note.header.title != ""
    assert window.note_editor.header_edits["date"].text() == dt.date.today().isoformat()  # the note's date
    assert window.note_editor.source_fields.edits["date"].text() == "2021-09-13"  # the article's
    assert window.note_editor.summary.markup().strip() != ""
    for section in SECTIONS:
        assert window.note_editor.sections[section].item_ids() == [i.id for i in note.section(section)]
    assert len(note.participants) >= 3 and len(note.quotes) >= 1
    names = {p.name for p in note.participants}
    assert "Nobuo Kishi" in names
    assert window.windowTitle().startswith(f"{note.header.title} — 000_30b27e0cb4826dc3.txt (not saved)")
    assert not window.isWindowModified()  # drafted and untouched: nothing to save yet
    assert not window.document.modified


def card(window, section: str, row: int):  # noqa: ANN001,ANN201
    cards = window.note_editor.sections[section]
    return cards.cards[cards.item_ids()[row]]


def test_edit_card_field_then_undo_and_redo(window):
    field = card(window, "participants", 0).fields["role"]
    before = field.toPlainText()
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "Minister of Defence (acting)")
    field.commit()
    assert window.document.note.participants[0].role == "Minister of Defence (acting)"
    assert window.isWindowModified()
    assert window.undo_action.toolTip().startswith("Undo Edit participant role")
    assert window.undo_action.text() == "&Undo"  # the toolbar label never changes
    window.undo_action.trigger()
    assert window.document.note.participants[0].role == before
    assert field.toPlainText() == before
    assert "Edit participant role" in window.redo_action.toolTip()
    window.redo_action.trigger()
    assert field.toPlainText() == "Minister of Defence (acting)"


def test_include_exclude_and_header_field(window):
    box = card(window, "participants", 1).include
    assert box.isChecked()
    box.click()
    assert window.document.note.participants[1].included is False
    assert "Exclude participant" in window.undo_action.toolTip()
    window.document.undo_stack.undo()
    assert window.document.note.participants[1].included is True and box.isChecked()
    title = window.note_editor.header_edits["title"]
    title.setText("Japan and Vietnam deepen defence ties")
    title.editingFinished.emit()
    assert window.document.note.header.title == "Japan and Vietnam deepen defence ties"
    assert window.windowTitle().startswith("Japan and Vietnam deepen defence ties — ")
    window.document.undo_stack.undo()
    assert title.text() != "Japan and Vietnam deepen defence ties"


def test_add_participant_from_article_selection(window):
    text = window.document.article.text
    start = text.index("Phan Van Giang")
    window.article_view.select_offsets(start, start + len("Phan Van Giang"))
    menu = QMenu()
    actions = window.article_view.text.add_actions_to(menu)
    participant = next(a for a in actions if "participant" in a.text())
    count = len(window.document.note.participants)
    participant.trigger()
    added = window.document.note.participants[-1]
    assert len(window.document.note.participants) == count + 1
    assert added.name == "Phan Van Giang" and added.source_spans == [(start, start + 14)]
    assert window.note_editor.sections["participants"].current_item_id() == added.id
    window.document.undo_stack.undo()
    assert len(window.document.note.participants) == count


def test_add_quote_and_theme_evidence_from_selection(window):
    text = window.document.article.text
    start = text.index("our cooperation must aim")
    end = start + len("our cooperation must aim for further heights")
    window.article_view.select_offsets(start, end)
    window.article_view.add_requested.emit("quotes", *window.article_view.selected_span())
    assert window.document.note.quotes[-1].text == text[start:end]
    themes = window.note_editor.sections["themes"]
    if window.document.note.themes:
        themes.select_item(window.document.note.themes[0].id)
        before = len(window.document.note.themes[0].evidence)
        window.article_view.add_requested.emit("themes", start, end, text[start:end])
        assert len(window.document.note.themes[0].evidence) == before + 1
        assert (start, end) in window.document.note.themes[0].source_spans


def test_article_highlight_follows_selected_item(window):
    note = window.document.note
    table = window.note_editor.sections["participants"]
    anchored = [p for p in note.participants if p.source_spans]
    assert anchored
    table.select_item(anchored[0].id)
    assert window.article_view.focus_spans == [tuple(s) for s in anchored[0].source_spans]
    quote = next(q for q in note.quotes if q.source_spans)
    window.note_editor.sections["quotes"].select_item(quote.id)
    spans = window.article_view.focus_spans
    assert spans == [tuple(s) for s in quote.source_spans]
    cursor = window.article_view.text.textCursor()
    assert window.article_view.to_offset(cursor.position()) == spans[0][0]


def test_highlight_toggle_hides_a_kind(window):
    before = window.article_view.highlight_count()
    window.article_view.toggles["participants"].setChecked(False)
    assert window.article_view.highlight_count() < before
    window.article_view.toggles["participants"].setChecked(True)
    assert window.article_view.highlight_count() == before


def test_reorder_and_delete_cards(window):
    table = window.note_editor.sections["participants"]
    first, second = (p.id for p in window.document.note.participants[:2])
    table.select_item(first)
    table.down_button.click()
    assert [p.id for p in window.document.note.participants[:2]] == [second, first]
    table.delete_button.click()
    assert first not in {p.id for p in window.document.note.participants}
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert [p.id for p in window.document.note.participants[:2]] == [first, second]


def test_clicking_a_name_in_the_article_selects_its_item(window):
    note = window.document.note
    person = next(p for p in note.participants if p.source_spans)
    start, end = person.source_spans[0]
    assert window.select_item_at(start + 1) == person.id
    assert window.note_editor.sections["participants"].current_item_id() == person.id
    assert window.select_item_at(len(window.document.article.text) + 5) is None


def test_add_button_appends_a_blank_card_with_the_keyboard_in_it(window):
    table = window.note_editor.sections["events"]
    count = len(table.item_ids())
    table.add_button.click()
    assert len(table.item_ids()) == count + 1
    new_id = table.current_item_id()
    assert window.document.note.events[-1].id == new_id and window.document.note.events[-1].text == ""
    date = table.cards[new_id].fields["date"]
    assert date.hasFocus()
    QTest.keyClicks(date, "2021-09-14")
    QTest.keyClick(date, Qt.Key.Key_Tab)
    QTest.keyClicks(table.cards[new_id].fields["text"], "Talks resume in Tokyo")
    window.note_editor.flush()
    assert window.document.note.events[-1].text == "Talks resume in Tokyo"
    assert window.document.note.events[-1].date == "2021-09-14"


def test_article_offsets_round_trip_and_embeds_are_not_article_text(window):
    view = window.article_view
    text = window.document.article.text
    for offset in (0, 5, text.index("On Saturday"), len(text) - 3):
        assert view.to_offset(view.to_position(offset)) == offset
    document = view.text.document()
    embed_blocks = [b for b in (document.findBlockByNumber(n) for n in range(document.blockCount()))
                    if b.userState() == 1]
    assert len(embed_blocks) == len(window.document.article.embeds) > 0
    assert view.to_offset(embed_blocks[0].position() + 3) is None


def test_keyboard_add_selection_and_status_choices(window):

    text = window.document.article.text
    start = text.index("Guard of Honor")
    window.article_view.select_offsets(start, start + len("Guard of Honor"))
    count = len(window.document.note.agreements)
    action = next(a for a in window.actions() if a.text() == "Add Selection as &agreement")
    assert action.shortcut().toString() == "Ctrl+Shift+A"
    action.trigger()
    assert len(window.document.note.agreements) == count + 1
    assert window.document.note.agreements[-1].source_spans == [(start, start + 14)]
    status = card(window, "agreements", count).fields["status"]
    assert status.findText("signed") >= 0
    status.setCurrentIndex(status.findText("signed"))
    status.activated.emit(status.currentIndex())
    assert window.document.note.agreements[-1].status == "signed"


def test_cards_show_every_word_at_1280_by_800_with_the_preview_open(window, qtbot):  # noqa: ANN001
    """No field is cut off: each text field is as tall as its wrapped text, and the note
    pane is the only thing that scrolls."""
    from PySide6.QtWidgets import QAbstractScrollArea

    from briefing.gui.text_fields import GrowingTextEdit

    window.resize(1280, 800)
    window.preview_action.setChecked(True)
    window.toggle_preview()
    qtbot.wait(50)
    editor = window.note_editor
    assert editor.width() < 520  # the narrow case this checks
    for cards in editor.sections.values():
        for item_card in cards.cards.values():
            for field in item_card.fields.values():
                if isinstance(field, GrowingTextEdit):
                    assert field.width() >= 150
                    assert field.document().size().height() <= field.viewport().height() + 1
    inner = [w for w in editor.widget().findChildren(QAbstractScrollArea)
             if w.verticalScrollBar().isVisible()]
    assert inner == []
