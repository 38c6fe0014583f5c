"""Plain forms of typographic characters: curly quotes, dashes and odd spaces as ASCII.

``plain_forms`` keeps the length of a text, so an offset into the plain form is an
offset into the original; the article's ``norm_text`` and every matcher rely on it.
"""
from __future__ import annotations

import re

__all__ = ["PLAIN_FORMS", "plain_forms", "strip_urls", "ELLIPSES", "has_ellipsis"]

PLAIN_FORMS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
})


ELLIPSES = ("\u2026", "...")  # a cut: "…" or three full stops


def has_ellipsis(text: str) -> bool:
    """Whether ``text`` holds an ellipsis (a phrase cut short)."""
    return any(e in text for e in ELLIPSES)


def plain_forms(text: str) -> str:
    """The same text with typographic quotes, dashes and spaces as plain ASCII (same length)."""
    return text.translate(PLAIN_FORMS)


# a web address, or what is left of one ("https", "t.co/x"): never text for a reader
_URL = re.compile(r"(?:\bhttps?://\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|org|net|gov|co)/\S*|\bhttps?\b:?/*)",
                  re.IGNORECASE)


def strip_urls(text: str) -> str:
    """``text`` without web addresses or their leftovers, spaces tidied."""
    cleaned = _URL.sub("", text)
    cleaned = re.sub(r"\s+([.,;:!?])", r"\1", cleaned)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip()
