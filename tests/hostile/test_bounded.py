"""Bounded work everywhere, not only with ``-j``: inputs that made a single-file command
or the GUI's reader hang, grow without bound or take quadratic time are read in linear
time, refused by size (counted while reading, not only from ``stat``) or by kind (only
regular files), and every single-file read runs in a worker process under the batch
time limit. Each runs in a child process under memory and CPU caps (child.py)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from hostile import inputs, project_inputs, template_inputs
from hostile.test_read_hostile import assert_one_line_naming

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_30b27e0cb4826dc3.txt"


def test_an_element_with_300000_attributes_is_read(tmp_path, child):
    outcome = child("read", inputs.html_many_attributes(tmp_path))
    assert "Phan Van Giang" in " ".join(outcome["paragraphs"])
    assert any("attributes left out" in w for w in outcome["warnings"])


def test_a_docx_of_100000_tiny_paragraphs_is_read(tmp_path, child):
    outcome = child("read", inputs.docx_many_paragraphs(tmp_path, 100_000))
    assert "error" not in outcome, outcome  # lone dots are cleaned away: the title is left
    assert outcome["title"] == "Japan and Vietnam sign defence pact"


def test_a_docx_of_400000_tiny_paragraphs_is_too_long(tmp_path, child):
    path = inputs.docx_many_paragraphs(tmp_path, 400_000)
    outcome = child("read", path)
    assert_one_line_naming(outcome["error"], path)
    assert "too long (more than 400,000 characters" in outcome["error"]


@pytest.mark.parametrize("maker", [inputs.fifo, inputs.device_link], ids=["fifo", "dev-zero"])
@pytest.mark.parametrize("action", ["read", "load"])
def test_only_regular_files_are_opened(maker, action, tmp_path, child):
    path = maker(tmp_path)
    if action == "load":
        path = path.rename(path.with_suffix(".briefing"))
    outcome = child(action, path)
    kind = "a named pipe" if maker is inputs.fifo else "a device"
    assert outcome["error"] == f"{path}: not a regular file ({kind})"


@pytest.mark.parametrize("maker", [inputs.fifo, inputs.device_link], ids=["fifo", "dev-zero"])
def test_single_file_commands_refuse_what_is_not_a_regular_file(maker, tmp_path, cli):
    path = maker(tmp_path)
    for args in (["extract", path], ["export", path, "-o", tmp_path / "n.pdf"], ["check", path]):
        run = cli(*args)
        assert run.returncode == 1
        kind = "a named pipe" if maker is inputs.fifo else "a device"
        assert run.stderr.strip().endswith(f"{path}: not a regular file ({kind})")


def test_a_file_that_grew_after_its_size_was_checked(tmp_path, child):
    path = inputs.text_over_limit(tmp_path, 60)
    outcome = child("grown", path)
    assert outcome["error"] == f"{path}: too large (over the 50 MB limit)"


def test_a_project_over_the_size_limit_is_refused_before_parsing(tmp_path, child):
    path = project_inputs.huge(tmp_path, 70)
    started = time.monotonic()
    outcome = child("load", path)
    assert outcome["error"].startswith(f"{path}: too large (") and "the limit is 64 MB" in outcome["error"]
    assert time.monotonic() - started < 60  # not parsed (the bench measures it)


def test_a_project_whose_summary_is_2_mb_exports(tmp_path, cli):
    path = project_inputs.long_summary(tmp_path, 2)
    out = tmp_path / "note.pdf"
    run = cli("export", path, "-o", out)
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 100_000


def test_a_144_megapixel_logo_is_refused_from_its_header(tmp_path, child, cli):
    folder = template_inputs.big_logo(tmp_path)
    outcome = child("template", folder)
    assert "logo.file: file 'logo.png' is too large (12,000 x 12,000 pixels; the limit is 16 megapixels)" \
        in outcome["error"]
    run = cli("export", SEED, "-o", tmp_path / "n.pdf", "--template", folder)
    assert run.returncode == 1 and not (tmp_path / "n.pdf").exists()
    assert len(run.stderr.splitlines()) == 1 and "12,000 x 12,000 pixels" in run.stderr  # no library warning


def sleep_then_return(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_one_call_runs_in_a_worker_under_the_time_limit():
    from briefing.batch import BoundedError, run_bounded

    assert run_bounded(sleep_then_return, 0.0, task_timeout=30) == 0.0
    started = time.monotonic()
    with pytest.raises(BoundedError, match=r"^timed out after 1 s"):
        run_bounded(sleep_then_return, 60.0, task_timeout=1)
    assert time.monotonic() - started < 30


def test_a_single_file_extract_has_the_batch_time_limit(tmp_path, cli):
    path = tmp_path / "a.txt"
    path.write_text(inputs.GOOD_TEXT, encoding="utf-8")
    run = cli("extract", path, "--task-timeout", "0.01")
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith(f"briefing extract: {path}: timed out after 0.01 s")


def test_the_gui_reader_reads_in_a_worker_with_the_limit(tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    from briefing import batch
    from briefing.gui.file_actions import read_article_file
    from briefing.ingest import IngestError

    fifo = inputs.fifo(tmp_path)
    with pytest.raises(IngestError, match="not a regular file"):
        read_article_file(fifo)
    calls = []
    real = batch.run_bounded

    def spy(work, task, **kwargs):  # noqa: ANN001, ANN003, ANN202
        calls.append(kwargs.get("task_timeout", batch.DEFAULT_TASK_TIMEOUT))
        return real(work, task, **kwargs)

    monkeypatch.setattr(batch, "run_bounded", spy)
    article = read_article_file(SEED)
    assert article.paragraphs and calls == [batch.DEFAULT_TASK_TIMEOUT]
