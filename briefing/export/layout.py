"""Layout decisions both writers share, so that a DOCX and a PDF of one note look the same.

Everything here is measured with the PDF's fonts, which are metric-compatible with the
Word fonts the DOCX names (:mod:`briefing.export.fonts`), so a width computed once holds
in both files:

- :func:`page_geometry`: page size, margins and the header/footer lines (banner, DRAFT,
  band) and where they sit; the top and bottom margins grow when the header or footer
  would not fit, in both formats alike;
- :func:`column_widths`: table columns sized to their content (no column narrower than
  its longest word, long-text columns take what the short ones leave);
- :func:`band_texts`: header and footer slots shortened with "…" to their share of the
  line, so a long title never wraps or runs into "Page X of Y".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from briefing.export.fonts import pdf_family, register_family

if TYPE_CHECKING:
    from briefing.export.outline import Outline, Table, TextRun
    from briefing.styles import StyleSheet, TextStyle
    from briefing.templates import Band

MM = 72 / 25.4
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
ELLIPSIS = "\u2026"
PAGE_FIELD_SAMPLE = "99"  # the widest page number a band must leave room for
HEADER_GAP_PT = 4.0  # between the header lines and the body text
SHORT_COLUMN = 0.16  # a column whose longest text fits this share of the width never wraps


def face(style: TextStyle, bold: bool | None = None, italic: bool | None = None) -> str:
    """The reportlab font name of ``style``'s font in the given weight and slant."""
    b = style.bold if bold is None else bold
    i = style.italic if italic is None else italic
    return _face(style.font, b, i)


@cache
def _face(font: str, bold: bool, italic: bool) -> str:
    fam = register_family(pdf_family(font))
    return fam.names["bold_italic" if bold and italic else "bold" if bold else "italic" if italic else "regular"]


def text_width(text: str, style: TextStyle, bold: bool | None = None) -> float:
    return _width(text, face(style, bold), style.size)


@lru_cache(maxsize=8192)
def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def shorten(text: str, style: TextStyle, width: float) -> str:
    """``text`` cut at a word with "…" so it fits ``width`` points (as it is if it fits)."""
    if text_width(text, style) <= width:
        return text
    words = text.split()
    while words:
        words.pop()
        candidate = " ".join(words).rstrip(",;:-\u2013 ") + ELLIPSIS
        if text_width(candidate, style) <= width:
            return candidate
    out = ""
    for char in text:  # one long word: cut inside it
        if text_width(out + char + ELLIPSIS, style) > width:
            break
        out += char
    return out + ELLIPSIS if out else ""


@dataclass
class Geometry:
    width: float  # page, points
    height: float
    left: float
    right: float
    top: float  # body top margin (grown if the header needs it)
    bottom: float
    header_distance: float  # page edge to the first header line / last footer line
    header_lines: list[str]  # "banner", "draft", "band" from the page edge down
    footer_lines: list[str]  # from the body down: "band", "banner"

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


def line_height(kind: str, sheet: StyleSheet) -> float:
    style = sheet["band"] if kind == "band" else sheet["banner"]
    return style.leading + (2.0 if kind == "banner" else 0.0)  # a filled banner has a little air


def page_geometry(outline: Outline) -> Geometry:
    t = outline.template
    sheet = t.stylesheet
    w_mm, h_mm = PAGE_SIZES_MM[t.page_size]
    m = t.margins_mm
    header = [k for k, on in (("banner", outline.banner), ("draft", outline.draft),
                              ("band", any((t.header.left, t.header.centre, t.header.right)))) if on]
    footer = [k for k, on in (("band", any((t.footer.left, t.footer.centre, t.footer.right))),
                              ("banner", outline.banner)) if on]
    distance = t.header_distance_mm * MM
    top = max(m.top * MM, distance + sum(line_height(k, sheet) for k in header) + HEADER_GAP_PT)
    bottom = max(m.bottom * MM, distance + sum(line_height(k, sheet) for k in footer) + HEADER_GAP_PT)
    return Geometry(w_mm * MM, h_mm * MM, m.left * MM, m.right * MM, top, bottom, distance, header, footer)


