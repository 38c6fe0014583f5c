"""Extraction -> Note: the first draft the analyst edits, including the summary (BLUF).

:func:`draft_note` copies every extracted fact into a note item (all included, each with
its source offsets) and writes the summary with :func:`draft_summary`: one or two plain
sentences saying who met whom, where and when, and what was signed or agreed::

    On 11–12 September 2021 Japan's Defence Minister Nobuo Kishi visited Vietnam and met
    Defence Minister Phan Van Giang; the two sides signed a pact on ... and agreed to ...

It only rearranges extracted facts (no invented ones); when the extraction found nothing
it falls back to the article's first sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from briefing.note.model import (AgreementItem, EventItem, Note, NoteHeader, ParticipantItem,
                                 QuoteItem, SourceInfo, ThemeItem)
from briefing.note.wording import (country_label, country_phrase, first_sentence,
                                   format_date_range, join_list, names_a_country, parse_iso_date,
                                   possessive, shorten)

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extract.schema import Agreement, Extraction, Participant

__all__ = ["draft_note", "draft_summary", "redraft_summary", "draft_theme_note", "source_info"]

MAX_MET = 3  # people named as met in the summary
MAX_PHRASE_WORDS = 14  # words of one agreement in the summary
MEETING_WINDOW = dt.timedelta(days=14)  # events this long before the article date are "the meeting"


def draft_note(article: Article, extraction: Extraction, *, analyst: str = "",
               organisation: str = "", classification: str = "",
               template: str = "ministerial") -> Note:
    """A complete first draft of the note for ``article`` from its ``extraction``."""
    header = NoteHeader(
        title=_title(article, extraction),
        date=article.date or extraction.article.date or "",
        analyst=analyst, organisation=organisation, classification=classification,
    )
    return Note(
        header=header,
        summary=draft_summary(article, extraction),
        participants=[ParticipantItem(name=p.name, role=p.role or "", country=p.country or "",
                                      source_spans=_spans(p.mentions))
                      for p in extraction.participants],
        agreements=[AgreementItem(text=a.text, status=a.status, instrument=a.instrument or "",
                                  parties=list(a.parties), date=a.date or "", sentence=a.sentence,
                                  source_spans=_spans([a.span]))
                    for a in extraction.agreements],
        themes=[ThemeItem(theme_id=t.id, label=t.label, note=draft_theme_note(t.evidence),
                          evidence=list(t.evidence), source_spans=_spans(t.spans))
                for t in extraction.themes],
        quotes=[QuoteItem(text=q.text, speaker=q.speaker or "", source_spans=_spans([q.span]))
                for q in extraction.quotes],
        events=[EventItem(date=e.date, text=e.text, source_spans=_spans([e.span]))
                for e in extraction.events],
        source=source_info(article, extraction),
        template=template,
    )


def redraft_summary(note: Note, article: Article) -> str:
    """The summary drafted again from the items the analyst kept (``included``) and edited.

    For a "Redraft summary" command: ``set_field(note, "summary", redraft_summary(note, article))``.
    """
    from briefing.extract.schema import (Agreement, ArticleInfo, Event, Extraction,
                                         Participant)

    first_span = lambda item: item.source_spans[0] if item.source_spans else (0, 0)  # noqa: E731
    view = Extraction(
        article=ArticleInfo(note.header.title or None, article.date, article.source,
                            list(article.paragraphs)),
        participants=[Participant(p.name, p.role or None, p.country or None, list(p.source_spans))
                      for p in note.included("participants")],
        agreements=[Agreement(a.text, a.status, a.sentence, first_span(a), list(a.parties),
                              a.instrument or None, a.date or None)
                    for a in note.included("agreements")],
        events=[Event(e.date, e.text, first_span(e)) for e in note.included("events")],
    )
    return draft_summary(article, view)


def source_info(article: Article, extraction: Extraction | None = None) -> SourceInfo:
    """Headline, outlet, date and location (file or URL) of the article."""
    headline = article.title or (extraction.article.title if extraction else None) or ""
    source = article.source or ""
    is_url = bool(re.match(r"(?i)https?://", source))
    is_file = bool(article.path) and source and source in str(article.path) \
        or bool(re.search(r"\.(?:txt|html?|docx|pdf)$", source, re.I))
    outlet = "" if is_url or is_file else source
    location = str(article.path) if article.path else (source if is_url or is_file else "")
    return SourceInfo(headline=headline, outlet=outlet, date=article.date or "", location=location)


def draft_theme_note(evidence: list[str]) -> str:
    """A one-line note for a theme: its first evidence sentence, shortened."""
    for sentence in evidence:
        line = shorten(first_sentence(sentence) or sentence, 18)
        if line:
            return _capitalise(line) + "."
    return ""


# ---------------------------------------------------------------- the summary

def draft_summary(article: Article, extraction: Extraction) -> str:
    """One or two sentences: who met whom, where and when; what was signed or agreed."""
    names = {c.code: c.name for c in extraction.countries}
    people = _ranked(extraction.participants)
    when = _meeting_dates(article, extraction)
    commitments = _commitments(extraction.agreements)
    # name fewer people when the sentence goes on to the agreements
    meeting, sides = _meeting_clause(article, people, names,
                                     MAX_MET - 1 if commitments.first else MAX_MET)

    if meeting is None and not commitments.first:
        return _lede(article)
    if meeting is not None:
        subject = sides
    elif people:
        subject = _person(people[0], names)
    else:
        parties = _ordered_unique(c for a in extraction.agreements for c in a.parties)
        subject = join_list([_country(c, names) for c in parties[:4]]) or "the parties"

    first = meeting or ""
    if commitments.first:
        clause = f"{subject} {commitments.first}" if subject else commitments.first
        first = f"{first}; {clause}" if first else clause
    if when:
        first = f"On {when} {first}"
    sentences = [_capitalise(first) + "."]
    if commitments.second:
        sentences.append(f"They also {commitments.second}.")
    return " ".join(sentences)


def _meeting_clause(article: Article, people: list[Participant], names: dict[str, str],
                    max_met: int = MAX_MET) -> tuple[str | None, str]:
    """("X visited Y and met Z" or "X met Z" or None, the subject for what follows)."""
    if not people:
        return None, ""
    visited = _visited_country(article, people, names)
    lead = people[0]
    if visited is not None:
        visitor = next((p for p in people if p.country and p.country != visited), None)
        if visitor is not None:
            hosts = [p for p in people if p is not visitor and p.country == visited]
            clause = f"{_person(visitor, names)} visited {_country(visited, names)}"
            if hosts:
                clause += " and met " + _people_list(hosts, names, max_met, with_country=False)
            return clause, _sides([visitor, *hosts], visited)
    others = [p for p in people[1:]]
    if not others:
        return None, ""
    met = _people_list(others, names, max_met, with_country=True, except_country=lead.country)
    return f"{_person(lead, names)} met {met}", _sides([lead, *others], None)


def _sides(people: list[Participant], visited: str | None) -> str:
    countries = {p.country for p in people if p.country} | ({visited} if visited else set())
    return {2: "the two sides", 3: "the three sides"}.get(len(countries), "they")


def _visited_country(article: Article, people: list[Participant],
                     names: dict[str, str]) -> str | None:
    """The country the article says someone visited or travelled to, if any."""
    text = article.norm_text
    best, best_count = None, 0
    codes = _ordered_unique([*(p.country for p in people if p.country), *names])
    for code in codes:
        variants = {v for v in (country_label(code), names.get(code)) if v and v != code}
        count = 0
        for name in variants:
            pattern = (r"\b(?:visit(?:s|ed|ing)?|trip|tour|travel(?:l?ed|s|ling)?|arriv(?:ed|es|al|ing)"
                       r"|journey)\s+(?:to\s+|in\s+)?(?:the\s+)?" + re.escape(name) + r"\b")
            count += len(re.findall(pattern, text, re.IGNORECASE))
        if count > best_count:
            best, best_count = code, count
    return best


class _Commitments(NamedTuple):
    """The summary's agreement clauses: ``first`` (signed and agreed), ``second`` (affirmed)."""

    first: str
    second: str


