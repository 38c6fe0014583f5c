"""Agreements: each distinct commitment the parties make.

Commitments are found at trigger words (:mod:`briefing.extract.triggers`: a document
signed, an action agreed or decided together, a position affirmed together, a plan two
named states will carry out); coordinated actions ("agreed to X and to Y") are separate
commitments. Mentions of one commitment (headline and body, "the agreement", "the signing
ceremony") are merged here, and each becomes an :class:`~briefing.extraction.Agreement`
with its parties, document kind and date.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from briefing.extract.classifier import (
    Policy,
    SentenceScores,
    commitment_policy,
    score_sentences,
)
from briefing.extract.clauses import MAX_TEXT_WORDS, SHORT_WORDS, Found, ordinals
from briefing.extract.phrasing import (
    edge_trimmed,
    phrase_form,
    render,
    shortened,
    subject_pronoun,
)
from briefing.provenance import (
    CLASSIFIER_ADDED,
    DATE_IN_SENTENCE,
    DATE_KIND,
    MERGED_MENTIONS,
    add_rule,
    enabled,
)
from briefing.extract.summary_forms import summary_forms
from briefing.extract.triggers import commitments_in, predicate_commitment
from briefing.extraction import Agreement
from briefing.knowledge.countries import country_phrase
from briefing.knowledge.dates import find_date_phrases, iso, resolve_match
from briefing.knowledge.gazetteer import find_country_mentions
from briefing.knowledge.text import strip_urls


def join_list(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


if TYPE_CHECKING:
    from briefing.extract import Analysis
    from spacy.tokens import Token

__all__ = ["find_agreements"]


def find_agreements(an: Analysis, scores: SentenceScores | None = None,
                    policy: Policy | None = None) -> list[Agreement]:
    """Distinct commitments, in order of first mention: the rules' findings combined with the
    sentence classifier's ``scores`` as ``policy`` says (the shipped model and policy when not
    given; see :mod:`briefing.extract.classifier`)."""
    policy = policy or commitment_policy()
    if scores is None and policy.mode != "rules":
        scores = score_sentences(an.doc)
    scores = scores or {}
    found: list[Found] = []
    headline = _headline_span(an)
    an.doc.user_data["article_year"] = an.year
    by_sentence = commitments_in(an)
    if policy.adds:
        for start, labels in scores.items():
            if start not in by_sentence and max(labels.values(), default=0.0) >= policy.add:
                added = predicate_commitment(an.doc[start].sent, max(labels, key=labels.__getitem__))
                if added is not None and enabled(CLASSIFIER_ADDED):
                    added.rules.append(CLASSIFIER_ADDED)
                    by_sentence[start] = [added]
    for start, here in sorted(by_sentence.items()):
        if policy.filters and start in scores and max(scores[start].values()) < policy.keep:
            continue  # the classifier doubts this sentence holds a commitment
        sent_start = an.doc[start].idx
        in_headline = headline is not None and headline[0] <= sent_start < headline[1]
        for f in here:
            f.headline = f.headline or in_headline
        found.extend(here[:1] if in_headline else here)  # a headline states one thing
    merged = _merge(found)
    return [_to_agreement(f, an) for f in merged]


def _headline_span(an: Analysis) -> tuple[int, int] | None:
    index = an.article.headline_paragraph
    if index is None:
        return None
    return an.article.paragraph_spans()[index]


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
        ord_a, ord_b = a.instrument_words & ordinals(), b.instrument_words & ordinals()
        if ord_a and ord_b and not ord_a & ord_b:
            return False
        names_a, names_b = a.instrument_words - ordinals(), b.instrument_words - ordinals()
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
    """One entry per commitment; a headline's commitments are left out (the body reports them)."""
    body = [f for f in found if not f.headline]
    kept: list[Found] = []
    for f in body:
        if f.status == "signed" and f.anaphoric:
            continue  # "it was signed by", "the signing ceremony": a document named elsewhere
        same = next((k for k in kept if _same_commitment(k, f)), None) if enabled(MERGED_MENTIONS) else None
        if same is None:
            kept.append(f)
        else:
            add_rule(same.rules, *f.rules, MERGED_MENTIONS)
    return kept


# --- output ---------------------------------------------------------------------------

def _to_agreement(f: Found, an: Analysis) -> Agreement:
    text = an.article.text
    start, end = f.sent.start_char, f.sent.end_char
    sentence = text[start:end].strip()
    parties = _parties(f, an)
    long_text, short, form, forms = f.text, f.text, "", []
    if f.text_tokens:
        long_text = _phrase(f, an, parties, MAX_TEXT_WORDS)
        short = _phrase(f, an, parties, SHORT_WORDS)
        form = "noun" if f.prefix else phrase_form(edge_trimmed(f.text_tokens))
        forms = _summary_forms(f, an, parties, start, end)
    rules = list(f.rules)
    date = _date(f, an, rules)
    return Agreement(text=strip_urls(_display_text(long_text, an, start, end)) or sentence, status=f.status,
                     sentence=sentence, span=(start, end), parties=parties,
                     instrument=f.instrument, date=date,
                     short=strip_urls(_display_text(short, an, start, end)) or sentence, form=form,
                     rules=rules, forms=forms)


def _summary_forms(f: Found, an: Analysis, parties: list[str], start: int, end: int) -> list[str]:
    """The commitment's complete forms for the summary, longest first, never with "…"
    (:mod:`briefing.extract.summary_forms`)."""
    out: list[str] = []
    for found in summary_forms(edge_trimmed(f.text_tokens)):
        text = strip_urls(_display_text(_rendered(f, parties, found.tokens, False), an, start, end))
        if text and text not in out and "\u2026" not in text:
            out.append(text)
    return out


def _phrase(f: Found, an: Analysis, parties: list[str], max_words: int) -> str:
    """The commitment in at most ``max_words`` words of whole phrases, its prefix ("Opposition
    to") before it, and a subject pronoun ("They will ...") replaced by the parties."""
    tokens, cut = shortened(edge_trimmed(f.text_tokens), max_words)
    return _rendered(f, parties, tokens, cut)


def _rendered(f: Found, parties: list[str], tokens: list[Token], cut: bool) -> str:
    """The words of ``tokens`` as a commitment's text (see :func:`_phrase`)."""
    pronoun = subject_pronoun(tokens)
    if pronoun is not None and len(parties) >= 2:
        rest = [t for t in tokens if t.i != pronoun.i]
        names = join_list([country_phrase(code) for code in parties[:4]])
        return names[:1].upper() + names[1:] + " " + render(rest, exact=f.text_exact, cut=cut, capital=False)
    body = render(tokens, exact=f.text_exact, cut=cut)
    if f.prefix:
        return f"{f.prefix[:1].upper()}{f.prefix[1:]} {body[:1].lower()}{body[1:]}"
    return body


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


def _date(f: Found, an: Analysis, rules: list[str]) -> str | None:
    """The date its sentence names (``rules`` get the rule and the date phrase's kind)."""
    reference = dt.date.fromisoformat(an.article.date) if an.article.date else None
    clause_text = " ".join(t.text for t in sorted(f.clause, key=lambda t: t.i))
    for m in find_date_phrases(f.sent.text):
        phrase = f.sent.text[m.start:m.end]
        if phrase.split()[-1] in clause_text or not f.historical:
            got = resolve_match(m, reference)
            if got and enabled(DATE_IN_SENTENCE) and enabled(DATE_KIND + m.kind):
                add_rule(rules, DATE_IN_SENTENCE, DATE_KIND + m.kind)
                return iso(*got)
    return None
