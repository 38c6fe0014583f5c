"""Plain-text ingestion and the errors every format shares."""
from __future__ import annotations

import pytest

from briefing.ingest import MAX_TEXT_CHARS, IngestError, article_from_text, read_article


def test_utf8_with_bom(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeffJapan\u2019s minister met his counterpart.\n\nThey agreed.".encode("utf-8"))
    art = read_article(f)
    assert art.paragraphs == ["Japan\u2019s minister met his counterpart.", "They agreed."]
    assert art.source == "a.txt" and art.format == "txt" and not art.warnings


def test_cp1252_fallback_with_warning(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes("The minister\u2019s \u201cvisit\u201d cost \u20ac5 \u2013 caf\u00e9.".encode("cp1252"))
    art = read_article(f)
    assert art.paragraphs == ["The minister\u2019s \u201cvisit\u201d cost \u20ac5 \u2013 caf\u00e9."]
    assert art.warnings and "cp1252" in art.warnings[0] and "old.txt" in art.warnings[0]


def test_seed_reads(seed_article):
    assert seed_article.source == "000_30b27e0cb4826dc3.txt"
    assert seed_article.date == "2021-09-13"


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n\t  \n", "empty"),
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("chrome.txt", b"Share:\n\nRead more\n\nActions\n", "no article text"),
])
def test_bad_text_files(tmp_path, name, data, problem):
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(IngestError) as err:
        read_article(f)
    msg = str(err.value)
    assert name in msg and problem in msg and "\n" not in msg


def test_unsupported_extension(tmp_path):
    f = tmp_path / "sheet.xlsx"
    f.write_bytes(b"PK\x03\x04")
    with pytest.raises(IngestError, match=r"sheet\.xlsx: unsupported file type"):
        read_article(f)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="nope.txt: no such file"):
        read_article(tmp_path / "nope.txt")


def test_oversized_text(tmp_path):
    f = tmp_path / "huge.txt"
    f.write_text("word " * (MAX_TEXT_CHARS // 5 + 10), encoding="utf-8")
    with pytest.raises(IngestError, match=r"huge\.txt: too long"):
        read_article(f)


def test_article_from_text_errors_and_source():
    with pytest.raises(IngestError, match="clipboard: empty"):
        article_from_text("  \n ", source="clipboard")
    art = article_from_text("Ministers met.", source="clipboard")
    assert art.format == "clipboard" and art.source == "clipboard"


def test_text_errors_and_warnings_name_the_path_as_given(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    binary, old = folder / "scan.txt", folder / "old.txt"
    binary.write_bytes(bytes(range(1, 256)) * 200)
    old.write_bytes("Caf\u00e9 talks in Hanoi.".encode("cp1252"))
    with pytest.raises(IngestError) as err:
        read_article(binary)
    assert str(err.value).startswith(f"{binary}: ")
    assert read_article(old).warnings[0].startswith(f"{old}: ")


def test_utf8_with_stray_cp1252_bytes_keeps_its_utf8_and_warns(tmp_path):
    f = tmp_path / "pasted.txt"
    f.write_bytes("\u201cThis is an important step,\u201d Kishi said in Hanoi.\n\n".encode("utf-8")
                  + "Caf\u00e9 d\u00e9j\u00e0 vu \u2013 talks went on.".encode("cp1252"))
    art = read_article(f)
    assert art.paragraphs == ["\u201cThis is an important step,\u201d Kishi said in Hanoi.",
                              "Caf\u00e9 d\u00e9j\u00e0 vu \u2013 talks went on."]
    assert len(art.warnings) == 1
    assert art.warnings[0] == f"{f}: mostly UTF-8; 4 bytes that are not UTF-8 read as Windows-1252 (cp1252)"


def test_a_byte_undefined_in_cp1252_becomes_a_replacement_character(tmp_path):
    f = tmp_path / "odd.txt"
    f.write_bytes("Ministers met in Hanoi \u2013 ".encode("utf-8") + b"and agreed\x9d to talk again.")
    art = read_article(f)
    assert art.paragraphs == ["Ministers met in Hanoi \u2013 and agreed\ufffd to talk again."]
    assert "1 undecodable byte" in art.warnings[0]


def test_many_bytes_undefined_in_cp1252_are_refused(tmp_path):
    f = tmp_path / "sjis.txt"
    f.write_bytes("\u65e5\u672c\u3068\u30d9\u30c8\u30ca\u30e0\u3002".encode("shift_jis") * 50)
    with pytest.raises(IngestError, match=rf"^{f}: undecodable bytes, neither UTF-8 nor cp1252 text"):
        read_article(f)
