"""Agreements: each distinct commitment the parties make.

A commitment is found at a trigger word of ``resources/gazetteer/agreements.toml``:
a document signed ("signed a pact", "the signing of an MoU"), an action agreed or
decided together ("agreed to ...", "affirmed to enhance ..."), or a position affirmed
together ("reaffirmed the importance of ...", "expressed satisfaction with ...").
Agreeing and affirming need a subject that speaks for more than one party ("the two
sides", "Kishi and Giang", "they"); signing does not. Coordinated actions
("agreed to X and to Y") are separate commitments. Mentions of one commitment
(headline and body, "the agreement", "the signing ceremony") are merged.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.extract.nlp import sentence_of
from briefing.extraction import Agreement
from briefing.knowledge.lexicon import agreement_table, agreement_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from briefing.extract import Analysis

ORDINALS = {"first", "second", "third", "fourth", "fifth", "new", "initial"}
MAX_TEXT_WORDS = 40


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


def words(key: str) -> frozenset[str]:
    """One word list of ``resources/gazetteer/agreements.toml``."""
    return agreement_words(key)


def find_agreements(an: Analysis) -> list[Agreement]:
    """Distinct commitments, in order of first mention."""
    found: list[Found] = []
    headline = _headline_span(an)
    an.doc.user_data["article_year"] = int(an.article.date[:4]) if an.article.date else None
    for sent in an.doc.sents:
        in_headline = headline is not None and headline[0] <= sent.start_char < headline[1]
        here = [f for tok in sent for f in _commitments_at(tok, sent, an)]
        for f in here:
            f.headline = f.headline or in_headline
        found.extend(here[:1] if in_headline else here)  # a headline states one thing
    merged = _merge(found)
    return [_to_agreement(f, an) for f in merged]


# --- triggers -------------------------------------------------------------------------

def _headline_span(an: Analysis) -> tuple[int, int] | None:
    index = getattr(an.article, "headline_paragraph", None)
    if index is None:
        return None
    return an.article.paragraph_spans()[index]


def _commitments_at(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"NOUN", "PROPN"} and lemma in words("signing_nouns"):
        return _signing_noun(tok, sent)
    if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and lemma in words("signed_verbs")):
        return []
    if lemma in words("signed_verbs"):
        if _prospective(tok):
            return []  # "vowed to finalise", "will be signed when ...": not signed yet
        return _signed(tok, sent)
    if lemma == "reach" and tok.dep_ in {"acl", "relcl"} and tok.head.lemma_.lower() in words("reached_objects"):
        return [_found("agreed", tok.head, sent, _clause(tok.head))]  # "the agreement reached in March"
    if lemma == "reach" and any(c.dep_ == "dobj" and c.lemma_.lower() in words("reached_objects") for c in tok.children):
        obj = next(c for c in tok.children if c.dep_ == "dobj")
        after = [t for t in tok.subtree if t.i > tok.i]  # "consensus to set up a hotline"
        action = [t for t in after if t.i > obj.i]
        if action and action[0].lower_ in {"to", "on", "over"} and len(action) > 2:
            after = action[1:]  # the action agreed, not the word "consensus"
        return [_found("agreed", obj, sent, after)] if _collective(tok, an) else []
    if lemma in words("agreed_verbs"):
        if lemma == "commit" and not _collective(tok, an, persons_only=True):
            return []
        return _agreed_or_affirmed(tok, sent, "agreed") if _collective(tok, an) else []
    if lemma in words("affirmed_verbs"):
        return _agreed_or_affirmed(tok, sent, "affirmed") if _collective(tok, an) else []
    if lemma in words("expressed_verbs"):
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in words("expressed_objects")]
        if objs and _collective(tok, an):
            return [_found("affirmed", objs[0], sent, _clause(objs[0]))]  # "satisfaction with ..."
        return []
    if lemma in {"note", "welcome", "review"} and _collective(tok, an) and any(
            c.dep_ == "prep" and c.lower_ == "with" and _pobj(c) is not None
            and _pobj(c).lemma_.lower() in words("expressed_objects") for c in tok.children):
        objs = [c for c in tok.children if c.dep_ in {"dobj", "ccomp"}]  # "noted with satisfaction the progress"
        return [_found("affirmed", objs[0], sent, _clause(objs[0]))] if objs else []
    if lemma == "share" and _collective(tok, an):
        views = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in {"view", "understanding"}]
        clauses = [g for v in views for g in v.children if g.dep_ in {"acl", "ccomp", "relcl"}
                   and any(m.lower_ == "that" for m in g.children)]
        if clauses:  # "shared the view that ...": a joint position
            return [_found("affirmed", clauses[0], sent, _clause(clauses[0]))]
        return []
    if lemma == "be" and _collective(tok, an):
        adjs = [c for c in tok.children if c.dep_ == "acomp" and c.lower_ in words("position_adjectives")]
        if adjs:  # "both sides were satisfied with the progress of ..."
            return [_found("affirmed", adjs[0], sent, _clause(adjs[0]))]
        return []
    if tok.pos_ == "VERB" and lemma not in _trigger_lemmas() and _joint_future(tok, an):
        return [_found("agreed", tok, sent, [t for t in tok.subtree if t.i >= tok.i])]
    if lemma in words("saying_verbs") and _joint_speakers(tok) and '"' not in sent.text:
        comps = [c for c in tok.children if c.dep_ == "ccomp" and not any(
            t.lemma_.lower() in _trigger_lemmas() and any(g.dep_ in {"nsubj", "nsubjpass"} for g in t.children)
            for t in c.subtree)]  # "officials said the memorandums were signed": the signing's own
        if comps:
            return [_found("affirmed", comps[0], sent, _clause(comps[0]))]
    return []


def _joint_future(tok: Token, an: Analysis) -> bool:
    """"Nigeria and Ghana will establish a joint centre": two named parties' plan."""
    if tok.dep_ not in {"ROOT", "ccomp"} or tok.dep_ == "ccomp" and tok.head.lemma_.lower() not in {
            "say", "announce", "state", "tell"}:
        return False  # a main-clause plan, or one reported: "X and Y will ..., Musa said"
    if not any(c.dep_ == "aux" and c.lower_ in {"will", "shall"} for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ == "PROPN" and _parties_named(subj, an) >= 2


def _trigger_lemmas() -> set[str]:
    return words("signed_verbs") | words("agreed_verbs") | words("affirmed_verbs")


def _joint_speakers(tok: Token) -> bool:
    """"both sides said", "the ministers said": not "he said", "MANILA ... Hegseth said"."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return False
    subj = subjects[0]
    allowed = words("saying_subjects")
    return subj.lower_ in allowed or subj.lemma_.lower() in allowed or any(
        c.lower_ in {"both", "two"} for c in subj.children)


def _prospective(tok: Token) -> bool:
    """A signing still to come: "vowed to finalise", "agreed to sign", "will be signed"."""
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"will", "would", "shall", "to", "could", "may"}
           for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _trigger_lemmas()


def _signed(tok: Token, sent: Span) -> list[Found]:
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if tok.dep_ in {"relcl", "acl"}:
        # "a contract Poland signed in 2022", "the agreement signed in 2001": the document
        # is the noun the clause hangs on, or (misparsed) the nearest one before it
        objs.append(tok.head)
        objs.extend(t for t in reversed(tok.doc[max(sentence_of(tok).start, tok.i - 6):tok.i])
                    if t.pos_ in {"NOUN", "PROPN"} and t.i != tok.head.i)
    for obj in objs:
        kind = _instrument_kind(obj)
        if kind:
            return [_signed_found(obj, kind, sent, tok)]
        if obj.lower_ in {"it", "this", "they"}:
            f = _found("signed", tok, sent, _clause(tok))
            f.anaphoric = True
            return [f]
    return []


def _signing_noun(tok: Token, sent: Span) -> list[Found]:
    """"the signing of the Australia-Indonesia Defence Cooperation Agreement"."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            kind = _instrument_kind(obj)
            if kind:
                return [_signed_found(obj, kind, sent, tok)]
    f = _found("signed", tok, sent, _clause(tok))
    f.anaphoric = True  # "the signing ceremony"
    return [f]


def _signed_found(obj: Token, kind: str, sent: Span, trigger: Token) -> Found:
    np = _clause(obj)
    if len(np) <= 3:  # "inked two agreements to prevent incidents at sea"
        np += [t for c in trigger.children if c.dep_ in {"advcl", "xcomp"} and c.i > obj.i for t in c.subtree]
    f = _found("signed", obj, sent, np + [trigger] + list(_time_tokens(trigger)))
    f.text = _text_of(np)
    f.instrument = kind
    det = [c.lower_ for c in obj.children if c.dep_ in {"det", "poss"}]
    f.instrument_words = _instrument_words(obj, trigger)
    f.anaphoric = (bool(det) and det[0] in {"the", "this", "that"} and not f.instrument_words - ORDINALS
                   and not f.historical)
    return f


def _instrument_words(obj: Token, trigger: Token) -> set[str]:  # noqa: D401
    """Proper words naming a document and its ordinals ("second", "initial")."""
    tokens = [t for t in obj.subtree if t.i != obj.i]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}):
        tokens.extend(prep.subtree)
    return {t.lower_ for t in tokens if t.pos_ == "PROPN" or t.lower_ in ORDINALS}


