"""The composer with several sources and the Library window, driven as an analyst would:
Add Source and drag and drop, source tabs, provenance per source, support counts,
choosing between conflicting values, undo; saving into the library, searching and opening."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from tests.gui.conftest import load

REPO = Path(__file__).resolve().parent.parent.parent
PAIR = REPO / "eval" / "merge" / "turkiye-somalia-framework-2024"


def wait_for_sources(qtbot, window, count: int) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: window.document.note is not None and len(window.document.note.sources) == count
                    and not window.busy_bar.isVisible(), timeout=60000)


@pytest.fixture
def merged(make_window, qtbot, monkeypatch):  # noqa: ANN001,ANN201
    """A window with a's note and b added through File > Add Source…"""
    window = make_window()
    load(qtbot, window, PAIR / "a.txt")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(PAIR / "b.txt")], "")))
    window.add_source_action.trigger()
    wait_for_sources(qtbot, window, 2)
    return window


def cards_of(window, section: str):  # noqa: ANN001,ANN201
    return window.note_editor.sections[section].cards


def test_add_source_merges_and_shows_each_source(merged, qtbot) -> None:  # noqa: ANN001
    window, note = merged, merged.document.note
    tabs = window.sources_pane.tabs
    assert tabs.isVisible() and tabs.count() == 2 and tabs.currentIndex() == 1  # the new source is shown
    assert window.article_view.article is note.sources[1].article
    guler = next(p for p in note.participants if p.name == "Yasar Guler")
    card = cards_of(window, "participants")[guler.id]
    assert card.sources.isVisible() and card.sources.support.text() == "2 sources: [1] [2]"
    assert "Added " in window.statusBar().currentMessage() and "conflict" in window.statusBar().currentMessage()
    assert window.undo_action.toolTip().startswith("Undo Add source")


def test_provenance_works_for_every_source(merged) -> None:  # noqa: ANN001
    window, note = merged, merged.document.note
    guler = next(p for p in note.participants if p.name == "Yasar Guler")
    window.sources_pane.tabs.setCurrentIndex(0)  # source 1: its own mention
    window.note_editor.sections["participants"].select_item(guler.id)
    first = note.sources[0].article.text
    spans = window.article_view.focus_spans
    assert spans and all("Guler" in first[s:e] for s, e in spans)
    window.sources_pane.tabs.setCurrentIndex(1)  # source 2: the same person there
    window.note_editor.sections["participants"].select_item(guler.id)
    second = note.sources[1].article.text
    spans = window.article_view.focus_spans
    assert spans and all("Guler" in second[s:e] for s, e in spans)
    s, _ = spans[0]  # article -> note: a click on the name in source 2 selects the same card
    window.note_editor.sections["participants"].clear_current()
    assert window.select_item_at(s + 1) == guler.id
    only_second = next((i for section in ("participants", "quotes", "events") for i in note.section(section)
                        if i.source_id == "s2" and not i.citations), None)
    if only_second is not None:  # an item only source 2 reports: selecting it from tab 1 switches to tab 2
        window.sources_pane.tabs.setCurrentIndex(0)
        section = next(sec for sec in ("participants", "quotes", "events") if only_second in note.section(sec))
        window.note_editor.sections[section].select_item(only_second.id)
        assert window.sources_pane.current_source_id == "s2"


def test_a_conflict_is_chosen_through_the_undo_stack(merged) -> None:  # noqa: ANN001
    window, note = merged, merged.document.note
    section, item = next((s, i) for s in ("participants", "agreements", "quotes", "events")
                         for i in note.section(s) if i.conflicts)
    conflict = item.conflicts[0]
    combo = cards_of(window, section)[item.id].sources.combos[conflict.field]
    assert combo.itemText(0) == "Choose…" and combo.count() == 3
    index = combo.findData("s2")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert item.conflicts[0].chosen == "s2"
    if hasattr(item, conflict.field):
        assert getattr(item, conflict.field) == conflict.values["s2"]
    assert window.undo_action.toolTip().startswith(f"Undo Choose {conflict.field}")
    window.history(-1)
    assert item.conflicts[0].chosen == ""


def test_undo_takes_the_source_back_out(merged) -> None:  # noqa: ANN001
    window, note = merged, merged.document.note
    window.history(-1)
    assert len(note.sources) == 1 and not window.sources_pane.tabs.isVisible()
    assert window.article_view.article is note.sources[0].article
    assert all(not i.citations for s in ("participants", "agreements", "quotes") for i in note.section(s))
    window.history(1)
    assert len(note.sources) == 2 and window.sources_pane.tabs.count() == 2


