"""What is typed in the note's text boxes is what the DOCX and PDF print, character for character."""
from __future__ import annotations

import itertools
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pypdf import PdfReader

from briefing.note.project import load_project

# characters CommonMark or the old hand parser treated as markup, digits and dots, and
# letters beyond ASCII that the export fonts draw
ALPHABET = list("0123456789.,;:[]()*_-+#\\/!<>&`~=|'\"") + list("abcxyzAQ ") + list("éüßçÅΩλжЖ—–“”‘’€£°…")
LINE = st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip())
_counter = itertools.count()


def type_lines(qtbot, box, lines: list[str]) -> None:  # noqa: ANN001
    """Clear the box, then type ``lines`` with Enter between them, as an analyst would."""
    edit = box.edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    for number, line in enumerate(lines):
        if number:
            QTest.keyClick(edit, Qt.Key.Key_Return)
        type_text(edit, line)


def type_text(widget, text: str) -> None:  # noqa: ANN001
    """Key presses for ``text``; characters beyond ASCII arrive as a keyboard layout sends them
    (a key event carrying the character), which QTest.keyClicks cannot make."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def exported_text(window, folder: Path) -> tuple[list[str], str]:  # noqa: ANN001
    """DOCX paragraph texts and the PDF text of the note as exported by the window."""
    stem = folder / f"note-{next(_counter)}"
    assert window.export_to(stem.with_suffix(".docx")) is not None
    assert window.export_to(stem.with_suffix(".pdf")) is not None
    paragraphs = [p.text for p in Document(str(stem.with_suffix(".docx"))).paragraphs]
    pdf = "".join(page.extract_text() for page in PdfReader(str(stem.with_suffix(".pdf"))).pages)
    return paragraphs, pdf


def no_space(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, min_size=1, max_size=3))
@example(lines=["2. Four new sites; see [annex]"])
@example(lines=["0  0", "two   spaces  inside"])
@example(lines=["snake_case and _under_ and *star* and **two**", "# 3 \\ back\\slash \\*"])
@example(lines=["- not a bullet", "1) neither", "> nor a quote", "&amp; <b>tag</b> `code`"])
def test_typed_text_reaches_docx_and_pdf_verbatim(window, qtbot, tmp_path, lines):  # noqa: ANN001
    box = window.note_editor.summary
    type_lines(qtbot, box, lines)
    paragraphs, pdf = exported_text(window, tmp_path)  # export commits the typing first
    for line in lines:
        if not line.strip():
            continue
        typed = line.strip()  # inner spaces kept as typed; a paragraph's edges are not text
        assert typed in paragraphs, (typed, window.document.note.summary)
        assert no_space(typed) in no_space(pdf), (typed, window.document.note.summary)
    box.set_markup(window.document.note.summary)  # reloading shows the same text, unstyled
    assert [b.strip() for b in box.edit.toPlainText().split("\n") if b.strip()] == \
        [line.strip() for line in lines if line.strip()]
    assert not any(r.bold or r.italic for b in box_blocks(box) for r in b.runs)


def box_blocks(box):  # noqa: ANN001,ANN201
    from briefing.gui.richtext_edit import document_blocks

    return document_blocks(box.edit.document())


def test_enter_after_last_bullet_adds_nothing(window, tmp_path):  # noqa: ANN001
    box = window.note_editor.summary
    type_lines(None, box, ["Lead paragraph"])
    QTest.keyClick(box.edit, Qt.Key.Key_Return)
    box.bullets.trigger()
    QTest.keyClicks(box.edit, "first point")
    QTest.keyClick(box.edit, Qt.Key.Key_Return)
    QTest.keyClicks(box.edit, "second point")
    QTest.keyClick(box.edit, Qt.Key.Key_Return)  # an empty bullet, as when a list is finished
    paragraphs, pdf = exported_text(window, tmp_path)
    assert window.document.note.summary == "Lead paragraph\n\n- first point\n- second point"
    assert "second point" in paragraphs and not any(p.strip() in ("-", "") and p for p in paragraphs)
    assert "second point -" not in pdf and "second point\n-" not in pdf


def test_bold_and_italic_survive_save_and_reload(window, make_window, qtbot, tmp_path):  # noqa: ANN001
    box = window.note_editor.summary
    type_lines(None, box, ["plain "])
    box.bold.trigger()
    QTest.keyClicks(box.edit, "strong_words")
    box.bold.trigger()
    QTest.keyClicks(box.edit, " and snake_case")
    box.commit()
    assert window.document.note.summary == "plain **strong\\_words** and snake\\_case"
    target = tmp_path / "styled.briefing"
    window.document.save(target)
    reopened = load_project(target).note
    assert reopened.summary == window.document.note.summary
    other = make_window()
    assert other.open_project(target)
    runs = [r for b in box_blocks(other.note_editor.summary) for r in b.runs]
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("plain ", False, False), ("strong_words", True, False), (" and snake_case", False, False)]
