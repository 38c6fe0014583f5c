"""Faults while writing: a read-only folder, a full disk, a process killed mid-write, and
the GUI killed with unsaved work.

Export (`briefing export`) and project saving (`save_project`) run in child processes
with real operating-system faults: ``RLIMIT_FSIZE`` makes a write fail with EFBIG (a full
disk, SIGXFSZ ignored) or kills the process in the middle of the write (SIGXFSZ at its
default action); a small tmpfs gives a real ENOSPC and a read-only remount a real EROFS
where mounting is allowed. Each time the previous file must be intact and, after an
error, no temporary file left behind.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LIMITED = """
import resource, signal, sys
limit, mode = int(sys.argv[1]), sys.argv[2]
# Python ignores SIGXFSZ: then a write past the limit fails with EFBIG ("error");
# at its default action the kernel kills the process inside that write ("kill")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN if mode == "error" else signal.SIG_DFL)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
action = sys.argv[3]
if action == "export":
    from briefing.cli import main
    # "kill": no worker process (--task-timeout 0), so the process killed is this one
    sys.exit(main(["export", sys.argv[4], "-o", sys.argv[5]] + (["--task-timeout", "0"] if mode == "kill" else [])))
from briefing.note.project import ProjectError, load_project, save_project
project = load_project(sys.argv[4])
try:
    save_project(sys.argv[5], project)
except ProjectError as exc:
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(1)
"""


@pytest.fixture(scope="module")
def project_file(tmp_path_factory, seed_article, seed_extraction) -> Path:
    from briefing.note.draft import draft_note
    from briefing.note.project import Project, save_project

    path = tmp_path_factory.mktemp("project") / "seed.briefing"
    save_project(path, Project(draft_note(seed_article, seed_extraction), seed_article, seed_extraction))
    return path


def run_limited(limit: int, mode: str, action: str, source: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), mode, action, str(source), str(target)],
                          capture_output=True, text=True, timeout=300, cwd=REPO)


def leftovers(folder: Path, keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != keep)


def old_file(folder: Path, name: str) -> tuple[Path, bytes]:
    path = folder / name
    payload = b"previous version " * 10
    path.write_bytes(payload)
    return path, payload


@pytest.mark.parametrize("name", ["note.pdf", "note.docx", "note.briefing"])
def test_full_disk_keeps_the_previous_file_and_no_temporary(name, tmp_path, project_file):
    out = tmp_path / "out"
    out.mkdir()
    target, before = old_file(out, name)
    action = "save" if name.endswith(".briefing") else "export"
    run = run_limited(4096, "error", action, project_file, target)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert len(run.stderr.splitlines()) == 1 and str(target) in run.stderr
    assert "too large" in run.stderr.lower()  # EFBIG, "File too large"
    assert target.read_bytes() == before
    assert leftovers(out, target) == []


@pytest.mark.parametrize("name", ["note.pdf", "note.docx", "note.briefing"])
def test_killed_mid_write_keeps_the_previous_file(name, tmp_path, project_file):
    out = tmp_path / "out"
    out.mkdir()
    target, before = old_file(out, name)
    action = "save" if name.endswith(".briefing") else "export"
    run = run_limited(4096, "kill", action, project_file, target)
    assert run.returncode == -signal.SIGXFSZ  # killed by the kernel inside write()
    assert target.read_bytes() == before
    # what the killed writer left is a partial temporary file, never the target itself
    assert all(n.startswith(f".{name}.") and n.endswith(".tmp") for n in leftovers(out, target))


@pytest.mark.parametrize("name", ["note.pdf", "note.briefing"])
def test_next_write_removes_what_a_killed_writer_left(name, tmp_path, project_file):
    out = tmp_path / "out"
    out.mkdir()
    target, _ = old_file(out, name)
    action = "save" if name.endswith(".briefing") else "export"
    assert run_limited(4096, "kill", action, project_file, target).returncode == -signal.SIGXFSZ
    assert leftovers(out, target)  # the killed writer's partial temp file
    run = run_limited(1 << 30, "error", action, project_file, target)
    assert run.returncode == 0
    assert leftovers(out, target) == []


# ---------------------------------------------------------------- real mounts (root only)

def mount(*args: str) -> bool:
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture()
def small_tmpfs(tmp_path):
    folder = tmp_path / "tmpfs"
    folder.mkdir()
    if not mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)):
        pytest.skip("cannot mount a tmpfs here (needs root); the RLIMIT_FSIZE tests cover full disks")
    yield folder
    subprocess.run(["umount", str(folder)], check=False)


def export_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", "export", *args], capture_output=True,
                          text=True, timeout=300, cwd=REPO)


def test_export_to_a_real_full_disk(small_tmpfs, project_file):
    target, before = old_file(small_tmpfs, "note.pdf")
    filler = small_tmpfs / "filler"
    with open(filler, "wb") as fh:
        try:
            fh.write(b"x" * (60 * 1024))
        except OSError:
            pass
    run = export_cli(str(project_file), "-o", str(target))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert str(target) in run.stderr and "No space left" in run.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["filler", "note.pdf"]


def test_export_and_save_to_a_read_only_folder(small_tmpfs, project_file):
    from briefing.note.project import ProjectError, load_project, save_project

    pdf, pdf_before = old_file(small_tmpfs, "note.pdf")
    saved, saved_before = old_file(small_tmpfs, "note.briefing")
    assert mount("-o", "remount,ro", str(small_tmpfs))
    run = export_cli(str(project_file), "-o", str(pdf))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert len(run.stderr.splitlines()) == 1 and str(pdf) in run.stderr
    with pytest.raises(ProjectError, match="Read-only file system") as err:
        save_project(saved, load_project(project_file))
    assert str(err.value).startswith(f"{saved}: ")
    assert pdf.read_bytes() == pdf_before and saved.read_bytes() == saved_before
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["note.briefing", "note.pdf"]


# The GUI killed with unsaved work: tests/gui/test_crash_recovery.py (real processes, SIGKILL).
