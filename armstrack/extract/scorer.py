"""The fitted models extraction reads: weights in small JSON files under `data/models/`, written by
`python -m armstrack train` and applied here with plain arithmetic (no fitting library at run time).

- `deals.json`: a logistic model over a candidate's sentences; a candidate's logit is the smooth
  maximum of its sentences' logits, its confidence the logistic of that. Candidates at or above
  `threshold` are reported as deals; those at or above `review_floor` are kept for review.
- `events.json`: a logistic model over every dated happening a sentence could report.
- `status.json`: a multinomial logistic model over a deal's stage features, one weight vector
  per status.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).resolve().parents[2] / "data" / "models"


@dataclass(frozen=True)
class DealModel:
    weights: dict[str, float]
    bias: float
    sharpness: float
    threshold: float
    review_floor: float
    # Platt scaling of the smooth-maximum logit, fitted on held-out articles, so that a
    # confidence of 0.7 is right about 70% of the time.
    calibration: tuple[float, float] = (1.0, 0.0)

    def logit(self, features: dict[str, float]) -> float:
        get = self.weights.get
        total = self.bias
        for name, value in features.items():
            weight = get(name)
            if weight is not None:
                total += weight * value
        return total

    def score(self, parts: tuple[dict[str, float], ...], memo: dict[int, float]) -> float:
        """The logit of features given in parts; each part's sum is remembered in `memo` by
        identity (parts are shared between the candidates of a sentence)."""
        total = self.bias
        for part in parts:
            key = id(part)
            value = memo.get(key)
            if value is None:
                value = self.logit(part) - self.bias
                memo[key] = value
            total += value
        return total

    def combine(self, logits: list[float]) -> float:
        """The candidate's probability from its sentences' logits (a smooth maximum)."""
        if not logits:
            return 0.0
        return _sigmoid(self.calibration[0] * self.raw(logits) + self.calibration[1])

    def raw(self, logits: list[float]) -> float:
        """The smooth maximum of a candidate's sentence logits."""
        top = max(logits)
        total = sum(math.exp(self.sharpness * (z - top)) for z in logits)
        return top + math.log(total) / self.sharpness


@dataclass(frozen=True)
class StatusModel:
    classes: tuple[str, ...]
    weights: dict[str, dict[str, float]]  # class -> feature -> weight
    bias: dict[str, float]

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = {}
        for c in self.classes:
            get = self.weights[c].get
            total = self.bias.get(c, 0.0)
            for name, value in features.items():
                weight = get(name)
                if weight is not None:
                    total += weight * value
            scores[c] = total
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: e / total for c, e in exp.items()}


@dataclass(frozen=True)
class EventModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        w = self.weights
        return _sigmoid(self.bias + sum(w.get(n, 0.0) * v for n, v in features.items()))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _read(name: str, folder: Path | None) -> dict[str, Any] | None:
    path = (folder or MODELS_DIR) / name
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def deal_model_from(data: dict[str, Any]) -> DealModel:
    return DealModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        sharpness=float(data["sharpness"]),
        threshold=float(data["threshold"]),
        review_floor=float(data["review_floor"]),
        calibration=tuple(float(x) for x in data.get("calibration", (1.0, 0.0)))[:2],  # type: ignore[arg-type]
    )


def status_model_from(data: dict[str, Any]) -> StatusModel:
    classes = tuple(str(c) for c in data["classes"])
    return StatusModel(
        classes=classes,
        weights={c: {str(k): float(v) for k, v in data["weights"][c].items()} for c in classes},
        bias={c: float(data["bias"][c]) for c in classes},
    )


def event_model_from(data: dict[str, Any]) -> EventModel:
    return EventModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )


@cache
def event_model(folder: Path | None = None) -> EventModel | None:
    data = _read("events.json", folder)
    return event_model_from(data) if data else None


@cache
def deal_model(folder: Path | None = None) -> DealModel | None:
    data = _read("deals.json", folder)
    return deal_model_from(data) if data else None


@cache
def status_model(folder: Path | None = None) -> StatusModel | None:
    data = _read("status.json", folder)
    return status_model_from(data) if data else None
