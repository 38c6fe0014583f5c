"""The PDF writer (reportlab platypus): an Outline -> PDF bytes, same content and order as DOCX.

Text is set in the template's embedded TrueType family (resources/fonts/), with CJK
runs switched to reportlab's built-in CID fonts. Every piece of user text is
XML-escaped before it reaches reportlab's paragraph markup. The classification banner,
header and footer are drawn on every page by :class:`_NumberedCanvas`, which holds the
pages back until the end so "Page X of Y" knows Y. Tables repeat their header row and
split between rows and inside rows, so a cell longer than a page cannot stop the build.
"""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from briefing.export.fonts import register_cid_font, register_family, split_runs
from briefing.export.outline import Outline, Para, Table, TextRun, split_page_fields

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
CELL_PADDING = 4
rl_config.useA85 = 0  # binary (Flate) streams: smaller files, no slow ASCII85 pass


def markup(runs: list[TextRun], family: str) -> str:
    """reportlab paragraph markup for styled runs: text escaped, CJK in its fallback font."""
    out = []
    for r in runs:
        pieces = []
        for chunk, cid in split_runs(r.text, family):
            text = escape(chunk).replace("\n", "<br/>").replace("\t", " ")
            if cid:
                register_cid_font(cid)
                # CID fonts have no bold/italic faces: keep them outside <b>/<i>
                pieces.append(("</i>" if r.italic else "") + ("</b>" if r.bold else "")
                              + f'<font face="{cid}">{text}</font>'
                              + ("<b>" if r.bold else "") + ("<i>" if r.italic else ""))
            else:
                pieces.append(text)
        inner = "".join(pieces)
        if r.italic:
            inner = f"<i>{inner}</i>"
        if r.bold:
            inner = f"<b>{inner}</b>"
        if r.superscript:
            inner = f"<super>{inner}</super>"
        out.append(inner)
    return "".join(out)


class _Styles:
    def __init__(self, outline: Outline) -> None:
        t = outline.template
        fam = register_family(t.pdf_font)
        self.family = t.pdf_font
        text, heading = colors.HexColor(t.colours["text"]), colors.HexColor(t.colours["heading"])
        size = t.body_size
        base = ParagraphStyle("body", fontName=fam.regular, fontSize=size, leading=size * 1.35,
                              textColor=text, spaceAfter=size * 0.55)
        self.body = base
        self.title = ParagraphStyle("title", base, fontName=fam.bold, fontSize=t.title_size,
                                    leading=t.title_size * 1.2, textColor=heading, spaceAfter=8)
        self.h1 = ParagraphStyle("h1", base, fontName=fam.bold, fontSize=t.heading1_size,
                                 leading=t.heading1_size * 1.25, textColor=heading, spaceBefore=10,
                                 spaceAfter=4)
        self.h2 = ParagraphStyle("h2", base, fontName=fam.bold, fontSize=t.heading2_size,
                                 leading=t.heading2_size * 1.25, textColor=heading, spaceBefore=6,
                                 spaceAfter=3)
        self.bullet = ParagraphStyle("bullet", base, leftIndent=5 * mm, bulletIndent=1.5 * mm,
                                     bulletFontName=fam.regular, spaceAfter=size * 0.3)
        self.quote = ParagraphStyle("quote", base, leftIndent=7 * mm, rightIndent=5 * mm,
                                    textColor=colors.HexColor(t.colours["accent"]))
        self.placeholder = ParagraphStyle("placeholder", base, textColor=colors.HexColor("#8A8A8A"))
        self.reference = ParagraphStyle("reference", base, fontSize=size - 1.5,
                                        leading=(size - 1.5) * 1.3, leftIndent=6 * mm,
                                        firstLineIndent=-6 * mm, spaceAfter=2)
        self.meta = ParagraphStyle("meta", base, spaceAfter=0)
        self.cell = ParagraphStyle("cell", base, fontSize=size - 0.5, leading=(size - 0.5) * 1.25,
                                   spaceAfter=0)
        self.cell_head = ParagraphStyle("cell_head", self.cell, fontName=fam.bold,
                                        textColor=colors.HexColor(t.colours["table_header_text"]))
        self.band = ParagraphStyle("band", base, fontSize=7.5, leading=9, spaceAfter=0,
                                   textColor=colors.HexColor("#444444"))
        self.banner = ParagraphStyle("banner", base, fontName=fam.bold, fontSize=9.5, leading=11,
                                     alignment=TA_CENTER, spaceAfter=0,
                                     textColor=colors.HexColor(outline.banner_colour))

    def para(self, block: Para) -> Paragraph:
        style = {"bullet": self.bullet, "quote": self.quote, "placeholder": self.placeholder,
                 "reference": self.reference}.get(block.style, self.body)
        bullet = "\u2022" if block.style == "bullet" else None
        return Paragraph(markup(block.runs, self.family), style, bulletText=bullet)


def _cell(runs: list[TextRun], style: ParagraphStyle, width: float, family: str) -> str | Paragraph:
    """A table cell: a plain string when it is one unstyled line in the family's own font
    (reportlab draws it without paragraph layout, and never parses it), else a Paragraph."""
    text = "".join(r.text for r in runs)
    if all(not (r.bold or r.italic or r.superscript) for r in runs) and "\n" not in text:
        chunks = split_runs(text, family)
        if len(chunks) <= 1 and (not chunks or chunks[0][1] is None) and \
                stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PADDING:
            return text
    return Paragraph(markup(runs, family), style)


def _has_giant_row(data: list[list], widths: list[float], height: float) -> bool:
    """True if a row is taller than half a page: only then split inside rows (a cell
    longer than a page must split; splitting ordinary rows would look ragged)."""
    for row in data[1:]:
        cells = [c for c in zip(row, widths) if isinstance(c[0], Paragraph)]
        if cells and max(p.wrap(w - 2 * CELL_PADDING, height)[1] for p, w in cells) > height / 2:
            return True
    return False


