"""Memory of the extraction process: peak resident memory and peak address space per article.

Run:  .venv/bin/python bench/child_memory_bench.py [ARTICLE ...]

For each article (default: the seed, the largest article of ``../shared/corpus/dev``, and
the seed repeated up to the reader's 400,000-character limit) a fresh extraction process
(:func:`briefing.extraction_process.start`, a new interpreter, no memory limit) reads and
extracts it; while it waits for its next job its ``VmHWM`` (peak resident memory) and
``VmPeak`` (peak address space, what the process's limit counts) are read from
``/proc/PID/status``.  The limit :data:`briefing.extraction_process.MEMORY_LIMIT_MIB` is
printed beside them.  Linux only.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_30b27e0cb4826dc3.txt"
DEV = REPO.parent / "shared" / "corpus" / "dev"


def status_mib(pid: int) -> dict[str, float]:
    """VmHWM and VmPeak of ``pid`` in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmPeak"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def measure(path: Path) -> dict[str, float]:
    from briefing.extraction_process import ChildFailure, start

    child = start(path, fork=False, memory_limit=0)
    if child is None:
        raise SystemExit("cannot start the extraction process")
    try:
        for answer in (child.article(), child.extraction()):
            if isinstance(answer, ChildFailure):
                raise SystemExit(f"{path.name}: {answer.message}")
        return status_mib(child.pid)
    finally:
        child.cancel()


def largest_article(folder: Path, limit_chars: int) -> Path:
    text = SEED.read_text(encoding="utf-8")
    out = Path(tempfile.mkdtemp()) / "largest.txt"
    out.write_text((text * (limit_chars // len(text) + 1))[: limit_chars - 1000], encoding="utf-8")
    return out


def main() -> int:
    from briefing.extraction_process import MEMORY_LIMIT_MIB
    from briefing.ingest.limits import MAX_TEXT_CHARS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path)
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("Linux only (/proc)")
        return 0
    articles = args.articles or [SEED, max(sorted(DEV.glob("*.txt")), key=lambda p: p.stat().st_size),
                                 largest_article(DEV, MAX_TEXT_CHARS)]
    print(f"limit: {MEMORY_LIMIT_MIB} MiB of address space")
    for path in articles:
        got = measure(path)
        print(f"{path.name:40} {path.stat().st_size:>9,} bytes  peak RSS {got['VmHWM']:7.0f} MiB  "
              f"peak address space {got['VmPeak']:7.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