def _agreed_or_affirmed(tok: Token, sent: Span, status: str) -> list[Found]:
    comps = [c for c in tok.children if c.dep_ in {"xcomp", "ccomp", "dobj", "advcl"}
             or (c.dep_ == "prep" and c.lower_ in {"on", "to", "upon"})]
    comps = [c for c in comps if not (c.dep_ in {"advcl", "ccomp"} and _own_subject(c))]
    comps = [c for c in comps if not (c.dep_ == "advcl" and any(g.dep_ == "mark" for g in c.children))]
    comps = [c for c in comps if not (c.dep_ == "prep" and _pobj(c) is not None and _pobj(c).ent_type_ in {"DATE", "TIME"})]
    comps = [c for c in comps if c.lower_ not in {"which", "that", "who", "whom"}]  # "X, which they adopted"
    if len(comps) > 1 and len({(c.dep_, c.lower_) for c in comps}) == 1:
        extra_tokens = []  # "committed to upgrading X and to expanding Y": two actions
    elif len(comps) > 1:  # "resolved to fast-track an MoU", split by the parser: one action
        comps = [comps[0]]
        extra_tokens = [t for c in tok.children if c.dep_ in {"xcomp", "dobj", "prep"} and c.i > comps[0].i
                        for t in c.subtree]
    else:
        extra_tokens = []
    # "reaffirmed the importance of A and that B is final": a second complement
    comps += [c for c in tok.children if c.dep_ == "conj" and any(g.dep_ == "mark" for g in c.children)]
    if not comps:
        return []
    out = []
    for comp in comps:
        parts = [comp] + _coordinated_actions(comp)
        for part in parts:
            this_status = status
            if status == "affirmed" and part.dep_ in {"xcomp", "conj"} and part.pos_ == "VERB" and _has_to(part):
                this_status = "agreed"  # "affirmed to enhance port calls"
            target = _pobj(part) if part.dep_ == "prep" else part
            if target is not None and target.lemma_.lower() in words("position_nouns") and status == "agreed" \
                    and target.lemma_.lower() in {"importance", "centrality", "need", "significance"}:
                this_status = "affirmed"  # "agreed on the importance of ..."
            clause = _clause(part, exclude_conj=len(parts) > 1)
            others = {t.i for other in parts if other is not part and other.i > part.i
                      for t in other.subtree} | {c.i for other in parts if other is not part
                                                for c in other.head.children if c.dep_ == "cc"}
            clause = [t for t in clause if t.i not in others]
            if part.dep_ == "dobj":  # "the importance of A and overflight", misparsed as a conjunct of the verb
                clause += [t for c in tok.children if c.dep_ in {"conj", "cc"} and c.pos_ not in {"VERB", "AUX"}
                           and c.i > part.i for t in c.subtree]
            if part is comps[0]:
                clause += [t for t in extra_tokens if t not in clause]
            other: set[int] = set()  # another commitment caught in this one by a misparse
            for t in clause:
                if t.pos_ == "VERB" and t.dep_ == "conj" and t.lemma_.lower() in _trigger_lemmas():
                    other.update(x.i for x in t.subtree)
            clause = [t for t in clause if t.i not in other]
            beside = {t.i for b in _besides(part) for t in b.subtree}
            clause = [t for t in clause if t.i not in beside]
            signing = [t for t in clause if t.lemma_.lower() in words("signed_verbs") | words("signing_nouns")
                       and t.dep_ in {"pcomp", "pobj"} and t.head.lower_ in {"by", "through", "with"}]
            if signing:
                inst = [t for t in clause if _instrument_kind(t)]
                if inst:
                    this_status = "signed"  # "agreed to ... by signing memorandums"
            f = _found(this_status, part, sent, clause)
            negative = agreement_table("negative_positions").get(tok.lemma_.lower())
            if negative and this_status == "affirmed" and part.dep_ == "dobj":
                f.text = f"{negative[:1].upper()}{negative[1:]} {f.text[:1].lower()}{f.text[1:]}"
            if this_status == "signed":
                f.instrument = _instrument_kind(inst[0])
                f.instrument_words = _instrument_words(inst[0], inst[0].head)
                f.text = _document_text(inst[0])  # the document, not "enhance relations by signing"
            out.append(f)
        # "besides working together to ...": an action beside the main one
        for prep in _besides(comp):
            for pc in (c for c in prep.children if c.dep_ == "pcomp"):
                out.append(_found(status, pc, sent, _clause(pc)))
    return out


