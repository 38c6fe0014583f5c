"""When a clause happens: the reported meeting, the background before it, or a plan after it.

Countries and people are counted for what the article reports, not for what happened
before ("after Russia's invasion of Ukraine", "when they met in November", "a force which
President X asked states to fund last year") or may happen later ("President Y is
expected to visit in the spring"). The words are data in
``resources/gazetteer/countries.context.toml`` (background prepositions and phrases) and
``resources/extraction/people.toml`` (verbs of what is expected).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from briefing.extract.nlp import sentence_of
from briefing.extract.syntax import AUXILIARIES, PURPOSE_CLAUSES, TIME_MODIFIERS
from briefing.knowledge.dates import find_date_phrases, resolve_match
from briefing.knowledge.lexicon import country_context, people_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefing.extract import Analysis

__all__ = ["in_background", "earlier_clause", "future_clause", "past_perfect"]

EARLIER = dt.timedelta(days=31)  # a date this long before the article's is background
# "in 2016", "since 2020", "in August 2022": a year named in a sentence
_YEAR = re.compile(r"\b(?:in|In|since|Since|by|By)\s+(?:[A-Z][a-z]{2,8}\.?\s+)?((?:19|20)\d\d)\b")


def in_background(an: Analysis, tok: Token) -> bool:
    """Inside "after Russia's invasion..." or in a sentence about earlier years."""
    node = tok
    background = country_context("background_prepositions")
    for _ in range(12):
        if node.dep_ == "prep" and node.lemma_.lower() in background:
            return True
        if any(c.dep_ == "mark" and c.lemma_.lower() in background
               for c in node.children):  # "after the Philippines and the US held..."
            return True
        if node.head is node:
            break
        node = node.head
    verb = tok
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if past_perfect(verb) or verb.dep_ in PURPOSE_CLAUSES and past_perfect(verb.head):
        return True  # "he had travelled to Doha to express solidarity with Qatar"
    sent = sentence_of(tok).text
    if any(phrase in sent.lower() for phrase in country_context("background_phrases")):
        return True
    year = an.year
    return year is not None and any(int(y) < year for y in _YEAR.findall(sent))


def earlier_clause(an: Analysis, verb: Token) -> bool:
    """The clause of ``verb`` is dated well before the article: a time modifier of the verb
    ("visited Taiwan in August 2022", "asked states to ... last year") or a "when" clause
    under it ("when they met in November"). "since 2023" is not earlier: it runs until now."""
    if not an.article.date:
        return False
    reference = dt.date.fromisoformat(an.article.date)
    for child in verb.children:
        if child.dep_ not in TIME_MODIFIERS:
            continue
        tokens = sorted(child.subtree, key=lambda t: t.i)
        span = verb.doc[tokens[0].i:tokens[-1].i + 1]
        for m in find_date_phrases(span.text):
            if re.search(r"\bsince\b", span.text[:m.end], re.IGNORECASE):
                continue  # "the third meeting since 2023", "first visit since the ouster ... in 2019"
            got = resolve_match(m, reference)
            if got and got[0] < reference - EARLIER and (got[1] != "year" or got[0].year < reference.year):
                return True
    return False


def future_clause(verb: Token) -> bool:
    """``verb`` says what is to come: "will visit", "is expected to visit", "is due to sign"."""
    if any(c.dep_ in AUXILIARIES and c.lower_ in {"will", "shall"} for c in verb.children):
        return True
    return verb.lemma_.lower() in people_words("expected_verbs") and any(c.dep_ == "xcomp" for c in verb.children)


def past_perfect(verb: Token) -> bool:
    """"He had travelled twice to Doha": before the events the article reports."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
