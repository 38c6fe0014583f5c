"""Fonts for the PDF export: the shipped TrueType families, their coverage and fallbacks.

``resources/fonts/fonts.toml`` lists the families (regular, bold, italic, bold italic),
the Word font each one is metric-compatible with (Carlito for Calibri, Caladea for
Cambria, Liberation Sans for Arial, Liberation Serif for Times New Roman), the family
that draws what a family lacks (DejaVu: Vietnamese, Greek, Cyrillic for Caladea) and the
reportlab built-in CID fonts used for Chinese, Japanese and Korean text. This module
maps a template's font name to the family the PDF embeds (:func:`pdf_family`),
registers each family with reportlab once per process (files parsed once), answers "can
this family draw this character?", and splits text into runs of the main family, its
fallback family and the CJK fonts.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.knowledge.loader import read_toml, resource

STYLES = ("regular", "bold", "italic", "bold_italic")
# Zero-width and layout characters every font "draws" by drawing nothing.
INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFE0E, 0xFE0F, 0x00AD, ord("\n"), ord("\t")}


@dataclass(frozen=True)
class FontFamily:
    """One registered family: reportlab font names per style, and its files."""

    family: str
    names: dict[str, str]  # style -> reportlab font name
    files: dict[str, Path]
    licence: Path | None

    @property
    def regular(self) -> str:
        return self.names["regular"]

    @property
    def bold(self) -> str:
        return self.names["bold"]


@dataclass(frozen=True)
class CjkFallback:
    script: str
    font: str
    ranges: tuple[tuple[int, int], ...]

    def covers(self, code: int) -> bool:
        return any(lo <= code <= hi for lo, hi in self.ranges)


@cache
def _config() -> dict:
    return read_toml("fonts/fonts.toml")


def family_names() -> tuple[str, ...]:
    """The families the PDF can embed (shipped files)."""
    return tuple(_config().get("families", {}))


@cache
def word_fonts() -> dict[str, str]:
    """Word font name -> the metric-compatible family the PDF draws it with."""
    return {entry["word_name"]: family for family, entry in _config().get("families", {}).items()
            if entry.get("word_name")}


@cache
def font_names() -> tuple[str, ...]:
    """The font names a template may use: Word fonts with a shipped twin, and shipped families."""
    return tuple(word_fonts()) + tuple(f for f in family_names() if f not in word_fonts().values())


@cache
def pdf_family(font: str) -> str:
    """The shipped family that draws ``font`` in the PDF (KeyError naming the choices)."""
    if font in word_fonts():
        return word_fonts()[font]
    if font in family_names():
        return font
    raise KeyError(f"'{font}' has no font file for the PDF (fonts: {', '.join(font_names())})")


@cache
def fallback_family(family: str) -> str | None:
    """The family that draws what ``family`` lacks (None: CJK fonts only)."""
    return _config()["families"][family].get("fallback")


@cache
def cjk_fallbacks() -> tuple[CjkFallback, ...]:
    out = []
    for entry in _config().get("cjk_fallback", []):
        ranges = tuple(tuple(int(x, 16) for x in r.split("-")) for r in entry["ranges"])
        out.append(CjkFallback(entry["script"], entry["font"], ranges))  # type: ignore[arg-type]
    return tuple(out)


@cache
def register_family(family: str) -> FontFamily:
    """Register ``family``'s four TTF files with reportlab (once) and return their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    entry = _config()["families"][family]
    base = family.replace(" ", "")
    names = {style: base + ("" if style == "regular" else "-" + style) for style in STYLES}
    files = {style: resource("fonts", entry[style]) for style in STYLES}
    for style in STYLES:
        pdfmetrics.registerFont(TTFont(names[style], str(files[style])))
    for style, (bold, italic) in zip(STYLES, ((0, 0), (1, 0), (0, 1), (1, 1))):
        addMapping(names["regular"], bold, italic, names[style])
    licence = resource("fonts", entry["licence"]) if entry.get("licence") else None
    return FontFamily(family, names, files, licence)


