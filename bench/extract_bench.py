#!/usr/bin/env python3
"""Extraction speed and memory (issue 2, section 6).

    .venv/bin/python bench/extract_bench.py [--runs 20]

Prints, from one run:
- warm extraction of the seed (read + clean + extract, model loaded) against spaCy's own
  ``nlp(text)`` on the same cleaned text: medians of ``--runs`` repetitions, and the ratio;
- wall time and peak memory (max RSS) of ``briefing extract`` over the dev corpus in one
  process (``../shared/corpus/dev/*.txt``, when present);
- cold start: wall time of ``briefing extract seeds/...`` in a new process.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_30b27e0cb4826dc3.txt"
DEV = REPO.parent / "shared" / "corpus" / "dev"
BRIEFING = Path(sys.executable).with_name("briefing")


def warm(runs: int) -> dict[str, float]:
    from briefing.extract import extract
    from briefing.extract.nlp import load
    from briefing.ingest import read_article

    import gc

    nlp = load()
    article = read_article(SEED)
    text = article.norm_text
    extract(article)  # warm every cache (gazetteer, word lists)
    spacy_times, ours_times = [], []
    for _ in range(runs):  # interleaved, so a busy moment of the machine hits both alike
        gc.collect()
        t0 = time.perf_counter()
        nlp(text)
        t1 = time.perf_counter()
        extract(read_article(SEED))
        t2 = time.perf_counter()
        spacy_times.append(t1 - t0)
        ours_times.append(t2 - t1)
    spacy_s, ours_s = statistics.median(spacy_times), statistics.median(ours_times)
    return {"spacy": spacy_s, "ours": ours_s, "ratio": ours_s / spacy_s}


def run_timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    rows = []
    w = warm(args.runs)
    rows.append(("spaCy nlp(text) on the seed, warm (median)", f"{w['spacy'] * 1000:.1f} ms",
                 "bench/extract_bench.py"))
    rows.append(("read + clean + extract the seed, warm (median)", f"{w['ours'] * 1000:.1f} ms",
                 "bench/extract_bench.py"))
    rows.append(("  ratio to spaCy alone (target <= 1.3)", f"{w['ratio']:.2f}x", ""))
    cold_argv = [str(BRIEFING), "extract", str(SEED)]
    cold, cold_rss = run_timed(cold_argv)
    rows.append(("cold start: briefing extract seed", f"{cold:.2f} s, {cold_rss:.0f} MB peak",
                 " ".join(["briefing", "extract", "seeds/" + SEED.name])))
    dev = sorted(DEV.glob("*.txt"))
    if dev:
        with tempfile.TemporaryDirectory() as out:
            argv = [str(BRIEFING), "extract", *map(str, dev), "--out-dir", out, "--no-progress"]
            wall, rss = run_timed(argv)
        rows.append((f"batch: {len(dev)} dev articles, one process", f"{wall:.2f} s, {rss:.0f} MB peak",
                     "briefing extract ../shared/corpus/dev/*.txt --out-dir OUT"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':<22}  command")
    for name, value, cmd in rows:
        print(f"{name:<{width}}  {value:<22}  {cmd}")
    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
