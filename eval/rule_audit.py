#!/usr/bin/env python3
"""The rule audit: on which articles, from how many sources, each extraction rule fires,
and how often rightly.

    .venv/bin/python eval/rule_audit.py                      # the table, flagged rules marked
    .venv/bin/python eval/rule_audit.py --markdown           # the same as a Markdown table
    .venv/bin/python eval/rule_audit.py --without ID [...]   # with rules switched off: table and scores
    .venv/bin/python eval/rule_audit.py --ablate             # each flagged rule switched off in turn

The extractor runs in this process on the tuning sets (``../shared/corpus/dev``,
``eval/heldout``, ``eval/heldout2``, ``eval/heldout3``; never ``eval/blind``). Every item
names the rules behind it (``rules``, see ``briefing/provenance.py``); each item is judged
with the matching of ``../shared/eval/score.py`` (imported, not copied) on what its rule
decides: an agreement, participant, quote, country or theme is right when it matches a gold
one; a role, a person's country, a status or a speaker when it also equals the gold's; the
article's date when it is the gold date. An agreement's or a chronology entry's date has no
gold here: those rules are counted, not judged ("-").

The source of an article is the host of the ``source`` URL its gold gives, else its file
name's outlet prefix ("wire-philippines-..." -> "wire"). A rule is flagged (``!``) when it
fires rightly on fewer than two sources; a rule never judged is flagged ``?`` when it
fires on fewer than two. ``--ablate`` switches each flagged rule off alone and prints what
the four sets lose (right outputs gone) and gain (wrong outputs gone) without it.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SETS = {"dev": REPO.parent / "shared" / "corpus" / "dev", "heldout": REPO / "eval" / "heldout",
        "heldout2": REPO / "eval" / "heldout2", "heldout3": REPO / "eval" / "heldout3",
        "formats": REPO / "eval" / "heldout" / "formats",  # four heldout articles as HTML, DOCX, PDF
        "merge": REPO / "eval" / "merge"}  # 14 articles whose gold lists their events: chronology rules only
DEFAULT_SETS = ["dev", "heldout", "heldout2", "heldout3"]
SCORER = REPO.parent / "shared" / "eval" / "score.py"
UNJUDGED = {"date", "event"}


def load_scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class RuleCount:
    """What one rule did over the sets."""

    judged_on: str
    events_gold: bool = False  # judged on chronology entries against gold events (the merge set)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    right_articles: set[str] = field(default_factory=set)
    right_sources: set[str] = field(default_factory=set)
    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    where: dict[str, str] = field(default_factory=dict)  # article -> its firings, "+" right "-" wrong "."

    @property
    def judged(self) -> bool:
        return self.judged_on not in UNJUDGED or self.events_gold

    @property
    def flag(self) -> str:
        if self.judged:
            return "!" if len(self.right_sources) < 2 else ""
        return "?" if len(self.sources) < 2 else ""


@dataclass
class Outcome:
    """Right and wrong outputs of one run over the sets (for ablations)."""

    right: dict[str, int] = field(default_factory=dict)
    wrong: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, ok: bool) -> None:
        table = self.right if ok else self.wrong
        table[key] = table.get(key, 0) + 1


def source_of(article: Path, gold: dict[str, Any]) -> str:
    url = gold.get("source") or ""
    host = urlparse(url).netloc.lower().removeprefix("www.") if "://" in url else ""
    return host or re.split(r"[-_]", article.stem, maxsplit=1)[0].lower()


def articles(sets: Iterable[str]) -> list[tuple[str, Path, dict[str, Any]]]:
    out = []
    for name in sets:
        folder = SETS[name]
        if "blind" in folder.parts:
            raise SystemExit("the blind set is never audited")
        if name == "merge":
            out += _merge_articles(folder)
            continue
        for gold_path in sorted(folder.glob("*.gold.json")):
            stem = gold_path.name[:-len(".gold.json")]
            text = next(p for suffix in (".txt", ".html", ".docx", ".pdf")
                        if (p := gold_path.with_name(stem + suffix)).is_file())
            out.append((name, text, json.loads(gold_path.read_text(encoding="utf-8"))))
    return out


def _merge_articles(folder: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """Each article of the merge pairs with the events its gold gives for it: ``{"source":
    url, "events": [{"date", "evidence": [...]}]}`` (only chronology rules are judged there)."""
    out = []
    for gold_path in sorted(folder.glob("*/merge.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for side in ("a", "b"):
            events = [{"date": e["date"], "evidence": e[side]} for e in gold.get("events", []) if e.get(side)]
            out.append(("merge", gold_path.parent / f"{side}.txt",
                        {"source": gold["sources"][side]["url"], "events": events, "events_only": True}))
    return out


def judge_events(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[list[tuple[str, bool | None]], Outcome]:
    """Chronology entries against gold events: right when the entry's sentence holds one of a
    gold event's evidence strings (half of the shorter at least) and its date agrees."""
    fired: list[tuple[str, bool | None]] = []
    outcome = Outcome()
    text = "\n\n".join((pred.get("article") or {}).get("paragraphs", []))
    flat = " ".join(text.split())
    for event in pred.get("events", []):
        start, end = event.get("span", [0, 0])
        sentence = " ".join(text[start:end].split())
        at = flat.find(sentence)
        ok = False
        for g in gold["events"]:
            for evidence in g["evidence"]:
                e = " ".join(evidence.split())
                found = flat.find(e)
                common = min(at + len(sentence), found + len(e)) - max(at, found) if at >= 0 and found >= 0 else 0
                if common > 0 and common >= 0.5 * min(len(sentence), len(e)) and \
                        str(event.get("date", ""))[:len(g["date"])] == g["date"][:len(event.get("date", ""))]:
                    ok = True
        outcome.add("events", ok)
        fired += [(rule, ok) for rule in event.get("rules", [])]
    return fired, outcome


