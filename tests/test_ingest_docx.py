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


def _without_core_properties(path):  # noqa: ANN001
    """Rewrite ``path`` without docProps/core.xml, as LibreOffice saves a converted text."""
    import re
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            if info.filename != "docProps/core.xml":
                parts[info.filename] = package.read(info.filename)
    parts["[Content_Types].xml"] = re.sub(rb'<Override PartName="/docProps/core.xml"[^>]*/>', b"",
                                          parts["[Content_Types].xml"])
    parts["_rels/.rels"] = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", parts["_rels/.rels"])
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_docx_without_properties_never_gets_a_generic_title(tmp_path):
    """A .txt converted by LibreOffice: no title property; python-docx would say "Word Document"."""
    d = docx.Document()
    d.add_paragraph("date 2023-02-03 As Austin visits, US, PHL agree on 4 new EDCA sites")
    d.add_paragraph("THE United States and the Philippines have designated four more locations.")
    f = tmp_path / "converted.docx"
    d.save(f)
    _without_core_properties(f)
    assert docx.Document(str(f)).core_properties.title == "Word Document"  # what python-docx invents
    art = read_article(f)
    assert art.title == "As Austin visits, US, PHL agree on 4 new EDCA sites"
    assert art.date == "2023-02-03"
    assert "Word Document" not in art.text


def test_docx_generic_title_property_is_ignored_and_first_heading_wins(tmp_path):
    d = docx.Document()
    d.core_properties.title = "Word Document"
    d.add_paragraph("date 2021-09-13")
    d.add_heading("Japan and Vietnam sign a defence pact", level=1)
    d.add_paragraph("Japanese Defence Minister Nobuo Kishi met Phan Van Giang in Hanoi.")
    f = tmp_path / "word.docx"
    d.save(f)
    art = read_article(f)
    assert art.title == "Japan and Vietnam sign a defence pact"
    assert art.date == "2021-09-13"
    assert not any("Word Document" in p for p in art.paragraphs)


def test_docx_finds_the_same_people_and_quotes_as_the_same_text(tmp_path, seed_path):
    from briefing.extract import extract

    text = seed_path.read_text(encoding="utf-8")
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    f = tmp_path / "seed.docx"
    d.save(f)
    _without_core_properties(f)
    from_docx, from_txt = extract(read_article(f)), extract(read_article(seed_path))
    assert from_docx.article.title == from_txt.article.title
    assert from_docx.article.date == from_txt.article.date == "2021-09-13"
    assert [q.text for q in from_docx.quotes] == [q.text for q in from_txt.quotes] != []
    assert [p.name for p in from_docx.participants] == [p.name for p in from_txt.participants]
