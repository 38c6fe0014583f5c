#!/usr/bin/env python3
"""Extraction speed and memory (issue 12, section 4).

    .venv/bin/python bench/extract_bench.py [--runs 20] [--cold 7]

Prints, from one run:
- which spaCy components the extractor runs over the whole text, which on demand, and over
  how many of the seed's sentences the on-demand ones ran;
- warm: read + clean + extract of the seed against spaCy's default pipeline
  (``spacy.load(model)`` with every default component) calling ``nlp(text)`` on the same
  cleaned text: medians of ``--runs`` interleaved repetitions, and the ratio (target <= 1.0);
- cold: ``briefing extract seeds/...`` in a new process against a new process doing only
  ``import spacy; spacy.load(model)``, run side by side ``--cold`` times each, interleaved:
  medians and the ratio (target <= 1.4);
- wall time and peak memory (max RSS) of ``briefing extract`` over the dev corpus in one
  process (``../shared/corpus/dev/*.txt``, when present).
"""
from __future__ import annotations

import argparse
import gc
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


def model_name() -> str:
    import spacy.util

    from briefing.extract.nlp import MODEL_NAMES

    return next(n for n in MODEL_NAMES if spacy.util.is_package(n))


def components() -> dict[str, object]:
    """What runs: the pipeline's components, the on-demand ones and their share of the seed."""
    from briefing.extract import analyse, extract
    from briefing.extract.nlp import ON_DEMAND, entity_sentences, load
    from briefing.ingest import read_article

    nlp = load()
    article = read_article(SEED)
    extract(article)
    an = analyse(article)
    from briefing.extract import agreements, countries, people, quotes
    an.participants, an.others = people.find_people(an)
    an.countries = countries.find_countries(an)
    agreements.find_agreements(an)
    quotes.find_quotes(an)
    return {"whole_text": [n for n in nlp.pipe_names], "on_demand": list(ON_DEMAND),
            "sentences": len(list(an.doc.sents)), "on_demand_sentences": entity_sentences(an.doc)}


def warm(runs: int) -> dict[str, float]:
    import spacy

    from briefing.extract import extract
    from briefing.ingest import read_article

    default = spacy.load(model_name())  # every default component, as spaCy ships it
    article = read_article(SEED)
    text = article.norm_text
    default(text)
    extract(article)  # warm every cache (gazetteer, word lists, matchers)
    spacy_times, ours_times = [], []
    for _ in range(runs):  # interleaved, so a busy moment of the machine hits both alike
        gc.collect()
        t0 = time.perf_counter()
        default(text)
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


def cold(times: int) -> dict[str, float]:
    """Medians of a bare ``spacy.load()`` process and of ``briefing extract seed``, interleaved."""
    bare = [sys.executable, "-c", f"import spacy; spacy.load({model_name()!r})"]
    ours = [str(BRIEFING), "extract", str(SEED)]
    bare_s, ours_s = [], []
    for _ in range(times):
        bare_s.append(run_timed(bare)[0])
        ours_s.append(run_timed(ours)[0])
    b, o = statistics.median(bare_s), statistics.median(ours_s)
    return {"bare": b, "ours": o, "ratio": o / b}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--cold", type=int, default=7)
    args = ap.parse_args()
    c = components()
    print(f"whole text: {', '.join(c['whole_text'])}")
    print(f"on demand, per sentence: {', '.join(c['on_demand'])} "
          f"(ran over {c['on_demand_sentences']} of the seed's {c['sentences']} sentences)\n")
    rows = []
    w = warm(args.runs)
    rows.append(("spaCy default nlp(text) on the seed, warm (median)", f"{w['spacy'] * 1000:.1f} ms",
                 "bench/extract_bench.py"))
    rows.append(("read + clean + extract the seed, warm (median)", f"{w['ours'] * 1000:.1f} ms",
                 "bench/extract_bench.py"))
    rows.append(("  ratio to spaCy alone (target <= 1.0)", f"{w['ratio']:.2f}x", ""))
    k = cold(args.cold)
    rows.append(("cold: import spacy; spacy.load(model) (median)", f"{k['bare']:.2f} s",
                 f"python -c 'import spacy; spacy.load(\"{model_name()}\")'"))
    rows.append(("cold: briefing extract seed (median)", f"{k['ours']:.2f} s",
                 "briefing extract seeds/" + SEED.name))
    rows.append(("  ratio to a bare spacy.load() (target <= 1.4)", f"{k['ratio']:.2f}x", ""))
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