def _document_text(noun: Token) -> str:
    """"memorandums to facilitate cooperation ...": the noun and what follows it in its clause."""
    head = noun.head if noun.dep_ in {"dobj", "pobj"} and noun.head.pos_ == "VERB" else noun
    tokens = [t for t in head.subtree if t.i >= noun.i]
    return _text_of(tokens)


def _besides(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"besides", "beside"}]


def _coordinated_actions(comp: Token) -> list[Token]:
    """"agreed to X and Y": each verb conjunct; "the importance of A and that B": clauses."""
    out = []
    own_object = any(c.dep_ in {"dobj", "prep", "xcomp", "ccomp", "attr"} for c in comp.children)
    if comp.pos_ in {"VERB", "AUX"} and not own_object:
        return out  # "expand and deepen cooperation": one action with two verbs
    if comp.dep_ == "prep":  # "committed to upgrading X and to expanding Y"
        for inner in [comp, *(c for c in comp.children if c.dep_ == "pcomp")]:
            out.extend(c for c in inner.children if c.dep_ == "conj" and c.pos_ == "ADP")
    for c in comp.children:
        if c.dep_ == "conj" and comp.dep_ == "prep" and c.pos_ == "ADP":
            continue
        if c.dep_ == "conj" and (c.pos_ in {"VERB", "AUX"} or any(g.dep_ == "mark" for g in c.children)):
            if any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children) and c.pos_ == "VERB" \
                    and not any(g.dep_ == "mark" for g in c.children):
                continue  # a new clause with its own subject: its own trigger handles it
            out.append(c)
            out.extend(_coordinated_actions(c))
    return out


