"""The DOCX writer (python-docx): an Outline -> Word document bytes.

Uses real Word styles (Title, Heading 1/2, List Bullet, Quote and the template's table
style) so the analyst can restyle the result in Word. The styles come from the
template's ``reference.docx`` when it has one (pandoc's convention); a style that
document lacks is copied from python-docx's built-in template, with a warning. Header
and footer carry the classification banner and "Page X of Y" as PAGE / NUMPAGES fields.
"""
from __future__ import annotations

import copy
import io
from datetime import datetime, UTC
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from briefing.export.outline import Outline, Para, Table, TextRun, split_page_fields

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
PARA_STYLES = {"body": "Normal", "bullet": "List Bullet", "quote": "Quote",
               "placeholder": "Normal", "reference": "Normal"}
FALLBACK_TABLE_STYLE = "Table Grid"


def required_styles(outline_or_template) -> list[str]:  # noqa: ANN001
    """Word styles the export uses for this template."""
    template = getattr(outline_or_template, "template", outline_or_template)
    return ["Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Quote", template.table_style]


@cache
def _builtin_styles_xml() -> dict[str, object]:
    doc = Document()
    return {s.name: s.element for s in doc.styles}


def missing_styles(reference: Path, names: list[str]) -> list[str]:
    """Names of ``names`` the reference document does not define."""
    doc = Document(str(reference))
    have = {s.name for s in doc.styles}
    return [n for n in names if n not in have]


def _ensure_styles(doc, names: list[str], table_style: str) -> tuple[list[str], str]:  # noqa: ANN001
    """Copy missing styles from the built-in template; returns (warnings, table style to use)."""
    warnings: list[str] = []
    have = {s.name for s in doc.styles}
    builtin = _builtin_styles_xml()
    for name in names:
        if name in have:
            continue
        if name in builtin:
            doc.styles.element.append(copy.deepcopy(builtin[name]))
            warnings.append(f"reference document lacks style '{name}'; using the built-in one")
        elif name == table_style:
            warnings.append(f"table style '{name}' not found; using '{FALLBACK_TABLE_STYLE}'")
            table_style = FALLBACK_TABLE_STYLE
            if FALLBACK_TABLE_STYLE not in have:
                doc.styles.element.append(copy.deepcopy(builtin[FALLBACK_TABLE_STYLE]))
    return warnings, table_style


