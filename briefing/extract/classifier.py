"""The trained sentence classifiers shipped in ``resources/models/``, and how they combine
with the rules.

``resources/models/commitments/`` holds a spaCy ``textcat_multilabel`` (a bag of lemma
unigrams and bigrams, trained by ``python -m briefing.train commitments``) that says how
likely a sentence holds a commitment signed, agreed or affirmed, and ``policy.toml``, the
combination with the rules that scored best when each article was left out of training:

* ``rules`` - the rules alone;
* ``filter`` - a commitment the rules find is kept only in a sentence scoring >= ``keep``;
* ``union`` - a sentence scoring >= ``add`` where the rules find nothing gives one
  commitment (its status the label scored highest, its text the sentence's predicate);
* ``union+filter`` - both.

A missing model means the rules alone; a broken one is a :class:`KnowledgeError`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.extract.syntax import SUBJECTS
from briefing.knowledge.gazetteer import find_country_mentions
from briefing.knowledge.loader import KnowledgeError, read_toml, resource

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["Policy", "SentenceScores", "commitment_policy", "sentence_words", "score_sentences"]

MODES = ("rules", "filter", "union", "union+filter")
SentenceScores = dict[int, dict[str, float]]  # sentence start (token index) -> label -> score


@dataclass(frozen=True)
class Policy:
    """How the model and the rules combine (see the module docstring)."""

    mode: str = "rules"
    keep: float = 0.0
    add: float = 1.01

    @property
    def filters(self) -> bool:
        return self.mode in ("filter", "union+filter")

    @property
    def adds(self) -> bool:
        return self.mode in ("union", "union+filter")


def sentence_words(sent: Span) -> list[str]:
    """The classifier's view of a sentence: its lower-case lemmas (no spaces or punctuation),
    with the lemmas of its subjects, its root and its auxiliaries marked again
    ("S_side", "R_agree", "AUX_will"), and how many states it names ("STATES_2")."""
    words = []
    for t in sent:
        if t.is_space or t.is_punct:
            continue
        lemma = t.lemma_.lower()
        words.append(lemma)
        if t.dep_ in SUBJECTS:
            words.append("S_" + lemma)
        elif t.dep_ == "ROOT":
            words.append("R_" + lemma)
        elif t.dep_ == "aux":
            words.append("AUX_" + t.lower_)
    states = len({m.code for m in find_country_mentions(sent.text)})
    words.append(f"STATES_{min(states, 3)}")
    return words


@cache
def _model_dir(name: str) -> Path:
    return resource("models", name)


@cache
def commitment_policy() -> Policy:
    """The shipped combination (``rules`` when no model is shipped)."""
    path = _model_dir("commitments") / "policy.toml"
    if not path.is_file():
        return Policy()
    data = read_toml(path)
    mode = data.get("mode")
    if mode not in MODES:
        raise KnowledgeError(f"{path}: mode: expected one of {', '.join(MODES)}")
    try:
        return Policy(mode, float(data.get("keep", 0.0)), float(data.get("add", 1.01)))
    except (TypeError, ValueError):
        raise KnowledgeError(f"{path}: keep, add: expected numbers") from None


@cache
def _model(name: str) -> Language | None:
    path = _model_dir(name)
    if not (path / "config.cfg").is_file():
        return None
    import spacy

    try:
        return spacy.load(path)
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"{path}: cannot load the model: {' '.join(str(exc).split())[:200]}") from None


def score_sentences(doc: Doc, name: str = "commitments") -> SentenceScores:
    """Label scores of every sentence of ``doc`` by the shipped model ``name`` (none if absent)."""
    nlp = _model(name)
    if nlp is None:
        return {}
    from spacy.tokens import Doc as SpacyDoc

    sents = [s for s in doc.sents if s.text.strip()]
    docs = [SpacyDoc(nlp.vocab, words=sentence_words(s) or ["."]) for s in sents]
    textcat = nlp.get_pipe("textcat_multilabel")
    return {s.start: dict(d.cats) for s, d in zip(sents, textcat.pipe(docs), strict=True)}