def _commitments(agreements: list[Agreement]) -> _Commitments:
    signed = _combine_instruments(_ordered_unique(
        _signed_phrase(a) for a in agreements if a.status == "signed"))[:3]
    agreed = _ordered_unique(_agreed_phrase(a.text)
                             for a in agreements if a.status not in ("signed", "affirmed"))[:2]
    affirmed = [a for a in agreements if a.status == "affirmed"]
    affirmed_phrases = _ordered_unique(_affirmed_phrase(a.text) for a in affirmed)[:2]
    verb = "reaffirmed" if any("reaffirm" in (a.sentence or "").lower() for a in affirmed) \
        else "affirmed"
    first = "signed " + join_list(signed) if signed else ""
    if agreed:
        joiner = ", and " if len(signed) > 1 else " and "
        first = (first + joiner if first else "") + "agreed " + join_list(agreed)
    second = f"{verb} {join_list(affirmed_phrases)}" if affirmed_phrases else ""
    if not first and second:
        first, second = second, ""
    return _Commitments(first, second)


_DETERMINERS = {"a", "an", "the", "this", "these", "those", "their", "its", "both", "two", "three",
                "four", "several", "new", "closer", "more", "all", "each", "every"}
_NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ment", "ments", "ity", "ship", "ness", "ism",
                 "ums", "acts", "ties", "dum", "ence", "ences")