def _hex(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _apply_template_fonts(doc, outline: Outline) -> None:  # noqa: ANN001
    t = outline.template
    sizes = {"Normal": t.body_size, "Title": t.title_size, "Heading 1": t.heading1_size,
             "Heading 2": t.heading2_size, "List Bullet": t.body_size, "Quote": t.body_size}
    for name, size in sizes.items():
        style = doc.styles[name]
        style.font.name = t.docx_font
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:  # theme fonts would override the name for some scripts
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
        style.font.size = Pt(size)
        style.font.color.rgb = _hex(t.colours["heading"] if name.startswith(("Title", "Heading"))
                                    else t.colours["text"])


def _add_runs(paragraph, runs: list[TextRun]) -> None:  # noqa: ANN001
    for r in runs:
        run = paragraph.add_run(r.text)
        run.bold = r.bold or None
        run.italic = r.italic or None
        if r.superscript:
            run.font.superscript = True


def _add_field(paragraph, code: str, bold: bool = False) -> None:  # noqa: ANN001
    """A complex field (PAGE, NUMPAGES) showing ``1`` until Word updates it."""
    def fld(kind: str):  # noqa: ANN202
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    paragraph.add_run()._r.append(fld("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld("separate"))
    paragraph.add_run("1").bold = bold or None
    paragraph.add_run()._r.append(fld("end"))


def _band_paragraph(container, band, width_mm: float, size: float) -> None:  # noqa: ANN001
    if not (band.left or band.centre or band.right):
        return
    p = container.add_paragraph()
    stops = p.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(width_mm / 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Mm(width_mm), WD_TAB_ALIGNMENT.RIGHT)
    for i, slot in enumerate((band.left, band.centre, band.right)):
        if i:
            p.add_run("\t")
        for part in split_page_fields(slot):
            if part in ("{page}", "{pages}"):
                _add_field(p, "PAGE" if part == "{page}" else "NUMPAGES")
            else:
                p.add_run(part)
    for run in p.runs:
        run.font.size = Pt(size)


def _banner(container, outline: Outline) -> None:  # noqa: ANN001
    if not outline.banner or not outline.classification:
        return
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(outline.classification)
    run.bold = True
    run.font.size = Pt(10)
    run.font.color.rgb = _hex(outline.banner_colour)


def _page_setup(doc, outline: Outline) -> float:  # noqa: ANN001
    t = outline.template
    width, height = PAGE_SIZES_MM[t.page_size]
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    m = t.margins_mm
    section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
    section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
    section.header_distance = section.footer_distance = Mm(min(m.top, m.bottom) / 2.5)
    for part in (section.header, section.footer):
        part.is_linked_to_previous = False
        for p in list(part.paragraphs):
            p._p.getparent().remove(p._p)
    _banner(section.header, outline)
    _band_paragraph(section.header, outline.header, width - m.left - m.right, 8)
    _band_paragraph(section.footer, outline.footer, width - m.left - m.right, 8)
    _banner(section.footer, outline)
    return width - m.left - m.right


def _table(doc, table: Table, style: str, width_mm: float, header_colour: str) -> None:  # noqa: ANN001
    t = doc.add_table(rows=1, cols=len(table.columns))
    t.style = doc.styles[style]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    widths = [Mm(width_mm * w) for w in table.widths]
    header = t.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, name, w in zip(header.cells, table.columns, widths):
        cell.width = w
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        run.font.color.rgb = _hex(header_colour)
    for cells in table.rows:
        row = t.add_row()
        for cell, runs, w in zip(row.cells, cells, widths):
            cell.width = w
            _add_runs(cell.paragraphs[0], runs)


def _fit(value: str, limit: int = 255) -> str:
    """A core property value within Word's 255-character limit, cut at a word."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;: ") + "\u2026"


def render_docx(outline: Outline) -> tuple[bytes, list[str]]:
    """The DOCX file for ``outline`` and the warnings met while writing it."""
    t = outline.template
    reference = t.reference_path
    doc = Document(str(reference)) if reference is not None and reference.is_file() else Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    warnings, table_style = _ensure_styles(doc, required_styles(outline), t.table_style)
    if reference is None:
        _apply_template_fonts(doc, outline)
    text_width = _page_setup(doc, outline)
    if outline.logo is not None and outline.logo.is_file():
        doc.add_paragraph().add_run().add_picture(str(outline.logo), width=Mm(t.logo_width_mm))
    doc.add_paragraph(outline.title, style="Title")
    for label, value in outline.meta:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    for sec in outline.sections:
        heading = doc.add_paragraph(sec.heading, style=f"Heading {sec.level}")
        if sec.page_break_before:
            heading.paragraph_format.page_break_before = True
        for block in sec.blocks:
            if isinstance(block, Table):
                _table(doc, block, table_style, text_width, t.colours["table_header_text"])
                doc.add_paragraph().paragraph_format.space_after = Pt(0)
                continue
            assert isinstance(block, Para)
            p = doc.add_paragraph(style=PARA_STYLES.get(block.style, "Normal"))
            _add_runs(p, block.runs)
            if block.style == "reference":
                for run in p.runs:
                    run.font.size = Pt(max(t.body_size - 1.5, 6))
    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    for name in ("title", "author", "subject", "keywords", "category", "comments"):
        setattr(props, name, _fit(outline.properties[name]))
    props.last_modified_by, props.created, props.modified = "Briefing Composer", now, now
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), warnings


__all__ = ["render_docx", "required_styles", "missing_styles", "PAGE_SIZES_MM"]
