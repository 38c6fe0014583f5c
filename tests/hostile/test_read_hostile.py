"""Hostile files opened by the core readers the CLI and the GUI call: ``read_article`` (open
an article) under memory and CPU limits in a child process. Each is refused with one line
naming the file, or read (with a warning where that helps); nothing is fetched or run."""
from __future__ import annotations

import pytest

from hostile.inputs import ACCEPTED, EITHER, REJECTED, make


def assert_one_line_naming(message: str, path) -> None:  # noqa: ANN001
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ") or message.startswith(f"{path}: ")


@pytest.mark.parametrize("kind", REJECTED)
def test_rejected_with_one_line_naming_the_file(kind, tmp_path, child):
    path = make(kind, tmp_path)
    outcome = child("read", path)
    assert "error" in outcome, outcome
    assert_one_line_naming(outcome["error"], path)


@pytest.mark.parametrize("kind", ACCEPTED + EITHER)
def test_read_or_refused_cleanly_and_nothing_fetched(kind, tmp_path, child, watched_server):
    before = len(watched_server.requests)
    path = make(kind, tmp_path, watched_server.url)
    outcome = child("read", path)
    if "error" in outcome:
        assert kind in EITHER, outcome
        assert_one_line_naming(outcome["error"], path)
    else:
        text = "\n".join(outcome["paragraphs"])
        assert outcome["chars"] > 0 and "SCRIPT-RAN" not in text and "fetched" not in text
        assert "document.write" not in text and "<script" not in text
    assert watched_server.requests[before:] == []


def test_html_keeps_the_article_and_drops_scripts(tmp_path, child, watched_server):
    outcome = child("read", make("hostile html", tmp_path, watched_server.url))
    assert outcome["paragraphs"][0] == "Japan and Vietnam sign defence pact"
    assert any("Phan Van Giang" in p for p in outcome["paragraphs"])
    assert not any(watched_server.url in p for p in outcome["paragraphs"])


def test_cp1252_is_read_with_a_warning(tmp_path, child):
    outcome = child("read", make("cp1252", tmp_path))
    assert "\u201cThis is an important step,\u201d Kishi said." in outcome["paragraphs"]
    assert outcome["warnings"] and "cp1252" in outcome["warnings"][0]


# ---------------------------------------------------------------- known bugs in ingest

def test_zip_bomb_is_refused_by_its_uncompressed_size(tmp_path, child):
    path = make("zip bomb docx", tmp_path)
    outcome = child("read", path)
    assert "MemoryError" not in outcome.get("error", "")
    assert "uncompressed" in outcome.get("error", "") or "too large" in outcome.get("error", "")


def test_text_errors_name_the_full_path(tmp_path, child):
    path = make("binary", tmp_path)
    assert child("read", path)["error"].startswith(f"{path}: ")


def test_mostly_utf8_text_is_read_with_a_warning(tmp_path, child):
    outcome = child("read", make("mixed encodings", tmp_path))
    assert "error" not in outcome and outcome["warnings"]
