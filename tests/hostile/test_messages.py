"""Messages that say what is wrong, with the file: a timeout in a batch, a FIFO or a
device, a damaged or SVG logo, control characters and trailing newlines in templates,
an HTML page too long or nested too deep, a PDF of 100,000 pages, encrypted PDFs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hostile import inputs, template_inputs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_30b27e0cb4826dc3.txt"


def test_a_timeout_in_a_batch_names_the_file(tmp_path, cli):
    files = [tmp_path / "first.txt", tmp_path / "second.txt"]
    for path in files:
        shutil.copy(SEED, path)
    run = cli("export", "-j", "2", "--task-timeout", "0.01", "--out-dir", tmp_path / "out", *files)
    assert run.returncode == 1
    for path in files:
        assert [line for line in run.stderr.splitlines()
                if line.startswith(f"briefing: {path}: timed out after 0.01 s")], run.stderr


@pytest.mark.parametrize("maker, kind", [(inputs.fifo, "a named pipe"), (inputs.device_link, "a device")],
                         ids=["fifo", "dev-zero"])
def test_what_is_not_a_regular_file_is_called_so(maker, kind, tmp_path, cli):
    path = maker(tmp_path)
    run = cli("export", path, "-o", tmp_path / "n.pdf")
    assert run.stderr.splitlines() == [f"briefing: {path}: not a regular file ({kind})"]


@pytest.mark.parametrize("kind, words", [("png", "is a damaged image (OSError)"),
                                         ("svg", "is not a PNG or JPEG image")])
def test_a_bad_logo_is_a_template_problem_naming_the_template(kind, words, tmp_path, cli):
    folder = template_inputs.corrupt_logo(tmp_path, kind)
    run = cli("check", SEED, "--template", folder)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"briefing: {SEED}: {folder / 'template.toml'}: logo.file: file 'logo.{kind}' {words}"]


def test_control_characters_in_a_template_are_refused_and_never_printed(tmp_path, cli, child):
    data = tmp_path / "data"
    folder = template_inputs.control_characters(data / "templates")
    outcome = child("template", folder)
    assert {e.split(": ")[1] for e in outcome["errors"]} == {"name", "header.left", "classification.default"}
    assert all("control characters are not allowed" in e for e in outcome["errors"])
    (data / "templates" / "\x1b[2Jwipe").mkdir()
    (data / "templates" / "\x1b[2Jwipe" / "template.toml").write_text("x = 1\n")
    run = cli("templates", "list", env={"BRIEFING_DATA_DIR": str(data)})
    assert run.returncode == 0 and "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\\x1b[2Jwipe" in run.stdout and "INVALID: " in run.stdout


def test_a_colour_with_a_trailing_newline_is_refused(tmp_path, child):
    outcome = child("template", template_inputs.trailing_newline_colour(tmp_path))
    assert outcome["errors"] and "colours.heading" in outcome["errors"][0]


def test_a_template_name_with_a_trailing_newline_is_refused(tmp_path, cli):
    data = tmp_path / "data"
    run = cli("templates", "new", "mine\n", "--from", "one-page", env={"BRIEFING_DATA_DIR": str(data)})
    assert run.returncode == 1
    assert run.stderr.splitlines() == ["briefing: invalid template name 'mine\\x0a': use up to 64 letters, "
                                       "digits, '-' and '_', starting with a letter or digit"]
    assert not (data / "templates").exists() or list((data / "templates").iterdir()) == []


def test_a_30_mb_one_line_page_is_too_long(tmp_path, child):
    path = inputs.html_one_line(tmp_path)
    outcome = child("read", path)
    assert outcome["error"].startswith(f"{path}: too long (about ")
    assert outcome["error"].endswith("characters of text; the limit is 400,000)")


def test_text_nested_200000_deep_is_kept(tmp_path, child):
    outcome = child("read", inputs.html_nested(tmp_path))
    assert "The deep paragraph says the two ministers signed the pact." in outcome["paragraphs"]
    assert any("levels deep" in w for w in outcome["warnings"])


def test_a_pdf_of_100000_pages_is_refused_from_its_page_count(tmp_path, child):
    path = inputs.pdf_many_pages(tmp_path)
    outcome = child("read", path)
    assert outcome["error"] == f"{path}: too long (100,000 pages; the limit is 2,000)"


def test_an_aes_pdf_with_an_empty_password_is_read(tmp_path, child):
    outcome = child("read", inputs.pdf_aes(tmp_path, ""))
    assert "error" not in outcome, outcome
    assert any("Phan Van Giang" in p for p in outcome["paragraphs"])


@pytest.mark.parametrize("make", [lambda f: inputs.pdf_aes(f, "secret"), lambda f: inputs.make("encrypted pdf", f)],
                         ids=["aes-256", "rc4"])
def test_a_pdf_that_needs_a_password_gets_advice(make, tmp_path, child):
    path = make(tmp_path)
    assert child("read", path)["error"] == f"{path}: encrypted PDF: open it and save an unprotected copy"