_VERB_PREFIXES = {"signed": ("signed", "sign", "signing"),
                  "agreed": ("agreed", "agree", "agreeing", "decided"),
                  "affirmed": ("affirmed", "reaffirmed", "affirm", "reaffirm")}


def _clean_phrase(text: str, status: str) -> str:
    words = " ".join((text or "").split()).rstrip(" .;").split(" ")
    if words and words[0].lower() in _VERB_PREFIXES.get(status, ()):
        words = words[1:]
    phrase = shorten(" ".join(words), MAX_PHRASE_WORDS)
    first = phrase.split(" ", 1)[0]
    if first.lower() in _DETERMINERS | {"to", "that", "on"} and first[:1].isupper():
        phrase = first.lower() + phrase[len(first):]
    return phrase


def _is_noun_phrase(phrase: str) -> bool:
    first = phrase.split(" ", 1)[0]
    return (first.lower() in _DETERMINERS or first[:1].isupper() or first[:1].isdigit()
            or first.lower().endswith(_NOUN_ENDINGS))


def _signed_phrase(agreement: Agreement) -> str:
    """What was signed, as a noun phrase: "a pact on ...", "memorandums on ..."."""
    phrase = _clean_phrase(agreement.text, "signed")
    instrument = (agreement.instrument or "").strip()
    if not phrase:
        return _indefinite(instrument) if instrument else ""
    first = phrase.split(" ", 1)[0]
    if first.lower() in _DETERMINERS or first[:1].isupper() or first[:1].isdigit():
        return phrase
    noun = _is_noun_phrase(phrase) or (instrument and first.lower().startswith(instrument.lower()))
    if first.lower() == "to" or not noun:
        head = _indefinite(instrument) if instrument else "an agreement"
        return f"{head} {phrase}" if first.lower() == "to" else f"{head} to {phrase}"
    if instrument and instrument.lower() not in phrase.lower():
        return f"{_indefinite(instrument)} on {phrase}"
    return phrase if first.endswith("s") else f"{_indefinite(first)}{phrase[len(first):]}"


def _agreed_phrase(text: str) -> str:
    phrase = _clean_phrase(text, "agreed")
    first = phrase.split(" ", 1)[0].lower()
    if not phrase or first in ("to", "that", "on"):
        return phrase
    return f"on {phrase}" if _is_noun_phrase(phrase) else f"to {phrase}"


def _affirmed_phrase(text: str) -> str:
    phrase = _clean_phrase(text, "affirmed")
    first = phrase.split(" ", 1)[0].lower()
    if not phrase or first == "that":
        return phrase
    if first == "to":
        return f"their commitment {phrase}"
    return phrase if _is_noun_phrase(phrase) else f"that they would {phrase}"


_INSTRUMENT_PHRASE = re.compile(r"^(?:a|an|the)\s+(\S+)\s+(on|for|about|regarding|in)\s+(.+)$",
                                re.IGNORECASE)


