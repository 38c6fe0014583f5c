"""Per-user files read bounded: a 200 MB preferences file, a preferences file that is a
named pipe, a 200 MB reference sequence and a 200 MB library journal never stop, hang or
exhaust the ``briefing`` command (run under the child's memory and CPU caps). The
preferences fall back to the defaults with one warning line; the sequence is one line
naming it; nothing of the user's is overwritten."""
from __future__ import annotations

from pathlib import Path

from hostile import user_file_inputs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_30b27e0cb4826dc3.txt"


def _env(user: Path) -> dict[str, str]:
    return {"BRIEFING_DATA_DIR": str(user)}


def test_a_200_mb_preferences_file_gives_the_defaults_with_one_warning(tmp_path, cli):
    user = tmp_path / "user"
    path = user_file_inputs.huge_preferences(user)
    out = tmp_path / "note.briefing"
    run = cli("draft", SEED, "-o", out, env=_env(user))
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [f"briefing: warning: {path}: too large (209.7 MB; the limit is 1 MB); "
                                       "the preferences are the defaults"]
    assert path.stat().st_size == 200 * 1024 * 1024  # left as it was
    from briefing.note.project import load_project

    assert load_project(out).note.header.analyst == ""  # the default, not the file's
    run = cli("export", SEED, "-o", tmp_path / "note.pdf", env=_env(user))
    assert run.returncode == 0 and "the preferences are the defaults" in run.stderr


def test_a_preferences_file_that_is_a_named_pipe_is_not_waited_on(tmp_path, cli):
    user = tmp_path / "user"
    path = user_file_inputs.preferences_pipe(user)
    run = cli("draft", SEED, "-o", tmp_path / "note.briefing", env=_env(user))
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [f"briefing: warning: {path}: not a regular file (a named pipe); "
                                       "the preferences are the defaults"]


def test_a_200_mb_reference_sequence_is_one_line_naming_it(tmp_path, cli):
    user = tmp_path / "user"
    path = user_file_inputs.huge_sequence(user)
    run = cli("draft", SEED, "-o", tmp_path / "note.briefing", env=_env(user))
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"briefing: {SEED}: {path}: too large (209.7 MB; the limit is 1 MB); "
                                       "cannot update the reference sequence"]
    assert path.stat().st_size == 200 * 1024 * 1024 and not (tmp_path / "note.briefing").exists()


def test_a_200_mb_library_journal_is_not_replayed(tmp_path, cli):
    user = tmp_path / "user"
    journal = user_file_inputs.huge_journal(user)
    out = tmp_path / "note.briefing"
    run = cli("draft", SEED, "-o", out, env=_env(user))
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and "was unusable" in lines[0] and "from 0 known note files" in lines[0], lines
    run = cli("library", "search", "--person", "Kishi", env=_env(user))
    assert run.returncode == 0 and str(out) in run.stdout
    assert journal.stat().st_size >= 200 * 1024 * 1024
