"""How agreements read in the drafted summary: "signed a pact on ...", "agreed to ...".

:func:`commitment_phrases` turns extracted agreements into the phrases a summary sentence
puts after its verb, by status: what was signed (noun phrases, signed first), agreed
("to hold ...", "on ...") and affirmed. The extractor's complete forms are used
(``Agreement.forms``: whole phrases, shortened at a boundary of the parse, never with "…"),
each made ready for its verb; a commitment with none is left out. A phrase may be a noun
phrase ("Pact allowing Japan to export ..."), a bare verb phrase ("Enhance port calls
...") or a clause ("Japan and Vietnam will collaborate ..."), and each status gets the glue
word that fits. The grammar words are data (``resources/language/drafting.toml``); the
instrument and position nouns come from ``resources/gazetteer/agreements.toml``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from briefing.knowledge.lexicon import agreement_table, agreement_words, drafting_words
from briefing.knowledge.text import strip_urls
from briefing.note.wording import join_list

if TYPE_CHECKING:
    from briefing.extraction import Agreement

__all__ = ["Phrases", "commitment_phrases", "count_words"]

ELLIPSIS = "\u2026"


class Phrases(NamedTuple):
    """Verb-ready phrases by status, the verb affirming takes ("reaffirmed" or "affirmed"), and
    each phrase's complete shorter forms, longest first (itself first)."""

    signed: list[str]
    agreed: list[str]
    affirmed: list[str]
    affirm_verb: str
    forms: dict[str, list[str]] = {}


