"""The PDF writer (reportlab platypus): an Outline -> PDF bytes, same look and pages as the DOCX.

Paragraph and table styles are built from the template's style sheet
(:mod:`briefing.styles`), the values the DOCX writer puts into Word's named styles, with
the metric-compatible twins of the Word fonts embedded (:mod:`briefing.export.fonts`):
exact leading, the same spacing, indents, column widths
(:func:`briefing.export.layout.column_widths`) and page geometry
(:func:`briefing.export.layout.page_geometry`). As in Word: a heading stays with the first
two lines of what follows, no widow or orphan lines, table rows never split, header rows
repeat. User text is XML-escaped before it reaches reportlab's paragraph markup.

The banner, "DRAFT", header and footer are drawn on every page by :class:`_NumberedCanvas`,
which holds the pages back until the end so "Page X of Y" knows Y. Every heading has a
bookmark; the document carries its language, title and classification, and every
TrueType font is embedded (CJK text falls back to reportlab's built-in CID fonts, which
are not; the pre-export check says so).

A paragraph longer than ``LONG_TEXT`` characters is set as consecutive pieces cut at
sentence ends, without a gap between them, and a table cell that long continues in rows
below its own with no rule between them: reportlab re-lays a paragraph's (or a row's)
whole remainder at each page break, which made a 2 MB summary take minutes. A table with
such continuation rows is given to reportlab a page of rows at a time
(:mod:`briefing.export.long_table`): the same pages, without measuring and copying every
remaining row at each break.
"""
from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFInfo
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, PageBreak,
                                PageTemplate, Paragraph)
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from briefing.export import reportlab_speedups
from briefing.export.fonts import is_cid, register_cid_font, register_family, split_runs
from briefing.export.layout import (MM, Geometry, band_texts, column_widths, face, line_height,
                                    page_geometry, tall_rows)
from briefing.export.logo import Logo
from briefing.export.long_table import RowWindows, TableRows
from briefing.export.outline import (DRAFT_LABEL, Outline, Para, Table, TextRun,
                                     split_page_fields)
from briefing.styles import StyleSheet, TextStyle

reportlab_speedups.install()
ALIGN = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
KEEP_LINES = 2  # a heading keeps with this many lines of what follows (Word's widow control)
ROUNDING_ALLOWANCE = 1.0  # pt the PDF leaves unused at the foot of each page
DRAFT_COLOUR = "#B00020"
BLOCK_STYLES = {"bullet": "bullet", "quote": "quote", "placeholder": "placeholder",
                "reference": "reference", "source": "source"}
