"""The meeting itself: the state visited (the host) and the place the article names.

Visits are found by the patterns of ``resources/patterns/meetings.toml`` ("visited
Vietnam", "a visit to South Korea", "arrived in Hanoi"); the state visited most often,
outside clauses about what may happen ("when President X visits later this year"), is
the host. The place is a capital or city named where the meeting or visit happens.
Computed once per analysis; the people step and the drafted summary both read it.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from briefing.extract.matchers import matches
from briefing.extract.nlp import entity_type
from briefing.extract.syntax import CLAUSE_MARKS, SIDE_CLAUSES
from briefing.extract.timeframe import earlier_clause, past_perfect
from briefing.extraction import Meeting
from briefing.knowledge.gazetteer import find_country_mentions
from briefing.knowledge.lexicon import people_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefing.extract import Analysis

__all__ = ["find_meeting", "hypothetical"]


def find_meeting(an: Analysis) -> Meeting:
    """Host and place of the meeting (computed once and kept on the analysis)."""
    if an.meeting is not None:
        return an.meeting
    visited, met_in = _places(an)
    hosts: Counter[str] = Counter()
    place = None
    for m in find_country_mentions(an.article.norm_text):
        span = an.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if span.root.i in visited:
            hosts[m.code] += 1
            if place is None and m.kind == "capital":
                place = an.article.text[m.start:m.end]
    host = hosts.most_common(1)[0][0] if hosts else None
    if place is None:
        for i in met_in:
            tok = an.doc[i]
            first = tok.i
            while first > 0 and an.doc[first - 1].dep_ == "compound" and an.doc[first - 1].pos_ == "PROPN":
                first -= 1  # "Da Nang", not "both Nairobi and Addis Ababa"
            phrase = an.doc[first:tok.i + 1]
            codes = {m.code for m in find_country_mentions(phrase.text)}
            if entity_type(tok) in {"GPE", "LOC", "FAC"} and (host is None or codes <= {host}) and not (
                    codes and any(m.kind == "name" for m in find_country_mentions(phrase.text))):
                place = an.article.text[phrase.start_char:phrase.end_char]
                break
    an.meeting = Meeting(host=host, place=place)
    return an.meeting


def _places(an: Analysis) -> tuple[set[int], list[int]]:
    """Token indices of places travelled to, and of places met in, in text order."""
    visited: set[int] = set()
    met_in: list[int] = []
    for i, labels in matches(an.doc, "meetings").items():
        trigger = an.doc[i]
        if hypothetical(trigger) or past_perfect(trigger) or earlier_clause(an, trigger):
            continue  # not "when President X visits later this year", "he had travelled to Doha"
        for child in trigger.children:
            if "visit_object" in labels and child.dep_ == "dobj":
                visited.add(child.i)
            for grand in child.children if child.dep_ == "prep" else ():
                if grand.dep_ != "pobj":
                    continue
                if "visit_to" in labels and child.lower_ in {"to", "in"}:
                    visited.add(grand.i)
                if "met_in" in labels and child.lower_ == "in" and grand.pos_ == "PROPN":
                    met_in.append(grand.i)
    return visited, sorted(met_in)


def hypothetical(verb: Token) -> bool:
    """"as Chancellor X faces pressure", "when President Y visits later this year"."""
    if verb.dep_ not in SIDE_CLAUSES:
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ in CLAUSE_MARKS}
    return bool(marks & people_words("hypothetical_marks")) and verb.tag_ in {"VBZ", "VBP", "VBG"}
