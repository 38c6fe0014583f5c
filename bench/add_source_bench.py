"""Adding a source to the seed's note: the window's process memory and its longest stall.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/add_source_bench.py [--runs 3] [--repo PATH ...]

Each run starts a fresh process that runs ``briefing gui SEED`` as the command does (the
seed read and extracted in the extraction process forked at start), waits until its note
is drafted and shown, then adds a second article (the first of
``../shared/corpus/dev/*.txt``) as a source with :meth:`MainWindow.add_source_files` and
waits until it is merged. It reports, for the window's process: its resident memory just
before adding (VmRSS) and once the source is merged, its peak (ru_maxrss), the longest
gap in a 20 ms event-loop heartbeat while the source was added (how long the window could
not respond), the time from adding to merged, and whether spaCy was imported in it.
``--repo`` runs the same measurement on other checkouts of the program (their
``briefing`` package put first on the path), runs interleaved, so the numbers of two
branches can be set side by side. Settings and the library go to a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_30b27e0cb4826dc3.txt"
DEV = REPO.parent / "shared" / "corpus" / "dev"
SOURCE = next(iter(sorted(DEV.glob("*.txt"))), SEED)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child() -> None:
    """Runs inside the measured process."""
    import argparse
    import resource

    from briefing.cli import gui_cmd

    marks: dict[str, float] = {}
    ticks: list[float] = []

    def hook(window) -> None:  # noqa: ANN001 - the window, before it is shown
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        heartbeat = QTimer(window, interval=20)
        heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

        def merged() -> bool:
            note = window.document.note
            return note is not None and len(note.sources) == 2 and not window.busy_bar.isVisible()

        def wait_for_source() -> None:
            if not merged():
                QTimer.singleShot(5, wait_for_source)
                return
            marks["source_merged_s"] = time.perf_counter() - marks.pop("added")
            gaps = [b - a for a, b in zip(ticks, ticks[1:])] or [0.0]
            marks["longest_stall_ms"] = max(gaps) * 1000
            marks["rss_after_mb"] = rss_mb()
            marks["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            marks["spacy_in_window"] = float("spacy" in sys.modules)
            heartbeat.stop()
            window.document.forget_changes()
            window.close()
            app.quit()

        def add() -> None:
            app.processEvents()
            marks["rss_before_mb"] = rss_mb()
            ticks[:] = [time.perf_counter()]
            heartbeat.start()
            marks["added"] = time.perf_counter()
            window.add_source_files([SOURCE])
            wait_for_source()

        window.extraction_displayed.connect(lambda: QTimer.singleShot(500, add))  # the note settled

    gui_cmd.run(argparse.Namespace(file=SEED, screenshot=None), on_window=hook)
    print(json.dumps(marks), flush=True)


def run_once(repo: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, BRIEFING_DATA_DIR=data, PYTHONPATH=str(repo),
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        out = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True, text=True,
                             timeout=300, cwd=repo)
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode != 0 or not lines:
            raise SystemExit(f"add_source_bench: run failed ({out.returncode}): {out.stderr[-2000:]}")
        return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, action="append", help="a checkout to measure (default: this one)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return 0
    repos = [r.resolve() for r in args.repo] if args.repo else [REPO]
    results: dict[Path, list[dict[str, float]]] = {r: [] for r in repos}
    for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits all alike
        for repo in repos:
            results[repo].append(run_once(repo))
    for repo in repos:
        print(f"Add source {SOURCE.name} to the note of {SEED.name}, {repo}, {args.runs} runs "
              "(median [min-max]):")
        for key, unit in (("rss_before_mb", "MB"), ("rss_after_mb", "MB"), ("peak_rss_mb", "MB"),
                          ("longest_stall_ms", "ms"), ("source_merged_s", "s"), ("spacy_in_window", "")):
            values = [r[key] for r in results[repo]]
            print(f"  {key:18} {statistics.median(values):8.2f} {unit:2}  [{min(values):.2f}-{max(values):.2f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
