"""A template's look, declared once: the style sheet both the DOCX and the PDF writer obey.

:class:`StyleSheet` holds one :class:`TextStyle` per named style (the Word style it
becomes in brackets): ``body`` (Normal), ``title`` (Title), ``heading1``/``heading2``
(Heading 1/2), ``bullet`` (List Bullet), ``quote`` (Quote), ``meta`` (Note Details),
``reference`` (Source Reference), ``source`` (Source Details), ``placeholder``
(Placeholder), ``table_text``/``table_header`` (Table Text/Table Heading), ``band``
(Header and Footer) and ``banner`` (Classification Banner); and a :class:`TableStyle`
(header fill and text, borders, banding, cell padding, first column bold or not).

A template states a few base values (``[fonts]`` body and heading fonts and sizes,
``[colours]``); every style starts from them and ``[styles.<key>]`` / ``[table]`` in
``template.toml`` set any field of one style. Fonts are named as Word names them; the
PDF draws each with its metric-compatible twin (:mod:`briefing.export.fonts`). Sizes and
spacing are points, indents millimetres, ``line_spacing`` a multiple of the size (set as
exact line spacing in Word, as the leading in the PDF, so lines fall in the same place).

:func:`read_reference_styles` reads the same fields back from a Word document's named
styles (restyle ``reference.docx`` in Word, both formats follow).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ALIGNMENTS = ("left", "centre", "right", "justify")


@dataclass
class TextStyle:
    font: str = "Calibri"
    size: float = 10.5
    colour: str = "#000000"
    bold: bool = False
    italic: bool = False
    space_before: float = 0.0  # pt
    space_after: float = 6.0  # pt
    line_spacing: float = 1.25  # multiple of the size
    alignment: str = "left"
    keep_with_next: bool = False
    left_indent: float = 0.0  # mm
    right_indent: float = 0.0  # mm
    hanging: float = 0.0  # mm the first line starts left of left_indent (bullets, references)
    contextual: bool = False  # no space between two paragraphs of this style (a run of bullets)

    @property
    def leading(self) -> float:
        """Line height in points (exact)."""
        return round(self.size * self.line_spacing, 2)


@dataclass
class TableStyle:
    header_fill: str = "#D9E2F3"
    header_text: str = "#000000"
    header_bold: bool = True
    border: str = "#808080"
    border_width: float = 0.5  # pt
    banding: str = ""  # fill of every second body row ("" for none)
    first_column_bold: bool = False
    padding_x: float = 1.5  # mm, left and right in each cell
    padding_y: float = 0.6  # mm, top and bottom in each cell


STYLE_NAMES: dict[str, str] = {
    "body": "Normal", "title": "Title", "heading1": "Heading 1", "heading2": "Heading 2",
    "bullet": "List Bullet", "quote": "Quote", "meta": "Note Details", "reference": "Source Reference",
    "source": "Source Details", "placeholder": "Placeholder", "table_text": "Table Text",
    "table_header": "Table Heading", "band": "Header", "banner": "Classification Banner",
}
"""Style key -> the Word style it is written to (and read back from)."""
WORD_BUILTIN = {"Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Quote", "Header"}
TEXT_FIELDS = {f.name: f.type for f in dataclasses.fields(TextStyle)}
TABLE_FIELDS = {f.name: f.type for f in dataclasses.fields(TableStyle)}


@dataclass
class StyleSheet:
    text: dict[str, TextStyle] = field(default_factory=dict)
    table: TableStyle = field(default_factory=TableStyle)

    def __getitem__(self, key: str) -> TextStyle:
        return self.text[key]

    def fonts(self) -> list[str]:
        return sorted({s.font for s in self.text.values()})


def base_styles(body_font: str, heading_font: str, sizes: dict[str, float],
                colours: dict[str, str]) -> StyleSheet:
    """The style sheet a template's base values give, before its ``[styles]`` overrides."""
    body, text, heading = sizes["body"], colours["text"], colours["heading"]

    def style(**kw: Any) -> TextStyle:
        values = dict(font=body_font, size=body, colour=text)
        values.update(kw)
        return TextStyle(**values)

    def head(size: float, **kw: Any) -> TextStyle:
        values = dict(font=heading_font, size=size, colour=heading, bold=True, keep_with_next=True,
                      line_spacing=1.2)
        values.update(kw)
        return style(**values)

    sheet = StyleSheet(text={
        "body": style(space_after=round(body * 0.55, 1)),
        "title": head(sizes["title"], space_after=6, line_spacing=1.15),
        "heading1": head(sizes["heading1"], space_before=10, space_after=3),
        "heading2": head(sizes["heading2"], space_before=6, space_after=2),
        "bullet": style(space_after=round(body * 0.55, 1), left_indent=6.0, hanging=4.0, contextual=True),
        "quote": style(colour=colours["accent"], space_after=round(body * 0.55, 1), left_indent=7.0,
                       right_indent=5.0),
        "meta": style(space_after=0),
        "reference": style(size=body - 1.5, space_after=2, left_indent=6.0, hanging=6.0, line_spacing=1.3),
        "source": style(space_after=2),
        "placeholder": style(colour="#767676", italic=True),
        "table_text": style(size=body - 0.5, space_after=0, line_spacing=1.2),
        "table_header": style(size=body - 0.5, space_after=0, line_spacing=1.2, bold=True,
                              colour=colours["table_header_text"]),
        "band": style(size=7.5, colour="#444444", space_after=0, line_spacing=1.2),
        "banner": style(size=9.5, bold=True, space_after=0, line_spacing=1.2, alignment="centre"),
    })
    sheet.table = TableStyle(header_fill=colours["table_header_background"],
                             header_text=colours["table_header_text"], border=colours["table_border"])
    return sheet


