"""Countries: the states that act or are acted upon in the article.

Every reference to a state (name, abbreviation, demonym, capital, force, ministry, flag;
found by :mod:`briefing.knowledge.gazetteer`) is classified by its place in the parse:

* **agent** - the state, its officials or forces do something: the subject of a verb
  ("Japan and Vietnam agreed"), the owner of an official, force or activity ("Japanese
  Defence Minister", "Seoul's defense ministry", "Chinese incursions", "the
  assertiveness of China"), a party named in a bilateral word ("the US-Philippines
  alliance");
* **patient** - something is done to or with it: a partner ("signed with the UK",
  "relations between Berlin and Canberra"), the object of a visit, supply or invasion
  ("visited India", "jets to India", "Russia's invasion of Ukraine"), a topic of the
  talks ("views regarding matters related to Iran");
* **place** - only where something happened ("in Vientiane, Laos", "Malaysia's northern
  state"), and anything else (a passing modifier: "both U.S. allies", "US$6.5 billion").

A state is listed when a participant belongs to it, or it has an agent or patient mention
outside background (a clause under "after"/"since" or a sentence about earlier years), or
a group it belongs to acts ("All 10 ASEAN defence ministers signed"). The context words
live in ``resources/gazetteer/countries.context.toml``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.extract.nlp import entity_type, sentence_of
from briefing.provenance import (
    COUNTRY_ACTOR,
    COUNTRY_FORCE,
    COUNTRY_GROUP,
    COUNTRY_MODIFIER,
    COUNTRY_OBJECT,
    COUNTRY_OF_ACTIVITY,
    COUNTRY_PARTICIPANT,
    COUNTRY_PARTNER,
    COUNTRY_TOPIC,
    COUNTRY_TRANSFER,
    add_rule,
    enabled,
)
from briefing.extract.syntax import (
    ACTORS,
    ATTRIBUTES,
    MODIFIERS,
    NOUN_MODIFIERS,
    NOUN_OBJECTS,
)
from briefing.extract.timeframe import in_background
from briefing.extraction import Country
from briefing.knowledge.gazetteer import (
    CountryMention,
    country_name,
    find_country_mentions,
    find_group_mentions,
    group_members,
)
from briefing.knowledge.lexicon import country_context

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from briefing.extract import Analysis

__all__ = ["find_countries", "classify_mention"]

ALWAYS_AGENT_KINDS = {"force", "ministry"}


@dataclass
class _Evidence:
    spans: list[tuple[int, int]] = field(default_factory=list)
    first: int = 1 << 30
    acts: bool = False
    rules: list[str] = field(default_factory=list)


def _words(key: str) -> frozenset[str]:
    return country_context(key)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def find_countries(an: Analysis) -> list[Country]:
    """The states of the article, in order of first mention, each with its mention spans."""
    article = an.article
    text = article.text
    mentions = find_country_mentions(text)
    seen = {(m.start, m.end) for m in mentions}
    for orig_start, orig_end, code in getattr(article, "country_refs", []) or []:
        # flags are found in the original text; a flag cleaning removed has no place in ``text``
        span = _flag_span(text, article.to_clean(orig_start, orig_end))
        if span is not None and span not in seen and country_name(code):
            mentions.append(CountryMention(span[0], span[1], code, "flag"))
            seen.add(span)
    evidence: dict[str, _Evidence] = {}
    dateline = article.dateline_span()
    for m in mentions:
        ev = evidence.setdefault(m.code, _Evidence())
        ev.spans.append((m.start, m.end))
        ev.first = min(ev.first, m.start)
        if dateline and dateline[0] <= m.start < dateline[1]:
            continue  # "SINGAPORE, June 1 (Yonhap) --": where the story was filed
        if not ev.acts:
            role, rule = _classified(an, m)
            if role in ("agent", "patient") and enabled(rule):
                ev.acts = True
                ev.rules.append(rule)
    for p in an.participants or []:
        if p.country and country_name(p.country) and enabled(COUNTRY_PARTICIPANT):
            ev = evidence.setdefault(p.country, _Evidence())
            ev.acts = True
            add_rule(ev.rules, COUNTRY_PARTICIPANT)
            if p.mentions:
                ev.first = min(ev.first, min(s for s, _ in p.mentions))
    group_pos = len(text)
    for code in _acting_group_members(an) if enabled(COUNTRY_GROUP) else []:
        ev = evidence.setdefault(code, _Evidence(first=group_pos))
        ev.acts = True
        add_rule(ev.rules, COUNTRY_GROUP)
    chosen = sorted((ev.first, code) for code, ev in evidence.items() if ev.acts)
    return [Country(code=code, name=country_name(code) or code,
                    spans=sorted(set(evidence[code].spans)), rules=list(evidence[code].rules))
            for _, code in chosen]


def _flag_span(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A flag's range of the cleaned text (the name that replaced it, without the "-"
    joining two flags' names); None when cleaning removed the flag."""
    if span is None:
        return None
    start, end = span
    while start < end and not text[start].isalnum():
        start += 1
    return (start, end) if start < end else None


def classify_mention(an: Analysis, mention: CountryMention) -> str:
    """"agent", "patient", "place" or "other" for one mention (see the module docstring);
    a mention in a background clause or sentence is "other"."""
    return _classified(an, mention)[0]


