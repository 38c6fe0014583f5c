"""Faster stand-ins for reportlab's hot spots, installed when the PDF writer is imported.

Two kinds, both measured with ``bench/export_bench.py`` and the profile in its docstring:

- Process caches (always on): a font subset is made and compressed once per face and set
  of characters, the template's logo decoded once per file, and content streams are
  compressed at zlib's fastest level (the only one that changes bytes: a note's streams
  are small, and this halves the save time).
- Exact stand-ins (:data:`EXACT`): the same results as reportlab's own functions, faster.
  ``sameFrag`` is reportlab's pure-Python version (its C one raises and clears eight
  AttributeErrors per call: 4 µs against 0.8 µs); ``_processed_frags`` answers for a text
  fragment without raising; ``stringWidth`` in the paragraph module is remembered per font,
  text and size (a paragraph asks for the width of a space once per word). A test renders
  every dev note in every template with them and without them (:func:`exact_stand_ins`) and
  compares the files byte for byte, so a reportlab upgrade that changes what they stand in
  for turns it red.
"""
from __future__ import annotations

import copy
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.lib.abag import ABag
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.platypus import paragraph

rl_config.useA85 = 0  # binary (Flate) streams: smaller files, no slow ASCII85 pass
CACHE_LIMIT = 256  # font subsets and images kept per process
WIDTH_LIMIT = 50_000  # string widths kept per process (a few MB at most)


class _FastFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate at zlib's fastest level; a font subset made earlier in the process
    (:func:`_make_subset`) is compressed once."""

    def encode(self, text):  # noqa: ANN001, ANN201 - reportlab's signature
        if isinstance(text, bytes):
            known = _COMPRESSED_SUBSETS.get(id(text))
            if known is not None and known[0] is text:
                return known[1]
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 1)


_MAKE_SUBSET = ttfonts.TTFontFile.makeSubset
_SUBSETS: dict[tuple, tuple[object, bytes]] = {}
_COMPRESSED_SUBSETS: dict[int, tuple[bytes, bytes]] = {}  # id of a subset's bytes -> (them, compressed)


def _make_subset(face, subset):  # noqa: ANN001, ANN202 - reportlab's signature
    """A font subset, made once per process for a face and its characters (the same
    notes, headers and labels use the same letters again and again)."""
    key = (id(face), tuple(subset))
    made = _SUBSETS.get(key)
    if made is None or made[0] is not face:  # (the face is kept, so its id is not reused)
        if len(_SUBSETS) > CACHE_LIMIT:
            _SUBSETS.clear()
        made = _SUBSETS[key] = (face, _MAKE_SUBSET(face, subset))
        data = made[1]
        if len(_COMPRESSED_SUBSETS) > CACHE_LIMIT:
            _COMPRESSED_SUBSETS.clear()
        _COMPRESSED_SUBSETS[id(data)] = (data, zlib.compress(data, 1))  # (kept, so its id is not reused)
    return made[1]


IMAGE_XOBJECT = pdfdoc.PDFImageXObject
IMAGES: dict[tuple, object] = {}


def _image_xobject(name, source=None, mask=None):  # noqa: ANN001, ANN202 - reportlab's signature
    """reportlab's image object, decoded and compressed once per process for a file (the
    template's logo is the same in every note)."""
    if not isinstance(source, str) or not os.path.isfile(source):
        return IMAGE_XOBJECT(name, source, mask=mask)
    key = (name, source, os.stat(source).st_mtime_ns, str(mask))
    base = IMAGES.get(key)
    if base is None:
        if len(IMAGES) > CACHE_LIMIT:
            IMAGES.clear()
        base = IMAGES[key] = IMAGE_XOBJECT(name, source, mask=mask)
    made = copy.copy(base)  # each document takes its own (reportlab sets per-document fields)
    if hasattr(base, "_smask"):
        made._smask = copy.copy(base._smask)
    return made


_FRAG_FIELDS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_frag(f, g) -> bool:  # noqa: ANN001 - reportlab's fragments
    """Whether two fragments look the same (reportlab's ``_py_sameFrag``)."""
    fd, gd = f.__dict__, g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    fget, gget = fd.get, gd.get
    for name in _FRAG_FIELDS:
        if fget(name) != gget(name):
            return False
    return True


_PROCESSED_FRAGS = paragraph._processed_frags


def processed_frags(frags) -> bool:  # noqa: ANN001
    """Whether ``frags`` are already cut into words: reportlab's test, which raises and
    catches a TypeError for every paragraph of text fragments, answered for those at once."""
    if frags and isinstance(frags[0], ABag):
        return False
    return _PROCESSED_FRAGS(frags)


