"""Reports of one deal merged into the rows an analyst cites: one row per contract.

Every article that reports a supplier → recipient → system is one source (`deal_sources`). The
sources of that triple (its family) are split into contracts by the year each contract was
signed, and each contract becomes one row of `deals`:

- **Status by lifecycle**: the furthest stage that stated reporting reached (rumoured → proposed
  → talks → agreed → signed → delivering → delivered), unless a later report cancels it and no
  report after that revives it. A passing mention never sets a deal back.
- **Dates from the act**: the order date from reports of a signing (or of an agreement, when
  nothing was signed), the delivery date from delivery reports (the first delivery), else the
  latest expected delivery; a report of talks never gives an order date.
- **Sources and reports**: `sources` counts articles, `reports` independent reports (copies of
  one wire story count once).
- **Conflicts** only where reports of the same contract disagree on quantity, value or dates,
  each variant with its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from armstrack import status as ladder
from armstrack.status import CONTRACTED, DELIVERY, stage_rank

_DATE_PARTS = ("text", "earliest", "latest", "precision", "qualifier", "edtf")

# The columns of `deals`, in order (the store creates the table with these).
DEAL_COLUMNS = (
    "id", "supplier", "recipient", "system", "category", "status", "status_history", "quantity",
    "value_amount", "value_currency",
    *(f"order_{p}" for p in _DATE_PARTS), *(f"delivery_{p}" for p in _DATE_PARTS),
    "certainty", "attribution", "article_id", "evidence", "char_start", "char_end",
    "first_reported", "last_reported", "sources", "conflict", "conflict_fields", "confidence",
    "family", "follows", "reports", "conflicts",
)  # fmt: skip

STATUS_RULE = (
    "Status is the furthest stage the reports reached (offer → talks → agreed → signed → "
    "delivering → delivered), or cancelled when a later report says so and none after it "
    "revives the deal; a passing mention never sets a deal back."
)


@dataclass
class Source:
    """One article's report of a deal: a row of `deal_sources` with its outlet and report key."""

    row: dict[str, Any]
    outlet: str
    report: str  # the article, or the first copy of the same wire story

    def __getitem__(self, key: str) -> Any:
        return self.row[key]

    @property
    def published(self) -> date:
        return self.row["published"] or date.min

    @property
    def stage(self) -> int:
        return stage_rank(self.row["status"])

    def year(self, prefix: str) -> int | None:
        """The year of a date that lies within one year, else None."""
        earliest, latest = self.row[f"{prefix}_earliest"], self.row[f"{prefix}_latest"]
        if earliest is None or latest is None or earliest.year != latest.year:
            return None
        return int(earliest.year)


@dataclass
class Contract:
    year: int | None
    sources: list[Source] = field(default_factory=list)

    def quantities(self) -> set[int]:
        return {s["quantity"] for s in self.sources if s["quantity"] is not None}


def _order(s: Source) -> tuple[Any, ...]:
    return (s.published, s["article_id"], s["char_start"] or 0)


def contracts(sources: Iterable[Source]) -> list[Contract]:
    """The contracts of one family, oldest first. A report of a signing with an exact order
    date anchors a contract by its year; a signing in another year is a follow-on order when
    its quantity differs or its sentence says so (additional, another, follow-on, new order).
    Deliveries completed before every anchored signing belong to an earlier contract. Other
    reports join the contract they most likely speak of."""
    ordered = sorted(sources, key=_order)
    anchored: list[Contract] = []
    for s in ordered:
        year = _anchor_year(s)
        if year is None:
            continue
        for c in anchored:
            assert c.year is not None
            other_quantity = (
                s["quantity"] is not None
                and bool(c.quantities())
                and s["quantity"] not in c.quantities()
            )
            if c.year == year or not (other_quantity or _FOLLOW_ON.search(s["evidence"] or "")):
                c.sources.append(s)
                break
        else:
            anchored.append(Contract(year, [s]))
    if not anchored:
        return [Contract(None, ordered)]
    anchored.sort(key=lambda c: c.year or 0)
    placed = {id(s) for c in anchored for s in c.sources}
    earlier: Contract | None = None  # deliveries from before every known signing
    for s in ordered:
        if id(s) in placed:
            continue
        home = _home(s, anchored)
        if home is None:
            earlier = earlier or Contract(None)
            earlier.sources.append(s)
        else:
            home.sources.append(s)
    found = ([earlier] if earlier else []) + anchored
    for c in found:
        c.sources.sort(key=_order)
    return found