LONG_TEXT = 3000  # characters set as one reportlab Paragraph; longer text goes in pieces
_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+")


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (xml.sax.saxutils' escape, without importing it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(runs: list[TextRun], family: str) -> str:
    """reportlab paragraph markup for styled runs: text escaped, fallback fonts for what
    ``family`` cannot draw (CJK in CID fonts, outside bold and italic they do not have)."""
    out = []
    for r in runs:
        pieces = []
        for chunk, font in split_runs(r.text, family):
            text = escape(chunk).replace("\n", "<br/>").replace("\t", " ")
            if font is None:
                pieces.append(text)
            elif is_cid(font):
                register_cid_font(font)
                pieces.append(("</i>" if r.italic else "") + ("</b>" if r.bold else "")
                              + f'<font face="{font}">{text}</font>'
                              + ("<b>" if r.bold else "") + ("<i>" if r.italic else ""))
            else:
                pieces.append(f'<font face="{register_family(font).regular}">{text}</font>')
        inner = "".join(pieces)
        if r.italic:
            inner = f"<i>{inner}</i>"
        if r.bold:
            inner = f"<b>{inner}</b>"
        if r.superscript:
            inner = f"<super>{inner}</super>"
        out.append(inner)
    return "".join(out)


class _Para(Paragraph):
    """A paragraph that keeps its line breaking while the width stays the same (reportlab
    wraps one paragraph several times laying out a table or a heading kept with it)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cached = self.__dict__.get("_wrapped")
        if cached is not None and cached[0] == availWidth and "blPara" in self.__dict__:
            return cached[1]
        result = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, result)
        return result


def _plain_cell(runs: list[TextRun], width: float, font: str, size: float, family: str) -> str | None:
    """A cell's text as a string when reportlab can draw it without a paragraph (one plain
    line in the family's own font that fits): faster, and laid out the same."""
    if any(r.bold or r.italic or r.superscript for r in runs):
        return None
    text = "".join(r.text for r in runs)
    if "\n" in text or "\t" in text:
        return None
    chunks = split_runs(text, family)
    if len(chunks) > 1 or (chunks and chunks[0][1] is not None) or (chunks and chunks[0][0] != text):
        return None
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return text if stringWidth(text, font, size) <= width else None


def _frags(runs: list[TextRun], style: ParagraphStyle, spec: TextStyle, family: str) -> list | None:
    """reportlab's text fragments for ``runs``, made directly (no markup to parse); None
    when a run holds a line break (those go through :func:`markup`)."""
    from reportlab.platypus.paraparser import ParaFrag

    frags = []
    for r in runs:
        if "\n" in r.text:
            return None
        bold, italic = r.bold or spec.bold, r.italic or spec.italic
        size, rise = style.fontSize, 0.0
        if r.superscript:
            rise = size * 0.5
            size = size - min(2.0, 0.2 * size)
        for chunk, font in split_runs(r.text.replace("\t", " "), family):
            if font is None:
                name = register_family(family).names[_slot(bold, italic)]
            elif is_cid(font):
                register_cid_font(font)
                name = font
            else:
                name = register_family(font).names[_slot(bold, italic)]
            last = frags[-1] if frags else None
            if last is not None and (last.fontName, last.fontSize, last.rise) == (name, size, rise):
                last.text += chunk  # one fragment for one look, as reportlab's parser makes them
                continue
            frags.append(ParaFrag(text=chunk, fontName=name, fontSize=size, textColor=style.textColor,
                                  rise=rise, bold=int(bold), italic=int(italic), greek=0, link=[],
                                  us_lines=[]))
    return frags


def _slot(bold: bool, italic: bool) -> str:
    return "bold_italic" if bold and italic else "bold" if bold else "italic" if italic else "regular"


def paragraph_style(key: str, spec: TextStyle) -> ParagraphStyle:
    """A reportlab style with the values Word gets for the same named style."""
    from briefing.export.fonts import pdf_family

    register_family(pdf_family(spec.font))
    return ParagraphStyle(
        key, fontName=face(spec), fontSize=spec.size, leading=spec.leading,
        textColor=colors.HexColor(spec.colour), spaceBefore=spec.space_before, spaceAfter=spec.space_after,
        alignment=ALIGN[spec.alignment], leftIndent=spec.left_indent * MM, rightIndent=spec.right_indent * MM,
        firstLineIndent=-spec.hanging * MM if key == "reference" else 0,
        bulletIndent=(spec.left_indent - spec.hanging) * MM, bulletFontName=face(spec, False, False),
        bulletFontSize=spec.size, allowWidows=0, allowOrphans=0,
        spaceShrinkage=0)  # a line never runs past the margin (Word and LibreOffice do not squeeze)


class _Styles:
    def __init__(self, sheet: StyleSheet) -> None:
        from briefing.export.fonts import pdf_family

        self.sheet = sheet
        self.family = pdf_family(sheet["body"].font)
        self.by_key = {key: paragraph_style(key, spec) for key, spec in sheet.text.items()}

    def __getitem__(self, key: str) -> ParagraphStyle:
        return self.by_key[key]

    def family_of(self, key: str) -> str:
        from briefing.export.fonts import pdf_family

        return pdf_family(self.sheet[key].font)

    def paragraph(self, runs: list[TextRun], key: str, bullet: str | None = None,
                  style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of ``runs`` in the named style (its fragments made directly)."""
        style = style or self[key]
        family = self.family_of(key)
        frags = _frags(runs, style, self.sheet[key], family)
        if frags is None:
            return _Para(markup(runs, family), style, bulletText=bullet)
        return _Para("".join(r.text for r in runs), style, bulletText=bullet, frags=frags)

    def para(self, block: Para) -> Paragraph:
        return self.paras(block)[0]

    def paras(self, block: Para) -> list[Paragraph]:
        """The block's paragraph; pieces of it when it is longer than ``LONG_TEXT``."""
        key = BLOCK_STYLES.get(block.style, "body")
        bullet = "\u2022" if block.style == "bullet" else None
        pieces = _pieces(block.runs)
        if len(pieces) == 1:
            return [self.paragraph(block.runs, key, bullet)]
        style = self[key]
        first = ParagraphStyle(f"{key}-first", style, spaceAfter=0)
        middle = ParagraphStyle(f"{key}-middle", first, spaceBefore=0)
        last = ParagraphStyle(f"{key}-last", style, spaceBefore=0)
        styles = [first] + [middle] * (len(pieces) - 2) + [last]
        return [self.paragraph(piece, key, bullet if i == 0 else None, piece_style)
                for i, (piece, piece_style) in enumerate(zip(pieces, styles))]


def _pieces(runs: list[TextRun], limit: int = LONG_TEXT) -> list[list[TextRun]]:
    """``runs`` cut into pieces of at most about ``limit`` characters, at sentence ends
    where there are any (else at a space, else anywhere)."""
    if sum(len(r.text) for r in runs) <= limit:
        return [runs]
    pieces: list[list[TextRun]] = [[]]
    size = 0
    for run in runs:
        text, start = run.text, 0  # what is left of the run: text[start:] (never copied whole)
        while size + len(text) - start > limit:
            room = limit - size
            window = text[start:start + room + 1]
            cuts = [m.end() for m in _BREAK.finditer(window)] or \
                [i + 1 for i in (window.rfind(" "),) if i >= 0]
            cut = cuts[-1] if cuts and cuts[-1] > room // 4 else (room if size == 0 else 0)
            if cut:
                pieces[-1].append(dataclasses.replace(run, text=window[:cut].rstrip()))
                start += cut
            pieces.append([])
            size = 0
        if start < len(text):
            pieces[-1].append(dataclasses.replace(run, text=text[start:]))
            size += len(text) - start
    return [p for p in pieces if any(r.text.strip() for r in p)]


def _continued_rows(block: Table, st: _Styles, widths: list[float], body_height: float) -> tuple[Table, list[int]]:
    """``block`` with each long cell cut into pieces of at most an eighth of a page, the
    pieces after the first in rows of their own below it; and the indexes (in the PDF
    table, header row 0) of those continuation rows."""
    text = st["table_text"]
    limits = [max(200, int(w / (0.55 * text.fontSize) * body_height / 8 / text.leading)) for w in widths]
    if all(sum(len(r.text) for r in cell) <= limit for row in block.rows for cell, limit in zip(row, limits)):
        return block, []
    rows: list[list[list[TextRun]]] = []
    continued: list[int] = []
    for row in block.rows:
        pieces = [_pieces(cell, min(limit, LONG_TEXT)) for cell, limit in zip(row, limits)]
        for k in range(max(len(p) for p in pieces)):
            if k:
                continued.append(len(rows) + 1)
            rows.append([p[k] if k < len(p) else [] for p in pieces])
    return dataclasses.replace(block, rows=rows, row_ids=[]), continued


def _heading(text: str, level: int, st: _Styles, key: str) -> Paragraph:
    p = st.paragraph([TextRun(text)], f"heading{level}")
    p._bookmark = (key, text, level - 1)  # type: ignore[attr-defined]
    return p


def _plain_table(block: Table, st: _Styles, width: float) -> RLTable:
    """Text in columns: no header, borders or padding (the source references)."""
    style = st[block.cell_style]
    data = [[st.paragraph(cell, block.cell_style) for cell in row] for row in block.rows]
    table = RLTable(data, colWidths=[width * w for w in block.widths], splitByRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONT", (0, 0), (-1, -1), style.fontName, style.fontSize, style.leading),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), style.spaceAfter)]))
    return table


def _table(block: Table, st: _Styles, width: float, body_height: float) -> Flowable:
    if block.plain:
        return _plain_table(block, st, width)
    spec = st.sheet.table
    widths = column_widths(block, st.sheet, width)
    block, continued = _continued_rows(block, st, widths, body_height)
    giant = any(tall_rows(block, st.sheet, widths, body_height))
    head, body = st["table_header"], st["table_text"]
    pad_x, pad_y = spec.padding_x * MM, spec.padding_y * MM
    head_family, body_family = st.family_of("table_header"), st.family_of("table_text")
    data = [[_plain_cell([TextRun(c)], w - 2 * pad_x, head.fontName, head.fontSize, head_family)
             or st.paragraph([TextRun(c, bold=spec.header_bold)], "table_header")
             for c, w in zip(block.columns, widths)]]
    for row in block.rows:
        cells = []
        for col, (runs, w) in enumerate(zip(row, widths)):
            if col == 0 and spec.first_column_bold:
                runs = [TextRun(r.text, True, r.italic, r.superscript) for r in runs]
            cells.append(_plain_cell(runs, w - 2 * pad_x, body.fontName, body.fontSize, body_family)
                         or st.paragraph(runs, "table_text"))
        data.append(cells)
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(spec.header_fill)),
        *_rules(len(data), continued, spec.border_width, colors.HexColor(spec.border)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize, body.leading),  # never Helvetica
        ("TEXTCOLOR", (0, 0), (-1, -1), body.textColor),
        ("FONT", (0, 0), (-1, 0), head.fontName, head.fontSize, head.leading),  # the plain header cells
        ("TEXTCOLOR", (0, 0), (-1, 0), head.textColor),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x), ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        # a row is as tall as in Word: padding, text and the border line under it
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y + spec.border_width),
    ]
    if spec.banding and not continued:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor(spec.banding)]))
    for r in continued:  # a continuation row follows the row above without a gap
        commands += [("TOPPADDING", (0, r), (-1, r), 0), ("BOTTOMPADDING", (0, r - 1), (-1, r - 1), 0)]
    if continued and not giant:  # up to thousands of rows: given to reportlab a page at a time
        return RowWindows(TableRows(data, widths, commands))
    table = RLTable(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=int(giant), hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _rules(rows: int, continued: list[int], width: float, colour: colors.Color) -> list[tuple]:
    """The grid; with no rule above a continuation row."""
    if not continued:
        return [("GRID", (0, 0), (-1, -1), width, colour)]
    skip = set(continued)
    return [("BOX", (0, 0), (-1, -1), width, colour), ("LINEAFTER", (0, 0), (-2, -1), width, colour)] + \
        [("LINEBELOW", (0, r), (-1, r), width, colour) for r in range(rows - 1) if r + 1 not in skip]


def _first_lines_height(flowable: Flowable, width: float, lines: int = KEEP_LINES) -> float:
    """Height of the first ``lines`` lines of a paragraph, or of a table's first two rows."""
    if isinstance(flowable, Paragraph):
        flowable.wrap(width, 10_000)
        count = len(getattr(flowable.blPara, "lines", [])) or 1
        return flowable.style.spaceBefore + min(lines, count) * flowable.style.leading
    if isinstance(flowable, RowWindows):
        return flowable.first_rows_height()
    if isinstance(flowable, RLTable):
        flowable.wrap(width, 10_000)
        heights = flowable._rowHeights or [0.0]
        return sum(heights[:2])
    _, height = flowable.wrap(width, 10_000)
    return height


def _keep_with_next(story: list, width: float) -> list:
    """Before each run of headings, a conditional page break for the headings plus the
    first lines of what follows: Word's keep-with-next (and widow control) in the PDF."""
    out: list = []
    i = 0
    while i < len(story):
        item = story[i]
        if getattr(item, "_bookmark", None) is None or isinstance(story[i - 1] if i else None, CondPageBreak):
            out.append(item)
            i += 1
            continue
        j, height = i, 0.0
        while j < len(story) and getattr(story[j], "_bookmark", None) is not None:
            story[j].wrap(width, 10_000)
            height += story[j].style.spaceBefore + story[j].height + story[j].style.spaceAfter
            j += 1
        if j < len(story) and not isinstance(story[j], (PageBreak, CondPageBreak)):
            height += _first_lines_height(story[j], width)
        out.append(_KeepBreak(height))
        out.extend(story[i:j])
        i = j
    return out


def _story(outline: Outline, st: _Styles, geo: Geometry) -> list:
    t = outline.template
    story: list = []
    if outline.logo:
        story.append(Logo(outline.logo, t.logo_width_mm * MM))
    story.append(st.paragraph([TextRun(outline.title)], "title"))
    for label, value in outline.meta + outline.authority:
        story.append(st.paragraph([TextRun(f"{label}: ", bold=True), TextRun(value)], "meta"))
    if outline.draft:
        story.append(st.paragraph([TextRun(outline.to_complete)], "placeholder"))
    for number, sec in enumerate(outline.sections):
        if sec.page_break_before:
            story.append(PageBreak())
        story.append(_heading(sec.heading, sec.level, st, f"h{number}"))
        for index, block in enumerate(sec.blocks):
            if not isinstance(block, Para):
                story.append(_table(block, st, geo.text_width, geo.height - geo.top - geo.bottom))
                continue
            flowables = st.paras(block)
            following = sec.blocks[index + 1] if index + 1 < len(sec.blocks) else None
            key = BLOCK_STYLES.get(block.style, "body")
            if st.sheet[key].contextual and isinstance(following, Para) and following.style == block.style:
                flowables[-1].style = ParagraphStyle(f"{key}-run", flowables[-1].style, spaceAfter=0)
            story.extend(flowables)
    return _keep_with_next(story, geo.text_width)


class _Info(PDFInfo):
    """The document information dictionary with extra named entries (Classification, Status)."""

    extra: dict[str, str] = {}

    @classmethod
    def from_info(cls, info: PDFInfo, extra: dict[str, str]) -> _Info:
        new = cls()
        new.__dict__.update(info.__dict__)
        new.extra = {k: v for k, v in extra.items() if v}
        return new

    def format(self, document):  # noqa: ANN001, ANN201 - reportlab's signature
        from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFName, PDFString

        entries = {"Title": PDFString(self.title), "Author": PDFString(self.author),
                   "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
                   "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
                   "Trapped": PDFName(self.trapped)}
        entries["ModDate"] = entries["CreationDate"] = PDFDate(ts=document._timeStamp,
                                                               dateFormatter=self._dateFormatter)
        entries.update({k: PDFString(v) for k, v in self.extra.items()})
        return PDFDictionary(entries).format(document)


def _make_canvas(outline: Outline, st: _Styles, geo: Geometry):  # noqa: ANN202
    t = outline.template
    sheet = st.sheet
    band = sheet["band"]
    header_slots = band_texts(outline.header, band, geo.text_width)
    footer_slots = band_texts(outline.footer, band, geo.text_width)

    class _NumberedCanvas(rl_canvas.Canvas):
        """Keeps each page's state until save(), then draws banner, header and footer."""

        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            kwargs["initialFontName"] = face(sheet["body"])  # never the non-embedded Helvetica
            kwargs["initialFontSize"] = sheet["body"].size
            kwargs["initialLeading"] = sheet["body"].leading
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._doc.info = _Info.from_info(self._doc.info, {
                "Classification": outline.properties["classification"], "Status": outline.status})

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
            y = geo.height - geo.header_distance  # the top of the first header line
            for kind in geo.header_lines:
                height = line_height(kind, sheet)
                self._line(kind, y, height, header_slots, page, pages)
                y -= height
            y = geo.header_distance + sum(line_height(k, sheet) for k in geo.footer_lines)
            for kind in geo.footer_lines:
                height = line_height(kind, sheet)
                self._line(kind, y, height, footer_slots, page, pages, rule=False)
                y -= height

        def _line(self, kind: str, top: float, height: float, slots: tuple[str, str, str],  # noqa: PLR0913
                  page: int, pages: int, rule: bool = True) -> None:
            left, width = geo.left, geo.text_width
            if kind == "banner":
                style = sheet["banner"]
                if outline.banner_fill:
                    self.setFillColor(colors.HexColor(outline.banner_fill))
                    self.rect(left, top - height, width, height, stroke=0, fill=1)
                self._text(outline.classification, style, outline.banner_colour, left + width / 2,
                           top, height, TA_CENTER)
            elif kind == "draft":
                self._text(DRAFT_LABEL, sheet["banner"], DRAFT_COLOUR, left + width / 2, top, height, TA_CENTER)
            else:
                for text, x, align in ((slots[0], left, TA_LEFT), (slots[1], left + width / 2, TA_CENTER),
                                       (slots[2], left + width, TA_RIGHT)):
                    if text:
                        filled = "".join(str(page) if p == "{page}" else str(pages) if p == "{pages}"
                                         else p for p in split_page_fields(text))
                        self._text(filled, band, band.colour, x, top, height, align)
                if rule:
                    self.setStrokeColor(colors.HexColor(t.colours["accent"]))
                    self.setLineWidth(0.6)
                    self.line(left, top - height - 1, left + width, top - height - 1)

        def _text(self, text: str, style: TextStyle, colour: str, x: float, top: float, height: float,
                  align: int) -> None:
            """One line of text, its baseline where Word puts it in an exact-height line."""
            base = top - height + (height - style.size) / 2 + style.size * 0.22
            runs = split_runs(text, st.family_of("band" if style is band else "banner"))
            if len(runs) == 1 and runs[0][1] is None:
                self.setFont(face(style), style.size)
                self.setFillColor(colors.HexColor(colour))
                draw = {TA_CENTER: self.drawCentredString, TA_RIGHT: self.drawRightString}.get(align, self.drawString)
                draw(x, base, text)
                return
            p = _Para(markup([TextRun(text, bold=style.bold)], st.family), ParagraphStyle(
                "line", fontName=face(style), fontSize=style.size, leading=style.leading,
                textColor=colors.HexColor(colour), alignment=align))
            w, h = p.wrap(geo.text_width, height * 2)
            start = {TA_CENTER: x - geo.text_width / 2, TA_RIGHT: x - geo.text_width}.get(align, x)
            p.drawOn(self, start, top - h)

    return _NumberedCanvas


class _KeepBreak(CondPageBreak):
    """A conditional page break that passes the space after the paragraph before it on to
    the heading after it, so the two overlap (the larger one counts), as in LibreOffice."""

    _SPACETRANSFER = True


class _Document(BaseDocTemplate):
    """One frame the size of the text area (no padding, like Word's body); a bookmark
    (outline entry) for every heading."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # a point short of the margin: Word and LibreOffice round every line to their own
        # units (twips, hundredths of a millimetre), so a line that fits here with less than
        # that to spare may not fit there
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=ROUNDING_ALLOWANCE)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        frame = self.frame
        if frame is not None:  # the body height used on the current page
            self.used = frame._y1 + frame._height - frame._y
        mark = getattr(flowable, "_bookmark", None)
        if mark is not None:
            key, text, level = mark
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)


def render_pdf(outline: Outline) -> bytes:
    """The PDF file for ``outline``."""
    data, _ = render_pdf_pages(outline)
    return data


@dataclass
class Layout:
    """What the layout of a note came to: its pages, and how far the last one is filled."""

    pages: int
    last_page_used: float  # points of body height used on the last page
    body_height: float
    body_leading: float

    def lines_over(self, max_pages: int) -> int:
        """Body lines beyond ``max_pages`` pages (0 if it fits)."""
        if self.pages <= max_pages:
            return 0
        over = (self.pages - max_pages - 1) * self.body_height + self.last_page_used
        return max(1, int(over / self.body_leading + 0.999))


def layout_of(outline: Outline) -> Layout:
    """The page layout of ``outline`` (the PDF is built in memory and dropped)."""
    return render_pdf_layout(outline)[1]


def render_pdf_pages(outline: Outline) -> tuple[bytes, int]:
    """The PDF file for ``outline`` and its page count."""
    data, layout = render_pdf_layout(outline)
    return data, layout.pages


def render_pdf_layout(outline: Outline) -> tuple[bytes, Layout]:
    """The PDF file for ``outline`` and what its layout came to."""
    t = outline.template
    st = _Styles(t.stylesheet)
    geo = page_geometry(outline)
    out = io.BytesIO()
    props = outline.properties
    doc = _Document(out, pagesize=(geo.width, geo.height), leftMargin=geo.left, rightMargin=geo.right,
                    topMargin=geo.top, bottomMargin=geo.bottom, title=props["title"],
                    author=props["author"], subject=props["subject"], keywords=props["keywords"],
                    creator="Briefing Composer", producer="Briefing Composer (reportlab)",
                    lang=t.language, displayDocTitle=1)
    story = _story(outline, st, geo)
    canvas_class = _make_canvas(outline, st, geo)
    doc.used = 0.0
    doc.build(story, canvasmaker=canvas_class)
    layout = Layout(doc.page, doc.used, geo.height - geo.top - geo.bottom, t.stylesheet["body"].leading)
    return out.getvalue(), layout
