"""Export speed: our DOCX and PDF export of the seed's note vs LibreOffice's DOCX -> PDF.

Drafts the seed article's note once and saves it as a project, then measures, in one run
and interleaved so that a busy machine slows all of them alike:

- in-process ``export_note`` to DOCX and to PDF (check, layout, render, atomic write);
  median of ``--runs`` runs after a warm-up run;
- the whole process ``briefing export NOTE.briefing -o note.pdf`` (start-up, imports,
  reading the project, export; no language model);
- ``soffice --headless --convert-to pdf`` of the same note's DOCX, each a fresh
  LibreOffice process.

Goals (issue "one look in both formats"): in-process PDF at least 50x faster than the
LibreOffice conversion, DOCX at least 10x, and the whole ``briefing export`` process under
a third of it. Prints every figure with the ratio; exits 1 if a goal is missed.

    .venv/bin/python bench/export_bench.py [--template ministerial] [--runs 20] [--soffice-runs 5]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_30b27e0cb4826dc3.txt"
PDF_GOAL, DOCX_GOAL, PROCESS_GOAL = 50.0, 10.0, 3.0


def timed(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(template_name: str = "ministerial", runs: int = 20, soffice_runs: int = 5) -> dict[str, float | None]:
    """Medians in milliseconds: ``docx``, ``pdf`` (in-process), ``process`` (whole
    ``briefing export``) and ``soffice`` (None when LibreOffice is not installed)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        out = Path(tmp)
        os.environ["BRIEFING_DATA_DIR"] = str(out / "user")
        from briefing.export import export_note
        from briefing.extract import extract
        from briefing.ingest import read_article
        from briefing.note.header import draft_new_note
        from briefing.note.project import Project, save_project
        from briefing.templates import load_template

        article = read_article(SEED)
        extraction = extract(article)
        template = load_template(template_name)
        note = draft_new_note(article, extraction, template)
        project = out / "note.briefing"
        save_project(project, Project(note, article, extraction))
        docx_out, pdf_out = out / "note.docx", out / "note.pdf"
        for path in (docx_out, pdf_out):  # warm-up: fonts registered, modules imported
            export_note(note, template, path, article=article)
        docx_t = [timed(lambda: export_note(note, template, docx_out, article=article)) for _ in range(runs)]
        pdf_t = [timed(lambda: export_note(note, template, pdf_out, article=article)) for _ in range(runs)]
        briefing = Path(sys.executable).with_name("briefing")
        cli = [str(briefing), "export", str(project), "-o", str(out / "cli.pdf")]
        subprocess.run(cli, capture_output=True, check=True)  # warm the file cache
        lo_t: list[float] = []
        cli_t: list[float] = []
        if soffice is not None:
            lo = [soffice, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx_out)]
            subprocess.run(lo, capture_output=True, timeout=300)  # first start creates the profile
            for _ in range(soffice_runs):  # side by side: one LibreOffice run, one of ours
                lo_t.append(timed(lambda: subprocess.run(lo, capture_output=True, timeout=300, check=True)))
                cli_t.append(timed(lambda: subprocess.run(cli, capture_output=True, timeout=300, check=True)))
        else:
            cli_t = [timed(lambda: subprocess.run(cli, capture_output=True, check=True)) for _ in range(soffice_runs)]
    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    return {"docx": ms(docx_t), "pdf": ms(pdf_t), "process": ms(cli_t), "soffice": ms(lo_t) if lo_t else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="ministerial")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--soffice-runs", type=int, default=5)
    args = parser.parse_args(argv)
    r = measure(args.template, args.runs, args.soffice_runs)
    print(f"seed note, template {args.template}; medians (in-process: {args.runs} runs; processes: "
          f"{args.soffice_runs} runs each, interleaved)")
    print(f"  DOCX export, in-process                    {r['docx']:8.1f} ms")
    print(f"  PDF export, in-process                     {r['pdf']:8.1f} ms")
    print(f"  briefing export NOTE.briefing -o note.pdf  {r['process']:8.1f} ms (whole process)")
    if r["soffice"] is None:
        print("  soffice --headless --convert-to pdf: not available (install libreoffice-writer-nogui)")
        return 0
    print(f"  soffice --headless --convert-to pdf        {r['soffice']:8.1f} ms (the same note's DOCX)")
    ok = True
    for label, key, goal in (("PDF export", "pdf", PDF_GOAL), ("DOCX export", "docx", DOCX_GOAL),
                             ("briefing export process", "process", PROCESS_GOAL)):
        ratio = r["soffice"] / r[key]
        ok = ok and ratio >= goal
        print(f"  {label}: {ratio:.1f}x faster than soffice (goal >= {goal:g}x): "
              f"{'OK' if ratio >= goal else 'BELOW GOAL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
