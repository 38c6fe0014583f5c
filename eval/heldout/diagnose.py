#!/usr/bin/env python3
"""Detail that score.py -v leaves out: for each held-out article, the wrong roles,
countries, statuses and speakers among matches, the missed and extra quotes, and the
article sentence behind every missed or extra agreement.

    python3 eval/heldout/diagnose.py --pred PRED_DIR [--gold DIR]
    python3 eval/heldout/diagnose.py --run ".venv/bin/briefing extract" [--gold DIR]

Uses the matching rules of ../shared/eval/score.py (imported, not copied).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
from pathlib import Path

SCORE_PY = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def diagnose(sc, pred: dict, gold: dict) -> list[str]:
    out: list[str] = []
    preds = [p for p in pred.get("participants", []) if p.get("name")]
    golds = gold["participants"]
    for i, j in sc.match(preds, golds, lambda p, g: 1.0 if sc.same_person(p["name"], g) else 0.0):
        p, g = preds[i], golds[j]
        if not sc.same_role(p.get("role"), g.get("role")):
            out.append(f"  role: {g['name']}: got {p.get('role')!r} want {g['role']!r}")
        if p.get("country") != g.get("country"):
            out.append(f"  participant country: {g['name']}: got {p.get('country')} want {g['country']}")
    agreements = [a for a in pred.get("agreements", []) if isinstance(a, dict)]
    pairs = sc.match(agreements, gold["agreements"], lambda p, g: sc.evidence_score(
        [p.get("sentence") or "", p.get("text") or ""], sc.as_list(g["evidence"])))
    for i, j in pairs:
        if agreements[i].get("status") != gold["agreements"][j]["status"]:
            out.append(f"  status: {gold['agreements'][j]['what'][:60]!r}: got {agreements[i].get('status')} "
                       f"want {gold['agreements'][j]['status']}")
    for i, a in enumerate(agreements):
        if i not in {i for i, _ in pairs}:
            out.append(f"  extra agreement [{a.get('status')}]: text={a.get('text')!r}\n"
                       f"      sentence={a.get('sentence')!r}")
    for j, g in enumerate(gold["agreements"]):
        if j not in {j for _, j in pairs}:
            out.append(f"  missed agreement [{g['status']}]: {g['evidence'][0]!r}")
    quotes = [q for q in pred.get("quotes", []) if q.get("text")]
    qpairs = sc.match(quotes, gold["quotes"], lambda p, g: sc.evidence_score([p["text"]], sc.as_list(g["evidence"])))
    for i, j in qpairs:
        if not sc.same_person(quotes[i].get("speaker") or "", {"name": gold["quotes"][j]["speaker"]}):
            out.append(f"  speaker: {gold['quotes'][j]['evidence'][0][:50]!r}: got {quotes[i].get('speaker')!r} "
                       f"want {gold['quotes'][j]['speaker']!r}")
    for i, q in enumerate(quotes):
        if i not in {i for i, _ in qpairs}:
            out.append(f"  extra quote: {q.get('speaker')!r}: {q['text'][:80]!r}")
    for j, g in enumerate(gold["quotes"]):
        if j not in {j for _, j in qpairs}:
            out.append(f"  missed quote: {g['speaker']!r}: {g['evidence'][0][:80]!r}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=Path(__file__).resolve().parent)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--pred", type=Path)
    src.add_argument("--run")
    args = ap.parse_args()
    sc = load_scorer()
    golds = sorted(args.gold.glob("*.gold.json"))
    tmp = None
    pred_dir = args.pred
    if args.run:
        tmp = tempfile.TemporaryDirectory()
        pred_dir = Path(tmp.name)
        articles = [g.with_name(g.name[: -len(".gold.json")] + ".txt") for g in golds]
        sc.run_extractor(args.run, articles, pred_dir)
    for gold_path in golds:
        stem = gold_path.name[: -len(".gold.json")]
        path = pred_dir / f"{stem}.json"
        pred = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        lines = diagnose(sc, pred, json.loads(gold_path.read_text(encoding="utf-8")))
        if lines:
            print(stem)
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
