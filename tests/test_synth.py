"""The synthetic corpus: deterministic, and extracted back to the facts it was built from."""

from __future__ import annotations

from pathlib import Path

from armstrack.evaluation import evaluate
from armstrack.tools.synth import article, write_corpus


def test_same_seed_same_corpus() -> None:
    assert article(3, seed=11) == article(3, seed=11)
    assert article(3, seed=11) != article(4, seed=11)


def test_synthetic_corpus_is_read_back(tmp_path: Path) -> None:
    write_corpus(60, tmp_path, seed=11)
    assert len(list(tmp_path.glob("*.expected.yml"))) == 60
    summary = evaluate(tmp_path).summary()
    assert summary["deals"] >= 0.98
    assert summary["status"] >= 0.98
    assert summary["events"] >= 0.95
    assert summary["countries"] >= 0.99
