#!/usr/bin/env python3
"""Score a merger of two articles against the merge gold: pairwise precision and recall
of "these two extracted items are the same" links, per kind, and recall of conflicts.

    python3 eval/merge/score_merge.py --run "CMD" [-v]     # CMD A.txt B.txt prints the merge JSON
    python3 eval/merge/score_merge.py --pred DIR [-v]      # DIR/PAIR.json, one file per pair
    python3 eval/merge/score_merge.py --gold-as-pred       # sanity: the gold itself scores 1.0

From Python: ``score_all(gold_dir, merge)`` with ``merge(a_path, b_path) -> dict``.

The merge JSON (one pair) lists the merged items, each with the evidence it has from each
source; an item seen in one source only has evidence from that side alone::

    {"items": [
       {"kind": "participants", "a": ["Yasukazu Hamada"], "b": ["Yasukazu Hamada"],
        "conflicts": [{"field": "role"}]},
       {"kind": "agreements", "a": ["...sentence from a.txt..."], "b": [[812, 930]]},
       {"kind": "countries", "code": "JP", "sides": ["a", "b"]}],
     "conflicts": [{"kind": "sources", "field": "date"}]}

``kind`` is one of participants, agreements, quotes, events, countries. Evidence is a text
found in that source's file (a name, a quote, the sentence; whitespace may differ) or a
``[start, end]`` character span into the file's text. A country item may give ``code`` and
``sides`` instead of evidence. Unknown keys are ignored.

How it counts: each piece of evidence is mapped to the gold cluster of the same kind whose
evidence on that side it overlaps most (overlap / shorter length >= 0.5). A predicted item
thus names a set of *mentions* ``(side, cluster)``; every two different mentions in one item
are a predicted link. Gold links join the a-mention and the b-mention of each cluster
reported by both sources. Precision = right links / predicted links; recall = right links /
gold links; "linkable recall" counts only gold links whose two mentions the prediction found
at all, so that a merger is not blamed for what extraction missed. A gold conflict is found
when one item holds both mentions of its cluster and lists a conflict on the same field.
"""
from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_gold import ITEM_KINDS, SIDES, cluster_id, pairs  # noqa: E402

MIN_OVERLAP = 0.5
Mention = tuple[str, str]  # (side, gold cluster id)
Link = frozenset  # of two Mentions


@dataclass
class Tally:
    predicted: int = 0
    right: int = 0
    gold: int = 0
    linkable: int = 0
    linkable_right: int = 0

    def add(self, other: Tally) -> None:
        for name in ("predicted", "right", "gold", "linkable", "linkable_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def linkable_recall(self) -> float:
        return self.linkable_right / self.linkable if self.linkable else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PairScore:
    name: str
    kinds: dict[str, Tally] = field(default_factory=dict)
    conflicts_total: int = 0
    conflicts_found: int = 0
    mentions_gold: int = 0
    mentions_found: int = 0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- locating evidence

def _ranges(text: str, evidence: Any) -> list[tuple[int, int]]:
    """Character ranges of ``evidence`` (a string or [start, end]) in ``text``."""
    if isinstance(evidence, (list, tuple)) and len(evidence) == 2 and all(isinstance(x, int) for x in evidence):
        start, end = evidence
        return [(max(0, start), min(len(text), end))] if end > start else []
    if not isinstance(evidence, str) or not evidence.strip():
        return []
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(evidence), text)]
    if found:
        return found
    words = [re.escape(w) for w in evidence.split()]
    pattern = r"\s+".join(words)  # the same words with other spacing or line breaks
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> tuple[float, float]:
    common = min(x[1], y[1]) - max(x[0], y[0])
    if common <= 0:
        return 0.0, 0.0
    return common / min(x[1] - x[0], y[1] - y[0]), common / max(x[1] - x[0], y[1] - y[0])