def _own_subject(verb: Token) -> bool:
    """A trigger of its own ("as both countries agreed"), or an adverbial clause with a subject."""
    lemmas = _trigger_lemmas()
    if verb.lemma_.lower() in lemmas:
        return True
    return verb.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or verb.dep_ == "conj"


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)


# --- subjects -------------------------------------------------------------------------

def _subject(tok: Token) -> Token | None:
    """The subject of a trigger, looking up through conjuncts and complements."""
    for _ in range(6):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and not (subj.lower_ in {"that", "which", "who"} and tok.dep_ == "relcl"):
            return subj
        if subj is not None:
            tok = tok.head.head  # "actions that may increase ... and affirmed": the outer clause
        elif tok.dep_ in {"conj", "xcomp", "advcl", "relcl", "acl"} and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def _collective(tok: Token, an: Analysis | None = None, persons_only: bool = False) -> bool:
    """Does the subject of ``tok`` speak for more than one party?"""
    subj = _subject(tok)
    if subj is None:
        return any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
    if an is not None and _parties_named(subj, an) >= 2:
        return True  # "Brazil's President Lula and Argentine President Fernandez"
    collective = words("collective_words")
    if any(c.dep_ == "conj" or (c.dep_ == "cc" and c.lower_ == "and") for c in subj.children):
        return True
    if sum(c.dep_ in {"nsubj", "nsubjpass"} for c in subj.head.children) >= 2:
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

