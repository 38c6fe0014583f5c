"""A template's reference.docx is sanitised before use: nothing remote (attached template,
linked images, fields that fetch), no macros, custom XML or embedded objects reach an
exported DOCX, and a reference holding a zip bomb is refused by its sizes before
anything is inflated, under the child's memory cap."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from hostile import template_inputs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_30b27e0cb4826dc3.txt"
MARKERS = {"remote address": None, "macro project": b"VBA-MACRO", "custom XML": b"CUSTOM-XML",
           "OLE object": b"OLE-OBJECT", "attached template": b"attachedTemplate"}


def package_text(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return b"".join(package.read(n) for n in package.namelist()) + "\n".join(package.namelist()).encode()


@pytest.mark.parametrize("macro_enabled", [False, True])
def test_an_exported_docx_carries_nothing_remote_or_active(macro_enabled, tmp_path, cli, watched_server):
    reference = template_inputs.reference_with_remote_parts(watched_server.url, macro_enabled=macro_enabled)
    folder = template_inputs.reference_template(tmp_path, reference)
    out = tmp_path / "note.docx"
    run = cli("export", SEED, "-o", out, "--template", folder, env={"BRIEFING_DATA_DIR": str(tmp_path / "d")})
    assert run.returncode == 0, run.stderr
    content = package_text(out)
    for what, marker in {**MARKERS, "remote address": watched_server.url.encode()}.items():
        assert marker not in content, what
    assert b"vbaProject" not in content and b"customXml" not in content and b"macroEnabled" not in content
    document = docx.Document(str(out))
    assert "Heading 1" in {s.name for s in document.styles}  # the styles are what is kept
    assert watched_server.requests == []


def test_fields_that_fetch_are_dropped_from_headers(tmp_path, watched_server):
    from briefing.export.reference_doc import sanitised_reference

    base = docx.Document()
    paragraph = base.sections[0].header.paragraphs[0]
    paragraph.text = "Kept header text"
    fetch = base.sections[0].header.add_paragraph()
    fetch._p.append(_field(f'INCLUDEPICTURE "{watched_server.url}/pixel.png" \\d'))
    path = tmp_path / "reference.docx"
    base.save(str(path))
    with zipfile.ZipFile(path) as package:
        assert b"INCLUDEPICTURE" in b"".join(package.read(n) for n in package.namelist())
    cleaned = sanitised_reference(path)
    with zipfile.ZipFile(io.BytesIO(cleaned)) as package:
        headers = b"".join(package.read(n) for n in package.namelist() if n.startswith("word/header"))
    assert b"Kept header text" in headers and b"INCLUDEPICTURE" not in headers


def _field(instruction: str):  # noqa: ANN202 - an lxml element
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return parse_xml(f'<w:r xmlns:w="{w}"><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>')


def test_a_reference_holding_a_zip_bomb_is_refused_by_its_sizes(tmp_path, cli):
    folder = template_inputs.reference_template(tmp_path, bomb_mb=300)
    run = cli("check", SEED, "--template", folder, "--format", "docx")
    assert run.returncode == 1
    assert "reference.docx: too large: unpacks to 301 MB uncompressed; the limit is 64 MB" in run.stdout
    out = tmp_path / "note.docx"
    run = cli("export", SEED, "-o", out, "--template", folder)
    assert run.returncode == 1 and not out.exists()


def test_a_reference_that_is_not_a_word_package_is_one_fatal_problem(tmp_path, cli):
    folder = template_inputs.reference_template(tmp_path, b"PK\x03\x04 not really a zip")
    run = cli("check", SEED, "--template", folder, "--format", "docx")
    assert run.returncode == 1
    fatal = [line for line in run.stdout.splitlines() if "fatal" in line]
    assert len(fatal) == 1 and "reference.docx" in fatal[0]
