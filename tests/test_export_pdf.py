"""PDF export: read the written file back with pypdf (text, banner per page, fonts, metadata)."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.article import Article
from briefing.export import export_note
from briefing.note.draft import draft_note
from briefing.note.model import (AgreementItem, Note, NoteHeader, ParticipantItem, QuoteItem,
                                 SourceInfo, ThemeItem)
from briefing.templates import load_template

WORLD = ("Nguyễn Xuân Phúc \u201ccurly\u201d \u2018single\u2019 non\u2011breaking "
         "Αθήνα Москва 東京 ひらがな 北京")
HOSTILE = "AT&T R&D <ModJapan_en> a <b> tag &amp; </para> <font size=40>big</font> \x00\x1b"


def note_with(text: str, **extra) -> tuple[Note, Article]:  # noqa: ANN003
    article = Article(original="", paragraphs=["One.", "Two."])
    note = Note(header=NoteHeader(title=f"Title {text}", date="2021-09-13", reference=f"REF {text}",
                                  analyst=f"Analyst {text}", organisation=f"Org {text}",
                                  caveats=f"Caveat {text}", distribution=f"Dist {text}"),
                summary=f"Summary {text}",
                participants=[ParticipantItem(name=f"Name {text}", role=f"Role {text}", country="VN")],
                agreements=[AgreementItem(text=f"Agreement {text}", status="signed", parties=["JP"])],
                themes=[ThemeItem(label=f"Theme {text}", note=f"Note {text}")],
                quotes=[QuoteItem(text=f"Quote {text}", speaker=f"Speaker {text}")],
                analyst_comment=f"Comment {text}",
                source=SourceInfo(headline=f"Headline {text}", outlet=f"Outlet {text}"),
                extra_sections={k: f"{k} {text}" for k in ("issue", "background", "considerations",
                                                           "recommendation", "key_judgements")},
                **extra)
    return note, article


def export_pdf(note: Note, path: Path, template: str = "ministerial", article=None) -> PdfReader:  # noqa: ANN001
    problems = export_note(note, load_template(template), path, article=article)
    assert not any(p.fatal for p in problems)
    return PdfReader(str(path))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize("template", ["ministerial", "intsum", "one-page"])
def test_seed_note_banner_on_every_page_and_page_numbers(template, seed_article, seed_extraction,
                                                         tmp_path):
    note = draft_note(seed_article, seed_extraction)
    reader = export_pdf(note, tmp_path / "seed.pdf", template, seed_article)
    banner = load_template(template).classification
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count(banner) >= 2  # top and bottom
        if template != "one-page":
            assert f"Page {number} of {pages}" in text
        else:
            assert f"{number}/{pages}" in text
    assert "Nobuo Kishi" in text_of(reader)


def test_unicode_text_and_embedded_fonts(tmp_path):
    note, article = note_with(WORLD)
    reader = export_pdf(note, tmp_path / "u.pdf", "intsum", article)
    text = text_of(reader)
    assert "Nguyễn Xuân Phúc" in text
    for word in ("\u201ccurly\u201d", "Αθήνα", "Москва"):
        assert word in text
    fonts = font_names(reader)
    assert any("LiberationSans" in f for f in fonts)  # Arial's metric-compatible twin
    assert any("HeiseiKakuGo" in f for f in fonts)  # kana in the text: Japanese CID font


def test_chinese_only_text_uses_chinese_fallback(tmp_path):
    note, article = note_with("中华人民共和国")
    fonts = font_names(export_pdf(note, tmp_path / "zh.pdf", "one-page", article))
    assert any("STSong" in f for f in fonts)


def test_user_text_is_escaped_everywhere(tmp_path):
    note, article = note_with(HOSTILE)
    text = text_of(export_pdf(note, tmp_path / "h.pdf", "ministerial", article))
    for literal in ("AT&T R&D", "<ModJapan_en>", "a <b> tag", "&amp;", "</para>",
                    "<font size=40>big</font>"):
        assert literal in text
    assert "\x00" not in text


def test_flag_emoji_become_country_names(tmp_path):
    note, article = note_with("talks \U0001F1EF\U0001F1F5\U0001F1FB\U0001F1F3 today")
    text = text_of(export_pdf(note, tmp_path / "f.pdf", "one-page", article))
    assert "talks JapanVietnam today" in text


def test_metadata(tmp_path):
    note, article = note_with("meta")
    meta = export_pdf(note, tmp_path / "m.pdf", "ministerial", article).metadata
    assert meta.title == "Title meta"
    assert meta.author == "Analyst meta"
    assert meta.subject == "Headline meta"
    assert "Theme meta" in meta["/Keywords"]


def test_long_table_splits_and_repeats_header(tmp_path):
    people = [ParticipantItem(name=f"Person {i}", role="Delegate", country="JP") for i in range(150)]
    note, article = note_with("x")
    note.participants = people
    reader = export_pdf(note, tmp_path / "long.pdf", "ministerial", article)  # no page limit
    assert len(reader.pages) >= 3
    text = text_of(reader)
    assert "Person 0" in text and "Person 149" in text
    assert sum("Name\nRole\nCountry" in p.extract_text() for p in reader.pages) >= 3
    assert "Person 0" in reader.pages[0].extract_text()  # the table starts on the first page


def test_cell_longer_than_a_page(tmp_path):
    long_text = " ".join(f"word{i}" for i in range(4000))
    note, article = note_with("x")
    note.agreements = [AgreementItem(text=long_text, status="agreed", parties=["JP", "VN"]),
                       AgreementItem(text="after the long one", status="signed")]
    reader = export_pdf(note, tmp_path / "cell.pdf", "ministerial", article)
    text = text_of(reader)
    assert len(reader.pages) >= 3
    assert "word3999" in text and "after the long one" in text


def test_page_size_follows_template(tmp_path):
    note, article = note_with("x")
    letter = export_pdf(note, tmp_path / "l.pdf", "intsum", article).pages[0].mediabox
    a4 = export_pdf(note, tmp_path / "a.pdf", "ministerial", article).pages[0].mediabox
    assert round(float(letter.width)) == 612 and round(float(a4.width)) == 595


def test_excluded_items_not_printed(tmp_path):
    note, article = note_with("x")
    note.participants.append(ParticipantItem(name="Rejected Person", included=False))
    assert "Rejected Person" not in text_of(export_pdf(note, tmp_path / "e.pdf", "one-page", article))