def band_texts(band: Band, style: TextStyle, width: float) -> tuple[str, str, str]:
    """The band's three slots shortened to fit one line ``width`` points wide."""
    gap = 4 * MM

    def natural(text: str) -> float:
        return text_width(text.replace("{page}", PAGE_FIELD_SAMPLE).replace("{pages}", PAGE_FIELD_SAMPLE), style)

    left, centre, right = band.left, band.centre, band.right
    if centre:
        side = (width - min(natural(centre), width / 3) - 2 * gap) / 2
        centre_w = width - 2 * side - 2 * gap
        return (_fit_slot(left, style, side), _fit_slot(centre, style, centre_w), _fit_slot(right, style, side))
    right_w = min(natural(right), width * 0.5) if right else 0.0
    left_w = width - right_w - (gap if right else 0.0)
    if left and right and natural(left) > left_w and natural(right) > width * 0.4:
        left_w = right_w = (width - gap) / 2
    return _fit_slot(left, style, left_w), "", _fit_slot(right, style, right_w)


def _fit_slot(text: str, style: TextStyle, width: float) -> str:
    if not text:
        return ""
    if "{page" in text:  # never cut a page number: shorten the words around it only
        sample = text.replace("{page}", PAGE_FIELD_SAMPLE).replace("{pages}", PAGE_FIELD_SAMPLE)
        return text if text_width(sample, style) <= width else text
    return shorten(text, style, width)


def _cell_text(runs: list[TextRun]) -> str:
    return "".join(r.text for r in runs)


def column_widths(table: Table, sheet: StyleSheet, total: float) -> list[float]:
    """Column widths in points summing to ``total``: each column at least its longest word
    (and heading), the rest shared by how much text each column holds."""
    pad = 2 * sheet.table.padding_x * MM + 1.0
    head, body = sheet["table_header"], sheet["table_text"]
    n = len(table.columns)
    least = [0.0] * n
    most = [0.0] * n
    for col, name in enumerate(table.columns):
        least[col] = max(text_width(w, head) for w in name.split()) + pad
        most[col] = text_width(name, head) + pad
    for row in table.rows:
        for col, cell in enumerate(row[:n]):
            text = _cell_text(cell)
            if not text:
                continue
            bold = any(r.bold for r in cell)
            words = set(text.split())  # (each word measured once: a cell may hold megabytes)
            least[col] = max(least[col], max(text_width(w, body, bold) for w in words) + pad
                             if words else 0.0)
            most[col] = max(most[col], text_width(text, body, bold) + pad)
    least = [min(x, total * 0.45) for x in least]  # one long word never takes the table
    if sum(most) <= total:
        extra = total - sum(most)
        return [m + extra * m / sum(most) for m in most]
    # short columns (a date, a status, a country) keep their text on one line...
    short = [m <= total * SHORT_COLUMN for m in most]
    fixed = sum(m for m, s in zip(most, short) if s)
    if any(short) and not all(short) and fixed + sum(x for x, s in zip(least, short) if not s) <= total:
        least = [m if s else x for m, x, s in zip(most, least, short)]
    if sum(least) >= total:
        return [x * total / sum(least) for x in least]
    room = total - sum(least)
    want = [max(m - x, 0.0) for m, x in zip(most, least)]
    # ...and long-text columns share what is left, in proportion to the text they would need
    return [x + room * w / sum(want) if sum(want) else x for x, w in zip(least, want)]


def tall_rows(table: Table, sheet: StyleSheet, widths: list[float], body_height: float) -> list[bool]:
    """For each body row: is it taller than half a page (so it may split across pages)?

    Rows never split, in Word and in the PDF alike, except a row too tall for a page, which
    could not be placed at all; an estimate is enough to tell those apart."""
    style = sheet["table_text"]
    pad = 2 * sheet.table.padding_x * MM
    out = []
    for row in table.rows:
        lines = 1
        for cell, width in zip(row, widths):
            text = _cell_text(cell)
            if text:
                lines = max(lines, int(text_width(text, style) / max(width - pad, 1.0)) + 1 + text.count("\n"))
        out.append(lines * style.leading > body_height / 2)
    return out
