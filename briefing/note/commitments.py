"""How agreements read in the drafted summary: "signed a pact on ...", "agreed to ...".

:func:`commitment_clauses` turns extracted agreements into two clauses: what was signed
and agreed (signed first), and what was affirmed. The extractor's ``text`` may be a noun
phrase ("Pact allowing Japan to export ..."), a bare verb phrase ("Enhance port calls
...") or a clause ("They will collaborate ..."); each status gets the verb and glue word
that fit. The instrument nouns and position nouns come from the user-editable word list
``resources/gazetteer/agreements.toml`` (shared with the agreement extractor).
"""
from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterable, NamedTuple

from briefing.knowledge.lexicon import agreement_table, agreement_words
from briefing.note.wording import join_list, shorten

if TYPE_CHECKING:
    from briefing.extraction import Agreement

__all__ = ["Commitments", "commitment_clauses"]

MAX_PHRASE_WORDS = 13  # words of one agreement in the summary
MAX_SIGNED, MAX_AGREED, MAX_AFFIRMED = 3, 2, 2
LONG_CLAUSE_WORDS = 40  # beyond this, what was agreed moves to the second sentence

# Grammar words, not domain vocabulary: they decide how a phrase is joined to its verb.
_DETERMINERS = {"a", "an", "the", "this", "these", "those", "their", "its", "both", "two", "three",
                "four", "several", "new", "all", "each", "every"}
_PRONOUNS = {"they", "we", "it", "he", "she"}
_NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ment", "ments", "ity", "ship", "ness", "ism",
                 "ums", "ence", "ences")
_LEADING_VERBS = {"signed": ("signed", "sign", "signing", "inked"),
                  "agreed": ("agreed", "agree", "agreeing", "decided"),
                  "affirmed": ("affirmed", "reaffirmed", "affirm", "reaffirm")}


