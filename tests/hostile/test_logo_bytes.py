"""A template's logo is read once: the bytes that were checked are the bytes the DOCX and
PDF hold, even when the file is replaced right after its check, and the PDF writer's
process cache of decoded logos knows a logo by its bytes, never by its file name."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import briefing.template_files
from briefing.export import export_note
from briefing.note.model import Note, NoteHeader
from briefing.templates import load_template
from hostile import template_inputs

CHECKED = template_inputs.png(40, 20, grey=30)  # dark, 2:1
SWAPPED = template_inputs.png(64, 64, grey=220)  # light, square


def note() -> Note:
    return Note(header=NoteHeader(title="Japan and Vietnam sign defence pact", date="2021-09-11"),
                summary="Japan and Vietnam signed a defence equipment transfer pact.")


def docx_images(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("word/media/")]


def pdf_images(path: Path) -> list[tuple[tuple[int, int], int]]:
    """Size and top-left grey level of every image in the PDF."""
    found = []
    for page in PdfReader(path).pages:
        for image in page.images:
            found.append((image.image.size, image.image.convert("L").getpixel((0, 0))))
    return found


def swap_after_check(monkeypatch: pytest.MonkeyPatch, logo: Path) -> list[int]:
    """Replace ``logo`` by another good image right after each check of its bytes; the
    number of checks made is counted in the list returned."""
    check = briefing.template_files.logo_problem
    checks: list[int] = []

    def check_then_swap(data: bytes) -> str | None:
        answer = check(data)
        logo.write_bytes(SWAPPED if data == CHECKED else CHECKED)
        checks.append(1)
        return answer

    monkeypatch.setattr(briefing.template_files, "logo_problem", check_then_swap)
    return checks


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_export_holds_the_checked_logo_when_the_file_is_swapped_after_the_check(fmt, tmp_path,
                                                                                  monkeypatch):
    folder = template_inputs.template(tmp_path, "swap", {"logo.file": "logo.png"}, {"logo.png": CHECKED})
    template = load_template(folder)
    logo = folder / "logo.png"
    logo.write_bytes(CHECKED)  # (as loaded)
    checks = swap_after_check(monkeypatch, logo)
    out = tmp_path / f"note.{fmt}"
    assert not [p for p in export_note(note(), template, out) if p.fatal]
    assert checks  # the export checked the logo, and the file was swapped after it
    assert logo.read_bytes() == SWAPPED
    if fmt == "docx":
        assert docx_images(out) == [CHECKED]
    else:
        assert pdf_images(out) == [((40, 20), 30)]


def test_a_logo_replaced_in_place_is_drawn_anew(tmp_path):
    """The same file name and modification time with other bytes is another image."""
    folder = template_inputs.template(tmp_path, "replaced", {"logo.file": "logo.png"}, {"logo.png": CHECKED})
    logo = folder / "logo.png"
    first = tmp_path / "first.pdf"
    export_note(note(), load_template(folder), first)
    stamp = logo.stat().st_mtime_ns
    logo.write_bytes(SWAPPED)
    os.utime(logo, ns=(stamp, stamp))
    second = tmp_path / "second.pdf"
    export_note(note(), load_template(folder), second)
    assert pdf_images(first) == [((40, 20), 30)] and pdf_images(second) == [((64, 64), 220)]


def test_writers_never_open_the_logo_file(tmp_path, monkeypatch):
    """After the check, rendering reads nothing from the template folder."""
    from briefing.export import render_note

    folder = template_inputs.template(tmp_path, "unread", {"logo.file": "logo.png"}, {"logo.png": CHECKED})
    template = load_template(folder)
    (folder / "logo.png").unlink()  # gone after the template was loaded and checked
    for fmt in ("docx", "pdf"):
        data, _ = render_note(note(), template, fmt)
        if fmt == "docx":
            assert CHECKED in [zipfile.ZipFile(io.BytesIO(data)).read(n) for n in
                               zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]
        else:
            path = tmp_path / "note.pdf"
            path.write_bytes(data)
            assert pdf_images(path) == [((40, 20), 30)]