class GoldPair:
    """One pair's texts and gold clusters, with each cluster's evidence ranges per side."""

    def __init__(self, folder: Path) -> None:
        self.name = folder.name
        self.folder = folder
        self.texts = {s: (folder / f"{s}.txt").read_text(encoding="utf-8") for s in SIDES}
        self.gold = json.loads((folder / "merge.gold.json").read_text(encoding="utf-8"))
        self.ranges: dict[str, dict[Mention, list[tuple[int, int]]]] = {}
        for kind in ITEM_KINDS:
            table: dict[Mention, list[tuple[int, int]]] = {}
            for cluster in self.gold.get(kind, []):
                for side in SIDES:
                    spans = [r for ev in cluster.get(side) or [] for r in _ranges(self.texts[side], ev)]
                    if spans:
                        table[(side, cluster_id(kind, cluster))] = spans
            self.ranges[kind] = table

    def mentions(self, kind: str) -> set[Mention]:
        return set(self.ranges.get(kind, {}))

    def links(self, kind: str) -> set[Link]:
        found = self.mentions(kind)
        return {frozenset({("a", ident), ("b", ident)})
                for side, ident in found if side == "a" and ("b", ident) in found}

    def locate(self, kind: str, side: str, evidence: Any) -> Mention | None:
        """The gold mention this piece of evidence points at, or None."""
        best: tuple[float, float] = (0.0, 0.0)
        chosen: Mention | None = None
        for candidate in _ranges(self.texts[side], evidence):
            for mention, spans in self.ranges.get(kind, {}).items():
                if mention[0] != side:
                    continue
                for span in spans:
                    score = _overlap(candidate, span)
                    if score > best:
                        best, chosen = score, mention
        return chosen if best[0] >= MIN_OVERLAP else None


# ---------------------------------------------------------------- scoring

def score_pair(pair: GoldPair, merged: dict[str, Any]) -> PairScore:
    result = PairScore(pair.name)
    items = merged.get("items", []) if isinstance(merged, dict) else []
    predicted: dict[str, set[Link]] = {k: set() for k in ITEM_KINDS}
    found: dict[str, set[Mention]] = {k: set() for k in ITEM_KINDS}
    item_mentions: list[tuple[str, set[Mention], dict[str, Any]]] = []
    for item in items:
        kind = item.get("kind") if isinstance(item, dict) else None
        if kind not in ITEM_KINDS:
            result.notes.append(f"ignored an item of unknown kind {kind!r}")
            continue
        mentions = _item_mentions(pair, kind, item)
        found[kind] |= mentions
        ordered = sorted(mentions)
        predicted[kind] |= {frozenset({x, y}) for i, x in enumerate(ordered) for y in ordered[i + 1:]}
        item_mentions.append((kind, mentions, item))
    for kind in ITEM_KINDS:
        gold_links = pair.links(kind)
        tally = Tally(predicted=len(predicted[kind]), right=len(predicted[kind] & gold_links),
                      gold=len(gold_links))
        linkable = {link for link in gold_links if link <= found[kind]}
        tally.linkable, tally.linkable_right = len(linkable), len(predicted[kind] & linkable)
        result.kinds[kind] = tally
        result.mentions_gold += len(pair.mentions(kind))
        result.mentions_found += len(found[kind] & pair.mentions(kind))
    _score_conflicts(pair, merged, item_mentions, result)
    return result


def _item_mentions(pair: GoldPair, kind: str, item: dict[str, Any]) -> set[Mention]:
    mentions: set[Mention] = set()
    if kind == "countries" and item.get("code"):
        for side in item.get("sides") or [s for s in SIDES if item.get(s)]:
            if (side, str(item["code"])) in pair.ranges["countries"]:
                mentions.add((side, str(item["code"])))
        if mentions or item.get("sides"):
            return mentions
    for side in SIDES:
        evidence = item.get(side) or []
        if isinstance(evidence, (str, dict)) or (isinstance(evidence, list) and len(evidence) == 2
                                                   and all(isinstance(x, int) for x in evidence)):
            evidence = [evidence]
        for piece in evidence:
            mention = pair.locate(kind, side, piece)
            if mention is not None:
                mentions.add(mention)
    return mentions


def _score_conflicts(pair: GoldPair, merged: dict[str, Any],
                     item_mentions: list[tuple[str, set[Mention], dict[str, Any]]],
                     result: PairScore) -> None:
    top = merged.get("conflicts", []) if isinstance(merged, dict) else []
    for conflict in pair.gold.get("conflicts", []):
        result.conflicts_total += 1
        kind, fld = conflict["kind"], conflict["field"]
        if kind == "sources":
            hit = any(isinstance(c, dict) and c.get("kind") == "sources" and c.get("field") == fld
                      for c in top)
        else:
            both = {("a", str(conflict["id"])), ("b", str(conflict["id"]))}
            hit = any(k == kind and both <= mentions and
                      any(isinstance(c, dict) and c.get("field") == fld for c in item.get("conflicts", []))
                      for k, mentions, item in item_mentions)
        result.conflicts_found += int(hit)
        if not hit:
            result.notes.append(f"conflict not shown: {kind} {conflict.get('id', '')} {fld}")


