"""Extraction scored against our own articles' expected files. The floors may only go up.

Measured with `python -m armstrack evaluate tests/articles` (52 articles in many outlet styles;
articles 301-312, 401-410 and 501-512 were written as held-out sets, blind to the code).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrack.evaluation import Score, evaluate, expected_files

ARTICLES = Path(__file__).resolve().parent / "articles"

FLOORS = {
    "country_f1": 0.98,
    "deal_f1": 0.80,
    "dated_event_f1": 0.70,
    "person_f1": 0.90,
    "organization_f1": 0.86,
    "weapon_f1": 0.95,
    "status_accuracy": 0.77,
}


@pytest.fixture(scope="module")
def score() -> Score:
    return evaluate(ARTICLES)


def test_enough_articles() -> None:
    assert len(expected_files(ARTICLES)) >= 15


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS.items()))
def test_floor(score: Score, metric: str, floor: float) -> None:
    assert score.summary()[metric] >= floor, "\n".join(score.misses)
