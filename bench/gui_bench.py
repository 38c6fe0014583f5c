"""GUI start-up benchmark: process start -> window shown -> extraction displayed, peak memory.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_bench.py [--runs 3] [--mode both]

Each run starts a fresh Python process (so spaCy and Qt load from cold imports), opens
the seed article in the composer and reports, measured from just before the process
was spawned: when the main window was first shown, when the extraction was highlighted
and the note drafted, the longest gap in a 20 ms event-loop heartbeat in between (how
long the UI could not respond while spaCy loaded), the peak resident memory
(ru_maxrss) of the window's process (at that point) and of its largest child process (the
extraction process, or the article reader of the in-process path).  Then it opens a second
article (the first of ``../shared/corpus/dev/*.txt``, else the seed again) and reports the
time from opening it to its extraction displayed and the longest stall meanwhile.  ``--mode both`` runs the
default start-up (extraction in a child process forked before Qt loads) and the
in-process one (``BRIEFING_EARLY_EXTRACTION=0``) interleaved.  Settings and autosaves go
to a temporary folder.  Python's compiled bytecode is kept in a temporary folder
(``PYTHONPYCACHEPREFIX``, written by one uncounted run per mode), as an installed
program has it, whatever ``PYTHONDONTWRITEBYTECODE`` says.
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
SECOND = next(iter(sorted(DEV.glob("*.txt"))), SEED)  # opened once the seed's extraction is shown


def child(t0: float) -> None:
    """Runs inside the measured process: ``briefing gui SEED`` as the command starts it."""
    import argparse
    import resource

    import briefing.cli  # noqa: F401 - what the ``briefing`` command has loaded by then
    from briefing.cli import gui_cmd

    marks: dict[str, float] = {}
    ticks: list[float] = []

    def hook(window) -> None:  # noqa: ANN001 - the window, before it is shown
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        heartbeat = QTimer(window, interval=20)  # the event loop's pulse while spaCy loads and extracts
        heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

        def shown() -> None:
            marks["window_shown_s"] = time.time() - t0
            ticks.append(time.perf_counter())
            heartbeat.start()

        def stall_ms() -> float:
            gaps = [b - a for a, b in zip(ticks, ticks[1:])] or [0.0]
            return max(gaps) * 1000

        def displayed() -> None:
            app.processEvents()
            if "extraction_displayed_s" not in marks:  # the start article
                marks["extraction_displayed_s"] = time.time() - t0
                marks["longest_ui_stall_ms"] = stall_ms()
                marks["participants"] = len(window.document.note.participants) if window.document.note else 0
                marks["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                ticks[:] = [time.perf_counter()]
                marks["second_opened"] = time.perf_counter()
                window.open_path(SECOND)  # an article opened later in the session
                return
            marks["second_displayed_s"] = time.perf_counter() - marks.pop("second_opened")
            marks["second_stall_ms"] = stall_ms()
            heartbeat.stop()
            window.document.forget_changes()
            window.close()
            app.quit()

        window.extraction_displayed.connect(displayed)
        QTimer.singleShot(0, shown)  # first turn of the event loop: the window is on screen

    gui_cmd.run(argparse.Namespace(file=SEED, screenshot=None), on_window=hook)
    # the largest child process that ended: the extraction process, or the reader of the in-process path
    marks["child_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(marks), flush=True)


def run_once(early: bool, pycache: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, BRIEFING_DATA_DIR=data, PYTHONPYCACHEPREFIX=pycache,
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   BRIEFING_EARLY_EXTRACTION="1" if early else "0")
        t0 = time.time()
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["BENCH_T0"] = repr(t0)
        out = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True, text=True,
                             timeout=300, cwd=REPO)
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode != 0 or not lines:
            raise SystemExit(f"gui_bench: child failed ({out.returncode}): {out.stderr[-2000:]}")
        return json.loads(lines[-1])


def measure(runs: int, modes: list[bool]) -> dict[bool, list[dict[str, float]]]:
    """``runs`` cold runs of each start-up mode (True: extraction in a child process),
    interleaved, after one uncounted run of each that writes the compiled bytecode."""
    results: dict[bool, list[dict[str, float]]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory() as pycache:
        for mode in modes:
            run_once(mode, pycache)  # not counted: writes the compiled bytecode, as installing does
        for _ in range(runs):  # interleaved, so a busy moment of the machine hits both alike
            for mode in modes:
                results[mode].append(run_once(mode, pycache))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mode", choices=("early", "in-process", "both"), default="early",
                        help="early: the article is read and extracted in a child process forked at start "
                             "(the default start-up); in-process: BRIEFING_EARLY_EXTRACTION=0, the window's "
                             "own process does it; both: the two, runs interleaved")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(float(os.environ["BENCH_T0"]))
        return 0
    modes = {"early": [True], "in-process": [False], "both": [True, False]}[args.mode]
    results = measure(args.runs, modes)
    for mode in modes:
        name = "extraction in a child process from start" if mode else "extraction in the window's process"
        print(f"GUI start-up, {name}, seed {SEED.name}, {args.runs} cold runs (median [min-max]):")
        for key, unit in (("window_shown_s", "s"), ("extraction_displayed_s", "s"),
                          ("longest_ui_stall_ms", "ms"), ("peak_rss_mb", "MB"), ("child_peak_rss_mb", "MB"),
                          ("second_displayed_s", "s"), ("second_stall_ms", "ms")):
            values = [r[key] for r in results[mode]]
            print(f"  {key:24} {statistics.median(values):7.2f} {unit}  [{min(values):.2f}-{max(values):.2f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