def _parties_named(subj: Token, an: Analysis) -> int:
    """How many people or states the subject phrase names."""
    start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    people = {p.name for p in an.participants for s, _ in p.mentions if start <= s < end}
    from briefing.knowledge.gazetteer import find_country_mentions

    states = {m.code for m in find_country_mentions(an.article.norm_text[start:end])}
    return max(len(people), len(states))


def _clause(tok: Token, *, exclude_conj: bool = False, skip_subject: bool = False) -> list[Token]:
    drop: set[int] = set()
    if exclude_conj:
        for c in tok.children:
            if c.dep_ in {"conj", "cc"} and (c.pos_ in {"VERB", "AUX", "CCONJ"} or c.dep_ == "cc"):
                drop.update(t.i for t in c.subtree)
    if skip_subject:
        for c in tok.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                drop.update(t.i for t in c.subtree)
    return [t for t in tok.subtree if t.i not in drop]


def _text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in {"to", "a", "an", "the", "that", "on", "and"}):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in {")", '"'}
                      or tokens[-1].lower_ in {"and", "or", "that", "of", "the", "to", "as", "with"}):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc[tokens[0].i:tokens[-1].i + 1].text
    words_ = text.split()
    if len(words_) > MAX_TEXT_WORDS:
        text = " ".join(words_[:MAX_TEXT_WORDS]) + "…"
    return text[:1].upper() + text[1:]


def _instrument_kind(tok: Token) -> str | None:
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


def _time_tokens(tok: Token) -> list[Token]:
    return [c for c in tok.subtree if c.ent_type_ == "DATE" or c.lower_ in {"ago"}]


def _found(status: str, tok: Token, sent: Span, clause: list[Token]) -> Found:
    f = Found(status=status, text=_text_of(clause), sent=sent, clause=clause)
    f.historical = _is_historical(clause + _time_tokens(tok.head if tok.dep_ != "ROOT" else tok),
                                  _article_year(tok.doc))
    f.headline = _headline_case(sent)
    return f


def _article_year(doc: Doc) -> int | None:
    """The year of the article the parse belongs to (set by :func:`find_agreements`)."""
    return doc.user_data.get("article_year")


def _is_historical(tokens: list[Token], article_year: int | None) -> bool:
    """Signed or agreed before the reported meeting: "six decades ago", "in 2016"."""
    markers = words("history.markers")
    text = " " + " ".join(t.lower_ for t in sorted(set(tokens), key=lambda t: t.i)) + " "
    if any(f" {m} " in text for m in markers):
        return True
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    return article_year is not None and any(y < article_year for y in years)


def _headline_case(sent: Span) -> bool:
    if sent.text.rstrip()[-1:] in ".!?\"'":
        return False
    ws = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(ws) >= 3 and sum(t.text[0].isupper() for t in ws) / len(ws) > 0.6


