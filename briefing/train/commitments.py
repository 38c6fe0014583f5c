"""``python -m briefing.train commitments``: the sentence classifier for commitments.

Leave-one-article-out over the tuning sets: for each article, a model trained on all the
others scores its sentences; the article's agreements are then found by the rules alone,
by the model alone (one agreement per sentence scoring >= 0.5), and by each combination
of :mod:`briefing.extract.classifier` over a grid of thresholds, and scored against the
gold as ``../shared/eval/score.py`` scores them. The table is printed; with ``--save`` the
model trained on every article and the best combination go to
``resources/models/commitments/``.
"""
from __future__ import annotations

import importlib.util
import itertools
import sys
from types import ModuleType

from briefing.extract.classifier import Policy, SentenceScores
from briefing.train.data import REPO, STATUSES, Annotated, load_annotated
from briefing.train.textcat import SEED, predict, train

KEEP = (0.05, 0.1, 0.2, 0.3)
ADD = (0.5, 0.6, 0.7, 0.8, 0.9)
SCORER = REPO.parent / "shared" / "eval" / "score.py"


def scorer() -> ModuleType:
    """The shared evaluation kit's scorer (its matching rules, imported, not copied)."""
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    if spec is None or spec.loader is None or not SCORER.is_file():
        raise SystemExit(f"{SCORER}: the shared scorer is needed to measure the classifier")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def leave_one_out(articles: list[Annotated]) -> dict[str, SentenceScores]:
    """Each article's sentence scores from a model trained on all the other articles."""
    out = {}
    for i, held in enumerate(articles):
        examples = [(s.words, s.statuses) for j, a in enumerate(articles) if j != i for s in a.sentences]
        model = train(examples, STATUSES, seed=SEED)
        scores = predict(model, [s.words for s in held.sentences])
        out[held.name] = {s.token_start: sc for s, sc in zip(held.sentences, scores, strict=True)}
        print(f"  {i + 1}/{len(articles)} {held.name}", file=sys.stderr)
    return out


def _prepare(articles: list[Annotated]) -> None:
    from briefing.extract import countries, people

    for a in articles:
        a.analysis.participants, a.analysis.others = people.find_people(a.analysis)
        a.analysis.countries = countries.find_countries(a.analysis)


def _agreements(a: Annotated, scores: SentenceScores, policy: Policy | None) -> list[dict]:
    """The article's agreements as JSON: by the rules and ``policy``, or (None) by the model alone."""
    from briefing.extract.agreements import find_agreements

    if policy is None:
        out = []
        for s in a.sentences:
            labels = scores.get(s.token_start, {})
            if labels and max(labels.values()) >= 0.5:
                out.append({"sentence": s.text, "text": "", "status": max(labels, key=labels.__getitem__)})
        return out
    return [{"sentence": x.sentence, "text": x.text, "status": x.status}
            for x in find_agreements(a.analysis, scores=scores, policy=policy)]


def evaluate(articles: list[Annotated], loao: dict[str, SentenceScores], policy: Policy | None) -> dict:
    score = scorer()
    tally = score.Tally()
    for a in articles:
        tallies = {k: score.Tally() for k in ("participants", "agreements", "themes", "countries", "quotes", "date")}
        score.score_article({"agreements": _agreements(a, loao[a.name], policy)},
                            {"agreements": a.gold.get("agreements", [])}, tallies, [])
        t = tallies["agreements"]
        tally.tp, tally.fp, tally.fn = tally.tp + t.tp, tally.fp + t.fp, tally.fn + t.fn
        for key, (hit, total) in t.extra.items():
            old = tally.extra.get(key, [0, 0])
            tally.extra[key] = [old[0] + hit, old[1] + total]
    return tally.report()


def candidates() -> list[tuple[str, Policy | None]]:
    rows: list[tuple[str, Policy | None]] = [("rules alone", Policy("rules")), ("model alone (p >= 0.5)", None)]
    rows += [(f"filter keep>={k}", Policy("filter", keep=k)) for k in KEEP]
    rows += [(f"union add>={a}", Policy("union", add=a)) for a in ADD]
    rows += [(f"union+filter keep>={k} add>={a}", Policy("union+filter", keep=k, add=a))
             for k, a in itertools.product(KEEP, ADD)]
    return rows


def run(save: bool) -> int:
    articles = load_annotated()
    print(f"{len(articles)} annotated articles, {sum(len(a.sentences) for a in articles)} sentences, "
          f"{sum(bool(s.statuses) for a in articles for s in a.sentences)} holding a commitment "
          f"(sets: {', '.join(sorted({a.source for a in articles}))})")
    _prepare(articles)
    loao = leave_one_out(articles)
    print(f"\nleave-one-article-out, agreements ({SCORER.name} matching)\n")
    print(f"{'combination':<36} {'P':>6} {'R':>6} {'F1':>6} {'status':>7}")
    results = []
    for name, policy in candidates():
        r = evaluate(articles, loao, policy)
        results.append((r["f1"], name, policy, r))
        print(f"{name:<36} {r['p']:>6.3f} {r['r']:>6.3f} {r['f1']:>6.3f} {r.get('status_acc', 0):>7.3f}")
    best_f1, best_name, best_policy, best = max((r for r in results if r[2] is not None),
                                                key=lambda r: (r[0], r[1] == "rules alone"))
    print(f"\nbest: {best_name} (F1 {best_f1:.3f})")
    if save:
        _save(articles, best_policy, best_name, best, results)
    return 0


def _save(articles: list[Annotated], policy: Policy, name: str, best: dict, results: list) -> None:
    import shutil

    from briefing.knowledge.loader import resource

    target = resource("models", "commitments")
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    model = train([(s.words, s.statuses) for a in articles for s in a.sentences], STATUSES, seed=SEED)
    model.to_disk(target)
    rules = next(r for r in results if r[1] == "rules alone")[3]
    lines = [
        "# How the commitment classifier combines with the rules (see briefing/extract/classifier.py).",
        "# Written by `python -m briefing.train commitments --save`: the combination that scored best",
        f"# leaving each of the {len(articles)} annotated articles out of training in turn.",
        f"# {name}: P {best['p']:.3f} R {best['r']:.3f} F1 {best['f1']:.3f}; rules alone: "
        f"P {rules['p']:.3f} R {rules['r']:.3f} F1 {rules['f1']:.3f}.",
        f'mode = "{policy.mode}"',
        f"keep = {policy.keep}",
        f"add = {policy.add}",
    ]
    (target / "policy.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"saved {target}")
