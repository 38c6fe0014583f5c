"""DOCX ingestion: a real Word file made with python-docx."""
from __future__ import annotations

import docx
import pytest

from briefing.ingest import IngestError, read_article


def test_docx_paragraphs_title_and_date(tmp_path):
    d = docx.Document()
    d.add_heading("India and France agree to deepen defence ties", level=1)
    d.add_paragraph("NEW DELHI, Dec 17, 2021 (PTI) - India and France on Friday agreed to further strengthen "
                    "their bilateral defence ties, officials said on 17 December 2021.")
    d.add_paragraph("")
    d.add_paragraph("French Defence Minister Florence Parly met her Indian counterpart Rajnath Singh.")
    d.add_paragraph("Read more")
    f = tmp_path / "brief.docx"
    d.save(f)
    art = read_article(f)
    assert art.format == "docx" and art.source == "brief.docx"
    assert art.title == "India and France agree to deepen defence ties"
    assert art.headline_paragraph == 0
    assert art.paragraphs[1].startswith("NEW DELHI, Dec 17, 2021 (PTI)")
    assert art.paragraphs[2] == "French Defence Minister Florence Parly met her Indian counterpart Rajnath Singh."
    assert len(art.paragraphs) == 3
    assert art.date == "2021-12-17"


def test_docx_core_title_used_when_no_heading(tmp_path):
    d = docx.Document()
    d.core_properties.title = "Ministers sign pact"
    d.add_paragraph("The two ministers signed a pact in Canberra and agreed to expand exercises.")
    f = tmp_path / "t.docx"
    d.save(f)
    art = read_article(f)
    assert art.title == "Ministers sign pact" and art.paragraphs[0] == "Ministers sign pact"


def test_damaged_docx(tmp_path):
    f = tmp_path / "bad.docx"
    f.write_bytes(b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(IngestError, match=r"bad\.docx: "):
        read_article(f)


def test_docx_without_text(tmp_path):
    f = tmp_path / "blank.docx"
    docx.Document().save(f)
    with pytest.raises(IngestError, match=r"blank\.docx: the Word document has no text"):
        read_article(f)


def _docx_with_part(tmp_path, part: str, payload: bytes):
    """A real python-docx file with one more part added (deflated)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Japanese Defence Minister Nobuo Kishi met his Vietnamese counterpart in Hanoi.")
    d.save(buffer)
    f = tmp_path / "packed.docx"
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(part, payload)
    return f


def test_a_part_compressed_like_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    f = _docx_with_part(tmp_path, "word/media/padding.bin", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(IngestError) as err:
        read_article(f)
    message = str(err.value)
    assert message.startswith(f"{f}: refused: word/media/padding.bin unpacks to 40 MB uncompressed")
    assert "zip bomb" in message and "\n" not in message


def test_a_package_unpacking_past_the_limit_is_refused(tmp_path, monkeypatch):
    from briefing.ingest import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 1024 * 1024)
    f = _docx_with_part(tmp_path, "word/media/photo.bin", bytes(range(256)) * 8192)  # 2 MB
    with pytest.raises(IngestError, match=r"packed\.docx: too large: unpacks to [23] MB uncompressed; "
                                          r"the limit is 1 MB$"):
        read_article(f)


def test_an_ordinary_docx_passes_the_package_check(tmp_path):
    f = _docx_with_part(tmp_path, "word/media/photo.bin", bytes(range(256)) * 4096)
    assert "Nobuo Kishi" in read_article(f).text
