"""Article -> Extraction, in small steps that each do one thing.

The steps share one :class:`Analysis` (the article, its spaCy parse and what earlier
steps found): people first, then countries (which use people's countries), agreements
(parties are countries), themes, quotes (speakers are people), events and the meeting's
host. The records they produce live in :mod:`briefing.extraction`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.extraction import (
    ArticleInfo,
    Country,
    Event,
    Extraction,
    Meeting,
    Participant,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from briefing.article import Article
    from briefing.extract.quotes import QuotedSpan
    from briefing.extraction import Agreement

__all__ = ["Analysis", "extract", "analyse"]


@dataclass
class Analysis:
    """Everything the extraction steps share for one article."""

    article: Article
    doc: Doc  # the parse of ``article.norm_text``
    participants: list[Participant] = field(default_factory=list)
    others: list[Participant] = field(default_factory=list)  # named speakers who do not take part
    countries: list[Country] = field(default_factory=list)
    quoted_spans: list[QuotedSpan] | None = None  # computed once, by the quotes step
    meeting: Meeting | None = None  # host and place, computed once (extract.meeting)

    @property
    def text(self) -> str:
        """The cleaned text with its typographic characters (for output strings)."""
        return self.article.text

    @property
    def year(self) -> int | None:
        """The year of the article's date, when it has one."""
        return int(self.article.date[:4]) if self.article.date else None


def analyse(article: Article) -> Analysis:
    """Parse the article with spaCy (loaded once) and wrap it for the steps."""
    from briefing.extract.nlp import parse

    return Analysis(article=article, doc=parse(article.norm_text))


def extract(article: Article) -> Extraction:
    """Run every extraction step on ``article``."""
    from briefing.extract import (
        agreements,
        countries,
        events,
        people,
        quotes,
        themes,
        titles,
    )
    from briefing.extract.meeting import find_meeting

    an = analyse(article)
    an.participants, an.others = people.find_people(an)
    an.countries = countries.find_countries(an)
    found_agreements = agreements.find_agreements(an)
    found_themes = themes.find_themes(an)
    found_quotes = quotes.find_quotes(an)
    found_events = events.find_events(an)
    _date_agreements_from_events(found_agreements, found_events)
    title, generated = titles.article_title(an)
    info = ArticleInfo(title=title, date=article.date, source=article.source,
                       paragraphs=list(article.paragraphs), generated_title=generated,
                       rules=[article.date_rule] if article.date_rule else [])
    return Extraction(article=info, countries=an.countries, participants=an.participants,
                      agreements=found_agreements, themes=found_themes, quotes=found_quotes,
                      events=found_events, meeting=find_meeting(an))


def _date_agreements_from_events(agreements: list[Agreement], dated: list[Event]) -> None:
    """An agreement with no date of its own takes its sentence's date from the chronology
    ("Later in the day, both the countries signed a pact" after "On Saturday, ...")."""
    from briefing.provenance import DATE_FROM_CHRONOLOGY, add_rule, enabled

    for agreement in agreements:
        if agreement.date or not enabled(DATE_FROM_CHRONOLOGY):
            continue
        start, end = agreement.span
        for event in dated:
            if start <= event.span[0] < end and event.precision == "day":
                agreement.date = event.date
                add_rule(agreement.rules, DATE_FROM_CHRONOLOGY, *(r for r in event.rules if r.startswith("dates.")))
                break
