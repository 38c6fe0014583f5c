#!/usr/bin/env python3
"""Check the merge gold files (``eval/merge/PAIR/merge.gold.json``): valid JSON of the
documented shape, known kinds and statuses, unique ids, and every evidence string and
every conflict value an exact substring of the source it names (``a.txt`` or ``b.txt``).

    python3 eval/merge/check_gold.py [DIR]      # exit 1 on any problem
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIDES = ("a", "b")
ITEM_KINDS = ("participants", "agreements", "quotes", "events", "countries")
CONFLICT_KINDS = ITEM_KINDS + ("sources",)
STATUSES = {"signed", "agreed", "affirmed"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
REQUIRED_FIELDS = {
    "participants": ("id", "name", "role", "country"),
    "agreements": ("id", "what", "status", "parties"),
    "quotes": ("id", "speaker"),
    "events": ("id", "date", "what"),
    "countries": ("code",),
}


def pairs(folder: Path) -> list[Path]:
    """The pair folders under ``folder`` (each holding a merge.gold.json)."""
    return sorted(p.parent for p in folder.glob("*/merge.gold.json"))


def cluster_id(kind: str, cluster: dict[str, Any]) -> str:
    """The id of a gold cluster: its ``id``, or the country code for countries."""
    return str(cluster["code"] if kind == "countries" else cluster["id"])


def check_pair(pair: Path) -> list[str]:
    problems: list[str] = []
    where = pair.name
    texts = {}
    for side in SIDES:
        path = pair / f"{side}.txt"
        if not path.is_file():
            return [f"{where}: missing {side}.txt"]
        texts[side] = path.read_text(encoding="utf-8")
    try:
        gold = json.loads((pair / "merge.gold.json").read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{where}: merge.gold.json is not valid JSON: {exc}"]
    if not isinstance(gold.get("meeting"), str) or not gold["meeting"]:
        problems.append(f"{where}: 'meeting' must say which meeting the pair reports")
    sources = gold.get("sources", {})
    for side in SIDES:
        info = sources.get(side)
        if not isinstance(info, dict) or not info.get("outlet") or not info.get("url"):
            problems.append(f"{where}: sources.{side} needs outlet and url")
        elif info.get("date") is not None and not DATE_RE.match(info["date"]):
            problems.append(f"{where}: sources.{side}.date {info['date']!r} is not YYYY-MM-DD")
    known: dict[str, dict[str, dict[str, Any]]] = {}
    codes = {c.get("code") for c in gold.get("countries", [])}
    for kind in ITEM_KINDS:
        clusters = gold.get(kind)
        if not isinstance(clusters, list):
            problems.append(f"{where}: '{kind}' must be a list")
            continue
        known[kind] = {}
        for index, cluster in enumerate(clusters):
            label = f"{where}: {kind}[{index}]"
            missing = [f for f in REQUIRED_FIELDS[kind] if f not in cluster]
            if missing:
                problems.append(f"{label}: missing {', '.join(missing)}")
                continue
            ident = cluster_id(kind, cluster)
            if ident in known[kind]:
                problems.append(f"{label}: id {ident!r} used twice")
            known[kind][ident] = cluster
            sides = [s for s in SIDES if cluster.get(s)]
            if not sides:
                problems.append(f"{label} ({ident}): no evidence from a or b")
            for side in sides:
                if not isinstance(cluster[side], list):
                    problems.append(f"{label} ({ident}): '{side}' must be a list of strings")
                    continue
                for evidence in cluster[side]:
                    if not isinstance(evidence, str) or not evidence:
                        problems.append(f"{label} ({ident}): empty evidence in {side}")
                    elif evidence not in texts[side]:
                        problems.append(f"{label} ({ident}): not in {side}.txt: {evidence[:70]!r}")
            problems += _check_fields(kind, cluster, f"{label} ({ident})", codes)
    for index, conflict in enumerate(gold.get("conflicts", [])):
        label = f"{where}: conflicts[{index}]"
        kind = conflict.get("kind")
        if kind not in CONFLICT_KINDS:
            problems.append(f"{label}: unknown kind {kind!r}")
            continue
        if not conflict.get("field"):
            problems.append(f"{label}: missing field")
        if kind != "sources":
            cluster = known.get(kind, {}).get(str(conflict.get("id")))
            if cluster is None:
                problems.append(f"{label}: no {kind} cluster {conflict.get('id')!r}")
            elif not all(cluster.get(s) for s in SIDES):
                problems.append(f"{label}: cluster {conflict.get('id')!r} is not reported by both sources")
        for side in SIDES:
            value = conflict.get(side)
            if not isinstance(value, str) or value not in texts[side]:
                problems.append(f"{label}: value for {side} not in {side}.txt: {str(value)[:70]!r}")
    return problems


def _check_fields(kind: str, cluster: dict[str, Any], label: str, codes: set[Any]) -> list[str]:
    problems = []
    if kind == "countries" and not re.fullmatch(r"[A-Z]{2}", str(cluster["code"])):
        problems.append(f"{label}: bad country code")
    if kind == "participants" and cluster["country"] is not None and cluster["country"] not in codes:
        problems.append(f"{label}: country {cluster['country']} not among the pair's countries")
    if kind == "agreements":
        if cluster["status"] not in STATUSES:
            problems.append(f"{label}: bad status {cluster['status']!r}")
        if cluster.get("date") is not None and not DATE_RE.match(cluster["date"]):
            problems.append(f"{label}: bad date {cluster['date']!r}")
    if kind == "events" and not DATE_RE.match(str(cluster["date"])):
        problems.append(f"{label}: bad date {cluster['date']!r}")
    return problems


def check(folder: Path) -> list[str]:
    found = pairs(folder)
    if not found:
        return [f"{folder}: no */merge.gold.json"]
    problems: list[str] = []
    for pair in found:
        problems += check_pair(pair)
    return problems


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    problems = check(folder)
    for line in problems:
        print(line)
    print(f"{len(pairs(folder))} pairs, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