def _table(block: Table, st: _Styles, width: float, height: float, outline: Outline) -> RLTable:
    t = outline.template
    widths = [width * w for w in block.widths]
    data = [[_cell([TextRun(c, bold=True)], st.cell_head, w, st.family)
             for c, w in zip(block.columns, widths)]]
    data += [[_cell(cell, st.cell, w, st.family) for cell, w in zip(row, widths)] for row in block.rows]
    table = RLTable(data, colWidths=widths, repeatRows=1, splitByRow=1,
                    splitInRow=int(_has_giant_row(data, widths, height)), hAlign="LEFT",
                    spaceBefore=2, spaceAfter=8)
    border = colors.HexColor(t.colours["table_border"])
    cell, head = st.cell, st.cell_head
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(t.colours["table_header_background"])),
        ("GRID", (0, 0), (-1, -1), 0.5, border),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), cell.textColor),
        ("FONT", (0, 0), (-1, 0), head.fontName, head.fontSize, head.leading),
        ("TEXTCOLOR", (0, 0), (-1, 0), head.textColor),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]))
    return table


def _story(outline: Outline, st: _Styles, width: float, height: float) -> list:
    t = outline.template
    story: list = []
    if outline.logo is not None and outline.logo.is_file():
        logo = Image(str(outline.logo))
        scale = t.logo_width_mm * mm / logo.imageWidth
        logo.drawWidth, logo.drawHeight = logo.imageWidth * scale, logo.imageHeight * scale
        logo.hAlign = "LEFT"
        story += [logo, Spacer(1, 3 * mm)]
    story.append(Paragraph(markup([TextRun(outline.title)], st.family), st.title))
    for label, value in outline.meta:
        story.append(Paragraph(markup([TextRun(f"{label}: ", bold=True), TextRun(value)], st.family),
                               st.meta))
    story.append(Spacer(1, 4 * mm))
    for sec in outline.sections:
        if sec.page_break_before:
            story.append(PageBreak())
        style = st.h1 if sec.level == 1 else st.h2
        # a heading never ends a page: start a new one unless the heading and a few lines fit
        story.append(CondPageBreak(style.leading + style.spaceBefore + 4 * st.body.leading))
        story.append(Paragraph(markup([TextRun(sec.heading)], st.family), style))
        story += [st.para(b) if isinstance(b, Para) else _table(b, st, width, height, outline) for b in sec.blocks]
    return story


def _make_canvas(outline: Outline, st: _Styles):  # noqa: ANN202
    t = outline.template
    m = t.margins_mm

    class _NumberedCanvas(rl_canvas.Canvas):
        """Keeps each page's state until save(), then draws banner, header and footer."""

        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, page: int, pages: int) -> None:
            w, h = self._pagesize
            left, right = m.left * mm, w - m.right * mm
            if outline.banner and outline.classification:
                for y in (h - max(m.top * 0.35, 4) * mm, max(m.bottom * 0.28, 2.5) * mm):
                    self._draw(outline.classification, st.banner, left, right - left, y, TA_CENTER)
            for band, y in ((outline.header, h - m.top * 0.65 * mm), (outline.footer, m.bottom * 0.6 * mm)):
                for text, align in ((band.left, TA_LEFT), (band.centre, TA_CENTER), (band.right, TA_RIGHT)):
                    if text:
                        filled = "".join(str(page) if p == "{page}" else str(pages) if p == "{pages}"
                                         else p for p in split_page_fields(text))
                        self._draw(filled, st.band, left, right - left, y, align)
            self.setStrokeColor(colors.HexColor(t.colours["accent"]))
            self.setLineWidth(0.6)
            self.line(left, h - m.top * 0.65 * mm - 2.2 * mm, right, h - m.top * 0.65 * mm - 2.2 * mm)

        def _draw(self, text: str, style: ParagraphStyle, x: float, width: float, y: float,
                  align: int) -> None:
            runs = split_runs(text, st.family)
            if len(runs) == 1 and runs[0][1] is None and "\n" not in text and \
                    self.stringWidth(text, style.fontName, style.fontSize) <= width:
                # one line in the family's own font: draw it directly (no paragraph layout)
                self.setFont(style.fontName, style.fontSize)
                self.setFillColor(style.textColor)
                base = y - style.fontSize * 0.35
                if align == TA_CENTER:
                    self.drawCentredString(x + width / 2, base, text)
                elif align == TA_RIGHT:
                    self.drawRightString(x + width, base, text)
                else:
                    self.drawString(x, base, text)
                return
            p = Paragraph(markup([TextRun(text)], st.family), ParagraphStyle("x", style, alignment=align))
            _, height = p.wrap(width, 50 * mm)
            p.drawOn(self, x, y - height / 2)

    return _NumberedCanvas


def render_pdf(outline: Outline) -> bytes:
    """The PDF file for ``outline``."""
    t = outline.template
    st = _Styles(outline)
    page = PAGE_SIZES[t.page_size]
    m = t.margins_mm
    out = io.BytesIO()
    props = outline.properties
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=m.left * mm, rightMargin=m.right * mm,
                            topMargin=m.top * mm, bottomMargin=m.bottom * mm, title=props["title"],
                            author=props["author"], subject=props["subject"],
                            keywords=props["keywords"], creator="Briefing Composer",
                            producer="Briefing Composer (reportlab)", lang="en")
    story = _story(outline, st, doc.width, doc.height)
    doc.build(story, canvasmaker=_make_canvas(outline, st))
    return out.getvalue()
