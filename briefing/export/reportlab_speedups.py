"""Faster stand-ins for reportlab's hot spots, installed when the PDF writer is imported.

Two kinds, measured with ``bench/export_bench.py`` (the seed's note: reportlab's own
functions 14.4 ms per render, these 11.3 ms; whole export 21 -> 14 ms on a quiet machine):

- Process caches (always on): a font subset is made and compressed once per face and set
  of characters (the logo is decoded once by :mod:`briefing.export.logo`), and content streams are
  compressed at zlib's fastest level (the only one that changes bytes: a note's streams
  are small, and this halves the save time).
- Exact stand-ins (:data:`EXACT`): the same results as reportlab's own functions, faster.
  ``sameFrag`` is reportlab's pure-Python version (its C one raises and clears eight
  AttributeErrors per call: 4 µs against 0.8 µs); ``_processed_frags`` answers for a text
  fragment without raising; ``stringWidth`` and ``getAscentDescent`` in the paragraph
  module are remembered per font (a paragraph asks for the width of a space once per
  word); ``TTFont.splitString`` gives the codes of characters the document has already
  met at once; ``Paragraph.breakLines`` runs reportlab's loop for several text fragments
  without the checks for what such a paragraph cannot hold; numbers, text, names and
  glyph-width arrays are formatted without reportlab's generic dispatch. Tests render the
  seed's note, notes with every kind of run and generated paragraphs with and without them
  (:func:`exact_stand_ins`) and compare the files byte for byte, and compare each function
  with reportlab's, so a reportlab upgrade that changes what they stand in for turns red.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.lib.abag import ABag
from reportlab.lib.rl_accel import fp_str
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


_PDFDOC_ENC = pdfdoc.pdfdocEnc
_NOT_IN_PDFDOC = re.compile("[\x18-\x1f]")  # ASCII codes PDFDocEncoding gives other meanings


def pdfdoc_enc(x):  # noqa: ANN001, ANN201 - reportlab's signature
    """``pdfdocEnc``: ASCII text is its own PDFDocEncoding, but for codes 24 to 31."""
    if type(x) is str and x.isascii() and not _NOT_IN_PDFDOC.search(x):
        return x.encode("ascii")
    return _PDFDOC_ENC(x)


_PDF_FORMAT = pdfdoc.format


def pdf_format(element, document, toplevel=0):  # noqa: ANN001, ANN201 - reportlab's signature
    """``pdfdoc.format`` with numbers, text and bytes answered first (reportlab asks
    whether each is a PDF object before it looks at its type)."""
    kind = type(element)
    if kind is int or kind is float:
        return fp_str(element).encode("ascii")
    if kind is str:
        return pdfdoc_enc(element)
    if kind is bytes:
        return element
    return _PDF_FORMAT(element, document, toplevel)


_PDF_NAME = pdfdoc.PDFName
_NAMES: dict[str, str] = {}


def pdf_name(data, lo="!", hi="~"):  # noqa: ANN001, ANN201 - reportlab's signature (chr(0x21), chr(0x7E))
    """``PDFName``, remembered per name (a document's dictionaries use a few dozen keys)."""
    if type(data) is not str or lo != "!" or hi != "~":
        return _PDF_NAME(data, lo, hi)
    name = _NAMES.get(data)
    if name is None:
        if len(_NAMES) > 4 * CACHE_LIMIT:
            _NAMES.clear()
        name = _NAMES[data] = _PDF_NAME(data)
    return name


_ARRAY_FORMAT = pdfdoc.PDFArray.format
_NUMBER_ARRAYS: dict[tuple, bytes] = {}


def array_format(array, document, IND=b"\n "):  # noqa: ANN001, ANN201, N803 - reportlab's signature
    """``PDFArray.format``, remembered for a long array of whole numbers (a font subset's
    glyph widths, the same in every note that uses those letters)."""
    seq = array.sequence
    if len(seq) < 32 or not all(type(e) is int for e in seq):
        return _ARRAY_FORMAT(array, document, IND)
    key = (tuple(seq), array.multiline, rl_config.pdfMultiLine, IND)
    made = _NUMBER_ARRAYS.get(key)
    if made is None:
        if len(_NUMBER_ARRAYS) > CACHE_LIMIT:
            _NUMBER_ARRAYS.clear()
        made = _NUMBER_ARRAYS[key] = _ARRAY_FORMAT(array, document, IND)
    return made


_BREAK_LINES = paragraph.Paragraph.breakLines


def break_lines(para, width):  # noqa: ANN001, ANN201, C901, PLR0912, PLR0915 - reportlab's loop
    """``Paragraph.breakLines`` for a paragraph of several text fragments (a bold label
    and its text; an italic quote and its speaker) in a plain style: reportlab's own
    loop for that case, without the checks for what such a paragraph cannot hold
    (pictures, soft hyphens, hyphenation, bidirectional text, shrinking spaces) and with
    each font's ascent and space width looked up once. Anything else, and any word wider
    than a line (reportlab splits those), goes to reportlab's method."""
    style = para.style
    frags = para.frags
    if (len(frags) < 2 or style.wordWrap or style.endDots or style.shaping or style.spaceShrinkage
            or getattr(style, "hyphenationLang", "") or style.uriWasteReduce or style.embeddedHyphenation
            or getattr(para, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
            or not isinstance(frags[0], ABag) or isinstance(width, tuple)):
        return _BREAK_LINES(para, width)
    for f in frags:
        fd = f.__dict__
        if "cbDefn" in fd or "lineBreak" in fd or "backColor" in fd or "text" not in fd or "\xad" in fd["text"]:
            return _BREAK_LINES(para, width)
    max_widths = width if isinstance(width, list) else [width]
    widths = list(max_widths)
    paragraph._handleBulletWidth(para.bulletText, style, widths)
    fragwords = paragraph._getFragWords(frags, widths[0])
    narrowest = min(widths)
    hs_frag = paragraph._HSFrag
    for w in fragwords:
        if (type(w) is not list and type(w) is not hs_frag) or w[0] > narrowest:
            return _BREAK_LINES(para, width)
    if para.bulletText:
        paragraph._handleBulletWidth(para.bulletText, style, max_widths)  # as reportlab does, on the caller's list
    para._width_max = 0
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    frag_line = paragraph.FragLine
    same = paragraph.sameFrag
    get_ascent = paragraph.getAscentDescent
    width_of = paragraph.stringWidth
    ascents: dict[tuple[str, float], tuple[float, float]] = {}
    spaces: dict[tuple[str, float], float] = {}

    def ascent_of(name: str, size: float) -> tuple[float, float]:
        key = (name, size)
        found = ascents.get(key)
        if found is None:
            found = ascents[key] = get_ascent(name, size)
        return found

    def space_of(name: str, size: float) -> float:
        key = (name, size)
        found = spaces.get(key)
        if found is None:
            found = spaces[key] = width_of(" ", name, size)
        return found

    def add_pieces(w: list, words: list, size: float, top: float, bottom: float) -> tuple:
        """Clones of a word's further pieces (its part in the next fragment) appended to
        ``words``: the line's largest size, ascent and lowest descent with them, whether a
        piece has text, and the last clone with the fragment it came from (None if none)."""
        real, last = 0, None
        for piece, piece_text in w[2:]:
            g = piece.clone()
            g.text = piece_text
            if piece_text:
                real = 1
            words.append(g)
            ascent, descent = ascent_of(g.fontName, g.fontSize)
            size, top, bottom = max(size, g.fontSize), max(top, ascent), min(bottom, descent)
            last = (g, piece)
        return size, top, bottom, real, last

    def line_of(words: list, max_width: float, width: float, n: int, size: float, top: float,
                bottom: float, s_fw: int):  # noqa: ANN202, PLR0913 - reportlab's FragLine
        if width > para._width_max:
            para._width_max = width
        return frag_line(extraSpace=max_width - width, wordCount=n, lineBreak=False, words=words,
                         fontSize=size, ascent=top, descent=bottom, maxWidth=max_width, sFW=s_fw)

    max_line = len(max_widths) - 1
    max_width = max_widths[0]
    lines: list = []
    fw: list = []
    words: list = []
    s_fw = lineno = 0
    n = space_width = current_width = 0
    max_size = max_ascent = min_descent = 0.0
    g = source = None  # the fragment being filled, and the fragment it was cloned from
    for w in fragwords:
        fw.append(w)
        last = w[-1][0]
        font_name, font_size = last.fontName, last.fontSize
        if not words:
            n = space_width = current_width = 0
            max_size = font_size
            max_ascent, min_descent = ascent_of(font_name, font_size)
        word_width = w[0]
        f = w[1][0]
        new_width = current_width + space_width + word_width if word_width > 0 else current_width
        if not (new_width > max_width and n > 0):
            text = w[1][1]
            if text:
                n += 1
            font_size = f.fontSize
            ascent, descent = ascent_of(f.fontName, font_size)
            max_size = max(max_size, font_size)
            max_ascent = max(max_ascent, ascent)
            min_descent = min(min_descent, descent)
            if not words:
                g, source = f.clone(), f
                words = [g]
                g.text = text
            elif not (f is source or same(g, f)):
                if space_width:
                    for wi in reversed(words):
                        if wi._fkind == paragraph._FK_TEXT:
                            if not wi.text.endswith(" "):
                                wi.text += " "
                            break
                g, source = f.clone(), f
                words.append(g)
                g.text = text
            elif space_width:
                g.text += (" " + text) if not g.text.endswith(" ") else text
            else:
                g.text += text
            space_width = space_of(font_name, font_size) if isinstance(w, hs_frag) else 0
            max_size, max_ascent, min_descent, real, last = add_pieces(w, words, max_size, max_ascent, min_descent)
            if last is not None:
                g, source = last
            if not text and real:
                n += 1
            current_width = new_width
        else:
            lines.append(line_of(words, max_width, current_width, n, max_size, max_ascent, min_descent, s_fw))
            s_fw = len(fw) - 1
            lineno += 1
            max_width = max_widths[min(max_line, lineno)]
            space_width = space_of(font_name, font_size) if isinstance(w, hs_frag) else 0
            current_width = word_width
            n = 1
            g, source = f.clone(), f
            max_size = g.fontSize
            max_ascent, min_descent = ascent_of(g.fontName, max_size)
            words = [g]
            g.text = w[1][1]
            max_size, max_ascent, min_descent, _, last = add_pieces(w, words, max_size, max_ascent, min_descent)
            if last is not None:
                g, source = last
    if words:
        lines.append(line_of(words, max_width, current_width, n, max_size, max_ascent, min_descent, s_fw))
    para.frags = fw
    return paragraph.ParaLines(kind=1, lines=lines)


EXACT = ((paragraph, "sameFrag", same_frag), (paragraph, "_processed_frags", processed_frags),
         (paragraph, "stringWidth", string_width),
         (paragraph, "getAscentDescent", ascent_descent), (ttfonts.TTFont, "splitString", split_string),
         (paragraph.Paragraph, "breakLines", break_lines), (pdfdoc.PDFArray, "format", array_format),
         (pdfdoc, "pdfdocEnc", pdfdoc_enc), (pdfdoc, "format", pdf_format), (pdfdoc, "PDFName", pdf_name))
_ORIGINALS = {(id(owner), name): getattr(owner, name) for owner, name, _ in EXACT}


def clear_caches() -> None:
    """Forget everything remembered (for measuring an export that finds nothing made)."""
    for cache in (_SUBSETS, _COMPRESSED_SUBSETS, _WIDTHS, _ASCENTS, _NUMBER_ARRAYS, _NAMES):
        cache.clear()


def install() -> None:
    """Put every stand-in in place (idempotent)."""
    pdfdoc.PDFZCompress = _FastFlate()
    ttfonts.TTFontFile.makeSubset = _make_subset
    for owner, name, replacement in EXACT:
        setattr(owner, name, replacement)


@contextmanager
def exact_stand_ins(enabled: bool) -> Iterator[None]:
    """Within the block the exact stand-ins are on (``enabled``) or reportlab's own
    functions are used; for tests that compare the two."""
    for owner, name, replacement in EXACT:
        setattr(owner, name, replacement if enabled else _ORIGINALS[(id(owner), name)])
    try:
        yield
    finally:
        for owner, name, replacement in EXACT:
            setattr(owner, name, replacement)
