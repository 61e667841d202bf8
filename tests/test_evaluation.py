"""Extraction scored against our own articles' expected files. The floors may only go up.

Measured with `python -m armstrack evaluate tests/articles` (40 articles in many outlet styles;
articles 301-312 and 401-410 were written as held-out sets, after the rules they test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrack.evaluation import Score, evaluate, expected_files

ARTICLES = Path(__file__).resolve().parent / "articles"

FLOORS = {
    "country_f1": 0.98,
    "deal_f1": 0.73,
    "dated_event_f1": 0.69,
    "person_f1": 0.90,
    "organization_f1": 0.85,
    "weapon_f1": 0.95,
    "status_accuracy": 0.72,
}


@pytest.fixture(scope="module")
def score() -> Score:
    return evaluate(ARTICLES)


def test_enough_articles() -> None:
    assert len(expected_files(ARTICLES)) >= 15


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS.items()))
def test_floor(score: Score, metric: str, floor: float) -> None:
    assert score.summary()[metric] >= floor, "\n".join(score.misses)
