"""GUI start-up benchmark: process start -> window shown -> extraction displayed, peak memory.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_bench.py [--runs 3]

Each run starts a fresh Python process (so spaCy and Qt load from cold imports), opens
the seed article in the composer and reports, measured from just before the process
was spawned: when the main window was first shown, when the extraction was highlighted
and the note drafted, the longest gap in a 20 ms event-loop heartbeat in between (how
long the UI could not respond while spaCy loaded), and the peak resident memory
(ru_maxrss).  Settings and
autosaves go to a temporary folder.
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


def child(t0: float) -> None:
    """Runs inside the measured process."""
    import resource

    from PySide6.QtCore import QTimer

    from briefing.gui.app import application
    from briefing.gui.main_window import MainWindow

    app = application()
    window = MainWindow()
    marks: dict[str, float] = {}

    ticks: list[float] = []
    heartbeat = QTimer(interval=20)  # the event loop's pulse while spaCy loads and extracts
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def shown() -> None:
        marks["window_shown_s"] = time.time() - t0
        ticks.append(time.perf_counter())
        heartbeat.start()

    def displayed() -> None:
        app.processEvents()
        marks["extraction_displayed_s"] = time.time() - t0
        heartbeat.stop()
        gaps = [b - a for a, b in zip(ticks, ticks[1:])] or [0.0]
        marks["longest_ui_stall_ms"] = max(gaps) * 1000
        marks["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        marks["participants"] = len(window.document.note.participants) if window.document.note else 0
        print(json.dumps(marks), flush=True)
        window.document.forget_changes()
        window.close()
        app.quit()

    window.extraction_displayed.connect(displayed)
    window.show()
    QTimer.singleShot(0, shown)  # first turn of the event loop: the window is on screen
    QTimer.singleShot(0, lambda: window.open_path(SEED))
    app.exec()


def run_once() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, BRIEFING_DATA_DIR=data, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        t0 = time.time()
        env["BENCH_T0"] = repr(t0)
        out = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True, text=True,
                             timeout=300, cwd=REPO)
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode != 0 or not lines:
            raise SystemExit(f"gui_bench: child failed ({out.returncode}): {out.stderr[-2000:]}")
        return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(float(os.environ["BENCH_T0"]))
        return 0
    results = [run_once() for _ in range(args.runs)]
    print(f"GUI start-up, seed {SEED.name}, {args.runs} cold runs (median [min-max]):")
    for key, unit in (("window_shown_s", "s"), ("extraction_displayed_s", "s"),
                      ("longest_ui_stall_ms", "ms"), ("peak_rss_mb", "MB")):
        values = [r[key] for r in results]
        print(f"  {key:24} {statistics.median(values):7.2f} {unit}  [{min(values):.2f}-{max(values):.2f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
