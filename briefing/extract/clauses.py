"""The pieces of a commitment: who commits, what is committed to, and its document.

Shared by the triggers (:mod:`briefing.extract.triggers`) and the agreement step
(:mod:`briefing.extract.agreements`): :class:`Found` is a commitment found at one
trigger word, before mentions of one commitment are merged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.extract.nlp import sentence_of
from briefing.extract.phrasing import phrase_text
from briefing.provenance import (
    SPLIT_ACTIONS,
    SPLIT_CLAUSES,
    SPLIT_INFINITIVES,
    SPLIT_REPEATED_PREPOSITION,
    enabled,
)
from briefing.extract.syntax import (
    ARGUMENTS,
    AUXILIARIES,
    COORDINATION,
    NOUN_OBJECTS,
    PREP_OBJECTS,
    SUBJECTS,
    SUBORDINATE,
)
from briefing.knowledge.dates import find_date_phrases
from briefing.knowledge.gazetteer import find_country_mentions
from briefing.knowledge.lexicon import agreement_table, agreement_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from briefing.extract import Analysis

MAX_TEXT_WORDS = 25  # an agreement's text
SHORT_WORDS = 14  # what the summary quotes of it


@dataclass
class Found:
    """A commitment found at one trigger, before duplicates are merged."""

    status: str
    text: str
    sent: Span
    clause: list[Token]  # tokens the commitment is about
    instrument: str | None = None  # the kind: agreement, memorandum, ...
    instrument_words: set[str] = field(default_factory=set)
    anaphoric: bool = False  # "the agreement", "it", "the signing ceremony"
    historical: bool = False  # signed or agreed before the reported meeting
    headline: bool = False
    text_tokens: list[Token] = field(default_factory=list)  # what ``text`` says, from the parse
    text_exact: bool = False  # only those tokens (one of several documents in a phrase)
    prefix: str = ""  # a noun put before them: "Opposition to" for "opposed ..."
    rules: list[str] = field(default_factory=list)  # the ids of the rules that found it


def words(key: str) -> frozenset[str]:
    """One word list of ``resources/gazetteer/agreements.toml``."""
    return agreement_words(key)


def ordinals() -> frozenset[str]:
    """Words naming a document's place in a series ("second", "initial")."""
    return words("ordinals")


def trigger_lemmas() -> frozenset[str]:
    return words("signed_verbs") | words("agreed_verbs") | words("affirmed_verbs")


def coordinated_actions(comp: Token) -> list[tuple[Token, str]]:
    """"agreed to X and Y": each verb conjunct; "the importance of A and that B": clauses;
    with the id of the rule that split each one off."""
    out: list[tuple[Token, str]] = []
    own_object = any(c.dep_ in ARGUMENTS for c in comp.children)
    if comp.pos_ in {"VERB", "AUX"} and not own_object:
        return out  # "expand and deepen cooperation": one action with two verbs
    if comp.dep_ == "prep" and enabled(SPLIT_REPEATED_PREPOSITION):  # "committed to upgrading X and to expanding Y"
        out.extend((c, SPLIT_REPEATED_PREPOSITION) for c in repeated_prepositions(comp))
    for c in comp.children:
        if c.dep_ == "conj" and comp.dep_ == "prep" and c.pos_ == "ADP":
            continue
        if c.dep_ == "conj" and (c.pos_ in {"VERB", "AUX"} or any(g.dep_ == "mark" for g in c.children)):
            if any(g.dep_ in SUBJECTS for g in c.children) and c.pos_ == "VERB" \
                    and not any(g.dep_ == "mark" for g in c.children):
                continue  # a new clause with its own subject: its own trigger handles it
            rule = SPLIT_CLAUSES if any(g.dep_ == "mark" for g in c.children) else SPLIT_ACTIONS
            if enabled(rule):
                out.append((c, rule))
                out.extend(coordinated_actions(c))
        elif enabled(SPLIT_INFINITIVES) and _listed_infinitive(c):
            out.append((c, SPLIT_INFINITIVES))  # "to align X, to step up Y, to cooperate on Z and to hold W"
            out.extend(coordinated_actions(c))
    return out


def repeated_prepositions(prep: Token) -> list[Token]:
    """The prepositions coordinated with ``prep`` that repeat it: "on X and on Y", "to
    upgrading X and to expanding Y" (also when the parser hangs the second on the first's
    object); each starts an item of its own."""
    holders = [prep, *(c for c in prep.children if c.dep_ in PREP_OBJECTS)]
    return [c for h in holders for c in h.children
            if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ == prep.lower_]


