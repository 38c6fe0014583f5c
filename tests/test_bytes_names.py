"""Articles and notes whose file names are not UTF-8 (Linux names are bytes): the name is
stored and shown with U+FFFD, and the file it shows is still the one found: opened again,
refused as an output over the article, indexed and opened from the notes library."""
from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest

from briefing.cli import main

pytestmark = pytest.mark.skipif(os.name != "posix", reason="byte file names are a POSIX matter")
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_30b27e0cb4826dc3.txt"


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


def _bytes_name(folder: Path, raw: bytes) -> str:
    """A path in ``folder`` named by ``raw`` bytes, as Python holds it (surrogate escapes)."""
    return os.fsdecode(os.fsencode(str(folder)) + b"/" + raw)


def _docx_article(path: str) -> None:
    document = docx.Document()
    for paragraph in SEED.read_text(encoding="utf-8").split("\n\n"):
        document.add_paragraph(paragraph.strip())
    document.save(path)


def test_on_disk_finds_the_file_a_name_with_u_fffd_shows(tmp_path):
    from briefing.safe_text import display_name, on_disk

    real = _bytes_name(tmp_path, b"caf\xe9")
    os.mkdir(real)
    inner = os.path.join(real, os.fsdecode(b"r\xe9port.txt"))
    Path(inner).write_text("x")
    shown = display_name(inner)
    assert shown == f"{tmp_path}/caf\ufffd/r\ufffdport.txt" and not os.path.exists(shown)
    assert on_disk(shown) == inner
    assert on_disk(str(tmp_path / "gone\ufffd.txt")) == str(tmp_path / "gone\ufffd.txt")  # none: as it is
    Path(_bytes_name(tmp_path, b"caf\xe8")).write_text("y")  # two names shown alike: neither is taken
    assert on_disk(f"{tmp_path}/caf\ufffd") == f"{tmp_path}/caf\ufffd"
    (tmp_path / "plain\ufffd.txt").write_text("z")  # a real U+FFFD in a name is that file
    assert on_disk(str(tmp_path / "plain\ufffd.txt")) == str(tmp_path / "plain\ufffd.txt")


def test_an_article_with_a_bytes_name_is_drafted_exported_and_never_replaced(tmp_path, capsys):
    from briefing.export import ExportError, export_note
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.note.draft import draft_note
    from briefing.templates import load_template

    article_path = _bytes_name(tmp_path, b"r\xe9port.docx")
    _docx_article(article_path)
    article = read_article(article_path)
    assert article.path == f"{tmp_path}/r\ufffdport.docx"  # shown, and stored so in a project
    note = draft_note(article, extract(article))
    with pytest.raises(ExportError, match="refused: it is the input"):  # the article itself is found
        export_note(note, load_template("ministerial"), article_path, article=article)
    assert Path(article_path).read_bytes()[:2] == b"PK"  # still the article

    project = tmp_path / "note.briefing"
    assert main(["draft", article_path, "-o", str(project)]) == 0
    assert main(["export", str(project), "-o", str(tmp_path / "note.pdf")]) == 0
    assert main(["export", str(project), "-o", article_path]) == 1  # the project's article, found again
    out, err = capsys.readouterr()
    assert "r\ufffdport.docx: refused: it is the input" in err and "Traceback" not in err
    assert Path(article_path).read_bytes()[:2] == b"PK"


def test_a_note_with_a_bytes_name_is_indexed_and_opened_from_the_library(tmp_path, capsys):
    from briefing.library import open_library
    from briefing.library.store import SearchQuery
    from briefing.note.project import load_project

    article_path = _bytes_name(tmp_path, b"r\xe9port.txt")
    Path(article_path).write_bytes(SEED.read_bytes())
    folder = tmp_path / "drafts"
    assert main(["draft", article_path, str(SEED), "--out-dir", str(folder)]) == 0  # DIR/r\xe9port.briefing
    out, err = capsys.readouterr()
    assert f"drafted {folder}/r\ufffdport.briefing" in out.splitlines() and "warning" not in err
    merged = _bytes_name(tmp_path, b"m\xe9.briefing")
    assert main(["draft", article_path, str(SEED), "--merge", "-o", merged]) == 0
    with open_library() as library:
        paths = {h.path for h in library.search(SearchQuery(people=["Kishi"])).hits}
        assert library.get(merged) is not None  # asked by the real name
    assert paths == {f"{folder}/r\ufffdport.briefing", f"{folder}/{SEED.stem}.briefing", f"{tmp_path}/m\ufffd.briefing"}
    reopened = load_project(f"{tmp_path}/m\ufffd.briefing")  # as the library shows it
    assert len(reopened.note.sources) == 2
    assert main(["library", "rebuild", str(tmp_path)]) == 0  # the same three notes, found by their files
    with open_library() as library:
        assert library.search(SearchQuery()).total == 3
