"""Make N varied news articles from the dev corpus, for batch benchmarks and scale tests.

Each output article is one dev article (``/work/shared/corpus/dev/*.txt``, with its
``.gold.json`` for the participants' names) rewritten by general text transformations,
chosen by a seeded random generator so a run is reproducible:

* countries: every name, demonym and capital the gazetteer finds is swapped for those of
  another state, consistently through the article;
* participants: each name from the gold file (and its aliases) becomes a given name and
  a family name taken from other articles' participants;
* dates: years move by a few years; month names and weekdays rotate consistently.

Files are named ``NNNN-<country>-<country>-<year>.txt``.

    .venv/bin/python bench/make_corpus.py 1000 /tmp/corpus1000 [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEV_CORPUS = Path("/work/shared/corpus/dev")
MONTHS_31 = ["January", "March", "May", "July", "August", "October", "December"]
MONTHS_30 = ["April", "June", "September", "November"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class State:
    code: str
    name: str
    demonym: str
    capital: str


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    names: list[tuple[str, list[str]]]  # (full name, aliases)


def load_states() -> dict[str, State]:
    """States with a name, demonym and capital, from the shipped gazetteer table."""
    from briefing.knowledge.loader import resource

    states = {}
    for line in Path(resource("gazetteer", "countries.tsv")).read_text(encoding="utf-8-sig").splitlines():
        cells = line.split("\t")
        if line.startswith(("#", "code\t")) or len(cells) < 5:
            continue
        first = [c.split(";")[0].strip().lstrip("?") for c in cells]
        if all(first[i] for i in (0, 1, 3, 4)):
            states[first[0]] = State(first[0], first[1], first[3], first[4])
    return states


def load_sources(corpus: Path) -> list[Source]:
    sources = []
    for path in sorted(corpus.glob("*.txt")):
        gold = path.with_suffix(".gold.json")
        people = json.loads(gold.read_text(encoding="utf-8")).get("participants", []) if gold.exists() else []
        names = [(p["name"], list(p.get("aliases") or [])) for p in people if p.get("name")]
        sources.append(Source(path, path.read_text(encoding="utf-8"), names))
    if not sources:
        raise SystemExit(f"make_corpus: no .txt articles in {corpus}")
    return sources


def swap_countries(text: str, states: dict[str, State], rng: random.Random) -> tuple[str, list[str]]:
    """Every name, demonym and capital of a state -> another state's; the new codes in order."""
    from briefing.knowledge.gazetteer import find_country_mentions

    mentions = [m for m in find_country_mentions(text) if m.kind in ("name", "demonym", "capital")
                and m.code in states]
    present = list(dict.fromkeys(m.code for m in mentions))
    targets = rng.sample(sorted(set(states) - set(present)), len(present))
    mapping = dict(zip(present, targets))
    out, last = [], 0
    for m in mentions:
        if m.start < last:
            continue
        new = states[mapping[m.code]]
        out += [text[last:m.start], getattr(new, m.kind if m.kind != "name" else "name")]
        last = m.end
    out.append(text[last:])
    return "".join(out), [mapping[c] for c in present]


def swap_names(text: str, names: list[tuple[str, list[str]]], given: list[str], family: list[str],
               rng: random.Random) -> str:
    """Each participant's full name and aliases -> a new given and family name."""
    replace: dict[str, str] = {}
    for full, aliases in names:
        new_given, new_family = rng.choice(given), rng.choice(family)
        replace[full] = f"{new_given} {new_family}"
        for alias in aliases:
            replace.setdefault(alias, new_family if alias == full.split()[-1] else f"{new_given} {new_family}")
        replace.setdefault(full.split()[-1], new_family)
    if not replace:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(replace, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: replace[m.group()], text)


def shift_dates(text: str, rng: random.Random) -> tuple[str, int]:
    """Years moved by -6..+3; months rotated within those of the same length; weekdays rotated."""
    delta = rng.randint(-6, 3)
    text = re.sub(r"\b(19[5-9]\d|20[0-2]\d)\b", lambda m: str(int(m.group()) + delta), text)
    table: dict[str, str] = {}
    for group in (MONTHS_31, MONTHS_30, WEEKDAYS):
        k = rng.randrange(len(group))
        table.update({w: group[(i + k) % len(group)] for i, w in enumerate(group)})
    text = re.sub(r"\b(" + "|".join(table) + r")\b", lambda m: table[m.group()], text)
    years = re.findall(r"\b(?:19|20)\d{2}\b", text)
    return text, int(years[0]) if years else 2024


def make_corpus(n: int, out_dir: Path, *, seed: int = 1, corpus: Path = DEV_CORPUS) -> list[Path]:
    """Write ``n`` varied articles to ``out_dir``; return their paths."""
    rng = random.Random(seed)
    states = load_states()
    sources = load_sources(corpus)
    all_names = [full.split() for s in sources for full, _ in s.names if len(full.split()) >= 2]
    given = sorted({" ".join(parts[:-1]) for parts in all_names})
    family = sorted({parts[-1] for parts in all_names})
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        source = sources[i % len(sources)]
        text, codes = swap_countries(source.text, states, rng)
        text = swap_names(text, source.names, given, family, rng)
        text, year = shift_dates(text, rng)
        slug = "-".join(states[c].name.lower().replace(" ", "") for c in codes[:2]) or "article"
        path = out_dir / f"{i:04d}-{re.sub(r'[^a-z0-9-]', '', slug)}-{year}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many articles to make")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS, help="folder of .txt (+ .gold.json)")
    args = parser.parse_args(argv)
    paths = make_corpus(args.count, args.out_dir, seed=args.seed, corpus=args.corpus)
    print(f"wrote {len(paths)} articles to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
