"""Quotes: quoted speech with its speaker.

Quoted spans are paired double quotes (curly or straight; ``norm_text`` makes them all
``"``). A quote left open at the end of a paragraph runs to the paragraph's end, the
newspaper convention for a quote that goes on in the next paragraph. A quoted name
inside a quote ("... strengthening of the "Free and Open Indo-Pacific", and ...") is
nested, not the end of the quote. Quoted titles ("Policy Guidelines for the
Indo-Pacific") are not speech. The speaker is the person who says, adds, tells or is
quoted in the sentence, a pronoun's nearest named person before the quote, or, for a
paragraph that is only a quote, the speaker of the quote next to it. Statements of
organisations ("the ministry said") are not kept: a quote needs a named person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.extract.nlp import sentence_of
from briefing.extract.syntax import ATTRIBUTES, COMPLEMENTS, PARTICIPLE_CLAUSES, SUBJECTS
from briefing.extraction import Participant, Quote
from briefing.provenance import (
    QUOTE_ACCORDING_TO,
    QUOTE_INTRODUCED,
    QUOTE_NEIGHBOUR,
    QUOTE_NESTED_TITLE,
    QUOTE_OPEN_ENDED,
    QUOTE_OUTER_SUBJECT,
    QUOTE_PRONOUN,
    QUOTE_SAME_PARAGRAPH,
    QUOTE_SAYING_CLAUSE,
    QUOTE_SPEECH_VERB,
    enabled,
)
from briefing.knowledge.gazetteer import lookup_country
from briefing.knowledge.lexicon import quote_words, titles

if TYPE_CHECKING:
    from spacy.tokens import Token

    from briefing.extract import Analysis


@dataclass
class QuotedSpan:
    start: int  # first character inside the quote marks
    end: int  # first character after the content
    open_ended: bool = False  # no closing mark before the paragraph ended
    speaker: Participant | None = None
    rules: list[str] = field(default_factory=list)  # the ids of the rules behind it (briefing.provenance)


def find_quotes(an: Analysis) -> list[Quote]:
    """Quotes with a named speaker, in text order."""
    text, norm = an.article.text, an.article.norm_text
    spans = [q for q in quoted_spans(norm) if not _is_title(norm[q.start:q.end])]
    for q in spans:
        q.speaker, rule = _speaker(an, q, spans)
        if q.speaker is not None and enabled(rule):
            q.rules.append(rule)
        else:
            q.speaker = None
    _carry_speakers(spans, norm, an)
    out = []
    for q in spans:
        body = text[q.start:q.end].strip()
        if q.speaker is None or len(re.findall(r"\w+", body)) < 2:
            continue
        out.append(Quote(text=body, speaker=q.speaker.name, span=(q.start, q.end), rules=list(q.rules)))
    return out


def quoted_spans(norm: str) -> list[QuotedSpan]:
    """Pair the quote marks of each paragraph; mend nested quoted names."""
    out: list[QuotedSpan] = []
    pos = 0
    for para in norm.split("\n\n"):
        marks = [m.start() + pos for m in re.finditer('"', para)]
        pieces = [QuotedSpan(marks[i] + 1, marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
        if len(marks) % 2 and enabled(QUOTE_OPEN_ENDED):
            pieces.append(QuotedSpan(marks[-1] + 1, pos + len(para), open_ended=True, rules=[QUOTE_OPEN_ENDED]))
        out.extend(_mend_nested(pieces, norm))
        pos += len(para) + 2
    return [q for q in out if q.end > q.start]


def _mend_nested(pieces: list[QuotedSpan], norm: str) -> list[QuotedSpan]:
    """'"... of the "Free and Open Indo-Pacific", and ..."' is one quote, not two."""
    out: list[QuotedSpan] = []
    for piece in pieces:
        if out:
            prev = out[-1]
            gap = norm[prev.end + 1:piece.start - 1]
            inner = norm[prev.start:prev.end]
            if _is_title(gap) and not re.search(r"[.,!?]\s*$", inner) and len(inner.split()) > 3 \
                    and enabled(QUOTE_NESTED_TITLE):
                out[-1] = QuotedSpan(prev.start, piece.end, piece.open_ended,
                                     rules=[*piece.rules, QUOTE_NESTED_TITLE])
                continue
        out.append(piece)
    return out


def _is_title(phrase: str) -> bool:
    """A quoted name or title: few words, all the main ones capitalised."""
    words = re.findall(r"[\w'-]+", phrase)
    if not words or len(words) > 8:
        return False
    main = [w for w in words if w.lower() not in quote_words("title_small_words")]
    return bool(main) and all(w[0].isupper() or w[0].isdigit() for w in main) and len(words) > 1 or (
        len(words) == 1 and words[0][0].isupper() and phrase.strip()[-1:] not in ".!?,")


def _speaker(an: Analysis, quote: QuotedSpan, spans: list[QuotedSpan]) -> tuple[Participant | None, str]:
    """The speaker of a quote and the id of the rule that found them."""
    doc = an.doc
    start_tok = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if start_tok is None:
        return None, ""
    first, last = sentence_of(start_tok[0]), sentence_of(start_tok[-1])
    sents = {first.start: first}
    sents.setdefault(last.start, last)
    inside = lambda tok: any(q.start <= tok.idx < q.end for q in spans)  # noqa: E731
    for sent in sents.values():
        for tok in sent:  # '"...," according to Juan Battaleme, a defence analyst'
            if tok.lower_ == "according" and not inside(tok):
                for to in (c for c in tok.children if c.lower_ == "to"):
                    for obj in (c for c in to.children if c.dep_ == "pobj"):
                        who = _resolve(an, obj, quote.start)
                        if who is not None:
                            return who, QUOTE_ACCORDING_TO
        candidates = [t for t in sent if t.lemma_.lower() in quote_words("reporting_verbs") and not inside(t)]
        candidates += [sent.root] if not inside(sent.root) else []
        for verb in candidates:
            if verb.dep_ in PARTICIPLE_CLAUSES and verb.i > 0 and not inside(verb.doc[verb.i - 1]) \
                    and not any(c.dep_ in SUBJECTS for c in verb.children):
                who = _resolve(an, verb.doc[verb.i - 1], quote.start)  # "with Parly saying ..."
                if who is not None:
                    return who, QUOTE_SAYING_CLAUSE
            for child in verb.children:
                if child.dep_ in SUBJECTS and not inside(child):
                    who = _resolve(an, child, quote.start)
                    pronoun = child.lower_ in quote_words("speaker_pronouns")
                    return who, QUOTE_PRONOUN if pronoun else QUOTE_SPEECH_VERB
            if verb.dep_ in COMPLEMENTS or verb.dep_ == "advcl" and not inside(verb.head):
                for child in verb.head.children:
                    if child.dep_ in SUBJECTS:
                        return _resolve(an, child, quote.start), QUOTE_OUTER_SUBJECT
    return None, ""


def _resolve(an: Analysis, token: Token, before: int) -> Participant | None:
    """The participant a subject token names: by mention, or for "he" the last one named."""
    span = token.doc[token.left_edge.i:token.right_edge.i + 1]
    for person in an.participants + an.others:
        for s, e in person.mentions:
            if span.start_char <= s < span.end_char and token.idx <= e:
                if s <= token.idx < e or token.dep_ in SUBJECTS:
                    return person
    if token.lower_ in quote_words("speaker_pronouns"):
        quoted = _quoted_of(an)
        earlier = [(s, p) for p in an.participants + an.others for s, _ in p.mentions if s < before
                   and not any(q.start <= s < q.end for q in quoted)]
        return max(earlier, key=lambda x: x[0])[1] if earlier else None
    return _described(an, token)


def _described(an: Analysis, token: Token) -> Participant | None:
    """"the Turkish minister": the one participant of that state whose role has that word."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in titles("role_heads"):
        return None
    codes = {lookup_country(c.text) for c in token.children if c.dep_ in ATTRIBUTES} - {None}
    if len(codes) != 1:
        return None
    head = token.lemma_.lower()
    found = [p for p in an.participants if p.country in codes
             and head in (p.role or "").lower().replace("-", " ").split()]
    return found[0] if len(found) == 1 else None


