"""The pipeline the extractor runs: the same tokens as spaCy's own, entities on demand."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extract.nlp import ON_DEMAND, PARSE_COMPONENTS, entity_type, load, parse

REPO = Path(__file__).resolve().parent.parent
TRICKY = ("I ain't gonna go, let's see. Gotta run!  \n\n Y'all can't. There is a pact. "
          "Japan's Defence Minister Nobuo Kishi met Phan Van Giang in Hanoi on Sept. 11, 2021.")


def _articles() -> list[str]:
    from briefing.ingest import read_article

    files = sorted((REPO.parent / "shared" / "corpus" / "dev").glob("*.txt"))[:6]
    files += [REPO / "seeds" / "000_30b27e0cb4826dc3.txt"]
    return [read_article(f).norm_text for f in files if f.is_file()] + [TRICKY]


def test_only_the_parse_components_run_over_the_whole_text():
    from briefing.extract.attributes import FastAttributes

    nlp = load()
    assert [p for p in nlp.pipe_names if p != "paragraph_boundaries"] == list(PARSE_COMPONENTS)
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributes)
    assert set(ON_DEMAND) <= set(nlp.component_names) and not set(ON_DEMAND) & set(nlp.pipe_names)


def test_fast_attribute_rules_give_the_tokens_spacy_gives():
    import spacy

    load()  # registers the paragraph component
    reference = spacy.load(_model_name(), disable=list(ON_DEMAND))
    reference.add_pipe("paragraph_boundaries", before="parser")
    for text in _articles():
        ours, theirs = parse(text), reference(text)
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in ours] == \
               [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in theirs]


def _model_name() -> str:
    import spacy.util

    from briefing.extract.nlp import MODEL_NAMES

    return next(n for n in MODEL_NAMES if spacy.util.is_package(n))


@pytest.mark.parametrize("word, label", [("Kishi", "PERSON"), ("Hanoi", "GPE"), ("pact", "")])
def test_entities_are_found_on_demand_for_the_sentence_asked_about(word: str, label: str):
    doc = parse(TRICKY)
    token = next(t for t in doc if t.text == word)
    assert entity_type(token) == label
