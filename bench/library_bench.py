"""Notes library at scale: 10,000 project files, rebuild time with workers, search latency,
and the cost of a "prior engagements" query.

How the notes are made: ``--base`` articles (default 150) are generated from the dev corpus
by :mod:`make_corpus` (countries, names and dates swapped, seeded) and each is read,
extracted and drafted into a real note by the composer's own pipeline (one model load).
The 10,000 ``.briefing`` files are then written from those drafted projects, each copy
with its own date (spread over 2005-2025), title, reference and classification (five
levels, some with caveats); drafting all 10,000 with the language model would take about
25 minutes on two cores and measure extraction, not the library.

Then, each in a fresh process as a user would run it::

    briefing library rebuild NOTES -j 1
    briefing library rebuild NOTES -j 2

and in this process, against the index just built: the median and 95th percentile of
``search`` for a set of typical queries (full text, filters, both, the classification
filter), of ``related`` (earlier notes sharing a note's countries and participants) for
notes picked at random, and of drafting a note's Background from the library as drafting
does it (:func:`briefing.note.background.draft_background`: open the user's library, ask
for the earlier notes, write the paragraph and link the agreements). Targets: search
under 100 ms, the background under 50 ms.

    .venv/bin/python bench/library_bench.py [--notes 10000] [--base 150] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
BRIEFING = REPO / ".venv" / "bin" / "briefing"
MARKINGS = ["OFFICIAL", "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE COMMERCIAL", "SECRET", "TOP SECRET"]  # UK scheme


def drafted_projects(count: int, folder: Path, seed: int) -> list:
    """``count`` projects drafted by the real pipeline from generated articles."""
    from make_corpus import make_corpus

    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.note.project import new_project

    projects = []
    for path in make_corpus(count, folder / "articles", seed=seed):
        article = read_article(path)
        projects.append(new_project(article, extract(article)))
    return projects


def write_notes(projects: list, total: int, folder: Path, seed: int) -> list[Path]:
    """``total`` project files from the drafted ``projects``, each with its own header."""
    from briefing.note.project import save_project

    rng = random.Random(seed)
    paths = []
    for i in range(total):
        base = projects[i % len(projects)]
        year = 2005 + rng.randrange(21)
        date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        header = replace(base.note.header, date=date, reference=f"LIB-{year}-{i:05d}",
                         title=f"{base.note.header.title or 'Meeting'} ({i})",
                         classification=MARKINGS[i % len(MARKINGS)])
        note = replace(base.note, header=header)
        path = folder / f"{year}" / f"note-{i:05d}.briefing"
        path.parent.mkdir(parents=True, exist_ok=True)
        save_project(path, replace(base, note=note))
        paths.append(path)
    return paths


def timed_rebuild(notes: Path, jobs: int, data_dir: Path) -> tuple[float, str]:
    env = {**os.environ, "BRIEFING_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    done = subprocess.run([str(BRIEFING), "library", "rebuild", str(notes), "-j", str(jobs)],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"rebuild failed: {done.stderr.strip()[-300:]}")
    return seconds, done.stderr.strip().splitlines()[-1]


def latencies(action, runs: int) -> tuple[float, float]:  # noqa: ANN001
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def background_row(sample: list, data_dir: Path, runs: int) -> tuple[str, str, str]:
    """Time drafting the Background of sampled notes from the library in ``data_dir``."""
    from briefing.note.background import BACKGROUND_KEY, draft_background
    from briefing.note.project import load_project

    os.environ["BRIEFING_DATA_DIR"] = str(data_dir)
    times, drafted = [], 0
    for record in sample:
        note = load_project(record.path).note
        note.extra_sections.pop(BACKGROUND_KEY, None)
        median, _ = latencies(lambda n=note: (n.extra_sections.pop(BACKGROUND_KEY, None), draft_background(n)),
                              max(3, runs // 6))
        drafted += bool(note.extra(BACKGROUND_KEY))
        times.append(median)
    times.sort()
    return (f"drafting the background ({len(sample)} notes, {drafted} with prior engagements)",
            f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
            f"max {times[-1]:.1f} ms", "note.background.draft_background")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=150, help="articles drafted by the real pipeline")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=30, help="runs of each query")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)

    from briefing.library import RelatedQuery, SearchQuery
    from briefing.library.ranking import max_ranks
    from briefing.library.sqlite_store import SqliteLibrary

    work = args.keep or Path(tempfile.mkdtemp(prefix="library-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    notes = work / "notes"
    rows: list[tuple[str, str, str]] = []
    try:
        started = time.perf_counter()
        projects = drafted_projects(args.base, work, args.seed)
        drafted = time.perf_counter() - started
        started = time.perf_counter()
        paths = write_notes(projects, args.notes, notes, args.seed)
        written = time.perf_counter() - started
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"drafted {len(projects)} notes in {drafted:.1f} s; wrote {len(paths)} project files "
              f"({size:.0f} MB) in {written:.1f} s", file=sys.stderr)

        for jobs in (1, 2):
            data = work / f"data-j{jobs}"
            shutil.rmtree(data, ignore_errors=True)
            seconds, line = timed_rebuild(notes, jobs, data)
            rate = f"{seconds:.1f} s ({len(paths) / seconds:.0f} notes/s)"
            rows.append((f"rebuild {len(paths):,} notes, -j {jobs}", rate,
                         f"briefing library rebuild NOTES -j {jobs}"))
            print(line, file=sys.stderr)
        index = work / "data-j2" / "library"
        db_size = sum(f.stat().st_size for f in index.glob("notes.sqlite3*")) / 1e6
        rows.append(("index size on disk", f"{db_size:.0f} MB", "library/notes.sqlite3 (+ WAL)"))

        library = SqliteLibrary(index)
        rng = random.Random(args.seed)
        sample = [library.get(rng.randrange(1, library.count() + 1)) for _ in range(40)]
        sample = [r for r in sample if r is not None and r.countries]
        first = sample[0]
        person = first.participants[0].name.split()[-1] if first.participants else "Minister"
        queries = {
            "text: one common word": SearchQuery(text="defence"),
            "text: two words": SearchQuery(text="maritime cooperation"),
            "text: rare word prefix": SearchQuery(text="submarin*"),
            "country filter": SearchQuery(countries=first.countries[:1]),
            "country + person + dates": SearchQuery(countries=first.countries[:1], people=[person],
                                                    date_from="2010", date_to="2020"),
            "text + theme + max classification": SearchQuery(text="defence", themes=["maritime-security"],
                                                             max_ranks=max_ranks("SECRET")),
            "no filter, newest 50": SearchQuery(),
        }
        for name, query in queries.items():
            total = library.search(query).total
            median, p95 = latencies(lambda q=query: library.search(q), args.runs)
            rows.append((f"search: {name} ({total:,} found)", f"median {median:.1f} ms, p95 {p95:.1f} ms",
                         "SqliteLibrary.search"))
        related_times = []
        found = []
        for record in sample:
            query = RelatedQuery(countries=record.countries, participants=[p.name for p in record.participants],
                                 before=record.sort_date, exclude_path=record.path, limit=10)
            found.append(len(library.related(query)))
            median, _ = latencies(lambda q=query: library.related(q), 5)
            related_times.append(median)
        related_times.sort()
        rows.append((f"prior engagements ({len(sample)} notes, {statistics.mean(found):.1f} found of 10 asked)",
                     f"median {statistics.median(related_times):.1f} ms, "
                     f"p95 {related_times[int(len(related_times) * 0.95) - 1]:.1f} ms, max {related_times[-1]:.1f} ms",
                     "SqliteLibrary.related"))
        library.close()
        rows.append(background_row(sample, work / "data-j2", args.runs))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nLibrary benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite "
          f"{__import__('sqlite3').sqlite_version}")
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    for measure, value, command in rows:
        print(f"{measure:<{width}}  {value:<{value_width}}  {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
