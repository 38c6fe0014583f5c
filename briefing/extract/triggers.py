"""Triggers: the words at which an article states a commitment, and what each one says.

The patterns of ``resources/patterns/commitments.toml`` mark candidate words (spaCy's
``Matcher`` and ``DependencyMatcher``); a rule per label then reads the parse around the
word: a document signed ("signed a pact", "the signing of an MoU"), an action agreed or
decided together ("agreed to ...", "affirmed to enhance ..."), a position affirmed
together ("reaffirmed the importance of ...", "expressed satisfaction with ..."), a plan
two named states will carry out. Agreeing and affirming need a subject that speaks for
more than one party ("the two sides", "Kishi and Giang", "they"); signing does not.

A rule returns the commitments it finds (possibly none), or ``None`` when it does not
apply, so the word's next label is tried.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from briefing.extract.clauses import (
    Found,
    besides,
    clause_of,
    collective,
    coordinated_actions,
    date_token_indices,
    document_tokens,
    has_to,
    instrument_kind,
    instrument_words,
    new_found,
    ordinals,
    own_subject,
    parties_named,
    pobj,
    prospective,
    repeated_prepositions,
    text_of,
    time_tokens,
    trigger_lemmas,
    words,
)
from briefing.extract.matchers import matches
from briefing.extract.nlp import sentence_of
from briefing.provenance import (
    AFFIRMED_ACTION,
    AGREED_BY_SIGNING,
    AGREED_POSITION,
    BESIDES,
    NEGATIVE_POSITION,
    SPLIT_CLAUSES,
    SPLIT_REPEATED_PREPOSITION,
    add_rule,
    enabled,
)
from briefing.extract.syntax import (
    ACTIONS,
    ADVERBIAL_CLAUSES,
    AUXILIARIES,
    COMMITTED,
    CONTENT_CLAUSES,
    CONTINUATIONS,
    COORDINATION,
    DETERMINERS,
    MAIN_OR_REPORTED,
    NOTED,
    NOUN_CLAUSES,
    PREP_OBJECTS,
    PURPOSE_CLAUSES,
    SIGNED_DOCUMENTS,
    SUBJECTS,
)
from briefing.knowledge.lexicon import agreement_table

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from briefing.extract import Analysis

__all__ = ["commitments_in", "predicate_commitment"]

Rule = Callable[["Token", "Span", "Analysis"], "list[Found] | None"]


def commitments_in(an: Analysis) -> dict[int, list[Found]]:
    """``{sentence start: commitments}`` for every sentence holding one, in text order; each
    commitment's ``rules`` name its pattern's label first, then the rules that cut it out."""
    out: dict[int, list[Found]] = {}
    for i, labels in matches(an.doc, "commitments").items():
        tok = an.doc[i]
        sent = sentence_of(tok)
        for label in labels:
            if not enabled(label):
                continue
            found = RULES[label](tok, sent, an)
            if found is not None:
                for f in found:
                    f.rules.insert(0, label)
                if found:
                    out.setdefault(sent.start, []).extend(found)
                break
    return out


def predicate_commitment(sent: Span, status: str) -> Found | None:
    """A commitment the classifier found where no rule did: the sentence's main predicate
    without its subject ("will establish a joint centre in Lagos")."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    clause = [t for t in clause_of(root, skip_subject=True)
              if not (t.dep_ in AUXILIARIES and t.head is root)]
    found = new_found(status, root, sent, clause)
    return found if found.text else None


# --- one rule per label ---------------------------------------------------------------