def count_words(text: str) -> int:
    """Words as a reader counts them (an ellipsis or a dash is none)."""
    return len([w for w in text.split() if any(c.isalnum() for c in w)])


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(instrument nouns, position nouns) from agreements.toml."""
    instruments = {w.lower() for words in agreement_table("instruments").values()
                   if isinstance(words, list) for w in words if isinstance(w, str)}
    return frozenset(instruments), agreement_words("position_nouns")


def _grammar(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in drafting_words(key))


def commitment_phrases(agreements: list[Agreement], context: str = "") -> Phrases:
    """The phrases of ``agreements`` by status; ``context`` (the article text) tells a
    capitalised common word ("Pact ...") from a proper noun ("Japan ...")."""
    lower_words = set(re.findall(r"[a-z][a-z'-]*", context))
    for agreement in agreements:
        lower_words.update(re.findall(r"[a-z][a-z'-]*", agreement.sentence or ""))

    forms: dict[str, list[str]] = {}

    def phrase(a: Agreement, build: Callable[[str], str]) -> str:
        """The longest complete form of ``a`` as the summary says it ("" for none), its
        shorter forms noted in ``forms``."""
        texts = [t for t in a.forms if t] or [t for t in (a.text or a.short,) if t and ELLIPSIS not in t]
        said = _unique(build(_clean(t, a.status, lower_words)) for t in texts)
        if said:
            forms.setdefault(said[0], said)
        return said[0] if said else ""

    signed = _combine_instruments(_unique(
        phrase(a, lambda p, a=a: _signed(p, a.instrument or "", a.form)) for a in agreements if a.status == "signed"))
    agreed = _unique(phrase(a, lambda p, a=a: _agreed(p, a.form))
                     for a in agreements if a.status not in ("signed", "affirmed"))
    affirmed = [a for a in agreements if a.status == "affirmed"]
    verb = "reaffirmed" if any("reaffirm" in (a.sentence or "").lower() for a in affirmed) else "affirmed"
    return Phrases(signed, agreed, _unique(phrase(a, lambda p, a=a: _affirmed(p, a.form)) for a in affirmed),
                   verb, forms)


def _clean(text: str, status: str, lower_words: set[str]) -> str:
    """Collapse spaces, drop a leading commitment verb and web addresses, lower-case a
    capitalised common word. The phrase stays as the extractor cut it (whole phrases)."""
    words = " ".join(strip_urls(text or "").split()).rstrip(" .;,").split(" ")
    if words and words[0].lower() in _grammar(f"leading_{status}" if status in (
            "signed", "agreed", "affirmed") else "leading_agreed"):
        words = words[1:]
    phrase = " ".join(words)
    first, _, rest = phrase.partition(" ")
    first = first.rstrip(ELLIPSIS)
    if first.lower() in _word_lists()[1] and rest.startswith("of "):
        phrase = f"the {first.lower()} {rest}"  # "Importance of ..." -> "the importance of ..."
        first = "the"
    is_capitalised = first[:1].isupper() and first[1:] == first[1:].lower()
    if is_capitalised and (first.lower() in lower_words or first.lower() in _grammar("determiners")
                           or first.lower() in _word_lists()[1]
                           or first.lower() in {"to", "that", "on"}):
        phrase = first.lower() + phrase[len(first):]
    return phrase


def _kind(phrase: str, form: str = "") -> str:
    """"noun" (a noun phrase), "clause" (has its own subject) or "verb" (a bare verb phrase):
    as the extractor read it from the parse (``form``), else guessed from the words."""
    if form:
        return form
    words = phrase.rstrip(ELLIPSIS).split(" ")
    first = words[0].lower()
    instruments, positions = _word_lists()
    if first in _grammar("determiners") or words[0][:1].isupper() or words[0][:1].isdigit():
        return "noun"
    if first in _grammar("pronouns"):
        return "clause"
    if first in instruments or " ".join(words[:2]).lower() in instruments or first in positions:
        return "noun"
    if any(w.lower().strip(",") in instruments for w in words[1:3]):
        return "noun"  # "joint Declaration on ...", "bilateral memorandum on ..."
    return "noun" if first.endswith(tuple(_grammar("noun_endings"))) else "verb"


def _signed(phrase: str, instrument: str, form: str = "") -> str:
    """What was signed, as a noun phrase: "a pact allowing ...", "memorandums on ..."."""
    instrument = instrument.strip()
    if not phrase:
        return _indefinite(instrument) if instrument else ""
    first = phrase.split(" ", 1)[0]
    if first.lower() == "to":
        return f"{_indefinite(instrument or 'agreement')} {phrase}"
    kind = _kind(phrase, form)
    if kind != "noun":
        return f"{_indefinite(instrument or 'agreement')} to {phrase}" if kind == "verb" \
            else f"{_indefinite(instrument or 'agreement')} stating that {phrase}"
    named = [w for w in phrase.split(" ")[:6] if w.lower().strip(",()") in _word_lists()[0]]
    if named and named[0][:1].isupper() and first.lower() not in _grammar("determiners") - {"new"}:
        return "the " + phrase  # a named document: "the (second) Defence Cooperation Agreement"
    if first.lower() in _grammar("determiners") - {"new"} or first[:1].isdigit():
        return phrase
    if first[:1].isupper() or first.lower() == "new":
        instruments_ = _word_lists()[0]
        named = [w for w in phrase.split(" ")[:6] if w.lower().strip(",()") in instruments_]
        if named and named[0][:1].isupper():
            return "the " + phrase  # a named document: "the Defence Cooperation Agreement"
        if named and not _plural(named[0]):
            return _indefinite(phrase)  # "a Japan-Vietnam memorandum on ...", "a new partnership"
        return phrase
    instruments, _ = _word_lists()
    if first.lower() in instruments or (instrument and first.lower() == instrument.lower()):
        return phrase if _plural(first) else _indefinite(first) + phrase[len(first):]
    if any(w.lower().strip(",") in instruments for w in phrase.split(" ")[1:3]):
        return _indefinite(phrase)  # "joint Declaration on ..." -> "a joint Declaration on ..."
    if instrument:
        return f"{_indefinite(instrument)} on {phrase}"
    return phrase


def _agreed(phrase: str, form: str = "") -> str:
    first = phrase.split(" ", 1)[0].lower() if phrase else ""
    if not phrase or first in ("to", "that", "on"):
        return phrase
    if first.endswith("ing") and _kind(phrase, form) == "verb":
        return f"on {phrase}"  # "agreed on intensifying their cooperation"
    return {"noun": f"on {phrase}", "clause": f"that {phrase}"}.get(_kind(phrase, form), f"to {phrase}")


def _affirmed(phrase: str, form: str = "") -> str:
    first = phrase.split(" ", 1)[0].lower() if phrase else ""
    if not phrase or first == "that":
        return phrase
    if first == "to":
        return f"their commitment {phrase}"
    if first.endswith("ed") and _kind(phrase, form) == "verb":
        return f"that they were {phrase}"  # "satisfied with the progress of ..."
    return {"noun": phrase, "clause": f"that {phrase}"}.get(_kind(phrase, form), f"that they would {phrase}")


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


def _plural(word: str) -> bool:
    """"memorandums", "memoranda", "pacts": no "a" before them."""
    low = word.lower().strip(",()")
    return low.endswith("s") or low in _grammar("plural_nouns")


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