def score_all(gold_dir: Path, merge: Callable[[Path, Path], dict[str, Any]]) -> list[PairScore]:
    """Run ``merge(a_path, b_path)`` on every pair under ``gold_dir`` and score it."""
    scores = []
    for folder in pairs(gold_dir):
        pair = GoldPair(folder)
        try:
            merged = merge(folder / "a.txt", folder / "b.txt")
        except Exception as exc:  # noqa: BLE001 - one failing pair is reported, not fatal
            merged = {"items": []}
            score = score_pair(pair, merged)
            score.notes.append(f"merge failed: {exc}")
            scores.append(score)
            continue
        scores.append(score_pair(pair, merged))
    return scores


def gold_as_prediction(a_path: Path, b_path: Path) -> dict[str, Any]:
    """The gold clusters written as a merger's output (scores 1.0 by construction)."""
    gold = json.loads((a_path.parent / "merge.gold.json").read_text(encoding="utf-8"))
    items = []
    for kind in ITEM_KINDS:
        for cluster in gold.get(kind, []):
            if kind == "countries":
                item = {"kind": kind, "code": cluster["code"], "sides": [s for s in SIDES if cluster.get(s)]}
            else:
                item = {"kind": kind, **{s: cluster[s] for s in SIDES if cluster.get(s)}}
            item["conflicts"] = [{"field": c["field"]} for c in gold.get("conflicts", [])
                                 if c["kind"] == kind and str(c.get("id")) == cluster_id(kind, cluster)]
            items.append(item)
    top = [{"kind": "sources", "field": c["field"]} for c in gold.get("conflicts", []) if c["kind"] == "sources"]
    return {"items": items, "conflicts": top}


def run_command(command: str) -> Callable[[Path, Path], dict[str, Any]]:
    def merge(a_path: Path, b_path: Path) -> dict[str, Any]:
        done = subprocess.run([*shlex.split(command), str(a_path), str(b_path)],
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[:200]}")
        return json.loads(done.stdout)
    return merge


def read_predictions(folder: Path) -> Callable[[Path, Path], dict[str, Any]]:
    def merge(a_path: Path, b_path: Path) -> dict[str, Any]:
        return json.loads((folder / f"{a_path.parent.name}.json").read_text(encoding="utf-8"))
    return merge


def report(scores: list[PairScore], verbose: bool = False) -> str:
    lines = []
    totals = {k: Tally() for k in ITEM_KINDS}
    conflicts = [0, 0]
    mentions = [0, 0]
    for s in scores:
        for kind, tally in s.kinds.items():
            totals[kind].add(tally)
        conflicts[0] += s.conflicts_found
        conflicts[1] += s.conflicts_total
        mentions[0] += s.mentions_found
        mentions[1] += s.mentions_gold
        if verbose:
            parts = [f"{k[:5]} {t.right}/{t.predicted}p {t.right}/{t.gold}g" for k, t in s.kinds.items()]
            lines.append(f"{s.name}: " + "; ".join(parts) + f"; conflicts {s.conflicts_found}/{s.conflicts_total}")
            lines += [f"    {note}" for note in s.notes]
    overall = Tally()
    for kind in ITEM_KINDS:
        t = totals[kind]
        overall.add(t)
        lines.append(f"{kind:<13} links P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f}   "
                     f"linkable R {t.linkable_recall:.3f}   ({t.right} right, {t.predicted} predicted, {t.gold} gold)")
    lines.append(f"{'all':<13} links P {overall.precision:.3f} R {overall.recall:.3f} F1 {overall.f1:.3f}   "
                 f"linkable R {overall.linkable_recall:.3f}")
    lines.append(f"conflicts shown {conflicts[0]}/{conflicts[1]}; gold mentions found {mentions[0]}/{mentions[1]}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--run", metavar="CMD", help="command run as CMD A.txt B.txt, printing the merge JSON")
    how.add_argument("--pred", type=Path, metavar="DIR", help="folder of PAIR.json merge outputs")
    how.add_argument("--gold-as-pred", action="store_true", help="score the gold itself (must be 1.0)")
    parser.add_argument("--gold", type=Path, default=HERE, help="gold folder (default: eval/merge)")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-pair lines and misses")
    args = parser.parse_args()
    merge = (run_command(args.run) if args.run else read_predictions(args.pred) if args.pred
             else gold_as_prediction)
    print(report(score_all(args.gold, merge), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
