"""Nothing lost: real composer processes killed with SIGKILL, then started again.

Each session is ``crash_child.py`` in its own process with the same data folder; the test
reads what it reports, waits, and kills it the way a power cut or an out-of-memory kill
would.  The next session must offer the latest work back, every time.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.note.project import load_project

CHILD = Path(__file__).with_name("crash_child.py")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


class Session:
    """One composer process: start it, read its reports, kill it."""

    def __init__(self, data: Path, steps: list[dict]) -> None:
        env = dict(os.environ, BRIEFING_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
        self.process = subprocess.Popen([sys.executable, str(CHILD), json.dumps(steps)], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))

    def wait_for(self, tag: str, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                report = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                self.kill()
                raise AssertionError(f"the session never reported {tag!r}") from None
            if report["tag"] == tag:
                return report

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        assert self.process.returncode in (-signal.SIGKILL, 0) or self.process.returncode is not None


def wait_for_autosave_holding(data: Path, text: str, timeout: float = 60) -> None:
    """Until an autosave copy in ``data`` holds ``text`` (for tests about what happens
    after a crash rather than how soon the copy is written: a loaded machine may take longer
    than the debounce; the three-second test keeps its own timing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for copy in (data / "autosave").glob("autosave-*"):
            try:
                if text in copy.read_text(encoding="utf-8", errors="replace"):
                    return
            except OSError:
                pass  # being replaced
        time.sleep(0.2)
    raise AssertionError(f"no autosave copy held {text!r} after {timeout} s")


def no_autosave_named(report: dict) -> None:
    """``last_project`` and the recent files never name an autosave copy."""
    names = [report["last_project"] or "", *report["recent"]]
    assert not any("autosave" in Path(name).name for name in names), names


def test_crash_three_seconds_after_an_edit_offers_the_edit_back(tmp_path):
    first = Session(tmp_path / "data", [{"do": "title", "text": "Typed just before the crash"},
                                        {"do": "idle"}])
    first.wait_for("idle")
    time.sleep(3.0)
    first.kill()
    second = Session(tmp_path / "data", [{"do": "idle"}])
    report = second.wait_for("started")
    second.kill()
    assert report["asked"] == ["Recover unsaved work?"]
    assert report["title"] == "Typed just before the crash"
    assert report["modified"] and report["path"] is None
    no_autosave_named(report)


def test_two_crashes_in_a_row_without_saving_lose_nothing(tmp_path):
    data = tmp_path / "data"
    first = Session(data, [{"do": "summary", "text": "First session's summary"}, {"do": "idle"}])
    first.wait_for("idle")
    wait_for_autosave_holding(data, "First session's summary")
    first.kill()
    second = Session(data, [{"do": "idle"}])  # recovers, then dies at once, saving nothing
    assert second.wait_for("started")["summary"] == "First session's summary"
    second.wait_for("idle")
    second.kill()
    third = Session(data, [{"do": "title", "text": "Third session's title"}, {"do": "idle"}])
    report = third.wait_for("started")
    assert report["asked"] == ["Recover unsaved work?"]
    assert report["summary"] == "First session's summary"
    third.wait_for("idle")
    wait_for_autosave_holding(data, "Third session's title")
    third.kill()
    fourth = Session(data, [{"do": "idle"}])
    report = fourth.wait_for("started")
    fourth.kill()
    assert report["asked"] == ["Recover unsaved work?"]
    assert (report["title"], report["summary"]) == ("Third session's title", "First session's summary")
    no_autosave_named(report)


def test_crash_during_a_save_keeps_the_project_and_offers_the_work(tmp_path):
    data, project = tmp_path / "data", tmp_path / "notes" / "kishi.briefing"
    project.parent.mkdir()
    first = Session(data, [{"do": "title", "text": "Saved version"}, {"do": "save", "path": str(project)},
                           {"do": "title", "text": "Edited after saving"},
                           {"do": "save_and_die", "path": str(project)}])
    assert first.wait_for("save")["path"] == str(project)
    first.wait_for("save_and_die")
    first.process.wait(60)
    assert first.process.returncode == -signal.SIGKILL
    assert load_project(project).note.header.title == "Saved version"  # the old file is intact
    second = Session(data, [{"do": "idle"}])
    report = second.wait_for("started")
    second.kill()
    assert report["asked"] == ["Recover unsaved work?"]
    assert report["title"] == "Edited after saving"
    assert report["path"] == str(project) and report["modified"]
    assert report["last_project"] == str(project)
    no_autosave_named(report)