class Commitments(NamedTuple):
    """``first``: "signed X and agreed to Y"; ``second``: "reaffirmed Z" (either may be "")."""

    first: str
    second: str


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(instrument nouns, position nouns) from agreements.toml; empty if it cannot be read."""
    instruments = {w.lower() for words in agreement_table("instruments").values()
                   if isinstance(words, list) for w in words if isinstance(w, str)}
    return frozenset(instruments), agreement_words("position_nouns")


def commitment_clauses(agreements: list[Agreement], context: str = "") -> Commitments:
    """The summary's clauses for ``agreements``; ``context`` (the article text) tells a
    capitalised common word ("Pact ...") from a proper noun ("Japan ...")."""
    lower_words = set(re.findall(r"[a-z][a-z'-]*", context))
    for agreement in agreements:
        lower_words.update(re.findall(r"[a-z][a-z'-]*", agreement.sentence or ""))

    def phrase(a: Agreement) -> str:
        return _clean(a.text, a.status, lower_words)

    signed = _combine_instruments(_unique(
        _signed(phrase(a), a.instrument or "") for a in agreements if a.status == "signed"))
    agreed = _unique(_agreed(phrase(a)) for a in agreements if a.status not in ("signed", "affirmed"))
    affirmed = [a for a in agreements if a.status == "affirmed"]
    affirmed_phrases = _unique(_affirmed(phrase(a)) for a in affirmed)[:MAX_AFFIRMED]
    verb = "reaffirmed" if any("reaffirm" in (a.sentence or "").lower() for a in affirmed) \
        else "affirmed"

    signed_part = "signed " + join_list(signed[:MAX_SIGNED]) if signed else ""
    agreed_part = "agreed " + join_list(agreed[:MAX_AGREED]) if agreed else ""
    affirmed_part = f"{verb} {join_list(affirmed_phrases)}" if affirmed_phrases else ""
    if signed_part and agreed_part and len(f"{signed_part} {agreed_part}".split()) > LONG_CLAUSE_WORDS:
        first, rest = signed_part, [agreed_part, affirmed_part]
    else:
        joiner = ", and " if len(signed) > 1 and agreed_part else " and "
        first = joiner.join(p for p in (signed_part, agreed_part) if p)
        rest = [affirmed_part]
    second = ", and ".join(p for p in rest if p)
    if not first:
        first, second = second, ""
    return Commitments(first, second)


def _clean(text: str, status: str, lower_words: set[str]) -> str:
    """Collapse spaces, drop a leading commitment verb, lower-case a capitalised common word."""
    words = " ".join((text or "").split()).rstrip(" .;,").split(" ")
    if words and words[0].lower() in _LEADING_VERBS.get(status, ()):
        words = words[1:]
    phrase = shorten(" ".join(words), MAX_PHRASE_WORDS)
    first, _, rest = phrase.partition(" ")
    if first.lower() in _word_lists()[1] and rest.startswith("of "):
        phrase = f"the {first.lower()} {rest}"  # "Importance of ..." -> "the importance of ..."
        first = "the"
    is_capitalised = first[:1].isupper() and first[1:] == first[1:].lower()
    if is_capitalised and (first.lower() in lower_words or first.lower() in _DETERMINERS
                           or first.lower() in _word_lists()[1]
                           or first.lower() in {"to", "that", "on"}):
        phrase = first.lower() + phrase[len(first):]
    return phrase


def _kind(phrase: str) -> str:
    """"noun" (a noun phrase), "clause" (has its own subject) or "verb" (a bare verb phrase)."""
    words = phrase.split(" ")
    first = words[0].lower()
    instruments, positions = _word_lists()
    if first in _DETERMINERS or words[0][:1].isupper() or words[0][:1].isdigit():
        return "noun"
    if first in _PRONOUNS:
        return "clause"
    if first in instruments or " ".join(words[:2]).lower() in instruments or first in positions:
        return "noun"
    if any(w.lower().strip(",") in instruments for w in words[1:3]):
        return "noun"  # "joint Declaration on ...", "bilateral memorandum on ..."
    return "noun" if first.endswith(_NOUN_ENDINGS) else "verb"


def _signed(phrase: str, instrument: str) -> str:
    """What was signed, as a noun phrase: "a pact allowing ...", "memorandums on ..."."""
    instrument = instrument.strip()
    if not phrase:
        return _indefinite(instrument) if instrument else ""
    first = phrase.split(" ", 1)[0]
    if first.lower() == "to":
        return f"{_indefinite(instrument or 'agreement')} {phrase}"
    kind = _kind(phrase)
    if kind != "noun":
        return f"{_indefinite(instrument or 'agreement')} to {phrase}" if kind == "verb" \
            else f"{_indefinite(instrument or 'agreement')} stating that {phrase}"
    if first.lower() in _DETERMINERS - {"new"} or first[:1].isdigit():
        return phrase
    if first[:1].isupper() or first.lower() == "new":
        instruments_ = _word_lists()[0]
        named = [w for w in phrase.split(" ")[:6] if w.lower().strip(",()") in instruments_]
        if named and named[0][:1].isupper():
            return "the " + phrase  # a named document: "the Defence Cooperation Agreement"
        if named and not named[0].lower().endswith("s"):
            return _indefinite(phrase)  # "a Japan-Vietnam memorandum on ...", "a new partnership"
        return phrase
    instruments, _ = _word_lists()
    if first.lower() in instruments or (instrument and first.lower() == instrument.lower()):
        return phrase if first.lower().endswith("s") else _indefinite(first) + phrase[len(first):]
    if any(w.lower().strip(",") in instruments for w in phrase.split(" ")[1:3]):
        return _indefinite(phrase)  # "joint Declaration on ..." -> "a joint Declaration on ..."
    if instrument:
        return f"{_indefinite(instrument)} on {phrase}"
    return phrase


def _agreed(phrase: str) -> str:
    first = phrase.split(" ", 1)[0].lower() if phrase else ""
    if not phrase or first in ("to", "that", "on"):
        return phrase
    if first.endswith("ing") and _kind(phrase) == "verb":
        return f"on {phrase}"  # "agreed on intensifying their cooperation"
    return {"noun": f"on {phrase}", "clause": f"that {phrase}"}.get(_kind(phrase), f"to {phrase}")


def _affirmed(phrase: str) -> str:
    first = phrase.split(" ", 1)[0].lower() if phrase else ""
    if not phrase or first == "that":
        return phrase
    if first == "to":
        return f"their commitment {phrase}"
    if first.endswith("ed") and _kind(phrase) == "verb":
        return f"that they were {phrase}"  # "satisfied with the progress of ..."
    return {"noun": phrase, "clause": f"that {phrase}"}.get(_kind(phrase), f"that they would {phrase}")


_INSTRUMENT_PHRASE = re.compile(r"^(?:a|an|the)\s+(\S+)\s+(on|for|about|regarding|in)\s+(.+)$",
                                re.IGNORECASE)


def _combine_instruments(phrases: list[str]) -> list[str]:
    """"a memorandum on X", "a memorandum on Y" -> "memorandums on X and Y"."""
    keys = []
    for phrase in phrases:
        match = _INSTRUMENT_PHRASE.match(phrase)
        keys.append((match.group(1).lower(), match.group(2).lower()) if match else None)
    out, done = [], set()
    for i, phrase in enumerate(phrases):
        if i in done:
            continue
        members = [j for j, key in enumerate(keys) if key is not None and key == keys[i]]
        if len(members) < 2:
            out.append(phrase)
            continue
        match = _INSTRUMENT_PHRASE.match(phrase)
        topics = [_INSTRUMENT_PHRASE.match(phrases[j]).group(3) for j in members]
        out.append(f"{match.group(1)}s {match.group(2)} {join_list(topics)}")
        done.update(members)
    return out


def _indefinite(word: str) -> str:
    return ("an " if word[:1].lower() in "aeio" else "a ") + word


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out
