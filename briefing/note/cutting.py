"""Phrases of the drafted summary shortened at a boundary of spaCy's parse, never with "…".

A summary sentence ("The two sides signed PHRASE.") must stay within the summary's limits
and read as finished: an analyst sends it. :func:`phrase_forms` gives the ways a phrase may
read there, longest first: whole (unless the extractor already shortened it, "…"), then
without one trailing modifier after another - a relative clause, a participle or infinitive
modifier, an adverbial clause, a trailing prepositional phrase, the rest of a coordination -
as the patterns of ``resources/patterns/phrase_cuts.toml`` find them in the
parse of the sentence the phrase stands in. A form is kept only when it is complete: no
word left dangling ("... and", "... the"), no bracket or quotation left open, a list that
had its "and" keeps it, a noun that loses its modifier keeps more than its article ("a
pathway" is not "a pathway for citizens to serve in the ADF"), and at least three words of
content ("signed a pact" is not a summary of "a pact allowing Japan to export ..."). A phrase
with no such form is left out by the caller, and the next one takes its place.

:func:`whole_phrase` first makes a phrase the extractor shortened ("…") whole again from
the sentence it comes from; a phrase that does not parse as one phrase in its summary
sentence ("..., Gen. X" hanging on the verb) is offered only cut before the stray words.
:func:`shortened_sentence` does the same for a whole sentence (the article's first, when
nothing was extracted), without its attribution (", officials said") when it has one.
"""
from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from briefing.extract.syntax import SUBJECTS
from briefing.knowledge.lexicon import drafting_words, quote_words
from briefing.knowledge.text import plain_forms
from briefing.note.commitments import count_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["phrase_forms", "shortened_sentence", "whole_phrase", "cut_rules", "ELLIPSES"]

ELLIPSES = ("\u2026", "...")
PATTERNS = "phrase_cuts"  # resources/patterns/phrase_cuts.toml
MIN_CONTENT_WORDS = 3  # a shortened phrase keeps at least this many words that say something
CLOSING = {")", "]", '"', "\u201d", "\u2019"}
PAIRS = (("(", ")"), ("[", "]"), ("\u201c", "\u201d"))
COORDINATORS = {"cc", "preconj"}
ARTICLES = {"det", "poss"}  # what alone leaves a noun bare: "a pathway", "China's attempts"


def phrase_forms(phrase: str, before: str = "") -> tuple[str, ...]:
    """The complete forms of ``phrase`` as it reads after ``before`` ("The two sides signed"),
    longest first: the phrase itself when it was not shortened ("…" at its end), then shorter
    forms cut at parse boundaries. Empty when no form is complete."""
    return _forms(" ".join(phrase.split()), " ".join(before.split()))


def shortened_sentence(sentence: str, max_words: int) -> str | None:
    """``sentence`` (its final stop dropped) whole when within ``max_words`` words, else its
    longest complete form that is; None when there is none."""
    body = " ".join(sentence.split()).rstrip(" .")
    if count_words(body) <= max_words and not _has_ellipsis(body):
        return body
    said = _without_attribution(body)
    if said != body and count_words(said) <= max_words and not _has_ellipsis(said) and _balanced(said):
        return said
    return next((f for f in _forms(said, "") if count_words(f) <= max_words), None)


def _without_attribution(text: str) -> str:
    """``text`` without the attribution closing it: "X met Y on Tuesday, officials said" -> "X
    met Y on Tuesday" (a reporting verb, its subject after what it reports)."""
    from briefing.extract.nlp import parse

    doc = parse(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in quote_words("reporting_verbs"):
        return text
    said = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i < root.i]
    subject = next((c for c in root.children if c.dep_ in SUBJECTS and c.i > said[0].i), None) if said else None
    if subject is None:
        return text
    return doc[:said[0].right_edge.i + 1].text.rstrip(" ,;:")


def cut_rules(phrase: str, before: str, form: str) -> list[str]:
    """The labels of ``resources/patterns/phrase_cuts.toml`` whose cuts made ``form`` out of
    ``phrase`` (for the rule audit of ``bench/bluf_bench.py``)."""
    from briefing.extract.matchers import matches
    from briefing.extract.nlp import parse

    phrase, before = " ".join(phrase.split()), " ".join(before.split())
    body = phrase.rstrip("\u2026").rstrip(" ,;:")
    start = len(before) + 1 if before else 0
    doc = parse(f"{before} {body}." if before else f"{body}.")
    found = matches(doc, PATTERNS)
    end = start + len(form)
    labels = []
    for i, names in found.items():
        t = doc[i]
        if t.left_edge.idx >= end and t.idx < start + len(body) and t.head.idx < end:
            labels.append(names[0])
    return sorted(set(labels))


def whole_phrase(text: str, sentence: str) -> str | None:
    """``text``, which the extractor shortened ("…"), made whole again from the ``sentence``
    it comes from: the rest of the constituent its last word belongs to, as the sentence's
    parse has it ("a pathway for ... citizens to serve…" -> "... to serve in the ADF").
    None when the words cannot be found in the sentence."""
    body = text
    while body.endswith(ELLIPSES):
        body = body[:-1] if body.endswith("\u2026") else body[:-3]
    body = body.rstrip(" ,;:")
    words = _WORD.findall(plain_forms(body).lower())
    if not words or not sentence:
        return None
    return _restored(body, tuple(words), " ".join(sentence.split()))


_WORD = re.compile(r"\w+")
MAX_RESTORED_WORDS = 40  # a restored phrase longer than this is not the one the extractor cut


