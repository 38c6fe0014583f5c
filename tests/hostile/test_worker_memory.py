"""Worker processes limit their own memory: an input whose work needs more than the limit
fails with one line (``needs more than N MB of memory; nothing was written``) and exit 1,
never a traceback, and nothing is written; the rest of the run goes on. The limits here
are tiny or just above what the test process already holds, so no test allocates much."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing.batch import WORKER_MEMORY_MB, BoundedError, run_batch, run_bounded
from briefing.cli import build_parser
from hostile import project_inputs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_30b27e0cb4826dc3.txt"
MB = 1024 * 1024

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_DATA is Linux's")


def data_megabytes() -> int:
    """This process's data now (VmData), MB: a forked worker starts with as much."""
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmData:")) // 1024


def allocate(megabytes: int) -> int:
    """Work for the pool: hold ``megabytes`` MB at once."""
    block = bytearray(megabytes * MB)
    return len(block) // MB


def data_limit(_: object) -> int:
    import resource

    return resource.getrlimit(resource.RLIMIT_DATA)[0]


def test_a_worker_is_limited_by_default():
    assert run_bounded(data_limit, None) == WORKER_MEMORY_MB * MB
    assert f"default {WORKER_MEMORY_MB}" in build_parser()._subparsers._group_actions[0] \
        .choices["export"].format_help().replace("\n", " ").replace("  ", " ")  # type: ignore[union-attr]


def test_work_past_the_limit_fails_alone_with_one_line():
    limit = data_megabytes() + 300  # a spawned worker starts far below it, a forked one at it
    results = {r.index: r for r in run_batch([16, 2000, 16], allocate, jobs=1, memory_limit_mb=limit)}
    assert results[0].value == 16 and results[2].value == 16  # the same worker goes on
    assert results[1].error == f"needs more than {limit} MB of memory; nothing was written"
    with pytest.raises(BoundedError, match=f"^needs more than {limit} MB of memory; nothing was written$"):
        run_bounded(allocate, 2000, memory_limit_mb=limit)


def test_no_limit_when_asked_for_none():
    import resource

    assert run_bounded(data_limit, None, memory_limit_mb=None) == resource.getrlimit(resource.RLIMIT_DATA)[0]


def test_extract_over_a_tiny_limit_is_one_line(cli):
    run = cli("extract", SEED, "--memory-limit", "1")
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.splitlines() == [
        f"briefing extract: {SEED}: needs more than 1 MB of memory; nothing was written"]


def test_export_over_a_tiny_limit_writes_nothing(tmp_path, cli):
    project = project_inputs.project(tmp_path)
    out = tmp_path / "note.pdf"
    run = cli("export", project, "-o", out, "--project", tmp_path / "copy.briefing", "--memory-limit", "1")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"briefing: {project}: needs more than 1 MB of memory; nothing was written"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [project.name]
    ok = cli("export", project, "-o", out)  # the same input under the default limit
    assert ok.returncode == 0 and out.is_file()


def test_an_export_that_runs_out_after_writing_one_format_says_which(tmp_path, monkeypatch):
    import briefing.export
    from briefing.cli.export_cmd import export_input

    project = project_inputs.project(tmp_path)
    real = briefing.export.export_note

    def pdf_out_of_memory(note, template, path, **kwargs):  # noqa: ANN001, ANN202
        if str(path).endswith(".pdf"):
            raise MemoryError
        return real(note, template, path, **kwargs)

    monkeypatch.setattr(briefing.export, "export_note", pdf_out_of_memory)
    docx, pdf = tmp_path / "note.docx", tmp_path / "note.pdf"
    lines, failed = export_input((str(project), [str(docx), str(pdf)], None, {}))
    assert failed and docx.is_file() and not pdf.exists()
    assert ("out", f"wrote {docx}") in lines
    assert ("err", f"{pdf}: not written: ran out of memory") in lines
    monkeypatch.setattr(briefing.export, "export_note", pdf_out_of_memory)
    with pytest.raises(MemoryError):  # nothing written yet: the worker's one line says so
        export_input((str(project), [str(tmp_path / "other.pdf")], None, {}))
