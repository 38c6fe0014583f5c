"""Fonts for the PDF export: the shipped TrueType families, their coverage and CJK fallback.

``resources/fonts/fonts.toml`` lists the families (regular, bold, italic, bold italic)
and the reportlab built-in CID fonts used for Chinese, Japanese and Korean text. This
module registers them with reportlab once, answers "can this family draw this
character?", and splits text into runs of the main font and the CJK fallback.
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
    """The family names a template may choose for its PDF font."""
    return tuple(_config().get("families", {}))


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
    """True if ``family`` (regular face) or the CJK fallback can draw ``char``."""
    code = ord(char)
    return code in INVISIBLE or code in _coverage(family) or cjk_fallback_for(char) is not None


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


def split_runs(text: str, family: str) -> list[tuple[str, str | None]]:
    """Split ``text`` into ``(chunk, cid_font_or_None)``: None means the family's own font."""
    covered = _coverage(family)
    if _chars(family).issuperset(text):  # the common case: one run in the family's font
        return [(text, None)] if text else []
    runs: list[tuple[str, str | None]] = []
    for char in text:
        font = None
        if ord(char) not in covered:
            fallback = cjk_fallback_for(char, text)
            font = fallback.font if fallback else None
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + char, font)
        else:
            runs.append((char, font))
    return runs


def missing_glyphs(text: str, family: str) -> list[str]:
    """Characters of ``text`` neither ``family`` nor the CJK fallback can draw (unique, in order)."""
    seen: list[str] = []
    for char in text:
        if char not in seen and not can_draw(family, char):
            seen.append(char)
    return seen
