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
    for i, g in enumerate(gold):
        if deal_match(g, candidate.supplier, candidate.recipient, candidate.system.canonical):
            return i
    return -1


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
