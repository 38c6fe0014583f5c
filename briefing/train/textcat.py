"""A small bag-of-words text classifier (spaCy ``textcat_multilabel``), trained with a seed.

The classifier reads lower-case lemmas (a sentence of :mod:`briefing.train.data`, or a
whole article) as words, unigrams and bigrams, hashed into a linear model: a few hundred
kilobytes on disk, a millisecond per article to apply. The same words are built at run
time by :mod:`briefing.extract.classifier`.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

SEED = 12
EPOCHS = 12
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
       "no_output_layer": False, "length": 2 ** 16}

Example = tuple[list[str], set[str]]  # words, labels


def train(examples: Sequence[Example], labels: Sequence[str], *, seed: int = SEED,
          epochs: int = EPOCHS) -> Language:
    """A blank English pipeline holding one trained ``textcat_multilabel``."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": BOW, "threshold": 0.5})
    for label in labels:
        textcat.add_label(label)
    data = [SpacyExample.from_dict(Doc(nlp.vocab, words=words or ["."]),
                                   {"cats": {label: float(label in gold) for label in labels}})
            for words, gold in examples]
    optimizer = nlp.initialize(lambda: data)
    for _ in range(epochs):
        rng.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def predict(nlp: Language, word_lists: Sequence[list[str]]) -> list[dict[str, float]]:
    """Each word list's label scores."""
    from spacy.tokens import Doc

    docs = [Doc(nlp.vocab, words=words or ["."]) for words in word_lists]
    return [dict(doc.cats) for doc in nlp.get_pipe("textcat_multilabel").pipe(docs)]
