"""Annotated articles turned into training examples: every deal candidate with its features and
whether annotators listed that deal."""

from __future__ import annotations

from dataclasses import dataclass

from armstrack.evaluation import deal_match
from armstrack.extract.candidates import Candidate
from armstrack.extract.pipeline import Reading, deal_candidates, read_article
from armstrack.learn.corpus import Annotated, GoldDeal


@dataclass
class ArticleExamples:
    annotated: Annotated
    reading: Reading
    candidates: list[Candidate]
    # For each candidate, the index of the gold deal it matches (-1: none).
    gold_index: list[int]

    @property
    def labels(self) -> list[int]:
        return [int(i >= 0) for i in self.gold_index]


def gold_for(candidate: Candidate, gold: list[GoldDeal]) -> int:
    """The annotated deal a candidate is: of those it matches, the one whose system name is
    closest to its own ("K239 Chunmoo" is the K239, not the K2 it also contains)."""
    name = _key(candidate.system.canonical)
    best: tuple[int, int] | None = None
    for i, g in enumerate(gold):
        if deal_match(g, candidate.supplier, candidate.recipient, candidate.system.canonical):
            other = _key(g.system.split("(")[0])
            closeness = 2 if other == name else 1 if (name in other or other in name) else 0
            if best is None or closeness > best[0]:
                best = (closeness, i)
    return best[1] if best else -1


def _key(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def collect(annotated: list[Annotated]) -> list[ArticleExamples]:
    out = []
    for item in annotated:
        reading = read_article(item.article)
        candidates = deal_candidates(reading)
        out.append(
            ArticleExamples(
                item, reading, candidates, [gold_for(c, item.deals) for c in candidates]
            )
        )
    return out


def candidate_recall(examples: list[ArticleExamples]) -> tuple[int, int]:
    """(gold deals some candidate matches, gold deals)."""
    hit = total = 0
    for ex in examples:
        total += len(ex.annotated.deals)
        hit += len({i for i in ex.gold_index if i >= 0})
    return hit, total
