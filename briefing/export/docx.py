"""The DOCX writer (python-docx): an Outline -> Word document bytes.

The template's style sheet (:mod:`briefing.styles`) is written into the document's named
styles (Normal, Title, Heading 1/2, List Bullet, Quote and the note's own: Note Details,
Source Reference, Table Text...), so Word's style pane and navigation work and the
analyst can restyle the result; the PDF writer builds its styles from the same values.
Lines use exact spacing and tables fixed column widths from
:func:`briefing.export.layout.column_widths`, so Word, LibreOffice and our PDF break
lines and pages alike. Widow control is on, headings keep with the next paragraph,
table rows never split and header rows repeat.

The base document is the template's ``reference.docx`` (pandoc's convention),
sanitised first (:mod:`briefing.export.reference_doc`: nothing remote, no macros), or
python-docx's own. The header carries the classification banner (in the scheme's
colours), "DRAFT" for a draft and the header band; the footer the band with PAGE and
NUMPAGES fields and the banner. Word-native: current compatibility mode, the template's
proofing language, application name and statistics, the logo's alternative text, core
and custom properties (classification, status).
"""
from __future__ import annotations

import copy
import io
import re
from datetime import datetime, UTC
from functools import cache
from pathlib import Path, PurePath

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from briefing.export.layout import (MM, PAGE_SIZES_MM, band_texts, column_widths, line_height,
                                    page_geometry, tall_rows)
from briefing.export.outline import (DRAFT_LABEL, Outline, Para, Table, TextRun,
                                     split_page_fields)
from briefing.export.reference_doc import open_reference
from briefing.styles import STYLE_NAMES, WORD_BUILTIN, StyleSheet, TextStyle

PARA_STYLES = {"body": "body", "bullet": "bullet", "quote": "quote", "placeholder": "placeholder",
               "reference": "reference", "source": "source"}
DRAFT_COLOUR = "B00020"
CUSTOM_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPS_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "custom-properties")
WORD_MODE = "15"  # Word 2013 and later: no compatibility mode
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "centre": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
BULLET_NUM_ID = 90  # our own bullet list definition (in the body font, not Symbol)
LOGO_SPACE_AFTER = 8.0  # pt between the logo and the title
UNMODELLED_PPR = ("w:pBdr", "w:tabs", "w:keepLines", "w:shd", "w:snapToGrid", "w:textAlignment")
UNMODELLED_RPR = ("w:kern", "w:spacing", "w:caps", "w:smallCaps", "w:w", "w:position", "w:vanish")


def required_styles(outline_or_template) -> list[str]:  # noqa: ANN001
    """Word styles the export writes (taken from the reference document when it has them)."""
    return [STYLE_NAMES[k] for k in ("body", "title", "heading1", "heading2", "bullet", "quote")]


def missing_styles(reference: Path, names: list[str]) -> list[str]:
    """Names of ``names`` the reference document does not define."""
    have = _style_names(str(reference), reference.stat().st_mtime_ns)
    return [n for n in names if n not in have]


@cache
def _style_names(reference: str, _mtime: int) -> frozenset[str]:
    """The style names of a reference document (sanitised; read once per file version)."""
    return frozenset(s.name for s in open_reference(Path(reference)).styles)


@cache
def _builtin_styles_xml() -> dict[str, object]:
    return {s.name: s.element for s in Document().styles}


@cache
def _base_package(reference: str | None, mtime: float) -> bytes:
    """The bytes of the base document with an empty body (read once per file version)."""
    doc = open_reference(Path(reference)) if reference else Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _open_base(outline: Outline):  # noqa: ANN202 - docx.document.Document
    ref = outline.template.reference_path
    if ref is not None and ref.is_file():
        return Document(io.BytesIO(_base_package(str(ref), ref.stat().st_mtime)))
    return Document(io.BytesIO(_base_package(None, 0.0)))


# ---------------------------------------------------------------- styles

def _twips(points: float) -> str:
    return str(int(round(points * 20)))


# Child order the OOXML schema requires (Word refuses a document that breaks it).
_ORDER = {
    "w:pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
              "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
              "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
              "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
              "rPr sectPr pPrChange"),
    "w:rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
              "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
              "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"),
    "w:tblPr": ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
                "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"),
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "w:lvl": "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr",
    "w:tblBorders": "top left start bottom right end insideH insideV",
    "w:pBdr": "top left bottom right between bar",
    "w:tblCellMar": "top left start bottom right end",
}


