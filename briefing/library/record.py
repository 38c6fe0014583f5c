"""What the library knows of one note: a :class:`NoteRecord` derived from a loaded project.

The ``.briefing`` file is the truth; a record is what the index keeps of it for search and
for "prior engagements": the note's stable id, header fields, a sortable date, the marking
its banner shows with its scheme and rank (:mod:`briefing.library.ranking`), countries, the
participants, agreements and themes the analyst kept (included items only), every source,
and the note's text for full-text search. Records are plain, picklable data
so that batch workers can build them and the main process writes them.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.note.project import Project

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass
class ParticipantRecord:
    name: str
    role: str = ""
    country: str = ""


@dataclass
class AgreementRecord:
    text: str
    status: str = ""
    instrument: str = ""
    parties: list[str] = field(default_factory=list)
    date: str = ""


@dataclass
class ThemeRecord:
    theme_id: str
    label: str = ""


@dataclass
class SourceRecord:
    outlet: str = ""
    title: str = ""
    url: str = ""
    date: str = ""


@dataclass
class NoteRecord:
    path: str  # absolute path of the .briefing file (U+FFFD for bytes not UTF-8: safe_text.on_disk)
    note_id: str = ""  # the note's stable id (kept when the file moves); "" for notes never saved with one
    title: str = ""
    note_date: str = ""  # as the analyst wrote it
    sort_date: str = ""  # ISO (YYYY, YYYY-MM or YYYY-MM-DD) for sorting and filters; "" if unknown
    meeting_date: str = ""  # when what the note reports happened: its earliest source date, else sort_date
    reference: str = ""
    classification: str = ""  # the marking the note's banner shows, as its scheme writes it
    classification_rank: int | None = None  # the level's place in the scheme; None: unknown
    scheme: str = ""  # the marking scheme's id
    article_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2 codes
    participants: list[ParticipantRecord] = field(default_factory=list)
    agreements: list[AgreementRecord] = field(default_factory=list)
    themes: list[ThemeRecord] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    summary: str = ""
    text: str = ""  # everything searchable, one string
    file_mtime: float = 0.0
    file_size: int = 0

    def to_json(self, with_text: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_text:
            data.pop("text")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NoteRecord:
        nested = {"participants": ParticipantRecord, "agreements": AgreementRecord,
                  "themes": ThemeRecord, "sources": SourceRecord}
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key, kind in nested.items():
            values[key] = [kind(**item) for item in values.get(key, [])]
        return cls(**values)


def name_key(name: str) -> str:
    """A person's name folded for matching: no accents, no case, words joined by one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain.casefold()))


def iso_date(text: str) -> str:
    """``text`` as an ISO date at its precision, or "" when it names none."""
    text = (text or "").strip()
    if ISO_DATE.match(text[:10]) and (len(text) <= 10 or not text[10].isdigit()):
        return text[:10]
    if not text:
        return ""
    from briefing.dates import iso, resolve_date_phrase

    found = resolve_date_phrase(text, None)
    return iso(*found) if found else ""


def record_from_project(project: Project, path: str | os.PathLike[str]) -> NoteRecord:
    """The library record of ``project``, saved at ``path``."""
    from briefing.library.ranking import note_marking
    from briefing.note.richtext import plain_text

    note, article = project.note, project.article
    from briefing.safe_text import display_name

    file = Path(path).resolve()
    header = note.header
    dates = []
    for source in note.sources:
        source_article = source.article if source.article is not None else (
            article if source is note.sources[0] else None)
        dates += [iso_date(source.date), iso_date((source_article.date if source_article else None) or "")]
    article_dates = [d for d in dict.fromkeys(dates) if d]
    sort_date = iso_date(header.date) or (article_dates[0] if article_dates else "")
    participants = [ParticipantRecord(p.name.strip(), p.role.strip(), p.country.strip())
                    for p in note.included("participants") if p.name.strip()]
    agreements = [AgreementRecord(a.text.strip(), a.status.strip(), a.instrument.strip(),
                                  [x.strip() for x in a.parties if x.strip()], iso_date(a.date) or a.date.strip())
                  for a in note.included("agreements") if a.text.strip()]
    themes = [ThemeRecord(t.theme_id, t.label) for t in note.included("themes") if t.theme_id or t.label]
    sources = [SourceRecord(s.outlet or ((s.article.source or "") if s.article else ""),
                            s.headline or ((s.article.title or "") if s.article else ""), s.url,
                            iso_date(s.date) or iso_date((s.article.date or "") if s.article else ""))
               for s in note.sources]
    countries = _countries(project, participants, agreements)
    summary = plain_text(note.summary)
    stat = _stat(file)
    marking = note_marking(note)
    return NoteRecord(
        path=display_name(file), note_id=note.note_id, title=header.title.strip(), note_date=header.date.strip(),
        sort_date=sort_date, meeting_date=min(article_dates) if article_dates else sort_date,
        reference=header.reference.strip(), classification=marking.text,
        classification_rank=marking.rank, scheme=marking.scheme,
        article_dates=article_dates, countries=countries, participants=participants,
        agreements=agreements, themes=themes, sources=sources, summary=summary,
        text=_searchable_text(project, summary), file_mtime=stat[0], file_size=stat[1])


def _countries(project: Project, participants: list[ParticipantRecord],
               agreements: list[AgreementRecord]) -> list[str]:
    """Codes of the states the note is about: its participants' and agreements' countries,
    and the countries its extraction found."""
    codes: list[str] = [p.country for p in participants]
    codes += [party for a in agreements for party in a.parties]
    extractions = [s.extraction for s in project.note.sources if s.extraction is not None]
    if project.extraction is not None and all(e is not project.extraction for e in extractions):
        extractions.append(project.extraction)
    codes += [c.code for extraction in extractions for c in extraction.countries]
    return sorted({c.upper() for c in codes if COUNTRY_CODE.match(c.upper())})


def _stat(file: Path) -> tuple[float, int]:
    try:
        st = file.stat()
    except OSError:
        return 0.0, 0
    return st.st_mtime, st.st_size


def _searchable_text(project: Project, summary: str) -> str:
    from briefing.note.richtext import plain_text

    note = project.note
    h = note.header
    parts = [h.title, h.reference, h.analyst, h.organisation, summary]
    parts += [f"{p.name} {p.role} {p.country}" for p in note.included("participants")]
    parts += [f"{a.text} {a.instrument} {a.sentence}" for a in note.included("agreements")]
    parts += [f"{t.label} {plain_text(t.note)}" for t in note.included("themes")]
    parts += [f"{q.speaker} {q.text}" for q in note.included("quotes")]
    parts += [e.text for e in note.included("events")]
    parts += [plain_text(note.analyst_comment)]
    parts += [plain_text(text) for text in note.extra_sections.values()]
    parts += [text for s in note.sources for text in (s.headline, s.outlet, s.author)]
    return "\n".join(" ".join(p.split()) for p in parts if p and p.strip())