def _quoted_of(an: Analysis) -> list[QuotedSpan]:
    """The article's quoted spans, computed once per analysis."""
    if an.quoted_spans is None:
        an.quoted_spans = quoted_spans(an.article.norm_text)
    return an.quoted_spans


def _carry_speakers(spans: list[QuotedSpan], norm: str, an: Analysis) -> None:
    """Quotes with no attribution of their own continue the one next to them: a second
    quote after '"...," said X.' in the same paragraph, a paragraph that is only a quote,
    or paragraphs after a line like "Quotes attributable to X:"."""
    for i, q in enumerate(spans):
        if q.speaker is not None:
            continue
        para_start = norm.rfind("\n\n", 0, q.start) + 2 if "\n\n" in norm[:q.start] else 0
        prev = spans[i - 1] if i > 0 else None
        if prev is not None and prev.speaker is not None and prev.start >= para_start:
            if enabled(QUOTE_SAME_PARAGRAPH):
                q.speaker = prev.speaker  # same paragraph, after an attributed quote
                q.rules.append(QUOTE_SAME_PARAGRAPH)
            continue
        if norm[para_start:q.start - 1].strip():
            continue  # text before the quote in its paragraph: not a continuation
        intro = _introduction(norm, para_start, an) if enabled(QUOTE_INTRODUCED) else None
        if intro is not None:
            q.speaker = intro
            q.rules.append(QUOTE_INTRODUCED)
            continue
        neighbours = [prev] if prev is not None else []
        neighbours += [spans[i + 1]] if i + 1 < len(spans) else []
        for other in neighbours if enabled(QUOTE_NEIGHBOUR) else []:
            if other.speaker is not None and abs(other.start - q.start) < 1500:
                q.speaker = other.speaker
                q.rules.append(QUOTE_NEIGHBOUR)
                break


def _introduction(norm: str, para_start: int, an: Analysis) -> Participant | None:
    """The person named in a paragraph ending with a colon just before ``para_start``."""
    if para_start < 2:
        return None
    prev_start = norm.rfind("\n\n", 0, para_start - 2)
    prev_start = prev_start + 2 if prev_start >= 0 else 0
    if not norm[prev_start:para_start - 2].rstrip().endswith(":"):
        return None
    named = [(s, p) for p in an.participants + an.others for s, _ in p.mentions
             if prev_start <= s < para_start]
    if named:
        return max(named, key=lambda x: x[0])[1]
    intro = an.doc.char_span(prev_start, para_start - 2, alignment_mode="expand")
    speakers = [c for t in intro or [] if t.lemma_.lower() in quote_words("reporting_verbs")
                for c in t.children if c.dep_ in SUBJECTS]  # "the Turkish minister said:"
    return next((who for who in (_described(an, c) for c in speakers) if who is not None), None)