# --- merging --------------------------------------------------------------------------

def _content(text: str) -> set[str]:
    stop = {"the", "a", "an", "of", "to", "in", "on", "for", "and", "by", "with", "their", "its", "both"}
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop}


def _same_commitment(a: Found, b: Found) -> bool:
    if a.status == "signed" and b.status == "signed":
        if a.historical or b.historical:
            return False
        if b.anaphoric or a.anaphoric:
            return True
        if a.instrument != b.instrument:
            return False
        ord_a, ord_b = a.instrument_words & ORDINALS, b.instrument_words & ORDINALS
        if ord_a and ord_b and not ord_a & ord_b:
            return False
        names_a, names_b = a.instrument_words - ORDINALS, b.instrument_words - ORDINALS
        if a.headline or b.headline or not names_a or not names_b:
            return True
        return len(names_a & names_b) / min(len(names_a), len(names_b)) >= 0.5
    if a.status == "signed" or b.status == "signed":
        return False
    if a.status != b.status:
        return False
    x, y = _content(a.text), _content(b.text)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= 0.6


def _merge(found: list[Found]) -> list[Found]:
    """One entry per commitment; the headline's commitment is the body's of the same status."""
    body = [f for f in found if not f.headline]
    kept: list[Found] = []
    for f in body:
        if f.status == "signed" and f.anaphoric:
            continue  # "it was signed by", "the signing ceremony": a document named elsewhere
        if not any(_same_commitment(k, f) for k in kept):
            kept.append(f)
    for f in (f for f in found if f.headline):
        if not f.anaphoric and not any(k.status == f.status or _same_commitment(k, f) for k in kept):
            kept.insert(0, f)
    return kept


# --- output ---------------------------------------------------------------------------

def _to_agreement(f: Found, an: Analysis) -> Agreement:
    text = an.article.text
    start, end = f.sent.start_char, f.sent.end_char
    sentence = text[start:end].strip()
    return Agreement(text=_display_text(f.text, an, start, end) or sentence, status=f.status,
                     sentence=sentence, span=(start, end), parties=_parties(f, an),
                     instrument=f.instrument, date=_date(f, an))


def _display_text(short: str, an: Analysis, start: int, end: int) -> str:
    """The short text as the article writes it (curly quotes, dashes), quotes balanced."""
    body = short.rstrip("…")
    at = an.article.norm_text.find(body[1:], start, end) if len(body) > 1 else -1
    if at > start:
        body = body[:1] + an.article.text[at:at + len(body) - 1]
    if (body.count('"') + body.count("\u201c") + body.count("\u201d")) % 2:
        body = body.replace('"', "").replace("\u201c", "").replace("\u201d", "")  # a half-kept quotation
    return body + ("…" if short.endswith("…") else "")


def _parties(f: Found, an: Analysis) -> list[str]:
    from briefing.knowledge.gazetteer import find_country_mentions

    article_codes = [c.code for c in an.countries]
    found = []
    for m in find_country_mentions(f.sent.text):
        if m.code not in found and (not article_codes or m.code in article_codes):
            found.append(m.code)
    for p in an.participants:
        if p.country and p.country not in found and any(
                f.sent.start_char <= s < f.sent.end_char for s, _ in p.mentions):
            found.append(p.country)
    for code in article_codes:
        if len(found) >= 2:
            break
        if code not in found:
            found.append(code)
    return found


def _date(f: Found, an: Analysis) -> str | None:
    from briefing.knowledge.dates import find_date_phrases, iso, resolve_match

    reference = dt.date.fromisoformat(an.article.date) if an.article.date else None
    clause_text = " ".join(t.text for t in sorted(f.clause, key=lambda t: t.i))
    for m in find_date_phrases(f.sent.text):
        phrase = f.sent.text[m.start:m.end]
        if phrase.split()[-1] in clause_text or not f.historical:
            got = resolve_match(m, reference)
            if got:
                return iso(*got)
    return None