# Words that say a signing is a further order, not the first one restated.
_FOLLOW_ON = re.compile(
    r"(?i)\b(?:additional|another|follow[- ]on|further|more|extra|second|third|new order|"
    r"repeat order|top[- ]up|expan\w+|extend\w*|exercis\w+ (?:an|the|its) option)\b"
)


def _anchor_year(s: Source) -> int | None:
    """The order year of a report of a signing (not of a delivery, whose order date is often
    the report's own) dated exactly, else None."""
    if s["status"] not in ("agreed", "signed") or s["order_qualifier"] != "exact":
        return None
    return s.year("order")


def _home(s: Source, anchored: list[Contract]) -> Contract | None:
    """The contract a report that anchors none speaks of (None: one before them all)."""
    ordered = s.year("order") if s["order_qualifier"] == "exact" else None
    same = [c for c in anchored if ordered is not None and c.year == ordered]
    if same:
        return same[0]
    exact = s["delivery_qualifier"] == "exact"
    delivered = s.year("delivery") if s["status"] in DELIVERY and exact else None
    if delivered is not None:
        before = [c for c in anchored if c.year is not None and c.year <= delivered]
        return before[-1] if before else None
    published = s.published.year if s["published"] else None
    if published is None:
        return anchored[-1]
    if s.stage <= stage_rank(ladder.FIRM) and s["status"] != ladder.CANCELLED:
        # Talks and offers lead to the next signing.
        return next((c for c in anchored if (c.year or 0) >= published), anchored[-1])
    before = [c for c in anchored if (c.year or 0) <= published]
    return before[-1] if before else anchored[0]


def lifecycle_status(sources: list[Source]) -> tuple[str, Source]:
    """(status, the report that sets it) by the rule in STATUS_RULE."""
    return ladder.lifecycle_status(
        sources,
        status=lambda s: str(s["status"]),
        stated=lambda s: bool(s["status_stated"]),
        published=lambda s: s.published,
        order=_order,
    )


def _date(s: Source | None, prefix: str) -> list[Any]:
    return [s[f"{prefix}_{p}"] if s else None for p in _DATE_PARTS]


_PRECISION = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5}


def _order_date_source(sources: list[Source], delivered: Source | None) -> Source | None:
    """The report that dates the signing: reports of the signing first, then of an agreement,
    then of deliveries (only a date well before the report, and never after the delivery)."""
    dated = [s for s in sources if s["order_edtf"] is not None]
    first_delivery = (
        delivered["delivery_latest"] if delivered and delivered["status"] in DELIVERY else None
    )
    for kinds in (("signed",), ("agreed",), tuple(DELIVERY)):
        acts = [
            s
            for s in dated
            if s["status"] in kinds
            and (kinds != tuple(DELIVERY) or _well_before(s["order_latest"], s["published"]))
            and not (
                first_delivery and s["order_earliest"] and s["order_earliest"] > first_delivery
            )
        ]
        if acts:
            return min(acts, key=lambda s: (_PRECISION.get(s["order_precision"], 9), _order(s)))
    return None


def _well_before(when: date | None, published: date | None) -> bool:
    return when is not None and published is not None and (published - when).days > 30


def _delivery_date_source(sources: list[Source]) -> Source | None:
    dated = [s for s in sources if s["delivery_edtf"] is not None]
    actual = [s for s in dated if s["status"] in DELIVERY]
    if actual:
        # The first delivery, as precisely as known: the interval that ends first.
        return min(
            actual,
            key=lambda s: (
                s["delivery_latest"] or date.max,
                s["delivery_earliest"] or date.min,
                _order(s),
            ),
        )
    return max(dated, key=_order) if dated else None


def _label(s: Source) -> str:
    when = s["published"].isoformat() if s["published"] else "undated"
    return f"{s.outlet or 'unnamed outlet'}, {when}"


def _variants(sources: list[Source], column: str, show: Any = str) -> str:
    """'24 (Outlet, 2022-06-20); 28 (Other, 2024-11-05)' when reports disagree, else ''."""
    seen: dict[Any, list[str]] = {}
    for s in sources:
        value = s[column]
        if value is not None:
            seen.setdefault(value, []).append(_label(s))
    if len(seen) < 2:
        return ""
    return "; ".join(f"{show(v)} ({', '.join(where)})" for v, where in seen.items())


