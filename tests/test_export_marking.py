"""Exported notes an analyst can send: markings from the scheme, drafts said to be drafts,
the yardstick only when used, a source block without file paths, BLUF limits checked.

Every test reads the written DOCX back with python-docx and the PDF with pypdf.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefing.article import Article
from briefing.export import check_note, export_note
from briefing.export.outline import PLACEHOLDER, build_outline
from briefing.note.model import (AgreementItem, Note, NoteHeader, ParticipantItem, QuoteItem,
                                 SourceInfo, ThemeItem)
from briefing.templates import load_template

ARTICLE = Article(original="", paragraphs=["Japan and Vietnam met in Hanoi.", "They signed a pact.",
                                           "Officials spoke of the sea."])
COMPLETE = {k: f"{k.replace('_', ' ').capitalize()} text." for k in
            ("issue", "background", "considerations", "recommendation", "key_judgements")}


def make_note(**overrides) -> Note:  # noqa: ANN003
    note = Note(header=NoteHeader(title="Japan–Vietnam talks", date="2021-09-14", reference="MIN-2021-0001",
                                  analyst="A. Analyst"),
                summary="Japan's defence minister met his Vietnamese counterpart in Hanoi on 11 September 2021.",
                participants=[ParticipantItem(name="Nobuo Kishi", role="Defence Minister", country="JP",
                                              source_spans=[(0, 5)]),
                              ParticipantItem(name="Phan Van Giang", role="Minister of Defence", country="VN")],
                agreements=[AgreementItem(text="Pact on defence equipment transfers", status="signed",
                                          parties=["JP", "VN"], source_spans=[(33, 40)])],
                themes=[ThemeItem(label="Maritime security", note="Both sides spoke of the sea.")],
                quotes=[QuoteItem(text="same destiny", speaker="Nobuo Kishi")],
                source=SourceInfo(headline="Japan, Vietnam sign defence pact", outlet="Republic World",
                                  date="2021-09-13", accessed="2021-09-14"),
                extra_sections=dict(COMPLETE))
    for key, value in overrides.items():
        setattr(note, key, value)
    return note


def export_both(note: Note, template: str, folder: Path) -> tuple[docx.document.Document, PdfReader, list]:
    t = load_template(template)
    problems = export_note(note, t, folder / "n.docx", article=ARTICLE)
    problems += export_note(note, t, folder / "n.pdf", article=ARTICLE)
    assert not any(p.fatal for p in problems), problems
    return docx.Document(str(folder / "n.docx")), PdfReader(str(folder / "n.pdf")), problems


def docx_text(doc) -> str:  # noqa: ANN001
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def header_text(doc) -> str:  # noqa: ANN001
    return "\n".join(p.text for p in doc.sections[0].header.paragraphs)


def pdf_pages(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def custom_properties(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("docProps/custom.xml").decode("utf-8")


# ---------------------------------------------------------------- drafts

def test_complete_note_is_final_without_draft_or_placeholder(tmp_path):
    doc, reader, problems = export_both(make_note(), "ministerial", tmp_path)
    assert "DRAFT" not in header_text(doc) and doc.core_properties.content_status == "Final"
    assert PLACEHOLDER not in docx_text(doc)
    assert all("DRAFT" not in page and PLACEHOLDER not in page for page in pdf_pages(reader))
    assert reader.metadata["/Status"] == "Final"
    assert "<vt:lpwstr>Final</vt:lpwstr>" in custom_properties(tmp_path / "n.docx")
    assert not [p for p in problems if "DRAFT" in p.message]


def test_empty_required_sections_make_a_draft_on_every_page(tmp_path):
    note = make_note(extra_sections={"background": "Facts."})
    doc, reader, problems = export_both(note, "ministerial", tmp_path)
    assert "DRAFT" in header_text(doc) and doc.core_properties.content_status == "Draft"
    assert "Issue" in doc.core_properties.comments
    text = docx_text(doc)  # the draft says once, under its title, what is left to write
    assert text.count(PLACEHOLDER) == 1 and f"{PLACEHOLDER} Issue, Considerations, Recommendation" in text
    assert not any(p.style.name.startswith("Heading") and p.text == "Issue" for p in doc.paragraphs)
    assert all("DRAFT" in page for page in pdf_pages(reader))
    assert reader.metadata["/Status"] == "Draft"
    empty = {p.section for p in problems if "is empty" in p.message}
    assert {"Issue", "Considerations", "Recommendation"} <= empty


def test_final_export_refuses_a_draft_naming_the_empty_sections(tmp_path):
    note = make_note(extra_sections={})
    problems = export_note(note, load_template("ministerial"), tmp_path / "n.pdf", article=ARTICLE, final=True)
    fatal = [p for p in problems if p.fatal]
    assert len(fatal) == 1 and "'Issue', 'Considerations', 'Recommendation'" in fatal[0].message
    assert not (tmp_path / "n.pdf").exists()


# ---------------------------------------------------------------- markings

def test_open_source_facts_are_unclassified_and_the_banner_is_green(tmp_path):
    doc, reader, _ = export_both(make_note(), "intsum", tmp_path)
    assert "UNCLASSIFIED" in header_text(doc)
    shading = doc.sections[0].header.paragraphs[0]._p.xpath("./w:pPr/w:shd/@w:fill")
    assert shading == ["007A33"]
    text = docx_text(doc)
    assert "(U) Japan's defence minister" in text and "(U) Nobuo Kishi" in text
    assert "(U//FOUO)" not in text and "FOR OFFICIAL USE ONLY" not in text
    for page in pdf_pages(reader):
        assert page.count("UNCLASSIFIED") >= 2
    assert doc.core_properties.category == "UNCLASSIFIED"
    assert reader.metadata["/Classification"] == "UNCLASSIFIED"


def test_a_raised_portion_raises_the_banner_and_asks_for_the_authority_block(tmp_path):
    note = make_note()
    note.header.classification = "SECRET//REL TO USA, JPN"
    note.participants[1].portion = "SECRET"
    template = load_template("intsum")
    outline = build_outline(note, template, article=ARTICLE)
    assert outline.classification == "SECRET//REL TO USA, JPN" and outline.banner_fill == "#C8102E"
    assert outline.draft and "Classified By" in outline.missing[-1]
    note.header.authority = {"classified_by": "A. Analyst, J2", "derived_from": "Multiple Sources",
                             "declassify_on": "20460914"}
    doc, reader, _ = export_both(note, "intsum", tmp_path)
    rows = {r.cells[0].text for t in doc.tables for r in t.rows}
    assert "(S//REL TO USA, JPN) Phan Van Giang" in rows and "(U) Nobuo Kishi1" in rows  # 1: citation
    text = docx_text(doc)
    assert "Classified By: A. Analyst, J2" in text and "Declassify On: 20460914" in text
    assert "SECRET//REL TO USA, JPN" in header_text(doc) and "DRAFT" not in header_text(doc)
    assert "SECRET//REL TO USA, JPN" in custom_properties(tmp_path / "n.docx")
    assert all(page.count("SECRET//REL TO USA, JPN") >= 2 for page in pdf_pages(reader))


def test_a_uk_note_has_no_portion_marks_and_a_black_banner(tmp_path):
    note = make_note()
    note.header.classification = "official-sensitive commercial"
    doc, reader, _ = export_both(note, "ministerial", tmp_path)
    assert "OFFICIAL-SENSITIVE COMMERCIAL" in header_text(doc)
    assert not doc.sections[0].header.paragraphs[0]._p.xpath("./w:pPr/w:shd")
    assert "(O)" not in docx_text(doc) and "(OS)" not in docx_text(doc)


@pytest.mark.parametrize("marking, expected", [
    ("SECRET//REL TO AUS, CAN, GBR, USA", "REL TO USA, AUS, CAN, GBR"),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "use CUI"),
    ("OFFICIAL", "levels: UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET"),
])
def test_a_marking_the_scheme_refuses_stops_the_export_with_one_line(marking, expected, tmp_path):
    note = make_note()
    note.header.classification = marking
    problems = check_note(note, load_template("intsum"), article=ARTICLE)
    fatal = [p for p in problems if p.fatal]
    assert len(fatal) == 1 and expected in fatal[0].message and "\n" not in fatal[0].message
    assert any(p.fatal for p in export_note(note, load_template("intsum"), tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_portion_level_outside_the_scheme_is_fatal_and_names_the_item():
    note = make_note()
    note.quotes[0].portion = "NATO SECRET"
    fatal = [p for p in check_note(note, load_template("intsum"), article=ARTICLE) if p.fatal]
    assert len(fatal) == 1 and fatal[0].item_id == note.quotes[0].id
    assert "'NATO SECRET' is not a level" in fatal[0].message


# ---------------------------------------------------------------- yardstick and wording

def test_yardstick_annex_only_when_a_judgement_uses_a_term(tmp_path):
    _, reader, _ = export_both(make_note(), "intsum", tmp_path)
    assert "Probability yardstick" not in "".join(pdf_pages(reader))
    extra = dict(COMPLETE, key_judgements="Further transfers are likely within a year.")
    doc, reader, _ = export_both(make_note(extra_sections=extra), "intsum", tmp_path)
    assert "Probability yardstick" in "".join(pdf_pages(reader))
    assert any(p.text == "Annex A: Probability yardstick" for p in doc.paragraphs)


def test_vague_estimative_words_in_judgements_are_flagged():
    extra = dict(COMPLETE, key_judgements="Vietnam could possibly buy ships. Maybe more.")
    note = make_note(extra_sections=extra, analyst_comment="Probably a turning point.")
    problems = check_note(note, load_template("intsum"), article=ARTICLE)
    flagged = [p.message for p in problems if "yardstick" in p.message]
    assert any("\u201ccould possibly\u201d" in m for m in flagged)
    assert any("\u201cmaybe\u201d" in m for m in flagged)
    assert not any("probably" in m.lower() for m in flagged)  # a yardstick term


@pytest.mark.parametrize("sentences, expected", [
    ([30, 30], []), ([30, 30, 1], ["has 61 words"]), ([31], ["a sentence of 31 words"]),
    ([12, 45], ["a sentence of 45 words"]),
])
def test_bluf_word_and_sentence_limits(sentences, expected):
    summary = " ".join(" ".join(["Word"] + ["word"] * (n - 1)) + "." for n in sentences)
    problems = check_note(make_note(summary=summary), load_template("ministerial"), article=ARTICLE)
    found = [p.message for p in problems if p.section == "Summary"]
    assert len(found) == len(expected) and all(e in m for e, m in zip(expected, found))


def test_a_drafted_sentence_cut_with_an_ellipsis_ends_there():
    """Drafted summaries shorten a long phrase with "…": the check counts the sentence that
    follows as a sentence of its own, as the drafting and the reader do."""
    summary = " ".join(["Word"] + ["word"] * 19) + "\u2026 " + " ".join(["They"] + ["word"] * 19) + "."
    problems = check_note(make_note(summary=summary), load_template("ministerial"), article=ARTICLE)
    assert [p.message for p in problems if p.section == "Summary"] == []


# ---------------------------------------------------------------- source block

def test_source_block_and_compact_references_without_a_file_path(tmp_path):
    note = make_note()
    note.source.url = "https://www.republicworld.com/world-news/japan-vietnam"
    note.source.author = "Press Trust of India"
    doc, reader, _ = export_both(note, "ministerial", tmp_path)
    text = docx_text(doc)
    for line in ("Outlet: Republic World", "Headline: Japan, Vietnam sign defence pact",
                 "Author: Press Trust of India", "URL: https://www.republicworld.com/world-news/japan-vietnam",
                 "Published: 13 September 2021", "Accessed: 14 September 2021"):
        assert line in text
    refs = [p.text for p in doc.paragraphs if p.text.startswith("[")]
    assert refs == ["[1] Republic World, 13 Sep 2021, \u00b61", "[2] Republic World, 13 Sep 2021, \u00b61"] \
        or refs[0] == "[1] Republic World, 13 Sep 2021, \u00b61"
    assert all(len(r.split()) <= 8 for r in refs)


def test_a_url_field_holding_a_path_is_never_printed(tmp_path):
    note = make_note()
    note.source.url = "/home/analyst/articles/japan.txt"
    doc, reader, _ = export_both(note, "one-page", tmp_path)
    assert "/home/analyst" not in docx_text(doc) and "/home/analyst" not in "".join(pdf_pages(reader))
