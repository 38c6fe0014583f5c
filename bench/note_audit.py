"""Audit of exported notes: markings, drafts, file paths and BLUF length over the dev corpus.

For every dev article (``../shared/corpus/dev/*.txt``, or ``--corpus DIR``) the note is
drafted once, then exported with each shipped template to DOCX and PDF, in four states:
the default marking as drafted (a draft: required sections empty), the same note
completed (required sections written, so it must be final), and both again with a
raised marking (one participant SECRET and the note marked SECRET with the scheme's
release control, authority lines filled). Each file is read back (python-docx, pypdf)
and checked:

- the banner on every PDF page (top and bottom) and in the DOCX header and footer is
  the one the scheme's table gives for the highest level present;
- every portion mark in the text is one the scheme's table gives for the note (never
  letters made from initials);
- a final note has no placeholder and no "DRAFT"; a draft has "DRAFT" on every page;
- no local file path (the corpus folder, the article's file name) appears anywhere.

It also reports the drafted BLUF of each article: words, longest sentence, and whether it
is within the template's limits (60 words, 30 per sentence).

    .venv/bin/python bench/note_audit.py [--corpus ../shared/corpus/dev] [--out /tmp/audit]
"""
from __future__ import annotations

import argparse
import copy
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = ("ministerial", "intsum", "one-page")
RAISED = {"us": "SECRET//REL TO USA, AUS, CAN, GBR", "uk": "SECRET UK EYES ONLY",
          "nato": "NATO SECRET", "none": ""}
MARK_AT_START = re.compile(r"(?m)^[\s\u2022]*(?:\[\d+\]\s*)?(\([A-Z]{1,4}(?://[^()\n]*?)?(?:-[AB])?\))")
AUTHORITY = {"classified_by": "A. Analyst, Desk", "derived_from": "Multiple Sources",
             "declassify_on": "20500101", "controlled_by": "Desk", "cui_category": "PRVCY",
             "poc": "A. Analyst"}


def docx_texts(path: Path) -> tuple[str, str]:
    """(body text with tables, header + footer text) of a DOCX."""
    import docx

    doc = docx.Document(str(path))
    body = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    bands = [p.text for s in doc.sections for part in (s.header, s.footer) for p in part.paragraphs]
    return "\n".join(body), "\n".join(bands)


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


def audit_file(path: Path, outline, marking_table: set[str], levels: set[str],  # noqa: ANN001
               forbidden: list[str]) -> dict:
    """Findings of one exported file."""
    from briefing.export.outline import PLACEHOLDER

    banner = outline.classification
    if path.suffix == ".pdf":
        pages = pdf_pages(path)
        text = "\n".join(pages)
        banner_ok = all(p.count(banner) >= 2 for p in pages) if banner else True
        draft_everywhere = all("DRAFT" in p for p in pages)
        draft_anywhere = any("DRAFT" in p for p in pages)
        count = len(pages)
    else:
        body, bands = docx_texts(path)
        text = body + "\n" + bands
        banner_ok = bands.count(banner) >= 2 if banner else True
        draft_everywhere = draft_anywhere = "DRAFT" in bands
        count = 1
    # a portion mark opens a paragraph, a bullet, a table cell or a reference line
    # (an acronym that happens to open a wrapped PDF line is not a mark: a mark opens with a
    # level abbreviation of the scheme, and then everything after it must match the table)
    marks = {m for m in MARK_AT_START.findall(text) if m[1:-1].split("//")[0].split("-")[0] in levels}
    bad_marks = sorted(m for m in marks if m not in marking_table)
    return {
        "pages": count,
        "banner_ok": banner_ok,
        "bad_marks": bad_marks,
        "placeholder_in_final": (not outline.draft) and PLACEHOLDER in text,
        "draft_mark_ok": draft_everywhere if outline.draft else not draft_anywhere,
        "paths": [f for f in forbidden if f and f in text],
    }


def portion_table(scheme, marking) -> set[str]:  # noqa: ANN001
    """Every portion mark the scheme's table gives for ``marking`` at each level."""
    return {marking.at_level(level).portion for level in scheme.levels if marking.at_level(level).portion}


def expected_banner(scheme, note, template) -> str:  # noqa: ANN001
    """The banner the scheme's table gives: the note's marking at the highest level present."""
    marking = scheme.parse(note.header.classification or template.classification)
    default = scheme.find_level(template.portion_default) or scheme.default
    present = [marking.level] + [scheme.find_level(item.portion) if item.portion else default
                                 for section in ("participants", "agreements", "themes", "quotes", "events")
                                 for item in note.included(section)]
    return marking.at_level(max(present, key=lambda lv: lv.rank)).banner


def bluf_stats(summary: str) -> tuple[int, int]:
    from briefing.export.check import words
    from briefing.note.richtext import plain_text
    from briefing.note.wording import sentences

    text = " ".join(plain_text(summary).split())
    return len(words(text)), max((len(words(s)) for s in sentences(text)), default=0)


def complete(note):  # noqa: ANN001, ANN201
    done = copy.deepcopy(note)
    for key in ("issue", "background", "considerations", "recommendation", "key_judgements"):
        done.extra_sections.setdefault(key, f"The analyst's {key.replace('_', ' ')}.")
    done.analyst_comment = done.analyst_comment or "The analyst's comment."
    return done


