"""A logistic model over sentences whose verdicts combine as a noisy-or: a candidate deal is
likely when any sentence that could report it does. Fitted on labels known only per candidate
(which sentence carries a deal is not annotated), with an L2 penalty; numpy and scipy only."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize


class Vocabulary:
    """Feature names <-> columns."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = sorted(set(names))
        self.index = {n: i for i, n in enumerate(self.names)}

    def matrix(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        out = np.zeros((len(rows), len(self.names)), dtype=np.float64)
        for i, row in enumerate(rows):
            for name, value in row.items():
                j = self.index.get(name)
                if j is not None:
                    out[i, j] = value
        return out


def _softplus(z: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.logaddexp(0.0, z)
    return out


def fit(
    x: np.ndarray,
    bag_of_row: np.ndarray,
    labels: np.ndarray,
    *,
    l2: float = 1.0,
    weights: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """Weights and bias of the instance model. `bag_of_row[i]` is the bag of row i (0..B-1),
    `labels[b]` the bag's 0/1 label, `weights[b]` its weight in the loss."""
    n_bags = len(labels)
    w_bag = np.ones(n_bags) if weights is None else weights
    y = labels.astype(np.float64)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        s = -np.bincount(bag_of_row, weights=_softplus(z), minlength=n_bags)  # log(1 - P)
        s = np.minimum(s, -1e-12)
        log_p = np.log(-np.expm1(s))
        total = -np.sum(w_bag * (y * log_p + (1 - y) * s)) + l2 * float(w @ w)
        d_s = w_bag * (y * np.exp(s) / -np.expm1(s) - (1 - y))
        p = 1.0 / (1.0 + np.exp(-z))
        g_z = -p * d_s[bag_of_row]
        grad = np.concatenate([x.T @ g_z + 2 * l2 * w, [g_z.sum()]])
        return float(total), grad

    theta0 = np.zeros(x.shape[1] + 1)
    theta0[-1] = -3.0
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return result.x[:-1], float(result.x[-1])


def _lse(
    z: np.ndarray, bag_of_row: np.ndarray, n_bags: int, sharpness: float
) -> tuple[np.ndarray, np.ndarray]:
    """A smooth maximum of each bag's logits, and each row's share of it (softmax weights)."""
    top = np.full(n_bags, -np.inf)
    np.maximum.at(top, bag_of_row, z)
    e = np.exp(sharpness * (z - top[bag_of_row]))
    total = np.bincount(bag_of_row, weights=e, minlength=n_bags)
    zbag = top + np.log(total) / sharpness
    return zbag, e / total[bag_of_row]


def fit_max(
    x: np.ndarray,
    bag_of_row: np.ndarray,
    labels: np.ndarray,
    *,
    l2: float = 1.0,
    weights: np.ndarray | None = None,
    sharpness: float = 3.0,
) -> tuple[np.ndarray, float]:
    """As `fit`, but a bag's logit is the smooth maximum of its rows' logits."""
    n_bags = len(labels)
    w_bag = np.ones(n_bags) if weights is None else weights
    y = labels.astype(np.float64)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        zbag, share = _lse(z, bag_of_row, n_bags, sharpness)
        total = float(np.sum(w_bag * (_softplus(zbag) - y * zbag))) + l2 * float(w @ w)
        d_zbag = w_bag * (1.0 / (1.0 + np.exp(-zbag)) - y)
        g_z = d_zbag[bag_of_row] * share
        grad = np.concatenate([x.T @ g_z + 2 * l2 * w, [g_z.sum()]])
        return total, grad

    theta0 = np.zeros(x.shape[1] + 1)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 3000})
    return result.x[:-1], float(result.x[-1])


def bag_probabilities_max(
    x: np.ndarray,
    bag_of_row: np.ndarray,
    n_bags: int,
    w: np.ndarray,
    b: float,
    sharpness: float = 3.0,
) -> np.ndarray:
    zbag, _ = _lse(x @ w + b, bag_of_row, n_bags, sharpness)
    out: np.ndarray = 1.0 / (1.0 + np.exp(-zbag))
    return out


def bag_probabilities(
    x: np.ndarray, bag_of_row: np.ndarray, n_bags: int, w: np.ndarray, b: float
) -> np.ndarray:
    z = x @ w + b
    s = -np.bincount(bag_of_row, weights=_softplus(z), minlength=n_bags)
    out: np.ndarray = -np.expm1(s)
    return out
