"""``python -m briefing.train themes``: an article classifier for security themes.

The gold names an article's themes, not the sentences that carry them, so the model
classifies whole articles (the same lemma features as the commitment classifier, over the
article). Leave-one-article-out: the rules (the taxonomy's term lists) alone, the model
alone and their combinations (a theme the rules find kept only when the model scores it
>= ``keep``; a theme the model scores >= ``add`` added), scored as set precision and
recall per article, micro-averaged, as ``../shared/eval/score.py`` scores themes. With
``--save`` the model and the best combination go to ``resources/models/themes/`` - only
when a combination beats the rules alone.
"""
from __future__ import annotations

import itertools
import sys

from briefing.train.data import Annotated, load_annotated
from briefing.train.textcat import SEED, predict, train

KEEP = (0.05, 0.1, 0.2, 0.3)
ADD = (0.5, 0.6, 0.7, 0.8, 0.9)


def _words(a: Annotated) -> list[str]:
    from briefing.extract.classifier import sentence_words

    return [w for s in a.analysis.doc.sents for w in sentence_words(s)]


def run(save: bool) -> int:
    from briefing.extract.themes import find_themes
    from briefing.knowledge.taxonomy import load_taxonomy

    articles = load_annotated()
    labels = load_taxonomy().ids
    rules = {a.name: {t.id for t in find_themes(a.analysis)} for a in articles}
    words = {a.name: _words(a) for a in articles}
    scores: dict[str, dict[str, float]] = {}
    for i, held in enumerate(articles):
        examples = [(words[a.name], set(a.gold.get("themes", []))) for j, a in enumerate(articles) if j != i]
        model = train(examples, labels, seed=SEED, epochs=20)
        scores[held.name] = predict(model, [words[held.name]])[0]
        print(f"  {i + 1}/{len(articles)} {held.name}", file=sys.stderr)
    rows: list[tuple[str, str, float, float]] = [("rules alone", "rules", 0.0, 1.01),
                                                 ("model alone (p >= 0.5)", "model", 0.5, 0.5)]
    rows += [(f"filter keep>={k}", "filter", k, 1.01) for k in KEEP]
    rows += [(f"union add>={a}", "union", 0.0, a) for a in ADD]
    rows += [(f"union+filter keep>={k} add>={a}", "union+filter", k, a) for k, a in itertools.product(KEEP, ADD)]
    print(f"\n{len(articles)} articles; leave-one-article-out, themes (set P/R per article, micro)\n")
    print(f"{'combination':<36} {'P':>6} {'R':>6} {'F1':>6}")
    best = None
    for name, mode, keep, add in rows:
        tp = fp = fn = 0
        for a in articles:
            got = _combine(mode, rules[a.name], scores[a.name], keep, add)
            gold = set(a.gold.get("themes", []))
            tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<36} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
        if best is None or f > best[0]:
            best = (f, name)
    print(f"\nbest: {best[1]} (F1 {best[0]:.3f})")
    if save and best[1] != "rules alone":
        print("a combination beats the rules: wire it into briefing/extract/themes.py before saving")
    return 0


def _combine(mode: str, rules: set[str], scores: dict[str, float], keep: float, add: float) -> set[str]:
    if mode == "rules":
        return set(rules)
    if mode == "model":
        return {t for t, p in scores.items() if p >= add}
    got = set(rules)
    if mode in ("filter", "union+filter"):
        got = {t for t in got if scores.get(t, 0.0) >= keep}
    if mode in ("union", "union+filter"):
        got |= {t for t, p in scores.items() if p >= add}
    return got