@cache
def _restored(body: str, words: tuple[str, ...], sentence: str) -> str | None:
    from briefing.extract.nlp import parse

    doc = parse(sentence)
    tokens = [t for t in doc if _WORD.fullmatch(plain_forms(t.text).lower()) or not t.is_punct]
    lowered = ["".join(_WORD.findall(plain_forms(t.text).lower())) for t in tokens]
    tail = list(words[-3:])
    last = next((tokens[i + len(tail) - 1] for i in range(len(tokens) - len(tail), -1, -1)
                 if lowered[i:i + len(tail)] == tail), None)
    if last is None:
        return None
    first = next((t for t in reversed(tokens) if t.i <= last.i and plain_forms(t.text).lower() == words[0]),
                 None)
    start = first.i if first is not None else max(0, last.i - len(words))
    top = last
    while top.head.i != top.i and start <= top.head.i <= last.i:
        top = top.head
    end = top.right_edge.i
    for t in doc[last.i + 1:]:  # not the attribution: "..., the ministry said"
        if t.lemma_.lower() not in quote_words("reporting_verbs"):
            continue
        subject = next((c for c in t.children if c.dep_ in SUBJECTS and c.i > last.i), None)
        if subject is not None:
            end = min(end, subject.left_edge.i - 1)
        elif t.i > end and all(x.is_punct or x.is_space for x in doc[end + 1:t.i]):
            comma = next((x.i for x in reversed(doc[last.i + 1:end + 1]) if x.text == ","), None)
            end = comma - 1 if comma is not None else end  # "..., Seoul's ministry said"
    while end > last.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    if end <= last.i:
        return body
    rest = doc[last.i + 1:end + 1].text
    if _has_ellipsis(rest) or count_words(body) + count_words(rest) > MAX_RESTORED_WORDS:
        return None
    return body + (last.whitespace_ or "") + rest


@cache
def _forms(phrase: str, before: str) -> tuple[str, ...]:
    shortened = phrase.endswith(ELLIPSES)
    body = phrase
    while body.endswith(ELLIPSES):
        body = body[:-1] if body.endswith("\u2026") else body[:-3]
    body = body.rstrip(" ,;:")
    if not body:
        return ()
    out = [] if shortened or _has_ellipsis(body) or not _balanced(body) else [body]
    from briefing.extract.matchers import matches
    from briefing.extract.nlp import parse

    start = len(before) + 1 if before else 0
    doc = parse(f"{before} {body}." if before else f"{body}.")
    tokens = [t for t in doc if start <= t.idx < start + len(body) and not t.is_space]
    if not tokens:
        return tuple(out)
    ids = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in ids]  # the phrase's head, and strays
    stray = next((t for t in outside[1:] if not t.is_punct), None)
    if stray is not None:  # not one phrase in this parse ("..., Gen. X" hangs on the verb)
        out = []
        tokens = [t for t in tokens if t.i < stray.left_edge.i] or tokens
    cuts = {i for i in matches(doc, PATTERNS) if start <= doc[i].idx}
    ends = _ends(tokens, cuts)
    if shortened and ends:  # the extractor cut inside the last modifier: it goes too
        last_cut = max(_ends(tokens, cuts, deep=False))
        ends = {e for e in ends if e < last_cut} or {last_cut}
    for end in sorted(ends, reverse=True):
        kept = _trimmed([t for t in tokens if t.i < end])
        if not kept or not _complete(kept):
            continue
        text = doc.text[kept[0].idx:kept[-1].idx + len(kept[-1])]
        if text and text not in out and not _has_ellipsis(text):
            out.append(text)
    return tuple(out)


def _ends(tokens: list[Token], cuts: set[int], deep: bool = True) -> set[int]:
    """Every token index a phrase may end before, cutting trailing modifiers one at a time
    (the last one first: "X in A by B" -> "X in A" -> "X"); not ``deep``: one cut only."""
    first, found, todo = tokens[0].i, set(), [tokens[-1].i + 1]
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
            if first < left < end and at_word and t.head.i < left and t.right_edge.i >= last \
                    and left not in found:
                found.add(left)
                if deep:
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
    if not _balanced("".join(t.text_with_ws for t in kept)):
        return False
    if sum(1 for t in kept if _says_something(t)) < MIN_CONTENT_WORDS:
        return False
    ids = {t.i for t in kept}
    doc = kept[0].doc
    for t in kept:  # a noun that lost its modifier keeps more than its article: not "a pathway"
        kids = [c for c in t.children if not c.is_punct]
        if t.pos_ == "NOUN" and any(c.i not in ids and c.i > t.i for c in kids):
            kept_kids = [c for c in kids if c.i in ids]
            if kept_kids and all(c.dep_ in ARTICLES for c in kept_kids):
                return False
    for t in kept:  # a list that had its "and" keeps it: never "A, B" for "A, B and C"
        if t.dep_ == "conj" and t.head.i in ids:
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
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _says_something(token: Token) -> bool:
    low = token.lower_
    return token.is_alpha and low not in _dangling() and low not in _function_words()


def _balanced(text: str) -> bool:
    """No bracket or quotation mark left open (or closed without opening)."""
    return all(text.count(a) == text.count(b) for a, b in PAIRS) and not text.count('"') % 2


def _has_ellipsis(text: str) -> bool:
    return any(e in text for e in ELLIPSES)


@cache
def _dangling() -> frozenset[str]:
    return frozenset(w.lower() for w in drafting_words("dangling"))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for key in ("determiners", "pronouns") for w in drafting_words(key))