def _combine_instruments(phrases: list[str]) -> list[str]:
    """"a memorandum on X", "a memorandum on Y" -> "memorandums on X and Y"."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, phrase in enumerate(phrases):
        match = _INSTRUMENT_PHRASE.match(phrase)
        if match:
            groups.setdefault((match.group(1).lower(), match.group(2).lower()), []).append(i)
    out, done = [], set()
    for i, phrase in enumerate(phrases):
        if i in done:
            continue
        match = _INSTRUMENT_PHRASE.match(phrase)
        members = groups.get((match.group(1).lower(), match.group(2).lower()), []) if match else []
        if len(members) < 2:
            out.append(phrase)
            continue
        topics = [_INSTRUMENT_PHRASE.match(phrases[j]).group(3) for j in members]
        out.append(f"{match.group(1)}s {match.group(2)} {join_list(topics)}")
        done.update(members)
    return out


# ---------------------------------------------------------------- pieces

def _ranked(people: list[Participant]) -> list[Participant]:
    """Participants by number of mentions (most first), keeping the extraction's order on ties."""
    order = {id(p): i for i, p in enumerate(people)}
    return sorted((p for p in people if p.name), key=lambda p: (-len(p.mentions), order[id(p)]))


def _person(person: Participant, names: dict[str, str], with_country: bool = True) -> str:
    role = (person.role or "").strip()
    country = _country(person.country, names) if with_country and person.country else ""
    if country and (country.lower().removeprefix("the ") in role.lower() or names_a_country(role)):
        country = ""  # "Japanese Defence Minister" already says it
    if role and country:
        return f"{possessive(country)} {role} {person.name}"
    if role:
        return f"{role} {person.name}"
    if country:
        return f"{person.name} of {country}"
    return person.name


def _people_list(people: list[Participant], names: dict[str, str], limit: int, *,
                 with_country: bool, except_country: str | None = None) -> str:
    shown = [_person(p, names, with_country and p.country != except_country)
             for p in people[:limit]]
    if len(people) > limit:
        shown.append("other officials")
    return join_list(shown)


def _country(code: str | None, names: dict[str, str]) -> str:
    if not code:
        return ""
    name = country_label(code)
    if name == code and code in names and names[code]:
        name = names[code]
    return country_phrase(name) if name != code else name


def _meeting_dates(article: Article, extraction: Extraction) -> str:
    """The dates of what the article reports ("11–12 September 2021"), or ""."""
    days = [d for d in (parse_iso_date(e.date) for e in extraction.events) if d]
    days += [d for d in (parse_iso_date(a.date) for a in extraction.agreements) if d]
    published = parse_iso_date(article.date or extraction.article.date)
    if published is not None:
        days = [d for d in days if published - MEETING_WINDOW <= d <= published + dt.timedelta(days=1)]
    if not days:
        return ""
    last = max(days)
    cluster = [d for d in days if (last - d).days <= 3]
    return format_date_range(min(cluster), last)


def _lede(article: Article) -> str:
    """The article's first sentence: the summary when nothing was extracted."""
    skip = set(getattr(article, "embed_paragraphs", lambda: set())())
    headline = getattr(article, "headline_paragraph", None)
    for index, paragraph in enumerate(article.paragraphs):
        if index in skip or index == headline:
            continue
        sentence = first_sentence(paragraph)
        if sentence:
            short = shorten(sentence, 45)
            return short + ("." if not short.endswith(("?", "!", '"', "\u201d")) else "")
    return ""


def _title(article: Article, extraction: Extraction) -> str:
    """The extraction's title (headline or generated), else "Japan–Vietnam talks"."""
    title = (extraction.article.title or article.title or "").strip()
    if title:
        return title
    names = {c.code: c.name for c in extraction.countries}
    codes = _ordered_unique(p.country for p in _ranked(extraction.participants))
    if len(codes) >= 2:
        return "–".join(_country(c, names).removeprefix("the ") for c in codes[:3]) + " talks"
    return "Briefing note"


def _spans(spans: list) -> list[tuple[int, int]]:
    return [(int(s[0]), int(s[1])) for s in spans if s is not None and len(s) == 2]


def _indefinite(word: str) -> str:
    return ("an " if word[:1].lower() in "aeio" else "a ") + word


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _ordered_unique(values) -> list:  # noqa: ANN001
    seen, out = set(), []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out