def _listed_infinitive(verb: Token) -> bool:
    """"..., to step up Y": a to-infinitive after a comma, parsed as a purpose clause of the
    item before it, in a list that ends "and to ..." (so no real purpose clause)."""
    if verb.dep_ != "advcl" or verb.pos_ != "VERB" or not has_to(verb) or verb.i < 2:
        return False
    if verb.doc[verb.i - 2].text != "," and verb.doc[verb.i - 1].text != ",":
        return False
    node = verb
    for _ in range(6):  # the list ends with "and to VERB" somewhere down the chain
        if any(c.dep_ == "conj" and has_to(c) and c.pos_ == "VERB" for c in node.children):
            return True
        node = next((c for c in node.children if c.dep_ == "advcl" and has_to(c)), None)
        if node is None:
            return False
    return False


def prospective(tok: Token) -> bool:
    """A signing still to come: "vowed to finalise", "agreed to sign", "will be signed"."""
    if any(c.dep_ in AUXILIARIES and c.lower_ in {"will", "would", "shall", "to", "could", "may"}
           for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in trigger_lemmas()


def own_subject(verb: Token) -> bool:
    """A trigger of its own ("as both countries agreed"), or an adverbial clause with a subject;
    not a signing still to come ("agreed that the contract would be signed": what was agreed)."""
    lemmas = trigger_lemmas()
    if verb.lemma_.lower() in lemmas:
        return not (verb.lemma_.lower() in words("signed_verbs") and verb.dep_ == "ccomp" and prospective(verb))
    return verb.dep_ == "advcl" and any(c.dep_ in SUBJECTS for c in verb.children)


def has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or verb.dep_ == "conj"


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in PREP_OBJECTS), None)


# --- subjects -------------------------------------------------------------------------

def subject(tok: Token) -> Token | None:
    """The subject of a trigger, looking up through conjuncts and complements."""
    for _ in range(6):
        subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subj is not None and not (subj.lower_ in {"that", "which", "who"} and tok.dep_ == "relcl"):
            return subj
        if subj is not None:
            tok = tok.head.head  # "actions that may increase ... and affirmed": the outer clause
        elif tok.dep_ == "conj" and _inside_relative(tok.head) and tok.i > 1 \
                and tok.doc[tok.i - 1].lower_ == "and" and tok.doc[tok.i - 2].text == ",":
            tok = tok.sent.root  # "reaffirmed their resolve to deepen the partnership that has
            # bound the two countries ..., and agreed to ...": the main verb's conjunct
        elif tok.dep_ in SUBORDINATE and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def _inside_relative(tok: Token) -> bool:
    """``tok`` is a relative clause's verb or under one."""
    for _ in range(8):
        if tok.dep_ == "relcl":
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def collective(tok: Token, an: Analysis | None = None, persons_only: bool = False) -> bool:
    """Does the subject of ``tok`` speak for more than one party?"""
    subj = subject(tok)
    if subj is None:
        return any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
    if an is not None and parties_named(subj, an) >= 2:
        return True  # "Brazil's President Lula and Argentine President Fernandez"
    collective = words("collective_words")
    if any(c.dep_ == "conj" or (c.dep_ == "cc" and c.lower_ == "and") for c in subj.children):
        return True
    if sum(c.dep_ in SUBJECTS for c in subj.head.children) >= 2:
        return True  # "Dr Ng and Mr Pyne agreed", parsed as two subjects
    if any(c.dep_ == "prep" and c.lower_ in {"with", "along"} for c in subj.children):
        return True
    low = subj.lower_
    if persons_only and low in {"meeting", "talks", "discussion", "results", "agreement", "partnership"}:
        return False
    if low in collective or subj.lemma_.lower() in collective:
        return True
    if any(c.lower_ in {"both", "two", "all", "four", "three"} for c in subj.subtree):
        return True
    return subj.tag_ in {"NNS", "NNPS"} and subj.lemma_.lower() not in {"it"}


# --- text, clauses and instruments ------------------------------------------------------

def parties_named(subj: Token, an: Analysis) -> int:
    """How many people or states the subject phrase names ("Kishi and Giang", "Japan and
    Vietnam"); not what it is about ("U.S. policy on Taiwan" names one)."""
    start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    for prep in subj.children:
        if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPOSITIONS:
            end = min(end, prep.idx)
    people = {p.name for p in an.participants for s, _ in p.mentions if start <= s < end}
    states = {m.code for m in find_country_mentions(an.article.norm_text[start:end])}
    return max(len(people), len(states))


