"""Atomic writes (briefing.fileio): the target is old or new, never partial; the file mode
is kept; temp files a killed writer left are removed by the next write of the same file,
while a live writer's temp file and other files are left alone."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.fileio import (STALE_AFTER_SECONDS, WriteError, atomic_write_bytes, atomic_write_text,
                             remove_stale_temp_files)

REPO = Path(__file__).resolve().parent.parent
# a writer killed inside its write: RLIMIT_FSIZE with SIGXFSZ at its default action
KILLED_WRITER = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
from briefing.fileio import atomic_write_bytes
atomic_write_bytes(sys.argv[1], b"x" * 100_000)
"""


def kill_a_writer_of(target: Path) -> list[str]:
    run = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], cwd=REPO, timeout=120)
    assert run.returncode == -signal.SIGXFSZ
    return temp_files(target.parent)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "note.json"
    atomic_write_text(target, "first\n")
    target.chmod(0o640)
    atomic_write_bytes(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["note.json"]


def test_a_new_file_gets_the_umask_mode_not_the_private_temp_mode(tmp_path):
    target = tmp_path / "new.json"
    atomic_write_text(target, "{}\n")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_a_missing_folder_is_one_line_naming_the_file(tmp_path):
    target = tmp_path / "absent" / "note.json"
    with pytest.raises(WriteError) as err:
        atomic_write_text(target, "x")
    assert str(err.value) == f"{target}: cannot write: {target.parent} does not exist"


def test_the_next_write_removes_what_a_killed_writer_left(tmp_path):
    target = tmp_path / "note.pdf"
    target.write_bytes(b"previous")
    left = kill_a_writer_of(target)
    assert len(left) == 1 and left[0].startswith(".note.pdf.")
    assert target.read_bytes() == b"previous"
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["note.pdf"]


def test_a_live_writers_temp_file_and_other_files_are_kept(tmp_path):
    target = tmp_path / "note.pdf"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        from briefing.fileio import _host_tag

        live = tmp_path / f".note.pdf.{sleeper.pid}-{_host_tag()}.abcd1234.tmp"
        live.write_bytes(b"being written")
        others = [tmp_path / ".note.pdf.backup", tmp_path / ".note.pdf.docx.9-abcdef.abcd1234.tmp",
                  tmp_path / ".other.pdf.1-abcdef.abcd1234.tmp", tmp_path / "note.pdf.tmp"]
        for path in others:
            path.write_bytes(b"keep")
        atomic_write_bytes(target, b"new")
        assert live.exists() and all(p.exists() for p in others)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_old_leftovers_are_removed_whoever_wrote_them(tmp_path):
    target = tmp_path / "note.briefing"
    own = tmp_path / f".note.briefing.{os.getpid()}-000000.abcd1234.tmp"  # a live pid, another host
    legacy = tmp_path / ".note.briefing.k3j_x9q2.tmp"  # the name earlier versions used
    fresh = tmp_path / ".note.briefing.q3j_x9q2.tmp"
    for path in (own, legacy, fresh):
        path.write_bytes(b"partial")
    old = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(own, (old, old))
    os.utime(legacy, (old, old))
    atomic_write_text(target, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, "note.briefing"]
    assert remove_stale_temp_files(target, older_than=0) == [fresh]
