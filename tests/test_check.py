"""The pre-export check: glyphs, reference styles, empty required sections, template errors."""
from __future__ import annotations

import shutil

import docx

from briefing.article import Article
from briefing.export import check_note, export_note
from briefing.note.model import Note, NoteHeader, ParticipantItem, QuoteItem
from briefing.templates import load_template, shipped_dir


def full_note(**overrides) -> Note:  # noqa: ANN003
    note = Note(header=NoteHeader(title="Talks", date="2021-09-13"), summary="They met.",
                participants=[ParticipantItem(name="Nguyễn Xuân Phúc", role="President", country="VN")],
                extra_sections={k: f"{k} text" for k in ("issue", "background", "considerations",
                                                         "recommendation", "key_judgements")})
    for key, value in overrides.items():
        setattr(note, key, value)
    return note


def problems_only(problems):  # noqa: ANN001, ANN201 - notes (a fallback font) are not problems
    return [p for p in problems if p.severity != "note"]


def test_complete_note_has_no_problems():
    assert problems_only(check_note(full_note(), load_template("ministerial"))) == []


def test_seed_note_warns_about_empty_required_sections(seed_article, seed_extraction):
    from briefing.note.draft import draft_note

    note = draft_note(seed_article, seed_extraction)
    problems = check_note(note, load_template("ministerial"), article=seed_article)
    empty = {p.section for p in problems if "is empty" in p.message}
    assert {"Issue", "Considerations", "Recommendation"} <= empty
    assert not any(p.fatal for p in problems)


def test_characters_the_font_cannot_draw_name_the_item():
    quote = QuoteItem(text="hieroglyph \U00013000 here", speaker="Scribe")
    note = full_note(quotes=[quote])
    problems = check_note(note, load_template("ministerial"))
    glyphs = [p for p in problems if "cannot draw" in p.message]
    assert len(glyphs) == 1
    assert glyphs[0].item_id == quote.id and glyphs[0].section == "Key quotes"
    assert "U+13000" in glyphs[0].message and glyphs[0].severity == "warning"


def test_cjk_greek_cyrillic_and_flags_are_drawable():
    note = full_note(summary="東京 서울 北京 Αθήνα Москва \U0001F1EF\U0001F1F5 \u2011 \u201cq\u201d")
    assert not [p for p in check_note(note, load_template("intsum")) if "cannot draw" in p.message]


def test_reference_document_missing_styles_are_warnings(tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(shipped_dir() / "ministerial", folder)
    ref = docx.Document(str(folder / "reference.docx"))
    el = ref.styles["Heading 2"].element
    el.getparent().remove(el)
    ref.save(str(folder / "reference.docx"))
    problems = problems_only(check_note(full_note(), load_template(folder)))
    assert [p.severity for p in problems] == ["warning"]
    assert "'Heading 2'" in problems[0].message
    assert problems_only(check_note(full_note(), load_template(folder), fmt="pdf")) == []


def test_unreadable_reference_document_is_fatal_for_docx(tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(shipped_dir() / "ministerial", folder)
    (folder / "reference.docx").write_bytes(b"not a zip")
    template = load_template(folder)
    problems = check_note(full_note(), template, fmt="docx")
    assert problems and problems[0].fatal
    out = tmp_path / "out.docx"
    assert export_note(full_note(), template, out)[0].fatal
    assert not out.exists()
    assert not any(p.fatal for p in export_note(full_note(), template, tmp_path / "out.pdf"))


def test_template_errors_are_fatal_and_stop_the_export(tmp_path):
    template = load_template("one-page")
    template.colours["heading"] = "not-a-colour"
    template.sections[0].kind = "weather"
    problems = check_note(full_note(), template)
    assert all(p.fatal for p in problems) and len(problems) == 2
    assert any("colours.heading" in p.message for p in problems)
    out = tmp_path / "x.pdf"
    out.write_bytes(b"previous export")
    assert any(p.fatal for p in export_note(full_note(), template, out))
    assert out.read_bytes() == b"previous export"


def test_missing_logo_is_a_template_error(tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(shipped_dir() / "ministerial", folder)
    template = load_template(folder)
    (folder / "logo.png").unlink()
    problems = check_note(full_note(), template)
    assert problems and problems[0].fatal and "logo.file" in problems[0].message


def test_citations_need_the_article_only():
    article = Article(original="", paragraphs=["Alpha.", "Beta."])
    note = full_note()
    note.participants[0].source_spans = [(8, 12)]
    assert problems_only(check_note(note, load_template("ministerial"), article=article)) == []


def test_a_logo_damaged_after_a_good_check_is_caught_at_the_next_export(tmp_path):
    """The logo's verdict is remembered by its bytes, never by its name: the same file
    name with other bytes is judged again."""
    folder = tmp_path / "tpl"
    shutil.copytree(shipped_dir() / "ministerial", folder)
    template = load_template(folder)
    assert problems_only(check_note(full_note(), template)) == []
    logo = folder / "logo.png"
    logo.write_bytes(logo.read_bytes()[:200])  # cut short: a damaged PNG
    problems = check_note(full_note(), template)
    assert problems and problems[0].fatal and "damaged" in problems[0].message