def test_articles_dropped_on_an_open_note_are_added_as_sources(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    load(qtbot, window, PAIR / "a.txt")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(PAIR / "b.txt"))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wait_for_sources(qtbot, window, 2)
    assert window.document.note.sources[1].article.path.endswith("b.txt")
    assert window.document.modified  # an unsaved change, like any edit


def test_saving_indexes_the_note_and_the_library_window_finds_and_opens_it(merged, make_window, qtbot,  # noqa: ANN001
                                                                          tmp_path, data_dir) -> None:
    from briefing.library import open_library

    path = merged.document.save(tmp_path / "turkiye-somalia.briefing")
    with open_library() as library:
        record = library.get(str(path))
    assert record is not None and len(record.sources) == 2 and {"SO", "TR"} <= set(record.countries)
    other = make_window()
    other.show_library()
    library_window = other._library_window
    assert library_window.table.rowCount() == 1
    assert library_window.table.item(0, 1).text() == record.classification == "OFFICIAL"  # the marking beside it
    library_window.text.setText("Guler")
    library_window.search()
    assert library_window.table.rowCount() == 1
    library_window.text.setText("Erdogan Kishi")  # every word must occur
    library_window.search()
    assert library_window.table.rowCount() == 0 and library_window.status.text().startswith("0 notes")
    library_window.text.setText("")
    library_window.country.setCurrentIndex(library_window.country.findData("SO"))
    library_window.level.setCurrentIndex(library_window.level.findData("OFFICIAL"))
    library_window.search()
    assert library_window.table.rowCount() == 1
    library_window.date_from.setText("next week")
    library_window.search()
    assert "is not a date" in library_window.status.text()
    library_window.date_from.setText("")
    library_window.search()
    with qtbot.waitSignal(other.extraction_displayed, timeout=30000):
        library_window.open_row(0)
    assert other.document.path == path and len(other.document.note.sources) == 2
    assert other.sources_pane.tabs.count() == 2


def test_the_source_form_edits_the_source_shown(merged) -> None:  # noqa: ANN001
    window, note = merged, merged.document.note
    form = window.note_editor.source_fields
    assert window.sources_pane.current_source_id == "s2" and form.title().startswith("Source 2 of 2")
    form.edits["outlet"].setText("Middle East Monitor")
    form.edits["outlet"].commit()
    assert note.sources[1].outlet == "Middle East Monitor" and note.sources[0].outlet != "Middle East Monitor"
    assert window.sources_pane.tabs.tabText(1) == "2 Middle East Monitor"  # the tab follows the source
    window.sources_pane.tabs.setCurrentIndex(0)
    assert form.title().startswith("Source 1 of 2") and form.edits["outlet"].text() == note.sources[0].outlet
    window.history(-1)
    assert note.sources[1].outlet == ""


def test_two_sources_fit_the_note_pane_at_1280_by_800(merged, qtbot) -> None:  # noqa: ANN001
    """Support lines, conflict choices and the source form never make the page wider than
    the pane (it would scroll sideways and cut the cards)."""
    merged.resize(1280, 800)
    qtbot.wait(50)
    editor = merged.note_editor
    assert editor.widget().minimumSizeHint().width() <= editor.viewport().width()
    merged.preview_action.setChecked(True)  # narrower still: what this issue added fits
    merged.toggle_preview()
    qtbot.wait(50)
    ours = [editor.source_fields] + [card.sources for cards in editor.sections.values()
                                     for card in cards.cards.values()]
    assert max(w.minimumSizeHint().width() for w in ours) <= editor.viewport().width() - 40


def test_an_unreadable_source_is_one_clear_error_and_the_note_is_unchanged(make_window, qtbot, answers,  # noqa: ANN001
                                                                           tmp_path) -> None:
    window = make_window()
    load(qtbot, window, PAIR / "a.txt")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    assert window.add_source_files([broken])
    qtbot.waitUntil(lambda: bool(answers.errors) and not window.busy_bar.isVisible(), timeout=60000)
    assert "Could not add the source" in answers.errors[0] and "broken.pdf" in answers.errors[0]
    assert len(window.document.note.sources) == 1 and not window.document.modified


def test_a_tab_removes_its_source_and_undo_brings_it_back(merged) -> None:  # noqa: ANN001
    window, note = merged, merged.document.note
    items = {s: len(note.section(s)) for s in ("participants", "agreements", "quotes", "events")}
    window.sources_pane.remove_source("s2")
    assert [s.id for s in note.sources] == ["s1"] and not window.sources_pane.tabs.isVisible()
    assert window.article_view.article is note.sources[0].article
    assert all(not i.citations and not i.conflicts for s in items for i in note.section(s))
    window.sources_pane.remove_source("s1")  # the first source stays
    assert len(note.sources) == 1
    window.history(-1)
    assert len(note.sources) == 2 and {s: len(note.section(s)) for s in items} == items