def _insert(parent, el) -> None:  # noqa: ANN001
    """Append ``el`` to ``parent`` where the schema wants it."""
    order = _ORDER.get(parent.tag.replace("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}", "w:"))
    if order is None:
        parent.append(el)
        return
    names = order.split()
    local = el.tag.rsplit("}", 1)[-1]
    rank = names.index(local) if local in names else len(names)
    for child in parent:
        child_local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if child_local in names and names.index(child_local) > rank:
            child.addprevious(el)
            return
    parent.append(el)


def _set(parent, tag: str, **attrs: str):  # noqa: ANN001, ANN202
    """The child ``tag`` of ``parent`` (created in schema order, or emptied of attributes),
    with ``attrs``."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        _insert(parent, el)
    for key in list(el.attrib):
        del el.attrib[key]
    for key, value in attrs.items():
        el.set(qn(key), value)
    return el


def _write_style(doc, name: str, spec: TextStyle, language: str, warnings: list[str],  # noqa: ANN001
                 have: set[str], from_reference: bool) -> None:
    styles = doc.styles
    if name not in have:
        builtin = _builtin_styles_xml()
        if name in builtin:
            styles.element.append(copy.deepcopy(builtin[name]))
            if from_reference and name in WORD_BUILTIN:
                warnings.append(f"reference document lacks style '{name}'; using the built-in one")
        else:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"] if name != "Normal" else None
            style.quick_style = True
    style = styles[name]
    el = style.element
    rpr = el.get_or_add_rPr()
    fonts = _set(rpr, "w:rFonts", **{"w:ascii": spec.font, "w:hAnsi": spec.font, "w:cs": spec.font,
                                      "w:eastAsia": spec.font})
    del fonts  # theme-font attributes removed: the named font applies in Word
    style.font.size = Pt(spec.size)
    _set(rpr, "w:szCs", **{"w:val": str(int(round(spec.size * 2)))})
    style.font.color.rgb = RGBColor.from_string(spec.colour.lstrip("#"))
    style.font.bold = spec.bold
    style.font.italic = spec.italic
    _set(rpr, "w:lang", **{"w:val": language, "w:eastAsia": language, "w:bidi": "ar-SA"})
    ppr = el.get_or_add_pPr()
    _set(ppr, "w:spacing", **{"w:before": _twips(spec.space_before), "w:after": _twips(spec.space_after),
                              "w:line": _twips(spec.leading), "w:lineRule": "exact",
                              "w:beforeAutospacing": "0", "w:afterAutospacing": "0"})
    fmt = style.paragraph_format
    fmt.alignment = ALIGN[spec.alignment]
    fmt.keep_with_next = spec.keep_with_next
    fmt.widow_control = True
    _set(ppr, "w:ind", **{"w:left": _twips(spec.left_indent * MM), "w:right": _twips(spec.right_indent * MM),
                          **({"w:hanging": _twips(spec.hanging * MM)} if spec.hanging else
                             {"w:firstLine": "0"})})
    for old in ppr.findall(qn("w:contextualSpacing")):
        ppr.remove(old)
    if spec.contextual:
        _set(ppr, "w:contextualSpacing")
    for tag in UNMODELLED_PPR:  # borders, contextual spacing... the style sheet does not have
        for el_ in ppr.findall(qn(tag)):
            ppr.remove(el_)
    for tag in UNMODELLED_RPR:  # kerning, letter spacing, caps change where lines break
        for el_ in rpr.findall(qn(tag)):
            rpr.remove(el_)


def _write_styles(doc, sheet: StyleSheet, language: str, warnings: list[str],  # noqa: ANN001
                  from_reference: bool) -> None:
    have = {s.name for s in doc.styles}
    for key, name in STYLE_NAMES.items():
        _write_style(doc, name, sheet[key], language, warnings, have, from_reference)
    _write_style(doc, "Footer", sheet["band"], language, warnings, have, from_reference)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            _set(rpr_default.find(qn("w:rPr")), "w:lang",
                 **{"w:val": language, "w:eastAsia": language, "w:bidi": "ar-SA"})
    _bullet_numbering(doc, sheet["bullet"])


def _bullet_numbering(doc, spec: TextStyle) -> None:  # noqa: ANN001
    """A bullet list definition whose bullet is drawn in the body font (not Symbol)."""
    numbering = doc.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(BULLET_NUM_ID):
            numbering.remove(num)
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == str(BULLET_NUM_ID):
            numbering.remove(abstract)
    left, hanging = _twips(spec.left_indent * MM), _twips(spec.hanging * MM)
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(BULLET_NUM_ID))
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, attrs in (("w:start", {"w:val": "1"}), ("w:numFmt", {"w:val": "bullet"}),
                       ("w:lvlText", {"w:val": "\u2022"}), ("w:lvlJc", {"w:val": "left"})):
        _set(lvl, tag, **attrs)
    ppr = _set(lvl, "w:pPr")
    _set(ppr, "w:ind", **{"w:left": left, "w:hanging": hanging})
    rpr = _set(lvl, "w:rPr")
    _set(rpr, "w:rFonts", **{"w:ascii": spec.font, "w:hAnsi": spec.font, "w:cs": spec.font})
    abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(BULLET_NUM_ID))
    _set(num, "w:abstractNumId", **{"w:val": str(BULLET_NUM_ID)})
    numbering.append(num)
    bullet = doc.styles[STYLE_NAMES["bullet"]].element.get_or_add_pPr()
    numpr = bullet.find(qn("w:numPr"))
    if numpr is not None:
        bullet.remove(numpr)
    numpr = _set(bullet, "w:numPr")
    _set(numpr, "w:ilvl", **{"w:val": "0"})
    _set(numpr, "w:numId", **{"w:val": str(BULLET_NUM_ID)})


# ---------------------------------------------------------------- runs and fields

_STYLE_IDS: dict[int, dict[str, str]] = {}


def _style_ids(doc) -> dict[str, str]:  # noqa: ANN001
    """Style name -> style id of ``doc`` (python-docx looks names up slowly, once per call)."""
    ids = _STYLE_IDS.get(id(doc.part))
    if ids is None:
        ids = {s.name: s.style_id for s in doc.styles}
        _STYLE_IDS.clear()  # one document at a time
        _STYLE_IDS[id(doc.part)] = ids
    return ids


def _add(container, style: str, text: str = "", doc=None):  # noqa: ANN001, ANN202
    """A new paragraph in ``container`` (the document, a header, a footer) with the named
    style of ``doc``, set by id."""
    p = container.add_paragraph(text)
    p._p.style = _style_ids(doc)[style]
    return p


def _restyle(paragraph, doc, style: str) -> None:  # noqa: ANN001
    paragraph._p.style = _style_ids(doc)[style]

def _add_runs(paragraph, runs: list[TextRun]) -> None:  # noqa: ANN001
    for r in runs:
        run = paragraph.add_run(r.text)
        run.bold = r.bold or None
        run.italic = r.italic or None
        if r.superscript:
            run.font.superscript = True


def _add_field(paragraph, code: str) -> None:  # noqa: ANN001
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
    paragraph.add_run("1")
    paragraph.add_run()._r.append(fld("end"))


def _band_paragraph(container, slots: tuple[str, str, str], width_pt: float, style: str,  # noqa: ANN001
                    rule_colour: str | None = None, doc=None) -> None:  # noqa: ANN001
    p = _add(container, style, doc=doc)
    stops = p.paragraph_format.tab_stops
    stops.add_tab_stop(Emu(int(width_pt / 2 * 12700)), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Emu(int(width_pt * 12700)), WD_TAB_ALIGNMENT.RIGHT)
    for i, slot in enumerate(slots):
        if i:
            p.add_run("\t")
        for part in split_page_fields(slot):
            if part in ("{page}", "{pages}"):
                _add_field(p, "PAGE" if part == "{page}" else "NUMPAGES")
            else:
                p.add_run(part)
    if rule_colour:
        border = _set(p._p.get_or_add_pPr(), "w:pBdr")
        _set(border, "w:bottom", **{"w:val": "single", "w:sz": "5", "w:space": "1",
                                    "w:color": rule_colour.lstrip("#").upper()})


def _banner(container, outline: Outline, doc=None) -> None:  # noqa: ANN001
    p = _add(container, STYLE_NAMES["banner"], outline.classification, doc=doc)
    if outline.banner_fill:
        _set(p._p.get_or_add_pPr(), "w:shd", **{"w:val": "clear", "w:color": "auto",
                                                "w:fill": outline.banner_fill.lstrip("#").upper()})
    for run in p.runs:
        run.font.color.rgb = RGBColor.from_string(outline.banner_colour.lstrip("#"))


def _draft_line(container, doc=None) -> None:  # noqa: ANN001
    p = _add(container, STYLE_NAMES["banner"], DRAFT_LABEL, doc=doc)
    for run in p.runs:
        run.font.color.rgb = RGBColor.from_string(DRAFT_COLOUR)


def _exact_height(paragraph, points: float) -> None:  # noqa: ANN001
    ppr = paragraph._p.get_or_add_pPr()
    _set(ppr, "w:spacing", **{"w:before": "0", "w:after": "0", "w:line": _twips(points), "w:lineRule": "exact"})


def _page_setup(doc, outline: Outline) -> float:  # noqa: ANN001
    """Page, margins, header and footer; returns the text width in points."""
    t = outline.template
    geo = page_geometry(outline)
    sheet = t.stylesheet
    width_mm, height_mm = PAGE_SIZES_MM[t.page_size]
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    section.top_margin, section.bottom_margin = Emu(int(geo.top * 12700)), Emu(int(geo.bottom * 12700))
    section.left_margin, section.right_margin = Emu(int(geo.left * 12700)), Emu(int(geo.right * 12700))
    section.header_distance = section.footer_distance = Emu(int(geo.header_distance * 12700))
    for part in (section.header, section.footer):
        part.is_linked_to_previous = False
        for p in list(part.paragraphs):
            p._p.getparent().remove(p._p)
    band = sheet["band"]
    for kind in geo.header_lines:
        if kind == "banner":
            _banner(section.header, outline, doc)
        elif kind == "draft":
            _draft_line(section.header, doc)
        else:
            _band_paragraph(section.header, band_texts(outline.header, band, geo.text_width), geo.text_width,
                            "Header", t.colours["accent"], doc)
        _exact_height(section.header.paragraphs[-1], line_height(kind, sheet))
    for kind in geo.footer_lines:
        if kind == "banner":
            _banner(section.footer, outline, doc)
        else:
            _band_paragraph(section.footer, band_texts(outline.footer, band, geo.text_width), geo.text_width,
                            "Footer", doc=doc)
        _exact_height(section.footer.paragraphs[-1], line_height(kind, sheet))
    if not section.header.paragraphs:
        section.header.add_paragraph()
    if not section.footer.paragraphs:
        section.footer.add_paragraph()
    return geo.text_width


# ---------------------------------------------------------------- tables

def _borders(parent_pr, tag: str, sides: tuple[str, ...], colour: str, width_pt: float) -> None:  # noqa: ANN001
    borders = _set(parent_pr, tag)
    for side in sides:
        _set(borders, f"w:{side}", **{"w:val": "single", "w:sz": str(max(2, int(round(width_pt * 8)))),
                                      "w:space": "0", "w:color": colour.lstrip("#").upper()})


def _shade(cell, fill: str) -> None:  # noqa: ANN001
    _set(cell._tc.get_or_add_tcPr(), "w:shd", **{"w:val": "clear", "w:color": "auto",
                                                 "w:fill": fill.lstrip("#").upper()})


def _plain_table(doc, block: Table, sheet: StyleSheet, text_width: float) -> None:  # noqa: ANN001
    """Text in columns: no header, borders or cell margins (the source references)."""
    widths = [text_width * w for w in block.widths]
    table = doc.add_table(rows=len(block.rows), cols=len(block.widths))
    table.autofit = False
    tblpr = table._tbl.tblPr
    _set(tblpr, "w:tblW", **{"w:w": _twips(sum(widths)), "w:type": "dxa"})
    _set(tblpr, "w:tblInd", **{"w:w": "0", "w:type": "dxa"})
    borders = _set(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", **{"w:val": "nil"})
    _set(tblpr, "w:tblLayout", **{"w:type": "fixed"})
    margins = _set(tblpr, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        _set(margins, f"w:{side}", **{"w:w": "0", "w:type": "dxa"})
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), _twips(width))
    style_name = STYLE_NAMES[block.cell_style]
    for row, cells in zip(table.rows, block.rows):
        _set(row._tr.get_or_add_trPr(), "w:cantSplit")
        for cell, runs, width in zip(row.cells, cells, widths):
            cell.width = Emu(int(width * 12700))
            _restyle(cell.paragraphs[0], doc, style_name)
            _add_runs(cell.paragraphs[0], runs)


def _table(doc, block: Table, sheet: StyleSheet, text_width: float, body_height: float) -> None:  # noqa: ANN001
    if block.plain:
        _plain_table(doc, block, sheet, text_width)
        return
    spec = sheet.table
    widths = column_widths(block, sheet, text_width)
    tall = [False] + tall_rows(block, sheet, widths, body_height)
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl = table._tbl
    tblpr = tbl.tblPr
    _set(tblpr, "w:tblW", **{"w:w": _twips(sum(widths)), "w:type": "dxa"})
    _set(tblpr, "w:tblLayout", **{"w:type": "fixed"})
    _set(tblpr, "w:tblInd", **{"w:w": "0", "w:type": "dxa"})
    _borders(tblpr, "w:tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV"),
             spec.border, spec.border_width)
    margins = _set(tblpr, "w:tblCellMar")
    for side, value in (("top", spec.padding_y), ("left", spec.padding_x), ("bottom", spec.padding_y),
                        ("right", spec.padding_x)):
        _set(margins, f"w:{side}", **{"w:w": _twips(value * MM), "w:type": "dxa"})
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), _twips(width))
    for index, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        if not tall[index]:  # a row taller than half a page may split: it could not be placed whole
            _set(trpr, "w:cantSplit")
        if index == 0:
            _set(trpr, "w:tblHeader")
        cells = [[TextRun(c, bold=spec.header_bold)] for c in block.columns] if index == 0 \
            else block.rows[index - 1]
        style = STYLE_NAMES["table_header" if index == 0 else "table_text"]
        for col, (cell, runs, width) in enumerate(zip(row.cells, cells, widths)):
            cell.width = Emu(int(width * 12700))
            paragraph = cell.paragraphs[0]
            _restyle(paragraph, doc, style)
            if index and col == 0 and spec.first_column_bold:
                runs = [TextRun(r.text, True, r.italic, r.superscript) for r in runs]
            _add_runs(paragraph, runs)
            if index == 0:
                _shade(cell, spec.header_fill)
            elif spec.banding and index % 2 == 0:
                _shade(cell, spec.banding)


# ---------------------------------------------------------------- properties

def _fit(value: str, limit: int = 255, *, separator: str | None = None) -> str:
    """A core property value within Word's 255-character limit, cut at a word; a list
    (``separator``, the keywords) keeps whole entries and no ellipsis."""
    if len(value) <= limit:
        return value
    if separator is not None and separator in value[:limit + 1]:
        return value[: limit + 1].rsplit(separator, 1)[0]
    cut = value[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;: ") + "\u2026"


def _custom_properties(doc, values: dict[str, str]) -> None:  # noqa: ANN001
    """``docProps/custom.xml``: named text properties (Word: File > Info > Properties)."""
    from xml.sax.saxutils import escape

    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == CUSTOM_PROPS_REL:
            package.rels.pop(rel.rId)
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"{items}</Properties>")
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPS_TYPE, xml.encode("utf-8"), package)
    package.relate_to(part, CUSTOM_PROPS_REL)


APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def _app_properties(doc, outline: Outline, pages: int) -> None:  # noqa: ANN001
    """``docProps/app.xml``: this program's name and the document's own statistics."""
    from xml.sax.saxutils import escape

    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from briefing import __version__

    text = "\n".join(p.text for p in doc.paragraphs)
    text += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    words = len(re.findall(r"\S+", text))
    chars = len(re.sub(r"\s", "", text))
    paragraphs = sum(1 for p in doc.paragraphs if p.text.strip()) + sum(
        len(t.rows) * len(t.columns) for t in doc.tables)
    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == APP_REL:
            package.rels.pop(rel.rId)
    major, _, minor = __version__.partition(".")
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f"<Template>{escape(outline.template.name)}</Template><TotalTime>0</TotalTime>"
           f"<Pages>{pages}</Pages><Words>{words}</Words><Characters>{chars}</Characters>"
           "<Application>Briefing Composer</Application><DocSecurity>0</DocSecurity>"
           f"<Paragraphs>{paragraphs}</Paragraphs><ScaleCrop>false</ScaleCrop>"
           f"<Company>{escape(outline.properties.get('organisation', ''))}</Company>"
           "<LinksUpToDate>false</LinksUpToDate>"
           f"<CharactersWithSpaces>{len(text)}</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
           f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{int(major):02d}.{minor.split('.')[0].zfill(4)}"
           "</AppVersion></Properties>")
    part = Part(PackURI("/docProps/app.xml"), APP_TYPE, xml.encode("utf-8"), package)
    package.relate_to(part, APP_REL)


def _word_settings(doc) -> None:  # noqa: ANN001
    """Current Word compatibility (no "compatibility mode" banner in Word)."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            compat.remove(setting)
    mode = OxmlElement("w:compatSetting")
    for key, value in (("w:name", "compatibilityMode"), ("w:uri", "http://schemas.microsoft.com/office/word"),
                       ("w:val", WORD_MODE)):
        mode.set(qn(key), value)
    settings_ = [c for c in compat if c.tag == qn("w:compatSetting")]
    (settings_[0].addprevious(mode) if settings_ else compat.append(mode))


