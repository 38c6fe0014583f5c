"""Batch throughput: `briefing extract` (or `export`) over N articles at -j 1 and -j 2, articles/s, peak memory.

Makes N articles from the dev corpus (:mod:`make_corpus`, seeded) unless ``--corpus DIR``
is given, then runs the real command once per job count, each in a fresh process::

    briefing extract --no-progress --compact -j J --out-dir OUT ARTICLES...

and prints one table from that run: wall time (start-up and model loading included),
articles per second, peak resident memory of the whole run (main process plus each
worker's peak, as the command reports it) and the largest single process (from
``getrusage(RUSAGE_CHILDREN)``), and failures. The command of each row is printed under it.

With ``--command export`` each article is read, extracted, drafted and written as DOCX
and PDF (``briefing export --format docx,pdf -j J --out-dir OUT``).

    .venv/bin/python bench/batch_bench.py [--count 1000] [--jobs 1,2] [--corpus DIR] [--command export]
"""
from __future__ import annotations

import argparse
import platform
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEFING = REPO / ".venv" / "bin" / "briefing"
SUMMARY = re.compile(r"(\d+) of (\d+) (?:articles extracted|inputs exported) .*?peak memory (\d+) MB")


def run_batch_command(name: str, files: list[Path], jobs: int, out_dir: Path) -> dict[str, object]:
    if name == "extract":
        command = [str(BRIEFING), "extract", "--no-progress", "--compact", "-j", str(jobs),
                   "--out-dir", str(out_dir)]
    else:
        command = [str(BRIEFING), "export", "--format", "docx,pdf", "-j", str(jobs), "--out-dir", str(out_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    match = SUMMARY.search(proc.stderr)
    if match is None:
        raise SystemExit(f"batch_bench: no summary from briefing {name} -j {jobs}:\n{proc.stderr[-2000:]}")
    done, total, peak_mb = int(match[1]), int(match[2]), int(match[3])
    shown = " ".join(shlex.quote(c) for c in command) + f" <{len(files)} files>"
    return {"jobs": jobs, "articles": total, "ok": done, "failed": total - done, "seconds": seconds,
            "rate": total / seconds, "peak_mb": peak_mb,
            "largest_mb": (largest if largest > before else before) / 1024, "command": shown}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts")
    parser.add_argument("--corpus", type=Path, help="folder of articles to use instead of making them")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--command", choices=["extract", "export"], default="extract",
                        help="extract (JSON) or export (DOCX and PDF of each article)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        if args.corpus:
            files = sorted(p for p in args.corpus.iterdir() if p.is_file())[:args.count]
        else:
            sys.path.insert(0, str(REPO / "bench"))
            from make_corpus import make_corpus

            files = make_corpus(args.count, Path(tmp) / "articles", seed=args.seed)
        rows = [run_batch_command(args.command, files, int(j), Path(tmp) / f"out-j{j}")
                for j in args.jobs.split(",")]
    machine = platform.processor() or platform.machine()
    print(f"# briefing {args.command} over {len(files)} articles; {platform.node()}, {machine}, "
          f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"{'jobs':>4} {'articles':>8} {'failed':>6} {'seconds':>8} {'articles/s':>10} "
          f"{'peak MB (all)':>13} {'largest process MB':>18}")
    for r in rows:
        print(f"{r['jobs']:>4} {r['articles']:>8} {r['failed']:>6} {r['seconds']:>8.1f} {r['rate']:>10.2f} "
              f"{r['peak_mb']:>13} {r['largest_mb']:>18.0f}")
    for r in rows:
        print(f"  -j {r['jobs']}: {r['command']}")
    if len(rows) > 1:
        print(f"speed-up -j {rows[-1]['jobs']} over -j {rows[0]['jobs']}: {rows[-1]['rate'] / rows[0]['rate']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
