"""The commitment classifier and how its scores combine with the rules (policy modes)."""
from __future__ import annotations

from briefing.extract import analyse, countries, people
from briefing.extract.agreements import find_agreements
from briefing.extract.classifier import Policy, commitment_policy, score_sentences, sentence_words
from briefing.knowledge.loader import resource
from briefing.ingest import article_from_text

TEXT = ("date 2024-03-14 Japan and Vietnam held talks in Hanoi on Wednesday. The two ministers signed a "
        "memorandum on cybersecurity. The navies plan a joint exercise in the autumn. "
        "Vietnam is a growing economy.")


def _analysis():
    an = analyse(article_from_text(TEXT))
    an.participants, an.others = people.find_people(an)
    an.countries = countries.find_countries(an)
    return an


def _starts(an) -> list[int]:
    return [s.start for s in an.doc.sents]


def test_rules_alone_ignore_the_scores():
    an = _analysis()
    scores = {start: {"signed": 0.0, "agreed": 0.0, "affirmed": 0.0} for start in _starts(an)}
    found = find_agreements(an, scores=scores, policy=Policy("rules"))
    assert [a.status for a in found] == ["signed"]


def test_filter_drops_what_the_model_doubts_and_union_adds_what_it_is_sure_of():
    an = _analysis()
    starts = _starts(an)
    scores = {start: {"signed": 0.01, "agreed": 0.01, "affirmed": 0.01} for start in starts}
    assert find_agreements(an, scores=scores, policy=Policy("filter", keep=0.1)) == []
    scores[starts[2]] = {"signed": 0.0, "agreed": 0.95, "affirmed": 0.1}  # "The navies plan ...": no rule
    scores[starts[1]] = {"signed": 0.9, "agreed": 0.0, "affirmed": 0.0}
    added = find_agreements(an, scores=scores, policy=Policy("union+filter", keep=0.1, add=0.9))
    assert [(a.status, a.text) for a in added] == [("signed", "Memorandum on cybersecurity"),
                                                   ("agreed", "Plan a joint exercise in the autumn")]


def test_the_shipped_model_is_small_and_scores_every_sentence():
    folder = resource("models", "commitments")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < 5_000_000
    an = _analysis()
    scores = score_sentences(an.doc)
    assert set(scores) == set(_starts(an))
    assert all(set(labels) == {"signed", "agreed", "affirmed"} for labels in scores.values())
    assert commitment_policy().mode in {"rules", "filter", "union", "union+filter"}


def test_the_classifier_reads_lemmas_and_marks_the_roles():
    an = _analysis()
    words = sentence_words(list(an.doc.sents)[1])
    assert "sign" in words and "R_sign" in words and "S_minister" in words and "STATES_0" in words
