"""Extraction records and their JSON form (schema ``briefing.extraction/1``).

What :mod:`briefing.extract` finds and :mod:`briefing.note` drafts from: the contract
between the two layers (the note never imports extraction code). Every extracted item
carries ``spans``: ``(start, end)`` offsets into the article's cleaned text
(``Article.text``), so the note and the GUI can link it to its sentence, and ``rules``: the
ids of the extraction rules that produced or changed it (provenance, see
:mod:`briefing.provenance`; written out only by ``to_json(explain=True)``, i.e.
``briefing extract --explain``, and never compared). The JSON keys of
``../shared/spec/extraction.md`` are kept exactly; extra keys are allowed.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["SCHEMA", "Span", "Country", "Participant", "Agreement", "Theme", "Quote", "Event",
           "Meeting", "ArticleInfo", "Extraction", "as_dict"]

SCHEMA = "briefing.extraction/1"
Span = tuple[int, int]


def _rules() -> Any:
    """The ``rules`` field: rule ids, provenance only (not part of an item's value)."""
    return field(default_factory=list, compare=False, repr=False)


@dataclass
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    spans: list[Span] = field(default_factory=list)
    rules: list[str] = _rules()


@dataclass
class Participant:
    name: str
    role: str | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)
    rules: list[str] = _rules()


@dataclass
class Agreement:
    text: str
    status: str  # signed | agreed | affirmed
    sentence: str
    span: Span
    parties: list[str] = field(default_factory=list)
    instrument: str | None = None  # pact, MoU, memorandum, deal, contract, joint statement...
    date: str | None = None
    short: str = ""  # the text in a few words, whole phrases (what a summary quotes)
    form: str = ""  # what the text is: "noun" (a pact on ...), "verb" (hold drills) or "clause"
    rules: list[str] = _rules()
    forms: list[str] = field(default_factory=list)  # complete shorter forms for the summary, longest first


@dataclass
class Theme:
    id: str
    label: str
    evidence: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    note: str = ""  # one evidence sentence as a note: whole, or shortened to whole phrases
    rules: list[str] = _rules()


@dataclass
class Quote:
    text: str
    speaker: str | None
    span: Span
    rules: list[str] = _rules()


@dataclass
class Event:
    date: str  # ISO 8601 at its precision: 2021-09-12, 2021-09 or 2021
    text: str
    span: Span
    precision: str = "day"  # day | month | year
    inferred: bool = False  # the sentence names no date: it takes the one of the sentence before
    rules: list[str] = _rules()


@dataclass
class Meeting:
    """Where the reported meeting took place: the host state (the one visited) and the
    place as the article names it, when it says."""

    host: str | None = None  # ISO 3166-1 alpha-2
    place: str | None = None  # "Hanoi", "the Pentagon"


@dataclass
class ArticleInfo:
    title: str | None
    date: str | None
    source: str | None
    paragraphs: list[str]
    generated_title: bool = False
    rules: list[str] = _rules()  # how the date (and title) were found


@dataclass
class Extraction:
    article: ArticleInfo
    countries: list[Country] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meeting: Meeting = field(default_factory=Meeting)

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        """The JSON contract of ``briefing.extraction/1`` (plus span keys); with ``explain``
        each item and the article also carry ``"rules"``, the ids of the rules behind them."""
        art = self.article

        def why(record: Any, data: dict[str, Any]) -> dict[str, Any]:
            if explain:
                data["rules"] = list(record.rules)
            return data

        return {
            "schema": SCHEMA,
            "article": why(art, {"title": art.title, "date": art.date, "source": art.source,
                                 "paragraphs": list(art.paragraphs), "generated_title": art.generated_title}),
            "countries": [why(c, {"code": c.code, "name": c.name, "spans": [list(s) for s in c.spans]})
                          for c in self.countries],
            "participants": [why(p, {"name": p.name, "role": p.role, "country": p.country,
                                     "mentions": [list(m) for m in p.mentions]}) for p in self.participants],
            "agreements": [why(a, {"text": a.text, "status": a.status, "instrument": a.instrument,
                                   "parties": list(a.parties), "date": a.date, "sentence": a.sentence,
                                   "span": list(a.span), "short": a.short, "form": a.form,
                                   "forms": list(a.forms)})
                           for a in self.agreements],
            "themes": [why(t, {"id": t.id, "label": t.label, "evidence": list(t.evidence),
                               "spans": [list(s) for s in t.spans], "note": t.note}) for t in self.themes],
            "quotes": [why(q, {"speaker": q.speaker, "text": q.text, "span": list(q.span)}) for q in self.quotes],
            "events": [why(e, {"date": e.date, "text": e.text, "precision": e.precision, "span": list(e.span),
                               "inferred": e.inferred})
                       for e in self.events],
            "meeting": {"host": self.meeting.host, "place": self.meeting.place},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an Extraction from :meth:`to_json` output (used by project files)."""
        a = data.get("article") or {}
        spans = lambda xs: [tuple(x) for x in xs or []]  # noqa: E731
        ids = lambda record: [str(r) for r in record.get("rules") or []]  # noqa: E731
        return cls(
            article=ArticleInfo(a.get("title"), a.get("date"), a.get("source"),
                                list(a.get("paragraphs") or []), bool(a.get("generated_title")), ids(a)),
            countries=[Country(c["code"], c["name"], spans(c.get("spans")), ids(c)) for c in data.get("countries", [])],
            participants=[Participant(p["name"], p.get("role"), p.get("country"), spans(p.get("mentions")), ids(p))
                          for p in data.get("participants", [])],
            agreements=[Agreement(x["text"], x["status"], x["sentence"], tuple(x.get("span") or (0, 0)),
                                  list(x.get("parties") or []), x.get("instrument"), x.get("date"),
                                  str(x.get("short") or ""), str(x.get("form") or ""), ids(x),
                                  [str(v) for v in x.get("forms") or [] if isinstance(v, str)])
                        for x in data.get("agreements", [])],
            themes=[Theme(t["id"], t["label"], list(t.get("evidence") or []), spans(t.get("spans")),
                          str(t.get("note") or ""), ids(t))
                    for t in data.get("themes", [])],
            quotes=[Quote(q["text"], q.get("speaker"), tuple(q.get("span") or (0, 0)), ids(q))
                    for q in data.get("quotes", [])],
            events=[Event(e["date"], e["text"], tuple(e.get("span") or (0, 0)), e.get("precision", "day"),
                          bool(e.get("inferred")), ids(e))
                    for e in data.get("events", [])],
            meeting=Meeting((data.get("meeting") or {}).get("host"), (data.get("meeting") or {}).get("place")),
        )


def as_dict(obj: Any) -> dict[str, Any]:
    """Plain-dict view of any record above."""
    return asdict(obj)