def _signing_noun_rule(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    return _signing_noun(tok, sent)


def _signed_rule(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    if prospective(tok):
        return []  # "vowed to finalise", "will be signed when ...": not signed yet
    return _signed(tok, sent)


def _reached_clause(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    return [new_found("agreed", tok.head, sent, clause_of(tok.head))]  # "the agreement reached in March"


def _reached_object(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    obj = next(c for c in tok.children if c.dep_ == "dobj")
    after = [t for t in tok.subtree if t.i > tok.i]  # "consensus to set up a hotline"
    action = [t for t in after if t.i > obj.i]
    if action and action[0].lower_ in {"to", "on", "over"} and len(action) > 2:
        after = action[1:]  # the action agreed, not the word "consensus"
    return [new_found("agreed", obj, sent, after)] if collective(tok, an) else []


def _agreed(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    if tok.lemma_.lower() == "commit" and not collective(tok, an, persons_only=True):
        return []
    return _agreed_or_affirmed(tok, sent, "agreed") if collective(tok, an) else []


def _affirmed(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    return _agreed_or_affirmed(tok, sent, "affirmed") if collective(tok, an) else []


def _expressed(tok: Token, sent: Span, an: Analysis) -> list[Found]:
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in words("expressed_objects")]
    if objs and collective(tok, an):  # "satisfaction with ...", "concern on Saturday about ..."
        about = [t for c in tok.children if c.dep_ == "prep" and c.i > objs[0].i
                 and c.lower_ in {"about", "over", "with", "at", "for", "regarding", "on"}
                 and not date_token_indices(tok.doc, sent) >= {x.i for x in c.subtree} for t in c.subtree]
        return [new_found("affirmed", objs[0], sent, clause_of(objs[0]) + about)]
    return []


def _noted_with(tok: Token, sent: Span, an: Analysis) -> list[Found] | None:
    if not collective(tok, an):
        return None
    objs = [c for c in tok.children if c.dep_ in NOTED]  # "noted with satisfaction the progress"
    return [new_found("affirmed", objs[0], sent, clause_of(objs[0]))] if objs else []


def _shared_view(tok: Token, sent: Span, an: Analysis) -> list[Found] | None:
    if not collective(tok, an):
        return None
    views = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in words("shared_objects")]
    clauses = [g for v in views for g in v.children if g.dep_ in CONTENT_CLAUSES
               and any(m.lower_ == "that" for m in g.children)]
    return [new_found("affirmed", clauses[0], sent, clause_of(clauses[0]))]  # "shared the view that ..."


def _joint_position(tok: Token, sent: Span, an: Analysis) -> list[Found] | None:
    if not collective(tok, an):
        return None
    adjs = [c for c in tok.children if c.dep_ == "acomp" and c.lower_ in words("position_adjectives")]
    return [new_found("affirmed", adjs[0], sent, clause_of(adjs[0]))]  # "both sides were satisfied with"


def _joint_future_rule(tok: Token, sent: Span, an: Analysis) -> list[Found] | None:
    if tok.lemma_.lower() in trigger_lemmas() or not _joint_future(tok, an):
        return None
    # "will set up X and turn Y": each coordinated action is a plan of its own, as after "agreed to"
    listed = coordinated_actions(tok)
    parts = [tok] + [t for t, _ in listed]
    split_by = {t.i: rule for t, rule in listed}
    out = []
    for part in parts:
        mine = _own_subtree(part, parts)
        out.append(new_found("agreed", part, sent, [part.doc[i] for i in sorted(mine) if i >= part.i]))
        add_rule(out[-1].rules, split_by.get(part.i, ""))
    return out


def _saying(tok: Token, sent: Span, an: Analysis) -> list[Found] | None:
    if not _joint_speakers(tok) or '"' in sent.text:
        return None
    comps = [c for c in tok.children if c.dep_ == "ccomp" and not any(
        t.lemma_.lower() in trigger_lemmas() and any(g.dep_ in SUBJECTS for g in t.children)
        for t in c.subtree)]  # "officials said the memorandums were signed": the signing's own
    return [new_found("affirmed", comps[0], sent, clause_of(comps[0]))] if comps else None


# --- what the rules share -------------------------------------------------------------

def _joint_future(tok: Token, an: Analysis) -> bool:
    """"Nigeria and Ghana will establish a joint centre": two named parties' plan."""
    if tok.dep_ not in MAIN_OR_REPORTED or tok.dep_ == "ccomp" and tok.head.lemma_.lower() not in words(
            "reporting_verbs"):
        return False  # a main-clause plan, or one reported: "X and Y will ..., Musa said"
    if not any(c.dep_ == "aux" and c.lower_ in {"will", "shall"} for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if subj.pos_ == "PROPN":
        return parties_named(subj, an) >= 2
    # "the two countries will set up ...", "both sides will hold ..."
    return subj.lemma_.lower() in words("party_nouns") and any(
        c.lower_ in {"two", "both", "three", "four", "all"} for c in subj.children)


def _joint_speakers(tok: Token) -> bool:
    """"both sides said", "the ministers said": not "he said", "MANILA ... Hegseth said"."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return False
    subj = subjects[0]
    allowed = words("saying_subjects")
    return subj.lower_ in allowed or subj.lemma_.lower() in allowed or any(
        c.lower_ in {"both", "two"} for c in subj.children)


def _signed(tok: Token, sent: Span) -> list[Found]:
    objs = [c for c in tok.children if c.dep_ in SIGNED_DOCUMENTS]
    if tok.dep_ in NOUN_CLAUSES:
        # "a contract Poland signed in 2022", "the agreement signed in 2001": the document
        # is the noun the clause hangs on, or (misparsed) the nearest one before it
        objs.append(tok.head)
        objs.extend(t for t in reversed(tok.doc[max(sentence_of(tok).start, tok.i - 6):tok.i])
                    if t.pos_ in {"NOUN", "PROPN"} and t.i != tok.head.i)
    for obj in objs:
        kind = instrument_kind(obj)
        if kind:
            return _documents(obj, kind, sent, tok)
        if obj.lower_ in {"it", "this", "they"}:
            f = new_found("signed", tok, sent, clause_of(tok))
            f.anaphoric = True
            return [f]
    return []


def _signing_noun(tok: Token, sent: Span) -> list[Found]:
    """"the signing of the Australia-Indonesia Defence Cooperation Agreement"."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            kind = instrument_kind(obj)
            if kind:
                return [_signed_found(obj, kind, sent, tok)]
    f = new_found("signed", tok, sent, clause_of(tok))
    f.anaphoric = True  # "the signing ceremony"
    return [f]


def _documents(obj: Token, kind: str, sent: Span, trigger: Token) -> list[Found]:
    """The document signed; "memoranda (of understanding) on X and on Y" are two (the
    topic's preposition repeated), "an agreement on trade and investment" is one."""
    topics = _repeated_topics(obj) if enabled(SPLIT_REPEATED_PREPOSITION) else []
    if len(topics) > 1:
        owned = {p.i: _own_subtree(p, topics) for p in topics}
        every = {i for ids in owned.values() for i in ids} | {c.i for p in topics for c in p.children
                                                               if c.dep_ == "cc"}
        out = []
        for topic in topics:
            drop = every - owned[topic.i]
            found = _signed_found(obj, kind, sent, trigger)
            found.clause = [t for t in found.clause if t.i not in drop]
            own = [t for t in clause_of(obj) if t.i not in drop]
            found.text, found.text_tokens, found.text_exact = text_of(own, exact=True), own, True
            found.instrument_words |= _topic_words([obj.doc[i] for i in owned[topic.i]], obj)
            if topic is not topics[0]:
                found.rules.append(SPLIT_REPEATED_PREPOSITION)
            out.append(found)
        return out
    return [_signed_found(obj, kind, sent, trigger)]


TOPIC_WORDS = {"on", "about", "regarding", "concerning"}  # prepositions naming what a document is about


def _topic_words(tokens: list[Token], document: Token) -> set[str]:
    """What tells one of several documents from the others: its content words."""
    return {t.lower_ for t in tokens if t.i != document.i and t.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}}


def _own_subtree(item: Token, items: list[Token]) -> set[int]:
    """The tokens of one item of a list (a document, a topic), without the items hanging
    under it and the commas and "and" between them."""
    inner = {t.i for other in items if other is not item and other.i in {x.i for x in item.subtree}
             for t in other.subtree}
    inner |= {c.i for c in item.children if c.dep_ == "cc" or c.dep_ == "punct" and c.i > item.i}
    return {t.i for t in item.subtree} - inner


def _repeated_topics(obj: Token) -> list[Token]:
    """"memoranda (of understanding) on X and on Y" -> the prepositions "on X", "on Y"."""
    holder = obj
    for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
        holder = next((g for g in prep.children if g.dep_ == "pobj"), obj)  # "of understanding"
    for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in {"on", "for", "in", "about"}):
        same = repeated_prepositions(prep)
        if same:
            return [prep, *same]
    return []


def _signed_found(obj: Token, kind: str, sent: Span, trigger: Token) -> Found:
    np = clause_of(obj)
    if len(np) <= 3:  # "inked two agreements to prevent incidents at sea"
        np += [t for c in trigger.children if c.dep_ in PURPOSE_CLAUSES and c.i > obj.i for t in c.subtree]
    f = new_found("signed", obj, sent, np + [trigger] + list(time_tokens(trigger)))
    f.text, f.text_tokens = text_of(np), list(np)
    f.instrument = kind
    det = [c.lower_ for c in obj.children if c.dep_ in DETERMINERS]
    f.instrument_words = instrument_words(obj, trigger)
    det = det or [""]
    if det[0] in {"a", "an"}:  # a new document: what it is about tells it from the others
        topics = [p for p in obj.children if p.dep_ == "prep" and p.lower_ in TOPIC_WORDS]
        f.instrument_words |= {w for prep in topics for w in _topic_words(list(prep.subtree), obj)}
    f.anaphoric = (bool(det) and det[0] in {"the", "this", "that"} and not f.instrument_words - ordinals()
                   and not f.historical)
    return f


def _agreed_or_affirmed(tok: Token, sent: Span, status: str) -> list[Found]:
    comps = [c for c in tok.children if c.dep_ in COMMITTED
             or (c.dep_ == "prep" and c.lower_ in {"on", "to", "upon"})]
    comps = [c for c in comps if not (c.dep_ in ADVERBIAL_CLAUSES and own_subject(c))]
    comps = [c for c in comps if not (c.dep_ == "advcl" and any(g.dep_ == "mark" for g in c.children))]
    dated = date_token_indices(tok.doc, sent)
    comps = [c for c in comps if not (c.dep_ == "prep" and pobj(c) is not None and pobj(c).i in dated)]
    comps = [c for c in comps if c.lower_ not in {"which", "that", "who", "whom"}]  # "X, which they adopted"
    parallel = len(comps) > 1 and len({(c.dep_, c.lower_) for c in comps}) == 1
    if parallel and enabled(SPLIT_REPEATED_PREPOSITION):
        extra_tokens = []  # "committed to upgrading X and to expanding Y": two actions
    elif len(comps) > 1:  # "resolved to fast-track an MoU", split by the parser: one action
        comps = [comps[0]]
        extra_tokens = [t for c in tok.children if c.dep_ in CONTINUATIONS and c.i > comps[0].i
                        for t in c.subtree]
    else:
        extra_tokens = []
    # "reaffirmed the importance of A and that B is final": a second complement
    if enabled(SPLIT_CLAUSES):
        comps += [c for c in tok.children if c.dep_ == "conj" and any(g.dep_ == "mark" for g in c.children)]
    if not comps:
        return []
    split_by = {c.i: SPLIT_REPEATED_PREPOSITION for c in comps[1:]} if parallel else {}
    split_by.update({c.i: SPLIT_CLAUSES for c in comps if c.dep_ == "conj"})
    out = []
    for comp in comps:
        listed = coordinated_actions(comp)
        split_by.update({t.i: rule for t, rule in listed})
        parts = [comp] + [t for t, _ in listed]
        for part in parts:
            this_status = status
            fired: list[str] = [split_by[part.i]] if part.i in split_by else []
            if status == "affirmed" and part.dep_ in ACTIONS and part.pos_ == "VERB" and has_to(part) \
                    and enabled(AFFIRMED_ACTION):
                this_status = "agreed"  # "affirmed to enhance port calls"
                fired.append(AFFIRMED_ACTION)
            target = pobj(part) if part.dep_ == "prep" else part
            if target is not None and target.lemma_.lower() in words("affirmed_positions") and status == "agreed" \
                    and enabled(AGREED_POSITION):
                this_status = "affirmed"  # "agreed on the importance of ..."
                fired.append(AGREED_POSITION)
            clause = clause_of(part, exclude_conj=len(parts) > 1)
            others = {t.i for other in parts if other is not part and other.i > part.i
                      for t in other.subtree} | {c.i for other in parts if other is not part
                                                for c in other.head.children if c.dep_ == "cc"}
            clause = [t for t in clause if t.i not in others]
            if part.dep_ == "dobj":  # "the importance of A and overflight", misparsed as a conjunct of the verb
                clause += [t for c in tok.children if c.dep_ in COORDINATION and c.pos_ not in {"VERB", "AUX"}
                           and c.i > part.i for t in c.subtree]
            if part is comps[0]:
                clause += [t for t in extra_tokens if t not in clause]
            other: set[int] = set()  # another commitment caught in this one by a misparse
            for t in clause:
                if t.pos_ == "VERB" and t.dep_ == "conj" and t.lemma_.lower() in trigger_lemmas():
                    other.update(x.i for x in t.subtree)
            clause = [t for t in clause if t.i not in other]
            beside = {t.i for b in besides(part) for t in b.subtree} if enabled(BESIDES) else set()
            clause = [t for t in clause if t.i not in beside]
            signing = [t for t in clause if t.lemma_.lower() in words("signed_verbs") | words("signing_nouns")
                       and t.dep_ in PREP_OBJECTS and t.head.lower_ in {"by", "through", "with"}]
            if signing and enabled(AGREED_BY_SIGNING):
                inst = [t for t in clause if instrument_kind(t)]
                if inst:
                    this_status = "signed"  # "agreed to ... by signing memorandums"
                    fired.append(AGREED_BY_SIGNING)
            f = new_found(this_status, part, sent, clause)
            add_rule(f.rules, *fired)
            negative = agreement_table("negative_positions").get(tok.lemma_.lower())
            if negative and this_status == "affirmed" and part.dep_ == "dobj" and enabled(NEGATIVE_POSITION):
                f.text = f"{negative[:1].upper()}{negative[1:]} {f.text[:1].lower()}{f.text[1:]}"
                f.prefix = negative
                f.rules.append(NEGATIVE_POSITION)
            if this_status == "signed":
                f.instrument = instrument_kind(inst[0])
                f.instrument_words = instrument_words(inst[0], inst[0].head)
                f.text_tokens = document_tokens(inst[0])  # the document, not "enhance relations by signing"
                f.text = text_of(f.text_tokens)
            out.append(f)
        # "besides working together to ...": an action beside the main one
        for prep in besides(comp) if enabled(BESIDES) else []:
            for pc in (c for c in prep.children if c.dep_ == "pcomp"):
                out.append(new_found(status, pc, sent, clause_of(pc)))
                out[-1].rules.append(BESIDES)
    return out


RULES: dict[str, Rule] = {
    "signing_noun": _signing_noun_rule, "signed": _signed_rule, "reached_clause": _reached_clause,
    "reached_object": _reached_object, "agreed": _agreed, "affirmed": _affirmed,
    "expressed": _expressed, "noted_with": _noted_with, "shared_view": _shared_view,
    "joint_position": _joint_position, "joint_future": _joint_future_rule, "saying": _saying,
}
