"""Participants: the people who take part in what the article reports.

Steps: find name candidates with their titles (:mod:`briefing.extract.names`), keep the
ones that are people (a title, or spaCy's PERSON with a role in the sentence), merge
every mention of one person ("Nobuo Kishi", "Kishi", "DM Kishi", the typo "Kish"),
keep those who take part (they meet, sign, speak, are met), and give each a role as
written and a country (from the title, a counterpart, or the meeting's other side).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from briefing.extract.meeting import find_meeting, hypothetical
from briefing.extract.names import (
    NameCandidate,
    Word,
    find_name_candidates,
    non_participant,
    words_of,
)
from briefing.extract.nlp import entity_type, prefetch_entities, sentence_of
from briefing.provenance import (
    ACTOR,
    COUNTRY_APPOSITIVE,
    COUNTRY_DATELINE_HOST,
    COUNTRY_FALLBACK,
    COUNTRY_FREE_SIDE,
    COUNTRY_HOST,
    COUNTRY_IN_ORDER,
    MET_OBJECT,
    MET_WITH,
    OFFICE_HOLDER,
    PERSON_ENTITY,
    ROLE_APPOSITIVE,
    ROLE_COUNTERPART,
    ROLE_RANK,
    TITLED_NAME,
    add_rule,
    enabled,
)
from briefing.extract.syntax import (
    ACTORS,
    LIST_LINKS,
    NOUN_CLAUSES,
    NOUN_OBJECTS,
    SUBJECTS,
)
from briefing.extract.timeframe import earlier_clause, future_clause
from briefing.extraction import Participant
from briefing.knowledge.gazetteer import find_country_mentions, lookup_country
from briefing.knowledge.lexicon import meeting_words, people_words, titles

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefing.extract import Analysis


@dataclass
class Person:
    """One person with all mentions; becomes a Participant if they take part."""

    tokens: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    candidates: list[NameCandidate] = field(default_factory=list)
    role: str | None = None
    country: str | None = None
    counterpart: bool = False
    subnational: bool = False
    rules: list[str] = field(default_factory=list)  # why a participant (briefing.provenance)
    role_rule: str = ""
    country_rule: str = ""

    @cached_property
    def key_tokens(self) -> set[str]:
        suffixes = titles("name_suffixes") | titles("name_particles")
        return {t.lower() for t in self.tokens if t.lower() not in suffixes and len(t.rstrip(".")) > 1}

    @property
    def first(self) -> int:
        """Offset of the first mention."""
        return min(s for s, _ in self.mentions)

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


def find_participants(an: Analysis) -> list[Participant]:
    """The participants of the article, in order of first mention."""
    return find_people(an)[0]


def find_people(an: Analysis) -> tuple[list[Participant], list[Participant]]:
    """``(participants, others)``: others are named people who speak but do not take
    part (analysts, spokespeople); quotes may name them as speakers."""
    words = words_of(an.doc)
    people = _cluster(_person_candidates(an.doc, find_name_candidates(words)))
    _add_short_mentions(people, words)
    outside = [p for p in people if any(non_participant(words, c) for c in p.candidates)
               and not any(_holds_office(c) for c in p.candidates)]
    for person in people:
        add_rule(person.rules, *(c.found_by for c in person.candidates))
    taking_part = [p for p in people if p not in outside and _takes_part(p, an) and not _only_subnational(p)]
    _choose_roles(taking_part + outside)
    _fill_countries(taking_part, an)
    return _records(taking_part), _records(outside)


def _holds_office(cand: NameCandidate) -> bool:
    """A government office ("Minister of Defence"), not a post anyone may hold ("head of ...")."""
    role = (cand.title.role or cand.appositive_role or "").lower().split()
    heads = [w for w in role if w in titles("role_heads")]
    return bool(heads) and not all(w in people_words("generic_heads") for w in heads)


def _records(people: list[Person]) -> list[Participant]:
    people = sorted(people, key=lambda p: p.first)
    return [Participant(name=p.name, role=p.role, country=p.country, mentions=sorted(set(p.mentions)),
                        rules=[r for r in dict.fromkeys([*p.rules, p.role_rule if p.role else "",
                                                         p.country_rule if p.country else ""]) if r])
            for p in people]


def _span_label(doc: Doc, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    labels = Counter(label for t in span if (label := entity_type(t)))
    return labels.most_common(1)[0][0] if labels else None


def _person_candidates(doc: Doc, candidates: list[NameCandidate]) -> list[NameCandidate]:
    """Candidates that are people: titled ones, and untitled names the entity recogniser
    calls PERSON (asked only about those, and about names in title-case headlines)."""
    text = doc.text
    candidates = [c for c in candidates if not _quoted_title(text, c.start, c.end)]
    asked = [cand for cand in candidates if _in_headline_case(doc, cand.start)
             or not (cand.title.titled or cand.appositive_role) and len(cand.tokens) >= 2]
    prefetch_entities([doc.char_span(c.start, c.end, alignment_mode="expand")[0] for c in asked
                       if doc.char_span(c.start, c.end, alignment_mode="expand") is not None])
    out = []
    for cand in candidates:
        if _in_headline_case(doc, cand.start) and _span_label(doc, cand.start, cand.end) != "PERSON":
            continue  # "ASEAN Defence Ministers Sign Joint Declaration"
        multi = len(cand.tokens) >= 2
        if cand.title.titled or cand.appositive_role:
            if (multi or cand.title.honorific or cand.title.rank or cand.title.role) and enabled(TITLED_NAME):
                cand.found_by = TITLED_NAME
                out.append(cand)
        elif multi and _span_label(doc, cand.start, cand.end) == "PERSON" and enabled(PERSON_ENTITY):
            cand.found_by = PERSON_ENTITY
            out.append(cand)
    return out


def _quoted_title(text: str, start: int, end: int) -> bool:
    """A capitalised phrase standing alone in quotation marks is a title ("New Level"), not a name."""
    before = text[max(0, start - 1):start]
    after = text[end:end + 2].lstrip(".,")
    return before in {'"', "\u201c", "'", "\u2018"} and after[:1] in {'"', "\u201d", "'", "\u2019"}


def _in_headline_case(doc: Doc, offset: int) -> bool:
    """True inside a sentence written in title case, where capitals say nothing."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    sent = sentence_of(span[0])
    if sent.text.rstrip()[-1:] in ".!?\"'":
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) / len(words) > 0.7


