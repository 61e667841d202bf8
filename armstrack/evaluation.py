"""Score extraction against expected-output files written by reading the articles.

An article `NAME.(txt|md|html)` is scored against `NAME.expected.yml` (format in
tests/articles/README.md). Scores are micro-averaged over all articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml

from armstrack.article import load_article
from armstrack.extract import extract
from armstrack.lexicon import fold
from armstrack.records import Extraction

ARTICLE_SUFFIXES = (".txt", ".md", ".html")
T = TypeVar("T")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    tallies: dict[str, Tally] = field(default_factory=dict)
    status_right: int = 0
    status_total: int = 0
    misses: list[str] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def add(self, other: Score) -> None:
        for name, t in other.tallies.items():
            self.tally(name).add(t)
        self.status_right += other.status_right
        self.status_total += other.status_total
        self.misses.extend(other.misses)

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.status_total if self.status_total else 1.0

    def summary(self) -> dict[str, float]:
        out = {f"{name}_f1": round(t.f1, 3) for name, t in sorted(self.tallies.items())}
        out["status_accuracy"] = round(self.status_accuracy, 3)
        return out


def _norm(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").replace(".", "").split())


def _set_tally(expected: Iterable[T], predicted: Iterable[T]) -> tuple[Tally, set[T], set[T]]:
    exp, pred = set(expected), set(predicted)
    return Tally(len(exp & pred), len(pred - exp), len(exp - pred)), exp - pred, pred - exp


def _system_key(name: str) -> str:
    """A gold system name resolved through the weapon lexicon, so aliases count as the same."""
    from armstrack.gazetteer import weapon_lexicon
    from armstrack.lexicon import phrase_key

    lexicon = weapon_lexicon().entries
    # "Mogami" for the "Mogami-class": a ship class is often named without the word.
    entries = lexicon.get(phrase_key(name)) or lexicon.get((*phrase_key(name), "class"))
    return _norm(entries[0].canonical if entries else name)


def _inside(pred: dict[str, Any] | None, gold: dict[str, Any]) -> bool:
    """The predicted interval lies inside the gold one (open gold ends accept anything)."""
    if not pred or (pred.get("earliest") is None and pred.get("latest") is None):
        return False
    ge, gl = gold.get("earliest"), gold.get("latest")
    pe, pl = pred.get("earliest"), pred.get("latest")
    if ge is not None and (pe is None or str(pe) < str(ge)):
        return False
    return not (gl is not None and (pl is None or str(pl) > str(gl)))


def score_article(
    result: Extraction, doc: dict[str, Any], expected: dict[str, Any], name: str
) -> Score:
    score = Score()
    countries = {c["iso3"] for c in doc["countries"]}
    t, missing, extra = _set_tally(expected.get("countries") or [], countries)
    score.tally("country").add(t)
    score.misses += [f"{name}: country missed {c}" for c in sorted(missing)]
    score.misses += [f"{name}: country extra {c}" for c in sorted(extra)]

    gold_deals = {
        (d["supplier"], d["recipient"], _system_key(str(d["system"]))): d
        for d in expected.get("deals") or []
    }
    pred_deals = {(d["supplier"], d["recipient"], _norm(d["system"])): d for d in doc["deals"]}
    t, missing_d, extra_d = _set_tally(gold_deals, pred_deals)
    score.tally("deal").add(t)
    score.misses += [f"{name}: deal missed {k}" for k in sorted(missing_d)]
    score.misses += [f"{name}: deal extra {k}" for k in sorted(extra_d)]
    for key in set(gold_deals) & set(pred_deals):
        score.status_total += 1
        if gold_deals[key]["status"] == pred_deals[key]["status"]:
            score.status_right += 1
        else:
            score.misses.append(
                f"{name}: status {key} expected {gold_deals[key]['status']} got {pred_deals[key]['status']}"
            )

    dated = [
        e for e in doc["events"] if e["date"] and (e["date"]["earliest"] or e["date"]["latest"])
    ]
    used: set[int] = set()
    tally = score.tally("dated_event")
    for gold in expected.get("events") or []:
        needle = " ".join(str(gold.get("evidence_contains", "")).split())
        gold_date = {
            k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in (gold.get("date") or {}).items()
        }
        hit = next(
            (
                i
                for i, e in enumerate(dated)
                if i not in used
                and needle in e["evidence"]["sentence"]
                and _inside(e["date"], gold_date)
            ),
            None,
        )
        if hit is None:
            tally.fn += 1
            score.misses.append(
                f"{name}: event missed {gold.get('type')} {gold_date} «{needle[:50]}»"
            )
        else:
            used.add(hit)
            tally.tp += 1
    tally.fp += len(dated) - len(used)
    for i, e in enumerate(dated):
        if i not in used:
            score.misses.append(
                f"{name}: event extra {e['type']} {e['date']['edtf']} «{e['evidence']['sentence'][:70]}»"
            )

    ents = expected.get("entities") or {}
    for gold_key, kind, label in (
        ("persons", "person", "person"),
        ("organizations", "organization", "organization"),
        ("weapon_systems", "weapon_system", "weapon"),
    ):
        predicted = [e for e in doc["entities"] if e["kind"] == kind]
        resolve = _system_key if kind == "weapon_system" else _norm
        gold_names = {resolve(str(n)) for n in ents.get(gold_key) or []}
        pred_names = {_norm(e["canonical"]) for e in predicted}
        aliases = {_norm(e["name"]): _norm(e["canonical"]) for e in predicted}
        # A gold name written as the surface form counts as found.
        matched = {g for g in gold_names if g in pred_names or g in aliases}
        matched_pred = {aliases.get(g, g) for g in matched}
        t = Tally(len(matched), len(pred_names - matched_pred), len(gold_names - matched))
        score.tally(label).add(t)
        score.misses += [f"{name}: {label} missed {g}" for g in sorted(gold_names - matched)]
        score.misses += [f"{name}: {label} extra {p}" for p in sorted(pred_names - matched_pred)]
    return score


def expected_files(folder: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for expected in sorted(folder.glob("*.expected.yml")):
        stem = expected.name[: -len(".expected.yml")]
        article = next(
            (folder / f"{stem}{s}" for s in ARTICLE_SUFFIXES if (folder / f"{stem}{s}").exists()),
            None,
        )
        if article:
            pairs.append((article, expected))
    return pairs


def evaluate(folder: Path) -> Score:
    from armstrack.report import extraction_json

    total = Score()
    for article_path, expected_path in expected_files(folder):
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8")) or {}
        published = expected.get("published")
        article = load_article(
            article_path, published=published if isinstance(published, date) else None
        )
        result = extract(article)
        total.add(score_article(result, extraction_json(result), expected, article_path.stem))
    return total
