"""One look in both formats: one style sheet, Word-native DOCX, archive-ready PDF.

DOCX files are read back with python-docx and their XML; PDFs with pypdf and, where
poppler is installed, ``pdffonts`` and ``pdfinfo``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from pypdf import PdfReader

from briefing.article import Article
from briefing.export import check_note, export_note
from briefing.note.model import (AgreementItem, Note, NoteHeader, ParticipantItem, SourceInfo,
                                 ThemeItem)
from briefing.templates import load_template, new_user_template, sync_reference_styles

ARTICLE = Article(original="", paragraphs=["Japan and Vietnam met.", "They signed a pact."])
COMPLETE = {k: f"The {k}." for k in ("issue", "background", "considerations", "recommendation",
                                     "key_judgements")}


def note(**overrides) -> Note:  # noqa: ANN003
    n = Note(header=NoteHeader(title="Japan–Vietnam talks", date="2021-09-14", analyst="A. Analyst"),
             summary="Japan's defence minister met his Vietnamese counterpart.",
             participants=[ParticipantItem(name="Nobuo Kishi", role="Defence Minister", country="JP",
                                           source_spans=[(0, 5)])],
             agreements=[AgreementItem(text="Pact on defence equipment", status="signed", parties=["JP", "VN"],
                                       source_spans=[(24, 30)])],
             themes=[ThemeItem(label="Maritime security", note="The sea.")],
             source=SourceInfo(outlet="Republic World", date="2021-09-13"), extra_sections=dict(COMPLETE))
    for key, value in overrides.items():
        setattr(n, key, value)
    return n


def export(n: Note, template, folder: Path, fmt: str) -> Path:  # noqa: ANN001
    path = folder / f"n.{fmt}"
    problems = export_note(n, template, path, article=ARTICLE)
    assert not any(p.fatal for p in problems), problems
    return path


# ---------------------------------------------------------------- one style sheet

def test_docx_named_styles_carry_the_style_sheet(tmp_path):
    template = load_template("ministerial")
    sheet = template.stylesheet
    doc = docx.Document(str(export(note(), template, tmp_path, "docx")))
    heading = doc.styles["Heading 1"]
    fonts = heading.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Cambria" and fonts.get(qn("w:asciiTheme")) is None  # no theme font
    assert heading.font.size == Pt(sheet["heading1"].size)
    assert heading.font.color.rgb == RGBColor.from_string(sheet["heading1"].colour[1:])
    assert heading.paragraph_format.keep_with_next
    spacing = doc.styles["Normal"].element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert int(spacing.get(qn("w:line"))) == round(sheet["body"].leading * 20)
    assert doc.styles["Normal"].paragraph_format.widow_control
    assert {"Note Details", "Source Reference", "Table Text", "Table Heading"} <= {s.name for s in doc.styles}


def test_restyled_reference_docx_is_followed_by_the_pdf_too(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "user"))
    folder = new_user_template("mine", "ministerial")
    assert load_template("mine").title == "Ministerial briefing note (copy)"
    ref = docx.Document(str(folder / "reference.docx"))
    ref.styles["Heading 1"].font.color.rgb = RGBColor.from_string("7A1F2B")
    ref.styles["Heading 1"].font.size = Pt(16)
    ref.styles["Normal"].font.size = Pt(11)
    ref.save(str(folder / "reference.docx"))
    later = (folder / "template.toml").stat().st_mtime + 10
    os.utime(folder / "reference.docx", (later, later))
    template = load_template("mine")
    sheet = template.stylesheet
    assert (sheet["heading1"].colour, sheet["heading1"].size, sheet["body"].size) == ("#7A1F2B", 16.0, 11.0)
    pdf = export(note(), template, tmp_path, "pdf")
    content = b"".join(p.get_contents().get_data() for p in PdfReader(str(pdf)).pages)
    assert b".478431 .121569 .168627 rg" in content  # the heading colour from Word, in the PDF
    path, taken = sync_reference_styles("mine")
    assert taken["heading1"] == {"colour": "#7A1F2B", "size": 16.0} and taken["body"] == {"size": 11.0}
    import tomllib

    saved = tomllib.loads(path.read_text())
    assert saved["styles"]["heading1"] == {"colour": "#7A1F2B", "size": 16.0}
    assert load_template("mine").stylesheet["heading1"].colour == "#7A1F2B"


def test_style_overrides_from_template_toml_reach_both_writers(tmp_path):
    template = load_template("one-page")
    template.style_overrides = {"heading1": {"colour": "#123456", "size": 14.0, "space_before": 20.0}}
    template.table_overrides = {"header_fill": "#ABCDEF"}
    doc = docx.Document(str(export(note(), template, tmp_path, "docx")))
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor.from_string("123456")
    assert 'w:fill="ABCDEF"' in doc.tables[0]._tbl.xml
    content = b"".join(p.get_contents().get_data()
                       for p in PdfReader(str(export(note(), template, tmp_path, "pdf"))).pages)
    assert b".070588 .203922 .337255 rg" in content and b".670588 .803922 .937255 rg" in content


# ---------------------------------------------------------------- Word-native DOCX

def test_docx_is_word_native(tmp_path):
    template = load_template("ministerial")
    path = export(note(), template, tmp_path, "docx")
    doc = docx.Document(str(path))
    compat = doc.settings.element.find(qn("w:compat"))
    mode = [s.get(qn("w:val")) for s in compat.findall(qn("w:compatSetting"))
            if s.get(qn("w:name")) == "compatibilityMode"]
    assert mode == ["15"]
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    with zipfile.ZipFile(path) as package:
        app = package.read("docProps/app.xml").decode()
    assert "<Application>Briefing Composer</Application>" in app and "<Pages>1</Pages>" in app
    assert "<Words>" in app and "Microsoft" not in app
    descr = [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))]
    assert descr == ["Logo: Ministerial briefing note"]
    props = doc.core_properties
    assert (props.title, props.author, props.language) == ("Japan–Vietnam talks", "A. Analyst", "en-GB")
    assert props.category == "OFFICIAL" and props.keywords.startswith("Maritime security")


def test_intsum_proofs_in_us_english(tmp_path):
    doc = docx.Document(str(export(note(), load_template("intsum"), tmp_path, "docx")))
    assert doc.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-US"


def test_bullets_use_the_body_font_not_symbol(tmp_path):
    doc = docx.Document(str(export(note(), load_template("ministerial"), tmp_path, "docx")))
    numbering = doc.part.numbering_part.element.xml
    assert 'w:ascii="Cambria"' in numbering and "Symbol" not in numbering.split('w:abstractNumId="90"')[1][:600]


# ---------------------------------------------------------------- archive-ready PDF

def test_pdf_has_bookmarks_language_title_and_embeds_every_font(tmp_path):
    template = load_template("ministerial")
    reader = PdfReader(str(export(note(), template, tmp_path, "pdf")))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:2] == ["Summary", "Issue"] and "Recommendation" in titles
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title == "Japan–Vietnam talks"
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert str(font["/BaseFont"]) != "/Helvetica"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded TrueType


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_and_pdfinfo_agree(tmp_path):
    pdf = export(note(), load_template("intsum"), tmp_path, "pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[-5] == "yes" for r in rows)  # emb column
    assert all("LiberationSans" in r[0] for r in rows)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Title:           Japan–Vietnam talks" in info and "Pages:           1" in info


def test_letters_the_font_lacks_come_from_the_fallback_and_the_check_says_so(tmp_path):
    n = note(participants=[ParticipantItem(name="Nguyễn Xuân Phúc", role="President", country="VN")])
    template = load_template("ministerial")  # Caladea has no Vietnamese letters
    problems = check_note(n, template, article=ARTICLE, fmt="pdf")
    said = [p.message for p in problems if "DejaVu Serif" in p.message]
    assert len(said) == 1 and "ễ" in said[0]
    reader = PdfReader(str(export(n, template, tmp_path, "pdf")))
    assert "Nguyễn Xuân Phúc" in reader.pages[0].extract_text()


def test_shipped_reference_docx_matches_its_style_sheet_without_theme_fonts():
    from briefing.styles import read_reference_styles

    template = load_template("ministerial")
    assert read_reference_styles(template.reference_path, template.stylesheet) == {}
    ref = docx.Document(str(template.reference_path))
    for name in ("Title", "Heading 1", "Heading 2", "Normal"):
        fonts = ref.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts is not None and not [a for a in fonts.attrib if a.endswith("Theme")
                                          or a.endswith("theme")], name


def test_font_files_are_parsed_once_per_process(tmp_path, monkeypatch):
    from reportlab.pdfbase import ttfonts

    parsed: list[str] = []
    original = ttfonts.TTFontFile.__init__

    def counting(self, file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        parsed.append(str(file))
        original(self, file, *args, **kwargs)

    monkeypatch.setattr(ttfonts.TTFontFile, "__init__", counting)
    template = load_template("one-page")
    for _ in range(3):
        export(note(), template, tmp_path, "pdf")
    assert len(parsed) == len(set(parsed))  # a file parsed at most once, however many exports


def test_the_logo_is_decoded_once_and_drawn_in_every_pdf(tmp_path, monkeypatch):
    from reportlab.pdfbase import pdfdoc

    from briefing.export import logo

    made: list[str] = []
    original = pdfdoc.PDFImageXObject

    def counting(name, source=None, mask=None):  # noqa: ANN001, ANN202
        if name.startswith("Logo"):  # (its transparency is made inside, named by its pixels)
            made.append(name)
        return original(name, source, mask=mask)

    monkeypatch.setattr(pdfdoc, "PDFImageXObject", counting)
    monkeypatch.setattr(logo, "_IMAGES", {})
    template = load_template("ministerial")
    assert template.logo_path is not None
    sizes = []
    for i in range(3):
        folder = tmp_path / str(i)
        folder.mkdir()
        path = export(note(), template, folder, "pdf")
        images = [img for page in PdfReader(path).pages for img in page.images]
        assert len(images) == 1  # the logo, in every file
        sizes.append(images[0].image.size)
    assert len(made) == 1 and len(set(sizes)) == 1


def test_font_subsets_made_once_still_carry_each_notes_letters(tmp_path):
    template = load_template("one-page")
    texts = {}
    for i, summary in enumerate(["Quartz jugs vex a wry bishop.", "Zebras mix 0123456789 kilos.",
                                 "Quartz jugs vex a wry bishop."]):
        folder = tmp_path / str(i)
        folder.mkdir()
        path = export(note(summary=summary), template, folder, "pdf")
        texts[i] = " ".join(page.extract_text() for page in PdfReader(path).pages)
        assert summary in " ".join(texts[i].split())
    assert texts[0] == texts[2]


def test_table_heading_colours_must_be_readable():
    from briefing.export.check import contrast

    for name in ("ministerial", "intsum", "one-page"):
        table = load_template(name).stylesheet.table
        assert contrast(table.header_text, table.header_fill) >= 4.5, name
    template = load_template("one-page")
    template.table_overrides = {"header_text": "#BBBBBB", "header_fill": "#DDDDDD"}
    said = [p for p in check_note(note(), template, article=ARTICLE) if "contrast" in p.message]
    assert len(said) == 1 and "1.4:1" in said[0].message


def test_a_page_limited_note_is_laid_out_once_for_the_fit_and_the_file(tmp_path, monkeypatch):
    from briefing.export import pdf

    runs = []
    original = pdf.render_pdf_layout

    def counting(outline):  # noqa: ANN001, ANN202
        runs.append(outline)
        return original(outline)

    monkeypatch.setattr(pdf, "render_pdf_layout", counting)
    path = export(note(), load_template("one-page"), tmp_path, "pdf")
    assert len(runs) == 1  # the fit's layout is the file
    reader = PdfReader(path)
    assert len(reader.pages) == 1 and "Japan–Vietnam talks" in reader.pages[0].extract_text()
    runs.clear()
    export(note(), load_template("ministerial"), tmp_path, "pdf")  # no page limit: one run for the file
    assert len(runs) == 1
