"""A table of very many continuation rows (a cell of megabytes) is given to reportlab a
page of rows at a time (briefing.export.long_table) and makes the very PDF reportlab
makes of the whole table: the same rows on each page, header, grid and padding."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from briefing.article import Article
from briefing.export import pdf, render_note
from briefing.export.long_table import RowWindows, TableRows
from briefing.note.model import AgreementItem, Note, NoteHeader, ParticipantItem
from briefing.templates import load_template

VOLATILE = re.compile(rb"/(CreationDate|ModDate) \([^)]*\)|/ID\s*\[[^\]]*\]")
PROSE = ("The ministers agreed to expand maritime security cooperation, hold joint exercises "
         "and share information on regional threats. ")


class WholeTable:
    """The whole table as one reportlab table: what the writer gave reportlab before."""

    def __new__(cls, rows: TableRows) -> RLTable:  # type: ignore[misc]
        table = RLTable(rows.data, colWidths=rows.widths, repeatRows=1, splitByRow=1, hAlign="LEFT")
        table.setStyle(TableStyle(rows.commands))
        return table


def long_note() -> tuple[Note, Article]:
    article = Article(original="x", paragraphs=["Kishi met Giang."])
    people = [ParticipantItem(name=f"Person {i}", role="Delegate", country="JP") for i in range(12)]
    people.insert(3, ParticipantItem(name="Nobuo Kishi", role=PROSE * 1500 + "last words", country="JP"))
    note = Note(header=NoteHeader(title="A long cell", date="2021-09-11"), summary="Short.",
                participants=people,
                agreements=[AgreementItem(text=PROSE * 400 + "agreed at last", status="agreed",
                                          parties=["JP", "VN"]),
                            AgreementItem(text="after the long one", status="signed")])
    return note, article


@pytest.mark.parametrize("template_name", ["ministerial", "one-page"])
def test_windows_make_the_pdf_reportlab_makes_of_the_whole_table(template_name, monkeypatch):
    note, article = long_note()
    template = load_template(template_name)
    monkeypatch.setattr(pdf, "RowWindows", RowWindows)
    windowed, _ = render_note(note, template, "pdf", article=article)
    monkeypatch.setattr(pdf, "RowWindows", WholeTable)
    whole, _ = render_note(note, template, "pdf", article=article)
    assert VOLATILE.sub(b"", windowed) == VOLATILE.sub(b"", whole)
    reader = PdfReader(io.BytesIO(windowed))
    assert len(reader.pages) > 20
    if template_name == "ministerial":  # (one-page fits its note: long texts are shortened)
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "last words" in text and "agreed at last" in text and "Person 11" in text


def test_rows_are_measured_as_reportlab_measures_them():
    note, article = long_note()
    template = load_template("ministerial")
    from briefing.export.fit import fit_outline
    from briefing.export.layout import page_geometry

    outline = fit_outline(note, template, article=article).outline
    st = pdf._Styles(template.stylesheet)
    geo = page_geometry(outline)
    block = next(b for s in outline.sections for b in s.blocks
                 if not isinstance(b, pdf.Para) and "Nobuo Kishi" in str(b.rows))
    windows = pdf._table(block, st, geo.text_width, geo.height - geo.top - geo.bottom)
    assert isinstance(windows, RowWindows)
    whole = WholeTable(windows.rows)
    whole.wrap(geo.text_width, 1e9)
    assert windows.rows.heights() == whole._rowHeights
    assert len(whole._rowHeights) > 100