def judge(sc: ModuleType, pred: dict[str, Any], gold: dict[str, Any]) -> tuple[list[tuple[str, bool | None]],
                                                                                  Outcome]:
    """``[(rule, right?)]`` for every rule on every item (None: not judged) and the run's
    right and wrong outputs."""
    fired: list[tuple[str, bool | None]] = []
    outcome = Outcome()
    from briefing.provenance import judged_on

    def record(rules: list[str], verdicts: dict[str, bool | None]) -> None:
        for rule in rules:
            fired.append((rule, verdicts.get(judged_on(rule))))

    people = [p for p in pred.get("participants", []) if p.get("name")]
    pairs = dict(sc.match(people, gold.get("participants", []),
                          lambda p, g: 1.0 if sc.same_person(p["name"], g) else 0.0))
    for i, p in enumerate(people):
        g = gold["participants"][pairs[i]] if i in pairs else None
        role = None if g is None else sc.same_role(p.get("role"), g.get("role"))
        country = None if g is None else p.get("country") == g.get("country")
        record(p.get("rules", []), {"participant": g is not None, "role": role, "person_country": country})
        outcome.add("participants", g is not None)
        for key, ok in (("roles", role), ("person countries", country)):
            if ok is not None:
                outcome.add(key, ok)
    agreements = [a for a in pred.get("agreements", []) if isinstance(a, dict)]
    pairs = dict(sc.match(agreements, gold.get("agreements", []), lambda p, g: sc.evidence_score(
        [p.get("sentence") or "", p.get("text") or ""], sc.as_list(g["evidence"]))))
    for i, a in enumerate(agreements):
        g = gold["agreements"][pairs[i]] if i in pairs else None
        status = None if g is None else a.get("status") == g.get("status")
        record(a.get("rules", []), {"agreement": g is not None, "status": status})
        outcome.add("agreements", g is not None)
        if status is not None:
            outcome.add("statuses", status)
    quotes = [q for q in pred.get("quotes", []) if q.get("text")]
    pairs = dict(sc.match(quotes, gold.get("quotes", []),
                          lambda p, g: sc.evidence_score([p["text"]], sc.as_list(g["evidence"]))))
    for i, q in enumerate(quotes):
        g = gold["quotes"][pairs[i]] if i in pairs else None
        speaker = g is not None and sc.same_person(q.get("speaker") or "", {"name": g["speaker"]})
        record(q.get("rules", []), {"quote": g is not None, "speaker": speaker})
        outcome.add("quotes", g is not None)
        if g is not None:
            outcome.add("speakers", speaker)
    for key, id_key in (("countries", "code"), ("themes", "id")):
        wanted = set(gold.get(key, []))
        for item in pred.get(key, []):
            ok = item.get(id_key) in wanted
            record(item.get("rules", []), {"country" if key == "countries" else "theme": ok})
            outcome.add(key, ok)
    for event in pred.get("events", []):
        record(event.get("rules", []), {})
    article = pred.get("article") or {}
    ok = article.get("date") == gold.get("date")
    record(article.get("rules", []), {"article_date": ok})
    outcome.add("article dates", ok)
    return fired, outcome


def audit(sets: Iterable[str], sc: ModuleType) -> tuple[dict[str, RuleCount], Outcome]:
    from briefing.extract import extract
    from briefing.ingest import read_article
    from briefing.knowledge.patterns import pattern_set
    from briefing.provenance import CATALOGUE, judged_on

    counts = {rule: RuleCount(kind) for rule, kind in CATALOGUE.items()}
    for label in pattern_set("commitments").order:
        counts[label] = RuleCount("agreement")
    total = Outcome()
    for set_name, path, gold in articles(sets):
        pred = extract(read_article(path)).to_json(explain=True)
        fired, outcome = judge_events(pred, gold) if gold.get("events_only") else judge(sc, pred, gold)
        for key, n in outcome.right.items():
            total.right[key] = total.right.get(key, 0) + n
        for key, n in outcome.wrong.items():
            total.wrong[key] = total.wrong.get(key, 0) + n
        stem = f"{path.parent.name}/{path.stem}" if set_name == "merge" else path.stem
        name, source = f"{set_name}/{stem}", source_of(path, gold)
        for rule, ok in fired:
            count = counts.setdefault(rule, RuleCount(judged_on(rule)))
            count.events_gold = count.events_gold or bool(gold.get("events_only"))
            count.articles.add(name)
            count.sources.add(source)
            count.where[name] = count.where.get(name, "") + (". " if ok is None else "+-"[not ok])
            if ok is None:
                count.unjudged += 1
            elif ok:
                count.right += 1
                count.right_articles.add(name)
                count.right_sources.add(source)
            else:
                count.wrong += 1
    return counts, total


