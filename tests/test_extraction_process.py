"""The child process that reads and extracts the composer's articles (no Qt): its records,
later jobs, its failures (unreadable file, time limit, killed), stopping it, no traceback."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from briefing.article import Article
from briefing.extraction import Extraction
from briefing.extraction_process import ChildFailure, can_fork, start


def methods() -> list[bool]:
    """Forked (when this process may fork: one thread) and a new interpreter."""
    return [True, False] if can_fork() else [False]


@pytest.mark.parametrize("fork", methods())
def test_child_sends_the_article_then_its_extraction(seed_path: Path, seed_article, seed_extraction, fork: bool,
                                                      capfd: pytest.CaptureFixture[str]) -> None:
    early = start(seed_path, fork=fork)
    assert early is not None and early.forked is fork
    article = early.article()
    assert isinstance(article, Article)
    assert article.norm_text == seed_article.norm_text
    extraction = early.extraction()
    assert isinstance(extraction, Extraction)
    assert extraction.to_json() == seed_extraction.to_json()  # what extracting here gives
    assert early.alive and not early.busy  # it waits for the next article
    early.cancel()
    assert early.exit_status is not None and early.peak_rss > 0
    assert capfd.readouterr().err == ""


def test_child_takes_later_articles_one_at_a_time(seed_path: Path, seed_article, tmp_path: Path) -> None:
    early = start(seed_path, fork=False)
    assert not early.submit(seed_path)  # busy with the first
    assert isinstance(early.article(), Article) and isinstance(early.extraction(), Extraction)
    other = tmp_path / "other.txt"
    other.write_text(seed_path.read_text(encoding="utf-8").replace("Japan and Vietnam", "Japan and Laos", 1),
                     encoding="utf-8")
    assert early.submit(other)
    article = early.article()
    assert article.paragraphs[0].startswith("Japan and Laos")
    assert any(c.code == "LA" for c in early.extraction().countries)
    assert early.submit(seed_article)  # an Article (the clipboard's): extracted, not read again
    assert isinstance(early.extraction(), Extraction)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert early.submit(empty)
    assert isinstance(early.article(), ChildFailure) and early.alive  # an unreadable file does not end it
    assert early.submit(seed_path) and isinstance(early.article(), Article)
    assert early.jobs == 5
    early.cancel()


@pytest.mark.parametrize("fork", methods())
def test_unreadable_file_is_its_one_line_error_not_a_fall_back(tmp_path: Path, fork: bool,
                                                               capfd: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    early = start(empty, fork=fork)
    failure = early.article()
    assert isinstance(failure, ChildFailure)
    assert failure.message == f"{empty}: empty file" and not failure.fall_back
    early.cancel()
    assert "Traceback" not in capfd.readouterr().err


def test_time_limit_stops_the_child(seed_path: Path) -> None:
    early = start(seed_path, timeout=0.5, fork=False)  # a new interpreter cannot load spaCy in time
    first = early.article()  # the article in time, most likely
    failure = first if isinstance(first, ChildFailure) else early.extraction()
    assert isinstance(failure, ChildFailure) and not failure.fall_back
    assert "timed out after 0.5 s" in failure.message
    assert os.WIFSIGNALED(early.exit_status) and os.WTERMSIG(early.exit_status) == signal.SIGKILL


def test_killed_child_means_doing_the_work_here(seed_path: Path) -> None:
    early = start(seed_path)
    os.kill(early.pid, signal.SIGKILL)
    failure = early.article()
    assert isinstance(failure, ChildFailure) and failure.fall_back
    assert "stopped without an answer" in failure.message
    assert isinstance(early.extraction(), ChildFailure)  # no second wait


def test_cancel_releases_a_thread_waiting_for_the_child(seed_path: Path) -> None:
    early = start(seed_path, fork=False)  # a new interpreter: spaCy takes a second to load
    assert isinstance(early.article(), Article)
    results: list[object] = []
    waiter = threading.Thread(target=lambda: results.append(early.extraction()))
    waiter.start()
    time.sleep(0.1)
    cancelled = time.monotonic()
    early.cancel()
    waiter.join(10)
    assert not waiter.is_alive() and time.monotonic() - cancelled < 5
    assert isinstance(results[0], ChildFailure)
    assert os.WIFSIGNALED(early.exit_status)


def test_child_ends_itself_when_its_parent_is_gone(tmp_path: Path, seed_path: Path) -> None:
    """A parent that dies without stopping its child (killed) leaves no child running."""
    import subprocess
    import sys

    pid_file = tmp_path / "child.pid"
    code = ("import sys, time\n"
            "from briefing.extraction_process import start\n"
            f"early = start({str(seed_path)!r}, fork=True)\n"
            f"open({str(pid_file)!r}, 'w').write(str(early.pid))\n"
            "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        for _ in range(200):
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.05)
        child = int(pid_file.read_text())
    finally:
        parent.kill()
        parent.wait()
    for _ in range(60):  # the child watches its parent twice a second
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail("the child outlived its parent")


def test_child_over_its_memory_limit_is_a_one_line_refusal(seed_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """A child allowed 1 MiB more than it starts with cannot load what reading and
    extracting need: it says so in one line, ends, and the work is not to be done in the
    window (a new interpreter here; forked, as ``briefing gui`` starts it, below)."""
    early = start(seed_path, fork=False, memory_limit=1 << 20)
    failure = early.article()
    if not isinstance(failure, ChildFailure):  # the article fitted; the extraction cannot
        failure = early.extraction()
    assert isinstance(failure, ChildFailure) and failure.reason == "memory" and not failure.fall_back
    assert failure.message == f"{seed_path.name}: reading and extracting it needs more memory than allowed (1 MiB)"
    assert not early.alive and early.exit_status is not None
    assert not early.submit(seed_path)  # it is gone: the composer starts a new one
    assert "Traceback" not in capfd.readouterr().err


def test_forked_child_over_its_memory_limit_is_a_one_line_refusal(seed_path: Path) -> None:
    """Forked from a process that has loaded little, as ``briefing gui`` forks it (this test
    process has freed memory its fork could reuse, so it runs in a fresh one)."""
    import subprocess
    import sys

    code = ("from briefing.extraction_process import ChildFailure, start\n"
            f"early = start({str(seed_path)!r}, fork=True, memory_limit=1 << 20)\n"
            "failure = early.article()\n"
            "if not isinstance(failure, ChildFailure):\n"
            "    failure = early.extraction()\n"
            "print(early.forked, failure.reason, failure.fall_back, early.alive)\n"
            "print(failure.message)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines() == [
        "True memory False False",
        f"{seed_path.name}: reading and extracting it needs more memory than allowed (1 MiB)"], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="address space read from /proc")
def test_memory_limit_is_the_growth_allowed_above_the_start(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import resource\n"
            "from briefing.extraction_process import address_space, limit_memory\n"
            "before = address_space()\n"
            "limit_memory(100 << 20)\n"
            "soft = resource.getrlimit(resource.RLIMIT_AS)[0]\n"
            "print(0 <= soft - before - (100 << 20) < (8 << 20))\n"
            "try:\n"
            "    bytearray(200 << 20)\n"
            "except MemoryError:\n"
            "    print('refused')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "refused"], result.stderr
