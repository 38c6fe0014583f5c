"""Extraction -> Note: the first draft the analyst edits, including the summary (BLUF).

:func:`draft_note` copies every extracted fact into a note item (all included, each with
its source offsets) and writes the summary with :func:`draft_summary`: at most
:data:`MAX_SUMMARY_WORDS` words in sentences of at most :data:`MAX_SENTENCE_WORDS`,
saying who met whom, where and when, then what was signed, agreed and affirmed, as many
of those as fit; the rest stays in the note's sections (the body)::

    On 11–12 September 2021 Japan's Defence Minister Nobuo Kishi visited Vietnam and met
    Defence Minister Phan Van Giang and President Nguyen Xuan Phuc. The two sides signed
    a pact allowing Japan to export defence equipment ... They also agreed to ...

Phrases are the extractor's whole phrases (``short``); a theme's note is its ``note``. It
only rearranges extracted facts (no invented ones); when the extraction found nothing it
falls back to the article's first sentence.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from briefing.knowledge.text import has_ellipsis, strip_urls
from briefing.note.commitments import Phrases, commitment_phrases, count_words
from briefing.note.fitting import Part, fit_sentences
from briefing.note.model import (AgreementItem, EventItem, Note, NoteHeader, ParticipantItem,
                                 QuoteItem, ThemeItem)
from briefing.note.richtext import escape_rich_text
from briefing.note.source import source_info
from briefing.note.wording import (country_label, country_phrase, first_sentence,
                                   format_date_range, full_stop, join_list, names_a_country, parse_iso_date,
                                   possessive, sentences, shorten)

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extraction import Extraction, Participant

__all__ = ["draft_note", "draft_summary", "redraft_summary", "draft_theme_note", "source_info",
           "summary_problems"]

MAX_MET = 3  # people named as met in the summary
MAX_SUMMARY_WORDS = 60  # the BLUF
MAX_SENTENCE_WORDS = 30  # each of its sentences
MAX_LEDE_SENTENCES = 5  # paragraphs tried for a short enough first sentence
MEETING_WINDOW = dt.timedelta(days=14)  # events this long before the article date are "the meeting"


def draft_note(article: Article, extraction: Extraction, *, analyst: str = "",
               organisation: str = "", classification: str = "",
               template: str = "ministerial") -> Note:
    """A complete first draft of the note for ``article`` from its ``extraction``."""
    header = NoteHeader(
        title=_title(article, extraction),
        date=dt.date.today().isoformat(),  # the note's date; the article's is source.date
        analyst=analyst, organisation=organisation, classification=classification,
    )
    return Note(
        header=header,
        summary=escape_rich_text(draft_summary(article, extraction)),
        participants=[ParticipantItem(name=p.name, role=p.role or "", country=p.country or "",
                                      source_spans=_spans(p.mentions))
                      for p in extraction.participants],
        agreements=[AgreementItem(text=a.text, status=a.status, instrument=a.instrument or "",
                                  parties=list(a.parties), date=a.date or "", sentence=a.sentence,
                                  source_spans=_spans([a.span]))
                    for a in extraction.agreements],
        themes=[ThemeItem(theme_id=t.id, label=t.label, note=strip_urls(t.note) or draft_theme_note(t.evidence),
                          evidence=list(t.evidence), source_spans=_spans(t.spans))
                for t in extraction.themes],
        quotes=[QuoteItem(text=q.text, speaker=q.speaker or "", source_spans=_spans([q.span]))
                for q in extraction.quotes],
        events=[EventItem(date=e.date, text=e.text, source_spans=_spans([e.span]))
                for e in extraction.events],
        source=source_info(article, extraction),
        template=template,
    )


def redraft_summary(note: Note, article: Article, extraction: Extraction | None = None) -> str:
    """The summary drafted again from the items the analyst kept (``included``) and edited;
    ``extraction`` (the project's) tells where the meeting took place.

    Returned as note markup (literal text). For a "Redraft summary" command:
    ``set_field(note, "summary", redraft_summary(note, article, extraction))``.
    """
    from briefing.extraction import (
        Agreement,
        ArticleInfo,
        Event,
        Extraction,
        Meeting,
        Participant,
    )

    first_span = lambda item: item.source_spans[0] if item.source_spans else (0, 0)  # noqa: E731
    # an agreement as extracted keeps its shorter forms; one the analyst reworded has its words only
    found = {(x.text, x.sentence): x for x in (extraction.agreements if extraction is not None else [])}
    same = lambda a: found.get((a.text, a.sentence))  # noqa: E731
    view = Extraction(
        article=ArticleInfo(note.header.title or None, article.date, article.source,
                            list(article.paragraphs)),
        participants=[Participant(p.name, p.role or None, p.country or None, list(p.source_spans))
                      for p in note.included("participants")],
        agreements=[Agreement(a.text, a.status, a.sentence, first_span(a), list(a.parties),
                              a.instrument or None, a.date or None,
                              form=same(a).form if same(a) else "", forms=list(same(a).forms) if same(a) else [])
                    for a in note.included("agreements")],
        events=[Event(e.date, e.text, first_span(e)) for e in note.included("events")],
        meeting=extraction.meeting if extraction is not None else Meeting(),
    )
    return escape_rich_text(draft_summary(article, view))


def draft_theme_note(evidence: list[str]) -> str:
    """A one-line note for a theme when the extraction gave none: its first evidence
    sentence, whole, or cut at a clause break with "…"."""
    for sentence in evidence:
        line = shorten(strip_urls(first_sentence(sentence) or sentence), MAX_SENTENCE_WORDS)
        if line:
            return _capitalise(line) + ("" if line.endswith(("\u2026", "?", "!")) else ".")
    return ""


# ---------------------------------------------------------------- the summary

def draft_summary(article: Article, extraction: Extraction) -> str:
    """The BLUF: who met whom, where and when; what was signed, agreed and affirmed, in
    sentences of at most :data:`MAX_SENTENCE_WORDS` words, :data:`MAX_SUMMARY_WORDS` in all."""
    names = {c.code: c.name for c in extraction.countries}
    people = _ranked(extraction.participants)
    when = _meeting_dates(article, extraction)
    current = [a for a in extraction.agreements if not _earlier(a.date, article.date or extraction.article.date)]
    phrases = commitment_phrases(current, article.text)  # not documents signed years before
    lead, sides = _lead_sentence(extraction, people, names, when)
    if lead is None and not (phrases.signed or phrases.agreed or phrases.affirmed):
        return _lede(article)
    if lead is None:
        sides = _commitment_subject(extraction, people, names, when)
    out = [lead] if lead else []
    parts = [Part(_capitalise(f"{sides if index == 0 else 'They also'} {verb}".strip()), items, phrases.forms)
             for index, (verb, items, _glue) in enumerate(_commitment_parts(phrases))]
    # what does not fit stays in the sections below the summary
    out += fit_sentences(parts, MAX_SUMMARY_WORDS - sum(count_words(x) for x in out), MAX_SENTENCE_WORDS)
    return " ".join(strip_urls(x) for x in out)


def _earlier(date: str | None, published: str | None) -> bool:
    """A commitment dated well before the article ("the agreement signed in 2001")."""
    day, reference = parse_iso_date(date), parse_iso_date(published)
    if day is None or reference is None:
        year, ref_year = (date or "")[:4], (published or "")[:4]
        return year.isdigit() and ref_year.isdigit() and int(year) < int(ref_year)
    return day < reference - MEETING_WINDOW


def summary_problems(summary: str) -> list[str]:
    """What makes a summary too long to read at a glance: more than
    :data:`MAX_SUMMARY_WORDS` words, or a sentence of more than :data:`MAX_SENTENCE_WORDS`
    (the pre-export check shows these to the analyst as warnings)."""
    problems = []
    total = count_words(summary)
    if total > MAX_SUMMARY_WORDS:
        problems.append(f"the summary has {total} words; a bottom line reads best in {MAX_SUMMARY_WORDS} or fewer")
    for sentence in sentences(summary):
        words = count_words(sentence)
        if words > MAX_SENTENCE_WORDS:
            problems.append(f"a summary sentence has {words} words (at most {MAX_SENTENCE_WORDS}): "
                            f"\"{' '.join(sentence.split()[:8])} …\"")
    return problems


def _commitment_parts(phrases: Phrases) -> list[tuple[str, list[str], str]]:
    """(verb, phrases, joiner) per status in the summary's order: signed, agreed, affirmed."""
    parts = []
    if phrases.signed:
        parts.append(("signed", phrases.signed, ""))
    if phrases.agreed:
        parts.append(("agreed", phrases.agreed, ""))
    if phrases.affirmed:
        parts.append((phrases.affirm_verb, phrases.affirmed, ""))
    return parts


def _lead_sentence(extraction: Extraction, people: list[Participant], names: dict[str, str],
                   when: str) -> tuple[str | None, str]:
    """"On DATE A visited B and met C." (or "A met C in PLACE."), fitted to a sentence's
    limit by naming fewer people; with the subject the next sentence uses."""
    place = extraction.meeting.place
    sentence, sides = None, ""
    for brief, max_met in [(False, n) for n in range(MAX_MET, 0, -1)] + [(True, n) for n in range(MAX_MET, 0, -1)]:
        meeting, sides = _meeting_clause(extraction.meeting.host, people, names, max_met, brief)
        if meeting is None:
            return None, ""
        if place and " visited " not in meeting and place not in meeting:
            meeting = f"{meeting} in {place}"
        sentence = full_stop(_capitalise(f"On {when} {meeting}" if when else meeting))
        states = {p.country for p in extraction.participants if p.country}
        states |= {c for a in extraction.agreements for c in a.parties}
        if len(states) > 3 and sides != "They":
            sides = "They"  # ten ministers are not "the three sides" the summary names
        if count_words(sentence) <= MAX_SENTENCE_WORDS:
            return sentence, sides
    return sentence, sides


def _commitment_subject(extraction: Extraction, people: list[Participant], names: dict[str, str],
                        when: str) -> str:
    """Who committed when no meeting sentence names them: the lead person or the parties."""
    if people:
        subject = _person(people[0], names)
    else:
        parties = _ordered_unique(c for a in extraction.agreements for c in a.parties)
        subject = join_list([_country(c, names) for c in parties[:4]]) or "the parties"
    return f"On {when} {subject}" if when else subject


def _meeting_clause(visited: str | None, people: list[Participant], names: dict[str, str],
                    max_met: int = MAX_MET, brief: bool = False) -> tuple[str | None, str]:
    """("X visited Y and met Z" or "X met Z" or None, the subject for what follows);
    ``visited`` is the host state the extraction found."""
    if not people:
        return None, ""
    lead = people[0]
    hosts = [p for p in people if visited is not None and p.country == visited]
    visitor = next((p for p in people if p.country and p.country != visited), None)
    if hosts and visitor is not None:  # a visit to a state whose people the visitor met
        clause = f"{_person(visitor, names, brief=brief)} visited {_country(visited, names)}"
        clause += " and met " + _people_list(hosts, names, max_met, with_country=False, brief=brief)
        return clause, _sides([visitor, *hosts], visited)
    others = [p for p in people[1:]]
    if not others:
        return None, ""
    # "A's X and Y met B's Z": the lead's own side first, then the other side
    colleagues = [p for p in others if lead.country and p.country == lead.country][:1]
    counterparts = [p for p in others if p not in colleagues and (p.country != lead.country or not lead.country)]
    if not counterparts:
        counterparts, colleagues = others, []
    who = _person(lead, names, brief=brief)
    if colleagues:
        who += " and " + _people_list(colleagues, names, 1, with_country=False, brief=brief)
    met = _people_list(counterparts, names, max_met, with_country=True, except_country=lead.country,
                       brief=brief)
    return f"{who} met {met}", _sides([lead, *others], None)


def _sides(people: list[Participant], visited: str | None) -> str:
    """"The two sides", "The three sides"; for more states (or none known) "They"."""
    countries = {p.country for p in people if p.country} | ({visited} if visited else set())
    return {2: "The two sides", 3: "The three sides"}.get(len(countries), "They")


# ---------------------------------------------------------------- pieces

def _ranked(people: list[Participant]) -> list[Participant]:
    """Participants by number of mentions (most first), keeping the extraction's order on ties."""
    order = {id(p): i for i, p in enumerate(people)}
    return sorted((p for p in people if p.name), key=lambda p: (-len(p.mentions), order[id(p)]))


BRIEF_ROLE_WORDS = 4  # in a crowded sentence, longer offices give way to the country


def _person(person: Participant, names: dict[str, str], with_country: bool = True,
            brief: bool = False) -> str:
    role = (person.role or "").strip()
    if brief and len(role.split()) > BRIEF_ROLE_WORDS:
        role = ""  # "Sébastien Lecornu of France"
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
                 with_country: bool, except_country: str | None = None, brief: bool = False) -> str:
    shown = [_person(p, names, with_country and p.country != except_country, brief=brief)
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
    """The article's first sentence: the summary when nothing was extracted; when it is too
    long or has an ellipsis, the next paragraph's first sentence that is not takes its place."""
    skip = set(getattr(article, "embed_paragraphs", lambda: set())())
    headline = getattr(article, "headline_paragraph", None)
    candidates = [" ".join(first_sentence(paragraph).split()) for index, paragraph in enumerate(article.paragraphs)
                  if index not in skip and index != headline]
    candidates = [c for c in candidates if c][:MAX_LEDE_SENTENCES]
    whole = [c for c in candidates if not has_ellipsis(c)]
    fitting = [c for c in whole if count_words(c) <= MAX_SENTENCE_WORDS]
    sentence = (fitting or whole or candidates or [""])[0]
    return sentence + ("." if sentence and not sentence.endswith((".", "?", "!", '"', "\u201d")) else "")


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


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _ordered_unique(values) -> list:  # noqa: ANN001
    seen, out = set(), []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out
