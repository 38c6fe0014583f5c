"""A commitment's complete shorter forms for the drafted summary, cut from the parse.

The summary (BLUF) must stay within its limits and read as finished: an analyst sends it,
so it never shows "…". :func:`summary_forms` gives the ways a commitment phrase (complete
subtrees of its sentence's parse) may read there, longest first: whole, then without one
trailing modifier after another - a relative clause, a participle or infinitive modifier, an
adverbial clause, a trailing prepositional phrase, the rest of a coordination - as the
DependencyMatcher patterns of ``resources/patterns/phrase_cuts.toml`` find them. A form is
kept only when it is complete: no word left dangling ("... and", "... the"), no bracket or
quotation left open, a list that had its "and" keeps it, a noun that loses its modifier keeps
more than its article ("a pathway" is not "a pathway for citizens to serve in the ADF") and
a participle more than itself (not "activities associated"), and
at least three words of content ("a pact" is not a summary of "a pact allowing Japan to
export ..."). The cut is never inside a word ("India–Vietnam"), and an attribution the parse
left in the phrase (", the ministry said") is never part of it. The extractor stores the
forms with each agreement (``Agreement.forms``); the drafter picks the longest that fits and
leaves out a commitment with none, the next one taking its place.
"""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from briefing.extract.matchers import matches
from briefing.extract.syntax import CONJUNCTS, COORDINATORS, DETERMINERS, NOUN_CLAUSES, SUBJECTS
from briefing.knowledge.lexicon import drafting_words, quote_words
from briefing.knowledge.text import has_ellipsis

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["SummaryForm", "summary_forms", "MAX_FORM_WORDS", "MAX_FORMS"]

PATTERNS = "phrase_cuts"  # resources/patterns/phrase_cuts.toml
MAX_FORM_WORDS = 30  # a summary sentence's limit: no longer form can be used
MAX_FORMS = 6  # forms kept per commitment
MIN_CONTENT_WORDS = 3  # a shortened phrase keeps at least this many words that say something
CLOSING = {")", "]", '"', "\u201d", "\u2019"}
PAIRS = (("(", ")"), ("[", "]"), ("\u201c", "\u201d"))


class SummaryForm(NamedTuple):
    """One form: its tokens (in order) and the labels of the cuts that made it (none: whole)."""

    tokens: list[Token]
    rules: tuple[str, ...]


def summary_forms(tokens: list[Token]) -> list[SummaryForm]:
    """The complete forms of the phrase ``tokens`` (complete subtrees of one parse, in order)
    of at most :data:`MAX_FORM_WORDS` words, longest first, at most :data:`MAX_FORMS`."""
    tokens = _trimmed(_without_attribution([t for t in sorted(tokens, key=lambda t: t.i) if not t.is_space]))
    if not tokens:
        return []
    out: list[SummaryForm] = []
    if _balanced(_text(tokens)) and _words(tokens) <= MAX_FORM_WORDS:
        out.append(SummaryForm(tokens, ()))
    labels = matches(tokens[0].doc, PATTERNS)
    ends = _ends(tokens, set(labels))
    seen = {len(tokens)}
    for end in sorted(ends, reverse=True):
        kept = _trimmed([t for t in tokens if t.i < end])
        if not kept or len(kept) in seen or _words(kept) > MAX_FORM_WORDS or not _complete(kept):
            continue
        seen.add(len(kept))
        rules = tuple(sorted({labels[t.i][0] for t in tokens if t.i in labels and t.left_edge.i >= end
                              and t.head.i < end}))
        out.append(SummaryForm(kept, rules))
        if len(out) == MAX_FORMS:
            break
    return [f for f in out if not has_ellipsis(_text(f.tokens))]