Role = tuple[str, str]  # ("agent" | "patient" | "place" | "other", the id of the rule that says so)
OTHER: Role = ("other", "")


def _classified(an: Analysis, mention: CountryMention) -> Role:
    if mention.kind == "flag":
        return OTHER
    span = an.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return OTHER
    tok = span.root
    if in_background(an, tok):
        return OTHER
    if mention.kind in ALWAYS_AGENT_KINDS:
        return "agent", COUNTRY_FORCE
    if mention.kind in ("name", "capital") and _is_place_apposition(an.doc, span):
        return "place", ""
    return _role(tok, mention.kind)


def _role(tok: Token, kind: str) -> Role:
    base = tok
    for _ in range(6):  # "Iran, North Korea, Russia and China": the first conjunct's role
        if base.dep_ != "conj" or base.head is base:
            break
        base = base.head
    dep = base.dep_
    if dep in ACTORS:
        return "agent", COUNTRY_ACTOR
    if dep in MODIFIERS:
        return _modifier_role(base), COUNTRY_MODIFIER
    if dep == "dobj":
        if kind == "capital" and _lemma(base.head) in _words("transfer_verbs"):
            return "place", ""
        return "patient", COUNTRY_OBJECT
    if dep == "pobj":
        return _object_role(base, kind)
    return OTHER


def _modifier_role(tok: Token) -> str:
    """A name or demonym modifying a noun: who or what that noun is decides."""
    head, heads = tok.head, []
    for _ in range(4):
        heads.append(head)
        if head.dep_ not in NOUN_MODIFIERS or head.head is head:
            break
        head = head.head
    lemmas = {_lemma(h) for h in heads}
    if tok.dep_ == "poss" and _lemma(tok.head) in _words("place_nouns"):
        return "place"
    if lemmas & (_words("agent_nouns") | _words("activity_nouns")):
        return "agent"
    if tok.dep_ != "amod" and lemmas & _words("relation_nouns"):
        return "agent"
    if tok.dep_ == "poss" and not lemmas & _words("place_nouns"):
        return "agent"
    return "other"


def _object_role(tok: Token, kind: str) -> Role:
    prep = tok.head
    p = _lemma(prep)
    gov = prep.head
    if p in _words("partner_prepositions"):
        return "patient", COUNTRY_PARTNER
    if p in _words("topic_prepositions"):
        return ("patient", COUNTRY_TOPIC) if gov.pos_ in ("NOUN", "VERB") and p != "on" or _lemma(gov) in _words(
            "topic_nouns") else OTHER
    if p == "to" and _lemma(gov) in ("relate", "related", "relating"):
        return "patient", COUNTRY_TOPIC
    if p in ("to", "from") and _lemma(gov) in _words("transfer_verbs"):
        return ("place", "") if kind == "capital" else ("patient", COUNTRY_TRANSFER)
    if p in ("of", "in", "into", "on", "against"):
        if _lemma(gov) in _words("activity_nouns"):
            return "agent", COUNTRY_OF_ACTIVITY
        if p == "of" and _lemma(gov) in _words("agent_nouns"):
            return "agent", COUNTRY_OF_ACTIVITY
        up = gov.head if gov.dep_ == "pobj" else None  # "Minister of Defence of Vietnam"
        if p == "of" and up is not None and _lemma(up) == "of" and _lemma(up.head) in _words("agent_nouns"):
            return "agent", COUNTRY_OF_ACTIVITY
    return ("place", "") if p in _words("place_prepositions") else OTHER


def _is_place_apposition(doc: Doc, span: Span) -> bool:
    """"in Vientiane, Laos", "Sydney, Australia": a country naming where a place is."""
    i = span.start
    if i < 2 or doc[i - 1].text != ",":
        return False
    if span.end < len(doc) and doc[span.end].pos_ in ("PROPN", "NOUN"):  # "..., Japan Coast Guard"
        return False
    prev = doc[i - 2]
    if prev.pos_ != "PROPN" or entity_type(prev) not in ("GPE", "LOC", "FAC", ""):
        return False
    before = find_country_mentions(doc[max(0, i - 4):i - 1].text)
    if before and before[-1].kind == "name":  # "Kenya, Ethiopia sign": a list of states
        return False
    return any(_lemma(t) in ("in", "at", "to", "from", "near", "visit", "held") for t in
               doc[max(sentence_of(prev).start, i - 8):i - 1]) or prev.dep_ in NOUN_OBJECTS


def _acting_group_members(an: Analysis) -> list[str]:
    """Members of groups whose ministers or states act ("All 10 ASEAN defence ministers signed")."""
    codes: list[str] = []
    group_heads = _words("agent_nouns") | _words("member_nouns")
    for g in find_group_mentions(an.article.text):
        span = an.doc.char_span(g.start, g.end, alignment_mode="expand")
        if span is None or not len(span) or in_background(an, span.root):
            continue
        tok = span.root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        node = tok
        for _ in range(3):  # ASEAN -> (defence) -> ministers
            if node.dep_ not in ATTRIBUTES or node.head is node:
                break
            node = node.head
        acting = tok.dep_ in ACTORS or (
            node.i != tok.i and node.dep_ in ACTORS and _lemma(node) in group_heads)
        if acting:
            for code in group_members(g.group) or []:
                if code not in codes:
                    codes.append(code)
    return codes