_STRING_WIDTH = pdfmetrics.stringWidth
_WIDTHS: dict[str, tuple[object, dict[tuple[str, float, str], float]]] = {}  # font name -> (font, widths)


def string_width(text: str, font_name: str, font_size: float, encoding: str = "utf8") -> float:
    """``pdfmetrics.stringWidth``, remembered per font (while that name stays registered
    to the same font object), text and size."""
    font = pdfmetrics._fonts.get(font_name)
    known = _WIDTHS.get(font_name)
    if known is None or font is None or known[0] is not font:
        width = _STRING_WIDTH(text, font_name, font_size, encoding)
        font = pdfmetrics._fonts.get(font_name)  # (registered now if it was not)
        if font is not None:
            if sum(len(w) for _, w in _WIDTHS.values()) > WIDTH_LIMIT:
                _WIDTHS.clear()
            _WIDTHS[font_name] = (font, {(text, font_size, encoding): width})
        return width
    widths = known[1]
    key = (text, font_size, encoding)
    width = widths.get(key)
    if width is None:
        if len(widths) > WIDTH_LIMIT:
            widths.clear()
        width = widths[key] = _STRING_WIDTH(text, font_name, font_size, encoding)
    return width


_ASCENT_DESCENT = pdfmetrics.getAscentDescent
_ASCENTS: dict[tuple[str, float | None], tuple[object, tuple[float, float]]] = {}


def ascent_descent(font_name: str, font_size: float | None = None) -> tuple[float, float]:
    """``pdfmetrics.getAscentDescent`` remembered per font name and size while the name
    stays registered to the same font (for a TrueType font reportlab's raises and catches
    an AttributeError on every call, once per word of a paragraph)."""
    key = (font_name, font_size)
    known = _ASCENTS.get(key)
    font = pdfmetrics._fonts.get(font_name)
    if known is not None and font is not None and known[0] is font:
        return known[1]
    result = _ASCENT_DESCENT(font_name, font_size)
    if len(_ASCENTS) > CACHE_LIMIT:
        _ASCENTS.clear()
    _ASCENTS[key] = (pdfmetrics._fonts.get(font_name), result)
    return result


_SPLIT_STRING = ttfonts.TTFont.splitString


def split_string(font, text, doc, encoding="utf-8"):  # noqa: ANN001, ANN201 - reportlab's signature
    """``TTFont.splitString`` for text whose characters all have their codes in the
    document already and fall in the first subset (nearly every string after the first
    lines): their codes at once; anything else goes to reportlab's loop, which assigns."""
    state = font.state.get(doc)
    if state is None or not isinstance(text, str):
        return _SPLIT_STRING(font, text, doc, encoding)
    if text.isascii() and text.isprintable():  # (characters 32 to 126)
        identity = state.__dict__.get("ascii_identity")
        if identity is None:  # the subset's ASCII codes are the characters' own (asciiReadable)
            identity = state.ascii_identity = all(state.assignments.get(n) == n for n in range(32, 127))
        if identity:
            return [(0, text.encode("ascii"))] if text else []
    assignments = state.assignments
    try:
        codes = [assignments[c] for c in map(ord, text.replace("\xa0", " "))]  # (nbsp drawn as space)
    except KeyError:
        return _SPLIT_STRING(font, text, doc, encoding)
    if not codes:
        return []
    if max(codes) > 0xFF:
        return _SPLIT_STRING(font, text, doc, encoding)
    return [(0, bytes(codes))]


EXACT = ((paragraph, "sameFrag", same_frag), (paragraph, "_processed_frags", processed_frags),
         (paragraph, "stringWidth", string_width),
         (paragraph, "getAscentDescent", ascent_descent), (ttfonts.TTFont, "splitString", split_string))
_ORIGINALS = {(owner.__name__, name): getattr(owner, name) for owner, name, _ in EXACT}


def install() -> None:
    """Put every stand-in in place (idempotent)."""
    pdfdoc.PDFZCompress = _FastFlate()
    ttfonts.TTFontFile.makeSubset = _make_subset
    pdfdoc.PDFImageXObject = _image_xobject
    for owner, name, replacement in EXACT:
        setattr(owner, name, replacement)


@contextmanager
def exact_stand_ins(enabled: bool) -> Iterator[None]:
    """Within the block the exact stand-ins are on (``enabled``) or reportlab's own
    functions are used; for tests that compare the two."""
    for owner, name, replacement in EXACT:
        setattr(owner, name, replacement if enabled else _ORIGINALS[(owner.__name__, name)])
    try:
        yield
    finally:
        for owner, name, replacement in EXACT:
            setattr(owner, name, replacement)
