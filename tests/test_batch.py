"""Batch runs: worker pool results, errors as data, dead workers, bounded work in flight,
and `briefing extract -j N` over several articles."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.batch import WORKER_DIED, WORKER_MEMORY_MB, BatchSummary, TaskResult, died_message, run_batch
from briefing.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/dev")


class Refused(Exception):
    """An expected failure of one task."""


def square_or_fail(task: int) -> int:
    """Work for the pool tests: squares, refuses 3, has a bug on 5, dies on 7."""
    if task == 3:
        raise Refused(f"task {task}: refused\nsecond line")
    if task == 5:
        return {}[task]
    if task == 7:
        os.kill(os.getpid(), signal.SIGKILL)
    return task * task


def mark_and_wait(task: tuple[str, int]) -> int:
    folder, n = task
    Path(folder, f"started-{n}").touch()
    time.sleep(0.3)
    return n


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_and_errors_are_data(jobs):
    tasks = [0, 1, 2, 3, 4, 5, 6]
    results = {r.task: r for r in run_batch(tasks, square_or_fail, jobs=jobs, expected=(Refused,))}
    assert sorted(results) == tasks
    assert results[4].value == 16 and results[4].ok and results[4].pid > 0
    assert results[3].error == "task 3: refused second line"
    assert results[5].error.startswith("internal error (KeyError")
    assert all(results[i].peak_rss > 0 for i in tasks)
    assert [r.index for r in sorted(results.values(), key=lambda r: r.task)] == tasks


def test_a_dead_worker_fails_only_its_own_task():
    tasks = [1, 2, 7, 4, 6, 8]
    results = {r.task: r for r in run_batch(tasks, square_or_fail, jobs=2, expected=(Refused,))}
    assert sorted(results) == sorted(tasks)
    assert results[7].error == died_message(WORKER_MEMORY_MB)
    assert died_message(None) == WORKER_DIED
    assert died_message(WORKER_MEMORY_MB) == ("a worker process died on it (killed, or it needs more than "
                                              f"{WORKER_MEMORY_MB} MB of memory); nothing was written")
    assert {t: results[t].value for t in tasks if t != 7} == {1: 1, 2: 4, 4: 16, 6: 36, 8: 64}


def test_work_in_flight_is_bounded(tmp_path):
    tasks = [(str(tmp_path), n) for n in range(6)]
    results = run_batch(tasks, mark_and_wait, jobs=2, in_flight=1)
    first = next(results)
    assert len(list(tmp_path.glob("started-*"))) == 1
    rest = list(results)
    assert sorted(r.value for r in [first, *rest]) == list(range(6))


def test_summary_counts_and_names_failures():
    summary = BatchSummary(total=3, jobs=1)
    for result in run_batch([1, 3, 5], square_or_fail, expected=(Refused,)):
        summary.add(result, f"file{result.task}")
    assert (summary.done, summary.succeeded) == (3, 1)
    assert summary.failure_text() == "file3, file5"
    assert summary.failure_text(limit=1) == "file3 and 1 more"
    assert "peak memory" in summary.memory_text()


def test_failures_are_named_in_the_order_given_whatever_order_workers_finish_in():
    summary = BatchSummary(total=3, jobs=2)
    for index in (2, 0, 1):  # finished last-first
        summary.add(TaskResult(index, f"file{index}", error="refused"), f"file{index}")
    assert summary.failure_text() == "file0, file1, file2"


# ---------------------------------------------------------------- briefing extract -j N

def corpus_files(n: int) -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))[:n]
    assert len(files) == n
    return files


def test_extract_with_two_workers_matches_one_and_reports_failures(tmp_path):
    files = [str(p) for p in corpus_files(3)]
    bad = tmp_path / "broken article.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    args = ["extract", "--no-progress", *files, str(bad)]
    one = subprocess.run([sys.executable, "-m", "briefing", *args, "--out-dir", str(tmp_path / "one")],
                         capture_output=True, text=True, cwd=REPO)
    two = subprocess.run([sys.executable, "-m", "briefing", *args, "-j", "2", "--out-dir",
                          str(tmp_path / "two")], capture_output=True, text=True, cwd=REPO)
    for run in (one, two):
        assert run.returncode == 1
        assert "Traceback" not in run.stderr
        assert f"briefing extract: {bad}: binary data" in run.stderr
        assert f"3 of 4 articles extracted; failed: {bad}" in run.stderr
        assert "peak memory" in run.stderr
    assert "2 worker processes" in two.stderr
    names = sorted(p.name for p in (tmp_path / "two").iterdir())
    assert names == sorted(f"{Path(f).stem}.json" for f in files)
    for name in names:
        assert json.loads((tmp_path / "one" / name).read_text()) == \
            json.loads((tmp_path / "two" / name).read_text())


def test_inputs_sharing_a_stem_get_separate_outputs(tmp_path, capsys):
    src = corpus_files(1)[0]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "-same name.txt", tmp_path / "b" / "-same name.txt"
    first.write_text(src.read_text())
    second.write_text("Second piece\n\nThe ministers of France and Kenya met in Paris on Monday.")
    out = tmp_path / "out"
    assert main(["extract", "--no-progress", "--out-dir", str(out), "--", str(first), str(second)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == ["-same name-2.json", "-same name.json"]
    assert "Kenya" in (out / "-same name-2.json").read_text()
    assert "2 of 2 articles extracted" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["-1", "two"])
def test_bad_jobs_value_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["extract", "-j", value, "x.txt"])
    assert exit_.value.code == 2
    assert "-j/--jobs" in capsys.readouterr().err


# ---------------------------------------------------------------- briefing export -j N

def test_export_with_two_workers_writes_every_output_and_reports_failures(tmp_path):
    files = corpus_files(2)
    twin = tmp_path / "x" / files[0].name
    twin.parent.mkdir()
    twin.write_text(files[1].read_text())
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "briefing", "export", "-j", "2", "--out-dir", str(out),
                          "--format", "docx,pdf", *map(str, files), str(twin), str(bad)],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    stem0, stem1 = files[0].stem, files[1].stem
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{s}.{f}" for s in (stem0, stem1, f"{stem0}-2") for f in ("docx", "pdf"))
    assert run.stdout.count("wrote ") == 6
    assert f"briefing: {bad}: empty file" in run.stderr
    assert "3 of 4 inputs exported" in run.stderr and f"failed: {bad}" in run.stderr


def square_or_hang(task: int) -> int:
    """Work for the timeout tests: squares, hangs on 4 (sleeps far past any timeout)."""
    if task == 4:
        time.sleep(3600)
    return task * task


def test_a_hanging_task_times_out_alone_and_the_rest_finish():
    from briefing.batch import timed_out_message

    tasks = [1, 2, 4, 5, 6, 8]
    results = {r.task: r for r in run_batch(tasks, square_or_hang, jobs=2, task_timeout=3)}
    assert sorted(results) == sorted(tasks)
    assert results[4].error == timed_out_message(3) == "timed out after 3 s (the worker process was stopped)"
    assert all(results[t].ok and results[t].value == t * t for t in tasks if t != 4)


def test_no_timeout_when_none_is_asked():
    results = list(run_batch([1, 2, 3], square_or_hang, jobs=2, task_timeout=None))
    assert sorted(r.value for r in results) == [1, 4, 9]


def test_one_worker_of_a_single_threaded_process_is_forked(tmp_path):
    """A command on one file forks its worker (no second interpreter to start); the
    worker still times out, dies and reports like a spawned one; a process with another
    thread (a GUI) or several workers spawn."""
    script = tmp_path / "bounded.py"
    script.write_text(
        "import os, signal, threading, time\n"
        "from briefing.batch import WORKER_DIED, _start_method, run_batch, timed_out_message\n"
        "SEEN = []  # filled in by the main process before the worker starts: a forked one sees it\n"
        "def work(task):\n"
        "    if task == 'hang':\n"
        "        time.sleep(3600)\n"
        "    if task == 'die':\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return list(SEEN)\n"
        "if __name__ == '__main__':\n"
        "    SEEN.append('main')\n"
        "    assert _start_method(1, None) == 'fork' and _start_method(2, None) == 'spawn'\n"
        "    assert _start_method(1, 5) == 'spawn'\n"
        "    [ok] = run_batch(['fine'], work, jobs=1, task_timeout=30)\n"
        "    assert ok.value == ['main'] and ok.pid != os.getpid(), ok\n"
        "    [hung] = run_batch(['hang'], work, jobs=1, task_timeout=1)\n"
        "    assert hung.error == timed_out_message(1), hung\n"
        "    [died] = run_batch(['die'], work, jobs=1, task_timeout=30, memory_limit_mb=None)\n"
        "    assert died.error == WORKER_DIED, died\n"
        "    t = threading.Thread(target=time.sleep, args=(2,))\n"
        "    t.start()\n"
        "    assert _start_method(1, None) == 'spawn'\n"
        "    [spawned] = run_batch(['fine'], work, jobs=1, task_timeout=30)\n"
        "    assert spawned.value == [], spawned\n"
        "    print('ok')\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          cwd=REPO)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
