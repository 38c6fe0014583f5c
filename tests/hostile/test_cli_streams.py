"""Clear errors, never a traceback: the command's output going nowhere (``/dev/full``,
``| head``), names no file system accepts, TOML nested too deep for its parser, file
names that are not UTF-8. A broken pipe ends quietly with status 141, as SIGPIPE ends
other Unix tools; everything else is one line naming the file (conftest.run_cli checks
that no run prints a traceback or an internal error)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from hostile import project_inputs, template_inputs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_30b27e0cb4826dc3.txt"
LONG_NAME = "t" * 300


def seed_copy(folder: Path, name: str = "a.txt") -> Path:
    path = folder / name
    shutil.copy(SEED, path)
    return path


def test_stdout_to_a_full_device(tmp_path, cli):
    with open("/dev/full", "w") as full:
        run = cli("extract", seed_copy(tmp_path), stdout=full)
    assert run.returncode == 1
    assert run.stderr.splitlines() == ["briefing: cannot write to standard output: No space left on device"]


def test_a_reader_that_stops_early(tmp_path, cli):
    # the JSON may fit the pipe before head exits: then there is nothing to report
    run = cli("extract", seed_copy(tmp_path), shell_suffix="| head -c 50 > /dev/null")
    assert run.stderr.splitlines() in (["exit 0"], ["exit 141"])
    # a reader gone before anything is written: a broken pipe, ended quietly
    run = cli("extract", seed_copy(tmp_path), shell_suffix="| true")
    assert run.stderr.splitlines() == ["exit 141"]
    run = cli("templates", "list", shell_suffix="| head -c 1 > /dev/null")
    assert run.stderr.splitlines() in (["exit 0"], ["exit 141"])


def test_a_template_name_longer_than_a_file_name_can_be(tmp_path, cli):
    run = cli("export", seed_copy(tmp_path), "-o", tmp_path / "n.pdf", "--template", LONG_NAME)
    assert run.returncode == 1 and len(run.stderr.splitlines()) == 1
    assert "invalid template name 'tttt" in run.stderr
    run = cli("templates", "show", LONG_NAME)
    assert run.returncode == 1 and len(run.stderr.splitlines()) == 1
    assert run.stderr.startswith("briefing: invalid template name")


def test_a_project_naming_a_template_longer_than_a_file_name_can_be(tmp_path, cli):
    project = project_inputs.long_template_name(tmp_path)
    run = cli("export", project, "-o", tmp_path / "n.pdf")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"briefing: {project}: invalid template name "
                                       f"'{'t' * 40}\u2026': use up to 64 letters, digits, '-' and '_', "
                                       "starting with a letter or digit"]


def test_templates_list_with_toml_nested_5000_deep(tmp_path, cli):
    data = tmp_path / "data"
    template_inputs.nested_toml(data / "templates")
    run = cli("templates", "list", env={"BRIEFING_DATA_DIR": str(data)})
    assert run.returncode == 0
    nested = [line for line in run.stdout.splitlines() if line.startswith("nested ")]
    assert len(nested) == 1 and "INVALID:" in nested[0] and "nested too deeply" in nested[0]


def test_a_file_name_that_is_not_utf8(tmp_path, cli):
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9 article.txt"
    with open(raw, "wb") as fh:
        fh.write(SEED.read_bytes())
    run = cli("extract", os.fsdecode(raw), env={"PYTHONIOENCODING": "utf-8"})
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)  # complete JSON, no partial write
    assert data["article"]["source"] == "caf\ufffd article.txt"
    missing = os.fsencode(str(tmp_path)) + b"/gon\xe9.txt"
    run = cli("extract", os.fsdecode(missing), env={"PYTHONIOENCODING": "utf-8"})
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.splitlines() == [f"briefing extract: {tmp_path}/gon\ufffd.txt: no such file"]


def test_a_marking_scheme_nested_5000_deep_or_a_fifo(tmp_path, monkeypatch):
    import pytest

    from briefing.markings import SchemeError, load_scheme

    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "data" / "markings"
    folder.mkdir(parents=True)
    (folder / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(SchemeError, match="deep.toml: cannot read: nested too deeply"):
        load_scheme("deep")
    os.mkfifo(folder / "pipe.toml")
    with pytest.raises(SchemeError, match=r"pipe.toml: not a regular file \(a named pipe\)"):
        load_scheme("pipe")
