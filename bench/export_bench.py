"""Export speed: in-process DOCX and PDF export of the seed's note vs LibreOffice DOCX -> PDF.

Drafts the seed article's note once, then times ``render_note`` + atomic write for DOCX
and PDF (median of ``--runs`` runs, after one warm-up run), and for comparison the route
a Word user takes to a PDF: ``soffice --headless --convert-to pdf`` of our DOCX (median
of ``--soffice-runs`` runs, each a fresh LibreOffice process). Prints all numbers from
one run and the speed-up of our PDF export over the conversion (the goal is >= 20x).

    .venv/bin/python bench/export_bench.py [--template ministerial] [--runs 20]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_30b27e0cb4826dc3.txt"
GOAL = 20.0


def median_time(fn, runs: int) -> tuple[float, float]:  # noqa: ANN001
    """(median, fastest) wall time of ``runs`` calls after one warm-up call."""
    fn()  # warm-up: fonts registered, modules imported
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def soffice_time(docx_path: Path, out_dir: Path, runs: int) -> tuple[float, float] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = out_dir / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(out_dir), str(docx_path)]
    subprocess.run(cmd, capture_output=True, timeout=300)  # first start creates the profile
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, timeout=300)
        times.append(time.perf_counter() - start)
        if result.returncode != 0 or not (out_dir / f"{docx_path.stem}.pdf").is_file():
            print(f"soffice failed: {result.stderr.decode(errors='replace').strip()}", file=sys.stderr)
            return None
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="ministerial")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--soffice-runs", type=int, default=5)
    args = parser.parse_args()

    from briefing.export import export_note
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.note.draft import draft_note
    from briefing.templates import load_template

    article = read_article(SEED)
    note = draft_note(article, extract(article))
    template = load_template(args.template)
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        out = Path(tmp)
        docx_s, docx_min = median_time(lambda: export_note(note, template, out / "note.docx", article=article),
                             args.runs)
        pdf_s, pdf_min = median_time(lambda: export_note(note, template, out / "note.pdf", article=article),
                            args.runs)
        lo_dir = out / "lo"
        lo_dir.mkdir()
        lo = soffice_time(out / "note.docx", lo_dir, args.soffice_runs)
        print(f"seed note, template {args.template}, median of {args.runs} runs (in-process):")
        print(f"  DOCX export                      {docx_s * 1000:8.1f} ms  (fastest {docx_min * 1000:.1f})")
        print(f"  PDF export                       {pdf_s * 1000:8.1f} ms  (fastest {pdf_min * 1000:.1f})")
        if lo is None:
            print("  soffice --headless --convert-to pdf: not available (install libreoffice-writer-nogui)")
            return 0
        lo_s, lo_min = lo
        ratio = lo_s / pdf_s
        print(f"  soffice --convert-to pdf of DOCX {lo_s * 1000:8.1f} ms  (fastest {lo_min * 1000:.1f}; "
              f"{args.soffice_runs} runs)")
        print(f"  PDF export is {ratio:.1f}x faster than the LibreOffice conversion "
              f"(goal >= {GOAL:g}x): {'OK' if ratio >= GOAL else 'BELOW GOAL'}")
        return 0 if ratio >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