def _cluster(candidates: list[NameCandidate]) -> list[Person]:
    """Group candidates naming the same person; full names before short ones."""
    people: list[Person] = []
    for cand in sorted(candidates, key=lambda c: -len(c.tokens)):
        keys = Person(tokens=cand.tokens).key_tokens
        match = None
        for person in people:
            if keys and keys <= person.key_tokens:
                match = person
                break
        if match is None and len(cand.tokens) == 1:
            match = _typo_match(cand.tokens[0], people)
        if match is None:
            match = Person(tokens=list(cand.tokens))
            people.append(match)
        match.candidates.append(cand)
        match.mentions.append((cand.start, cand.end))
    return people


def _typo_match(token: str, people: list[Person]) -> Person | None:
    """"Kish" for "Kishi": one edit away from exactly one person's name part."""
    low = token.lower()
    if len(low) < 4 or low in titles("not_name_words") or lookup_country(token):
        return None
    hits = [p for p in people if any(_one_edit(low, k) for k in p.key_tokens if len(k) >= 4)]
    return hits[0] if len(hits) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _add_short_mentions(people: list[Person], words: list[Word]) -> None:
    """Single words naming a known person: "Kishi", "Giang", "Ahn", "Kish"."""
    covered = {(s, e) for p in people for s, e in p.mentions}
    spans = [span for p in people for span in p.mentions]
    for w in words:
        if not w.is_cap or any(s <= w.start < e for s, e in spans):
            continue
        low = w.text.lower().removesuffix("'s")
        hits = [p for p in people if low in p.key_tokens]
        if not hits:
            hit = _typo_match(w.text, people) if w.token.pos_ == "PROPN" else None
            hits = [hit] if hit else []
        if len(hits) == 1 and (w.start, w.end) not in covered:
            hits[0].mentions.append((w.start, w.end))


def _takes_part(person: Person, an: Analysis) -> bool:
    """Someone who acts in a main clause, or is met, visited or called on; someone named
    with an office takes part unless every mention is hypothetical ("as Chancellor X
    faces pressure", "when President Y visits later this year"), in background ("after
    President X's visit in April") or a plan ("President Y is expected to visit")."""
    doc = an.doc
    titled = any(c.title.role or c.appositive_role or c.title.counterpart or c.title.rank
                 for c in person.candidates)
    acts = _acts(person, an)
    if acts:
        person.rules.append(acts)
        return True
    if not titled or not enabled(OFFICE_HOLDER):
        return False
    for start, end in person.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and (_on_behalf(span.root) or _background_subject(span.root)):
            continue  # "conveyed the greetings of President X", "a possibility that X raised"
        verb = _governing_verb(span.root) if span is not None else None
        if _out_of_frame(an, verb):
            continue
        if verb is None or not hypothetical(verb):
            person.rules.append(OFFICE_HOLDER)
            return True
    return False


