"""The merge gold and its scorer: evidence is exact, the gold scores 1.0, and the scorer
punishes both merging what differs and leaving apart what is the same."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MERGE = REPO / "eval" / "merge"
sys.path.insert(0, str(MERGE))

import check_gold  # noqa: E402
import score_merge  # noqa: E402


def test_gold_evidence_is_exact_and_well_formed() -> None:
    assert len(check_gold.pairs(MERGE)) >= 6
    assert check_gold.check(MERGE) == []


def test_checker_names_evidence_missing_from_its_source(tmp_path: Path) -> None:
    pair = tmp_path / "p"
    pair.mkdir()
    (pair / "a.txt").write_text("Minister Ana Lopez met Minister Ben Ode.", encoding="utf-8")
    (pair / "b.txt").write_text("Lopez and Ode signed a pact.", encoding="utf-8")
    gold = {"meeting": "m", "sources": {s: {"outlet": "o", "url": "u", "date": None} for s in "ab"},
            "countries": [], "agreements": [], "quotes": [], "events": [], "conflicts": [],
            "participants": [{"id": "lopez", "name": "Ana Lopez", "role": "Minister", "country": None,
                              "a": ["Ana Lopez"], "b": ["Ana Lopez"]}]}
    (pair / "merge.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    problems = check_gold.check(tmp_path)
    assert len(problems) == 1 and "not in b.txt" in problems[0]


def _overall(scores: list[score_merge.PairScore], skip: str = "") -> score_merge.Tally:
    total = score_merge.Tally()
    for s in scores:
        for kind, tally in s.kinds.items():
            if kind != skip:
                total.add(tally)
    return total


def test_gold_as_prediction_scores_one() -> None:
    scores = score_merge.score_all(MERGE, score_merge.gold_as_prediction)
    total = _overall(scores)
    assert total.gold >= 40
    assert total.precision == total.recall == 1.0
    assert sum(s.conflicts_found for s in scores) == sum(s.conflicts_total for s in scores) >= 6


def test_merging_everything_costs_precision_and_conflicts() -> None:
    def lump(a: Path, b: Path) -> dict:
        merged: dict[str, dict] = {}
        for item in score_merge.gold_as_prediction(a, b)["items"]:
            if item["kind"] == "countries":
                continue
            into = merged.setdefault(item["kind"], {"kind": item["kind"], "a": [], "b": []})
            for side in "ab":
                into[side] += item.get(side, [])
        return {"items": list(merged.values())}

    scores = score_merge.score_all(MERGE, lump)
    total = _overall(scores, skip="countries")
    assert total.recall == 1.0
    assert total.precision < 0.3
    assert sum(s.conflicts_found for s in scores) == 0


def test_keeping_everything_apart_finds_no_link() -> None:
    def apart(a: Path, b: Path) -> dict:
        items = score_merge.gold_as_prediction(a, b)["items"]
        return {"items": [{"kind": i["kind"], s: i[s]} for i in items for s in "ab" if i.get(s)]}

    total = _overall(score_merge.score_all(MERGE, apart))
    assert total.right == 0 and total.recall == 0.0


def test_evidence_as_spans_and_respaced_text_maps_to_the_gold() -> None:
    pair = score_merge.GoldPair(MERGE / "japan-australia-rdte-2023")
    text_a = pair.texts["a"]
    start = text_a.index("Yasukazu Hamada")
    merged = {"items": [{"kind": "participants", "a": [[start, start + len("Yasukazu Hamada")]],
                         "b": ["Yasukazu\n  Hamada"]},
                        {"kind": "participants", "a": ["Richard Marles"], "b": ["Yasukazu Hamada"]}]}
    result = score_merge.score_pair(pair, merged)
    tally = result.kinds["participants"]
    assert (tally.right, tally.predicted, tally.gold) == (1, 2, 2)


@pytest.mark.parametrize("flag", ["--gold-as-pred"])
def test_scorer_command_line(flag: str) -> None:
    done = subprocess.run([sys.executable, str(MERGE / "score_merge.py"), flag],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "all           links P 1.000 R 1.000" in done.stdout
