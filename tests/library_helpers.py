"""Small real projects for the library tests: notes built from the model's dataclasses and
saved as real ``.briefing`` files (no language model needed)."""
from __future__ import annotations

from pathlib import Path

from briefing.article import Article
from briefing.note.model import AgreementItem, Note, NoteHeader, ParticipantItem, SourceInfo, ThemeItem
from briefing.note.project import Project, save_project


def make_project(title: str, date: str, *, classification: str = "OFFICIAL",
                 people: list[tuple[str, str, str]] = (), agreements: list[tuple[str, str, str, list[str]]] = (),
                 themes: list[str] = (), summary: str = "", reference: str = "",
                 outlet: str = "Example Wire", template: str = "ministerial") -> Project:
    """A project whose note has these header fields, participants (name, role, country),
    agreements (text, status, date, parties) and theme ids."""
    note = Note(
        header=NoteHeader(title=title, date=date, reference=reference, classification=classification),
        summary=summary or title,
        participants=[ParticipantItem(name=n, role=r, country=c) for n, r, c in people],
        agreements=[AgreementItem(text=t, status=s, date=d, parties=list(p)) for t, s, d, p in agreements],
        themes=[ThemeItem(theme_id=t, label=t.replace("-", " ").capitalize()) for t in themes],
        source=SourceInfo(headline=title, outlet=outlet, date=date, url=f"https://example.org/{date}"),
        template=template,
    )
    article = Article(original=summary or title, paragraphs=[summary or title], title=title, date=date)
    return Project(note, article)


def save(folder: Path, name: str, project: Project) -> Path:
    path = folder / f"{name}.briefing"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_project(path, project)
    return path


def sample_notes(folder: Path) -> dict[str, Path]:
    """Four notes of three meetings across three years and four markings: a US one
    (intsum template), two UK ones and one its scheme cannot read."""
    return {
        "jp-vn": save(folder, "jp-vn", make_project(
            "Japan–Vietnam defence ministers meet", "2021-09-13", classification="SECRET//REL TO USA, AUS",
            template="intsum",
            people=[("Nobuo Kishi", "Defence Minister", "JP"), ("Phan Văn Giang", "Minister of Defence", "VN")],
            agreements=[("Pact on the transfer of defence equipment", "signed", "2021-09-11", ["JP", "VN"])],
            themes=["maritime-security"], reference="BR-2021-07",
            summary="Kishi and Giang signed a pact on equipment transfer; frigates discussed.")),
        "jp-vn-2023": save(folder, "later/jp-vn-2023", make_project(
            "Japan and Vietnam review equipment pact", "2023-05-02", classification="OFFICIAL",
            people=[("Yasukazu Hamada", "Defense Minister", "JP"), ("Phan Van Giang", "Minister of Defence", "VN")],
            agreements=[("Pact on the transfer of defence equipment", "implemented", "2023-05-02", ["JP", "VN"])],
            themes=["defence-equipment-and-technology"], summary="The equipment pact was reported implemented.")),
        "au-ph": save(folder, "au-ph", make_project(
            "Australia–Philippines defence ministers' meeting", "2024-11-12", classification="OFFICIAL-SENSITIVE",
            people=[("Richard Marles", "Deputy Prime Minister", "AU"),
                    ("Gilberto Teodoro", "Secretary of National Defense", "PH")],
            themes=["maritime-security", "rules-based-order"], summary="Marles and Teodoro met in Canberra.")),
        "unmarked": save(folder, "unmarked", make_project(
            "Kenya–Somalia border talks", "2023-02-01", classification="SENSITIVE",
            people=[("Aden Duale", "Cabinet Secretary for Defence", "KE")], summary="Border security talks.")),
    }