def _governing_verb(token: Token) -> Token:
    """The nearest verb above ``token`` (the token itself at the root)."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _out_of_frame(an: Analysis, verb: Token | None) -> bool:
    """A mention in background ("after X's visit to Baghdad in April", "when they met in
    November") or in a plan ("X is expected to visit"): not what the article reports."""
    return verb is not None and (earlier_clause(an, verb) or future_clause(verb) or (
        verb.dep_ == "xcomp" and future_clause(verb.head)))


def _acts(person: Person, an: Analysis) -> str | None:
    """The id of the rule by which the person acts in what is reported, or None."""
    doc = an.doc
    verbs = people_words("participation_verbs")
    for start, end in person.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.dep_ == "compound" and head.head.i not in range(span.start, span.end):
            continue  # "the Lee Jae Myung administration"
        dep, gov = head.dep_, head.head
        for _ in range(8):  # climb lists: "officials, including President X and Y"
            if dep in LIST_LINKS:
                dep, gov = gov.dep_, gov.head
            elif dep == "pobj" and gov.lower_ in {"including", "like"}:
                dep, gov = gov.head.dep_, gov.head.head
            else:
                break
        if _on_behalf(head):
            continue  # the sender or the recipient of greetings
        if _out_of_frame(an, _governing_verb(head)):
            continue
        if dep in ACTORS and not hypothetical(gov) and not _background_subject(head) and enabled(ACTOR):
            return ACTOR
        if dep == "dobj" and gov.lemma_ in verbs and enabled(MET_OBJECT):
            return MET_OBJECT
        if dep == "pobj" and gov.lower_ in people_words("meeting_prepositions") and (
                gov.head.lemma_ in verbs or gov.head.lemma_ in people_words("meeting_nouns")) and enabled(MET_WITH):
            return MET_WITH
    return None


def _on_behalf(token: Token) -> bool:
    """Named only as the sender or owner of something: greetings, a letter, an
    administration; or as the one greetings are conveyed to."""
    absent = people_words("absent_nouns")
    while (token.dep_ in LIST_LINKS or token.dep_ == "compound") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss":
        return token.head.lemma_.lower() in absent
    if token.dep_ == "pobj" and token.head.lower_ in {"of", "from"}:
        return token.head.head.lemma_.lower() in absent or token.head.head.lower_ in absent
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "to" else token.head
    if token.dep_ in NOUN_OBJECTS and verb.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.i != token.i and c.lemma_.lower() in absent for c in verb.children):
        return True  # "conveyed his greetings and good wishes to King X"
    return False


def _background_subject(token: Token) -> bool:
    """The subject of a clause about a thing: "a possibility that President X has raised",
    "the force which President Y asked states to fund" — background, not the meeting."""
    verb = token.head
    return (token.dep_ in ACTORS and verb.dep_ in NOUN_CLAUSES
            and verb.lemma_.lower() not in people_words("joint_verbs")  # "the pact X signed"
            and verb.head.pos_ in {"NOUN", "PROPN"} and entity_type(verb.head) != "PERSON")


def _only_subnational(person: Person) -> bool:
    roles = [c for c in person.candidates if c.title.role or c.appositive_role]
    return bool(roles) and all(c.title.subnational for c in roles)


def _choose_roles(people: list[Person]) -> None:
    """Role as written: an office title beats an appositive, a counterpart, a rank."""
    for person in people:
        for cand in person.candidates:
            t = cand.title
            if person.country is None and (t.country or cand.appositive_country):
                person.country = t.country or cand.appositive_country
                person.country_rule = t.country_rule if t.country else COUNTRY_APPOSITIVE
            person.counterpart = person.counterpart or t.counterpart
        offices = [(c.title.role, c.title.role_rule) for c in person.candidates if c.title.role]
        appos = [(c.appositive_role, ROLE_APPOSITIVE) for c in person.candidates if c.appositive_role]
        ranks = [c.title.rank for c in person.candidates if c.title.rank] if enabled(ROLE_RANK) else []
        person.role, person.role_rule = (offices or appos or [(None, "")])[0]
        if person.role is None and not person.counterpart and ranks:
            person.role, person.role_rule = ranks[0], ROLE_RANK
    # "his Vietnamese counterpart X": X holds the office of the person named before;
    # "their counterparts X and Y" pair off with the people named before, in order
    for person in people:
        if person.role is None and person.counterpart and enabled(ROLE_COUNTERPART):
            peers = sorted((p for p in people if p.counterpart and p.role is None
                            and abs(p.first - person.first) < 120), key=lambda p: p.first)
            before = sorted((p for p in people if not p.counterpart and p.role
                             and p.first < peers[0].first), key=lambda p: p.first)
            if before:
                pairs = zip(peers, before[-len(peers):]) if len(before) >= len(peers) else [(person, before[-1])]
                for peer, model in pairs:
                    peer.role, peer.role_rule = model.role, ROLE_COUNTERPART
            if person.role is None:
                ranks = [c.title.rank for c in person.candidates if c.title.rank] if enabled(ROLE_RANK) else []
                person.role, person.role_rule = (ranks[0], ROLE_RANK) if ranks else (None, "")