def table(counts: dict[str, RuleCount], markdown: bool, only_flagged: bool = False) -> str:
    head = ["rule", "judged on", "articles", "sources", "right", "wrong", "right: articles", "right: sources", "flag"]
    rows = []
    for rule in sorted(counts, key=lambda r: ("." in r, r)):
        c = counts[rule]
        if only_flagged and not c.flag:
            continue
        right = str(c.right) if c.judged else "-"
        wrong = str(c.wrong) if c.judged else "-"
        rows.append([rule, c.judged_on, str(len(c.articles)), str(len(c.sources)), right, wrong,
                     str(len(c.right_articles)) if c.judged else "-",
                     str(len(c.right_sources)) if c.judged else "-", c.flag])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(f"`{r[0]}`" if i == 0 else r[i] for i in range(len(r))) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in [head, *rows])


def summary(counts: dict[str, RuleCount]) -> str:
    judged = [c for c in counts.values() if c.judged]
    flagged = [r for r, c in counts.items() if c.flag == "!"]
    silent = [r for r, c in counts.items() if c.judged and not c.articles]
    return (f"{len(counts)} rules: {len(judged)} judged, {len(flagged)} flagged "
            f"(fire rightly on fewer than two sources; {len(silent)} of them never fire), "
            f"{sum(1 for c in counts.values() if c.flag == '?')} unjudged rules firing on fewer than two sources")


def outcome_line(outcome: Outcome) -> str:
    keys = sorted(set(outcome.right) | set(outcome.wrong))
    return "; ".join(f"{k} {outcome.right.get(k, 0)} right/{outcome.wrong.get(k, 0)} wrong" for k in keys)


def ablate(rules: list[str], sets: list[str], sc: ModuleType, base: Outcome) -> list[str]:
    """Each rule switched off alone: what the sets lose (right outputs gone, wrong ones come)
    and gain (wrong outputs gone, right ones come) without it."""
    from briefing import provenance

    lines = []
    for rule in rules:
        provenance.DISABLED.clear()
        provenance.DISABLED.add(rule)
        _, without = audit(sets, sc)
        keys = sorted(set(base.right) | set(base.wrong) | set(without.right) | set(without.wrong))
        deltas = {k: (without.right.get(k, 0) - base.right.get(k, 0), without.wrong.get(k, 0) - base.wrong.get(k, 0))
                  for k in keys}
        loses = sum(max(0, -right) + max(0, wrong) for right, wrong in deltas.values())
        gains = sum(max(0, right) + max(0, -wrong) for right, wrong in deltas.values())
        changes = [f"{k} {right:+d} right {wrong:+d} wrong" for k, (right, wrong) in deltas.items() if right or wrong]
        verdict = "remove" if loses <= gains else "keep"
        lines.append(f"without {rule}: loses {loses}, gains {gains} -> {verdict}"
                     + (f"  ({'; '.join(changes)})" if changes else "  (no change)"))
    provenance.DISABLED.clear()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=DEFAULT_SETS, choices=list(SETS),
                        help="the tuning sets (default); 'formats' adds four of them as HTML, DOCX and PDF")
    parser.add_argument("--without", nargs="+", default=[], metavar="ID", help="rules switched off")
    parser.add_argument("--ablate", action="store_true", help="switch each flagged rule off alone")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--flagged", action="store_true", help="list only the flagged rules")
    parser.add_argument("--where", action="store_true", help="the articles each listed rule fired on")
    parser.add_argument("--scorer", type=Path, default=SCORER, help="the scorer whose matching is used")
    args = parser.parse_args()
    from briefing import provenance

    sc = load_scorer(args.scorer)
    provenance.DISABLED.update(args.without)
    counts, outcome = audit(args.sets, sc)
    print(table(counts, args.markdown, args.flagged))
    print()
    if args.where:
        for rule, count in sorted(counts.items()):
            if count.where and (count.flag or not args.flagged):
                print(f"{rule}: " + ", ".join(f"{a} {m.strip()}" for a, m in sorted(count.where.items())))
        print()
    print(summary(counts))
    print("outputs:", outcome_line(outcome))
    if args.ablate:
        flagged = [r for r, c in counts.items() if c.flag == "!" and c.articles]
        print()
        print("\n".join(ablate(flagged, args.sets, sc, outcome)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
