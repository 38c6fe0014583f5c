"""Drafted summaries (BLUF) over article sets: how many read as unfinished, how many are too long.

For every article of each set the note's summary is drafted as ``briefing draft`` drafts it
(extraction, then :func:`briefing.note.draft.draft_note`) and checked for what an analyst
must not send: an ellipsis ("…"), a bracket or quotation mark left open, a sentence without
its full stop, more than 60 words or a sentence of more than 30. Sets: the dev corpus, the
seed, and the tuning sets under ``eval/`` that hold articles (never ``eval/blind``).

    .venv/bin/python bench/bluf_bench.py [--show] [--json OUT.json] [--sets dev seed heldout ...]
    .venv/bin/python bench/bluf_bench.py --rules   # which cut rules shaped the summaries, where

With ``--rules`` it also says, for each cut rule of ``resources/patterns/phrase_cuts.toml``,
on how many articles and sources it made a form the drafter was offered, and one a drafted
summary says: a rule is kept only if it does so on two sources or more.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
SETS = {
    "dev": (REPO.parent / "shared" / "corpus" / "dev", "*.txt"),
    "seed": (REPO / "seeds", "*.txt"),
    "heldout": (REPO / "eval" / "heldout", "*.txt"),
    "heldout2": (REPO / "eval" / "heldout2", "*.txt"),
    "heldout3": (REPO / "eval" / "heldout3", "*.txt"),
    "merge": (REPO / "eval" / "merge", "*/*.txt"),
}
ELLIPSIS = "\u2026"
PAIRS = (("(", ")"), ("[", "]"), ("\u201c", "\u201d"))


def problems(summary: str) -> list[str]:
    """What makes ``summary`` unfit to send as drafted (empty when none)."""
    from briefing.note.draft import MAX_SENTENCE_WORDS, MAX_SUMMARY_WORDS
    from briefing.note.commitments import count_words
    from briefing.note.wording import sentences

    found = []
    if ELLIPSIS in summary or "..." in summary:
        found.append("ellipsis")
    if any(summary.count(a) != summary.count(b) for a, b in PAIRS) or summary.count('"') % 2:
        found.append("unbalanced")
    if summary and not summary.rstrip().endswith((".", "!", "?", '."', ".\u201d")):
        found.append("no full stop")
    if count_words(summary) > MAX_SUMMARY_WORDS or any(
            count_words(s) > MAX_SENTENCE_WORDS for s in sentences(summary)):
        found.append("over limits")
    return found


def _source(set_name: str, path: Path) -> str:
    """The outlet an article comes from: the host of its gold's URL, else its name's prefix."""
    gold = path.with_suffix(".gold.json")
    if gold.is_file():
        url = str(json.loads(gold.read_text(encoding="utf-8")).get("source") or "")
        if "://" in url:
            return urlparse(url).netloc.lower().removeprefix("www.")
    stem = path.parent.name if set_name == "merge" else path.stem
    return f"{set_name}:{re.split(r'[-_]', stem, maxsplit=1)[0].lower()}"


def _count_rules(summary: str, offered: list[list[tuple[str, tuple[str, ...]]]],
                 fired: dict[str, set[tuple[str, str]]], article: str, source: str) -> None:
    """Record the rules behind each shortened form that made it into ``summary``: its words are
    there, and not those of the next longer form of its phrase."""
    for forms in offered:
        for longer, (words, rules) in zip([None, *forms], forms):
            for rule in rules:
                fired.setdefault(f"offered:{rule}", set()).add((article, source))
            if rules and words in summary and (longer is None or longer[0] not in summary):
                for rule in rules:
                    fired.setdefault(rule, set()).add((article, source))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--show", action="store_true", help="print every drafted summary")
    parser.add_argument("--json", type=Path, help="write {article: summary} to this file")
    parser.add_argument("--rules", action="store_true", help="count the cut rules behind the summaries")
    args = parser.parse_args(argv)
    os.environ.setdefault("BRIEFING_DATA_DIR", tempfile.mkdtemp(prefix="bluf-user-"))
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.note.draft import draft_note
    from briefing.note.richtext import plain_text

    drafted: dict[str, str] = {}
    offered: list[list[tuple[str, tuple[str, ...]]]] = []  # per phrase: (form's words, cut rules)
    fired: dict[str, set[tuple[str, str]]] = {}  # rule -> {(article, source)}
    if args.rules:
        import briefing.extract.agreements as agreements

        original = agreements.summary_forms

        def recording(tokens):  # noqa: ANN001, ANN202
            forms = original(tokens)
            words = [" ".join(f.tokens[0].doc[f.tokens[0].i:f.tokens[-1].i + 1].text.split()[1:])
                     for f in forms]  # the first word is rewritten ("Pact" -> "a pact")
            offered.append([(w, f.rules) for w, f in zip(words, forms)])
            return forms

        agreements.summary_forms = recording
    print("| set | articles | with an ellipsis | ellipses | unbalanced | no full stop | over limits |")
    print("|---|---|---|---|---|---|---|")
    start = time.perf_counter()
    totals = [0] * 6
    for name in args.sets:
        folder, pattern = SETS[name]
        paths = sorted(folder.glob(pattern))
        counts = [len(paths), 0, 0, 0, 0, 0]
        for path in paths:
            article = read_article(path)
            summary = " ".join(plain_text(draft_note(article, extract(article)).summary).split())
            key = f"{name}/{path.relative_to(folder)}"
            drafted[key] = summary
            found = problems(summary)
            if args.rules:
                _count_rules(summary, offered, fired, key, _source(name, path))
                offered.clear()
            counts[1] += "ellipsis" in found
            counts[2] += summary.count(ELLIPSIS)
            counts[3] += "unbalanced" in found
            counts[4] += "no full stop" in found
            counts[5] += "over limits" in found
            if args.show:
                print(f"\n{key} {found or ''}\n    {summary}\n", file=sys.stderr)
        totals = [t + c for t, c in zip(totals, counts)]
        print(f"| {name} | " + " | ".join(str(c) for c in counts) + " |")
    print("| all | " + " | ".join(str(c) for c in totals) + " |")
    print(f"\n{totals[0]} summaries drafted in {time.perf_counter() - start:.0f} s")
    if args.rules:
        print("\n| rule | forms offered: articles | sources | in a summary: articles | sources |"
              "\n|---|---|---|---|---|")
        for rule in sorted({r.removeprefix("offered:") for r in fired}):
            offered_in, used_in = fired.get(f"offered:{rule}", set()), fired.get(rule, set())
            print(f"| {rule} | {len(offered_in)} | {len({s for _, s in offered_in})} | "
                  f"{len(used_in)} | {len({s for _, s in used_in})} |")
    if args.json:
        args.json.write_text(json.dumps(drafted, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
