"""Fitted pages: the one-page brief fits one page by rule and says what it left out;
headers and footers never wrap; drafts and final notes keep their page count in both formats."""
from __future__ import annotations


from pypdf import PdfReader

from briefing.article import Article
from briefing.export import check_note, export_note
from briefing.export.fit import fit_outline
from briefing.export.layout import band_texts, text_width
from briefing.note.model import (AgreementItem, Note, NoteHeader, ParticipantItem, QuoteItem,
                                 SourceInfo, ThemeItem)
from briefing.templates import Band, load_template

ARTICLE = Article(original="", paragraphs=["One paragraph.", "Two paragraphs."])


def crowded_note(words_in_summary: int = 40) -> Note:
    long = "the parties will deepen cooperation on maritime security, training and equipment " * 3
    return Note(
        header=NoteHeader(title="Talks", date="2025-01-02"),
        summary=" ".join(["Word"] * words_in_summary) + ".",
        participants=[ParticipantItem(name=f"Person {i}", role="Minister", country="JP",
                                      source_spans=[(0, 3)] * (30 - i)) for i in range(24)],
        agreements=[AgreementItem(text=f"Agreement {i}: {long}", status=("signed", "agreed", "affirmed")[i % 3],
                                  parties=["JP", "VN"]) for i in range(14)],
        themes=[ThemeItem(label=f"Theme {i}", note=f"Note {i}: {long}", evidence=["e"] * (8 - i))
                for i in range(14)],
        quotes=[QuoteItem(text=f"Quote {i} {long}", speaker="Someone") for i in range(5)],
        source=SourceInfo(outlet="Outlet", date="2025-01-01"))


def test_one_page_brief_leaves_out_lower_ranked_items_and_says_so(tmp_path):
    note = crowded_note()
    template = load_template("one-page")
    fit = fit_outline(note, template, article=ARTICLE)
    assert fit.pages == 1 and fit.lines_over == 0 and fit.changed
    report = fit.report(1)
    assert report.endswith("to fit one page") and "left out" in report and "quote" not in report
    problems = check_note(note, template, article=ARTICLE)
    assert any(p.message == report for p in problems)
    assert all(item.included for item in note.participants + note.themes)  # the note itself is unchanged
    kept = [row[0][0].text for t in fit.outline.sections if t.kind == "participants" for row in t.blocks[0].rows]
    assert kept[0].startswith("Person 0")  # the most mentioned stay
    for fmt in ("pdf", "docx"):
        assert not any(p.fatal for p in export_note(note, template, tmp_path / f"n.{fmt}", article=ARTICLE))
    assert len(PdfReader(str(tmp_path / "n.pdf")).pages) == 1


def test_a_note_that_cannot_fit_says_how_many_lines_over():
    note = crowded_note(words_in_summary=2000)
    problems = check_note(note, load_template("one-page"), article=ARTICLE)
    over = [p for p in problems if "does not fit 1 page" in p.message]
    assert len(over) == 1 and " lines over" in over[0].message
    assert int(over[0].message.split(": ")[1].split()[0]) > 20


def test_a_note_that_fits_is_not_touched():
    note = Note(header=NoteHeader(title="Short"), summary="Brief.")
    fit = fit_outline(note, load_template("one-page"))
    assert not fit.changed and fit.pages == 1 and fit.report(1) == ""


def test_header_and_footer_slots_are_shortened_never_wrapped():
    sheet = load_template("ministerial").stylesheet
    band = Band(left="A very long note title " * 10, right="Page {page} of {pages}")
    left, centre, right = band_texts(band, sheet["band"], 450)
    assert left.endswith("\u2026") and right == "Page {page} of {pages}"
    room = 450 - text_width("Page 99 of 99", sheet["band"])
    assert text_width(left, sheet["band"]) < room


def _cited_note(paragraphs: int, outlet: str) -> tuple[Note, Article]:
    texts = [f"Paragraph {i} names someone." for i in range(paragraphs)]
    article = Article(original="\n\n".join(texts), paragraphs=texts)
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 2
    note = Note(header=NoteHeader(title="Talks", date="2025-01-02"), summary="Talks were held.",
                participants=[ParticipantItem(name=f"Person {i}", role="Minister", country="JP",
                                              source_spans=[(s, s + 9)]) for i, s in enumerate(starts)],
                source=SourceInfo(outlet=outlet, date="2025-01-01"))
    return note, article


def test_source_references_take_as_many_columns_as_their_longest_line_allows():
    from briefing.export.outline import build_outline

    def reference_columns(paragraphs: int, outlet: str) -> int:
        note, article = _cited_note(paragraphs, outlet)
        outline = build_outline(note, load_template("ministerial"), article=article)
        assert len(outline.references) == paragraphs
        tables = [b for s in outline.sections for b in s.blocks if getattr(b, "plain", False)]
        return len(tables[0].columns) if tables else 1

    assert reference_columns(4, "Outlet") == 1
    assert reference_columns(6, "Outlet") == 2
    assert reference_columns(9, "Outlet") == 3
    assert reference_columns(9, "The Regional Daily Newspaper") == 2
    assert reference_columns(9, "The Very Long Name of a Regional Daily Newspaper and Its Weekly Magazine") == 1
