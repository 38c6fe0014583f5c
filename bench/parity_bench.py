"""One look in both formats: our PDF beside the DOCX rendered by LibreOffice, for every note.

For every dev article (``../shared/corpus/dev/*.txt``) and shipped template the note is
drafted and exported to DOCX and PDF; LibreOffice converts the DOCX files to PDF
(``soffice --headless --convert-to pdf``, one process for all of them). For each pair it
compares the page count (``pdfinfo``), the section headings in order (found in the text
of each page, ``pdftotext``) and the font families (``pdffonts``, subset prefixes and
style suffixes removed). Prints the table and the totals; exits 1 if a pair differs.

    .venv/bin/python bench/parity_bench.py [--corpus DIR] [--out DIR] [--templates a,b]

Needs LibreOffice and poppler-utils, and the metric-compatible fonts installed
(fonts-crosextra-carlito, fonts-crosextra-caladea, fonts-liberation2) so that LibreOffice
draws Calibri, Cambria, Arial and Times New Roman with the same metrics as our PDF.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = ("ministerial", "intsum", "one-page")
STYLE_SUFFIX = re.compile(r"[-,]?(Bold|Italic|Oblique|Regular|BoldItalic|BoldOblique|Roman|Book)+$")


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def families(pdf: Path) -> set[str]:
    """Font families a PDF uses (``ABCDEF+Carlito-Bold`` -> ``Carlito``)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in out.splitlines()[2:]:
        name = line.split()[0] if line.split() else ""
        name = name.split("+", 1)[-1]
        name = STYLE_SUFFIX.sub("", name).replace(" ", "")
        if name:
            names.add(name)
    return names


def embedded(pdf: Path) -> bool:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return all(line.split()[-5] == "yes" for line in out.splitlines()[2:] if len(line.split()) >= 7)


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def headings_in_order(text: str, headings: list[str]) -> list[str]:
    """The headings found as lines of ``text``, in the order they appear."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    found, start = [], 0
    for heading in headings:
        for i in range(start, len(lines)):
            if lines[i] == heading or lines[i].startswith(heading + " ") and len(lines[i]) < len(heading) + 3:
                found.append(heading)
                start = i + 1
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--templates", default=",".join(TEMPLATES))
    parser.add_argument("--seed", action="store_true", help="also the sample article in seeds/")
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdffonts") is None:
        print("needs soffice (LibreOffice) and pdffonts (poppler-utils)", file=sys.stderr)
        return 2
    os.environ.setdefault("BRIEFING_DATA_DIR", tempfile.mkdtemp(prefix="parity-user-"))
    from briefing.export import export_note
    from briefing.export.outline import build_outline
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.note.header import draft_new_note
    from briefing.templates import load_template

    out = args.out or Path(tempfile.mkdtemp(prefix="parity-"))
    (out / "lo").mkdir(parents=True, exist_ok=True)
    names = [t for t in args.templates.split(",") if t]
    templates = {n: load_template(n) for n in names}
    articles = sorted(args.corpus.glob("*.txt"))
    if args.seed:
        articles.insert(0, REPO / "seeds" / "000_30b27e0cb4826dc3.txt")
    pairs = []
    for path in articles:
        article = read_article(path)
        extraction = extract(article)
        for name, template in templates.items():
            note = draft_new_note(article, extraction, template)
            stem = f"{path.stem}.{name}"
            for fmt in ("docx", "pdf"):
                problems = export_note(note, template, out / f"{stem}.{fmt}", article=article)
                assert not any(p.fatal for p in problems), problems
            headings = [s.heading for s in build_outline(note, template, article=article).sections]
            pairs.append((path.stem, name, stem, headings))
    start = time.perf_counter()
    docx_files = [str(out / f"{stem}.docx") for _, _, stem, _ in pairs]
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), *docx_files],
                   capture_output=True, check=True, timeout=1800)
    lo_seconds = time.perf_counter() - start
    print(f"{len(pairs)} notes; LibreOffice converted the DOCX files in {lo_seconds:.0f} s; files in {out}\n")
    print("| article | template | pages PDF / DOCX | headings in order | font families PDF / DOCX | all embedded |")
    print("|---|---|---|---|---|---|")
    same_pages = same_heads = same_fonts = 0
    for article_stem, name, stem, headings in pairs:
        ours, theirs = out / f"{stem}.pdf", out / "lo" / f"{stem}.pdf"
        p1, p2 = page_count(ours), page_count(theirs)
        h1, h2 = headings_in_order(text_of(ours), headings), headings_in_order(text_of(theirs), headings)
        f1, f2 = families(ours), families(theirs)
        same_pages += p1 == p2
        same_heads += h1 == h2 == headings
        same_fonts += f1 == f2
        heads = "same" if h1 == h2 == headings else \
            f"ours {len(h1)}/{len(headings)}, LibreOffice {len(h2)}/{len(headings)}"
        fonts = ", ".join(sorted(f1)) if f1 == f2 else f"{', '.join(sorted(f1))} / {', '.join(sorted(f2))}"
        print(f"| {article_stem} | {name} | {p1} / {p2}{'' if p1 == p2 else ' **differs**'} | {heads} | "
              f"{fonts} | {'yes' if embedded(ours) else 'NO'} |")
    n = len(pairs)
    print(f"\nsame page count {same_pages}/{n}; same headings in order {same_heads}/{n}; "
          f"same font families {same_fonts}/{n}")
    return 0 if same_pages == same_heads == same_fonts == n else 1


if __name__ == "__main__":
    sys.exit(main())