TOPIC_PREPOSITIONS = {"on", "about", "over", "regarding", "towards", "toward", "against", "concerning"}


def clause_of(tok: Token, *, exclude_conj: bool = False, skip_subject: bool = False) -> list[Token]:
    drop: set[int] = set()
    if exclude_conj:
        for c in tok.children:
            if c.dep_ in COORDINATION and (c.pos_ in {"VERB", "AUX", "CCONJ"} or c.dep_ == "cc"):
                drop.update(t.i for t in c.subtree)
    if skip_subject:
        for c in tok.children:
            if c.dep_ in SUBJECTS:
                drop.update(t.i for t in c.subtree)
    return [t for t in tok.subtree if t.i not in drop]


def text_of(tokens: list[Token], *, exact: bool = False) -> str:
    """The words of ``tokens`` as the article writes them, without dangling edge words, as
    whole constituents of at most :data:`MAX_TEXT_WORDS` words; the whole stretch from the
    first to the last token, or with ``exact`` only the tokens themselves (one of several
    documents named in one phrase)."""
    return phrase_text(tokens, MAX_TEXT_WORDS, exact=exact)


def instrument_kind(tok: Token) -> str | None:
    """The kind of document a noun names: "Memorandum of Understanding" -> memorandum."""
    kinds = agreement_table("instruments")
    low = tok.lower_
    phrase = " ".join(t.lower_ for t in tok.subtree)[:120]
    for kind, names in kinds.items():
        if any(" " in n and n in phrase and phrase.index(n) <= phrase.find(low) + len(low) for n in names):
            return kind
    for kind, names in kinds.items():
        if low in names or tok.lemma_.lower() in names:
            return kind
    return None


def instrument_words(obj: Token, trigger: Token) -> set[str]:  # noqa: D401
    """Proper words naming a document and its ordinals ("second", "initial")."""
    tokens = [t for t in obj.subtree if t.i != obj.i]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}):
        tokens.extend(prep.subtree)
    return {t.lower_ for t in tokens if t.pos_ == "PROPN" or t.lower_ in ordinals()}


def document_tokens(noun: Token) -> list[Token]:
    """"memorandums to facilitate cooperation ...": the noun and what follows it in its clause."""
    head = noun.head if noun.dep_ in NOUN_OBJECTS and noun.head.pos_ == "VERB" else noun
    return [t for t in head.subtree if t.i >= noun.i]


def besides(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"besides", "beside"}]


def time_tokens(tok: Token) -> list[Token]:
    """Words of time under ``tok``: date expressions ("in 2016", "last year") and "ago"."""
    dated = date_token_indices(tok.doc, sentence_of(tok))
    return [c for c in tok.subtree if c.i in dated or c.lower_ == "ago"]


def date_token_indices(doc: Doc, sent: Span) -> frozenset[int]:
    """Indices of the tokens of ``sent`` inside a date expression (found once per sentence)."""
    cache: dict[int, frozenset[int]] = doc.user_data.setdefault("briefing_date_tokens", {})
    if sent.start not in cache:
        found: set[int] = set()
        for m in find_date_phrases(sent.text):
            span = sent.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                found.update(range(span.start, span.end))
        cache[sent.start] = frozenset(found)
    return cache[sent.start]


def new_found(status: str, tok: Token, sent: Span, clause: list[Token]) -> Found:
    f = Found(status=status, text=text_of(clause), sent=sent, clause=clause, text_tokens=list(clause))
    f.historical = is_historical(clause + time_tokens(tok.head if tok.dep_ != "ROOT" else tok),
                                  _article_year(tok.doc))
    f.headline = headline_case(sent)
    return f


def _article_year(doc: Doc) -> int | None:
    """The year of the article the parse belongs to (set by :func:`find_agreements`)."""
    return doc.user_data.get("article_year")


def is_historical(tokens: list[Token], article_year: int | None) -> bool:
    """Signed or agreed before the reported meeting: "six decades ago", "in 2016"."""
    markers = words("history.markers")
    text = " " + " ".join(t.lower_ for t in sorted(set(tokens), key=lambda t: t.i)) + " "
    if any(f" {m} " in text for m in markers):
        return True
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    return article_year is not None and any(y < article_year for y in years)


def headline_case(sent: Span) -> bool:
    if sent.text.rstrip()[-1:] in ".!?\"'":
        return False
    ws = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(ws) >= 3 and sum(t.text[0].isupper() for t in ws) / len(ws) > 0.6


