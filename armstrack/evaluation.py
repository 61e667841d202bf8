"""Extraction scored by the rules real articles are judged by (`realdev/score.py`), in-process.

Countries, people, organisations and systems: set F1 per article (names match on normalised
containment or shared words; systems on a shared distinctive word). Deals: supplier and recipient
equal and systems matching; status accuracy over the matched deals. Events: the predicted event's
evidence sentence matches and its date interval lies inside the gold date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from armstrack.learn.corpus import Annotated, GoldDeal, GoldEvent, load_set
from armstrack.records import Extraction

T = TypeVar("T")
U = TypeVar("U")

GENERIC = frozenset(
    """a an and the of for to up on with new more larger follow dozen two three four five six
unnamed unspecified class type system systems air defense defence missile missiles fighter fighters jet jets
aircraft plane planes helicopter helicopters ship ships vessel vessels warship warships corvette corvettes
frigate frigates submarine submarines naval navy tank tanks vehicle vehicles armoured armored drone drones
radar radars unit units equipment weapons arms howitzer howitzers gun guns combat multi mission""".split()
)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _sysnorm(text: str) -> str:
    s = norm(text).replace(" ", "")
    return s[:-1] if s.endswith("s") and any(c.isdigit() for c in s) else s


def _sys_tokens(text: str) -> set[str]:
    return {t for t in norm(text).split() if len(t) >= 3 and not t.isdigit() and t not in GENERIC}


def sys_match(gold: str, pred: str) -> bool:
    """Same system: one normalised name inside the other, or a shared distinctive word."""
    gs, ps = _sysnorm(gold), _sysnorm(pred)
    if not gs or not ps:
        return False
    return gs == ps or gs in ps or ps in gs or bool(_sys_tokens(gold) & _sys_tokens(pred))


def name_match(gold: str, pred: str) -> bool:
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    if g == p or g in p or p in g:
        return True
    gt, pt = set(g.split()), set(p.split())
    return len(gt & pt) >= max(1, min(len(gt), len(pt)))


def deal_match(gold: GoldDeal, supplier: str, recipient: str, system: str) -> bool:
    return (
        gold.supplier == supplier and gold.recipient == recipient and sys_match(gold.system, system)
    )


def match_sets(
    gold: Iterable[T], pred: list[U], eq: Callable[[T, U], bool]
) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    n_gold = 0
    for g in gold:
        n_gold += 1
        for i, p in enumerate(pred):
            if i not in used and eq(g, p):
                used.add(i)
                tp += 1
                break
    return tp, len(pred) - tp, n_gold - tp


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


METRICS = ("countries", "deals", "events", "people", "organizations", "weapon_systems")


@dataclass
class RealScore:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in METRICS})
    status_ok: int = 0
    status_n: int = 0
    gold_deals: int = 0
    pred_deals: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: RealScore) -> None:
        for k, c in other.counts.items():
            self.counts[k].add(c.tp, c.fp, c.fn)
        self.status_ok += other.status_ok
        self.status_n += other.status_n
        self.gold_deals += other.gold_deals
        self.pred_deals += other.pred_deals
        self.misses.extend(other.misses)

    @property
    def status_accuracy(self) -> float:
        return self.status_ok / self.status_n if self.status_n else 0.0

    @property
    def deal_rows(self) -> Counts:
        """Deal rows right with their status, as an analyst reads them."""
        return Counts(
            self.status_ok, self.pred_deals - self.status_ok, self.gold_deals - self.status_ok
        )

    def summary(self) -> dict[str, float]:
        out = {k: round(self.counts[k].f1, 3) for k in METRICS}
        out["status"] = round(self.status_accuracy, 3)
        out["deal_rows"] = round(self.deal_rows.f1, 3)
        out["deal_precision"] = round(self.counts["deals"].precision, 3)
        out["deal_recall"] = round(self.counts["deals"].recall, 3)
        return out

    def lines(self) -> list[str]:
        out = []
        for k in METRICS:
            c = self.counts[k]
            out.append(
                f"{k:<15} F1 {c.f1:.3f}  P {c.precision:.3f}  R {c.recall:.3f}"
                f"  (tp {c.tp}, fp {c.fp}, fn {c.fn})"
            )
        out.append(f"{'status':<15} {self.status_accuracy:.3f} of {self.status_n} found deals")
        rows = self.deal_rows
        out.append(
            f"{'deal rows':<15} F1 {rows.f1:.3f}  P {rows.precision:.3f}  R {rows.recall:.3f}"
            f"  (right with status: {self.status_ok} of {self.gold_deals} gold, {self.pred_deals} predicted)"
        )
        return out


def _pdate(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _sent_match(gold: str, pred: str) -> bool:
    g, p = norm(gold), norm(pred)
    return bool(g) and bool(p) and (g in p or p in g)


def score_doc(doc: dict[str, Any], gold: Annotated) -> RealScore:
    """Score one extraction document (the CLI's JSON) against one annotated article."""
    score = RealScore()
    name = gold.name
    pc = {c.get("iso3") for c in doc.get("countries", []) if c.get("iso3")}
    gc = set(gold.countries)
    score.counts["countries"].add(len(pc & gc), len(pc - gc), len(gc - pc))
    pdl = doc.get("deals", []) or []
    used: set[int] = set()
    tp = 0
    for g in gold.deals:
        for i, p in enumerate(pdl):
            if i in used:
                continue
            if deal_match(g, p.get("supplier", ""), p.get("recipient", ""), p.get("system", "")):
                used.add(i)
                tp += 1
                score.status_n += 1
                score.status_ok += p.get("status") == g.status
                if p.get("status") != g.status:
                    score.misses.append(
                        f"{name}: status {p.get('status')} != {g.status} for "
                        f"{g.supplier}->{g.recipient} {g.system}"
                    )
                break
        else:
            score.misses.append(f"{name}: missed deal {g.supplier}->{g.recipient} {g.system}")
    for i, p in enumerate(pdl):
        if i not in used:
            score.misses.append(
                f"{name}: extra deal {p.get('supplier')}->{p.get('recipient')} {p.get('system')}"
                f" [{p.get('status')}]"
            )
    score.counts["deals"].add(tp, len(pdl) - tp, len(gold.deals) - tp)
    score.gold_deals += len(gold.deals)
    score.pred_deals += len(pdl)

    pev = [e for e in doc.get("events", []) or [] if _pdate((e.get("date") or {}).get("earliest"))]

    def ev_eq(g: GoldEvent, p: dict[str, Any]) -> bool:
        d = p.get("date") or {}
        e = _pdate(d.get("earliest"))
        late = _pdate(d.get("latest")) or e
        sentence = (p.get("evidence") or {}).get("sentence", "")
        if g.whole_sentence:
            same = _sent_match(g.evidence, sentence)
        else:
            same = g.evidence in sentence
        if not same or e is None or late is None:
            return False
        if g.earliest is not None and e < g.earliest:
            return False
        return not (g.latest is not None and late > g.latest)

    used_ev: set[int] = set()
    ev_tp = 0
    for ge in gold.events:
        hit = next((i for i, p in enumerate(pev) if i not in used_ev and ev_eq(ge, p)), None)
        if hit is None:
            score.misses.append(
                f"{name}: missed event {ge.earliest}..{ge.latest} «{ge.evidence[:70]}»"
            )
        else:
            used_ev.add(hit)
            ev_tp += 1
    for i, p in enumerate(pev):
        if i not in used_ev:
            score.misses.append(
                f"{name}: extra event {p.get('type')} {(p.get('date') or {}).get('edtf')}"
                f" «{(p.get('evidence') or {}).get('sentence', '')[:70]}»"
            )
    score.counts["events"].add(ev_tp, len(pev) - ev_tp, len(gold.events) - ev_tp)

    ents = doc.get("entities", []) or []
    for kind, key, golds in (
        ("person", "people", gold.people),
        ("organization", "organizations", gold.organizations),
        ("weapon_system", "weapon_systems", gold.weapon_systems),
    ):
        names = list(
            dict.fromkeys(
                (e.get("canonical") or e.get("name") or "") for e in ents if e.get("kind") == kind
            )
        )
        eq = sys_match if key == "weapon_systems" else name_match
        t = match_sets(golds, names, eq)
        score.counts[key].add(*t)
    return score


def score_extraction(result: Extraction, gold: Annotated) -> RealScore:
    from armstrack.report import extraction_json

    return score_doc(extraction_json(result), gold)


def evaluate(folder: Path) -> RealScore:
    """Extract every annotated article of a folder (either layout, see `learn.corpus`) and score
    it by the real-article rules."""
    from armstrack.extract import extract

    total = RealScore()
    for item in load_set(folder):
        total.add(score_extraction(extract(item.article), item))
    return total
