#!/usr/bin/env python3
"""Check the held-out gold files: valid JSON, theme ids from themes.md, and every
evidence string (agreements and quotes) an exact substring of its article.

    python3 eval/heldout/check_gold.py [DIR]     # exit 1 on any problem
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
THEMES_MD = Path(__file__).resolve().parents[3] / "shared" / "spec" / "themes.md"
STATUSES = {"signed", "agreed", "affirmed"}


def theme_ids() -> set[str]:
    return set(re.findall(r"^\| ([a-z][a-z-]+) \|", THEMES_MD.read_text(encoding="utf-8"), re.M))


def check(folder: Path) -> list[str]:
    problems: list[str] = []
    themes = theme_ids()
    golds = sorted(folder.glob("*.gold.json"))
    for gold_path in golds:
        stem = gold_path.name[: -len(".gold.json")]
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        where = gold_path.name
        date = gold.get("date")
        if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            problems.append(f"{where}: bad date {date!r}")
        for code in gold["countries"]:
            if not re.fullmatch(r"[A-Z]{2}", code):
                problems.append(f"{where}: bad country code {code!r}")
        for p in gold["participants"]:
            if p["country"] is not None and p["country"] not in gold["countries"]:
                problems.append(f"{where}: participant {p['name']} country {p['country']} not in countries")
            for name in [p["name"], *p.get("aliases", [])]:
                if name not in text:
                    problems.append(f"{where}: name {name!r} not in article")
        for theme in gold["themes"]:
            if theme not in themes:
                problems.append(f"{where}: unknown theme {theme!r}")
        for a in gold["agreements"]:
            if a["status"] not in STATUSES:
                problems.append(f"{where}: bad status {a['status']!r}")
            for ev in a["evidence"]:
                if ev not in text:
                    problems.append(f"{where}: agreement evidence not in article: {ev[:70]!r}")
        for q in gold["quotes"]:
            if q["speaker"] not in text:
                problems.append(f"{where}: speaker {q['speaker']!r} not in article")
            for ev in q["evidence"]:
                if ev not in text:
                    problems.append(f"{where}: quote evidence not in article: {ev[:70]!r}")
    if not golds:
        problems.append(f"{folder}: no *.gold.json")
    return problems


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    problems = check(folder)
    for line in problems:
        print(line)
    print(f"{len(list(folder.glob('*.gold.json')))} gold files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