def apply_overrides(sheet: StyleSheet, styles: dict[str, dict[str, Any]], table: dict[str, Any]) -> StyleSheet:
    """``sheet`` with the template's ``[styles.<key>]`` and ``[table]`` values set."""
    for key, values in styles.items():
        current = sheet.text[key]
        sheet.text[key] = dataclasses.replace(current, **values)
    sheet.table = dataclasses.replace(sheet.table, **table)
    # one source for the table heading's text colour: the table style's
    sheet.text["table_header"] = dataclasses.replace(sheet.text["table_header"], colour=sheet.table.header_text)
    return sheet


def check_style_values(key: str, values: dict[str, Any], fields: dict[str, Any]) -> list[str]:
    """Problems of one ``[styles.<key>]`` or ``[table]`` table (``field: problem``)."""
    import re

    from briefing.export.fonts import font_names

    problems = []
    for name, value in values.items():
        if name not in fields:
            problems.append(f"{name}: unknown key (known: {', '.join(fields)})")
            continue
        kind = fields[name]
        if kind in ("bool", bool):
            if not isinstance(value, bool):
                problems.append(f"{name}: must be true or false")
        elif kind in ("float", float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(f"{name}: must be a number")
            elif not -50 <= value <= 200:
                problems.append(f"{name}: {value} is out of range")
            elif name == "size" and not 5 <= value <= 48:
                problems.append(f"{name}: {value} is out of range (5-48)")
            elif name == "line_spacing" and not 0.9 <= value <= 3:
                problems.append(f"{name}: {value} is out of range (0.9-3)")
        elif name in ("colour", "header_fill", "header_text", "border", "banding"):
            if not isinstance(value, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value) and not (
                    name == "banding" and value == ""):
                problems.append(f"{name}: bad colour '{value}' (use #RRGGBB)")
        elif name == "alignment":
            if value not in ALIGNMENTS:
                problems.append(f"{name}: '{value}' is not one of {', '.join(ALIGNMENTS)}")
        elif name == "font":
            if value not in font_names():
                problems.append(f"{name}: '{value}' has no font file for the PDF (fonts: {', '.join(font_names())})")
    return problems


def normalised(values: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Numbers as floats and colours upper case (after :func:`check_style_values` passed)."""
    out = {}
    for name, value in values.items():
        if fields.get(name) in ("float", float) and not isinstance(value, bool):
            value = float(value)
        elif isinstance(value, str) and value.startswith("#"):
            value = value.upper()
        out[name] = value
    return out


def overrides_of(sheet: StyleSheet, base: StyleSheet) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """What ``sheet`` changes from ``base`` (for writing ``template.toml``)."""
    styles: dict[str, dict[str, Any]] = {}
    for key, style in sheet.text.items():
        diff = {name: getattr(style, name) for name in TEXT_FIELDS
                if getattr(style, name) != getattr(base.text[key], name)}
        if diff:
            styles[key] = diff
    table = {name: getattr(sheet.table, name) for name in TABLE_FIELDS
             if getattr(sheet.table, name) != getattr(base.table, name)}
    return styles, table


# ---------------------------------------------------------------- reading a Word document

_ALIGN_FROM_WORD = {"LEFT": "left", "CENTER": "centre", "RIGHT": "right", "JUSTIFY": "justify",
                    "DISTRIBUTE": "justify"}


def read_reference_styles(path: Path, sheet: StyleSheet) -> dict[str, dict[str, Any]]:
    """The style values a Word document's named styles set, where they differ from ``sheet``.

    Reads font, size, colour, bold, italic, space before/after, alignment and keep-with-next
    of each named style the sheet knows (Normal, Heading 1, ...); a value the document does
    not set itself (inherited, theme) is left out. Returns ``{key: {field: value}}``.
    """
    from docx.oxml.ns import qn

    from briefing.export.fonts import font_names

    from briefing.export.reference_doc import open_reference

    document = open_reference(path)  # sanitised and size-checked: it may come from anyone
    found: dict[str, dict[str, Any]] = {}
    by_name = {s.name: s for s in document.styles}
    for key, name in STYLE_NAMES.items():
        style = by_name.get(name)
        if style is None or key not in sheet.text:
            continue
        values: dict[str, Any] = {}
        font = style.font
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        ascii_font = fonts.get(qn("w:ascii")) if fonts is not None else None
        if ascii_font and ascii_font in font_names():
            values["font"] = ascii_font
        if font.size is not None:
            values["size"] = round(font.size.pt, 1)
        if font.color is not None and font.color.type is not None and font.color.rgb is not None:
            values["colour"] = f"#{font.color.rgb}"
        if font.bold is not None:
            values["bold"] = bool(font.bold)
        if font.italic is not None:
            values["italic"] = bool(font.italic)
        fmt = style.paragraph_format
        if fmt.space_before is not None:
            values["space_before"] = round(fmt.space_before.pt, 1)
        if fmt.space_after is not None:
            values["space_after"] = round(fmt.space_after.pt, 1)
        if fmt.alignment is not None:
            values["alignment"] = _ALIGN_FROM_WORD.get(fmt.alignment.name, "left")
        if fmt.keep_with_next is not None:
            values["keep_with_next"] = bool(fmt.keep_with_next)
        current = sheet.text[key]
        diff = {k: v for k, v in values.items() if getattr(current, k) != v}
        if diff:
            found[key] = diff
    return found