def raise_marking(note, template):  # noqa: ANN001, ANN201
    raised = copy.deepcopy(note)
    scheme = template.marking_scheme()
    raised.header.classification = RAISED.get(template.scheme, "")
    if raised.participants:
        top = scheme.find_level("SECRET") or scheme.find_level("NATO SECRET") or scheme.levels[-1]
        raised.participants[-1].portion = top.name
    raised.header.authority = dict(AUTHORITY)
    return raised


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--out", type=Path, default=None, help="keep the exports in this folder")
    args = parser.parse_args(argv)
    os.environ.setdefault("BRIEFING_DATA_DIR", tempfile.mkdtemp(prefix="audit-user-"))
    from briefing.export import export_note
    from briefing.export.outline import build_outline
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.note.header import draft_new_note
    from briefing.templates import load_template

    articles = sorted(args.corpus.glob("*.txt"))
    if not articles:
        print(f"no articles in {args.corpus}", file=sys.stderr)
        return 1
    out = args.out or Path(tempfile.mkdtemp(prefix="audit-"))
    out.mkdir(parents=True, exist_ok=True)
    templates = {name: load_template(name) for name in TEMPLATES}
    rows: dict[tuple[str, str], dict] = {}
    bluf: list[tuple[str, int, int]] = []
    failures: list[str] = []
    start = time.perf_counter()
    for path in articles:
        article = read_article(path)
        extraction = extract(article)
        forbidden = [str(args.corpus), path.name, str(path.parent), "corpus/dev"]
        for name, template in templates.items():
            note = draft_new_note(article, extraction, template)
            if name == TEMPLATES[0]:
                bluf.append((path.stem, *bluf_stats(note.summary)))
            for state, variant in (("drafted", note), ("completed", complete(note)),
                                   ("drafted, raised", raise_marking(note, template)),
                                   ("completed, raised", raise_marking(complete(note), template))):
                outline = build_outline(variant, template, article=article)
                scheme = template.marking_scheme()
                expected = expected_banner(scheme, variant, template)
                if outline.classification != expected:
                    failures.append(f"{path.stem}.{name}.{state}: banner {outline.classification!r}, "
                                    f"the scheme's table says {expected!r}")
                table = portion_table(scheme, scheme.parse(variant.header.classification or template.classification))
                table = table if outline.portion_marks else set()  # marks off: none may print
                levels = {lv.portion for lv in scheme.levels if lv.portion}
                for fmt in ("docx", "pdf"):
                    target = out / f"{path.stem}.{name}.{state.replace(', ', '-')}.{fmt}"
                    problems = export_note(variant, template, target, article=article)
                    if any(p.fatal for p in problems):
                        failures.append(f"{target.name}: not written: {[p.message for p in problems if p.fatal]}")
                        continue
                    found = audit_file(target, outline, table, levels, forbidden)
                    row = rows.setdefault((name, fmt), {"files": 0, "drafts": 0, "finals": 0, "banner_ok": 0,
                                                        "marks_ok": 0, "placeholder_in_final": 0,
                                                        "draft_mark_ok": 0, "paths": 0, "pages": []})
                    row["files"] += 1
                    row["drafts" if outline.draft else "finals"] += 1
                    row["banner_ok"] += found["banner_ok"]
                    row["marks_ok"] += not found["bad_marks"]
                    row["placeholder_in_final"] += found["placeholder_in_final"]
                    row["draft_mark_ok"] += found["draft_mark_ok"]
                    row["paths"] += bool(found["paths"])
                    if fmt == "pdf" and state == "drafted":
                        row["pages"].append(found["pages"])
                    for key, bad in (("banner", not found["banner_ok"]), ("marks", found["bad_marks"]),
                                     ("placeholder", found["placeholder_in_final"]),
                                     ("draft mark", not found["draft_mark_ok"]), ("path", found["paths"])):
                        if bad:
                            failures.append(f"{target.name}: {key}: {bad}")
    seconds = time.perf_counter() - start
    print(f"{len(articles)} articles x {len(TEMPLATES)} templates x 4 states x {{DOCX, PDF}} = "
          f"{sum(r['files'] for r in rows.values())} files in {seconds:.0f} s; exports in {out}\n")
    print("| template | format | files | drafts | finals | banner as scheme | portion marks from scheme "
          "| placeholder in a final | DRAFT on every page of a draft, none on a final | file path |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (name, fmt), r in sorted(rows.items()):
        print(f"| {name} | {fmt.upper()} | {r['files']} | {r['drafts']} | {r['finals']} | "
              f"{r['banner_ok']}/{r['files']} | {r['marks_ok']}/{r['files']} | {r['placeholder_in_final']} | "
              f"{r['draft_mark_ok']}/{r['files']} | {r['paths']} |")
    print("\nBLUF as drafted (limit 60 words, 30 per sentence):\n")
    print("| article | words | longest sentence | within limits |")
    print("|---|---|---|---|")
    for stem, count, longest in bluf:
        print(f"| {stem} | {count} | {longest} | {'yes' if count <= 60 and longest <= 30 else 'no'} |")
    within = sum(1 for _, c, s in bluf if c <= 60 and s <= 30)
    print(f"\nBLUF within limits: {within}/{len(bluf)}; the check warns on the others.")
    pages = {name: rows[(name, "pdf")]["pages"] for name in TEMPLATES if (name, "pdf") in rows}
    print("PDF pages of the drafted notes: " + "; ".join(
        f"{n} {min(p)}-{max(p)} (mean {sum(p) / len(p):.1f})" for n, p in pages.items() if p))
    if failures:
        print(f"\n{len(failures)} findings:")
        for line in failures[:40]:
            print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
