"""Several sources in one note: a further article's facts merged into the note.

:func:`add_source` takes a note, an article and its extraction, and returns the undo of one
step that:

1. adds the article as a new source (``s2``, ``s3``...), with its source block drafted the
   way the first source's was (:func:`briefing.note.source.source_info`);
2. drafts its items as a note of its own would be (:func:`briefing.note.draft.draft_note`),
   each tagged with the new source's id;
3. pairs each with the note's item of the same section that reports the same thing
   (:func:`plan_merge`): the same person (name and alias, country), the same agreement
   (parties, instrument family, its name or similar wording), the same quote (the same
   words, give or take), the same event (date and wording), the same theme;
4. gives a paired item a citation of the new source (its spans there) and keeps every
   disagreement as a :class:`~briefing.note.model.Conflict` (two roles, two dates, two
   wordings of a quote, a visit's length, a fact one source calls alleged) for the analyst
   to decide — nothing is dropped, and a role one source gives more fully is taken;
5. adds the items no other source reports, and compares the sources' publication dates.

Everything goes through :mod:`briefing.note.edits`, so the GUI's undo stack and the command
line share it. How alike two items are is measured in :mod:`briefing.note.matching`.
:func:`choose_value` settles a conflict (undoable; the conflict stays, marked with the
choice). Qt-free; never imports extraction code.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.note import matching as m
from briefing.note.edits import (Edit, EditError, add_item, all_or_nothing, compound, insert_source,
                                 set_source_conflicts, update_item)
from briefing.note.model import SECTIONS, Citation, Conflict, Note, SourceInfo

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extraction import Extraction

__all__ = ["Pairing", "add_source", "drop_source", "plan_merge", "draft_source_items", "next_source_id",
           "choose_value", "source_label", "same_agreement", "spans_added"]

THRESHOLDS = {"participants": 0.8, "agreements": 0.5, "quotes": 0.6, "events": 0.45, "themes": 1.0}
"""The least score at which two items are taken to be one, per section."""
DATE_FIELDS = {"date"}


@dataclass
class Pairing:
    """A new source's item found to be an item the note already has."""

    section: str
    existing_id: str
    candidate: Any  # the new source's drafted item
    score: float
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (field, note's value, new value)
    changes: dict[str, Any] = field(default_factory=dict)  # fields the new source reconciles


# ---------------------------------------------------------------- the step

def next_source_id(note: Note) -> str:
    """The first unused id of the form ``s<n>``."""
    taken = {s.id for s in note.sources}
    n = len(note.sources) + 1
    while f"s{n}" in taken:
        n += 1
    return f"s{n}"


def draft_source_items(article: Article, extraction: Extraction, source_id: str,
                       template: str = "ministerial") -> tuple[SourceInfo, dict[str, list]]:
    """The source block and the items a note drafted from this article alone would have,
    each item tagged with ``source_id``."""
    from briefing.note.draft import draft_note

    drafted = draft_note(article, extraction, template=template)
    source = drafted.source
    source.id, source.article, source.extraction = source_id, article, extraction
    items = {section: list(drafted.section(section)) for section in SECTIONS}
    for section_items in items.values():
        for item in section_items:
            item.source_id = source_id
    return source, items


def add_source(note: Note, article: Article, extraction: Extraction, *,
               accessed: str | None = None) -> Edit:
    """Add ``article`` as a further source of ``note`` and merge its facts; returns the undo
    (one step). Raises EditError, leaving the note as it was, if an edit is refused."""
    source_id = next_source_id(note)
    source, candidates = draft_source_items(article, extraction, source_id, note.template)
    if accessed is not None:
        source.accessed = accessed
    pairings = plan_merge(note, candidates)
    label = source_label(source)
    undo: list[Edit] = []
    with all_or_nothing(note, undo):
        undo.append(insert_source(note, source))
        paired_ids = set()
        for p in pairings:
            paired_ids.add(id(p.candidate))
            undo.append(_apply_pairing(note, p, source_id, label))
        for section in SECTIONS:
            for item in candidates[section]:
                if id(item) not in paired_ids:
                    undo.append(add_item(note, section, item, description=f"Add source {label}"))
        _refresh_source_conflicts(note, undo)
    return compound(f"Add source {label}", undo)


def _refresh_source_conflicts(note: Note, undo: list[Edit]) -> None:
    """The note's source-level conflicts recomputed after sources changed (one more undo
    edit when they differ)."""
    conflicts = _source_conflicts(note)
    if conflicts != note.source_conflicts:
        undo.append(set_source_conflicts(note, conflicts))


def source_label(source: SourceInfo) -> str:
    """How the GUI and the undo history name a source: its outlet, else its headline's start."""
    if source.outlet.strip():
        return source.outlet.strip()
    words = source.headline.split()
    if not words and source.article is not None and source.article.paragraphs:
        words = source.article.paragraphs[0].split()  # its opening words, as a reader would know it
    if words:
        return "\u201c" + " ".join(words[:6]) + ("\u2026" if len(words) > 6 else "") + "\u201d"
    return f"source {source.id[1:] if source.id.startswith('s') else source.id}"


def _wording(item) -> str:  # noqa: ANN001
    """How a source words an item: the person's name, the agreement's, quote's or event's text."""
    for name in ("name", "text", "label"):
        value = getattr(item, name, "")
        if value:
            return value
    return ""


def _apply_pairing(note: Note, p: Pairing, source_id: str, label: str) -> Edit:
    found = note.find_item(p.existing_id)
    assert found is not None
    _, _, item = found
    citations = copy.deepcopy(item.citations)
    spans = [tuple(s) for s in p.candidate.source_spans]
    citation = next((c for c in citations if c.source == source_id), None)
    if citation is None:
        citations.append(Citation(source_id, spans, _wording(p.candidate)))
    else:
        citation.spans += [s for s in spans if s not in citation.spans]
    conflicts = copy.deepcopy(item.conflicts)
    home = item.source_id or note.first_source_id
    for fld, old, new in p.conflicts:
        conflict = next((c for c in conflicts if c.field == fld), None)
        if conflict is None:
            conflict = Conflict(fld, {home: old})
            conflicts.append(conflict)
        conflict.values[source_id] = new
        conflict.chosen = ""  # a new value reopens the question
    changes: dict[str, Any] = dict(p.changes, citations=citations, conflicts=conflicts)
    if p.section == "themes":
        extra = [e for e in p.candidate.evidence if e not in item.evidence]
        if extra:
            changes["evidence"] = item.evidence + extra
    return update_item(note, p.section, p.existing_id, description=f"Add source {label}", **changes)


# ---------------------------------------------------------------- pairing

def plan_merge(note: Note, candidates: dict[str, list]) -> list[Pairing]:
    """Which new items are items the note has: the best pairs first, each item paired once."""
    pairings: list[Pairing] = []
    for section in SECTIONS:
        scorer = _SCORERS[section]
        options: list[Pairing] = []
        for candidate in candidates.get(section, []):
            scored = []
            for existing in note.section(section):
                found = scorer(existing, candidate, note, candidates.get(section, []))
                if found is not None and found.score >= THRESHOLDS[section]:
                    found.section, found.existing_id, found.candidate = section, existing.id, candidate
                    scored.append(found)
            scored.sort(key=lambda p: -p.score)
            if section == "participants" and len(scored) > 1 and scored[0].score == scored[1].score:
                continue  # "Kim" could be either Kim: leave it apart for the analyst
            options += scored
        options.sort(key=lambda p: -p.score)
        used_existing: set[str] = set()
        used_new: set[int] = set()
        for option in options:
            if option.existing_id in used_existing or id(option.candidate) in used_new:
                continue
            used_existing.add(option.existing_id)
            used_new.add(id(option.candidate))
            pairings.append(option)
    return pairings


def _pairing(score: float, conflicts: list | None = None, changes: dict | None = None) -> Pairing:
    return Pairing("", "", None, score, conflicts or [], changes or {})


def _participant(old, new, note: Note, candidates: list) -> Pairing | None:  # noqa: ANN001
    score = m.same_person(old.name, new.name)
    if score == 0:
        return None
    conflicts, changes = [], {}
    if old.country and new.country and old.country != new.country:
        if score < 1.0:
            return None  # "Kim" of one country is not "Kim" of another
        conflicts.append(("country", old.country, new.country))
    elif old.country and new.country:
        score += 0.1
    elif new.country and not old.country:
        changes["country"] = new.country
    roles = m.compare_roles(old.role, new.role)
    if roles == "differ":
        conflicts.append(("role", old.role, new.role))
    elif roles == "wider" or (roles == "unknown" and new.role and not old.role):
        changes["role"] = new.role  # the fuller role: "Secretary" -> "Secretary of Defense"
    if len(m.name_tokens(new.name)) > len(m.name_tokens(old.name)):
        changes["name"] = new.name  # the fuller name: "Austin" -> "Lloyd Austin"
    return _pairing(score, conflicts, changes)


def _agreement(old, new, note: Note | None, candidates: list) -> Pairing | None:  # noqa: ANN001
    a, b = set(old.parties), set(new.parties)
    if a and b and len(a & b) < min(2, len(a), len(b)):
        return None  # other parties: another commitment
    family_a, family_b = m.instrument_family(old.instrument, old.text), m.instrument_family(new.instrument, new.text)
    if family_a and family_b and family_a != family_b:
        return None
    text_a, text_b = m.topic_words(old.text), m.topic_words(new.text)
    shared = text_a & text_b
    score = m.overlap(text_a, text_b) if len(shared) >= 2 else 0.0
    names = m.acronyms(f"{old.text} {old.sentence}") & m.acronyms(f"{new.text} {new.sentence}")
    if names:
        score = max(score, 0.9)
    instrument_words = m.instrument_words()
    bare = min(len(text_a - instrument_words), len(text_b - instrument_words)) <= 1
    same_instrument = bool(old.instrument) and m.words(old.instrument) == m.words(new.instrument)
    if bare and same_instrument and old.status == new.status:
        score = max(score, 0.6)  # "the memorandum" signed by the same parties
    if score == 0.0:
        return None
    if old.status == new.status:
        score += 0.05  # of two readings of one agreement, the one with the same status
    if note is None:
        return _pairing(score)  # only how alike they are was asked
    conflicts = []
    agree = m.dates_agree(old.date, new.date)
    if agree is False:
        conflicts.append(("date", old.date, new.date))
    elif agree is None:
        conflicts += _phrase_date_conflict(old.sentence, new.sentence)
    if old.status and new.status and old.status != new.status:
        conflicts.append(("status", old.status, new.status))
    return _pairing(score, conflicts)


def same_agreement(old, new) -> float:  # noqa: ANN001
    """How surely two agreements (note items or library records: ``text``, ``status``,
    ``instrument``, ``parties``, ``date``, optionally ``sentence``) are one commitment;
    0 when they are not (other parties, another kind of instrument, nothing in common)."""
    found = _agreement(_AgreementView.of(old), _AgreementView.of(new), None, [])
    return found.score if found is not None and found.score >= THRESHOLDS["agreements"] else 0.0


@dataclass
class _AgreementView:
    text: str
    status: str
    instrument: str
    parties: list[str]
    date: str
    sentence: str

    @classmethod
    def of(cls, item) -> _AgreementView:  # noqa: ANN001
        return cls(item.text or "", item.status or "", item.instrument or "", list(item.parties),
                   item.date or "", getattr(item, "sentence", "") or "")


def _quote(old, new, note: Note, candidates: list) -> Pairing | None:  # noqa: ANN001
    a, b = m.content_words(old.text), m.content_words(new.text)
    shared = a & b
    score = m.overlap(a, b)
    if len(shared) < 3 or score < THRESHOLDS["quotes"]:
        return None
    same_speaker = m.same_person(old.speaker, new.speaker) if old.speaker and new.speaker else 1.0
    if same_speaker == 0 and score < 0.8:
        return None  # like words from someone else
    conflicts = []
    if same_speaker == 0:
        conflicts.append(("speaker", old.speaker, new.speaker))
    words_a, words_b = " ".join(m.words(old.text)), " ".join(m.words(new.text))
    if words_a not in words_b and words_b not in words_a:
        conflicts.append(("text", old.text, new.text))  # two wordings of one quote
    return _pairing(score, conflicts)


def _event(old, new, note: Note, candidates: list) -> Pairing | None:  # noqa: ANN001
    a, b = m.event_words(old.text), m.event_words(new.text)  # "held talks with X" / "met X": one kind
    shared = a & b
    score = m.overlap(a, b) if len(shared) >= 2 else 0.0
    agree = m.dates_agree(old.date, new.date)
    if agree is False and score < 0.6:
        return None  # another day, and not plainly the same happening
    kinds_a, kinds_b = m.happenings(old.text), m.happenings(new.text)
    if kinds_a and kinds_b and not kinds_a & kinds_b and score < 0.8:
        return None  # a meeting is not a signing or a visit, however alike the names
    if agree and old.date == new.date and _only_one_dated(note.events, old.date) \
            and _only_one_dated(candidates, new.date):
        score += 0.45  # each source tells of one happening that day (or month): the same one
    elif agree:
        score += 0.15
    if agree and old.date == new.date and len(old.date) == 10 and shared & kinds_a \
            and shared & m.named_words(old.text) & m.named_words(new.text):
        score += 0.3  # the same day, the same kind of happening, the same person or place
    if score < THRESHOLDS["events"]:
        return None
    conflicts = []
    if agree is False:
        conflicts.append(("date", old.date, new.date))
    length_a, length_b = m.duration_phrase(old.text), m.duration_phrase(new.text)
    if length_a and length_b and length_a[0] != length_b[0]:
        conflicts.append(("duration", length_a[1], length_b[1]))
    if m.is_hedged(old.text) != m.is_hedged(new.text):
        conflicts.append(("what", old.text, new.text))  # fact in one source, claim in the other
    return _pairing(score, conflicts)


def _only_one_dated(events: list, date: str) -> bool:
    return sum(1 for e in events if e.date == date) == 1


def _theme(old, new, note: Note, candidates: list) -> Pairing | None:  # noqa: ANN001
    same = (old.theme_id and old.theme_id == new.theme_id) or \
        (not old.theme_id and m.fold(old.label) == m.fold(new.label))
    return _pairing(1.0) if same else None


_SCORERS = {"participants": _participant, "agreements": _agreement, "quotes": _quote,
            "events": _event, "themes": _theme}


def _phrase_date_conflict(sentence_a: str, sentence_b: str) -> list[tuple[str, str, str]]:
    """A date conflict when each sentence names one month (or year) and they differ
    ("in October last year" / "In January last year")."""
    from briefing.dates import find_date_phrases

    def dated(sentence: str):  # noqa: ANN202
        found = [d for d in find_date_phrases(sentence or "")
                 if d.kind not in ("weekday", "day_rel", "year_rel", "month_rel2")]
        return found[0] if len(found) == 1 else None

    x, y = dated(sentence_a), dated(sentence_b)
    if x is None or y is None:
        return []
    month = lambda d: (d.group("mon") or d.group("mon2") or "")[:3].lower()  # noqa: E731
    if month(x) and month(y) and month(x) != month(y) or \
            x.group("y") and y.group("y") and x.group("y") != y.group("y"):
        return [("date", sentence_a[x.start:x.end], sentence_b[y.start:y.end])]
    return []


# ---------------------------------------------------------------- the sources themselves

def _source_conflicts(note: Note) -> list[Conflict]:
    """The note's source conflicts, with publication dates that lie too far apart to report
    one meeting (a page's wrong metadata date) added; earlier choices are kept."""
    kept = [c for c in note.source_conflicts if c.field != "date"]
    previous = next((c for c in note.source_conflicts if c.field == "date"), None)
    days = {}
    for source in note.sources:
        try:
            days[source.id] = dt.date.fromisoformat(source.date.strip()[:10])
        except ValueError:
            continue
    if len(days) >= 2 and (max(days.values()) - min(days.values())).days > m.wording().source_date_days:
        values = {sid: day.isoformat() for sid, day in days.items()}
        chosen = previous.chosen if previous is not None and previous.values == values else ""
        kept.append(Conflict("date", values, chosen))
    return kept


def spans_added(note: Note, item, source_id: str, spans: list) -> dict[str, Any]:  # noqa: ANN001
    """The ``update_item`` changes that give ``item`` more ``spans`` in source ``source_id``:
    its own spans when that is its source, else a citation of that source."""
    spans = [tuple(s) for s in spans]
    if (item.source_id or note.first_source_id) == source_id:
        return {"source_spans": list(item.source_spans) + spans}
    citations = copy.deepcopy(item.citations)
    citation = next((c for c in citations if c.source == source_id), None)
    if citation is None:
        citations.append(Citation(source_id, spans))
    else:
        citation.spans += spans
    return {"citations": citations}


def drop_source(note: Note, source_id: str) -> Edit:
    """Take a further source out of the note with what it alone reported; returns the undo
    (one step). Items only it reported go; items others report too lose its citation (an item
    whose own spans were in it keeps the next source's as its own) and its values in their
    conflicts (a conflict left with one value is no disagreement any more). The first source
    stays: the note was drafted from it."""
    from briefing.note.edits import remove_item, remove_source

    if note.sources and note.sources[0].id == source_id:
        raise EditError("the first source cannot be removed: the note was drafted from it")
    source = note.source_by_id(source_id)
    if source is None:
        raise EditError(f"no source with id {source_id!r}")
    first = note.first_source_id
    label = source_label(source)
    undo: list[Edit] = []
    with all_or_nothing(note, undo):
        for section in SECTIONS:
            for item in list(note.section(section)):
                ids = item.source_ids(first)
                if source_id not in ids and not any(source_id in c.values for c in item.conflicts):
                    continue
                if ids == [source_id]:
                    undo.append(remove_item(note, section, item.id, description=f"Remove source {label}"))
                    continue
                changes: dict[str, Any] = {"citations": [copy.deepcopy(c) for c in item.citations
                                                         if c.source != source_id]}
                if (item.source_id or first) == source_id and changes["citations"]:
                    heir = changes["citations"].pop(0)
                    changes.update(source_id=heir.source, source_spans=list(heir.spans))
                conflicts = []
                for conflict in copy.deepcopy(item.conflicts):
                    conflict.values.pop(source_id, None)
                    if conflict.chosen == source_id:
                        conflict.chosen = ""
                    if len(conflict.values) > 1:
                        conflicts.append(conflict)
                changes["conflicts"] = conflicts
                undo.append(update_item(note, section, item.id, description=f"Remove source {label}", **changes))
        undo.append(remove_source(note, source_id, description=f"Remove source {label}"))
        _refresh_source_conflicts(note, undo)
    return compound(f"Remove source {label}", undo)


# ---------------------------------------------------------------- the analyst decides

def choose_value(note: Note, section: str, item_id: str, field_name: str, source_id: str) -> Edit:
    """Settle the conflict on ``field_name`` of an item (``section`` "sources": the note's
    source conflicts) with the value ``source_id`` gives; returns the undo. The item's field
    takes that value when it is one of the item's own fields; the conflict is kept, marked."""
    if section == "sources":
        conflicts = copy.deepcopy(note.source_conflicts)
        conflict = next((c for c in conflicts if c.field == field_name), None)
        if conflict is None or source_id not in conflict.values:
            raise EditError(f"no source conflict on {field_name!r} with a value from {source_id!r}")
        conflict.chosen = source_id
        return set_source_conflicts(note, conflicts, description=f"Choose {field_name}")
    found = note.find_item(item_id)
    if found is None or found[0] != section:
        raise EditError(f"no item {item_id!r} in {section}")
    item = found[2]
    conflicts = copy.deepcopy(item.conflicts)
    conflict = next((c for c in conflicts if c.field == field_name), None)
    if conflict is None or source_id not in conflict.values:
        raise EditError(f"no conflict on {field_name!r} with a value from {source_id!r}")
    conflict.chosen = source_id
    changes: dict[str, Any] = {"conflicts": conflicts}
    value = conflict.values[source_id]
    if hasattr(item, field_name) and isinstance(getattr(item, field_name), str) and \
            (field_name not in DATE_FIELDS or m.dates_agree(value, value) is not None):
        changes[field_name] = value
    return update_item(note, section, item_id, description=f"Choose {field_name}", **changes)