def _date_variants(sources: list[Source], prefix: str) -> str:
    """Each date with its sources when two reports give dates that cannot both be right (their
    intervals do not overlap: "June 2022" and "May 2022", not "2019" and "July 2019")."""
    dated = [s for s in sources if s[f"{prefix}_earliest"] and s[f"{prefix}_latest"]]
    # Some two intervals are disjoint exactly when one ends before another starts.
    apart = bool(dated) and min(s[f"{prefix}_latest"] for s in dated) < max(
        s[f"{prefix}_earliest"] for s in dated
    )
    return _variants(dated, f"{prefix}_edtf") if apart else ""


def _latest(sources: list[Source], column: str) -> Source | None:
    """The latest report of a value, reports of the deal itself (agreed, signed) first."""
    known = [s for s in sources if s[column] is not None]
    for stages in (("agreed", "signed"), CONTRACTED | {"agreed"}):
        firm = [s for s in known if s["status"] in stages]
        if firm:
            return max(firm, key=_order)
    return max(known, key=_order) if known else None


def _ordered_quantities(sources: list[Source]) -> list[Source]:
    """The reports whose quantity is the order's: a delivery report's smaller number is the
    part delivered so far, no disagreement."""
    ordered = [s["quantity"] for s in sources if s["status"] in ("agreed", "signed")]
    most = max((q for q in ordered if q is not None), default=None)
    return [
        s
        for s in sources
        if not (
            s["status"] in DELIVERY and most and s["quantity"] is not None and s["quantity"] < most
        )
    ]


def contract_row(family: str, contract_id: str, follows: str | None, c: Contract) -> list[Any]:
    """One row of `deals`, in DEAL_COLUMNS order."""
    sources = c.sources
    status, setter = lifecycle_status(sources)
    firm = [
        s for s in sources if s.stage >= stage_rank(ladder.FIRM) or s["status"] == ladder.CANCELLED
    ]
    exact_orders = [s for s in firm if s["order_qualifier"] == "exact"]
    exact_deliveries = [
        s for s in firm if s["delivery_qualifier"] == "exact" and s["status"] in DELIVERY
    ]
    conflicts = {
        "quantity": _variants(_ordered_quantities(firm), "quantity"),
        "value": _variants(firm, "value_amount", lambda v: f"{v:,.0f}"),
        "order_date": _date_variants(exact_orders, "order"),
        "delivery_date": _date_variants(exact_deliveries, "delivery"),
    }
    disputed = [name for name, text in conflicts.items() if text]
    history = " → ".join(
        f"{s['status']} ({_label(s)}{'' if s['status_stated'] else ', in passing'})"
        for s in sources
    )
    quantity = _latest(sources, "quantity")
    value = _latest(sources, "value_amount")
    published = [s["published"] for s in sources if s["published"]]
    delivered = _delivery_date_source(sources)
    ordered = _order_date_source(sources, delivered)
    if (
        delivered is not None
        and delivered["status"] not in DELIVERY
        and ordered is not None
        and delivered["delivery_latest"] is not None
        and ordered["order_earliest"] is not None
        and delivered["delivery_latest"] < ordered["order_earliest"]
    ):
        delivered = None  # an expected delivery before the order was read wrong
    return [
        contract_id, setter["supplier"], setter["recipient"], setter["system"],
        setter["category"], status, history,
        quantity["quantity"] if quantity else None,
        value["value_amount"] if value else None, value["value_currency"] if value else None,
        *_date(ordered, "order"),
        *_date(delivered, "delivery"),
        setter["certainty"], setter["attribution"], setter["article_id"], setter["evidence"],
        setter["char_start"], setter["char_end"],
        min(published, default=None), max(published, default=None),
        len({s["article_id"] for s in sources}), bool(disputed), ", ".join(disputed),
        max((s["confidence"] for s in sources if s["confidence"] is not None), default=None),
        family, follows, len({s.report for s in sources}),
        " | ".join(f"{name}: {text}" for name, text in conflicts.items() if text),
    ]  # fmt: skip


def merge_family(family: str, sources: list[Source]) -> list[tuple[list[Any], list[Source]]]:
    """(deal row, its sources) for every contract of one family. The first contract keeps the
    family's id, so links to a deal survive a follow-on order being reported."""
    out: list[tuple[list[Any], list[Source]]] = []
    previous: str | None = None
    for i, c in enumerate(contracts(sources)):
        contract_id = family if i == 0 else f"{family}-{c.year or i}"
        out.append((contract_row(family, contract_id, previous, c), c.sources))
        previous = contract_id
    return out