def _fill_countries(people: list[Person], an: Analysis) -> None:
    """People with no stated country: the meeting's side that has nobody yet."""
    unknown = [p for p in people if p.country is None
               and not any(c.title.organisation for c in p.candidates)]  # NATO's chief has no state
    if not unknown:
        return
    main = main_countries(an.article.norm_text, an.article.dateline_span())
    if not main:
        return
    host = visited_country(an)
    visitors = [p for p in people if _visits(p, an.doc)]
    if not enabled(COUNTRY_HOST):
        host = None
    rule = COUNTRY_HOST
    if host is None and visitors and enabled(COUNTRY_DATELINE_HOST):
        host, rule = _dateline_country(an), COUNTRY_DATELINE_HOST  # "MEXICO CITY (AP) — ... as Rubio visits"
    if host is not None:
        # the host's people are those not travelling; a visitor comes from the other side
        away = next((c for c in main if c != host), None)
        for p in unknown:
            p.country, p.country_rule = (away if p in visitors and away else host), rule
        return
    known = {p.country for p in people if p.country}
    free = [c for c in main[:2] if c not in known]
    if len(free) == 1 and enabled(COUNTRY_FREE_SIDE):
        for p in unknown:
            p.country, p.country_rule = free[0], COUNTRY_FREE_SIDE
        return
    if len(free) >= 2 and len(unknown) >= 2 and enabled(COUNTRY_IN_ORDER):
        # "co-chaired by X and Y" in an article on "India and Vietnam": same order
        order = first_mentions(an.article.norm_text, an.article.dateline_span())
        free.sort(key=lambda c: order.get(c, len(an.article.norm_text)))
        for p, code in zip(sorted(unknown, key=lambda p: p.first), free):
            p.country, p.country_rule = code, COUNTRY_IN_ORDER
        return
    if not enabled(COUNTRY_FALLBACK):
        return
    away = {p.country for p in visitors if p.country}
    hosts = [c for c in main if c not in away]
    for p in unknown:
        p.country, p.country_rule = (hosts[0] if hosts else main[0]), COUNTRY_FALLBACK


def visited_country(an: Analysis) -> str | None:
    """The state someone in the article visits ("visited Hanoi", "a visit to South Korea")."""
    return find_meeting(an).host


def _dateline_country(an: Analysis) -> str | None:
    span = an.article.dateline_span()
    if span is None:
        return None
    found = find_country_mentions(an.article.norm_text[span[0]:span[1]])
    return found[0].code if found else None


def _visits(person: Person, doc: Doc) -> bool:
    """Is the person the one who visits ("Marcos visited Hanoi", "visiting Minister X")?"""
    for start, end in person.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if span.root.dep_ in SUBJECTS and span.root.head.lemma_.lower() in meeting_words("visit_lemmas"):
            return True
        k = span.start  # "visiting French Defence Minister Florence Parly"
        while k > 0 and span.start - k < 6 and (doc[k - 1].is_title or doc[k - 1].lower_ in titles("role_words")):
            k -= 1
        if k > 0 and doc[k - 1].lower_ == "visiting":
            return True
        if span.root.dep_ == "poss" and span.root.head.lemma_.lower() in meeting_words("visit_lemmas"):
            return True  # "Kishida's visit to London"
        root = span.root
        if root.dep_ == "nsubj" and any(t.lemma_.lower() == "visit" and t.pos_ == "NOUN"
                                        for t in root.head.subtree):
            return True  # "Mohamed Khaled is on a four-day official visit to South Korea"
    return False




def first_mentions(text: str, skip: tuple[int, int] | None = None) -> dict[str, int]:
    """Where each country is first named (outside ``skip``)."""
    first: dict[str, int] = {}
    for m in find_country_mentions(text):
        if not (skip and skip[0] <= m.start < skip[1]):
            first.setdefault(m.code, m.start)
    return first


def main_countries(text: str, skip: tuple[int, int] | None = None) -> list[str]:
    """Countries by how often the text names them (ties: first named first); mentions
    inside ``skip`` (a dateline) do not count."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in find_country_mentions(text):
        if skip and skip[0] <= m.start < skip[1]:
            continue
        counts[m.code] += 1
        first.setdefault(m.code, m.start)
    return sorted(counts, key=lambda c: (-counts[c], first[c]))