def _without_attribution(tokens: list[Token]) -> list[Token]:
    """The phrase without an attribution the parse left in it: "..., the ministry said",
    "..., the two governments announced on Wednesday" (a reporting verb in the phrase or
    right after it, its speaker set off by a comma)."""
    if not tokens:
        return tokens
    doc, ids = tokens[0].doc, {t.i for t in tokens}
    after = next((t for t in doc[tokens[-1].i + 1:] if not t.is_punct), None)
    for verb in [t for t in tokens if t.i > tokens[0].i] + ([after] if after is not None else []):
        if verb.lemma_.lower() not in quote_words("reporting_verbs"):
            continue
        speaker = max((c for c in verb.children if c.dep_ in SUBJECTS), key=lambda c: c.i, default=None)
        if speaker is None and verb.dep_ in NOUN_CLAUSES:
            speaker = verb.head  # "the two governments announced": the parse hung the verb on them
        if speaker is None and verb is after:
            speaker = doc[verb.i - 1]  # "..., Seoul's defense ministry | said"
        start = speaker.left_edge.i if speaker is not None else -1
        if start in ids and doc[start - 1].text == "," and start > tokens[0].i + 1:
            return [t for t in tokens if t.i < start]
    return tokens


def _ends(tokens: list[Token], cuts: set[int]) -> set[int]:
    """Every token index a phrase may end before, cutting trailing modifiers one at a time
    (the last one first: "X in A by B" -> "X in A" -> "X")."""
    first, found, todo = tokens[0].i, set(), [tokens[-1].i + 1]
    ids = {t.i for t in tokens}
    while todo:
        end = todo.pop()
        words = [t for t in tokens if t.i < end and not t.is_punct]
        if not words:
            continue
        last = words[-1].i
        for t in tokens:
            if t.i not in cuts or t.i >= end:
                continue
            left = t.left_edge.i
            at_word = bool(t.doc[left - 1].whitespace_)  # not inside "India–Vietnam"
            if first < left < end and left in ids and at_word and t.head.i < left and t.right_edge.i >= last \
                    and left not in found:
                found.add(left)
                todo.append(left)
    return found


def _trimmed(kept: list[Token]) -> list[Token]:
    """Without the comma, "and" or opening word the cut left at the end."""
    dangling = _dangling()
    while kept and (kept[-1].is_punct and kept[-1].text not in CLOSING or kept[-1].dep_ in COORDINATORS
                    or kept[-1].lower_ in dangling):
        kept = kept[:-1]
    return kept


def _complete(kept: list[Token]) -> bool:
    """Whether ``kept`` (the start of a phrase) reads as a finished phrase."""
    if not _balanced(_text(kept)):
        return False
    if sum(1 for t in kept if _says_something(t)) < MIN_CONTENT_WORDS:
        return False
    ids = {t.i for t in kept}
    doc = kept[0].doc
    for t in kept:  # a word that lost its modifier keeps more than its article: not "a pathway"
        kids = [c for c in t.children if not c.is_punct]
        if not any(c.i not in ids and c.i > t.i for c in kids):
            continue
        kept_kids = [c for c in kids if c.i in ids]
        if t.pos_ == "NOUN" and kept_kids and all(c.dep_ in DETERMINERS for c in kept_kids):
            return False
        if t.dep_ in NOUN_CLAUSES and not kept_kids:
            return False  # nor a participle all alone: not "activities associated"
    for t in kept:  # a list that had its "and" keeps it: never "A, B" for "A, B and C"
        if t.dep_ in CONJUNCTS and t.head.i in ids:
            continue
        members = _members(t, None)
        if len(members) < 2:
            continue
        kept_members = _members(t, ids)
        had = any(c.dep_ in COORDINATORS for m in members for c in doc[m].children)
        has = any(c.dep_ in COORDINATORS and c.i in ids for m in kept_members for c in doc[m].children)
        if len(kept_members) >= 2 and had and not has:
            return False
    return True


def _members(token: Token, ids: set[int] | None) -> list[int]:
    """The token and its coordinated words (those in ``ids``, when given)."""
    out, todo = [], [token]
    while todo:
        t = todo.pop()
        if ids is not None and t.i not in ids:
            continue
        out.append(t.i)
        todo.extend(c for c in t.children if c.dep_ in CONJUNCTS)
    return out


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens)


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _balanced(text: str) -> bool:
    """No bracket or quotation mark left open (or closed without opening)."""
    return all(text.count(a) == text.count(b) for a, b in PAIRS) and not text.count('"') % 2


def _says_something(token: Token) -> bool:
    low = token.lower_
    return token.is_alpha and low not in _dangling() and low not in _function_words()


@cache
def _dangling() -> frozenset[str]:
    return frozenset(w.lower() for w in drafting_words("dangling"))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for key in ("determiners", "pronouns") for w in drafting_words(key))
