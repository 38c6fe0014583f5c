"""`briefing gui FILE --screenshot OUT.png` in a real process: a PNG of the loaded window."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def run_gui(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BRIEFING_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "briefing", "gui", *args], env=env, capture_output=True,
                          text=True, timeout=180)


def test_screenshot_of_the_seed(tmp_path, seed_path):  # noqa: ANN001
    out = tmp_path / "shot.png"
    result = run_gui(str(seed_path), "--screenshot", str(out), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 600
    assert not (tmp_path / "data" / "autosave" / "autosave.briefing").exists()


def test_damaged_project_fails_with_one_line(tmp_path):  # noqa: ANN001
    bad = tmp_path / "bad.briefing"
    bad.write_text("{bad")
    result = run_gui(str(bad), "--screenshot", str(tmp_path / "x.png"), data=tmp_path / "data")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("briefing:")]
    assert len(lines) == 1 and "bad.briefing" in lines[0] and "Traceback" not in result.stderr


def test_missing_file_is_a_clear_error(tmp_path):  # noqa: ANN001
    result = run_gui(str(tmp_path / "nope.txt"), data=tmp_path / "data")
    assert result.returncode == 1 and "nope.txt: no such file" in result.stderr