@cache
def register_cid_font(name: str) -> str:
    """Register one of reportlab's built-in CID fonts (no file needed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


@cache
def _coverage(family: str) -> frozenset[int]:
    """Code points the family's regular face maps to a glyph (the other faces match it)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(resource("fonts", _config()["families"][family]["regular"])))
    return frozenset(face.charToGlyph)


@cache
def _chars(family: str) -> frozenset[str]:
    return frozenset(map(chr, _coverage(family)))


def can_draw(family: str, char: str) -> bool:
    """True if ``family`` (regular face), its fallback family or a CJK font can draw ``char``."""
    code = ord(char)
    fallback = fallback_family(family)
    return (code in INVISIBLE or code in _coverage(family)
            or (fallback is not None and code in _coverage(fallback)) or cjk_fallback_for(char) is not None)


def cjk_fallback_for(char: str, context: str = "") -> CjkFallback | None:
    """The CID font for a CJK ``char``; kana or hangul in ``context`` picks the script."""
    code = ord(char)
    matches = [f for f in cjk_fallbacks() if f.covers(code)]
    if not matches:
        return None
    if len(matches) == 1 and matches[0].script != "chinese":
        return matches[0]
    for fallback in cjk_fallbacks():  # Han characters: follow the script around them
        if fallback.script != "chinese" and any(fallback.covers(ord(c)) for c in context):
            return fallback
    return matches[-1] if matches[-1].script == "chinese" else matches[0]


# Characters a family may lack that have a plain twin drawn the same way (Word draws a
# non-breaking hyphen as a hyphen).
SUBSTITUTES = {0x2011: "-", 0x2010: "-", 0x00AD: ""}


_SUBSTITUTE_CHARS = frozenset(map(chr, SUBSTITUTES))


def substitute(text: str, family: str) -> str:
    """``text`` with the characters ``family`` lacks replaced by their plain twins."""
    if _SUBSTITUTE_CHARS.isdisjoint(text):
        return text
    covered = _coverage(family)
    return "".join(SUBSTITUTES[ord(c)] if ord(c) in SUBSTITUTES and ord(c) not in covered else c for c in text)


def split_runs(text: str, family: str) -> list[tuple[str, str | None]]:
    """Split ``text`` into ``(chunk, font)``: None means the family's own font, else the
    fallback family's name or a CJK CID font's name (:func:`is_cid`)."""
    if _chars(family).issuperset(text):  # the common case: one run in the family's font
        return [(text, None)] if text else []
    text = substitute(text, family)
    covered = _coverage(family)
    if _chars(family).issuperset(text):
        return [(text, None)] if text else []
    fallback = fallback_family(family)
    extra = _coverage(fallback) if fallback else frozenset()
    runs: list[tuple[str, str | None]] = []
    for char in text:
        font = None
        code = ord(char)
        if code not in covered and code not in INVISIBLE:
            if code in extra:
                font = fallback
            else:
                cjk = cjk_fallback_for(char, text)
                font = cjk.font if cjk else None
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + char, font)
        else:
            runs.append((char, font))
    return runs


@cache
def _cid_names() -> frozenset[str]:
    return frozenset(f.font for f in cjk_fallbacks())


def is_cid(font: str | None) -> bool:
    """True for a CJK CID font name (drawn without bold or italic faces, not embedded)."""
    return font is not None and font in _cid_names()


def fallback_uses(text: str, family: str) -> tuple[list[str], list[str]]:
    """Characters of ``text`` drawn by the fallback family, and by a CJK font (unique, in order)."""
    other, cjk = [], []
    for chunk, font in split_runs(text, family):
        target = cjk if is_cid(font) else other if font else None
        if target is not None:
            target += [c for c in dict.fromkeys(chunk) if c not in target]
    return other, cjk


def missing_glyphs(text: str, family: str) -> list[str]:
    """Characters of ``text`` neither ``family`` nor the CJK fallback can draw (unique, in order)."""
    if _chars(family).issuperset(text):  # the common case
        return []
    seen: list[str] = []
    for char in text:
        if char not in seen and not can_draw(family, char):
            seen.append(char)
    return seen
