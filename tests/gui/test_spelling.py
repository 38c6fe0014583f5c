"""Spell check in the note's text boxes: underlines, suggestions, the analyst's dictionary."""
from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QMenu

from briefing.gui.spell_check import add_spelling_actions, attach
from briefing.spelling import Speller, open_speller


def underlined(edit) -> list[str]:  # noqa: ANN001
    """Words of ``edit`` drawn with the spell-check underline."""
    found = []
    block = edit.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                found.append(block.text()[fmt.start:fmt.start + fmt.length])
        block = block.next()
    return found


def spelling_ready(qtbot, window) -> None:  # noqa: ANN001
    """The dictionary opens on a worker thread; wait until the boxes have it."""
    qtbot.waitUntil(lambda: getattr(window.note_editor.summary.edit, "spell_highlighter", None) is not None,
                    timeout=30000)
    qtbot.wait(10)  # a new highlighter starts on the next turn of the event loop


def point_on(edit, word: str) -> QPoint:  # noqa: ANN001
    cursor = edit.document().find(word)
    cursor.setPosition(cursor.selectionStart() + 1)
    return edit.cursorRect(cursor).center()


def test_summary_and_cards_underline_unknown_words_in_british_english(window, qtbot):  # noqa: ANN001
    spelling_ready(qtbot, window)
    summary = window.note_editor.summary
    summary.set_markup("The defence colour of the defense color, per Kishi and ASEAN.")
    assert underlined(summary.edit) == ["defense", "color"]  # names in the article and acronyms are fine
    card = next(iter(window.note_editor.sections["agreements"].cards.values()))
    card.fields["text"].setPlainText("A recieved pact")
    assert underlined(card.fields["text"]) == ["recieved"]


def test_suggestion_replaces_the_word_and_reaches_the_note(window, qtbot):  # noqa: ANN001
    spelling_ready(qtbot, window)
    summary = window.note_editor.summary
    summary.set_markup("Ministers agreed on defense ties.")
    menu = QMenu()
    menu.addAction("Copy")
    add_spelling_actions(summary.edit, menu, point_on(summary.edit, "defense"))
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "defence" and "Add “defense” to dictionary" in labels
    menu.actions()[0].trigger()
    summary.commit()
    assert window.document.note.summary == "Ministers agreed on defence ties."
    assert underlined(summary.edit) == []


def test_add_to_dictionary_is_kept_for_the_next_session(window, data_dir, qtbot):  # noqa: ANN001
    spelling_ready(qtbot, window)
    summary = window.note_editor.summary
    summary.set_markup("The Quadrilaterals met.")
    summary.set_markup("The quadrilateralism met.")
    assert underlined(summary.edit) == ["quadrilateralism"]
    menu = QMenu()
    add_spelling_actions(summary.edit, menu, point_on(summary.edit, "quadrilateralism"))
    next(a for a in menu.actions() if a.text().startswith("Add ")).trigger()
    assert underlined(summary.edit) == []
    assert "quadrilateralism" in (data_dir / "dictionary.txt").read_text(encoding="utf-8")
    again, _ = open_speller("en-GB", data_dir / "dictionary.txt")
    assert again.check("quadrilateralism")


def test_template_language_chooses_the_dictionary(window, monkeypatch, qtbot):  # noqa: ANN001
    class American:
        language = "en-US"
        sections: list = []

    spelling_ready(qtbot, window)
    monkeypatch.setattr(type(window), "current_template", lambda self: American())
    window.update_spelling()
    qtbot.waitUntil(lambda: window.note_editor.summary.edit.spell_highlighter.speller.language == "en_US",
                    timeout=30000)
    qtbot.wait(10)
    summary = window.note_editor.summary
    summary.set_markup("The defense colour.")
    assert underlined(summary.edit) == ["colour"]
    assert Speller("en-US").language == "en_US"


def test_missing_dictionary_is_said_once_in_the_status_bar(make_window, qtbot, monkeypatch, seed_path):  # noqa: ANN001
    import briefing.spelling

    monkeypatch.setattr(briefing.spelling, "open_speller",
                        lambda language, personal=None: (None, "spell check is off: no xx-XX dictionary is installed"))
    window = make_window()
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    with qtbot.waitSignal(window.extraction_displayed, timeout=60000):
        window.open_path(seed_path)
    qtbot.waitUntil(lambda: any("dictionary" in m for m in messages), timeout=30000)
    window.update_spelling()
    qtbot.wait(20)
    assert [m for m in messages if "dictionary" in m] == ["Spell check is off: no xx-XX dictionary is installed."]
    assert getattr(window.note_editor.summary.edit, "spell_highlighter", None) is None


def test_attach_none_removes_the_underlines(window, qtbot):  # noqa: ANN001
    spelling_ready(qtbot, window)
    summary = window.note_editor.summary
    summary.set_markup("A defense pact.")
    attach(summary.edit, None)
    summary.edit.document().markContentsDirty(0, summary.edit.document().characterCount())
    assert underlined(summary.edit) == []


def test_a_word_list_too_large_turns_spell_check_off_with_one_line(tmp_path):
    words = tmp_path / "dictionary.txt"
    with open(words, "wb") as fh:
        fh.write(b"quadrilateralism\n")
        fh.truncate(200 * 1024 * 1024)
    speller, reason = open_speller("en-GB", words)
    assert speller is None
    assert reason == f"spell check is off: {words}: too large (209.7 MB; the limit is 8 MB)"
    assert words.stat().st_size == 200 * 1024 * 1024
