"""DOCX export: read the written file back with python-docx and check what Word would show."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
from docx.oxml.ns import qn
import pytest

from briefing.article import Article
from briefing.export import export_note
from briefing.note.draft import draft_note
from briefing.note.model import (AgreementItem, EventItem, Note, NoteHeader, ParticipantItem,
                                 QuoteItem, SourceInfo, ThemeItem)
from briefing.templates import load_template, shipped_dir

HOSTILE = "AT&T R&D <ModJapan_en> a <b> tag \x00\x07\x1b\x0c ok & &amp; </para> \ufffe end"


@pytest.fixture(scope="module")
def seed_note(seed_article, seed_extraction) -> Note:
    note = draft_note(seed_article, seed_extraction)
    note.header.analyst = "A. Analyst"
    note.extra_sections["issue"] = "Japan and Vietnam deepen **defence** cooperation."
    note.extra_sections["recommendation"] = "Note the pact."
    return note


def small_note(text: str = "Plain text") -> tuple[Note, Article]:
    article = Article(original="", paragraphs=["First paragraph about the visit.",
                                               "Second paragraph: the pact was signed."])
    note = Note(
        header=NoteHeader(title=f"Title {text}", date="2021-09-13", reference=f"REF {text}",
                          analyst=f"Analyst {text}", organisation=f"Org {text}",
                          classification="OFFICIAL-SENSITIVE", caveats=f"Caveat {text}",
                          distribution=f"Dist {text}"),
        summary=f"Summary {text}\n\n- bullet {text}",
        participants=[ParticipantItem(name=f"Nguyễn Xuân Phúc {text}", role="President", country="VN",
                                      source_spans=[(0, 5)]),
                      ParticipantItem(name="Left Out", role="Nobody", included=False)],
        agreements=[AgreementItem(text=f"pact on {text}", status="signed", instrument="pact",
                                  parties=["JP", "VN"], date="2021-09-11", source_spans=[(40, 50)])],
        themes=[ThemeItem(theme_id="maritime", label=f"Maritime {text}", note=f"note *{text}*")],
        quotes=[QuoteItem(text=f"quote {text}", speaker=f"Speaker {text}")],
        events=[EventItem(date="2021-09-11", text=f"event {text}")],
        analyst_comment=f"Comment {text}",
        source=SourceInfo(headline=f"Headline {text}", outlet=f"Outlet {text}", date="2021-09-13"),
        extra_sections={k: f"{k} {text}" for k in ("issue", "background", "considerations",
                                                   "recommendation")},
    )
    return note, article


def export_docx(note: Note, path: Path, template: str = "ministerial", article=None):  # noqa: ANN001
    problems = export_note(note, load_template(template), path, article=article)
    return docx.Document(str(path)), problems


def all_text(doc) -> str:  # noqa: ANN001
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_seed_note_styles_headings_tables(seed_note, seed_article, tmp_path):
    doc, problems = export_docx(seed_note, tmp_path / "seed.docx", article=seed_article)
    assert not any(p.fatal for p in problems)
    styles = [p.style.name for p in doc.paragraphs]
    assert styles.count("Title") == 1
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    order = ["Summary", "Issue", "Background", "Considerations", "Recommendation"]
    assert [h for h in headings if h in order] == order
    assert "Heading 2" in styles
    participants = doc.tables[0]
    assert [c.text for c in participants.rows[0].cells] == ["Name", "Role", "Country"]
    assert [p.style.name for p in participants.rows[1].cells[0].paragraphs] == ["Table Text"]
    names = [row.cells[0].text for row in participants.rows[1:]]
    assert any(n.startswith("Nobuo Kishi") for n in names)
    assert "defence" in all_text(doc)


def test_header_footer_banner_and_page_fields(seed_note, tmp_path):
    seed_note.header.classification = "official-sensitive"
    doc, _ = export_docx(seed_note, tmp_path / "seed.docx")
    seed_note.header.classification = ""
    section = doc.sections[0]
    header = "\n".join(p.text for p in section.header.paragraphs)
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    assert "OFFICIAL-SENSITIVE" in header and "OFFICIAL-SENSITIVE" in footer
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert "Page 1 of 1" in footer  # field results until Word updates them
    assert abs(section.page_width.mm - 210) < 0.5


def test_core_properties(tmp_path):
    note, article = small_note()
    doc, _ = export_docx(note, tmp_path / "p.docx", article=article)
    props = doc.core_properties
    assert props.title == "Title Plain text"
    assert props.author == "Analyst Plain text"
    assert props.subject == "Headline Plain text"
    assert "Maritime Plain text" in props.keywords and "Vietnam" in props.keywords


def test_included_only_agreements_table_and_citations(tmp_path):
    note, article = small_note()
    doc, _ = export_docx(note, tmp_path / "c.docx", article=article)
    text = all_text(doc)
    assert "Left Out" not in text
    agreements = [t for t in doc.tables if t.rows[0].cells[0].text == "Agreement"][0]
    row = [c.text for c in agreements.rows[1].cells]
    assert row[0] == "pact on Plain text [2]" and row[1] == "signed"
    assert row[3] == "Japan, Vietnam" and row[4] == "11 Sep 2021"
    refs = [p.text for p in doc.paragraphs if p.text.startswith("[")]
    assert refs[0] == "[1] Outlet Plain text, 13 Sep 2021, \u00b61"
    assert refs[1] == "[2] Outlet Plain text, 13 Sep 2021, \u00b62"
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert "bullet Plain text" in bullets


def test_hostile_text_in_every_field(tmp_path):
    note, article = small_note(HOSTILE)
    doc, problems = export_docx(note, tmp_path / "h.docx", article=article)
    text = all_text(doc)
    assert "AT&T R&D <ModJapan_en> a <b> tag" in text
    assert "\x00" not in text and "\x07" not in text and "\ufffe" not in text
    assert "ok & &amp; </para>" in text
    assert doc.core_properties.title.startswith("Title AT&T R&D")
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert "REF AT&T R&D <ModJapan_en>" in header


def test_reference_docx_missing_styles_falls_back(tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(shipped_dir() / "ministerial", folder)
    ref = docx.Document(str(folder / "reference.docx"))
    for name in ("List Bullet", "Quote"):
        el = ref.styles[name].element
        el.getparent().remove(el)
    ref.save(str(folder / "reference.docx"))
    note, article = small_note()
    problems = export_note(note, load_template(folder), tmp_path / "r.docx", article=article)
    messages = " ".join(p.message for p in problems)
    for name in ("List Bullet", "Quote"):
        assert f"'{name}'" in messages
    assert all(p.severity == "warning" for p in problems)
    doc = docx.Document(str(tmp_path / "r.docx"))
    assert "List Bullet" in [p.style.name for p in doc.paragraphs]


def test_tables_take_their_look_from_the_style_sheet(tmp_path):
    template = load_template("one-page")
    template.table_overrides = {"header_fill": "#112233", "border": "#445566", "banding": "#EEEEEE"}
    note, article = small_note()
    note.participants = [ParticipantItem(name=f"P{i}", role="Delegate", country="JP") for i in range(4)]
    export_note(note, template, tmp_path / "t.docx", article=article)
    table = docx.Document(str(tmp_path / "t.docx")).tables[0]
    xml = table._tbl.xml
    assert 'w:fill="112233"' in xml and 'w:color="445566"' in xml and 'w:fill="EEEEEE"' in xml
    assert xml.count("<w:cantSplit/>") == 5 and "<w:tblHeader/>" in xml
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = [int(c._tc.tcPr.tcW.get(qn("w:w"))) for c in table.rows[1].cells]
    assert grid == cells  # the grid matches the cell widths
    assert not any(r.bold for r in table.rows[1].cells[0].paragraphs[0].runs)  # first column not bold


@pytest.mark.parametrize("name", ["intsum", "one-page"])
def test_other_templates_export(name, tmp_path):
    note, article = small_note()
    if name == "intsum":  # a US template: a UK marking is refused, not printed
        problems = export_note(note, load_template(name), tmp_path / "refused.docx", article=article)
        assert [p.fatal for p in problems if "OFFICIAL-SENSITIVE" in p.message] == [True]
        assert not (tmp_path / "refused.docx").exists()
        note.header.classification = "UNCLASSIFIED"
    doc, _ = export_docx(note, tmp_path / f"{name}.docx", template=name, article=article)
    first = load_template(name).sections[0].heading
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][0] == first
    if name == "intsum":
        assert any(p.text.startswith("(U) Summary") for p in doc.paragraphs)  # portion marks
        assert abs(doc.sections[0].page_width.mm - 215.9) < 0.5


def test_long_properties_fit_words_limit(tmp_path):
    note, article = small_note("long " * 120)
    doc, _ = export_docx(note, tmp_path / "long.docx", article=article)
    props = doc.core_properties
    assert props.title.startswith("Title long") and len(props.title) <= 255
    assert len(props.keywords) <= 255


def test_keywords_cut_to_the_limit_keep_whole_themes(tmp_path):
    """Theme labels hold commas ("Exercises, training and visits"): keywords are separated by
    semicolons, and a list cut to Word's 255 characters ends with a whole label."""
    from briefing.export.docx import _fit

    labels = ["Defence equipment, industry and technology", "Exercises, training and visits"] * 5
    value = "; ".join(labels)
    fitted = _fit(value, separator="; ")
    assert len(fitted) <= 255 and fitted.split("; ") == labels[: len(fitted.split("; "))]
