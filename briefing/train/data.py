"""The annotated articles training reads, and their sentences with gold labels.

The tuning sets are found relative to the repository: ``../shared/corpus/dev`` and
``eval/heldout``, ``eval/heldout2``, ``eval/heldout3``. A set whose path names the blind
evaluation set is refused: that set is only ever scored, never learned from.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.article import Article
    from briefing.extract import Analysis

REPO = Path(__file__).resolve().parents[2]
TUNING_SETS = (REPO.parent / "shared" / "corpus" / "dev", REPO / "eval" / "heldout",
               REPO / "eval" / "heldout2", REPO / "eval" / "heldout3")
STATUSES = ("signed", "agreed", "affirmed")


@dataclass
class Sentence:
    """One sentence of an article: its span, its words for the classifier, its gold labels."""

    start: int  # characters
    end: int
    token_start: int  # index of its first token in the parse
    text: str
    words: list[str]  # lower-case lemmas, the classifier's input
    statuses: set[str] = field(default_factory=set)  # statuses of gold commitments in it


@dataclass
class Annotated:
    """An article of a tuning set with its gold annotation and its parse."""

    name: str
    source: str  # the set it comes from
    article: Article
    gold: dict
    analysis: Analysis
    sentences: list[Sentence] = field(default_factory=list)


def tuning_files(sets: tuple[Path, ...] = TUNING_SETS) -> list[tuple[Path, Path]]:
    """``(article, gold)`` paths of every annotated article of the tuning sets."""
    out = []
    for folder in sets:
        if "blind" in folder.resolve().parts:
            raise SystemExit(f"{folder}: the blind set is never used for training")
        for gold in sorted(folder.glob("*.gold.json")):
            text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
            if text.is_file():
                out.append((text, gold))
    return out


def load_annotated(sets: tuple[Path, ...] = TUNING_SETS) -> list[Annotated]:
    """Every annotated article, parsed, with its sentences labelled from the gold evidence."""
    from briefing.extract import analyse
    from briefing.extract.classifier import sentence_words
    from briefing.ingest import read_article

    out = []
    for text_path, gold_path in tuning_files(sets):
        article = read_article(text_path)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        an = analyse(article)
        sentences = [Sentence(s.start_char, s.end_char, s.start, s.text, sentence_words(s))
                     for s in an.doc.sents if s.text.strip()]
        norm = article.norm_text
        for agreement in gold.get("agreements", []):
            for evidence in agreement.get("evidence", []):
                at = norm.find(_plain(evidence))
                if at < 0:
                    continue
                for sent in sentences:
                    if sent.start <= at < sent.end or at <= sent.start < at + len(evidence):
                        sent.statuses.add(agreement["status"])
        out.append(Annotated(text_path.stem, text_path.parent.name, article, gold, an, sentences))
    return out


def _plain(text: str) -> str:
    from briefing.knowledge.text import plain_forms

    return plain_forms(text)