# ---------------------------------------------------------------- the document

def render_docx(outline: Outline, *, pages: int | None = None) -> tuple[bytes, list[str]]:
    """The DOCX file for ``outline`` and the warnings met while writing it.

    ``pages`` (the page count of the same note's PDF, whose layout matches) goes into the
    document statistics; without it the count is estimated.
    """
    t = outline.template
    sheet = t.stylesheet
    doc = _open_base(outline)
    warnings: list[str] = []
    _STYLE_IDS.clear()
    _write_styles(doc, sheet, t.language, warnings, t.reference_path is not None)
    _word_settings(doc)
    text_width = _page_setup(doc, outline)
    geo = page_geometry(outline)
    body_height = geo.height - geo.top - geo.bottom
    if outline.logo:
        paragraph = _add(doc, STYLE_NAMES["meta"], doc=doc)
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(outline.logo), width=Mm(t.logo_width_mm))  # the checked bytes
        for doc_pr in run._r.iter(qn("wp:docPr")):
            doc_pr.set("descr", f"Logo: {t.title or t.name}")
            doc_pr.set("title", "Logo")
        for picture in run._r.iter(qn("pic:cNvPr")):
            picture.set("name", PurePath(t.logo).name)  # as when it was added from its file
        # the line is as tall as the picture: single spacing and a 1 pt paragraph mark
        ppr = paragraph._p.get_or_add_pPr()
        _set(ppr, "w:spacing", **{"w:before": "0", "w:after": _twips(LOGO_SPACE_AFTER), "w:line": "240",
                                  "w:lineRule": "auto"})
        mark = _set(ppr, "w:rPr")
        _set(mark, "w:sz", **{"w:val": "2"})
        _set(run._r.get_or_add_rPr(), "w:sz", **{"w:val": "2"})
    _add(doc, STYLE_NAMES["title"], outline.title, doc=doc)
    for label, value in outline.meta + outline.authority:
        p = _add(doc, STYLE_NAMES["meta"], doc=doc)
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    if outline.draft:
        _add(doc, STYLE_NAMES["placeholder"], outline.to_complete, doc=doc)
    for sec in outline.sections:
        heading = _add(doc, STYLE_NAMES[f"heading{sec.level}"], sec.heading, doc=doc)
        if sec.page_break_before:
            heading.paragraph_format.page_break_before = True
        for block in sec.blocks:
            if isinstance(block, Table):
                _table(doc, block, sheet, text_width, body_height)
                continue
            assert isinstance(block, Para)
            p = _add(doc, STYLE_NAMES[PARA_STYLES.get(block.style, "body")], doc=doc)
            _add_runs(p, block.runs)
    body = doc.element.body
    children = [c for c in body if c.tag != qn("w:sectPr")]
    if children and children[-1].tag == qn("w:tbl"):  # Word wants a paragraph after a last table
        _exact_height(doc.add_paragraph(), 1.0)
    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    for name in ("title", "author", "subject", "keywords", "category", "comments"):
        setattr(props, name, _fit(outline.properties[name], separator="; " if name == "keywords" else None))
    props.last_modified_by, props.created, props.modified = "Briefing Composer", now, now
    props.revision = 1
    props.content_status = outline.status
    props.language = t.language
    _custom_properties(doc, {"Classification": outline.properties["classification"],
                             "Status": outline.status})
    _app_properties(doc, outline, pages or max(1, len(doc.paragraphs) // 40 + 1))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), warnings


__all__ = ["render_docx", "required_styles", "missing_styles", "PAGE_SIZES_MM", "WORD_BUILTIN"]
