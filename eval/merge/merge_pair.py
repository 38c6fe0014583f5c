#!/usr/bin/env python3
"""The composer's merger on one pair of articles, as the merge JSON ``score_merge.py`` reads.

    .venv/bin/python eval/merge/merge_pair.py A.txt B.txt          # the merge JSON of one pair
    .venv/bin/python eval/merge/merge_pair.py --score [-v]          # every pair, scored, in one process

A note is drafted from A as the composer drafts it, B is added with
:func:`briefing.note.merge.add_source`, and each item of the merged note is written with
its evidence from each side: the text of its spans in that article (its name, sentence,
quote or event). Countries come from each side's extraction, grouped by code. The
sources' own conflicts go to the top-level ``conflicts``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

KINDS = ("participants", "agreements", "quotes", "events")


def merge_files(a_path: Path, b_path: Path) -> dict[str, Any]:
    from briefing.extract import extract
    from briefing.ingest import read_article

    a, b = read_article(a_path), read_article(b_path)
    return merge_articles(a, extract(a), b, extract(b))


def merge_articles(a, a_extraction, b, b_extraction) -> dict[str, Any]:  # noqa: ANN001
    from briefing.note.draft import draft_note
    from briefing.note.merge import add_source
    from briefing.note.project import Project

    note = draft_note(a, a_extraction)
    Project(note, a, a_extraction)  # the first source holds its article
    add_source(note, b, b_extraction)
    return merge_json(note)


def merge_json(note) -> dict[str, Any]:  # noqa: ANN001
    """The merged note's items with their evidence per side (``s1`` is a, ``s2`` is b)."""
    sides = {"a": note.sources[0], "b": note.sources[1]}
    items = []
    for kind in KINDS:
        for item in note.section(kind):
            entry: dict[str, Any] = {"kind": kind}
            for side, source in sides.items():
                text = source.article.text
                spans = item.spans_in(source.id, note.first_source_id)
                if kind == "participants":
                    evidence = sorted({text[s:e] for s, e in spans})
                elif kind == "agreements":  # the commitment's own words where the sentence has them
                    own = item.text if source.id == (item.source_id or note.first_source_id) else \
                        next((c.text for c in item.citations if c.source == source.id), "")
                    evidence = [_narrowed(text[s:e], own) for s, e in spans]
                else:
                    evidence = [text[s:e] for s, e in spans]
                if evidence:
                    entry[side] = evidence
            if item.conflicts:
                entry["conflicts"] = [{"field": c.field, "values": c.values} for c in item.conflicts]
            items.append(entry)
    codes: dict[str, list[str]] = {}
    for side, source in sides.items():
        for country in source.extraction.countries if source.extraction else []:
            codes.setdefault(country.code, []).append(side)
    items += [{"kind": "countries", "code": code, "sides": found} for code, found in codes.items()]
    conflicts = [{"kind": "sources", "field": c.field, "values": c.values} for c in note.source_conflicts]
    return {"items": items, "conflicts": conflicts}


def _narrowed(sentence: str, words: str) -> str:
    """The sentence, cut after ``words`` (the agreement's text, however capitalised) when it
    goes on to name another instrument: who committed to what, not the other agreement."""
    from briefing.note.matching import instrument_family

    at = sentence.casefold().find(words.strip().casefold())
    if not words.strip() or at < 0:
        return sentence
    end = at + len(words.strip())
    return sentence[:end] if instrument_family("", sentence[end:]) else sentence


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, metavar="A B")
    parser.add_argument("--score", action="store_true", help="merge and score every pair of eval/merge")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.score:
        sys.path.insert(0, str(HERE))
        from score_merge import report, score_all

        print(report(score_all(HERE, merge_files), args.verbose))
        return 0
    if len(args.files) != 2:
        parser.error("give two article files, or --score")
    print(json.dumps(merge_files(*args.files), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
