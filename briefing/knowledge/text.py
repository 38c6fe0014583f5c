"""Plain forms of typographic characters: curly quotes, dashes and odd spaces as ASCII.

``plain_forms`` keeps the length of a text, so an offset into the plain form is an
offset into the original; the article's ``norm_text`` and every matcher rely on it.
"""
from __future__ import annotations

__all__ = ["PLAIN_FORMS", "plain_forms"]

PLAIN_FORMS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
})


def plain_forms(text: str) -> str:
    """The same text with typographic quotes, dashes and spaces as plain ASCII (same length)."""
    return text.translate(PLAIN_FORMS)
