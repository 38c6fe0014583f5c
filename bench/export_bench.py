"""Export speed: our DOCX and PDF export of the seed's note vs LibreOffice's DOCX -> PDF.

Drafts the seed article's note once and saves it as a project, then measures, in one run
and interleaved so that a busy machine slows all of them alike (each round: one
LibreOffice conversion, one of each of our processes, then a share of the in-process runs):

- in-process ``export_note`` to DOCX and to PDF (check, layout, render, atomic write);
  median of ``--runs`` runs after a warm-up run; and the PDF export again with the PDF
  writer's process caches (font subsets, string widths, the logo; see
  ``briefing.export.reportlab_speedups``) emptied before each run, as for the first note
  of a process whose fonts are already parsed;
- the whole process ``briefing export NOTE.briefing -o note.pdf`` (start-up, imports,
  reading the project, export in a worker process under the task timeout; no language
  model), and the same with ``--task-timeout 0`` (the export in the command's own
  process); the package's bytecode is compiled first, as an installed package has it;
- ``soffice --headless --convert-to pdf`` of the same note's DOCX, each a fresh
  LibreOffice process.

Goals (issue "one look in both formats"): in-process PDF at least 50x faster than the
LibreOffice conversion, DOCX at least 10x, and the whole ``briefing export`` process under
a third of it. Prints every figure with the ratio, wall-clock and (for the processes) CPU
time, which a busy machine disturbs less; exits 1 if a goal is missed (wall-clock).

    .venv/bin/python bench/export_bench.py [--template ministerial] [--runs 40] [--soffice-runs 7]
"""
from __future__ import annotations

import argparse
import compileall
import os
import resource
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


def run_timed(command: list[str], wall: list[float], cpu: list[float]) -> None:
    """Run ``command``; append its wall-clock and CPU seconds (it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall.append(timed(lambda: subprocess.run(command, capture_output=True, timeout=300, check=True)))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


def measure(template_name: str = "ministerial", runs: int = 40, soffice_runs: int = 7) -> dict[str, float | None]:
    """Medians in milliseconds: ``docx``, ``pdf``, ``pdf_cold`` (in-process), ``process`` (whole
    ``briefing export``) and ``soffice`` (None when LibreOffice is not installed)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        out = Path(tmp)
        os.environ["BRIEFING_DATA_DIR"] = str(out / "user")
        from briefing.export import export_note, reportlab_speedups
        from briefing.export.logo import _IMAGES as logo_images
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
        docx_t, docx_c, pdf_t, pdf_c, cold_t, cold_c = [], [], [], [], [], []

        def in_process(count: int) -> None:
            for _ in range(count):
                for path, wall, cpu, empty in ((docx_out, docx_t, docx_c, False), (pdf_out, pdf_t, pdf_c, False),
                                               (pdf_out, cold_t, cold_c, True)):
                    if empty:
                        reportlab_speedups.clear_caches()
                        logo_images.clear()  # the decoded logo (briefing.export.logo)
                    started = time.process_time()
                    wall.append(timed(lambda: export_note(note, template, path, article=article)))  # noqa: B023
                    cpu.append(time.process_time() - started)

        compileall.compile_dir(REPO / "briefing", quiet=1)  # bytecode, as an installed package has
        briefing = Path(sys.executable).with_name("briefing")
        cli = [str(briefing), "export", str(project), "-o", str(out / "cli.pdf")]
        here = [*cli, "--task-timeout", "0"]
        subprocess.run(cli, capture_output=True, check=True)  # warm the file cache
        times: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in ("soffice", "process", "here")}
        commands = {"process": cli, "here": here}
        if soffice is not None:
            lo = [soffice, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx_out)]
            subprocess.run(lo, capture_output=True, timeout=300)  # first start creates the profile
            commands = {"soffice": lo, **commands}
        rounds = max(1, soffice_runs)
        for round_number in range(rounds):  # side by side: one LibreOffice run, one of each of ours,
            for key, command in commands.items():  # then a share of the in-process runs
                run_timed(command, *times[key])
            in_process(runs // rounds + (round_number < runs % rounds))
    ms = lambda values: statistics.median(values) * 1000 if values else None  # noqa: E731
    return {"docx": ms(docx_t), "pdf": ms(pdf_t), "docx_cpu": ms(docx_c), "pdf_cpu": ms(pdf_c),
            "pdf_cold": ms(cold_t), "pdf_cold_cpu": ms(cold_c),
            "process": ms(times["process"][0]),
            "process_cpu": ms(times["process"][1]), "here": ms(times["here"][0]),
            "here_cpu": ms(times["here"][1]), "soffice": ms(times["soffice"][0]),
            "soffice_cpu": ms(times["soffice"][1])}



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="ministerial")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--soffice-runs", type=int, default=7)
    args = parser.parse_args(argv)
    r = measure(args.template, args.runs, args.soffice_runs)
    print(f"seed note, template {args.template}; medians (in-process: {args.runs} runs; processes: "
          f"{args.soffice_runs} runs each, interleaved)")
    print(f"  DOCX export, in-process                    {r['docx']:8.1f} ms (CPU {r['docx_cpu']:.0f} ms)")
    print(f"  PDF export, in-process                     {r['pdf']:8.1f} ms (CPU {r['pdf_cpu']:.0f} ms)")
    print(f"    ... caches emptied before each run       {r['pdf_cold']:8.1f} ms (CPU {r['pdf_cold_cpu']:.0f} ms)")
    print(f"  briefing export NOTE.briefing -o note.pdf  {r['process']:8.1f} ms (whole process; "
          f"CPU {r['process_cpu']:.0f} ms)")
    print(f"    ... with --task-timeout 0                {r['here']:8.1f} ms (no worker process; "
          f"CPU {r['here_cpu']:.0f} ms)")
    if r["soffice"] is None:
        print("  soffice --headless --convert-to pdf: not available (install libreoffice-writer-nogui)")
        return 0
    print(f"  soffice --headless --convert-to pdf        {r['soffice']:8.1f} ms (the same note's DOCX; "
          f"CPU {r['soffice_cpu']:.0f} ms)")
    ok = True
    for label, key, goal in (("PDF export", "pdf", PDF_GOAL), ("  ... caches emptied", "pdf_cold", PDF_GOAL),
                             ("DOCX export", "docx", DOCX_GOAL),
                             ("briefing export process", "process", PROCESS_GOAL),
                             ("  ... with --task-timeout 0", "here", PROCESS_GOAL)):
        ratio = r["soffice"] / r[key]
        ok = ok and (ratio >= goal or key in ("here", "pdf_cold"))
        cpu = f"; CPU {r['soffice_cpu'] / r[key + '_cpu']:.1f}x" if key + "_cpu" in r else ""
        print(f"  {label}: {ratio:.1f}x faster than soffice{cpu} (goal >= {goal:g}x): "
              f"{'OK' if ratio >= goal else 'BELOW GOAL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
